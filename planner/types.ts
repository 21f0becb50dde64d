// The plan: what the planner tells the CLI, the reports and the Pulumi components. JSON field names
// here are a public contract (`aksnet plan --format json`): add fields freely, never rename one.
import type { Finding } from './findings';
import type { Plugin } from './config';

export interface SubnetPlan {
  name: string;
  cidr: string | null;
  /** true when the planner chose the range (the config gave no cidr) */
  carved: boolean;
  purpose: string;
  /** what lives in it: node NICs, pod IPs (dynamic/static pod subnet), or nothing the planner counts */
  role: 'nodes' | 'pods' | 'nodes+pods' | 'other';
  total: number;
  /** addresses nobody can use: Azure's 5, plus the unaligned edge blocks of a static-block pod subnet */
  reserved: number;
  usable: number;
  /** addresses taken at full scale: every pool at maxCount plus surge, plus reservedIps */
  demand: number;
  free: number;
  /** demand / usable, 0..1 (more than 1 when exhausted; null when nothing is usable) */
  utilization: number | null;
  pools: string[];
  /** nodes (with surge) living in this subnet at full scale */
  nodes: number;
  /** more nodes of `forecastPool` (its surge following) that fit before this subnet runs out; negative: nodes to take away */
  headroomNodes: number | null;
  /** forecastPool's maxCount (or count) at which this subnet runs out */
  runsOutAtNodes: number | null;
  /** the pool the subnet forecast grows: the one that costs the most addresses per node here */
  forecastPool: string | null;
  /** present when the subnet is over capacity even with forecastPool emptied: no headroom number means anything */
  blockedBy?: string;
}

export interface PodRangePlan {
  /** what the range is: "podCidr" (overlay/kubenet) or the BYO CNI pool, e.g. "calico-pool" */
  name: string;
  cidr: string;
  /** prefix length of one per-node block: /24 for overlay, kubenet, Flannel; /26 for Calico */
  blockPrefixLength: number;
  totalBlocks: number;
  demandBlocks: number;
  freeBlocks: number;
  utilization: number | null;
  nodes: number;
  /** more nodes of `forecastPool` (its surge following) that fit before the range runs out; negative: nodes to take away */
  headroomNodes: number;
  /** forecastPool's maxCount (or count) at which the range runs out */
  runsOutAtNodes: number;
  /** the pool the forecast grows: the one that takes the most blocks per node */
  forecastPool: string;
  /** present when the range is over capacity even with forecastPool emptied */
  blockedBy?: string;
}

export interface PoolPlan {
  name: string;
  mode: 'System' | 'User';
  osType: 'Linux' | 'Windows';
  vmSize: string;
  subnet: string;
  podSubnet?: string;
  autoscale: boolean;
  minNodes: number;
  maxNodes: number;
  surgeNodes: number;
  maxSurge: number | string;
  /** nodes upgraded in place at a time (0: upgrades only surge) */
  maxUnavailable: number;
  maxPods: number;
  maxPodsDefaulted: boolean;
  /** addresses the pool's nodes take for themselves (one per node, surge included) */
  nodeIps: number;
  /** pod addresses the pool takes at full scale, wherever they live (node subnet, pod subnet, pod range) */
  podIps: number;
  /**
   * the largest k such that this pool's maxCount (or count) raised by k, everything else unchanged,
   * plans with no error finding (planner/forecast.ts); negative: the nodes to take away
   */
  headroomNodes: number;
  /** maxCount + headroomNodes + 1: the pool size at which the plan fails */
  runsOutAtNodes: number;
  /** maxCount + headroomNodes: the largest safe maxCount (or count) */
  maxSafeMaxCount: number;
  /** code of the error finding that stops the pool at runsOutAtNodes */
  limitedBy: string;
  /** config path of that finding */
  limitedByPath: string;
  /**
   * present when the headroom numbers mean nothing: the code of the error that blocks the pool at any
   * size, or one that is not about capacity (MAX_PODS_OUT_OF_RANGE, CIDR_OVERLAP). Reports print it
   * in place of HEADROOM, RUNS OUT AT and SAFE MAX.
   */
  blockedBy?: string;
  blockedByPath?: string;
}

/** kubenet's route table (`aksnet plan --format json` field `routeTable`): one route per node. */
export interface RouteTablePlan {
  /** routes at full scale: every pool at maxCount plus surge */
  used: number;
  /** routes a route table holds (400) */
  limit: number;
  free: number;
  utilization: number;
  /** more nodes of `forecastPool` (its surge following) before the table is full; negative: nodes to take away */
  headroomNodes: number;
  /** forecastPool's maxCount (or count) at which the table runs out */
  runsOutAtNodes: number;
  forecastPool: string;
}

export interface NetworkSummary {
  plugin: Plugin;
  pluginLabel: string;
  byoCni?: string;
  networkPolicy: string;
  outboundType: string;
  addressSpace: string[];
  serviceCidr: string;
  dnsServiceIP: string;
  podCidr?: string;
  kubernetesVersion?: string;
  tier: string;
  /** outboundType userDefinedRouting: the default route's next hop, or the route table that has it */
  userDefinedRouting?: { nextHopIp?: string; routeTableId?: string };
}

export interface Totals {
  pools: number;
  maxNodes: number;
  surgeNodes: number;
  maxPods: number;
  /** private VNet addresses counted against the 65,536 limit */
  vnetIps: number;
}

/**
 * What an ingress asks of the address plan (from `aks-networking:ingress`, a plain input so the
 * planner never reads that config): an internal controller's private front-end IP in `subnet`
 * (`ip`, or the subnet's last usable address), or AGIC's gateway subnet.
 */
export interface IngressNeed {
  controller: string;
  exposure: 'public' | 'internal';
  /** internal: the front-end IP's subnet; agic: the gateway subnet */
  subnet?: string;
  /** internal: a configured front-end IP */
  ip?: string;
}

/** The ingress as planned (`aksnet plan --format json` field `ingress`). */
export interface IngressPlan {
  controller: string;
  exposure: 'public' | 'internal';
  subnet?: string;
  /** the subnet's planned range */
  cidr?: string | null;
  /** internal: the reserved private front-end IP (counted in the subnet's demand) */
  ip?: string;
  /** where the IP came from */
  ipSource?: 'configured' | 'last-usable';
}

export interface Plan {
  ok: boolean;
  findings: Finding[];
  network: NetworkSummary;
  subnets: SubnetPlan[];
  podRanges: PodRangePlan[];
  pools: PoolPlan[];
  totals: Totals;
  /** present when the stack has an ingress (`aks-networking:ingress`) */
  ingress?: IngressPlan;
  /** kubenet only: its route table, the binding limit of large kubenet clusters */
  routeTable?: RouteTablePlan;
}
