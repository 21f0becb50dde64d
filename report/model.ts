// What the renderers draw: one or more planned stacks and the findings between them.
import type { Finding } from '../planner/findings';
import type { Plan } from '../planner/types';

export interface StackReport {
  stack: string;
  file: string;
  plan: Plan;
}

export interface PlanReport {
  stacks: StackReport[];
  crossStackFindings: Finding[];
}

export function reportOk(report: PlanReport): boolean {
  return report.stacks.every((s) => s.plan.ok) && !report.crossStackFindings.some((f) => f.severity === 'error');
}
