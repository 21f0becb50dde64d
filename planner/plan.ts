// planNetwork: config in, plan out. Pure: no I/O, no Pulumi. The order is the order a person
// would reason in: read the config, price every pool, size and place every subnet, check, then
// forecast how far each pool can grow (pipeline.ts, forecast.ts).
import { formatIPv4, size } from './cidr';
import type { PodRangeState, SubnetState } from './context';
import { poolDemand, type PoolDemand } from './demand';
import { hasErrors } from './findings';
import { forecastPodRange, forecastPools, forecastRoutes, forecastSubnet, type PoolForecast } from './forecast';
import { ingressIpSubnet, planIngress } from './ingress';
import { BYO_MODELS, LIMITS, MODELS } from './models';
import { planAndCheck } from './pipeline';
import type { IngressNeed, Plan, PodRangePlan, PoolPlan, RouteTablePlan, SubnetPlan } from './types';
import { type ConfigIssue, type ResolvedNetwork, validateNetworkConfig } from './validate';

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: ConfigIssue[] };

/** What else takes addresses in the network, beyond its own config. */
export interface PlanOptions {
  /** the stack's ingress (`aks-networking:ingress`, validated by design/ingress/config.ts) */
  ingress?: IngressNeed;
}

/** Validate raw config (the `aks-networking:network` object) and plan it. */
export function planFromConfig(raw: unknown, options: PlanOptions = {}): PlanResult {
  const validated = validateNetworkConfig(raw);
  if (!validated.ok) return validated;
  return { ok: true, plan: planNetwork(validated.network, options) };
}

export function planNetwork(network: ResolvedNetwork, options: PlanOptions = {}): Plan {
  const demands = network.pools.map((pool) => poolDemand(network, pool));
  // an internal ingress front end takes one address of its subnet (the forecast re-plans with it too)
  const ingressIpIn = ingressIpSubnet(options.ingress);
  const checked = planAndCheck(network, demands, network.subnets, ingressIpIn ? { extraIps: new Map([[ingressIpIn, 1]]) } : {});
  const { subnets, podRange } = checked.context;
  const findings = [...checked.findings];
  const ingress = options.ingress ? planIngress(network, options.ingress, subnets, findings) : undefined;
  const forecasts = forecastPools(network, checked);
  const routes = forecastRoutes(network, demands, LIMITS.kubenetRoutes);
  const routeTable: RouteTablePlan | undefined = routes
    ? { used: routes.used, limit: routes.limit, free: routes.limit - routes.used, utilization: ratio(routes.used, routes.limit) ?? 0, headroomNodes: routes.headroomNodes, runsOutAtNodes: routes.runsOutAtNodes, forecastPool: routes.forecastPool }
    : undefined;
  return {
    ok: !hasErrors(findings),
    findings,
    network: summary(network),
    subnets: subnets.map(subnetPlan),
    podRanges: podRange ? [podRangePlan(network, podRange)] : [],
    pools: demands.map((d, i) => poolPlan(d, forecasts[i])),
    totals: {
      pools: demands.length,
      maxNodes: sum(demands.map((d) => d.pool.maxNodes)),
      surgeNodes: sum(demands.map((d) => d.pool.surgeNodes)),
      maxPods: sum(demands.map((d) => d.pool.maxNodes * d.pool.maxPods)),
      vnetIps: sum(demands.map((d) => d.vnetIps)),
    },
    ...(ingress ? { ingress } : {}),
    ...(routeTable ? { routeTable } : {}),
  };
}

function subnetPlan(s: SubnetState): SubnetPlan {
  const total = s.cidr ? size(s.cidr.prefix) : 0;
  const forecast = forecastSubnet(s) ?? NO_FORECAST;
  return {
    name: s.subnet.name,
    cidr: s.cidr?.text ?? null,
    carved: s.carved,
    purpose: s.subnet.purpose,
    role: s.role,
    total,
    reserved: s.cidr ? total - s.usable : 0,
    usable: s.usable,
    demand: s.demand,
    free: s.usable - s.demand,
    utilization: ratio(s.demand, s.usable),
    // a VNet may hold thousands of subnets that no pool uses (private endpoints): nothing to collect
    pools: s.users.length === 0 ? [] : [...new Set(s.users.map((u) => u.demand.pool.name))],
    nodes: subnetNodes(s),
    ...forecast,
    // full even with the grown pool emptied: no headroom number means anything
    ...(forecast.runsOutAtNodes === 0 ? { blockedBy: 'SUBNET_EXHAUSTED' } : {}),
  };
}

const NO_FORECAST = { headroomNodes: null, runsOutAtNodes: null, forecastPool: null } as const;

function podRangePlan(network: ResolvedNetwork, r: PodRangeState): PodRangePlan {
  const forecast = forecastPodRange(network, r);
  return {
    name: r.name,
    cidr: r.cidr.text,
    blockPrefixLength: r.blockPrefix,
    totalBlocks: r.totalBlocks,
    demandBlocks: r.demandBlocks,
    freeBlocks: r.totalBlocks - r.demandBlocks,
    utilization: ratio(r.demandBlocks, r.totalBlocks),
    nodes: sum(r.users.map((u) => u.demand.podRangeNodes)),
    ...forecast,
    ...(forecast.runsOutAtNodes === 0 ? { blockedBy: 'POD_CIDR_EXHAUSTED' } : {}),
  };
}

function poolPlan(d: PoolDemand, forecast: PoolForecast): PoolPlan {
  const p = d.pool;
  return {
    name: p.name,
    mode: p.mode,
    osType: p.osType,
    vmSize: p.vmSize,
    subnet: p.subnet,
    ...(p.podSubnet ? { podSubnet: p.podSubnet } : {}),
    autoscale: p.autoscale,
    minNodes: p.minNodes,
    maxNodes: p.maxNodes,
    surgeNodes: p.surgeNodes,
    maxSurge: p.maxSurge,
    maxUnavailable: p.maxUnavailable,
    maxPods: p.maxPods,
    maxPodsDefaulted: p.maxPodsDefaulted,
    nodeIps: d.nodes,
    podIps: d.podIps,
    ...forecast,
  };
}

function summary(network: ResolvedNetwork): Plan['network'] {
  return {
    plugin: network.plugin,
    pluginLabel: network.byoCni ? `${MODELS.none.label}: ${BYO_MODELS[network.byoCni.type].label}` : MODELS[network.plugin].label,
    ...(network.byoCni ? { byoCni: network.byoCni.type } : {}),
    networkPolicy: network.networkPolicy,
    outboundType: network.outboundType,
    addressSpace: network.addressSpace.map((c) => c.text),
    serviceCidr: network.serviceCidr.text,
    dnsServiceIP: formatIPv4(network.dnsServiceIP),
    ...(network.podCidr ? { podCidr: network.podCidr.text } : network.byoCni?.pool ? { podCidr: network.byoCni.pool.text } : {}),
    ...(network.config.kubernetesVersion ? { kubernetesVersion: network.config.kubernetesVersion } : {}),
    tier: network.tier,
    ...(network.egressRoute ? { userDefinedRouting: network.egressRoute.routeTableId ? { routeTableId: network.egressRoute.routeTableId } : { nextHopIp: network.egressRoute.nextHopText! } } : {}),
  };
}

/** Nodes (surge included) of the pools using a subnet, each pool once even if it uses it twice. */
function subnetNodes(s: SubnetState): number {
  if (s.users.length === 0) return 0;
  return sum([...new Set(s.users.map((u) => u.demand))].map((d) => d.nodes));
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** part / whole to 4 decimals; null when there is no capacity at all to measure against */
function ratio(part: number, whole: number): number | null {
  if (whole <= 0) return part > 0 ? null : 0;
  return Math.round((part / whole) * 10000) / 10000;
}
