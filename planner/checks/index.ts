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
  return [...checkCapacity(ctx), ...checkAddressing(ctx), ...checkLimits(ctx), ...checkCompatibility(ctx), ...checkEgressRoute(ctx), ...checkNames(ctx)];
}
