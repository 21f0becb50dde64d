// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1,
// github.com/kubernetes-sigs/network-policy-api) compiled for the reachability engine the way Calico
// enforces them (docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy):
//  - every AdminNetworkPolicy is a policy in tier "adminnetworkpolicy" (order 1,000, defaultAction
//    Pass), its `priority` as the policy's order: lower priority numbers first, ties by name;
//  - the BaselineAdminNetworkPolicy (the singleton "default") is a policy at order 1,000 in tier
//    "baselineadminnetworkpolicy" (order 10,000,000, defaultAction Pass): after the default tier, where
//    Kubernetes NetworkPolicies live, and before the namespace profile (allow);
//  - rules in order: Allow and Deny decide, Pass jumps to the next tier (ANP only), nothing matched
//    passes on (the tiers' defaultAction).
// Subjects and peers select pods only: `namespaces` (pods of the selected namespaces), `pods`
// (namespaceSelector AND podSelector); egress `networks` match by address, as Calico's nets do.
// `nodes` peers (experimental) are not enforced by Calico: such a rule never matches, and is reported.
import { netContains } from './ip';
import type { Endpoint } from './reachEndpoints';
import type { Protocol } from './reachInput';
import { addressTest, has, labelBits, labelSelector, netsKey, namedPort, nets, PolicyModelError, type Action, type CompiledPolicy, type CompiledRule, type Direction, type Tier } from './reachPolicies';

export const ADMIN_API = 'policy.networking.k8s.io/v1alpha1';
export const ANP_TIER = 'adminnetworkpolicy';
export const BANP_TIER = 'baselineadminnetworkpolicy';
/** Calico's fixed admin tiers (tiered-policy page: "order of 1,000" and "order of 10,000,000", both defaultAction Pass). */
export const ADMIN_TIERS: readonly Tier[] = [
  { name: ANP_TIER, order: 1_000, defaultAction: 'Pass' },
  { name: BANP_TIER, order: 10_000_000, defaultAction: 'Pass' },
];
/** "The BaselineAdminNetworkPolicy is treated as if it had an order of 1,000" (same page). */
export const BANP_ORDER = 1_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function isAdminKind(apiVersion: string, kind: string): boolean {
  return apiVersion === ADMIN_API && (kind === 'AdminNetworkPolicy' || kind === 'BaselineAdminNetworkPolicy');
}

/** A subject or a namespaces/pods peer as a predicate over endpoints (pods only). */
function podsPredicate(sel: Obj): ((e: Endpoint) => boolean) | undefined {
  if (isObj(sel.namespaces)) {
    const ns = labelSelector(sel.namespaces);
    return (e) => e.pod !== undefined && ns(e.namespaceLabels);
  }
  if (isObj(sel.pods)) {
    const ns = labelSelector(sel.pods.namespaceSelector);
    const pod = labelSelector(sel.pods.podSelector);
    return (e) => e.pod !== undefined && ns(e.namespaceLabels) && pod(e.labels);
  }
  return undefined;
}

/** AdminNetworkPolicyPort list against port/protocol on the destination (named ports resolve there). */
function portsMatch(ports: Obj[], dst: Endpoint, port: number, protocol: Protocol): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (isObj(p.portNumber)) return (str(p.portNumber.protocol) || 'TCP') === protocol && p.portNumber.port === port;
    if (typeof p.namedPort === 'string') return namedPort(dst.ports, p.namedPort, protocol) === port;
    if (isObj(p.portRange)) return (str(p.portRange.protocol) || 'TCP') === protocol && port >= Number(p.portRange.start) && port <= Number(p.portRange.end);
    return false;
  });
}

export function adminPolicy(o: Obj, doc: number, endpoints: readonly Endpoint[], unmodelled: string[]): CompiledPolicy {
  const baseline = o.kind === 'BaselineAdminNetworkPolicy';
  const name = isObj(o.metadata) ? str(o.metadata.name) : '';
  const spec = isObj(o.spec) ? o.spec : {};
  const subject = podsPredicate(isObj(spec.subject) ? spec.subject : {});
  if (!subject) throw new PolicyModelError(doc, 'spec.subject', 'a subject needs namespaces or pods');
  const n = endpoints.length;
  const compileRules = (dir: Direction): CompiledRule[] =>
    arr(spec[dir]).map((r, i) => {
      const rule = isObj(r) ? r : {};
      const path = `spec.${dir}[${i}]`;
      const action = (['Allow', 'Deny', 'Pass'] as const).find((a) => a === rule.action);
      if (!action || (baseline && action === 'Pass')) throw new PolicyModelError(doc, `${path}.action`, `action "${String(rule.action)}" is not one of ${baseline ? 'Allow, Deny' : 'Allow, Deny, Pass'}`);
      const peers = arr(rule[dir === 'ingress' ? 'from' : 'to']).filter(isObj);
      const byLabels: ((e: Endpoint) => boolean)[] = [];
      const cidrs = peers.flatMap((p, j) => (p.networks === undefined ? [] : nets(p.networks, doc, `${path}.to[${j}].networks`)));
      peers.forEach((p, j) => {
        const pred = podsPredicate(p);
        if (pred) byLabels.push(pred);
        else if (p.nodes !== undefined) unmodelled.push(`${ADMIN_API} ${o.kind} ${name} ${path}.to[${j}].nodes (not enforced by Calico)`);
      });
      const peerBits = labelBits(
        n,
        (e) => byLabels.some((pred) => pred(endpoints[e])),
        cidrs.length ? [addressTest(`networks ${netsKey(cidrs)}`, n, (e) => endpoints[e].ip !== undefined && cidrs.some((c) => netContains(c, endpoints[e].ip!)))] : undefined,
      );
      const ports = arr(rule.ports).filter(isObj);
      return {
        id: `${dir}[${i}] "${str(rule.name)}"`,
        action: action as Action,
        matches: (src: number, dst: number, port: number, protocol: Protocol) => has(peerBits, dir === 'ingress' ? src : dst) && portsMatch(ports, endpoints[dst], port, protocol),
      };
    });
  return {
    id: `${baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy'} ${name}`,
    tier: baseline ? BANP_TIER : ANP_TIER,
    order: baseline ? BANP_ORDER : typeof spec.priority === 'number' ? spec.priority : Infinity,
    // Calico names them kanp.adminnetworkpolicy.<name> / kbanp.baselineadminnetworkpolicy.<name>: ties go by that name
    name: baseline ? `kbanp.${BANP_TIER}.${name}` : `kanp.${ANP_TIER}.${name}`,
    // a direction without rules does not apply (Calico gives the policy the types it has rules for);
    // the tiers' defaultAction Pass makes either choice decide the same
    applies: { ingress: arr(spec.ingress).length > 0, egress: arr(spec.egress).length > 0 },
    selects: labelBits(n, (e) => subject(endpoints[e])),
    rules: { ingress: compileRules('ingress'), egress: compileRules('egress') },
  };
}
