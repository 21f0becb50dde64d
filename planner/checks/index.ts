import type { PlanContext } from '../context';
import type { Finding } from '../findings';
import { checkAddressing } from './addressing';
import { checkCapacity } from './capacity';
import { checkCompatibility } from './compatibility';
import { checkEgressRoute } from './egress';
import { checkLimits } from './limits';
import { checkNames } from './names';

/** Every check, capacity first: exhaustion is what the planner exists to catch. */
export function runChecks(ctx: PlanContext): Finding[] {
  // appended in place (the forecast runs this hundreds of times; spreading six arrays costs more)
  const findings = checkCapacity(ctx);
  for (const more of [checkAddressing(ctx), checkLimits(ctx), checkCompatibility(ctx), checkEgressRoute(ctx), checkNames(ctx)]) for (const f of more) findings.push(f);
  return findings;
}
