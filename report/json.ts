// JSON contract of `aksnet plan --format json`: one plan object for one stack; for several,
// { ok, stacks: { <name>: plan }, findings: [cross-stack findings] }.
import type { Plan } from '../planner/types';
import { type PlanReport, reportOk } from './model';

/** One plan as JSON reports carry it (`aksnet plan`, and `before`/`after` of `aksnet migrate`). */
export function planToJson(plan: Plan): unknown {
  return plan;
}

export function renderJson(report: PlanReport): string {
  if (report.stacks.length === 1 && report.crossStackFindings.length === 0) {
    return JSON.stringify(planToJson(report.stacks[0].plan), null, 2);
  }
  const stacks = Object.fromEntries(report.stacks.map((s) => [s.stack, planToJson(s.plan)]));
  return JSON.stringify({ ok: reportOk(report), stacks, findings: report.crossStackFindings }, null, 2);
}
