// What the renderers draw: one or more planned stacks and the findings between them.
import type { Finding } from '../planner/findings';
import type { Connection, ReachSummary } from '../netpol/connectivity';
import type { Plan } from '../planner/types';
import type { ResolvedByoCni } from '../planner/validate';

export interface StackReport {
  stack: string;
  file: string;
  plan: Plan;
  /** the BYO CNI's IPAM settings, for pricing nodes again in the HTML forecast chart */
  byoCni?: ResolvedByoCni;
  /** with `aks-networking:policy`, in JSON plans only: the reach matrix over representative endpoints (netpol/connectivity.ts) */
  connectivity?: Connection[];
  /** with `connectivity`: its inputs, so `aksnet diff` evaluates both sides over one endpoint set */
  reach?: ReachSummary;
}

export interface PlanReport {
  stacks: StackReport[];
  crossStackFindings: Finding[];
}

export function reportOk(report: PlanReport): boolean {
  return report.stacks.every((s) => s.plan.ok) && !report.crossStackFindings.some((f) => f.severity === 'error');
}
