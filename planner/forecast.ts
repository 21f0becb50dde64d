// Forecast: how far each pool can grow before the plan fails, and where each range runs out.
//
// A pool's headroomNodes is the largest k such that the plan with that pool's maxCount (or count)
// raised by k, everything else unchanged, has no error finding. It is found with the checks
// themselves: the planning pipeline re-runs with the pool resized (a percentage surge grows with it)
// and with every subnet pinned where the plan put it (a deployed subnet does not move), searching
// exponentially and then by halves. Only the pool's own subnets are re-planned: every other subnet is
// the same at any size of this pool, so its findings cannot change. The first size that fails is
// always re-planned, so the finding that stops the pool is the checks' own; the size below it is not
// when the only errors there are the pool's own ranges running out, which the capacity arithmetic
// says fit one node earlier (ownRangesDecide).
//
// When the plan already has errors: errors on the pool's own subnets, pod range and settings always
// count; other errors that stay even with the pool emptied are not this pool's to clear and are left
// out. If what counts already fails at maxCount, headroomNodes is negative: the nodes to take away
// until it clears, and -(maxCount + 1) (runsOutAtNodes 0) when not even an empty pool clears it.
import { SMALLEST_SUBNET_PREFIX, type Cidr } from './cidr';
import { largestFreePrefix } from './carve';
import { podRangeOverfull, subnetOverfull } from './checks/capacity';
import type { PodRangeState, SubnetState } from './context';
import { podRangeNodesFor, poolDemand, type PoolDemand } from './demand';
import type { Finding, FindingCode } from './findings';
import { poolReplanner, type CheckedPlan, type PipelineOptions } from './pipeline';
import { subnetCapacity } from './subnetCapacity';
import { surgeNodes, type ResolvedNetwork, type ResolvedPool, type ResolvedSubnet } from './validate';

export interface RangeForecast {
  /** more nodes of `forecastPool` (surge following) that fit before this range runs out; negative: nodes to take away */
  headroomNodes: number;
  /** forecastPool's maxCount at which this range runs out */
  runsOutAtNodes: number;
  /** the pool grown: the one that costs the most addresses per node here, its percentage surge's share included */
  forecastPool: string;
}

export interface PoolForecast {
  headroomNodes: number;
  /** maxCount + headroomNodes + 1: the first maxCount (or count) that fails */
  runsOutAtNodes: number;
  /** maxCount + headroomNodes: the largest maxCount (or count) that plans without errors; -1 when none does */
  maxSafeMaxCount: number;
  /** the code of the error finding that appears at runsOutAtNodes */
  limitedBy: FindingCode;
  /** that finding's config path */
  limitedByPath: string;
  /**
   * set when no headroom number means anything: the pool fails at its planned size for a reason that
   * taking nodes away does not clear (not even emptying it), or for a reason that is not about
   * capacity at all (a maxPods AKS refuses, an overlapping range). The reports print this code
   * instead of the negative headroom; the numeric fields keep their meaning for older readers.
   */
  blockedBy?: FindingCode;
  /** that finding's config path */
  blockedByPath?: string;
}

/**
 * The codes that grow with a pool's size: only with these is a negative headroom "the nodes to take
 * away". Any other error (a setting AKS refuses, an overlap) blocks the pool whatever its size.
 */
export const CAPACITY_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['SUBNET_EXHAUSTED', 'POD_CIDR_EXHAUSTED', 'ADDRESS_SPACE_EXHAUSTED', 'NODE_LIMIT', 'POD_LIMIT', 'VNET_IP_LIMIT']);

/** The pool at maxCount (or count) m, its surge recomputed: a percentage surge grows with the pool (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling). */
export function resizePool(pool: ResolvedPool, m: number): ResolvedPool {
  return { ...pool, maxNodes: m, minNodes: pool.autoscale ? Math.min(pool.minNodes, m) : m, surgeNodes: surgeNodes(pool.maxSurge, m) };
}

// ---- ranges: subnets and the pod range ----------------------------------------------------------

/**
 * Subnet: grow the pool that costs the most addresses per node there, until the subnet is overfull.
 * A node's cost counts its share of a percentage surge, which grows with the pool: at 33% a node
 * costs 1.33 of its addresses, so such a pool runs the range out first.
 */
export function forecastSubnet(s: SubnetState): RangeForecast | null {
  if (!s.cidr || s.users.length === 0) return null;
  const { demand: grown, perNode } = costliest(s.users);
  const guess = linearGuess(s.usable - s.demand, perNode, grown.pool);
  return { ...rangeForecast(grown.pool.maxNodes, subnetOverfullAt(s, grown), guess), forecastPool: grown.pool.name };
}

/** Pod range: the same, counted in per-node blocks. */
export function forecastPodRange(network: ResolvedNetwork, r: PodRangeState): RangeForecast {
  const { demand: grown, perNode } = costliest(r.users);
  const guess = linearGuess(r.totalBlocks - r.demandBlocks, perNode, grown.pool);
  return { ...rangeForecast(grown.pool.maxNodes, podRangeOverfullAt(network, r, grown), guess), forecastPool: grown.pool.name };
}

/** The user whose growth costs the range most per node, surge share included; the first on a tie. */
function costliest<U extends { demand: PoolDemand; perNode: number }>(users: U[]): U {
  const cost = (u: U) => u.perNode * (1 + surgeShare(u.demand.pool));
  return users.reduce((a, b) => (cost(b) > cost(a) ? b : a));
}

/** The surge nodes one more node brings: a percentage surge's fraction, 0 for a fixed count. */
function surgeShare(pool: ResolvedPool): number {
  return typeof pool.maxSurge === 'string' ? Number(pool.maxSurge.slice(0, -1)) / 100 : 0;
}

/** Where the search starts: the free room over the cost of a node and its share of a percentage surge. */
function linearGuess(free: number, perNode: number, pool: ResolvedPool): number {
  return free > 0 ? Math.floor(free / perNode / (1 + surgeShare(pool))) : 0;
}

// The two below read what poolDemand(network, resizePool(pool, m)) gives, nodes (maxCount + surge)
// and podRangeNodes, from the same functions, without building the pool and its demand per probe.

/** Is the subnet overfull with pool `d` at maxCount m (its other users unchanged)? */
function subnetOverfullAt(s: SubnetState, d: PoolDemand): (m: number) => boolean {
  // the pool's per-node costs here, in the users' order (the sums below add them in that order)
  const perNode = perNodeOf(s.users, d);
  return (m) => {
    const nodes = m + surgeNodes(d.pool.maxSurge, m);
    let demand = s.demand;
    for (let k = 0; k < perNode.length; k++) demand += (nodes - d.nodes) * perNode[k];
    return subnetOverfull({ demand, usable: s.usable });
  };
}

function podRangeOverfullAt(network: ResolvedNetwork, r: PodRangeState, d: PoolDemand): (m: number) => boolean {
  const perNode = perNodeOf(r.users, d);
  return (m) => {
    const podRangeNodes = podRangeNodesFor(network.plugin, m, surgeNodes(d.pool.maxSurge, m));
    let demandBlocks = r.demandBlocks;
    for (let k = 0; k < perNode.length; k++) demandBlocks += (podRangeNodes - d.podRangeNodes) * perNode[k];
    return podRangeOverfull({ demandBlocks, totalBlocks: r.totalBlocks });
  };
}

/** What one node of pool `d` costs for each of its entries among a range's users (one, unless it uses the range twice). */
function perNodeOf(users: readonly { demand: PoolDemand; perNode: number }[], d: PoolDemand): number[] {
  const perNode: number[] = [];
  for (let k = 0; k < users.length; k++) if (users[k].demand === d) perNode.push(users[k].perNode);
  return perNode;
}

function rangeForecast(maxCount: number, overfullAt: (m: number) => boolean, guess: number): { headroomNodes: number; runsOutAtNodes: number } {
  const headroomNodes = headroom(maxCount, (m) => !overfullAt(m), guess);
  return { headroomNodes, runsOutAtNodes: maxCount + headroomNodes + 1 };
}

/**
 * The headroom of a size-monotone condition: the largest k >= 0 with fits(maxCount + k) when it fits
 * at maxCount; otherwise minus the nodes to take away until it fits, -(maxCount + 1) if none does.
 */
function headroom(maxCount: number, fits: (m: number) => boolean, guess = 0, below?: number): number {
  if (fits(maxCount)) return largestFitting(maxCount, fits, maxCount + Math.max(0, guess)) - maxCount;
  if (!fits(0)) return -(maxCount + 1);
  // a guess below maxCount narrows the halving: confirmed with itself and the size above it, it ends it
  let good = 0;
  let bad = maxCount;
  if (below !== undefined && below > 0 && below < maxCount) {
    if (!fits(below)) bad = below;
    else if (fits(below + 1)) good = below + 1;
    else return below - maxCount;
  }
  return bisect(good, bad, fits) - maxCount;
}

/**
 * Largest m >= from with fits(m), given fits(from): try the guess, then step away from it by doubling
 * steps (up when it fits, down when it does not), then halve the gap.
 */
function largestFitting(from: number, fits: (m: number) => boolean, guess: number): number {
  let good = from;
  let bad: number | undefined;
  if (guess > from) {
    if (fits(guess)) good = guess;
    else {
      bad = guess;
      for (let step = 1; bad - step > from; step *= 2) {
        if (fits(bad - step)) {
          good = bad - step;
          break;
        }
        bad -= step;
      }
      return bisect(good, bad, fits);
    }
  }
  for (let step = 1; bad === undefined; step *= 2) {
    // every pool meets a hard limit (1,000 nodes per pool); this only guards a broken check
    if (step > 2 ** 40) return good;
    if (fits(good + step)) good += step;
    else bad = good + step;
  }
  return bisect(good, bad, fits);
}

/** Largest m in [good, bad) with fits(m), given fits(good) and not fits(bad). */
function bisect(good: number, bad: number, fits: (m: number) => boolean): number {
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

// ---- pools: the whole pipeline --------------------------------------------------------------------

/**
 * How a pool is re-planned at other sizes: poolReplanner (planner/pipeline.ts), which runs the per-pool
 * rules for the resized pool alone and reuses what does not change with its size.
 */
export type Replanner = (base: CheckedPlan, i: number, subnets: readonly ResolvedSubnet[], options: PipelineOptions) => (network: ResolvedNetwork, grown: PoolDemand) => CheckedPlan;

/**
 * The forecast's shortcuts, which the tests turn off to get the oracle: every size the search asks
 * about re-planned through the whole pipeline. The answers must be the same.
 */
export interface ForecastSearch {
  replanner: Replanner;
  /**
   * take a size as fitting without re-planning it where the checks' own arithmetic decides: the size
   * below the first failing one when only the pool's ranges run out there (ownRangesDecide), and the
   * size at which an unplaced subnet finds room when that is the only error to clear (carvingDecides),
   * and maxCount itself in a plan with errors elsewhere when the sizes on either side settle it (staysDecide)
   */
  arithmetic: boolean;
}

const FAST: ForecastSearch = { replanner: poolReplanner, arithmetic: true };

/** Every pool's forecast, from the plan as checked (`base`) with every placed subnet pinned. */
export function forecastPools(network: ResolvedNetwork, base: CheckedPlan, search: ForecastSearch = FAST): PoolForecast[] {
  const placed = new Map<string, Cidr>();
  const states = new Map<string, SubnetState>();
  for (const s of base.context.subnets) {
    states.set(s.subnet.name, s);
    if (s.cidr) placed.set(s.subnet.name, s.cidr);
  }
  // a plan without errors has none in a pool's slice either: its size as planned needs no re-plan
  const clean = !base.findings.some((f) => f.severity === 'error');
  return base.context.demands.map((d, i) => {
    const ownStates = [states.get(d.pool.subnet)!];
    if (d.pool.podSubnet && d.pool.podSubnet !== d.pool.subnet) ownStates.push(states.get(d.pool.podSubnet)!);
    return forecastPool(network, base, clean, placed, ownStates, d, i, search);
  });
}

function forecastPool(network: ResolvedNetwork, base: CheckedPlan, clean: boolean, placed: Map<string, Cidr>, ownStates: SubnetState[], d: PoolDemand, i: number, search: ForecastSearch): PoolForecast {
  const pool = d.pool;
  const own = ownStates.map((s) => s.subnet).sort((a, b) => a.index - b.index);
  // re-plan only the pool's subnets, pinned where the plan put them; a subnet the plan could not place
  // is carved again around everything placed
  const pinned = own.map((s) => (placed.has(s.name) ? { ...s, cidr: placed.get(s.name), prefixLength: undefined } : s));
  const allPlaced = own.every((s) => placed.has(s.name));
  const avoid = allPlaced ? [] : [...placed].filter(([name]) => !own.some((s) => s.name === name)).map(([, cidr]) => cidr);

  const range = base.context.podRange;
  const rangePath = range && d.podBlocks ? range.path : undefined;
  const ownRangePaths = own.map((s) => `subnets[${s.index}]`);
  if (rangePath) ownRangePaths.push(rangePath);
  const ownPaths = [`nodePools[${pool.index}]`, ...ownRangePaths];
  const isOwn = (f: Finding) => ownPaths.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`));

  // the error findings at each size asked, in the checks' order
  const cache = new Map<number, Finding[]>();
  // the other pools' own rules are skipped: their findings stay the same at every size of this
  // pool, so they would fall in `ignored` below (present with the pool emptied, not on its paths)
  const replan = search.replanner(base, i, pinned, { ...base.options, avoid });
  const at = network.pools.indexOf(pool);
  // one network for every size asked, its pool replaced each time: only the findings of a re-plan are
  // kept, nothing holds on to the network it was made with
  const pools = network.pools.slice();
  const grownNetwork = { ...network, pools };
  const errorsAt = (m: number): Finding[] => {
    let errors = cache.get(m);
    if (!errors) {
      const resized = resizePool(pool, m);
      if (at >= 0) pools[at] = resized;
      errors = [];
      const findings = replan(grownNetwork, poolDemand(grownNetwork, resized)).findings;
      for (let k = 0; k < findings.length; k++) if (findings[k].severity === 'error') errors.push(findings[k]);
      cache.set(m, errors);
    }
    return errors;
  };

  const M = pool.maxNodes;
  if (clean) cache.set(M, []);
  // a plan with errors elsewhere: maxCount need not be re-planned when the sizes on either side of it
  // settle it (staysDecide)
  let hint: number | undefined;
  if (!clean && search.arithmetic && allPlaced) {
    hint = ownRangeHint(network, base, d, ownStates);
    if (hint > 0 && errorsAt(0).every((f) => !isOwn(f))) {
      const stopper = staysDecide(errorsAt(0), errorsAt(M + hint + 1), ownRangePaths);
      if (stopper) return poolForecast(M, hint, stopper.code, stopper.path);
    }
  }
  const atMax = errorsAt(M);
  // errors elsewhere that stay with the pool emptied are not this pool's to clear. Findings are told
  // apart across sizes by findingKey (numbers taken out), worked out only when there is something to
  // compare: a pool of a clean plan needs none
  const ignored = new Set<string>();
  if (atMax.length > 0) {
    const keysAtMax = new Set(atMax.map(findingKey));
    for (const f of errorsAt(0)) if (!isOwn(f) && keysAtMax.has(findingKey(f))) ignored.add(findingKey(f));
  }
  const countedAt = new Map<number, Finding[]>();
  const counted = (m: number): Finding[] => {
    if (ignored.size === 0) return errorsAt(m);
    let errors = countedAt.get(m);
    if (!errors) {
      errors = errorsAt(m).filter((f) => !ignored.has(findingKey(f)));
      countedAt.set(m, errors);
    }
    return errors;
  };

  let headroomNodes: number;
  let stopper: Finding | undefined;
  if (counted(M).length === 0) {
    hint ??= ownRangeHint(network, base, d, ownStates);
    const decided = search.arithmetic && hint > 0 && allPlaced && ownRangesDecide(counted(M + hint + 1), ownRangePaths);
    headroomNodes = decided ? hint : headroom(M, (m) => counted(m).length === 0, hint);
    stopper = counted(M + headroomNodes + 1)[0];
  } else {
    // taking nodes away: the errors to clear are those that fail at maxCount
    const failing = new Set(counted(M).map(findingKey));
    const clears = (m: number) => counted(m).every((f) => !failing.has(findingKey(f)));
    const unplaced = unplacedHint(network, d, ownStates, [network.serviceCidr, ...avoid, ...pinned.flatMap((s) => (s.cidr ? [s.cidr] : []))]);
    const below = unplaced?.below;
    // the size the hint gives is taken as clearing without a re-plan when the one error to clear is
    // that subnet finding no room, and the size above it is re-planned and still fails
    const decided = search.arithmetic && unplaced !== undefined && unplaced.below > 0 && unplaced.below < M && clears(0) && carvingDecides(counted(M), unplaced.path) && !clears(unplaced.below + 1);
    headroomNodes = decided ? unplaced.below - M : headroom(M, clears, 0, below);
    stopper = counted(Math.max(0, M + headroomNodes + 1)).find((f) => failing.has(findingKey(f)));
  }
  // a stopper always exists (the 1,000-node pool limit is on the pool's own path); the fallback
  // only names that limit should a broken check ever let the search run off
  return poolForecast(M, headroomNodes, stopper?.code ?? 'NODE_LIMIT', stopper?.path ?? `nodePools[${pool.index}]`);
}

function poolForecast(M: number, headroomNodes: number, limitedBy: FindingCode, limitedByPath: string): PoolForecast {
  const blocked = headroomNodes < 0 && (M + headroomNodes + 1 <= 0 || !CAPACITY_CODES.has(limitedBy));
  return {
    headroomNodes,
    runsOutAtNodes: M + headroomNodes + 1,
    maxSafeMaxCount: M + headroomNodes,
    limitedBy,
    limitedByPath,
    ...(blocked ? { blockedBy: limitedBy, blockedByPath: limitedByPath } : {}),
  };
}

// ---- kubenet's route table: one route per node, surge included --------------------------------

export interface RouteForecast extends RangeForecast {
  /** routes at full scale: every pool's nodes at maxCount plus surge */
  used: number;
  limit: number;
}

/**
 * kubenet: AKS adds a route per node to the cluster's route table, which holds `limit` routes. Grows
 * the pool whose percentage surge adds the most per node (the first on a tie), as the range forecasts
 * do; the figure agrees with the NODE_LIMIT check (planner/checks/limits.ts), which fails above `limit`.
 */
export function forecastRoutes(network: ResolvedNetwork, demands: readonly PoolDemand[], limit: number): RouteForecast | null {
  if (network.plugin !== 'kubenet' || demands.length === 0) return null;
  const used = demands.reduce((n, d) => n + d.nodes, 0);
  const grown = costliest(demands.map((d) => ({ demand: d, perNode: 1 }))).demand;
  const overfullAt = (m: number) => used - grown.nodes + poolDemand(network, resizePool(grown.pool, m)).nodes > limit;
  const guess = linearGuess(limit - used, 1, grown.pool);
  return { used, limit, ...rangeForecast(grown.pool.maxNodes, overfullAt, guess), forecastPool: grown.pool.name };
}

/**
 * Whether the errors at the first size past ownRangeHint's (maxCount + hint + 1, re-planned: they are
 * the checks' own) settle the search without re-planning the size below. When they are all the pool's
 * own ranges running out (SUBNET_EXHAUSTED on its subnets, POD_CIDR_EXHAUSTED on the pod range), no
 * other error is there one node earlier either: an error the checks give at a size stays at every
 * larger size (more nodes only take more addresses and count more against each limit; the search's
 * halving rests on the same), and these exhaustion errors follow the arithmetic ownRangeHint shares
 * with the capacity checks (subnetOverfull, podRangeOverfull), by which every own range fits at
 * maxCount + hint. Anything else among the errors, and the size below is re-planned as before.
 */
function ownRangesDecide(errors: readonly Finding[], ownRangePaths: readonly string[]): boolean {
  if (errors.length === 0) return false;
  for (let k = 0; k < errors.length; k++) {
    const f = errors[k];
    if (!ownRangePaths.includes(f.path) || (f.code !== 'SUBNET_EXHAUSTED' && f.code !== 'POD_CIDR_EXHAUSTED')) return false;
  }
  return true;
}

/**
 * In a plan with errors elsewhere (another subnet that finds no room, a cluster-wide limit), whether
 * the sizes 0 and maxCount + ownRangeHint's + 1 (both re-planned: their findings are the checks' own)
 * settle the search without re-planning maxCount itself, and the finding that stops the pool. They do
 * when, at the larger size, every error is either one that is there with the pool emptied too (none
 * of them the pool's own: the caller checks) or the pool's own ranges running out, and there is at
 * least one of the latter. An error the checks give at a size stays at every larger size (what the
 * search's halving and ownRangesDecide rest on), so the errors at maxCount lie between those at 0
 * and those at the larger size; by the capacity arithmetic the pool's own ranges fit at maxCount, so
 * the errors at maxCount are exactly those at 0, all left out as not this pool's to clear: the search
 * would go on exactly as ownRangesDecide does, with the same first finding. Returns that finding.
 */
function staysDecide(atZero: readonly Finding[], above: readonly Finding[], ownRangePaths: readonly string[]): Finding | undefined {
  const stay = new Set<string>();
  for (let k = 0; k < atZero.length; k++) stay.add(findingKey(atZero[k]));
  let first: Finding | undefined;
  for (let k = 0; k < above.length; k++) {
    const f = above[k];
    if (stay.has(findingKey(f))) continue;
    if (!ownRangePaths.includes(f.path) || (f.code !== 'SUBNET_EXHAUSTED' && f.code !== 'POD_CIDR_EXHAUSTED')) return undefined;
    first ??= f;
  }
  return first;
}

/** Where the pool's own ranges run out: a first guess for the search, which the checks then confirm. */
function ownRangeHint(network: ResolvedNetwork, base: CheckedPlan, d: PoolDemand, ownStates: SubnetState[]): number {
  const M = d.pool.maxNodes;
  let least = Infinity;
  for (let k = 0; k < ownStates.length; k++) {
    const s = ownStates[k];
    if (!s.cidr) continue;
    let perNode = 0;
    for (let u = 0; u < s.users.length; u++) if (s.users[u].demand === d) perNode += s.users[u].perNode;
    const overfull = subnetOverfullAt(s, d);
    least = Math.min(least, headroom(M, (m) => !overfull(m), linearGuess(s.usable - s.demand, perNode, d.pool)));
  }
  const r = base.context.podRange;
  let use: PodRangeState['users'][number] | undefined;
  if (r) for (let u = 0; u < r.users.length && !use; u++) if (r.users[u].demand === d) use = r.users[u];
  if (r && use) {
    const overfull = podRangeOverfullAt(network, r, d);
    least = Math.min(least, headroom(M, (m) => !overfull(m), linearGuess(r.totalBlocks - r.demandBlocks, use.perNode, d.pool)));
  }
  return least === Infinity ? 0 : Math.max(0, least);
}

/**
 * When one of the pool's own subnets could not be carved: the largest maxCount at which it would fit
 * the largest block left free, a first guess for the halving (which the checks then confirm).
 */
function unplacedHint(network: ResolvedNetwork, d: PoolDemand, ownStates: SubnetState[], taken: readonly Cidr[]): { below: number; path: string } | undefined {
  const unplaced = ownStates.filter((s) => !s.cidr && !s.subnet.cidr && s.subnet.prefixLength === undefined && s.users.some((u) => u.demand === d));
  if (unplaced.length !== 1) return undefined;
  const s = unplaced[0];
  // taken as the re-plan carves around it (same order: the carver's index is then built once)
  const prefix = largestFreePrefix(network.addressSpace, taken);
  // a free block smaller than Azure's smallest subnet: the carver would size the subnet to a /29 all the same
  if (prefix === undefined || prefix > SMALLEST_SUBNET_PREFIX) return undefined;
  const usable = subnetCapacity(prefix, s.role, network.plugin === 'azure-cni-static-block');
  const overfull = subnetOverfullAt({ ...s, usable }, d);
  const fits = (m: number) => !overfull(m);
  if (!fits(0)) return undefined;
  return { below: bisect(0, d.pool.maxNodes, fits), path: s.path };
}

/**
 * Whether the errors to clear at maxCount are only the unplaced subnet's finding no room
 * (ADDRESS_SPACE_EXHAUSTED on its path). Then at unplacedHint's size that error is gone by the
 * carver's own arithmetic: the subnet is sized (azurePrefixFor) to a block no larger than the largest
 * left free around the same ranges, which the carver then takes.
 */
function carvingDecides(failingAtMax: readonly Finding[], path: string): boolean {
  if (failingAtMax.length === 0) return false;
  for (const f of failingAtMax) if (f.code !== 'ADDRESS_SPACE_EXHAUSTED' || f.path !== path) return false;
  return true;
}

/**
 * A finding's identity across sizes: its code, path and message with what moves with size taken
 * out: numbers, parenthesized breakdowns ("(12 at maxCount + 1: …)" appears at some sizes only) and
 * plural endings ("1 node", "2 nodes").
 */
export function findingKey(f: Finding): string {
  // the search asks again about the findings of sizes it has re-planned: those objects are kept
  const known = keysOf.get(f);
  if (known !== undefined) return known;
  const raw = `${f.code}|${f.path}|${f.message}`;
  let key = findingKeys.get(raw);
  if (key === undefined) {
    key = normalizedKey(f);
    // the same findings come back in every re-plan of every pool: normalize each text once (bounded, as a cache must be)
    if (findingKeys.size > 10_000) findingKeys.clear();
    findingKeys.set(raw, key);
  }
  keysOf.set(f, key);
  return key;
}

const findingKeys = new Map<string, string>();
const keysOf = new WeakMap<Finding, string>();

function normalizedKey(f: Finding): string {
  let message = f.message;
  for (let before = ''; before !== message; ) {
    before = message;
    message = message.replace(/\([^()]*\)/g, '');
  }
  return `${f.code}|${f.path}|${message.replace(/\d[\d,.]*/g, '#').replace(/\b([A-Za-z]+?)s\b/g, '$1')}`;
}
