// The policy objects a stack's Pulumi program would create in the cluster, through the program's own
// pure steps (designStack, then designInCluster, as components/program.ts calls them), with the
// ingress backends that baseline opens. Shared by `aksnet reach --stack` and the plan's connectivity.
import { designStack } from '../design/stackDesign';
import { ingressBackendsFor } from '../design/ingress/policy';
import { designInCluster } from '../design/policyDesign';
import type { StackFinding } from '../design/stackFindings';
import type { IngressBackend, PolicyEngine, PolicyObject } from '../netpol/baseline';
import { policyEngineOf } from '../netpol/engine';
import { validatePolicyConfig } from '../netpol/policyConfig';
import type { StackInput } from './loadStacks';

export type StackPolicy =
  | { ok: true; objects: PolicyObject[]; backends: IngressBackend[]; engine: PolicyEngine; engineLabel: string; calicoVersion?: string }
  | { ok: false; findings: StackFinding[] };

export function stackPolicy(input: StackInput): StackPolicy {
  // only the policy objects are read here, never a dated finding's text, so the clock is good enough
  const designed = designStack({ today: new Date(), stack: input.stack, networkRaw: input.networkRaw, clusterRaw: input.clusterRaw, ingressRaw: input.ingressRaw, ingressRetiringRaw: input.ingressRetiringRaw, policyRaw: input.policyRaw });
  if (!designed.ok) return designed;
  // in step with buildStack: the routed backends of aks-networking:ingress get their allow rules
  const ingress = designed.design.ingress;
  const backends = [ingress, designed.design.ingressRetiring].flatMap((d) => (d ? ingressBackendsFor(d.settings, d.plan) : []));
  const result = designInCluster(designed.design.plan, input.policyRaw, backends, { privateApiServer: designed.design.cluster.apiServer.private });
  if (!result.ok) return result;
  const engine = policyEngineOf(designed.design.plan.network);
  const config = validatePolicyConfig(input.policyRaw);
  // the BYO chart pins Calico; on AKS-managed Calico the config says which version runs (global.calicoVersion)
  const calicoVersion = engine.calicoVersion ?? (config.ok ? config.config.global?.calicoVersion : undefined);
  return { ok: true, objects: result.design.objects, backends, engine: engine.engine, engineLabel: engine.engineLabel ?? engine.engine, ...(calicoVersion ? { calicoVersion } : {}) };
}
