// Offline reachability: is a connection from A to B on port/protocol allowed by a set of Kubernetes
// and Calico policies? A connection needs egress allowed at the source and ingress allowed at the
// destination (kubernetes.io/docs/concepts/services-networking/network-policies/). Each direction at
// an endpoint is decided the way Felix decides it
// (docs.tigera.io/calico/latest/reference/resources/tier, "How policy is evaluated"):
//   tiers in order (lower first), only tiers with a policy that applies to the endpoint; in a tier,
//   policies by order (no order last, ties by name), rules in order: Allow and Deny decide, Pass
//   jumps to the next tier, Log goes on; a tier that selects the endpoint but decides nothing denies
//   (or passes, with defaultAction: Pass); an endpoint no tier selects, or passed by every tier,
//   falls to its namespace profile, which allows everything.
// Kubernetes NetworkPolicies sit in the default tier at order 1000 with Allow rules, which gives
// exactly the Kubernetes semantics: unselected = open, selected = only what some rule allows.
// AdminNetworkPolicies sit where Calico puts them: tier "adminnetworkpolicy" (order 1,000,
// defaultAction Pass, priority as order) before everything else; the BaselineAdminNetworkPolicy in
// tier "baselineadminnetworkpolicy" (order 10,000,000, defaultAction Pass) after the default tier,
// just before the profile (docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy).
//
// Two connections no policy can touch (kubernetes.io/docs/concepts/services-networking/network-policies/,
// "a pod cannot block access to itself" and "traffic to and from the node where a Pod is running is
// always allowed"): a pod to itself, and a pod and the node it runs on, both ways (kubelet probes).
import { buildEndpoints, type Endpoint } from './reachEndpoints';
import type { PodsInput, Probe, Protocol } from './reachInput';
import { decideMatrix } from './reachMatrix';
import { compilePolicies, has, networkSetsOf, type CompiledPolicy, type CompiledRule, type Direction, type ReachEngine, type Tier } from './reachPolicies';

export interface ReachOptions {
  /** whose semantics decide (default calico): see reachPolicies ReachEngine */
  engine?: ReachEngine;
}

interface TierPlan {
  tier: Tier;
  policies: CompiledPolicy[];
}

export interface DirectionDecision {
  allowed: boolean;
  /** e.g. "egress from shop/web: allowed by NetworkPolicy shop/allow-dns egress[0]" */
  reason: string;
}

export interface ProbeResult extends Probe {
  allowed: boolean;
  /** [egress at the source, ingress at the destination] */
  reasons: string[];
}

export interface ReachModel {
  endpoints: readonly Endpoint[];
  index: ReadonlyMap<string, number>;
  /** rule fields the model cannot decide; rules using them never match */
  unmodelled: readonly string[];
  ignored: readonly string[];
  /** endpoints of one class get the same answers (reachPolicies endpointClasses) */
  classes: Int32Array;
  engine: ReachEngine;
  /** why src -> dst is allowed whatever the policies say (self, own node), or undefined */
  always(src: number, dst: number): string | undefined;
  /** the policies' answer alone (always() not applied): the same for every endpoint of a class */
  policyAllowed(src: number, dst: number, port: number, protocol: Protocol): boolean;
  allowed(src: number, dst: number, port: number, protocol: Protocol): boolean;
  /** the decision with its reasons, from the endpoints' own policies (no class shortcut) */
  explain(src: number, dst: number, port: number, protocol: Protocol): { allowed: boolean; reasons: [string, string] };
}

const byOrderThenName = <T extends { order: number; name: string }>(a: T, b: T) => (a.order === b.order ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.order < b.order ? -1 : 1);

type PlanOf = (dir: Direction, e: number) => TierPlan[];

/** For an endpoint and direction, the tiers (in order) holding the policies (in order) that apply to it. */
function planner(policies: readonly CompiledPolicy[], tiers: ReadonlyMap<string, Tier>): PlanOf {
  const sorted = [...policies].sort(byOrderThenName);
  const tierList = [...tiers.values()].sort(byOrderThenName);
  const tierIndex = new Map(tierList.map((t, i) => [t.name, i]));
  const inDirection = (dir: Direction) => {
    const list = sorted.filter((p) => p.applies[dir]);
    // compilePolicies refuses a policy whose tier is not declared
    return { list, tierOf: list.map((p) => tierIndex.get(p.tier) ?? -1) };
  };
  const by = { ingress: inDirection('ingress'), egress: inDirection('egress') };
  return (dir, e) => {
    const { list, tierOf } = by[dir];
    const byTier: CompiledPolicy[][] = tierList.map(() => []);
    list.forEach((p, j) => {
      if (has(p.selects, e)) byTier[tierOf[j]].push(p);
    });
    return tierList.flatMap((tier, i) => (byTier[i].length > 0 ? [{ tier, policies: byTier[i] }] : []));
  };
}

/**
 * For each endpoint class and direction, the plan of its first endpoint. Endpoints of one class are
 * selected by the same policies, so one plan serves them all.
 */
function classPlans(classes: Int32Array, planOf: PlanOf): Record<Direction, TierPlan[][]> {
  const leaders: number[] = [];
  classes.forEach((c, e) => {
    if (leaders[c] === undefined) leaders[c] = e;
  });
  return { ingress: leaders.map((e) => planOf('ingress', e)), egress: leaders.map((e) => planOf('egress', e)) };
}

type Verdict =
  | { kind: 'open' }
  | { kind: 'not-pod' }
  | { kind: 'rule'; allowed: boolean; policy: CompiledPolicy; rule: CompiledRule; passed: string[] }
  | { kind: 'end-of-tier'; tier: TierPlan; passed: string[] }
  | { kind: 'profile'; passed: string[] };

function walk(tiers: TierPlan[] | undefined, dir: Direction, src: number, dst: number, port: number, protocol: Protocol): Verdict {
  if (tiers === undefined) return { kind: 'not-pod' };
  if (tiers.length === 0) return { kind: 'open' };
  const passed: string[] = [];
  for (const t of tiers) {
    let pass = false;
    for (const policy of t.policies) {
      for (const rule of policy.rules[dir]) {
        if (!rule.matches(src, dst, port, protocol)) continue;
        if (rule.action === 'Log') continue;
        if (rule.action === 'Pass') {
          passed.push(`passed by ${policy.id} ${rule.id}`);
          pass = true;
          break;
        }
        return { kind: 'rule', allowed: rule.action === 'Allow', policy, rule, passed };
      }
      if (pass) break;
    }
    if (pass) continue;
    if (t.tier.defaultAction === 'Pass') {
      passed.push(`passed by tier ${t.tier.name} (defaultAction: Pass)`);
      continue;
    }
    return { kind: 'end-of-tier', tier: t, passed };
  }
  return { kind: 'profile', passed };
}

function describe(v: Verdict, dir: Direction, e: Endpoint): DirectionDecision {
  const where = `${dir} ${dir === 'egress' ? 'from' : 'to'} ${e.id}`;
  const after = (passed: string[]) => (passed.length ? ` (after: ${passed.join('; ')})` : '');
  switch (v.kind) {
    case 'not-pod':
      return { allowed: true, reason: `${where}: not a pod, no policy applies to it` };
    case 'open':
      return { allowed: true, reason: `${where}: allowed, no policy selects it for ${dir}` };
    case 'rule':
      return { allowed: v.allowed, reason: `${where}: ${v.allowed ? 'allowed' : 'denied'} by ${v.policy.id} ${v.rule.id} (${v.rule.action})${after(v.passed)}` };
    case 'end-of-tier':
      return {
        allowed: false,
        reason: `${where}: denied, no rule matches in tier ${v.tier.tier.name} (end-of-tier deny); selected by ${v.tier.policies.map((p) => p.id).join(', ')}${after(v.passed)}`,
      };
    case 'profile':
      return { allowed: true, reason: `${where}: allowed by the namespace profile (allow all)${after(v.passed)}` };
  }
}

/** walk() without the explanation and without allocating: the matrix calls it for every cell. */
function allowedIn(tiers: TierPlan[] | undefined, dir: Direction, src: number, dst: number, port: number, protocol: Protocol): boolean {
  if (tiers === undefined || tiers.length === 0) return true;
  for (const t of tiers) {
    let pass = false;
    for (const policy of t.policies) {
      for (const rule of policy.rules[dir]) {
        if (rule.action === 'Log' || !rule.matches(src, dst, port, protocol)) continue;
        if (rule.action !== 'Pass') return rule.action === 'Allow';
        pass = true;
        break;
      }
      if (pass) break;
    }
    if (!pass && t.tier.defaultAction === 'Deny') return false;
  }
  return true;
}

/** Why a connection is allowed whatever the policies say, or undefined. */
export function alwaysAllowed(from: Endpoint, to: Endpoint): string | undefined {
  if (from.pod && to.node !== undefined && from.pod.node === to.node) return `traffic to the node a pod runs on (${to.node}) is always allowed (kubernetes.io network policies)`;
  if (!to.pod) return undefined;
  if (from === to) return 'a pod can always reach itself (kubernetes.io: "a pod cannot block access to itself")';
  if (from.node !== undefined && to.pod.node === from.node) return `traffic from the node a pod runs on (${from.node}: kubelet probes) is always allowed (kubernetes.io network policies)`;
  return undefined;
}

export function buildReach(objects: readonly unknown[], pods: PodsInput, ipEndpoints: readonly string[] = [], options: ReachOptions = {}): ReachModel {
  const engine = options.engine ?? 'calico';
  const endpoints = buildEndpoints(pods, ipEndpoints, networkSetsOf(objects));
  const { policies, tiers, unmodelled, ignored, classes } = compilePolicies(objects, endpoints, engine);
  const planOf = planner(policies, tiers);
  const plan = classPlans(classes, planOf);
  // ip: endpoints are no Calico endpoints: no tier plan at all
  const tiersAt = (dir: Direction, e: number) => (endpoints[e].pod ? plan[dir][classes[e]] : undefined);
  // explain() decides from the endpoint's own plan, not its class's (made when first asked): the
  // matrix and allowed() take the class shortcut, and the tests check it against explain()
  const ownPlans = { ingress: new Map<number, TierPlan[]>(), egress: new Map<number, TierPlan[]>() };
  const ownTiersAt = (dir: Direction, e: number) => {
    if (!endpoints[e].pod) return undefined;
    let t = ownPlans[dir].get(e);
    if (t === undefined) ownPlans[dir].set(e, (t = planOf(dir, e)));
    return t;
  };
  const index = new Map(endpoints.map((e, i) => [e.id, i] as const));
  const policyAllowed = (src: number, dst: number, port: number, protocol: Protocol) =>
    allowedIn(tiersAt('egress', src), 'egress', src, dst, port, protocol) && allowedIn(tiersAt('ingress', dst), 'ingress', src, dst, port, protocol);
  const always = (src: number, dst: number) => alwaysAllowed(endpoints[src], endpoints[dst]);
  return {
    endpoints,
    index,
    unmodelled,
    ignored,
    classes,
    engine,
    always,
    policyAllowed,
    allowed: (src, dst, port, protocol) => always(src, dst) !== undefined || policyAllowed(src, dst, port, protocol),
    explain: (src, dst, port, protocol) => {
      const why = always(src, dst);
      if (why) return { allowed: true, reasons: [`egress from ${endpoints[src].id}: ${why}`, `ingress to ${endpoints[dst].id}: ${why}`] };
      const out = describe(walk(ownTiersAt('egress', src), 'egress', src, dst, port, protocol), 'egress', endpoints[src]);
      const inn = describe(walk(ownTiersAt('ingress', dst), 'ingress', src, dst, port, protocol), 'ingress', endpoints[dst]);
      return { allowed: out.allowed && inn.allowed, reasons: [out.reason, inn.reason] };
    },
  };
}

/** The ip: endpoints named by probes, in first-seen order. */
export function ipEndpointsOf(probes: readonly Probe[]): string[] {
  return [...new Set(probes.flatMap((p) => [p.from, p.to]).filter((id) => id.startsWith('ip:')))];
}

export class UnknownEndpointError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function answerProbes(model: ReachModel, probes: readonly Probe[]): ProbeResult[] {
  return probes.map((p, i) => {
    const at = (end: 'from' | 'to') => {
      const e = model.index.get(p[end]);
      if (e === undefined) throw new UnknownEndpointError(`[${i}].${end}`, `"${p[end]}" is not a pod of the pods file (namespace/name), a node:<name> it names, nor an ip: address`);
      return e;
    };
    const { allowed, reasons } = model.explain(at('from'), at('to'), p.port, p.protocol);
    return { ...p, allowed, reasons };
  });
}

export interface ReachChange {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** why it is allowed/denied now (egress, ingress) */
  reasons: string[];
  /** why it was allowed/denied before */
  before: string[];
}

/**
 * Connections gained and lost between two policy sets over the same pods: every probe when probes
 * are given, else the full matrix.
 */
export function diffReach(base: ReachModel, next: ReachModel, probes?: readonly Probe[]): { gained: ReachChange[]; lost: ReachChange[] } {
  const gained: ReachChange[] = [];
  const lost: ReachChange[] = [];
  const compare = (from: number, to: number, port: number, protocol: Protocol, was: boolean, now: boolean) => {
    if (was === now) return;
    const change: ReachChange = {
      from: next.endpoints[from].id,
      to: next.endpoints[to].id,
      port,
      protocol,
      reasons: next.explain(from, to, port, protocol).reasons,
      before: base.explain(from, to, port, protocol).reasons,
    };
    (now ? gained : lost).push(change);
  };
  if (probes) {
    for (const p of probes) {
      const from = next.index.get(p.from);
      const to = next.index.get(p.to);
      if (from === undefined || to === undefined) throw new UnknownEndpointError(`${p.from} -> ${p.to}`, 'a probe names an endpoint that is neither a pod nor an ip: address');
      compare(from, to, p.port, p.protocol, base.allowed(from, to, p.port, p.protocol), next.allowed(from, to, p.port, p.protocol));
    }
  } else {
    // same pods file, so both models index endpoints alike
    const a = decideMatrix(base);
    const b = decideMatrix(next);
    b.rows.forEach((from, r) =>
      b.columns.forEach((c, k) => {
        compare(from, c.to, c.port, c.protocol, a.allowed(r, k), b.allowed(r, k));
      }),
    );
  }
  return { gained, lost };
}
