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
  // concat: the forecast runs this hundreds of times, in V8's interpreter when the CLI does, where
  // spreading or iterating six arrays costs several times Array.prototype.concat
  return checkCapacity(ctx).concat(checkAddressing(ctx), checkLimits(ctx), checkCompatibility(ctx), checkEgressRoute(ctx), checkNames(ctx));
}
