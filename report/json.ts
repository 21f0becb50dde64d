// JSON contract of `aksnet plan --format json`: one plan object for one stack; for several,
// { ok, stacks: { <name>: plan }, findings: [cross-stack findings] }.
// Each pool also carries `agentPoolName`, the Azure node pool name the Pulumi program gives it (it
// changes exactly when the pool must be rotated), so `aksnet diff` can show rotations offline.
import { agentPoolName, podIpAllocationFor, poolIdentity } from '../design/nodePoolName';
import type { Plan } from '../planner/types';
import { type PlanReport, reportOk, type StackReport } from './model';

/** One plan as JSON reports carry it (`aksnet plan`, and `before`/`after` of `aksnet migrate`). */
export function planToJson(plan: Plan): unknown {
  return withAzurePoolNames(plan);
}

export function renderJson(report: PlanReport): string {
  if (report.stacks.length === 1 && report.crossStackFindings.length === 0) {
    // a one-stack plan names its stack, so `aksnet diff` can call it by its name
    const s = report.stacks[0];
    return JSON.stringify({ stack: s.stack, ...(stackToJson(s) as object) }, null, 2);
  }
  const stacks = Object.fromEntries(report.stacks.map((s) => [s.stack, stackToJson(s)]));
  return JSON.stringify({ ok: reportOk(report), stacks, findings: report.crossStackFindings }, null, 2);
}

/** A stack's plan, and its `connectivity` when it has policy (what `aksnet diff` compares as reachability). */
function stackToJson(s: StackReport): unknown {
  return s.connectivity ? { ...(planToJson(s.plan) as object), connectivity: s.connectivity, ...(s.reach ? { reach: s.reach } : {}) } : planToJson(s.plan);
}

export function withAzurePoolNames(plan: Plan): Plan & { pools: (Plan['pools'][number] & { agentPoolName: string })[] } {
  const mode = podIpAllocationFor(plan.network.plugin);
  return { ...plan, pools: plan.pools.map((p) => ({ ...p, agentPoolName: agentPoolName(poolIdentity(p, mode)) })) };
}
