// Forecast: how many more nodes fit before each range runs out, and at which node count it does.
// A negative headroom is the number of nodes to take away for the plan to fit.
import type { PlanContext, PodRangeState, SubnetState } from './context';
import type { PoolDemand } from './demand';

export interface RangeForecast {
  headroomNodes: number;
  runsOutAtNodes: number;
}

function nodesThatFit(free: number, perNode: number): number {
  return perNode > 0 ? Math.floor(free / perNode) : Number.MAX_SAFE_INTEGER;
}

/** Subnet: grow the pool that costs the most per node (the pessimistic reading). */
/** Nodes (surge included) of the pools using a subnet, each pool once even if it uses it twice. */
export function subnetNodes(s: SubnetState): number {
  return [...new Set(s.users.map((u) => u.demand))].reduce((n, d) => n + d.nodes, 0);
}

export function forecastSubnet(s: SubnetState): { headroomNodes: number | null; runsOutAtNodes: number | null } {
  if (!s.cidr || s.users.length === 0) return { headroomNodes: null, runsOutAtNodes: null };
  const perNode = Math.max(...s.users.map((u) => u.perNode));
  const nodes = subnetNodes(s);
  const headroomNodes = nodesThatFit(s.usable - s.demand, perNode);
  return { headroomNodes, runsOutAtNodes: nodes + headroomNodes + 1 };
}

export function forecastPodRange(r: PodRangeState): RangeForecast {
  const perNode = Math.max(...r.users.map((u) => u.perNode));
  const nodes = r.users.reduce((n, u) => n + u.demand.podRangeNodes, 0);
  const headroomNodes = nodesThatFit(r.totalBlocks - r.demandBlocks, perNode);
  return { headroomNodes, runsOutAtNodes: nodes + headroomNodes + 1 };
}

/** Pool: the first of its ranges to run out when only this pool grows. */
export function forecastPool(context: PlanContext, d: PoolDemand): RangeForecast & { limitedBy: string } {
  const candidates: { name: string; fit: number }[] = [];
  for (const s of context.subnets) {
    if (!s.cidr) continue;
    for (const u of s.users) {
      if (u.demand === d) candidates.push({ name: `subnet ${s.subnet.name}`, fit: nodesThatFit(s.usable - s.demand, u.perNode) });
    }
  }
  const range = context.podRange;
  if (range) {
    const use = range.users.find((u) => u.demand === d);
    if (use) candidates.push({ name: range.name, fit: nodesThatFit(range.totalBlocks - range.demandBlocks, use.perNode) });
  }
  if (candidates.length === 0) return { headroomNodes: 0, runsOutAtNodes: d.pool.maxNodes + 1, limitedBy: 'unplanned subnet' };
  const tightest = candidates.reduce((a, b) => (b.fit < a.fit ? b : a));
  return { headroomNodes: tightest.fit, runsOutAtNodes: d.pool.maxNodes + tightest.fit + 1, limitedBy: tightest.name };
}
