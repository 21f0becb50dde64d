// `aksnet diff BASE HEAD`: what a change does to each stack's plan. Pure: two plan documents in,
// one diff out (no Pulumi, no I/O).
//
// BASE is taken to be what is deployed (the base branch deploys it), so:
// - A subnet present on both sides whose CIDR changes is a change to a deployed subnet, carved or
//   pinned alike (a carved subnet is in use once deployed). Azure changes a subnet's range only
//   while nothing is deployed in it (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq, https://learn.microsoft.com/azure/aks/update-azure-cni), so when BASE has pools in it the change is an
//   error (SUBNET_MOVED when its first address changes, SUBNET_RESIZED when only its prefix does);
//   with no pools it is a warning (load balancer front ends or private endpoints may still use it).
// - A pool whose settings Azure cannot change in place (OS, VM size, maxPods, subnet, pod subnet,
//   pod IP mode) gets a new Azure node pool: it is rotated, and the Azure names show it.
import { identityChanges, podIpAllocationFor, poolIdentity } from '../design/nodePoolName';
import type { Connection, PlanDocument, PlanFinding, PlanPodRange, PlanPool, PlanRouteTable, PlanSubnet, StackPlan } from './diffInput';
import { parseCidr } from '../planner/cidr';
import { limitedByText } from './format';
import { rotationMomentFindings } from './rotationMoment';

export type DiffFindingCode = 'SUBNET_MOVED' | 'SUBNET_RESIZED' | 'ROTATION_EXHAUSTED' | 'CLUSTER_REPLACEMENT';

/** What the diff itself finds wrong with the change (as opposed to the plan's own findings). */
export interface DiffFinding {
  severity: 'error' | 'warning';
  code: DiffFindingCode;
  /** what it is about, by name: "subnets.<name>", "podRanges.<name>", "nodePools.<name>" */
  path: string;
  message: string;
}

export interface Change<T> {
  before: T;
  after: T;
}

export interface SubnetChange {
  name: string;
  cidr: Change<string | null>;
  /** pools BASE runs in the subnet */
  pools: string[];
}

export interface SubnetCapacity {
  name: string;
  cidr: string | null;
  /** the pool whose maxCount runsOutAtNodes counts (HEAD's) */
  forecastPool: string | null;
  usable: Change<number>;
  demand: Change<number>;
  utilization: Change<number | null>;
  headroomNodes: Change<number | null>;
  runsOutAtNodes: Change<number | null>;
}

export interface PodRangeCapacity {
  name: string;
  cidr: Change<string>;
  /** HEAD's pool whose growth the runs-out figure follows, as for a subnet */
  forecastPool: string | null;
  totalBlocks: Change<number>;
  demandBlocks: Change<number>;
  utilization: Change<number | null>;
  headroomNodes: Change<number>;
  runsOutAtNodes: Change<number>;
}

/** kubenet's route table, when both sides have one and its figures changed */
export interface RouteTableCapacity {
  used: Change<number>;
  limit: Change<number>;
  utilization: Change<number | null>;
  headroomNodes: Change<number | null>;
  runsOutAtNodes: Change<number | null>;
  forecastPool: string | null;
}

export interface PoolRotation {
  name: string;
  /** e.g. ["maxPods 30 -> 50"] */
  changes: string[];
  agentPoolName: Change<string | null>;
}

export interface PoolUpdate {
  name: string;
  /** settings changed in place, e.g. ["maxCount 60 -> 80"] */
  changes: string[];
}

export interface PoolHeadroom {
  name: string;
  headroomNodes: Change<number>;
  runsOutAtNodes: Change<number>;
  /** when both plans carry it */
  maxSafeMaxCount?: Change<number>;
  limitedBy: Change<string>;
  /** when either side blocks the pool (no headroom number means anything there) */
  blockedBy?: Change<string | null>;
}

export interface AddedPoolHeadroom {
  name: string;
  headroomNodes: number;
  runsOutAtNodes: number;
  limitedBy: string;
  /** HEAD's reason no headroom number means anything, when it has one */
  blockedBy?: string;
}

export interface ConnectivityDiff {
  gained: Connection[];
  lost: Connection[];
  /**
   * union: both sides evaluated over one endpoint set (plans carrying `reach`); common: older plans
   * without it, compared only on the connections both list (a connection one side does not list is
   * not known to change)
   */
  basis?: 'union' | 'common';
}

export interface StackDiff {
  stack: string;
  /** added: only in HEAD; removed: only in BASE */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  subnets: {
    added: { name: string; cidr: string | null }[];
    removed: { name: string; cidr: string | null }[];
    moved: SubnetChange[];
    resized: SubnetChange[];
    /** subnets on both sides whose size, demand or forecast changed */
    capacity: SubnetCapacity[];
  };
  podRanges: PodRangeCapacity[];
  routeTable?: RouteTableCapacity;
  pools: {
    added: string[];
    removed: string[];
    rotated: PoolRotation[];
    updated: PoolUpdate[];
    /** every pool on both sides: headroom and runs-out-at before -> after */
    headroom: PoolHeadroom[];
    /** every pool only in HEAD: its headroom there */
    addedHeadroom: AddedPoolHeadroom[];
  };
  findings: { new: PlanFinding[]; resolved: PlanFinding[] };
  /** only when both sides carry `connectivity` */
  connectivity?: ConnectivityDiff;
  diffFindings: DiffFinding[];
  /** HEAD's plan has no error finding */
  headOk: boolean;
}

export interface PlanDiff {
  /** false when HEAD has an error finding or the diff finds an error (exit 1) */
  ok: boolean;
  stacks: StackDiff[];
  crossStackFindings: { new: PlanFinding[]; resolved: PlanFinding[] };
}

/**
 * `reachability`: per stack, the connectivity diff over one endpoint set, computed by the caller from
 * both plans' `reach` (netpol/connectivity.ts diffReachSummaries; the renderers stay free of the evaluator).
 */
export function diffPlans(base: PlanDocument, head: PlanDocument, reachability: ReadonlyMap<string, ConnectivityDiff> = new Map()): PlanDiff {
  // two one-stack plans are one stack before and after, whatever each calls itself: HEAD's name
  if (base.single && head.single && base.stacks.size === 1 && head.stacks.size === 1) {
    const [name] = head.stacks.keys();
    base = { ...base, stacks: new Map([[name, [...base.stacks.values()][0]]]) };
  }
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])];
  const stacks = names.map((name) => diffStack(name, base.stacks.get(name), head.stacks.get(name), reachability.get(name)));
  const crossStackFindings = diffFindings(base.crossStackFindings, head.crossStackFindings);
  const ok =
    stacks.every((s) => s.headOk && !s.diffFindings.some((f) => f.severity === 'error')) &&
    !head.crossStackFindings.some((f) => f.severity === 'error');
  return { ok, stacks, crossStackFindings };
}

const EMPTY: StackPlan = { findings: [], network: { plugin: '' }, subnets: [], podRanges: [], pools: [] };

function diffStack(stack: string, base: StackPlan | undefined, head: StackPlan | undefined, reachability?: ConnectivityDiff): StackDiff {
  const b = base ?? EMPTY;
  const h = head ?? EMPTY;
  const subnets = diffSubnets(b.subnets, h.subnets);
  const pools = diffPools(b, h);
  const diff: StackDiff = {
    stack,
    status: 'unchanged',
    subnets: subnets.lists,
    podRanges: diffPodRanges(b.podRanges ?? [], h.podRanges ?? []),
    ...routeTableDiff(b.routeTable, h.routeTable),
    pools,
    findings: diffFindings(b.findings, h.findings),
    ...(reachability && base && head ? { connectivity: { ...reachability, basis: 'union' as const } } : b.connectivity && h.connectivity && base && head ? { connectivity: diffConnectivity(b.connectivity, h.connectivity) } : {}),
    diffFindings: [...subnets.findings, ...(base && head ? rotationMomentFindings(b, h, pools.rotated.map((r) => r.name)) : [])],
    headOk: !h.findings.some((f) => f.severity === 'error'),
  };
  diff.status = !base ? 'added' : !head ? 'removed' : hasChanges(diff) ? 'changed' : 'unchanged';
  return diff;
}

function hasChanges(d: StackDiff): boolean {
  const s = d.subnets;
  const p = d.pools;
  return (
    [s.added, s.removed, s.moved, s.resized, s.capacity, d.podRanges, p.added, p.removed, p.rotated, p.updated, d.findings.new, d.findings.resolved].some((l) => l.length > 0) ||
    p.headroom.some((x) => changed(x.headroomNodes) || changed(x.runsOutAtNodes)) ||
    d.routeTable !== undefined ||
    (d.connectivity !== undefined && d.connectivity.gained.length + d.connectivity.lost.length > 0)
  );
}

const changed = <T>(c: Change<T>) => c.before !== c.after;
const change = <T>(before: T, after: T): Change<T> => ({ before, after });

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name, i]));
}

function diffSubnets(base: PlanSubnet[], head: PlanSubnet[]) {
  const before = byName(base);
  const after = byName(head);
  const lists: StackDiff['subnets'] = { added: [], removed: [], moved: [], resized: [], capacity: [] };
  const findings: DiffFinding[] = [];
  for (const s of head) if (!before.has(s.name)) lists.added.push({ name: s.name, cidr: s.cidr });
  for (const s of base) if (!after.has(s.name)) lists.removed.push({ name: s.name, cidr: s.cidr });
  for (const b of base) {
    const h = after.get(b.name);
    if (!h) continue;
    if (b.cidr !== null && h.cidr !== b.cidr) {
      const kind = cidrChangeKind(b.cidr, h.cidr);
      const entry: SubnetChange = { name: b.name, cidr: change<string | null>(b.cidr, h.cidr), pools: b.pools };
      lists[kind].push(entry);
      findings.push(subnetChangeFinding(kind, entry));
    }
    const capacity: SubnetCapacity = {
      name: b.name,
      cidr: h.cidr,
      forecastPool: h.forecastPool ?? null,
      usable: change(b.usable, h.usable),
      demand: change(b.demand, h.demand),
      utilization: change(b.utilization, h.utilization),
      headroomNodes: change(b.headroomNodes, h.headroomNodes),
      runsOutAtNodes: change(b.runsOutAtNodes, h.runsOutAtNodes),
    };
    if ([capacity.usable, capacity.demand, capacity.headroomNodes, capacity.runsOutAtNodes].some(changed)) lists.capacity.push(capacity);
  }
  return { lists, findings };
}

/** moved: the range starts elsewhere (or HEAD could not place it); resized: same start, other prefix. */
function cidrChangeKind(before: string, after: string | null): 'moved' | 'resized' {
  if (after === null) return 'moved';
  const b = parseCidr(before);
  const a = parseCidr(after);
  return b.ok && a.ok && b.cidr.start === a.cidr.start ? 'resized' : 'moved';
}

function subnetChangeFinding(kind: 'moved' | 'resized', s: SubnetChange): DiffFinding {
  const what = `subnet "${s.name}" ${kind} ${s.cidr.before} -> ${s.cidr.after ?? 'unplaced'}`;
  const rule = "Azure changes a subnet's range only while nothing is deployed in it";
  const code = kind === 'moved' ? 'SUBNET_MOVED' : 'SUBNET_RESIZED';
  if (s.pools.length > 0) {
    return { severity: 'error', code, path: `subnets.${s.name}`, message: `${what}: ${rule}, and pools ${s.pools.join(', ')} run in it; add a new subnet, move the pools to it, deploy, then remove "${s.name}" (pin a carved subnet's cidr once deployed)` };
  }
  return { severity: 'warning', code, path: `subnets.${s.name}`, message: `${what}: ${rule}; this fails while load balancer front ends or private endpoints use it` };
}

function diffPodRanges(base: PlanPodRange[], head: PlanPodRange[]): PodRangeCapacity[] {
  const after = byName(head);
  const out: PodRangeCapacity[] = [];
  for (const b of base) {
    const h = after.get(b.name);
    if (!h) continue;
    const c: PodRangeCapacity = {
      name: b.name,
      cidr: change(b.cidr, h.cidr),
      forecastPool: h.forecastPool ?? null,
      totalBlocks: change(b.totalBlocks, h.totalBlocks),
      demandBlocks: change(b.demandBlocks, h.demandBlocks),
      utilization: change(b.utilization, h.utilization),
      headroomNodes: change(b.headroomNodes, h.headroomNodes),
      runsOutAtNodes: change(b.runsOutAtNodes, h.runsOutAtNodes),
    };
    if (changed(c.cidr) || [c.totalBlocks, c.demandBlocks, c.headroomNodes, c.runsOutAtNodes].some(changed)) out.push(c);
  }
  return out;
}

function routeTableDiff(b: PlanRouteTable | undefined, h: PlanRouteTable | undefined): { routeTable?: RouteTableCapacity } {
  if (!b || !h) return {};
  const c: RouteTableCapacity = {
    used: change(b.used, h.used),
    limit: change(b.limit, h.limit),
    utilization: change(b.utilization, h.utilization),
    headroomNodes: change(b.headroomNodes, h.headroomNodes),
    runsOutAtNodes: change(b.runsOutAtNodes, h.runsOutAtNodes),
    forecastPool: h.forecastPool ?? null,
  };
  return [c.used, c.limit, c.headroomNodes, c.runsOutAtNodes].some(changed) ? { routeTable: c } : {};
}

/** Settings Azure updates in place, shown as "maxCount 60 -> 80". */
const IN_PLACE: [string, (p: PlanPool) => unknown][] = [
  ['mode', (p) => p.mode],
  ['minCount', (p) => p.minNodes],
  ['maxCount', (p) => p.maxNodes],
  ['surge nodes', (p) => p.surgeNodes],
];

function diffPools(base: StackPlan, head: StackPlan): StackDiff['pools'] {
  const before = byName(base.pools);
  const after = byName(head.pools);
  const out: StackDiff['pools'] = {
    added: head.pools.filter((p) => !before.has(p.name)).map((p) => p.name),
    removed: base.pools.filter((p) => !after.has(p.name)).map((p) => p.name),
    rotated: [],
    updated: [],
    headroom: [],
    addedHeadroom: head.pools
      .filter((p) => !before.has(p.name))
      .map((p) => ({ name: p.name, headroomNodes: p.headroomNodes, runsOutAtNodes: p.runsOutAtNodes, limitedBy: limitedByText(p, head.subnets), ...(p.blockedBy ? { blockedBy: p.blockedBy } : {}) })),
  };
  for (const b of base.pools) {
    const h = after.get(b.name);
    if (!h) continue;
    const fixed = identityChanges(poolIdentity(b, podIpAllocationFor(base.network.plugin)), poolIdentity(h, podIpAllocationFor(head.network.plugin)));
    const names = change(b.agentPoolName ?? null, h.agentPoolName ?? null);
    const renamed = names.before !== null && names.after !== null && changed(names);
    if (fixed.length > 0 || renamed) out.rotated.push({ name: b.name, changes: fixed.length ? fixed : [`Azure name ${names.before} -> ${names.after}`], agentPoolName: names });
    const inPlace = IN_PLACE.filter(([, get]) => get(b) !== get(h)).map(([label, get]) => `${label} ${get(b)} -> ${get(h)}`);
    if (inPlace.length) out.updated.push({ name: b.name, changes: inPlace });
    out.headroom.push({
      name: b.name,
      headroomNodes: change(b.headroomNodes, h.headroomNodes),
      runsOutAtNodes: change(b.runsOutAtNodes, h.runsOutAtNodes),
      ...(b.maxSafeMaxCount !== undefined && h.maxSafeMaxCount !== undefined ? { maxSafeMaxCount: change(b.maxSafeMaxCount, h.maxSafeMaxCount) } : {}),
      limitedBy: change(limitedByText(b, base.subnets), limitedByText(h, head.subnets)),
      ...(b.blockedBy || h.blockedBy ? { blockedBy: change(b.blockedBy ?? null, h.blockedBy ?? null) } : {}),
    });
  }
  return out;
}

/**
 * A finding is the same on both sides when its severity, code and path match: its message carries
 * figures that move with any change, and a figure moving is not a new problem.
 */
function diffFindings(base: PlanFinding[], head: PlanFinding[]): { new: PlanFinding[]; resolved: PlanFinding[] } {
  const key = (f: PlanFinding) => `${f.severity}\u0000${f.code}\u0000${f.path}`;
  const before = new Set(base.map(key));
  const after = new Set(head.map(key));
  return { new: head.filter((f) => !before.has(key(f))), resolved: base.filter((f) => !after.has(key(f))) };
}

/**
 * Reachability gained and lost between plans without `reach` (older plans): only the connections
 * both sides list are compared. A connection one side does not list (its endpoint was not
 * representative there) is unknown on that side, not denied: counting it as lost would report
 * connections that still work.
 */
function diffConnectivity(base: Connection[], head: Connection[]): ConnectivityDiff {
  const key = (c: Connection) => JSON.stringify([c.from, c.to, c.port ?? null, c.protocol ?? null]);
  const before = new Map(base.map((c) => [key(c), c.allowed]));
  const after = new Map(head.map((c) => [key(c), c.allowed]));
  return {
    gained: head.filter((c) => c.allowed && before.get(key(c)) === false),
    lost: base.filter((c) => c.allowed && after.get(key(c)) === false),
    basis: 'common',
  };
}
