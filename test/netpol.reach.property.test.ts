// Property: for Kubernetes NetworkPolicies alone, the engine (which runs them as Calico does, in the
// default tier at order 1000) agrees with a direct reading of the Kubernetes documentation
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/), written here
// independently: "a pod is isolated for a direction if a policy selects it with that policyType; the
// connection is allowed if egress from the source allows it and ingress to the destination allows it;
// an isolated direction allows what at least one rule of a selecting policy allows".
import { expect } from 'chai';
import fc from 'fast-check';
import { buildReach } from '../netpol/reach';
import { decideMatrix } from '../netpol/reachMatrix';
import { parsePods, type Pod, type PodsInput } from '../netpol/reachInput';

type Labels = Record<string, string>;
interface Peer {
  podSelector?: { matchLabels: Labels };
  namespaceSelector?: { matchLabels: Labels };
  ipBlock?: { cidr: string };
}
interface Rule {
  peers?: Peer[];
  ports?: { port?: number | string; protocol?: 'TCP' | 'UDP' }[];
}
interface Policy {
  ns: string;
  podSelector: Labels;
  types?: ('Ingress' | 'Egress')[];
  ingress?: Rule[];
  egress?: Rule[];
}

const NS = ['a', 'b'];
const matches = (sel: Labels, l: Labels) => Object.entries(sel).every(([k, v]) => l[k] === v);

function peerMatches(p: Peer, policyNs: string, pod: Pod, nsLabels: Record<string, Labels>): boolean {
  if (p.ipBlock) return pod.ip !== undefined && pod.ip.startsWith('10.1.'); // the only CIDR generated: 10.1.0.0/16
  const nsOk = p.namespaceSelector ? matches(p.namespaceSelector.matchLabels, { ...nsLabels[pod.namespace], 'kubernetes.io/metadata.name': pod.namespace }) : pod.namespace === policyNs;
  return nsOk && (!p.podSelector || matches(p.podSelector.matchLabels, pod.labels));
}

function portMatches(r: Rule, dst: Pod, port: number): boolean {
  if (!r.ports || r.ports.length === 0) return true;
  return r.ports.some((q) => (q.protocol ?? 'TCP') === 'TCP' && (q.port === undefined || q.port === port || dst.ports.some((d) => d.name === q.port && d.port === port)));
}

function oracle(policies: Policy[], input: PodsInput, src: Pod, dst: Pod, port: number): boolean {
  // "a pod cannot block access to itself" (same page)
  if (src === dst) return true;
  const typesOf = (p: Policy) => p.types ?? ['Ingress', ...((p.egress ?? []).length ? ['Egress' as const] : [])];
  const side = (pod: Pod, dir: 'Ingress' | 'Egress', peer: Pod) => {
    const selecting = policies.filter((p) => p.ns === pod.namespace && matches(p.podSelector, pod.labels) && typesOf(p).includes(dir));
    if (selecting.length === 0) return true;
    return selecting.some((p) => ((dir === 'Ingress' ? p.ingress : p.egress) ?? []).some((r) => (!r.peers || r.peers.length === 0 || r.peers.some((q) => peerMatches(q, p.ns, peer, input.namespaces))) && portMatches(r, dst, port)));
  };
  return side(src, 'Egress', dst) && side(dst, 'Ingress', src);
}

const toObject = (p: Policy, i: number) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: `p${i}`, namespace: p.ns },
  spec: {
    podSelector: { matchLabels: p.podSelector },
    ...(p.types ? { policyTypes: p.types } : {}),
    ...(p.ingress ? { ingress: p.ingress.map((r) => ({ ...(r.peers ? { from: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })) } : {}),
    ...(p.egress ? { egress: p.egress.map((r) => ({ ...(r.peers ? { to: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })) } : {}),
  },
});

const labels = fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('x', 'y'), { maxKeys: 2 });
const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector: fc.record({ matchLabels: labels }) }),
  fc.record({ namespaceSelector: fc.record({ matchLabels: fc.dictionary(fc.constantFrom('team'), fc.constantFrom('red', 'blue'), { maxKeys: 1 }) }) }),
  fc.record({ namespaceSelector: fc.record({ matchLabels: fc.constant({}) }), podSelector: fc.record({ matchLabels: labels }) }),
  fc.constant({ ipBlock: { cidr: '10.1.0.0/16' } }),
);
const rule: fc.Arbitrary<Rule> = fc.record(
  { peers: fc.array(peer, { maxLength: 2 }), ports: fc.array(fc.record({ port: fc.option(fc.constantFrom(80, 443, 'web'), { nil: undefined }), protocol: fc.constantFrom('TCP' as const, 'UDP' as const) }, { requiredKeys: ['protocol'] }), { maxLength: 2 }) },
  { requiredKeys: [] },
);
const policy: fc.Arbitrary<Policy> = fc.record(
  {
    ns: fc.constantFrom(...NS),
    podSelector: labels,
    types: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[]),
    ingress: fc.array(rule, { maxLength: 2 }),
    egress: fc.array(rule, { maxLength: 2 }),
  },
  { requiredKeys: ['ns', 'podSelector'] },
);
const cluster = fc.record({
  teams: fc.tuple(fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue')),
  pods: fc.array(fc.record({ ns: fc.constantFrom(...NS), labels, net: fc.constantFrom('10.1', '10.2'), webPort: fc.constantFrom(80, 443) }), { minLength: 1, maxLength: 5 }),
  policies: fc.array(policy, { maxLength: 4 }),
});

describe('reach: Kubernetes semantics, engine against an independent reading of the docs (property)', () => {
  it('agrees on every connection of random clusters and policies', () => {
    fc.assert(
      fc.property(cluster, ({ teams, pods: ps, policies }) => {
        const input = parsePods({
          namespaces: { a: { team: teams[0] }, b: { team: teams[1] } },
          pods: ps.map((p, i) => ({ namespace: p.ns, name: `p${i}`, labels: p.labels, ip: `${p.net}.0.${i + 1}`, ports: [{ port: p.webPort, protocol: 'TCP', name: 'web' }, { port: 8080, protocol: 'TCP' }] })),
        });
        const model = buildReach(policies.map(toObject), input);
        const m = decideMatrix(model);
        m.rows.forEach((from, r) =>
          m.columns.forEach((c, k) => {
            const want = oracle(policies, input, input.pods[from], input.pods[c.to], c.port);
            expect(m.allowed(r, k), `${input.pods[from].name} -> ${input.pods[c.to].name}:${c.port}`).to.equal(want);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
