// Policy objects compiled for the reachability engine (AdminNetworkPolicy: reachAdmin.ts): Kubernetes NetworkPolicy (its own semantics,
// placed where Calico places it: default tier, order 1000) and Calico crd.projectcalico.org/v1
// GlobalNetworkPolicy, NetworkPolicy, GlobalNetworkSet, NetworkSet and Tier. Every selector and peer
// is evaluated once per endpoint here (bit arrays), so deciding a connection is table look-ups.
import { netContains, parseNet, type IpNet } from './ip';
import type { Endpoint } from './reachEndpoints';
import type { PodPort, Protocol } from './reachInput';
import { adminPolicy, ADMIN_TIERS, isAdminKind } from './reachAdmin';
import { compileSelector, parseSelector, prefixLabels, type Labels, type SelectorNode } from './selector';

export type Action = 'Allow' | 'Deny' | 'Pass' | 'Log';

/**
 * Whose semantics decide a connection. calico: Calico's (tiers, ipBlock matches pods by address,
 * AdminNetworkPolicy). cilium: an ipBlock never selects pods or nodes, which Cilium matches by
 * identity (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium, "ipBlock to allow access to
 * node or pod IPs"; docs.cilium.io policy language: CIDR rules are for peers that are not endpoints).
 * azure-npm: upstream NetworkPolicy, ipBlock by address (iptables ipsets).
 */
export type ReachEngine = 'calico' | 'cilium' | 'azure-npm';
export const REACH_ENGINES: readonly ReachEngine[] = ['calico', 'cilium', 'azure-npm'];
export type Direction = 'ingress' | 'egress';

export interface CompiledRule {
  /** e.g. "ingress[0]" */
  id: string;
  action: Action;
  matches(src: number, dst: number, port: number, protocol: Protocol): boolean;
}

export interface CompiledPolicy {
  /** e.g. "NetworkPolicy shop/allow-dns", "GlobalNetworkPolicy default.deny-imds" */
  id: string;
  tier: string;
  /** Infinity when the policy has no order: it comes last (Felix policy_sorter.go) */
  order: number;
  name: string;
  applies: Record<Direction, boolean>;
  /** has(selects, i): the policy applies to endpoint i */
  selects: EndpointBits;
  rules: Record<Direction, CompiledRule[]>;
}

export interface Tier {
  name: string;
  order: number;
  defaultAction: 'Deny' | 'Pass';
}

/** The default tier's order (Calico Tier reference: "default" tier order 1,000,000). */
export const DEFAULT_TIER_ORDER = 1_000_000;
/** Kubernetes NetworkPolicies act at order 1000 in the default tier (Calico: tiered policy docs). */
export const K8S_POLICY_ORDER = 1000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class PolicyModelError extends Error {
  constructor(
    readonly doc: number,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The endpoints a selector, peer or rule side matches: endpoint e when bits[index[e]] is 1. A test
 * of labels alone is answered once per label group (index: the endpoint's label group; pods of one
 * Deployment share their labels), a test that looks at addresses once per endpoint (index: e).
 */
export interface EndpointBits {
  readonly bits: Uint8Array;
  readonly index: Int32Array;
}

export const has = (b: EndpointBits, e: number): boolean => b.bits[b.index[e]] === 1;

// Every bit array made while compiling one policy set, so endpoints that agree on all of them (and on
// their ports) can be grouped: they are indistinguishable to the policies (see endpointClasses).
let made: EndpointBits[] = [];
/** index of a per-endpoint array: e -> e */
let identity = new Int32Array(0);

// Endpoints with the same labels (own, namespace, network sets) in the same namespace answer every
// selector alike: a label-only predicate is evaluated once per group (pods of one Deployment share
// their labels) and read through each member's group (EndpointBits.index). Set by compilePolicies.
let labelGroup = new Int32Array(0);
let groupLeader: number[] = [];

function labelGroups(endpoints: readonly Endpoint[]): void {
  const ids = new Map<string, number>();
  groupLeader = [];
  labelGroup = new Int32Array(endpoints.length);
  identity = Int32Array.from(endpoints, (_, i) => i);
  endpoints.forEach((e, i) => {
    // a pod's namespace labels and own Calico label set follow from its namespace and labels
    // (buildEndpoints), so those and its network sets' labels say everything; other endpoints have
    // no labels but their network sets'
    const key = e.pod ? `p\n${e.namespace}\n${JSON.stringify(e.labels)}\n${JSON.stringify(e.calicoLabelSets.slice(1))}` : `x\n${JSON.stringify(e.calicoLabelSets)}`;
    let g = ids.get(key);
    if (g === undefined) {
      ids.set(key, (g = ids.size));
      groupLeader.push(i);
    }
    labelGroup[i] = g;
  });
}

/**
 * The endpoints a predicate holds for, when it looks only at labels, namespace and pod-ness (not
 * the address): evaluated once per label group; then OR'ed with orByAddress or narrowed by
 * andByAddress, answers of tests that look at the address (ipBlock, nets: addressTest), when given.
 */
export function labelBits(n: number, pred: (i: number) => boolean, orByAddress?: readonly Uint8Array[], andByAddress?: Uint8Array): EndpointBits {
  const byGroup = new Uint8Array(groupLeader.length);
  for (let g = 0; g < byGroup.length; g++) if (pred(groupLeader[g])) byGroup[g] = 1;
  if (!orByAddress?.length && !andByAddress) {
    const b = { bits: byGroup, index: labelGroup };
    made.push(b);
    return b;
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = byGroup[labelGroup[i]];
  for (const a of orByAddress ?? []) for (let i = 0; i < n; i++) out[i] |= a[i];
  if (andByAddress) for (let i = 0; i < n; i++) out[i] &= andByAddress[i];
  const b = { bits: out, index: identity };
  made.push(b);
  return b;
}

// Address tests repeat across policies (the same ipBlock in every namespace's egress policy, the same
// nets in many rules): each distinct one is evaluated over the endpoints once per policy set.
let addressTests = new Map<string, Uint8Array>();

/** pred over every endpoint (1 where it holds), once per key while compiling one policy set. */
export function addressTest(key: string, n: number, pred: (i: number) => boolean): Uint8Array {
  // the key names the parsed networks (netsKey), so two spellings of one range share the answers
  let answers = addressTests.get(key);
  if (answers === undefined) {
    answers = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (pred(i)) answers[i] = 1;
    addressTests.set(key, answers);
  }
  return answers;
}

/** The networks as a key: one range, one text. */
export const netsKey = (list: readonly IpNet[]) => list.map((n) => `${n.version}:${n.first}-${n.last}`).join(',');

export function nets(list: unknown, doc: number, path: string): IpNet[] {
  return arr(list).map((t, i) => {
    const n = parseNet(String(t));
    if (!n) throw new PolicyModelError(doc, `${path}[${i}]`, `"${String(t)}" is not an IP address or CIDR`);
    return n;
  });
}

// ---------- Kubernetes NetworkPolicy ----------

/** metav1.LabelSelector: matchLabels AND matchExpressions; {} selects everything. */
export function labelSelector(sel: unknown): (labels: Labels) => boolean {
  if (!isObj(sel)) return () => true;
  const exact = Object.entries(isObj(sel.matchLabels) ? sel.matchLabels : {});
  const exprs = arr(sel.matchExpressions).filter(isObj);
  return (l) =>
    exact.every(([k, v]) => Object.prototype.hasOwnProperty.call(l, k) && l[k] === v) &&
    exprs.every((e) => {
      const has = Object.prototype.hasOwnProperty.call(l, String(e.key));
      const values = arr(e.values).map(String);
      switch (e.operator) {
        case 'In':
          return has && values.includes(l[String(e.key)]);
        case 'NotIn':
          return !has || !values.includes(l[String(e.key)]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    });
}

/** Whether a NetworkPolicyPort list admits port/protocol on the destination endpoint. */
function k8sPortsMatch(ports: Obj[], dst: Endpoint, port: number, protocol: Protocol): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.endPort === undefined ? port === p.port : port >= p.port && port <= Number(p.endPort);
    // a named port resolves on the destination pod (an ip: endpoint has none)
    return namedPort(dst.ports, String(p.port), protocol) === port;
  });
}

export function namedPort(ports: readonly PodPort[], name: string, protocol: Protocol): number | undefined {
  return ports.find((q) => q.name === name && q.protocol === protocol)?.port;
}

function k8sPolicy(o: Obj, doc: number, endpoints: readonly Endpoint[], engine: ReachEngine): CompiledPolicy {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const ns = str(meta.namespace) || 'default';
  const name = str(meta.name);
  const spec = isObj(o.spec) ? o.spec : {};
  const podSel = labelSelector(spec.podSelector);
  // policyTypes inferred when absent: Ingress always, Egress when there are egress rules
  // (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/)
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(String) : ['Ingress', ...(arr(spec.egress).length > 0 ? ['Egress'] : [])];
  const n = endpoints.length;
  const compileRules = (dir: Direction): CompiledRule[] =>
    arr(spec[dir]).map((r, i) => {
      const rule = isObj(r) ? r : {};
      const peersField = dir === 'ingress' ? 'from' : 'to';
      const peers = arr(rule[peersField]).filter(isObj);
      // one bit array for all peers of the rule: peers are OR'ed
      const preds = peers.map((p, j) => k8sPeer(p, ns, doc, `spec.${dir}[${i}].${peersField}[${j}]`, engine));
      const byLabels = preds.flatMap((p) => (p.addressKey === undefined ? [p.pred] : []));
      const byAddress = preds.flatMap((p) => (p.addressKey === undefined ? [] : [addressTest(p.addressKey, n, (e) => p.pred(endpoints[e]))]));
      const peerMatch =
        peers.length === 0
          ? null
          : labelBits(
              n,
              (e) => byLabels.some((pred) => pred(endpoints[e])),
              byAddress,
            );
      const ports = arr(rule.ports).filter(isObj);
      return {
        id: `${dir}[${i}]`,
        action: 'Allow' as const,
        matches: (src: number, dst: number, port: number, protocol: Protocol) =>
          (peerMatch === null || has(peerMatch, dir === 'ingress' ? src : dst)) && k8sPortsMatch(ports, endpoints[dst], port, protocol),
      };
    });
  return {
    id: `NetworkPolicy ${ns}/${name}`,
    tier: 'default',
    order: K8S_POLICY_ORDER,
    name: `knp.default.${name}`,
    applies: { ingress: types.includes('Ingress'), egress: types.includes('Egress') },
    selects: labelBits(n, (e) => endpoints[e].pod !== undefined && endpoints[e].namespace === ns && podSel(endpoints[e].labels)),
    rules: { ingress: compileRules('ingress'), egress: compileRules('egress') },
  };
}

/** A NetworkPolicyPeer as a predicate over endpoints; an ipBlock's says what it tests (addressKey). */
function k8sPeer(peer: Obj, policyNs: string, doc: number, path: string, engine: ReachEngine): { pred: (e: Endpoint) => boolean; addressKey?: string } {
  if (isObj(peer.ipBlock)) {
    // ipBlock matches by address: external endpoints, and pods and nodes by their IP (as Calico and
    // Azure NPM enforce it); Cilium matches pods and nodes by identity, never by CIDR
    const cidr = nets([peer.ipBlock.cidr], doc, `${path}.ipBlock.cidr`)[0];
    const except = nets(peer.ipBlock.except, doc, `${path}.ipBlock.except`);
    const clusterByIdentity = engine === 'cilium';
    return {
      pred: (e) => e.ip !== undefined && !(clusterByIdentity && (e.pod !== undefined || e.node !== undefined)) && netContains(cidr, e.ip) && !except.some((x) => netContains(x, e.ip!)),
      addressKey: `ipBlock ${engine} ${netsKey([cidr])} except ${netsKey(except)}`,
    };
  }
  // pod and namespace selectors match pods only; both in one peer are AND'ed; without a
  // namespaceSelector (or with a null one: the API server decodes it as absent) the peer is in the
  // policy's own namespace
  const nsSel = peer.namespaceSelector === undefined || peer.namespaceSelector === null ? undefined : labelSelector(peer.namespaceSelector);
  const podSel = labelSelector(peer.podSelector);
  return { pred: (e) => e.pod !== undefined && (nsSel ? nsSel(e.namespaceLabels) : e.namespace === policyNs) && podSel(e.labels) };
}

// ---------- Calico ----------

const PROTOCOL_NUMBERS: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132, ICMP: 1, ICMPV6: 58, UDPLITE: 136 };
const protocolNumber = (p: unknown): number => (typeof p === 'number' ? p : /^\d+$/.test(String(p)) ? Number(p) : (PROTOCOL_NUMBERS[String(p).toUpperCase()] ?? -1));

function parseSel(text: string, doc: number, path: string): SelectorNode {
  try {
    return parseSelector(text).ast;
  } catch (e) {
    throw new PolicyModelError(doc, path, `selector does not parse: ${(e as Error).message}`);
  }
}

/** all() -> has(k), global() -> !has(k), as Calico rewrites a namespace selector (rules.go). */
function rewriteAllGlobal(n: SelectorNode): SelectorNode {
  const hasNs: SelectorNode = { op: 'has', label: 'projectcalico.org/namespace' };
  switch (n.op) {
    case 'all':
      return hasNs;
    case 'global':
      return { op: '!', arg: hasNs };
    case '!':
      return { op: '!', arg: rewriteAllGlobal(n.arg) };
    case '&&':
    case '||':
      return { op: n.op, args: n.args.map(rewriteAllGlobal) };
    default:
      return n;
  }
}

const and = (args: SelectorNode[]): SelectorNode => (args.length === 1 ? args[0] : { op: '&&', args });

/** An endpoint matches when any of its label sets does (Calico's IP sets hold pod IPs and network-set CIDRs). */
function anySet(pred: (l: Labels) => boolean, e: Endpoint): boolean {
  return e.calicoLabelSets.some(pred);
}

interface EntityMatch {
  endpoints: EndpointBits;
  ports: unknown[];
  notPorts: unknown[];
}

/**
 * An EntityRule's selectors and nets as one bit array, scoped as Calico scopes them
 * (updateprocessors/rules.go getEndpointSelector): a namespaced policy's rule selects in its own
 * namespace unless it has a namespaceSelector; notSelector itself is not scoped.
 */
function entity(er: Obj, policyNs: string | undefined, endpoints: readonly Endpoint[], doc: number, path: string): EntityMatch {
  let nsSel: SelectorNode | undefined;
  if (str(er.namespaceSelector)) nsSel = rewriteAllGlobal(prefixLabels(parseSel(str(er.namespaceSelector), doc, `${path}.namespaceSelector`), 'pcns.'));
  else if (policyNs !== undefined) nsSel = { op: '==', label: 'projectcalico.org/namespace', value: policyNs };
  const sel = str(er.selector) ? parseSel(str(er.selector), doc, `${path}.selector`) : undefined;
  let combined: SelectorNode | undefined = sel;
  if (nsSel && (sel || str(er.notSelector) || str(er.namespaceSelector))) combined = and(sel ? [nsSel, sel] : [nsSel]);
  const selPred = combined ? compileSelector(combined) : undefined;
  const notPred = str(er.notSelector) ? compileSelector(parseSel(str(er.notSelector), doc, `${path}.notSelector`)) : undefined;
  const inNets = er.nets === undefined ? undefined : nets(er.nets, doc, `${path}.nets`);
  const outNets = nets(er.notNets, doc, `${path}.notNets`);
  return {
    endpoints: labelBits(
      endpoints.length,
      (i) => (!selPred || anySet(selPred, endpoints[i])) && (!notPred || !anySet(notPred, endpoints[i])),
      undefined,
      inNets || outNets.length
        ? addressTest(`nets ${inNets ? netsKey(inNets) : 'any'} not ${netsKey(outNets)}`, endpoints.length, (i) => {
            const ip = endpoints[i].ip;
            if (inNets && (ip === undefined || !inNets.some((n) => netContains(n, ip)))) return false;
            return !(outNets.length && ip !== undefined && outNets.some((n) => netContains(n, ip)));
          })
        : undefined,
    ),
    ports: arr(er.ports),
    notPorts: arr(er.notPorts),
  };
}

/** A Calico port (number, "a:b" range, or a name resolved on the endpoint) against a port number. */
function calicoPortMatches(p: unknown, e: Endpoint, port: number, protocol: Protocol): boolean {
  if (typeof p === 'number') return p === port;
  const s = String(p);
  const range = /^(\d+):(\d+)$/.exec(s);
  if (range) return port >= Number(range[1]) && port <= Number(range[2]);
  if (/^\d+$/.test(s)) return Number(s) === port;
  return namedPort(e.ports, s, protocol) === port;
}

/** Fields of a rule this model cannot decide from pods and probes; such a rule never matches. */
export const UNMODELLED_RULE_FIELDS = ['http', 'icmp', 'notICMP'] as const;
const UNMODELLED_ENTITY_FIELDS = ['serviceAccounts', 'services'] as const;

function calicoRule(r: Obj, id: string, policyNs: string | undefined, endpoints: readonly Endpoint[], doc: number, path: string, unmodelled: string[]): CompiledRule {
  const src = entity(isObj(r.source) ? r.source : {}, policyNs, endpoints, doc, `${path}.source`);
  const dst = entity(isObj(r.destination) ? r.destination : {}, policyNs, endpoints, doc, `${path}.destination`);
  const proto = r.protocol === undefined ? undefined : protocolNumber(r.protocol);
  const notProto = r.notProtocol === undefined ? undefined : protocolNumber(r.notProtocol);
  const ipVersion = typeof r.ipVersion === 'number' ? r.ipVersion : undefined;
  const blockers = [
    ...UNMODELLED_RULE_FIELDS.filter((f) => r[f] !== undefined).map((f) => `${path}.${f}`),
    ...(['source', 'destination'] as const).flatMap((side) => UNMODELLED_ENTITY_FIELDS.filter((f) => isObj(r[side]) && (r[side] as Obj)[f] !== undefined).map((f) => `${path}.${side}.${f}`)),
    // a probe has no source port (it is ephemeral): a rule on source ports cannot be decided
    ...(src.ports.length ? [`${path}.source.ports`] : []),
    ...(src.notPorts.length ? [`${path}.source.notPorts`] : []),
  ];
  unmodelled.push(...blockers);
  const action = (['Allow', 'Deny', 'Pass', 'Log'] as const).find((a) => a === r.action);
  if (!action) throw new PolicyModelError(doc, `${path}.action`, `action "${String(r.action)}" is not one of Allow, Deny, Pass, Log`);
  return {
    id,
    action,
    matches: (s, d, port, protocol) => {
      if (blockers.length) return false;
      const p = PROTOCOL_NUMBERS[protocol];
      if (proto !== undefined && proto !== p) return false;
      if (notProto !== undefined && notProto === p) return false;
      if (ipVersion !== undefined && (endpoints[s].ip?.version ?? ipVersion) !== ipVersion) return false;
      if (!has(src.endpoints, s) || !has(dst.endpoints, d)) return false;
      const e = endpoints[d];
      if (dst.ports.length && !dst.ports.some((q) => calicoPortMatches(q, e, port, protocol))) return false;
      if (dst.notPorts.some((q) => calicoPortMatches(q, e, port, protocol))) return false;
      return true;
    },
  };
}

function calicoPolicy(o: Obj, doc: number, endpoints: readonly Endpoint[], unmodelled: string[]): CompiledPolicy {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const global = o.kind === 'GlobalNetworkPolicy';
  const ns = global ? undefined : str(meta.namespace) || 'default';
  const name = str(meta.name);
  const spec = isObj(o.spec) ? o.spec : {};
  // the policy's own selector, as networkpolicyprocessor.go / globalnetworkpolicyprocessor.go build it
  const parts: SelectorNode[] = [];
  if (str(spec.selector)) parts.push(parseSel(str(spec.selector), doc, 'spec.selector'));
  if (ns !== undefined) parts.push({ op: '==', label: 'projectcalico.org/namespace', value: ns });
  if (global && str(spec.namespaceSelector)) parts.push(rewriteAllGlobal(prefixLabels(parseSel(str(spec.namespaceSelector), doc, 'spec.namespaceSelector'), 'pcns.')));
  const sel = parts.length ? compileSelector(and(parts)) : () => true;
  const hostOnly = spec.doNotTrack === true || spec.preDNAT === true;
  if (str(spec.serviceAccountSelector)) unmodelled.push(`spec.serviceAccountSelector of ${name}`);
  // no types: Felix applies the policy in both directions (felix/calc/policy_sorter.go, "Back
  // compatibility: no Types means Ingress and Egress"); on AKS nothing defaults `types` first
  const types = Array.isArray(spec.types) ? spec.types.map(String) : ['Ingress', 'Egress'];
  const compileRules = (dir: Direction) => arr(spec[dir]).map((r, i) => calicoRule(isObj(r) ? r : {}, `${dir}[${i}]`, ns, endpoints, doc, `spec.${dir}[${i}]`, unmodelled));
  return {
    id: `${global ? 'GlobalNetworkPolicy' : `Calico NetworkPolicy ${ns}/`}${global ? ' ' : ''}${name}`,
    tier: str(spec.tier) || 'default',
    order: typeof spec.order === 'number' ? spec.order : Infinity,
    name,
    applies: { ingress: types.includes('Ingress'), egress: types.includes('Egress') },
    // workload endpoints only: pods (an ip: endpoint is not a Calico endpoint, nothing applies to it).
    // doNotTrack and preDNAT policies apply to host endpoints only (GlobalNetworkPolicy reference).
    selects: labelBits(endpoints.length, (i) => !hostOnly && endpoints[i].pod !== undefined && sel(endpoints[i].calicoLabelSets[0])),
    rules: { ingress: compileRules('ingress'), egress: compileRules('egress') },
  };
}

export interface NetworkSet {
  namespace?: string;
  labels: Record<string, string>;
  nets: IpNet[];
}

export interface PolicySet {
  policies: CompiledPolicy[];
  tiers: Map<string, Tier>;
  /** rule fields the model cannot decide (a rule using one never matches); for a warning */
  unmodelled: string[];
  /** objects that are neither policies, network sets nor tiers (ignored), "doc N kind/name" */
  ignored: string[];
  /** class[i]: endpoints with the same class are treated alike by every policy and rule */
  classes: Int32Array;
}

/** Bit arrays packed into words: row i (width words) holds bit j of every array j at i. */
function packed(arrays: readonly Uint8Array[], rows: number): { words: Uint32Array; width: number } {
  const width = Math.ceil(arrays.length / 32);
  const words = new Uint32Array(rows * width);
  arrays.forEach((a, j) => {
    const mask = 1 << (j & 31);
    const word = j >> 5;
    for (let i = 0; i < rows; i++) if (a[i]) words[i * width + word] |= mask;
  });
  return { words, width };
}

/**
 * Endpoints grouped by everything a decision can look at: each selector and peer bit, whether it is
 * a pod, its address family and its declared ports (named ports). Same class, same answers.
 */
function endpointClasses(endpoints: readonly Endpoint[], arrays: readonly EndpointBits[]): Int32Array {
  // the label-only bits are read per label group (equal groups get one id), the address-dependent
  // ones per endpoint: two endpoints agree on every bit exactly when they agree on both
  const byGroup = packed(
    arrays.flatMap((a) => (a.index === labelGroup ? [a.bits] : [])),
    groupLeader.length,
  );
  const groupIds = new Map<string, number>();
  const groupSig = Int32Array.from(groupLeader, (_, g) => {
    const key = byGroup.words.subarray(g * byGroup.width, (g + 1) * byGroup.width).join(',');
    let id = groupIds.get(key);
    if (id === undefined) groupIds.set(key, (id = groupIds.size));
    return id;
  });
  const { words, width } = packed(
    arrays.flatMap((a) => (a.index === labelGroup ? [] : [a.bits])),
    endpoints.length,
  );
  const ids = new Map<string, number>();
  const out = new Int32Array(endpoints.length);
  endpoints.forEach((e, i) => {
    const sig = `${e.pod ? 'p' : 'x'}${e.ip?.version ?? 0}|${e.ports.map((q) => `${q.port}/${q.protocol}/${q.name ?? ''}`).join(',')}|${groupSig[labelGroup[i]]}|${words.subarray(i * width, (i + 1) * width).join(',')}`;
    let id = ids.get(sig);
    if (id === undefined) ids.set(sig, (id = ids.size));
    out[i] = id;
  });
  return out;
}

/** Network sets and tiers first: endpoints need the sets' labels before policies are compiled. */
export function networkSetsOf(objects: readonly unknown[]): NetworkSet[] {
  const out: NetworkSet[] = [];
  objects.forEach((o, doc) => {
    if (!isObj(o) || !String(o.apiVersion).startsWith('crd.projectcalico.org/') || (o.kind !== 'GlobalNetworkSet' && o.kind !== 'NetworkSet')) return;
    const meta = isObj(o.metadata) ? o.metadata : {};
    const spec = isObj(o.spec) ? o.spec : {};
    out.push({
      ...(o.kind === 'NetworkSet' ? { namespace: str(meta.namespace) || 'default' } : {}),
      labels: (isObj(meta.labels) ? meta.labels : {}) as Record<string, string>,
      nets: nets(spec.nets, doc, 'spec.nets'),
    });
  });
  return out;
}

export function compilePolicies(objects: readonly unknown[], endpoints: readonly Endpoint[], engine: ReachEngine = 'calico'): PolicySet {
  made = [];
  addressTests = new Map();
  labelGroups(endpoints);
  const policies: CompiledPolicy[] = [];
  const tiers = new Map<string, Tier>([['default', { name: 'default', order: DEFAULT_TIER_ORDER, defaultAction: 'Deny' }]]);
  // Calico creates the admin tiers itself (3.29+: adminnetworkpolicy; 3.30+: baselineadminnetworkpolicy)
  if (engine === 'calico') for (const t of ADMIN_TIERS) tiers.set(t.name, { ...t });
  const unmodelled: string[] = [];
  const ignored: string[] = [];
  objects.forEach((o, doc) => {
    if (!isObj(o)) throw new PolicyModelError(doc, '', 'expected an object with apiVersion and kind');
    const api = str(o.apiVersion);
    const kind = str(o.kind);
    const name = isObj(o.metadata) ? str(o.metadata.name) : '';
    if (engine !== 'calico' && (api.startsWith('crd.projectcalico.org/') || isAdminKind(api, kind))) {
      throw new PolicyModelError(doc, 'apiVersion', `${api} ${kind} is not enforced by ${engine}: only Calico enforces it (aksnet reach --engine calico, or leave it out)`);
    }
    if (api === 'networking.k8s.io/v1' && kind === 'NetworkPolicy') policies.push(k8sPolicy(o, doc, endpoints, engine));
    else if (isAdminKind(api, kind)) policies.push(adminPolicy(o, doc, endpoints, unmodelled));
    else if (api === 'crd.projectcalico.org/v1' && (kind === 'GlobalNetworkPolicy' || kind === 'NetworkPolicy')) policies.push(calicoPolicy(o, doc, endpoints, unmodelled));
    else if (api === 'crd.projectcalico.org/v1' && kind === 'Tier') {
      const spec = isObj(o.spec) ? o.spec : {};
      tiers.set(name, { name, order: typeof spec.order === 'number' ? spec.order : Infinity, defaultAction: spec.defaultAction === 'Pass' ? 'Pass' : 'Deny' });
    } else if (api === 'projectcalico.org/v3') throw new PolicyModelError(doc, 'apiVersion', 'projectcalico.org/v3 is not served on AKS; use crd.projectcalico.org/v1 (aksnet validate says more)');
    else if (!(api === 'crd.projectcalico.org/v1' && (kind === 'GlobalNetworkSet' || kind === 'NetworkSet'))) ignored.push(`doc ${doc + 1} ${kind || '?'}/${name || '?'}`);
  });
  for (const p of policies) {
    if (!tiers.has(p.tier)) throw new PolicyModelError(-1, 'spec.tier', `${p.id} is in tier "${p.tier}", which no Tier object in the policy files declares`);
  }
  const classes = endpointClasses(endpoints, made);
  made = [];
  addressTests = new Map();
  return { policies, tiers, unmodelled, ignored, classes };
}
