// The forecast chart's data: for each range pools use, the addresses used against the maxCount of
// the pool the forecast grows there (the one that costs the most per node), from that pool emptied
// up to the maxCount at which the range runs out.
//
// The line is priced again here with the planner's own pricing functions (perNodePrice,
// surgeNodes, podRangeNodesFor), starting from the plan's demand: a percentage surge grows with the
// pool, so the line steps where the surge does. Where it first goes above the range's capacity is
// where the range runs out; test/report.html.test.ts checks that this equals the plan's
// runsOutAtNodes, which planner/forecast.ts finds another way (through the checks).
import { perNodePrice, podRangeNodesFor } from '../planner/demand';
import type { Plan, PoolPlan } from '../planner/types';
import { type ResolvedByoCni, surgeNodes } from '../planner/validate';

export interface SeriesPoint {
  /** the grown pool's maxCount (or count) */
  maxCount: number;
  /** addresses the range hands out at that size */
  used: number;
}

export interface RangeSeries {
  /** "subnet aks-nodes", or the pod range's name ("podCidr", "calico-pool") */
  range: string;
  cidr: string;
  /** the pool whose maxCount is the x axis */
  pool: string;
  /** addresses the range can hand out (a pod range: whole blocks × block size) */
  capacity: number;
  /** the line, maxCount ascending, from 0 to exhaustedAtMaxCount or the planned maxCount, whichever is further */
  points: SeriesPoint[];
  /** the plan: the pool at its maxCount, the range at its demand */
  planned: SeriesPoint;
  /** the first maxCount at which the range is above capacity */
  exhaustedAtMaxCount: number;
}

/** Vertices drawn per line at most (the exhaustion point and the plan are always among them). */
const MAX_POINTS = 400;

export function forecastSeries(plan: Plan, byoCni: ResolvedByoCni | undefined): RangeSeries[] {
  const pools = new Map(plan.pools.map((p) => [p.name, p]));
  const plugin = plan.network.plugin;
  const out: RangeSeries[] = [];
  for (const s of plan.subnets) {
    const pool = s.cidr && s.forecastPool ? pools.get(s.forecastPool) : undefined;
    if (!pool) continue;
    const price = perNodePrice(plugin, byoCni, pool.maxPods);
    // a pool may use the subnet for its nodes, its pods, or (a role conflict) both
    const perNode = (pool.subnet === s.name ? price.nodeSubnetPerNode : 0) + (pool.podSubnet === s.name ? price.podSubnetPerNode : 0);
    const nodes = (m: number) => m + surgeNodes(pool.maxSurge, m);
    out.push(series(`subnet ${s.name}`, s.cidr!, pool, s.usable, (m) => s.demand + (nodes(m) - nodes(pool.maxNodes)) * perNode));
  }
  for (const r of plan.podRanges) {
    const pool = pools.get(r.forecastPool);
    const blocks = pool ? perNodePrice(plugin, byoCni, pool.maxPods).podBlocks : undefined;
    if (!pool || !blocks) continue;
    const blockSize = 2 ** (32 - r.blockPrefixLength);
    const nodes = (m: number) => podRangeNodesFor(plugin, m, surgeNodes(pool.maxSurge, m));
    const used = (m: number) => (r.demandBlocks + (nodes(m) - nodes(pool.maxNodes)) * blocks.blocksPerNode) * blockSize;
    out.push(series(r.name, r.cidr, pool, r.totalBlocks * blockSize, used));
  }
  // kubenet: a route per node (surge included) against what a route table holds
  const t = plan.routeTable;
  const routePool = t ? pools.get(t.forecastPool) : undefined;
  if (t && routePool) {
    const nodes = (m: number) => m + surgeNodes(routePool.maxSurge, m);
    out.push(series('route table', `${t.limit} routes`, routePool, t.limit, (m) => t.used + nodes(m) - nodes(routePool.maxNodes)));
  }
  return out;
}

function series(range: string, cidr: string, pool: PoolPlan, capacity: number, used: (m: number) => number): RangeSeries {
  const exhaustedAtMaxCount = firstAbove(used, capacity);
  // an over-full plan is drawn past the exhaustion point, up to where it is planned
  const end = Math.max(exhaustedAtMaxCount, pool.maxNodes);
  const stride = Math.max(1, Math.ceil(end / MAX_POINTS));
  const xs = new Set<number>([pool.maxNodes, exhaustedAtMaxCount]);
  for (let m = 0; m < end; m += stride) xs.add(m);
  const points = [...xs].sort((a, b) => a - b).map((m) => ({ maxCount: m, used: used(m) }));
  return { range, cidr, pool: pool.name, capacity, points, planned: { maxCount: pool.maxNodes, used: used(pool.maxNodes) }, exhaustedAtMaxCount };
}

/** The smallest maxCount m >= 0 with used(m) > capacity (used grows with m): double, then halve. */
function firstAbove(used: (m: number) => number, capacity: number): number {
  if (used(0) > capacity) return 0;
  let fits = 0;
  let step = 1;
  while (used(fits + step) <= capacity) {
    fits += step;
    step *= 2;
    // a range no pool can fill (an empty price) ends the line where it is
    if (step > 2 ** 32) return fits;
  }
  let over = fits + step;
  while (over - fits > 1) {
    const mid = Math.floor((fits + over) / 2);
    if (used(mid) > capacity) over = mid;
    else fits = mid;
  }
  return over;
}
