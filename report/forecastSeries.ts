// The forecast chart's data: for each range pools use, addresses used against the node count in
// that range, from no node up to the node count at which the range runs out.
//
// The series are priced with the planner's own per-node prices (perNodePrice, podRangeNodesFor)
// and laid out as the forecast reads growth: every pool at its planned size (maxCount + surge),
// the most expensive pool last, then that pool growing alone. Where the line first crosses the
// range's capacity is where it runs out; test/report.html.test.ts checks it equals the plan's
// runsOutAtNodes, computed another way (planner/forecast.ts).
import { perNodePrice, podRangeNodesFor } from '../planner/demand';
import type { Plan } from '../planner/types';
import type { ResolvedByoCni } from '../planner/validate';

export interface SeriesPoint {
  nodes: number;
  used: number;
}

export interface RangeSeries {
  /** "subnet aks-nodes", or the pod range's name ("podCidr", "calico-pool") */
  range: string;
  cidr: string;
  /** addresses the range can hand out (a pod range: whole blocks × block size) */
  capacity: number;
  /** vertices of the line, nodes ascending; the last one is at exhaustedAtNodes */
  points: SeriesPoint[];
  /** the plan's node count in the range and the addresses it uses */
  planned: SeriesPoint;
  /** the first whole node count at which the line is above capacity */
  exhaustedAtNodes: number;
}

interface Use {
  nodes: number;
  perNode: number;
}

export function forecastSeries(plan: Plan, byoCni: ResolvedByoCni | undefined): RangeSeries[] {
  const prices = new Map(plan.pools.map((p) => [p.name, perNodePrice(plan.network.plugin, byoCni, p.maxPods)]));
  const out: RangeSeries[] = [];
  for (const s of plan.subnets) {
    if (!s.cidr) continue;
    const uses: Use[] = [];
    for (const p of plan.pools) {
      const price = prices.get(p.name)!;
      if (p.subnet === s.name) uses.push({ nodes: p.maxNodes + p.surgeNodes, perNode: price.nodeSubnetPerNode });
      if (p.podSubnet === s.name) uses.push({ nodes: p.maxNodes + p.surgeNodes, perNode: price.podSubnetPerNode });
    }
    if (uses.length === 0) continue;
    // what no node takes: the subnet's reservedIps (demand minus every pool's price)
    const fixed = s.demand - uses.reduce((n, u) => n + u.nodes * u.perNode, 0);
    out.push(series(`subnet ${s.name}`, s.cidr, s.usable, fixed, uses));
  }
  for (const r of plan.podRanges) {
    const blockSize = 2 ** (32 - r.blockPrefixLength);
    const uses: Use[] = plan.pools.flatMap((p) => {
      const blocks = prices.get(p.name)!.podBlocks;
      return blocks ? [{ nodes: podRangeNodesFor(plan.network.plugin, p.maxNodes, p.surgeNodes), perNode: blocks.blocksPerNode * blockSize }] : [];
    });
    if (uses.length) out.push(series(r.name, r.cidr, r.totalBlocks * blockSize, 0, uses));
  }
  return out;
}

function series(range: string, cidr: string, capacity: number, fixed: number, uses: Use[]): RangeSeries {
  const ordered = [...uses].sort((a, b) => a.perNode - b.perNode);
  const points: SeriesPoint[] = [{ nodes: 0, used: fixed }];
  for (const u of ordered) {
    const last = points[points.length - 1];
    if (u.nodes > 0) points.push({ nodes: last.nodes + u.nodes, used: last.used + u.nodes * u.perNode });
  }
  const planned = points[points.length - 1];
  const growth = ordered[ordered.length - 1].perNode;
  // extend the last segment (the most expensive pool) far enough to cross capacity, then cut the
  // line at the first whole node count above it
  const beyond = growth > 0 ? Math.max(0, Math.ceil((capacity - planned.used) / growth)) + 1 : 1;
  const line = [...points, { nodes: planned.nodes + beyond, used: planned.used + beyond * growth }];
  const exhaustedAtNodes = firstAbove(line, capacity);
  const cut = line.filter((p) => p.nodes < exhaustedAtNodes);
  cut.push({ nodes: exhaustedAtNodes, used: usedAt(line, exhaustedAtNodes) });
  return { range, cidr, capacity, points: cut, planned, exhaustedAtNodes };
}

/** Addresses used at a node count, reading the line between its vertices. */
export function usedAt(line: SeriesPoint[], nodes: number): number {
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (nodes <= b.nodes) return a.used + ((nodes - a.nodes) * (b.used - a.used)) / (b.nodes - a.nodes);
  }
  return line[line.length - 1].used;
}

/** The smallest whole node count whose use is above capacity (segment by segment). */
function firstAbove(line: SeriesPoint[], capacity: number): number {
  if (line[0].used > capacity) return 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (b.used <= capacity) continue;
    const slope = (b.used - a.used) / (b.nodes - a.nodes);
    // a.used <= capacity < b.used: the first whole n in (a.nodes, b.nodes] with a.used + (n - a.nodes) * slope > capacity
    return a.nodes + Math.floor((capacity - a.used) / slope) + 1;
  }
  return line[line.length - 1].nodes;
}
