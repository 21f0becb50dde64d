// Exhaustion first: every range at full scale (maxCount + surge), and the VNet's private IP limit.
import { azurePrefixFor, prefixForBlocks } from '../cidr';
import { poolsToCheck, totalsOf, type PlanContext, type PodRangeState, type SubnetState } from '../context';
import { countOf, error, formatCount as fmt, warning, type Finding } from '../findings';
import type { PoolDemand } from '../demand';
import { LIMITS } from '../models';
import { subnetCapacity } from '../subnetCapacity';

const pct = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** The exhaustion rules, shared with the forecast's range figures. */
export const subnetOverfull = (s: Pick<SubnetState, 'demand' | 'usable'>) => s.demand > s.usable;
export const podRangeOverfull = (r: Pick<PodRangeState, 'demandBlocks' | 'totalBlocks'>) => r.demandBlocks > r.totalBlocks;

/**
 * The nodes a pool takes blocks for, and why when it is more than maxCount plus surge: for overlay
 * and kubenet AKS counts every pool at maxCount + 1 even at maxSurge 0
 * (https://github.com/Azure/AKS/issues/4467).
 */
function podRangeNodesText(d: PoolDemand): string {
  const { maxNodes, surgeNodes } = d.pool;
  if (d.podRangeNodes > maxNodes + surgeNodes) {
    return `${countOf(d.podRangeNodes, 'node')} (${fmt(maxNodes)} at maxCount + 1: AKS counts one more node per pool even at maxSurge 0)`;
  }
  return surgeNodes > 0 ? `${countOf(d.podRangeNodes, 'node')} (${fmt(maxNodes)} + ${fmt(surgeNodes)} surge)` : countOf(d.podRangeNodes, 'node');
}

export function checkCapacity(ctx: PlanContext): Finding[] {
  const findings: Finding[] = [];
  const staticPods = ctx.network.plugin === 'azure-cni-static-block';
  // indexed: a VNet may hold 3,000 subnets, and for-of costs an iterator in the interpreter
  for (let k = 0; k < ctx.subnets.length; k++) {
    const s = ctx.subnets[k];
    if (!s.cidr || s.demand === 0) continue;
    if (subnetOverfull(s)) {
      const breakdown = s.users.map((u) => `${u.demand.pool.name}: ${countOf(u.demand.nodes, 'node')} x ${u.perNode}`).join(', ');
      const extra = s.subnet.reservedIps ? ` + ${fmt(s.subnet.reservedIps)} reserved` : '';
      const fits = azurePrefixFor(s.demand, (p) => subnetCapacity(p, s.role, staticPods) >= s.demand);
      findings.push(
        error(
          'SUBNET_EXHAUSTED',
          s.path,
          `subnet "${s.subnet.name}" ${s.cidr.text} needs ${fmt(s.demand)} addresses at full scale (${breakdown}${extra}) but has ${fmt(s.usable)} usable` +
            (fits ? `; it needs at least a /${fits}` : ''),
        ),
      );
    } else if (s.usable - s.demand < LIMITS.lowHeadroom * s.usable) {
      findings.push(warning('LOW_HEADROOM', s.path, `subnet "${s.subnet.name}" ${s.cidr.text} is ${pct(s.demand, s.usable)} used at full scale (${fmt(s.usable - s.demand)} of ${fmt(s.usable)} addresses left): give it a larger range, or lower the pools' maxCount or maxPods`));
    }
  }

  const r = ctx.podRange;
  if (r) {
    const unit = `/${r.blockPrefix}`;
    if (podRangeOverfull(r)) {
      findings.push(
        error(
          'POD_CIDR_EXHAUSTED',
          r.path,
          `${r.name} ${r.cidr.text} holds ${fmt(r.totalBlocks)} ${unit} blocks but the pools need ${fmt(r.demandBlocks)} at full scale ` +
            `(${r.users.map((u) => `${u.demand.pool.name}: ${podRangeNodesText(u.demand)} x ${countOf(u.perNode, `${unit} block`)}`).join(', ')}); it needs at least a /${prefixForBlocks(r.demandBlocks, r.blockPrefix)}`,
        ),
      );
    } else if (r.totalBlocks - r.demandBlocks < LIMITS.lowHeadroom * r.totalBlocks) {
      findings.push(warning('LOW_HEADROOM', r.path, `${r.name} ${r.cidr.text} is ${pct(r.demandBlocks, r.totalBlocks)} used at full scale (${fmt(r.totalBlocks - r.demandBlocks)} of ${fmt(r.totalBlocks)} ${unit} blocks left): give it a larger range, or lower the pools' maxCount`));
    }
    // the range's users are the pools with per-node blocks (planner/pipeline.ts planPodRange)
    const pools = poolsToCheck(ctx);
    for (let k = 0; k < pools.length; k++) {
      const d = pools[k];
      const allocation = d.podBlocks;
      if (allocation && allocation.podsPerNode < d.pool.maxPods) {
        findings.push(error('POD_CIDR_EXHAUSTED', `nodePools[${d.pool.index}].maxPods`, `each node's ${unit} block holds ${allocation.podsPerNode} pods, fewer than maxPods ${d.pool.maxPods}: lower maxPods to ${allocation.podsPerNode} or fewer`));
      }
    }
  }

  findings.push(...checkVnetIps(ctx));
  return findings;
}

/** The VNet's private IP limit, counted from the pools (also what `aksnet size` checks). */
export function checkVnetIps(ctx: Pick<PlanContext, 'demands' | 'totals'>): Finding[] {
  const { vnetIps } = totalsOf(ctx);
  if (vnetIps <= LIMITS.vnetPrivateIps) return [];
  return [error('VNET_IP_LIMIT', 'nodePools', `the cluster puts ${fmt(vnetIps)} private IPs in the VNet at full scale; a VNet holds at most ${fmt(LIMITS.vnetPrivateIps)}: lower the pools' maxCount or maxPods, or use azure-cni-overlay, whose pod IPs are not VNet IPs`)];
}
