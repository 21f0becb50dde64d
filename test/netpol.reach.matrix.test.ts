// The matrix (decideMatrix: class grouping, allocation-free path) must say what the explained
// per-connection decision says for every cell: the figures `aksnet reach` prints come from the former,
// the reasons from the latter. Checked on the benchmark's synthetic cluster (Kubernetes and Calico,
// tiers with Pass, Log rules, named ports, ipBlock) at a size where every cell can be explained.
import { expect } from 'chai';
import { netpolEstate } from '../bench/netpolEstate';
import { buildReach, diffReach } from '../netpol/reach';
import { decideMatrix } from '../netpol/reachMatrix';
import { k8s, pods } from './netpolHelpers';

describe('reach: the matrix agrees with the explained decisions', () => {
  it('every cell of the synthetic cluster (6 namespaces x 5 apps x 2 pods, mixed policies)', () => {
    const { pods: input, policies } = netpolEstate(6, 5, 2);
    const model = buildReach(policies, input);
    const m = decideMatrix(model);
    expect(m.rows).to.have.length(60);
    let allowed = 0;
    let mismatches = 0;
    m.rows.forEach((from, r) =>
      m.columns.forEach((c, k) => {
        const explained = model.explain(from, c.to, c.port, c.protocol).allowed;
        if (explained) allowed++;
        if (m.allowed(r, k) !== explained) mismatches++;
      }),
    );
    expect(mismatches).to.equal(0);
    // the estate is not trivially all-allowed or all-denied
    expect(allowed).to.be.greaterThan(0).and.lessThan(m.size);
    expect(m.allowedCount()).to.equal(allowed);
  });

  it('pods alike share a class: 5 identical pods are one class', () => {
    const input = pods({ a: {} }, Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`a/p${i}`, { labels: { app: 'x' } }])));
    const model = buildReach([k8s('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })], input);
    expect(new Set(model.classes).size).to.equal(1);
  });

  it('pods with the same labels but other named ports are not alike (a named port resolves per pod)', () => {
    const input = pods({ a: {} }, { 'a/p1': { labels: { app: 'x' }, ports: [{ port: 8080, name: 'http' }, { port: 9090 }] }, 'a/p2': { labels: { app: 'x' }, ports: [{ port: 9090, name: 'http' }, { port: 8080 }] } });
    const model = buildReach([k8s('a', 'http-only', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })], input);
    const m = decideMatrix(model);
    // columns: p1 8080 (http), p1 9090, p2 9090 (http), p2 8080; the same policy answer for both
    // rows (1 0 1 0), except a pod's own ports: always allowed (ALWAYS = 2), whatever the policy says
    expect([...m.row(0), ...m.row(1)]).to.deep.equal([2, 2, 1, 0, 1, 0, 2, 2]);
  });

  it('--base-policies: connections gained and lost, with the reasons now and before', () => {
    const input = pods({ shop: {}, pay: {} }, { 'shop/frontend': { labels: { app: 'frontend' } }, 'pay/payments': { labels: { app: 'payments' }, ports: [{ port: 8443 }] } });
    const before = [k8s('pay', 'from-shop', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }] }] })];
    const after = [k8s('pay', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] })];
    const diff = diffReach(buildReach(before, input), buildReach(after, input));
    // 2 sources x 2 destination ports = 4 cells. -> frontend 80: unselected, allowed in both.
    // frontend -> payments 8443: "before" admits namespace shop, "after" denies: lost.
    // payments -> payments 8443: "before" admits only namespace shop, so denied in both.
    expect(diff.gained).to.deep.equal([]);
    expect(diff.lost.map((c) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`)).to.deep.equal(['shop/frontend -> pay/payments 8443/TCP']);
    expect(diff.lost[0].before[1]).to.match(/allowed by NetworkPolicy pay\/from-shop ingress\[0\]/);
    expect(diff.lost[0].reasons[1]).to.match(/denied.*NetworkPolicy pay\/deny-all/);
  });
});
