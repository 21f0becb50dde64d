// The Pulumi program's own checks for `aksnet plan` (cli/stackChecks.ts): designStack, then
// designInCluster, on the stack as components/program.ts buildStack calls them, with every finding.
// In the netpol bundle (dist/netpol.js: ajv, the Calico schemas, kubernetes-models, which the
// Ingress and policy object checks use), so the main bundle stays lean.
import { designStack } from '../design/stackDesign';
import { ingressBackendsFor } from '../design/ingress/policy';
import { designInCluster } from '../design/policyDesign';
import type { StackFinding } from '../design/stackFindings';
import type { StackInput } from './loadStacks';

/** `today`: the date `--today` pins (end-of-support findings count from it, as the lifecycle checks do). */
export function programFindings(input: StackInput, today: Date): StackFinding[] {
  const designed = designStack({
    today,
    stack: input.stack,
    networkRaw: input.networkRaw,
    clusterRaw: input.clusterRaw,
    ingressRaw: input.ingressRaw,
    policyRaw: input.policyRaw,
    windowsAdminPasswordSet: input.windowsAdminPasswordSet ?? false,
    ...(input.providerLocation ? { providerLocation: input.providerLocation } : {}),
  });
  if (!designed.ok) return designed.findings;
  const { design } = designed;
  // in step with buildStack: the routed backends of aks-networking:ingress get their allow rules
  const ingress = design.ingress;
  const inCluster = designInCluster(design.plan, input.policyRaw, ingress ? ingressBackendsFor(ingress.settings) : [], { privateApiServer: design.cluster.apiServer.private });
  return [...design.findings, ...(inCluster.ok ? inCluster.design.findings : inCluster.findings)];
}
