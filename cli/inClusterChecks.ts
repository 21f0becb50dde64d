// The in-cluster half of the program's checks for `aksnet plan` (cli/stackChecks.ts): designInCluster
// on the stack as buildStack calls it. In the netpol bundle (ajv, kubernetes-models), loaded only for
// stacks with policy or a BYO CNI.
import { designStack } from '../design/stackDesign';
import { ingressBackendsFor } from '../design/ingress/policy';
import { designInCluster } from '../design/policyDesign';
import type { StackFinding } from '../design/stackFindings';
import type { StackInput } from './loadStacks';

export function inClusterFindings(input: StackInput): StackFinding[] {
  const designed = designStack({ stack: input.stack, networkRaw: input.networkRaw, clusterRaw: input.clusterRaw, ingressRaw: input.ingressRaw, policyRaw: input.policyRaw });
  if (!designed.ok) return [];
  const ingress = designed.design.ingress;
  const result = designInCluster(designed.design.plan, input.policyRaw, ingress ? ingressBackendsFor(ingress.settings) : [], { privateApiServer: designed.design.cluster.apiServer.private });
  return result.ok ? result.design.findings : result.findings;
}
