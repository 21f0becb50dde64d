// A pool rotation (a pool whose fixed settings change gets a new Azure node pool, created before the
// old one is deleted) holds both pools' addresses at once. The plan of that moment is the normal
// network plus each leaving pool, at its deployed size, without surge (it is drained, not
// upgraded), in the subnets and pod ranges it was deployed to.
//
//   planNetwork(withLeavingPools(network, leaving))
//
// Pure, and outside plan.ts: the planner itself never knows about deployments.
import { parseCidr } from './cidr';
import type { ResolvedNetwork, ResolvedPool } from './validate';

export interface LeavingPool {
  /** config name of the pool that rotates */
  name: string;
  /** the Azure node pool being replaced */
  agentPoolName: string;
  osType: 'Linux' | 'Windows';
  vmSize: string;
  maxPods: number;
  subnet: string;
  podSubnet?: string;
  /** its deployed maximum node count */
  maxNodes: number;
}

/**
 * The leaving pools as extra User pools (so System-pool rules still judge only the config's pools).
 * `subnetCidrs` are the planned ranges by subnet name: deployed subnets do not move, so every subnet
 * is pinned to them and the extra demand can only exhaust, never re-carve.
 */
export function withLeavingPools(network: ResolvedNetwork, leaving: readonly LeavingPool[], subnetCidrs: Record<string, string>): ResolvedNetwork {
  const subnets = new Set(network.subnets.map((s) => s.name));
  const pinned = network.subnets.map((s) => {
    const parsed = subnetCidrs[s.name] ? parseCidr(subnetCidrs[s.name]) : undefined;
    return parsed?.ok ? { ...s, cidr: parsed.cidr } : s;
  });
  const extra = leaving
    // a subnet that is gone from the config is no longer planned; its pool holds nothing we plan
    .filter((l) => subnets.has(l.subnet) && (l.podSubnet === undefined || subnets.has(l.podSubnet)))
    .map((l): ResolvedPool => {
      const replacing = network.pools.find((p) => p.name === l.name);
      return {
        // findings about the moment point at the pool whose change causes it
        index: replacing?.index ?? network.pools.length,
        name: `${l.name} (leaving: ${l.agentPoolName})`,
        mode: 'User',
        osType: l.osType,
        vmSize: l.vmSize,
        autoscale: false,
        minNodes: l.maxNodes,
        maxNodes: l.maxNodes,
        maxPods: l.maxPods,
        maxPodsDefaulted: false,
        maxSurge: 0,
        maxUnavailable: 1,
        surgeNodes: 0,
        subnet: l.subnet,
        ...(l.podSubnet ? { podSubnet: l.podSubnet } : {}),
      };
    });
  return { ...network, subnets: pinned, pools: [...network.pools, ...extra] };
}
