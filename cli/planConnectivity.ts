// `connectivity` of a stack with `aks-networking:policy` in `aksnet plan --format json` (netpol/connectivity.ts).
// Loaded from the netpol bundle (dist/netpol.js) only when a stack declares policy, so a plan of
// stacks without policy starts as before.
import { connectivity, type Connection } from '../netpol/connectivity';
import { validatePolicyConfig } from '../netpol/policyConfig';
import type { StackInput } from './loadStacks';
import { stackPolicy } from './stackPolicy';

/**
 * The stack's connectivity, or undefined when its program would refuse the stack (the policy config
 * or the objects it generates are unusable: `aksnet reach --stack` and `synth` report why).
 */
export function stackConnectivity(input: StackInput): Connection[] | undefined {
  const config = validatePolicyConfig(input.policyRaw);
  const policy = stackPolicy(input);
  if (!config.ok || !policy.ok) return undefined;
  return connectivity(policy.objects, config.config, policy.backends);
}
