// Kubernetes NetworkPolicy semantics, as truth tables built from the examples and sentences of
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ ("K8S DOCS" below) and
// the API reference https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/.
// Expected values are what those pages say, row by row; none was taken from running the code.
import { expect } from 'chai';
import { explain, k8s, pods, table } from './netpolHelpers';

describe('reach: Kubernetes NetworkPolicy (kubernetes.io docs examples)', () => {
  it('the "test-network-policy" example: ingress from ipBlock/except, namespace, pods on TCP 6379; egress to 10.0.0.0/24 TCP 5978', () => {
    // K8S DOCS, "The NetworkPolicy resource": isolates role=db in default for ingress and egress;
    // allows to TCP 6379 from role=frontend pods in default, any pod in a namespace labelled
    // project=myproject, and 172.17.0.0/16 except 172.17.1.0/24; allows from role=db to 10.0.0.0/24 on TCP 5978.
    const policy = k8s('default', 'test-network-policy', {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
    });
    const input = pods(
      { default: {}, myproject: { project: 'myproject' }, other: {} },
      {
        'default/db': { labels: { role: 'db' }, ports: [{ port: 6379 }] },
        'default/frontend': { labels: { role: 'frontend' } },
        'default/batch': { labels: { role: 'batch' } },
        'myproject/anything': {},
        'other/frontend': { labels: { role: 'frontend' } },
      },
    );
    const { got, want } = table([policy], input, [
      ['default/frontend -> default/db 6379', true], // podSelector peer, same namespace
      ['other/frontend -> default/db 6379', false], // a podSelector alone means the policy's namespace
      ['default/batch -> default/db 6379', false],
      ['myproject/anything -> default/db 6379', true], // namespaceSelector peer: any pod there
      ['default/frontend -> default/db 6380', false], // only the listed port
      ['default/frontend -> default/db 6379/UDP', false], // only the listed protocol
      ['ip:172.17.0.5 -> default/db 6379', true], // "172.17.0.0-172.17.0.255"
      ['ip:172.17.1.5 -> default/db 6379', false], // except 172.17.1.0/24
      ['ip:172.17.2.5 -> default/db 6379', true], // "172.17.2.0-172.17.255.255"
      ['default/db -> ip:10.0.0.7 5978', true],
      ['default/db -> ip:10.0.0.7 5979', false],
      ['default/db -> ip:10.0.1.7 5978', false],
      ['default/db -> default/frontend 80', false], // db is isolated for egress
      ['default/frontend -> other/frontend 80', true], // neither end selected: open
    ]);
    expect(got).to.deep.equal(want);
  });

  it('one peer with namespaceSelector AND podSelector, versus two peers (OR)', () => {
    // K8S DOCS, "Behavior of to and from selectors": one element allows pods labelled role=client in
    // namespaces labelled user=alice; two elements allow role=client pods in the local namespace OR any
    // pod in user=alice namespaces.
    const input = pods(
      { default: {}, alice: { user: 'alice' }, bob: {} },
      { 'default/db': { labels: { role: 'db' } }, 'alice/client': { labels: { role: 'client' } }, 'alice/other': {}, 'default/client': { labels: { role: 'client' } }, 'bob/client': { labels: { role: 'client' } } },
    );
    const and = k8s('default', 'and', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }] }] });
    const or = k8s('default', 'or', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }] });
    const rows = ['alice/client -> default/db 80', 'alice/other -> default/db 80', 'default/client -> default/db 80', 'bob/client -> default/db 80'];
    const a = table([and], input, rows.map((r, i) => [r, [true, false, false, false][i]]));
    expect(a.got).to.deep.equal(a.want);
    const o = table([or], input, rows.map((r, i) => [r, [true, true, true, false][i]]));
    expect(o.got).to.deep.equal(o.want);
  });

  it('default policies: deny all ingress, allow all ingress, deny all egress, allow all egress, deny all', () => {
    // K8S DOCS, "Default policies"
    const input = pods({ app: {}, other: {} }, { 'app/a': {}, 'app/b': {}, 'other/c': {} });
    const rows = ['other/c -> app/a 80', 'app/a -> other/c 80', 'app/a -> app/b 80'];
    const cases: [string, unknown, boolean[]][] = [
      ['default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }, [false, true, false]],
      ['allow-all-ingress', { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] }, [true, true, true]],
      ['default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] }, [true, false, false]],
      ['allow-all-egress', { podSelector: {}, egress: [{}], policyTypes: ['Egress'] }, [true, true, true]],
      ['default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, [false, false, false]],
    ];
    for (const [name, spec, want] of cases) {
      const { got } = table([k8s('app', name, spec)], input, rows.map((r) => [r, false]));
      expect(Object.values(got), name).to.deep.equal(want);
    }
  });

  it('policyTypes inferred: Ingress always, Egress only when the policy has egress rules (API reference)', () => {
    const input = pods({ app: {} }, { 'app/a': {}, 'app/b': {} });
    // no policyTypes, ingress rules only: egress of the selected pod stays open
    const ingressOnly = k8s('app', 'ingress-only', { podSelector: { matchLabels: {} }, ingress: [] });
    const ing = table([ingressOnly], input, [['app/a -> ip:1.1.1.1 443', true], ['app/b -> app/a 80', false]]);
    expect(ing.got).to.deep.equal(ing.want);
    const egressRules = k8s('app', 'egress-too', { podSelector: {}, egress: [{ to: [{ podSelector: {} }], ports: [{ port: 443 }] }] });
    // egress rules present: Ingress and Egress both apply; ingress has no rules -> denied; egress only to 443
    const inferred = table([egressRules], input, [['app/a -> app/b 80', false], ['app/a -> ip:1.1.1.1 443', false]]);
    expect(inferred.got).to.deep.equal(inferred.want);
    // an ingress-only policy with an egress: [] list does not isolate egress (no egress rules)
    const emptyEgress = k8s('app', 'empty-egress', { podSelector: {}, ingress: [{}], egress: [] });
    expect(Object.values(table([emptyEgress], input, [['app/a -> ip:1.1.1.1 443', true]]).got)).to.deep.equal([true]);
  });

  it('endPort: a range of ports (K8S DOCS "Targeting a range of ports": TCP 32000-32768 to 10.0.0.0/24)', () => {
    const policy = k8s('default', 'multi-port-egress', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }] });
    const input = pods({ default: {} }, { 'default/db': { labels: { role: 'db' } } });
    const { got, want } = table([policy], input, [
      ['default/db -> ip:10.0.0.1 31999', false],
      ['default/db -> ip:10.0.0.1 32000', true],
      ['default/db -> ip:10.0.0.1 32768', true],
      ['default/db -> ip:10.0.0.1 32769', false],
    ]);
    expect(got).to.deep.equal(want);
  });

  it('a namespace by name through kubernetes.io/metadata.name (K8S DOCS "Targeting a Namespace by its name")', () => {
    const policy = k8s('default', 'from-ops', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }] }] });
    const input = pods({ default: {}, ops: {}, dev: {} }, { 'default/a': {}, 'ops/b': {}, 'dev/c': {} });
    const { got, want } = table([policy], input, [['ops/b -> default/a 80', true], ['dev/c -> default/a 80', false]]);
    expect(got).to.deep.equal(want);
  });

  it('named ports resolve on the destination pod', () => {
    // API reference, NetworkPolicyPort.port: "a named port on a pod"
    const policy = k8s('web', 'http', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] });
    const input = pods({ web: {} }, { 'web/a': { ports: [{ port: 8080, name: 'http' }, { port: 9090, name: 'metrics' }] }, 'web/b': { ports: [{ port: 9090, name: 'http' }] } });
    const { got, want } = table([policy], input, [
      ['web/b -> web/a 8080', true],
      ['web/b -> web/a 9090', false],
      ['web/a -> web/b 9090', true],
      ['web/a -> web/b 8080', false],
    ]);
    expect(got).to.deep.equal(want);
  });

  it('rules and policies add up: two policies on one pod allow the union', () => {
    // K8S DOCS: "network policies do not conflict; they are additive"
    const p1 = k8s('app', 'from-a', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'a' } } }] }] });
    const p2 = k8s('app', 'from-b', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'b' } } }] }] });
    const input = pods({ app: {} }, { 'app/db': { labels: { role: 'db' } }, 'app/a': { labels: { role: 'a' } }, 'app/b': { labels: { role: 'b' } }, 'app/c': { labels: { role: 'c' } } });
    const { got, want } = table([p1, p2], input, [['app/a -> app/db 80', true], ['app/b -> app/db 80', true], ['app/c -> app/db 80', false]]);
    expect(got).to.deep.equal(want);
  });

  it('a connection needs egress at the source AND ingress at the destination', () => {
    const input = pods({ a: {}, b: {} }, { 'a/x': {}, 'b/y': {} });
    const denyEgressA = k8s('a', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const allowIngressB = k8s('b', 'allow-all', { podSelector: {}, ingress: [{}] });
    expect(Object.values(table([denyEgressA, allowIngressB], input, [['a/x -> b/y 80', false]]).got)).to.deep.equal([false]);
    const [r] = explain([denyEgressA, allowIngressB], input, ['a/x -> b/y 80']);
    expect(r.reasons[0]).to.match(/^egress from a\/x: denied.*NetworkPolicy a\/deny-egress/);
    expect(r.reasons[1]).to.match(/^ingress to b\/y: allowed by NetworkPolicy b\/allow-all ingress\[0\]/);
  });

  it('ip: endpoints are matched only by ipBlock, never by pod or namespace selectors', () => {
    const policy = k8s('app', 'selectors', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ namespaceSelector: {} }, { podSelector: {} }] }], egress: [{ to: [{ namespaceSelector: {} }] }] });
    const input = pods({ app: {} }, { 'app/a': {} });
    const { got, want } = table([policy], input, [['ip:192.0.2.1 -> app/a 80', false], ['app/a -> ip:192.0.2.1 80', false]]);
    expect(got).to.deep.equal(want);
  });

  it('an empty namespaceSelector selects pods in every namespace, not ip: endpoints', () => {
    const policy = k8s('app', 'all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] });
    const input = pods({ app: {}, x: {} }, { 'app/a': {}, 'x/b': {} });
    const { got, want } = table([policy], input, [['x/b -> app/a 80', true], ['ip:10.9.9.9 -> app/a 80', false]]);
    expect(got).to.deep.equal(want);
  });
});
