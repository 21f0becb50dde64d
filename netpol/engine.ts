// Which network policy engine a planned stack runs, the input generatePolicyObjects needs to tell
// a baseline that is enforced from one that is only stored. Pure.
//
//   AKS-managed:  networkPolicy calico | cilium | azure (Azure NPM)
//   BYO CNI:      plugin none + byoCni calico | cilium enforce policy themselves; flannel and weave do not
import type { NetworkSummary } from '../planner/types';
import type { PolicyContext, PolicyEngine } from './baseline';

/**
 * The Calico version a BYO Calico stack runs: the tigera-operator chart version that
 * design/cniCharts.ts pins (it decides which Calico objects exist, e.g. tiers). Kept here, below
 * the design layer, because the policy engine needs it and netpol/ may not import design/.
 */
export const BYO_CALICO_VERSION = 'v3.30.7';

export function policyEngineOf(network: Pick<NetworkSummary, 'plugin' | 'byoCni' | 'networkPolicy'>): Pick<PolicyContext, 'engine' | 'engineLabel' | 'calicoVersion'> {
  if (network.plugin === 'none') {
    const byo = network.byoCni ?? 'unknown';
    if (byo === 'calico') return { engine: 'calico', engineLabel: 'Calico (BYO CNI, tigera-operator chart)', calicoVersion: BYO_CALICO_VERSION };
    if (byo === 'cilium') return { engine: 'cilium', engineLabel: 'Cilium (BYO CNI chart)' };
    return { engine: 'none', engineLabel: `none (BYO CNI ${byo} enforces no NetworkPolicy)` };
  }
  const engine = (['calico', 'cilium', 'azure'] as const).find((e) => e === network.networkPolicy);
  if (!engine) return { engine: 'none', engineLabel: 'none (networkPolicy: none)' };
  const names: Record<Exclude<PolicyEngine, 'none'>, string> = { calico: 'Calico', cilium: 'Cilium', azure: 'Azure NPM' };
  return { engine, engineLabel: `${names[engine]} (networkPolicy: ${engine})` };
}
