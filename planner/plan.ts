// planNetwork: config in, plan out. Pure: no I/O, no Pulumi. The order is the order a person
// would reason in: read the config, price every pool, size and place every subnet, then check.
import { azurePrefixFor, type Cidr, formatIPv4, size } from './cidr';
import { carveSubnets } from './carve';
import { runChecks } from './checks';
import type { PlanContext, PodRangeState, SubnetState } from './context';
import { poolDemand, type PoolDemand } from './demand';
import { error, hasErrors, type Finding } from './findings';
import { forecastPool, forecastPodRange, forecastSubnet, subnetNodes } from './forecast';
import { BYO_MODELS, MODELS } from './models';
import { subnetCapacity } from './subnetCapacity';
import type { Plan, PodRangePlan, PoolPlan, SubnetPlan } from './types';
import { type ConfigIssue, type ResolvedNetwork, type ResolvedSubnet, validateNetworkConfig } from './validate';

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: ConfigIssue[] };

/** Validate raw config (the `aks-networking:network` object) and plan it. */
export function planFromConfig(raw: unknown): PlanResult {
  const validated = validateNetworkConfig(raw);
  if (!validated.ok) return validated;
  return { ok: true, plan: planNetwork(validated.network) };
}

export function planNetwork(network: ResolvedNetwork): Plan {
  const demands = network.pools.map((pool) => poolDemand(network, pool));
  const findings: Finding[] = [];
  const subnets = planSubnets(network, demands, findings);
  const podRange = planPodRange(network, demands);
  const context: PlanContext = { network, demands, subnets, podRange };
  findings.push(...runChecks(context));
  return {
    ok: !hasErrors(findings),
    findings,
    network: summary(network),
    subnets: subnets.map((s) => subnetPlan(s)),
    podRanges: podRange ? [podRangePlan(podRange)] : [],
    pools: demands.map((d) => poolPlan(context, d)),
    totals: {
      pools: demands.length,
      maxNodes: sum(demands.map((d) => d.pool.maxNodes)),
      surgeNodes: sum(demands.map((d) => d.pool.surgeNodes)),
      maxPods: sum(demands.map((d) => d.pool.maxNodes * d.pool.maxPods)),
      vnetIps: sum(demands.map((d) => d.vnetIps)),
    },
  };
}

function planSubnets(network: ResolvedNetwork, demands: PoolDemand[], findings: Finding[]): SubnetState[] {
  const staticPods = network.plugin === 'azure-cni-static-block';
  const states = network.subnets.map((subnet) => subnetState(subnet, demands));
  const requests = states.map((state) => {
    const { subnet } = state;
    if (subnet.cidr) return { name: subnet.name, cidr: subnet.cidr };
    const fits = (prefix: number) => subnetCapacity(prefix, state.role, staticPods) >= state.demand;
    const prefix = subnet.prefixLength ?? (subnet.purpose === 'appgateway' && state.users.length === 0 ? 24 : azurePrefixFor(state.demand, fits));
    if (prefix === undefined) {
      findings.push(error('SUBNET_EXHAUSTED', state.path, `subnet "${subnet.name}" needs ${state.demand} addresses at full scale; no Azure subnet (largest /2) holds that many`));
    }
    return { name: subnet.name, prefix };
  });
  // a service CIDR inside the VNet is allowed (a warning), but a subnet on it is an error [§6, §14.5]
  const carved = carveSubnets(
    network.addressSpace,
    requests.filter((r) => r.cidr || r.prefix !== undefined),
    [network.serviceCidr],
  );
  const byName = new Map(carved.map((c) => [c.name, c]));
  for (const state of states) {
    const result = byName.get(state.subnet.name);
    if (!result) continue;
    state.carved = result.carved;
    if (result.cidr) {
      state.cidr = result.cidr;
      state.usable = subnetCapacity(result.cidr.prefix, state.role, staticPods);
    } else {
      findings.push(
        error('ADDRESS_SPACE_EXHAUSTED', state.path, `no free /${result.prefix} is left in the address space ${network.addressSpace.map((c) => c.text).join(', ')} for subnet "${state.subnet.name}"`),
      );
    }
  }
  return states;
}

function subnetState(subnet: ResolvedSubnet, demands: PoolDemand[]): SubnetState {
  const users: SubnetState['users'] = [];
  let nodeUse = false;
  let podUse = false;
  for (const d of demands) {
    if (d.pool.subnet === subnet.name) {
      users.push({ demand: d, perNode: d.nodeSubnetPerNode });
      nodeUse = true;
    }
    if (d.pool.podSubnet === subnet.name) {
      users.push({ demand: d, perNode: d.podSubnetPerNode });
      podUse = true;
    }
  }
  const role = nodeUse && podUse ? 'nodes+pods' : nodeUse ? 'nodes' : podUse ? 'pods' : 'other';
  const demand = subnet.reservedIps + sum(users.map((u) => u.demand.nodes * u.perNode));
  return { subnet, path: `subnets[${subnet.index}]`, carved: !subnet.cidr, role, usable: 0, demand, users };
}

function planPodRange(network: ResolvedNetwork, demands: PoolDemand[]): PodRangeState | undefined {
  let cidr: Cidr | undefined;
  let name: string;
  let path: string;
  if (network.byoCni) {
    cidr = network.byoCni.pool;
    name = `${network.byoCni.type}-pool`;
    path = network.config.byoCni?.poolCidr ? 'byoCni.poolCidr' : network.config.podCidr ? 'podCidr' : 'byoCni';
  } else {
    cidr = network.podCidr;
    name = 'podCidr';
    path = 'podCidr';
  }
  if (!cidr) return undefined;
  const users = demands.flatMap((d) => (d.podBlocks ? [{ demand: d, perNode: d.podBlocks.blocksPerNode, allocation: d.podBlocks }] : []));
  if (users.length === 0) return undefined;
  const blockPrefix = users[0].allocation.blockPrefix;
  const totalBlocks = cidr.prefix > blockPrefix ? 0 : 2 ** (blockPrefix - cidr.prefix);
  const demandBlocks = sum(users.map((u) => u.demand.podRangeNodes * u.perNode));
  return { name, path, cidr, blockPrefix, totalBlocks, demandBlocks, users };
}

function subnetPlan(s: SubnetState): SubnetPlan {
  const total = s.cidr ? size(s.cidr.prefix) : 0;
  const forecast = forecastSubnet(s);
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
    pools: [...new Set(s.users.map((u) => u.demand.pool.name))],
    nodes: subnetNodes(s),
    ...forecast,
  };
}

function podRangePlan(r: PodRangeState): PodRangePlan {
  return {
    name: r.name,
    cidr: r.cidr.text,
    blockPrefixLength: r.blockPrefix,
    totalBlocks: r.totalBlocks,
    demandBlocks: r.demandBlocks,
    freeBlocks: r.totalBlocks - r.demandBlocks,
    utilization: ratio(r.demandBlocks, r.totalBlocks),
    nodes: sum(r.users.map((u) => u.demand.podRangeNodes)),
    ...forecastPodRange(r),
  };
}

function poolPlan(context: PlanContext, d: PoolDemand): PoolPlan {
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
    ...forecastPool(context, d),
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
