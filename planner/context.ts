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
}
