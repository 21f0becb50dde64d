// A node (or pod) subnet must hold every pool placed in it at its maximum plus its upgrade surge,
// priced with the planner's own functions, so the policy and `aksnet plan` can never disagree about
// what a node costs. The same for an overlay/kubenet pod CIDR and its per-node /24s.
import { parseCidr, type Cidr } from '../../planner/cidr';
import { perNodePrice, podRangeNodesFor } from '../../planner/demand';
import { formatCount } from '../../planner/findings';
import { subnetCapacity } from '../../planner/subnetCapacity';
import type { ClusterRecord, PoolRecord, StackModel, SubnetRecord } from '../resources';
import type { Violation } from './violation';

interface SizedPool extends PoolRecord {
  maxNodes: number;
  surgeNodes: number;
  maxPods: number;
}

const isSized = (p: PoolRecord): p is SizedPool => p.maxNodes !== undefined && p.surgeNodes !== undefined && p.maxPods !== undefined;

function cidrs(texts: string[]): Cidr[] | undefined {
  const parsed = texts.map(parseCidr);
  if (parsed.length === 0 || parsed.some((p) => !p.ok)) return undefined;
  return parsed.map((p) => (p as { ok: true; cidr: Cidr }).cidr);
}

/** One pool's demand in a subnet, with the arithmetic spelled out. */
function use(pool: SizedPool, role: 'nodes' | 'pods'): { ips: number; text: string } {
  const price = perNodePrice(pool.plugin, undefined, pool.maxPods);
  const perNode = role === 'nodes' ? price.nodeSubnetPerNode : price.podSubnetPerNode;
  const nodes = pool.maxNodes + pool.surgeNodes;
  const ips = nodes * perNode;
  return { ips, text: `${pool.label}: (${pool.maxNodes} max + ${pool.surgeNodes} surge) x ${perNode} ${role === 'nodes' ? '' : 'pod '}addresses per node (${pool.plugin}, maxPods ${pool.maxPods}) = ${formatCount(ips)}` };
}

export function subnetCapacityViolations(model: StackModel): Violation[] {
  const violations: Violation[] = [];
  const pools = model.clusters.flatMap((c) => c.pools).filter(isSized);
  for (const subnet of model.subnets) {
    const uses = [
      ...pools.filter((p) => p.nodeSubnet === subnet).map((p) => ({ pool: p, ...use(p, 'nodes') })),
      ...pools.filter((p) => p.podSubnet === subnet).map((p) => ({ pool: p, ...use(p, 'pods') })),
    ];
    const ranges = cidrs(subnet.prefixes);
    if (uses.length === 0 || !ranges) continue;
    const capacity = subnetUsable(subnet, ranges, pools);
    const demand = uses.reduce((n, u) => n + u.ips, 0);
    if (demand > capacity) {
      violations.push({
        urn: subnet.urn,
        message:
          `${subnet.label} (${subnet.prefixes.join(', ')}) has ${formatCount(capacity)} usable addresses, but its pools need ` +
          `${formatCount(demand)} at their maximum with upgrade surge: ${uses.map((u) => u.text).join('; ')}. ` +
          'Give the subnet a larger prefix before it is in use (Azure cannot resize a subnet in use), or lower maxCount, maxSurge or maxPods.',
      });
    }
  }
  for (const cluster of model.clusters) {
    const violation = podCidrViolation(cluster);
    if (violation) violations.push(violation);
  }
  return violations;
}

/** Usable addresses: Azure keeps 5 per range; a static-block pod subnet counts whole /28s only. */
function subnetUsable(subnet: SubnetRecord, ranges: Cidr[], pools: SizedPool[]): number {
  const staticPods = pools.some((p) => p.podSubnet === subnet && p.plugin === 'azure-cni-static-block');
  const role = pools.some((p) => p.podSubnet === subnet) ? 'pods' : 'nodes';
  return ranges.reduce((n, r) => n + subnetCapacity(r.prefix, role, staticPods), 0);
}

/** Overlay and kubenet: AKS takes a /24 per node from the pod CIDR and counts sum(maxCount + max(surge, 1)). */
function podCidrViolation(cluster: ClusterRecord): Violation | undefined {
  const ranges = cidrs(cluster.podCidrs);
  const pools = cluster.pools.filter(isSized).filter((p) => p.plugin === 'azure-cni-overlay' || p.plugin === 'kubenet');
  if (!ranges || pools.length === 0) return undefined;
  const blockPrefix = perNodePrice(pools[0].plugin, undefined, pools[0].maxPods).podBlocks!.blockPrefix;
  const parts = pools.map((p) => {
    const blocks = perNodePrice(p.plugin, undefined, p.maxPods).podBlocks!.blocksPerNode * podRangeNodesFor(p.plugin, p.maxNodes, p.surgeNodes);
    return { blocks, text: `${p.label}: ${blocks}` };
  });
  const needed = parts.reduce((n, p) => n + p.blocks, 0);
  const available = ranges.reduce((n, r) => n + (r.prefix <= blockPrefix ? 2 ** (blockPrefix - r.prefix) : 0), 0);
  if (needed <= available) return undefined;
  return {
    urn: cluster.urn,
    message:
      `${cluster.label}: pod CIDR ${cluster.podCidrs.join(', ')} holds ${formatCount(available)} per-node /${blockPrefix} blocks, ` +
      `but the pools need ${formatCount(needed)} (AKS counts maxCount + surge, at least 1, per pool): ${parts.map((p) => p.text).join('; ')}. Use a larger pod CIDR.`,
  };
}
