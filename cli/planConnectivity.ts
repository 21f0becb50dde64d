// `connectivity` of a stack with `aks-networking:policy` in `aksnet plan --format json` (netpol/connectivity.ts).
// Loaded from the netpol bundle (dist/netpol.js) only when a stack declares policy, so a plan of
// stacks without policy starts as before.
import { connectivity, connectivityOver, diffReachSummaries, representativePods, unionPods, type Connection, type ReachSummary } from '../netpol/connectivity';
import { validatePolicyConfig } from '../netpol/policyConfig';
import { EndpointError } from '../netpol/reachEndpoints';
import { parsePods, ReachInputError } from '../netpol/reachInput';
import { PolicyModelError, type ReachEngine } from '../netpol/reachPolicies';
import type { StackInput } from './loadStacks';
import { stackPolicy } from './stackPolicy';

/**
 * The stack's connectivity, or undefined when its program would refuse the stack (the policy config
 * or the objects it generates are unusable: `aksnet reach --stack` and `synth` report why).
 */
export function stackConnectivity(input: StackInput): { connectivity: Connection[]; reach: ReachSummary } | undefined {
  const config = validatePolicyConfig(input.policyRaw);
  const policy = stackPolicy(input);
  if (!config.ok || !policy.ok || policy.engine === 'none') return undefined;
  const engine = policy.engine === 'azure' ? 'azure-npm' : policy.engine;
  return {
    connectivity: connectivity(policy.objects, config.config, policy.backends, engine),
    reach: { engine, objects: policy.objects, pods: representativePods(config.config, policy.backends) },
  };
}

/** diffReachSummaries over two plans' `reach`, or which side's input is unusable and why. */
export function diffPlanReach(
  base: { engine: ReachEngine; objects: unknown[]; pods: unknown },
  head: { engine: ReachEngine; objects: unknown[]; pods: unknown },
): { ok: true; diff: { gained: Connection[]; lost: Connection[] } } | { ok: false; side: 'base' | 'head'; path: string; message: string } {
  const sides: ReachSummary[] = [];
  for (const [side, r] of [['base', base], ['head', head]] as const) {
    try {
      sides.push({ engine: r.engine, objects: r.objects, pods: parsePods(r.pods) });
    } catch (e) {
      if (e instanceof ReachInputError) return { ok: false, side, path: `pods${e.path ? `.${e.path}` : ''}`, message: e.message };
      throw e;
    }
  }
  // each side's objects over the union of pods: an object the evaluator cannot use names its side
  const pods = unionPods(sides[0].pods, sides[1].pods);
  for (const [i, side] of [[0, 'base'], [1, 'head']] as const) {
    try {
      connectivityOver(sides[i].objects, pods, sides[i].engine);
    } catch (e) {
      if (e instanceof PolicyModelError || e instanceof EndpointError) return { ok: false, side, path: 'objects', message: e.message };
      throw e;
    }
  }
  return { ok: true, diff: diffReachSummaries(sides[0], sides[1]) };
}
