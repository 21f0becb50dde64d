// Property: the matrix (decideMatrix: one decision per source class x destination class x port,
// rows of a class sharing one bit row, ALWAYS cells held apart; built on selectors answered once
// per label group) holds, cell by cell, what the per-connection decision says: explain(), which
// walks each endpoint's own policies (no class). The oracle's model is built from the same pods
// with one more label each, unique and never selected, so it has no label groups either: every
// selector is answered pod by pod. Random clusters of up to ~150 pods in Deployments (pods alike, the
// case the shortcuts are for), nodes, Kubernetes NetworkPolicies, Calico policies in three tiers
// (Allow, Deny, Pass, Log; named ports, ranges, ipBlock, nets) and AdminNetworkPolicies (networks).
import { expect } from 'chai';
import fc from 'fast-check';
import { buildReach } from '../netpol/reach';
import { parsePods, type PodsInput } from '../netpol/reachInput';
import { ALWAYS, decideMatrix } from '../netpol/reachMatrix';

const NS = ['a', 'b', 'c'];
const APPS = ['web', 'api', 'db'];
const labels = fc.record({ app: fc.constantFrom(...APPS), role: fc.constantFrom('front', 'back') }, { requiredKeys: ['app'] });
const port = fc.constantFrom(80, 443, 8080);
const deployment = fc.record({
  ns: fc.constantFrom(...NS),
  labels,
  // a named port resolves per pod: http is 80 in some Deployments, 8080 in others
  ports: fc.uniqueArray(fc.record({ port, name: fc.constantFrom('http', 'metrics', undefined) }), { minLength: 1, maxLength: 2, selector: (p) => p.port }),
  replicas: fc.integer({ min: 1, max: 40 }),
  net: fc.constantFrom('10.1', '10.2'),
});

const np = (ns: string, name: string, spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
const k8sPeer = fc.oneof(
  fc.record({ podSelector: fc.record({ matchLabels: fc.record({ app: fc.constantFrom(...APPS) }) }) }),
  fc.record({ namespaceSelector: fc.record({ matchLabels: fc.record({ team: fc.constantFrom('red', 'blue') }) }) }),
  fc.record({ podSelector: fc.record({ matchExpressions: fc.constant([{ key: 'role', operator: 'NotIn', values: ['back'] }]) }), namespaceSelector: fc.constant({}) }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '10.1.0.0/16' }, { cidr: '10.0.0.0/8', except: ['10.2.0.0/16'] }) }),
);
const k8sRule = fc.record({ peers: fc.array(k8sPeer, { maxLength: 2 }), ports: fc.array(fc.oneof(fc.record({ port: fc.constantFrom<number | string>(80, 443, 'http', 'metrics') }), fc.constant({ port: 80, endPort: 443 }), fc.constant({ protocol: 'UDP' })), { maxLength: 2 }) });
const k8sPolicy = fc.record({ ns: fc.constantFrom(...NS), app: fc.option(fc.constantFrom(...APPS), { nil: undefined }), types: fc.subarray(['Ingress', 'Egress']), ingress: fc.array(k8sRule, { maxLength: 2 }), egress: fc.array(k8sRule, { maxLength: 2 }) }).map((p) => (i: number) => {
  const rules = (rs: typeof p.ingress, field: 'from' | 'to') => rs.map((r) => ({ ...(r.peers.length ? { [field]: r.peers } : {}), ...(r.ports.length ? { ports: r.ports } : {}) }));
  return np(p.ns, `k${i}`, { podSelector: p.app ? { matchLabels: { app: p.app } } : {}, policyTypes: p.types, ingress: rules(p.ingress, 'from'), egress: rules(p.egress, 'to') });
});

const SELECTORS = ['', 'app == "web"', 'has(role)', 'role != "back"', 'app in {"api", "db"}', 'all()'];
const entity = fc.record(
  {
    selector: fc.constantFrom(...SELECTORS),
    namespaceSelector: fc.constantFrom('team == "red"', 'all()'),
    nets: fc.constantFrom(['10.1.0.0/16'], ['10.2.0.0/24', '10.1.0.5/32']),
    notNets: fc.constant(['10.1.0.0/28']),
    ports: fc.array(fc.constantFrom<number | string>(80, 443, '80:443', 'http', 'metrics'), { minLength: 1, maxLength: 2 }),
    notPorts: fc.constant([8080]),
  },
  { requiredKeys: [] },
);
const calicoRule = fc.record({ action: fc.constantFrom('Allow', 'Deny', 'Pass', 'Log'), protocol: fc.option(fc.constantFrom('TCP', 'UDP'), { nil: undefined }), source: entity, destination: entity }).map(({ source, destination, ...r }) => ({
  ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
  // source ports cannot be decided (a rule using them never matches); keep sources to selectors and nets
  source: { ...source, ports: undefined, notPorts: undefined },
  destination,
}));
const calicoPolicy = fc.record({
  global: fc.boolean(),
  ns: fc.constantFrom(...NS),
  tier: fc.constantFrom('default', 'platform', 'security'),
  order: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  selector: fc.constantFrom(...SELECTORS),
  types: fc.option(fc.subarray(['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.array(calicoRule, { maxLength: 2 }),
  egress: fc.array(calicoRule, { maxLength: 2 }),
}).map((p) => (i: number) => {
  const name = p.tier === 'default' ? `default.c${i}` : `${p.tier}.c${i}`;
  const spec = { tier: p.tier, ...(p.order === undefined ? {} : { order: p.order }), selector: p.selector, ...(p.types ? { types: p.types } : {}), ingress: p.ingress, egress: p.egress };
  return p.global ? { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name }, spec } : { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name, namespace: p.ns }, spec };
});
// AdminNetworkPolicy (Calico's tier adminnetworkpolicy, before all others): egress networks match by address
const adminPeer = fc.oneof(
  fc.record({ namespaces: fc.record({ matchLabels: fc.record({ team: fc.constantFrom('red', 'blue') }) }) }),
  fc.record({ pods: fc.record({ namespaceSelector: fc.constant({}), podSelector: fc.record({ matchLabels: fc.record({ app: fc.constantFrom(...APPS) }) }) }) }),
);
const adminRule = (networks: boolean) =>
  fc.record({
    action: fc.constantFrom('Allow', 'Deny', 'Pass'),
    peers: fc.array(networks ? fc.oneof(adminPeer, fc.constantFrom({ networks: ['10.1.0.0/16'] }, { networks: ['10.2.0.0/24', '10.224.0.0/24'] })) : adminPeer, { minLength: 1, maxLength: 2 }),
    ports: fc.option(fc.constantFrom([{ portNumber: { port: 80, protocol: 'TCP' } }], [{ namedPort: 'http' }]), { nil: undefined }),
  });
const adminPolicy = fc
  .record({ priority: fc.integer({ min: 1, max: 5 }), app: fc.constantFrom(...APPS), ingress: fc.array(adminRule(false), { maxLength: 2 }), egress: fc.array(adminRule(true), { maxLength: 2 }) })
  .map((p) => (i: number) => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: `anp${i}` },
    spec: {
      priority: p.priority,
      subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: p.app } } } },
      ingress: p.ingress.map((r, j) => ({ name: `in${j}`, action: r.action, from: r.peers, ...(r.ports ? { ports: r.ports } : {}) })),
      egress: p.egress.map((r, j) => ({ name: `out${j}`, action: r.action, to: r.peers, ...(r.ports ? { ports: r.ports } : {}) })),
    },
  }));
const TIERS = [
  { apiVersion: 'crd.projectcalico.org/v1', kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 100, defaultAction: 'Pass' } },
  { apiVersion: 'crd.projectcalico.org/v1', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 200 } },
];

const cluster = fc.record({
  teams: fc.tuple(fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue'), fc.constantFrom('red', 'blue')),
  deployments: fc.array(deployment, { minLength: 2, maxLength: 10 }),
  nodes: fc.integer({ min: 0, max: 2 }),
  policies: fc.array(fc.oneof(k8sPolicy, calicoPolicy, adminPolicy), { minLength: 1, maxLength: 10 }),
});

type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function podsOf(c: Cluster, uniqueLabel: boolean): PodsInput {
  let i = 0;
  const nodes = Array.from({ length: c.nodes }, (_, k) => `n${k}`);
  return parsePods({
    namespaces: Object.fromEntries(NS.map((ns, k) => [ns, { team: c.teams[k] }])),
    ...(nodes.length ? { nodes: Object.fromEntries(nodes.map((n, k) => [n, { ip: `10.224.0.${k + 4}` }])) } : {}),
    pods: c.deployments.flatMap((d, k) =>
      Array.from({ length: d.replicas }, (_, r) => {
        i++;
        return {
          namespace: d.ns,
          name: `d${k}-${r}`,
          labels: uniqueLabel ? { ...d.labels, 'oracle-uid': `u${i}` } : d.labels,
          ip: `${d.net}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          ports: d.ports.map((p) => ({ port: p.port, protocol: 'TCP', ...(p.name ? { name: p.name } : {}) })),
          ...(nodes.length && i % 3 ? { node: nodes[i % nodes.length] } : {}),
        };
      }),
    ),
  });
}

describe('reach: the matrix against the per-connection decision (property)', () => {
  it('every cell of random clusters: ALWAYS where always() holds, else explain()', () => {
    let classesShared = 0;
    let cells = 0;
    const kinds = new Set<number>();
    fc.assert(
      fc.property(cluster, (c) => {
        const objects = [...TIERS, ...c.policies.map((make, i) => make(i))];
        const model = buildReach(objects, podsOf(c, false));
        const oracle = buildReach(objects, podsOf(c, true));
        const m = decideMatrix(model);
        expect(m.rows).to.deep.equal(oracle.endpoints.flatMap((e, i) => (e.pod || e.node !== undefined ? [i] : [])));
        let allowed = 0;
        m.rows.forEach((src, r) =>
          m.columns.forEach((col, k) => {
            const want = oracle.always(src, col.to) !== undefined ? ALWAYS : oracle.explain(src, col.to, col.port, col.protocol).allowed ? 1 : 0;
            const got = m.cell(r, k);
            if (got !== want) expect.fail(`${model.endpoints[src].id} -> ${model.endpoints[col.to].id} ${col.port}: matrix ${got}, explain ${want}`);
            if (want) allowed++;
            kinds.add(want);
          }),
        );
        expect(m.allowedCount()).to.equal(allowed);
        cells += m.size;
        if (new Set(model.classes).size < model.endpoints.length) classesShared++;
      }),
      { numRuns: 25 },
    );
    // not vacuous: classes did share rows, and the cells were of all three kinds
    expect(classesShared).to.be.greaterThan(10);
    expect([...kinds].sort()).to.deep.equal([0, 1, ALWAYS]);
    expect(cells).to.be.greaterThan(50_000);
  });
});
