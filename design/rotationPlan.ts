// The plan of the moment a pool rotates: both the new pool (at full scale) and the old one (at its
// deployed maxCount) hold addresses until the old one is deleted at the end of `pulumi up`. Errors
// that only this moment has are the rotation's: SUBNET_EXHAUSTED, POD_CIDR_EXHAUSTED, NODE_LIMIT...
// Pure.
import { countOf } from '../planner/findings';
import { planNetwork, type PlanOptions } from '../planner/plan';
import { withLeavingPools, type LeavingPool } from '../planner/rotation';
import type { Plan } from '../planner/types';
import { validateNetworkConfig } from '../planner/validate';
import type { DeployedSettings } from './deployedSettings';
import { fromPlanFinding, type StackFinding } from './stackFindings';

/** Pools whose Azure name changes, other than the one created with the cluster (that one is a CLUSTER_REPLACEMENT). */
export function leavingPools(previous: DeployedSettings | undefined, current: DeployedSettings, plan: Plan): LeavingPool[] {
  if (!previous) return [];
  const now = new Map(current.pools.map((p) => [p.name, p]));
  const planned = new Map(plan.pools.map((p) => [p.name, p]));
  return previous.pools
    .filter((old) => old.name !== previous.bootstrapPool && now.has(old.name) && now.get(old.name)!.agentPoolName !== old.agentPoolName)
    .map((old) => ({
      name: old.name,
      agentPoolName: old.agentPoolName,
      osType: old.osType,
      vmSize: old.vmSize,
      maxPods: old.maxPods,
      subnet: old.subnet,
      ...(old.podSubnet ? { podSubnet: old.podSubnet } : {}),
      // settings written before maxNodes was exported: assume the old pool was as large as the new one
      maxNodes: old.maxNodes ?? planned.get(old.name)!.maxNodes,
    }));
}

/** Error findings of the rotation moment that the plan itself does not have. */
export function rotationFindings(networkRaw: unknown, plan: Plan, leaving: readonly LeavingPool[], options: PlanOptions = {}): StackFinding[] {
  if (leaving.length === 0) return [];
  const validated = validateNetworkConfig(networkRaw);
  if (!validated.ok) return [];
  const cidrs = Object.fromEntries(plan.subnets.filter((s) => s.cidr).map((s) => [s.name, s.cidr!]));
  // the same other tenants as the plan (the internal ingress IP)
  const moment = planNetwork(withLeavingPools(validated.network, leaving, cidrs), options);
  const known = new Set(plan.findings.map((f) => `${f.severity} ${f.code} ${f.path}`));
  const during = leaving.map((l) => `${l.name} (${l.agentPoolName}, ${countOf(l.maxNodes, 'node')}, leaving)`).join(', ');
  return moment.findings
    .filter((f) => f.severity === 'error' && !known.has(`${f.severity} ${f.code} ${f.path}`))
    .map((f) => ({ ...fromPlanFinding(f), message: `while pools rotate, the old pools ${during} still hold their addresses next to the new ones: ${f.message}` }));
}
