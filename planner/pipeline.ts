// The planning pipeline, shared by the plan and by its forecast: size and place the subnets, size the
// pod range, run every check. The forecast re-runs it with one pool resized, so whatever a check
// refuses also bounds the forecast (a new check counts without touching forecast.ts).
import { azurePrefixFor, type Cidr } from './cidr';
import { GATEWAY_SUBNET_PURPOSES } from './config';
import { carveSubnets, type CarveRequest } from './carve';
import { runChecks } from './checks';
import { poolTotals, totalsOf, totalsWith, type PlanContext, type PodRangeState, type SubnetState } from './context';
import type { PoolDemand } from './demand';
import { error, type Finding } from './findings';
import { subnetCapacity } from './subnetCapacity';
import type { ResolvedNetwork, ResolvedSubnet } from './validate';

export interface PipelineOptions {
  /** ranges no carved subnet may take besides the service CIDR (the forecast passes every subnet already placed) */
  avoid?: readonly Cidr[];
  /** addresses other resources the stack creates take in a subnet, by subnet name (e.g. an internal ingress IP) */
  extraIps?: ReadonlyMap<string, number>;
  /** the forecast's resized pool: per-pool rules run for it alone (PlanContext.onlyPool) */
  onlyPool?: PoolDemand;
}

export interface CheckedPlan {
  context: PlanContext;
  /** placement findings (a subnet that cannot be sized or placed) and every check's findings */
  findings: Finding[];
  /** what the plan was made with, so that the forecast re-plans alike */
  options: PipelineOptions;
}

/**
 * Plans `subnets` (all of the network's, or the few a forecast resizes) for these pool demands and
 * runs every check.
 */
export function planAndCheck(network: ResolvedNetwork, demands: PoolDemand[], subnets: readonly ResolvedSubnet[], options: PipelineOptions = {}): CheckedPlan {
  const findings: Finding[] = [];
  // the whole network's subnets (the plan): every pool's subnets are among them, no need to filter
  const users = usersBySubnet(demands, subnets === network.subnets ? undefined : new Set(subnets.map((s) => s.name)));
  const states = planSubnets(network, subnets, users, options, findings);
  return checked({ network, demands, subnets: states, podRange: planPodRange(network, demands), totals: poolTotals(demands) }, options, findings);
}

function checked(context: PlanContext, options: PipelineOptions, placement: Finding[]): CheckedPlan {
  if (options.onlyPool) context.onlyPool = options.onlyPool;
  return { context, findings: placement.concat(runChecks(context)), options };
}

/**
 * The forecast's re-plan of pool `i` (the pool `base.context.demands[i]`) at other sizes, prepared
 * once: the same as planAndCheck(network, demands with the pool resized, subnets, options with
 * onlyPool), but what does not change with the pool's size is worked out once. Which pools use which
 * of these subnets and the pod range, and what one node of each costs there, depends on their subnet
 * names and maxPods, not their sizes; the sums over the other pools do not move either. Each re-plan
 * puts the resized pool's demand in their place, adjusts the sums by its difference, places the
 * subnets and runs every check.
 */
export function poolReplanner(base: CheckedPlan, i: number, subnets: readonly ResolvedSubnet[], options: PipelineOptions): (network: ResolvedNetwork, grown: PoolDemand) => CheckedPlan {
  const { demands, podRange } = base.context;
  const before = demands[i];
  const everyUser = usersOf(base);
  const users: [string, SubnetUser[]][] = [];
  for (const s of subnets) {
    const list = everyUser.get(s.name);
    if (list) users.push([s.name, list]);
  }
  const totals = totalsOf(base.context);
  const rangeUser = podRange ? podRange.users.findIndex((u) => u.demand === before) : -1;
  return (network, grown) => {
    const resized = demands.slice();
    resized[i] = grown;
    const grownUsers = new Map<string, SubnetUser[]>();
    for (let k = 0; k < users.length; k++) {
      const list = users[k][1].slice();
      for (let u = 0; u < list.length; u++) if (list[u].demand === before) list[u] = { ...list[u], demand: grown };
      grownUsers.set(users[k][0], list);
    }
    const findings: Finding[] = [];
    const grownOptions = { ...options, onlyPool: grown };
    const states = planSubnets(network, subnets, grownUsers, grownOptions, findings);
    const grownRange = podRange && rangeUser >= 0 ? podRangeWith(podRange, rangeUser, grown) : podRange;
    return checked({ network, demands: resized, subnets: states, podRange: grownRange, totals: totalsWith(totals, resized, before, grown) }, grownOptions, findings);
  };
}

function planSubnets(network: ResolvedNetwork, subnets: readonly ResolvedSubnet[], users: ReadonlyMap<string, readonly SubnetUser[]>, options: PipelineOptions, findings: Finding[]): SubnetState[] {
  const staticPods = network.plugin === 'azure-cni-static-block';
  // plain loops: a VNet holds up to 3,000 subnets, and the CLI runs this in V8's interpreter
  // indexed loops: for-of costs an iterator per loop in the interpreter
  const states: SubnetState[] = [];
  for (let k = 0; k < subnets.length; k++) {
    const subnet = subnets[k];
    states.push(subnetState(subnet, users.get(subnet.name) ?? [], options.extraIps?.get(subnet.name) ?? 0));
  }
  const requests: CarveRequest[] = [];
  const requested: SubnetState[] = [];
  for (let k = 0; k < states.length; k++) {
    const state = states[k];
    const { subnet } = state;
    if (subnet.cidr) {
      requests.push({ name: subnet.name, cidr: subnet.cidr });
      requested.push(state);
      continue;
    }
    const prefix = subnet.prefixLength ?? (GATEWAY_SUBNET_PURPOSES.includes(subnet.purpose) && state.users.length === 0 ? 24 : azurePrefixFor(state.demand, (p) => subnetCapacity(p, state.role, staticPods) >= state.demand));
    if (prefix === undefined) {
      findings.push(error('SUBNET_EXHAUSTED', state.path, `subnet "${subnet.name}" needs ${state.demand} addresses at full scale; no Azure subnet (largest /2) holds that many`));
      continue;
    }
    requests.push({ name: subnet.name, prefix });
    requested.push(state);
  }
  // a service CIDR inside the VNet is allowed (a warning), but a subnet on it is an error (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning, https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni)
  const carved = carveSubnets(network.addressSpace, requests, carveAvoid(network.serviceCidr, options.avoid));
  // one result per request, in order
  for (let k = 0; k < carved.length; k++) {
    const result = carved[k];
    const state = requested[k];
    state.carved = result.carved;
    if (result.cidr) {
      state.cidr = result.cidr;
      state.usable = subnetCapacity(result.cidr.prefix, state.role, staticPods);
    } else {
      findings.push(
        error('ADDRESS_SPACE_EXHAUSTED', state.path, `no free /${result.prefix} is left in the address space ${network.addressSpace.map((c) => c.text).join(', ')} for subnet "${state.subnet.name}": add a range to addressSpace, or make other subnets smaller`),
      );
    }
  }
  return states;
}

/**
 * The service CIDR and `avoid`: the same array for every re-plan of a pool (its options keep one
 * `avoid`), which lets the carver see at once that it carves around the same ranges again.
 */
const carveAvoids = new WeakMap<readonly Cidr[], { svc: Cidr; list: readonly Cidr[] }>();
function carveAvoid(svc: Cidr, avoid: readonly Cidr[] | undefined): readonly Cidr[] {
  if (!avoid || avoid.length === 0) return [svc];
  const kept = carveAvoids.get(avoid);
  if (kept && kept.svc === svc && kept.list.length === avoid.length + 1) return kept.list;
  const list = [svc, ...avoid];
  carveAvoids.set(avoid, { svc, list });
  return list;
}

type SubnetUser = SubnetState['users'][number] & { as: 'nodes' | 'pods' };

/** Which pools use each of the named subnets (all when no names are given), and what one node costs there; one pass over the pools. */
function usersBySubnet(demands: readonly PoolDemand[], names?: ReadonlySet<string>): Map<string, SubnetUser[]> {
  const users = new Map<string, SubnetUser[]>();
  for (let k = 0; k < demands.length; k++) {
    const d = demands[k];
    if (!names || names.has(d.pool.subnet)) addUser(users, d.pool.subnet, { demand: d, perNode: d.nodeSubnetPerNode, as: 'nodes' });
    if (d.pool.podSubnet && (!names || names.has(d.pool.podSubnet))) addUser(users, d.pool.podSubnet, { demand: d, perNode: d.podSubnetPerNode, as: 'pods' });
  }
  return users;
}

/** Every subnet's users in the plan, worked out once for all of its pools' re-plans (read only). */
const planUsers = new WeakMap<CheckedPlan, Map<string, SubnetUser[]>>();
function usersOf(base: CheckedPlan): Map<string, SubnetUser[]> {
  let users = planUsers.get(base);
  if (!users) {
    users = usersBySubnet(base.context.demands);
    planUsers.set(base, users);
  }
  return users;
}

function addUser(users: Map<string, SubnetUser[]>, name: string, user: SubnetUser): void {
  const list = users.get(name);
  if (list) list.push(user);
  else users.set(name, [user]);
}

function subnetState(subnet: ResolvedSubnet, subnetUsers: readonly SubnetUser[], extraIps: number): SubnetState {
  let nodeUse = false;
  let podUse = false;
  let demand = subnet.reservedIps + extraIps;
  const users: SubnetState['users'] = [];
  for (let k = 0; k < subnetUsers.length; k++) {
    const u = subnetUsers[k];
    if (u.as === 'nodes') nodeUse = true;
    else podUse = true;
    demand += u.demand.nodes * u.perNode;
    users.push({ demand: u.demand, perNode: u.perNode });
  }
  const role = nodeUse && podUse ? 'nodes+pods' : nodeUse ? 'nodes' : podUse ? 'pods' : 'other';
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
  const users: PodRangeState['users'] = [];
  for (const d of demands) if (d.podBlocks) users.push({ demand: d, perNode: d.podBlocks.blocksPerNode, allocation: d.podBlocks });
  if (users.length === 0) return undefined;
  const blockPrefix = users[0].allocation.blockPrefix;
  const totalBlocks = cidr.prefix > blockPrefix ? 0 : 2 ** (blockPrefix - cidr.prefix);
  return { name, path, cidr, blockPrefix, totalBlocks, demandBlocks: rangeDemand(users), users };
}

function rangeDemand(users: PodRangeState['users']): number {
  let demandBlocks = 0;
  for (const u of users) demandBlocks += u.demand.podRangeNodes * u.perNode;
  return demandBlocks;
}

/**
 * The pod range with its user at `at` replaced by the same pool resized (same maxPods, so the same
 * per-node blocks): its blocks change by the difference, exactly, as block counts are integers.
 */
function podRangeWith(range: PodRangeState, at: number, grown: PoolDemand): PodRangeState {
  const users = range.users.slice();
  const before = users[at];
  users[at] = { demand: grown, perNode: grown.podBlocks!.blocksPerNode, allocation: grown.podBlocks! };
  const delta = users[at].demand.podRangeNodes * users[at].perNode - before.demand.podRangeNodes * before.perNode;
  const demandBlocks = Number.isInteger(range.demandBlocks) && Number.isInteger(delta) ? range.demandBlocks + delta : rangeDemand(users);
  return { ...range, demandBlocks, users };
}
