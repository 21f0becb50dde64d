// What every check reads: the resolved config, each pool's demand, and each range as planned.
import type { Cidr } from './cidr';
import type { PoolDemand } from './demand';
import type { BlockAllocation } from './models';
import type { ResolvedNetwork, ResolvedSubnet } from './validate';

export interface SubnetState {
  subnet: ResolvedSubnet;
  path: string;
  cidr?: Cidr;
  carved: boolean;
  role: 'nodes' | 'pods' | 'nodes+pods' | 'other';
  /** addresses the planner may hand out; for static-block pod subnets only whole aligned /28s count */
  usable: number;
  demand: number;
  /** pools and what one more node of each costs here */
  users: { demand: PoolDemand; perNode: number }[];
}

export interface PodRangeState {
  name: string;
  path: string;
  cidr: Cidr;
  blockPrefix: number;
  totalBlocks: number;
  demandBlocks: number;
  users: { demand: PoolDemand; perNode: number; allocation: BlockAllocation }[];
}

export interface PlanContext {
  network: ResolvedNetwork;
  demands: PoolDemand[];
  /**
   * The subnets to check: all of them for the plan, only a pool's own for its forecast (which re-runs
   * the checks with the pool resized). So a check reports what is wrong with the subnets it is given,
   * never that none of them does something: that would fail every forecast of a clean plan.
   */
  subnets: SubnetState[];
  podRange?: PodRangeState;
  /**
   * Set by the forecast to the pool it resizes: the rules about one pool alone (its maxPods, its node
   * count, its surge settings) then run for this pool only. Another pool's findings of that kind are
   * the same at every size of this one, so the forecast would leave them out anyway (not this pool's
   * to clear); rules that add pools up always run.
   */
  onlyPool?: PoolDemand;
  /** what the cross-pool rules add up over `demands`; absent, totalsOf() adds them up */
  totals?: PoolTotals;
}

/** The sums over every pool that the cluster-wide rules compare with AKS's and Azure's limits. */
export interface PoolTotals {
  systemPools: number;
  /** maxCount (or count) of every pool */
  maxNodes: number;
  /** nodes at full scale, surge included */
  nodes: number;
  /** maxCount x maxPods of every pool */
  pods: number;
  /** addresses counted against the VNet's private IP limit */
  vnetIps: number;
}

export function poolTotals(demands: readonly PoolDemand[]): PoolTotals {
  const totals: PoolTotals = { systemPools: 0, maxNodes: 0, nodes: 0, pods: 0, vnetIps: 0 };
  for (const d of demands) addPool(totals, d, 1);
  return totals;
}

/**
 * The totals with one pool's demand replaced: the forecast resizes one pool hundreds of times, and
 * the other pools' sums do not change. Exact while every figure is an integer (they are: nodes,
 * pods, addresses); otherwise, which no demand produces today, the sums are taken again.
 */
export function totalsWith(totals: PoolTotals, demands: readonly PoolDemand[], before: PoolDemand, after: PoolDemand): PoolTotals {
  if (!integral(before) || !integral(after)) return poolTotals(demands);
  const next = { ...totals };
  addPool(next, before, -1);
  addPool(next, after, 1);
  return next;
}

const integral = (d: PoolDemand) => Number.isInteger(d.pool.maxNodes * d.pool.maxPods) && Number.isInteger(d.nodes) && Number.isInteger(d.vnetIps);

function addPool(totals: PoolTotals, d: PoolDemand, sign: 1 | -1): void {
  if (d.pool.mode === 'System') totals.systemPools += sign;
  totals.maxNodes += sign * d.pool.maxNodes;
  totals.nodes += sign * d.nodes;
  totals.pods += sign * d.pool.maxNodes * d.pool.maxPods;
  totals.vnetIps += sign * d.vnetIps;
}

/** The context's totals, added up when the caller did not give them. */
export function totalsOf(ctx: Pick<PlanContext, 'demands' | 'totals'>): PoolTotals {
  return ctx.totals ?? poolTotals(ctx.demands);
}

/** The demands whose own rules a check runs: all of them, or only the forecast's pool. */
export function poolsToCheck(ctx: Pick<PlanContext, 'demands' | 'onlyPool'>): readonly PoolDemand[] {
  return ctx.onlyPool ? [ctx.onlyPool] : ctx.demands;
}
