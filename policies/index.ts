// CrossGuard policy pack: `pulumi preview --policy-pack policies` (from the repo root, after `npm ci`).
// The rules live in rules/, the policy list in pack.ts.
import { PolicyPack } from '@pulumi/policy';
import { POLICY_PACK_NAME, policies } from './pack';

new PolicyPack(POLICY_PACK_NAME, {
  description: 'AKS networking: subnet sizing with the aksnet planner, CIDR overlaps, network policy, node and API server exposure, kubenet routes, NSG rules, ingress-nginx',
  provider: 'azure',
  policies,
});
