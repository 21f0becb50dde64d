// The policy objects a stack's Pulumi program would create in the cluster, through the program's own
// pure steps (designStack, then designInCluster, as components/program.ts calls them), with the
// ingress backends that baseline opens. Shared by `aksnet reach --stack` and the plan's connectivity.
import { designStack } from '../design/stackDesign';
import { ingressBackendsFor } from '../design/ingress/policy';
import { designInCluster } from '../design/policyDesign';
import type { StackFinding } from '../design/stackFindings';
import type { IngressBackend, PolicyObject } from '../netpol/baseline';
import type { StackInput } from './loadStacks';

export type StackPolicy = { ok: true; objects: PolicyObject[]; backends: IngressBackend[] } | { ok: false; findings: StackFinding[] };

export function stackPolicy(input: StackInput): StackPolicy {
  const designed = designStack({ stack: input.stack, networkRaw: input.networkRaw, clusterRaw: input.clusterRaw, ingressRaw: input.ingressRaw, ingressRetiringRaw: input.ingressRetiringRaw, policyRaw: input.policyRaw });
  if (!designed.ok) return designed;
  // in step with buildStack: the routed backends of aks-networking:ingress get their allow rules
  const ingress = designed.design.ingress;
  const backends = [ingress, designed.design.ingressRetiring].flatMap((d) => (d ? ingressBackendsFor(d.settings, d.plan) : []));
  const result = designInCluster(designed.design.plan, input.policyRaw, backends, { privateApiServer: designed.design.cluster.apiServer.private });
  return result.ok ? { ok: true, objects: result.design.objects, backends } : result;
}
