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
import { buildEndpoints, type Endpoint } from './reachEndpoints';
import type { PodsInput, Probe, Protocol } from './reachInput';
import { compilePolicies, networkSetsOf, type CompiledPolicy, type CompiledRule, type Direction, type Tier } from './reachPolicies';

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
  allowed(src: number, dst: number, port: number, protocol: Protocol): boolean;
  explain(src: number, dst: number, port: number, protocol: Protocol): { allowed: boolean; reasons: [string, string] };
}

const byOrderThenName = <T extends { order: number; name: string }>(a: T, b: T) => (a.order === b.order ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.order < b.order ? -1 : 1);

/** For each endpoint and direction, the tiers (in order) holding the policies (in order) that apply to it. */
function plans(endpoints: readonly Endpoint[], policies: readonly CompiledPolicy[], tiers: ReadonlyMap<string, Tier>): Record<Direction, TierPlan[][]> {
  const sorted = [...policies].sort(byOrderThenName);
  const tierList = [...tiers.values()].sort(byOrderThenName);
  const build = (dir: Direction) =>
    endpoints.map((_, e) =>
      tierList
        .map((tier) => ({ tier, policies: sorted.filter((p) => p.tier === tier.name && p.applies[dir] && p.selects[e] === 1) }))
        .filter((t) => t.policies.length > 0),
    );
  return { ingress: build('ingress'), egress: build('egress') };
}

type Verdict =
  | { kind: 'open' }
  | { kind: 'not-pod' }
  | { kind: 'rule'; allowed: boolean; policy: CompiledPolicy; rule: CompiledRule; passed: string[] }
  | { kind: 'end-of-tier'; tier: TierPlan; passed: string[] }
  | { kind: 'profile'; passed: string[] };

function walk(tiers: TierPlan[] | undefined, dir: Direction, src: number, dst: number, port: number, protocol: Protocol, explain: boolean): Verdict {
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
          if (explain) passed.push(`passed by ${policy.id} ${rule.id}`);
          pass = true;
          break;
        }
        return { kind: 'rule', allowed: rule.action === 'Allow', policy, rule, passed };
      }
      if (pass) break;
    }
    if (pass) continue;
    if (t.tier.defaultAction === 'Pass') {
      if (explain) passed.push(`passed by tier ${t.tier.name} (defaultAction: Pass)`);
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

const allowedOf = (v: Verdict) => v.kind === 'rule' ? v.allowed : v.kind !== 'end-of-tier';

export function buildReach(objects: readonly unknown[], pods: PodsInput, ipEndpoints: readonly string[] = []): ReachModel {
  const endpoints = buildEndpoints(pods, ipEndpoints, networkSetsOf(objects));
  const { policies, tiers, unmodelled, ignored } = compilePolicies(objects, endpoints);
  const plan = plans(endpoints, policies, tiers);
  // ip: endpoints are no Calico endpoints: no tier plan at all
  const tiersAt = (dir: Direction, e: number) => (endpoints[e].pod ? plan[dir][e] : undefined);
  const index = new Map(endpoints.map((e, i) => [e.id, i] as const));
  return {
    endpoints,
    index,
    unmodelled,
    ignored,
    allowed: (src, dst, port, protocol) =>
      allowedOf(walk(tiersAt('egress', src), 'egress', src, dst, port, protocol, false)) && allowedOf(walk(tiersAt('ingress', dst), 'ingress', src, dst, port, protocol, false)),
    explain: (src, dst, port, protocol) => {
      const out = describe(walk(tiersAt('egress', src), 'egress', src, dst, port, protocol, true), 'egress', endpoints[src]);
      const inn = describe(walk(tiersAt('ingress', dst), 'ingress', src, dst, port, protocol, true), 'ingress', endpoints[dst]);
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
      if (e === undefined) throw new UnknownEndpointError(`[${i}].${end}`, `"${p[end]}" is not a pod of the pods file (namespace/name) nor an ip: address`);
      return e;
    };
    const { allowed, reasons } = model.explain(at('from'), at('to'), p.port, p.protocol);
    return { ...p, allowed, reasons };
  });
}

export interface Connection {
  from: number;
  to: number;
  port: number;
  protocol: Protocol;
}

/** Every pod to every pod, on every port the destination declares (the connectivity matrix). */
export function matrixConnections(model: ReachModel): Connection[] {
  const pods = model.endpoints.map((e, i) => [e, i] as const).filter(([e]) => e.pod);
  const out: Connection[] = [];
  for (const [, from] of pods) for (const [dst, to] of pods) for (const q of dst.ports) out.push({ from, to, port: q.port, protocol: q.protocol });
  return out;
}

/** allowed[k] for connections[k], the whole matrix in one pass. */
export function decideAll(model: ReachModel, connections: readonly Connection[]): Uint8Array {
  const out = new Uint8Array(connections.length);
  for (let k = 0; k < connections.length; k++) {
    const c = connections[k];
    if (model.allowed(c.from, c.to, c.port, c.protocol)) out[k] = 1;
  }
  return out;
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
  const conns: Connection[] = probes
    ? probes.map((p) => ({ from: next.index.get(p.from) ?? -1, to: next.index.get(p.to) ?? -1, port: p.port, protocol: p.protocol }))
    : matrixConnections(next);
  const gained: ReachChange[] = [];
  const lost: ReachChange[] = [];
  for (const c of conns) {
    const was = base.allowed(c.from, c.to, c.port, c.protocol);
    const now = next.allowed(c.from, c.to, c.port, c.protocol);
    if (was === now) continue;
    const change: ReachChange = {
      from: next.endpoints[c.from].id,
      to: next.endpoints[c.to].id,
      port: c.port,
      protocol: c.protocol,
      reasons: next.explain(c.from, c.to, c.port, c.protocol).reasons,
      before: base.explain(c.from, c.to, c.port, c.protocol).reasons,
    };
    (now ? gained : lost).push(change);
  }
  return { gained, lost };
}
