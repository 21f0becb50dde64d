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
}

/** The demands whose own rules a check runs: all of them, or only the forecast's pool. */
export function poolsToCheck(ctx: Pick<PlanContext, 'demands' | 'onlyPool'>): readonly PoolDemand[] {
  return ctx.onlyPool ? [ctx.onlyPool] : ctx.demands;
}
