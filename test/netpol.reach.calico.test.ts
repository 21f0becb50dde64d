// Calico semantics of `aksnet reach`, each case from Calico's documentation or source:
//  [tier]    https://docs.tigera.io/calico/latest/reference/resources/tier ("How policy is evaluated")
//  [gnp]     https://docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy
//  [np]      https://docs.tigera.io/calico/latest/reference/resources/networkpolicy
//  [rule]    https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#rule
//  [labels]  https://docs.tigera.io/calico/latest/network-policy/get-started/calico-policy/calico-labels
//  [gns]     https://docs.tigera.io/calico/latest/reference/resources/globalnetworkset
//  [ns]      https://docs.tigera.io/calico/latest/reference/resources/networkset
//  [hep]     https://docs.tigera.io/calico/latest/reference/host-endpoints/ (untracked and pre-DNAT
//            policies are host endpoint policies, applied before workload policy)
//  [k8sconv] projectcalico/calico libcalico-go/lib/backend/k8s/conversion/conversion.go: Kubernetes
//            NetworkPolicies are inserted "at order 1000.0" in the default tier (order 1,000,000, tier.go)
//  [sorter]  projectcalico/calico felix/calc/policy_sorter.go: no order sorts last, ties by name;
//            "no Types means Ingress and Egress"
//  [rules.go] libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go: a namespaced policy's rule
//            selector is limited to its namespace unless it has a namespaceSelector
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { cnp, explain, gnp, k8s, pods, table, tier } from './netpolHelpers';

const calicoExample = (file: string) => load(fs.readFileSync(path.join(__dirname, 'fixtures', 'calico', file), 'utf8'));
const allowAll = { ingress: [{ action: 'Allow' }], egress: [{ action: 'Allow' }], types: ['Ingress', 'Egress'] };

describe('reach: Calico tiers and order', () => {
  const input = pods({ shop: {}, 'kube-system': {} }, { 'shop/web': { labels: { app: 'web' } }, 'shop/db': { labels: { app: 'db' } }, 'kube-system/dns': {} });

  it('examples 05/06: the platform tier denies IMDS and passes the rest; with nothing in the default tier the profile allows it [tier]', () => {
    const objs = [calicoExample('05-tier-platform.yaml'), calicoExample('06-gnp-platform-deny-azure-imds-egress.yaml')];
    const { got, want } = table(objs, input, [
      ['shop/web -> ip:169.254.169.254 80', false], // Deny in the platform tier
      ['shop/web -> ip:8.8.8.8 443', true], // Pass -> no further tier applies -> namespace profile allows
      ['kube-system/dns -> ip:169.254.169.254 80', true], // kube-system is not selected
    ]);
    expect(got).to.deep.equal(want);
    const [r] = explain(objs, input, ['shop/web -> ip:8.8.8.8 443']);
    expect(r.reasons[0]).to.match(/namespace profile.*passed by GlobalNetworkPolicy platform\.deny-azure-imds-egress egress\[1\]/);
  });

  it('examples 01-03 in the default tier: order 10 Deny first, DNS Allow at 100, everything else end-of-tier deny [tier]', () => {
    const objs = ['01-gnp-default-deny-non-system.yaml', '02-gnp-allow-dns-egress-kube-dns.yaml', '03-gnp-deny-azure-imds-egress.yaml'].map(calicoExample);
    const withDns = pods({ shop: {}, 'kube-system': {} }, { 'shop/web': {}, 'shop/db': {}, 'kube-system/coredns': { labels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] } });
    const { got, want } = table(objs, withDns, [
      ['shop/web -> kube-system/coredns 53/UDP', true], // 02 allows; coredns (kube-system) is not selected for ingress
      ['shop/web -> kube-system/coredns 53/TCP', true],
      ['shop/web -> kube-system/coredns 80', false], // selected by 01/02/03, no rule matches: end-of-tier deny
      ['shop/web -> ip:169.254.169.254 80', false], // 03 (order 10) denies
      ['shop/web -> shop/db 80', false], // 01 default deny, both directions
      ['kube-system/coredns -> ip:8.8.8.8 443', true], // not selected by any policy: profile
    ]);
    expect(got).to.deep.equal(want);
  });

  it('a tier with defaultAction Pass hands undecided traffic to the next tier; Deny (the default) drops it [tier]', () => {
    const deny = gnp('sec.web-only-db', { tier: 'sec', order: 1, selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Deny', destination: { selector: 'app == "db"' } }] });
    const rows: [string, boolean][] = [['shop/web -> shop/db 80', false], ['shop/web -> kube-system/dns 80', true]];
    const pass = table([tier('sec', 10, 'Pass'), deny], input, rows);
    expect(pass.got).to.deep.equal(pass.want);
    const dropped = table([tier('sec', 10), deny], input, [['shop/web -> shop/db 80', false], ['shop/web -> kube-system/dns 80', false]]);
    expect(dropped.got).to.deep.equal(dropped.want);
  });

  it('tiers run in tier order, lower first: an Allow in an earlier tier wins over a later Deny [tier]', () => {
    const a = gnp('first.allow', { tier: 'first', order: 1, selector: 'app == "web"', ...allowAll });
    const d = gnp('second.deny', { tier: 'second', order: 1, selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Deny' }] });
    expect(Object.values(table([tier('first', 10), tier('second', 20), a, d], input, [['shop/web -> shop/db 80', true]]).got)).to.deep.equal([true]);
    expect(Object.values(table([tier('first', 30), tier('second', 20), a, d], input, [['shop/web -> shop/db 80', true]]).got)).to.deep.equal([false]);
  });

  it('policies run in order, lower first; no order comes last [gnp] [sorter]', () => {
    const deny = (order?: number) => gnp('default.deny', { ...(order === undefined ? {} : { order }), selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Deny' }] });
    const allow = (order?: number) => gnp('default.allow', { ...(order === undefined ? {} : { order }), selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Allow' }] });
    const row: [string, boolean][] = [['shop/web -> shop/db 80', false]];
    expect(table([deny(100), allow(200)], input, row).got['shop/web -> shop/db 80']).to.equal(false);
    expect(table([deny(200), allow(100)], input, row).got['shop/web -> shop/db 80']).to.equal(true);
    expect(table([deny(), allow(5000)], input, row).got['shop/web -> shop/db 80']).to.equal(true); // no order: last
    expect(table([deny(5000), allow()], input, row).got['shop/web -> shop/db 80']).to.equal(false);
  });

  it('Kubernetes policies act at order 1000 in the default tier [k8sconv]', () => {
    const k8sAllow = k8s('shop', 'allow-web', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] });
    const calicoDeny = (order: number) => gnp('default.deny-db', { order, selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Deny' }] });
    const row: [string, boolean][] = [['shop/web -> shop/db 80', false]];
    expect(table([k8sAllow, calicoDeny(999)], input, row).got['shop/web -> shop/db 80']).to.equal(false); // 999 before 1000
    expect(table([k8sAllow, calicoDeny(1001)], input, row).got['shop/web -> shop/db 80']).to.equal(true); // the K8s Allow decides first
  });

  it('Log goes on to the next rule; Pass skips the rest of the tier, including Kubernetes policies [rule] [tier]', () => {
    const log = gnp('default.log', { order: 1, selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Log' }, { action: 'Deny', source: { selector: 'app == "web"' } }] });
    expect(table([log], input, [['shop/web -> shop/db 80', false]]).got['shop/web -> shop/db 80']).to.equal(false);
    const logThenAllow = gnp('default.log', { order: 1, selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Log' }, { action: 'Allow' }] });
    expect(table([logThenAllow], input, [['shop/web -> shop/db 80', true]]).got['shop/web -> shop/db 80']).to.equal(true);
    const pass = gnp('default.pass', { order: 1, selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Pass' }] });
    const k8sDeny = k8s('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    // Pass in the last tier: the K8s default deny (same tier, later) is skipped; the profile allows
    expect(table([pass, k8sDeny], input, [['shop/web -> shop/db 80', true]]).got['shop/web -> shop/db 80']).to.equal(true);
  });

  it('doNotTrack and preDNAT policies apply to host endpoints, not to pods [hep]', () => {
    for (const flag of ['doNotTrack', 'preDNAT']) {
      const g = gnp('default.host', { [flag]: true, applyOnForward: true, order: 1, selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Deny' }] });
      expect(table([g], input, [['shop/web -> shop/db 80', true]]).got['shop/web -> shop/db 80'], flag).to.equal(true);
    }
  });

  it('a policy without types applies to ingress and egress (Felix back compatibility) [sorter]', () => {
    const ingressOnly = gnp('default.web-in', { selector: 'app == "web"', ingress: [{ action: 'Allow' }] });
    // no types: egress is selected too and has no rule -> end-of-tier deny
    const { got, want } = table([ingressOnly], input, [['shop/db -> shop/web 80', true], ['shop/web -> shop/db 80', false]]);
    expect(got).to.deep.equal(want);
  });
});

describe('reach: Calico selectors, namespaces and automatic labels', () => {
  const input = pods(
    { shop: { team: 'a' }, pay: { team: 'b' } },
    { 'shop/web': { labels: { app: 'web' } }, 'shop/db': { labels: { app: 'db' } }, 'pay/web': { labels: { app: 'web' } }, 'pay/api': { labels: { app: 'api' } } },
  );

  it('a NetworkPolicy rule selector stays in the policy namespace; a GlobalNetworkPolicy rule selector does not [np] [gnp] [rules.go]', () => {
    const np = cnp('shop', 'default.db-from-web', { selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Allow', source: { selector: 'app == "web"' } }] });
    const t1 = table([np], input, [['shop/web -> shop/db 80', true], ['pay/web -> shop/db 80', false]]);
    expect(t1.got).to.deep.equal(t1.want);
    const g = gnp('default.db-from-web', { selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Allow', source: { selector: 'app == "web"' } }] });
    const t2 = table([g], input, [['shop/web -> shop/db 80', true], ['pay/web -> shop/db 80', true]]);
    expect(t2.got).to.deep.equal(t2.want);
  });

  it('namespaceSelector with projectcalico.org/name and with namespace labels [labels]', () => {
    const byName = cnp('shop', 'default.from-pay', { selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Allow', source: { namespaceSelector: 'projectcalico.org/name == "pay"', selector: 'app == "api"' } }] });
    const t1 = table([byName], input, [['pay/api -> shop/db 80', true], ['pay/web -> shop/db 80', false], ['shop/web -> shop/db 80', false]]);
    expect(t1.got).to.deep.equal(t1.want);
    const byLabel = cnp('shop', 'default.from-team-b', { selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Allow', source: { namespaceSelector: 'team == "b"' } }] });
    const t2 = table([byLabel], input, [['pay/web -> shop/db 80', true], ['shop/web -> shop/db 80', false]]);
    expect(t2.got).to.deep.equal(t2.want);
  });

  it('policy selectors see projectcalico.org/namespace, projectcalico.org/orchestrator and pcns.<namespace label> [labels]', () => {
    const deny = (selector: string) => gnp('default.deny', { selector, types: ['Egress'], egress: [{ action: 'Deny' }] });
    const rows: [string, boolean][] = [['shop/web -> pay/api 80', false], ['pay/web -> shop/db 80', false]];
    expect(Object.values(table([deny('projectcalico.org/namespace == "shop"')], input, rows).got)).to.deep.equal([false, true]);
    expect(Object.values(table([deny('pcns.team == "b"')], input, rows).got)).to.deep.equal([true, false]);
    expect(Object.values(table([deny('projectcalico.org/orchestrator == "k8s"')], input, rows).got)).to.deep.equal([false, false]);
  });

  it('GlobalNetworkPolicy namespaceSelector narrows the selected endpoints [gnp]', () => {
    const g = gnp('default.deny-team-a', { namespaceSelector: 'team == "a"', selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Deny' }] });
    const { got, want } = table([g], input, [['shop/web -> pay/api 80', false], ['pay/web -> pay/api 80', true]]);
    expect(got).to.deep.equal(want);
  });

  it('notSelector excludes matching endpoints [rule]', () => {
    const g = gnp('default.not-web', { selector: 'app == "db"', types: ['Ingress'], ingress: [{ action: 'Allow', source: { notSelector: 'app == "web"' } }] });
    const { got, want } = table([g], input, [['pay/api -> shop/db 80', true], ['shop/web -> shop/db 80', false]]);
    expect(got).to.deep.equal(want);
  });
});

describe('reach: Calico nets, ports, protocols and network sets', () => {
  const input = pods({ app: {} }, { 'app/a': { labels: { app: 'a' }, ip: '10.244.1.5', ports: [{ port: 8080, name: 'http' }, { port: 9100, name: 'metrics' }] }, 'app/b': { labels: { app: 'b' }, ip: '10.244.2.5' } });
  const egress = (rules: unknown[]) => gnp('default.egress', { selector: 'app == "b"', types: ['Egress'], egress: rules });

  it('nets and notNets match addresses, pods by their IP too [rule]', () => {
    const g = egress([{ action: 'Allow', destination: { nets: ['10.0.0.0/8'], notNets: ['10.244.1.0/24'] } }]);
    const { got, want } = table([g], input, [['app/b -> ip:10.1.2.3 80', true], ['app/b -> app/a 8080', false], ['app/b -> ip:192.0.2.1 80', false]]);
    expect(got).to.deep.equal(want);
  });

  it('ports: numbers, "first:last" ranges, named ports on the destination; notPorts [rule]', () => {
    const g = egress([
      { action: 'Deny', protocol: 'TCP', destination: { ports: [9100] } },
      { action: 'Allow', protocol: 'TCP', destination: { ports: ['8000:8100', 'metrics'] } },
      { action: 'Allow', protocol: 'UDP', destination: { notPorts: [53] } },
    ]);
    const { got, want } = table([g], input, [
      ['app/b -> app/a 8080', true], // in 8000:8100
      ['app/b -> app/a 9100', false], // Deny first, though "metrics" names it
      ['app/b -> ip:192.0.2.1 8100', true],
      ['app/b -> ip:192.0.2.1 8101', false],
      ['app/b -> ip:192.0.2.1 5000/UDP', true],
      ['app/b -> ip:192.0.2.1 53/UDP', false],
    ]);
    expect(got).to.deep.equal(want);
  });

  it('a named port matches only where the destination declares it [rule]', () => {
    const g = egress([{ action: 'Allow', protocol: 'TCP', destination: { ports: ['http'] } }]);
    const { got, want } = table([g], input, [['app/b -> app/a 8080', true], ['app/b -> ip:192.0.2.1 8080', false]]);
    expect(got).to.deep.equal(want);
  });

  it('protocol and notProtocol [rule]', () => {
    const g = egress([{ action: 'Allow', notProtocol: 'UDP' }]);
    const { got, want } = table([g], input, [['app/b -> ip:192.0.2.1 53/TCP', true], ['app/b -> ip:192.0.2.1 53/UDP', false]]);
    expect(got).to.deep.equal(want);
  });

  it('a GlobalNetworkSet is matched by a GlobalNetworkPolicy rule selector [gns]', () => {
    const set = { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkSet', metadata: { name: 'partners', labels: { role: 'partners' } }, spec: { nets: ['203.0.113.0/24'] } };
    const g = egress([{ action: 'Allow', destination: { selector: 'role == "partners"' } }]);
    const { got, want } = table([set, g], input, [['app/b -> ip:203.0.113.7 443', true], ['app/b -> ip:198.51.100.7 443', false]]);
    expect(got).to.deep.equal(want);
  });

  it('a NetworkSet matches rules of a NetworkPolicy in its namespace; a GlobalNetworkSet needs namespaceSelector: global() there [ns] [gns]', () => {
    const nset = { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkSet', metadata: { name: 'db', namespace: 'app', labels: { role: 'db-vms' } }, spec: { nets: ['192.0.2.0/28'] } };
    const gset = { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkSet', metadata: { name: 'ext', labels: { role: 'ext' } }, spec: { nets: ['198.51.100.0/24'] } };
    const np = cnp('app', 'default.egress', {
      selector: 'app == "b"',
      types: ['Egress'],
      egress: [
        { action: 'Allow', destination: { selector: 'role == "db-vms"' } },
        { action: 'Allow', destination: { selector: 'role == "ext"' } }, // same namespace only: does not see the global set
      ],
    });
    const t1 = table([nset, gset, np], input, [['app/b -> ip:192.0.2.3 5432', true], ['app/b -> ip:198.51.100.7 443', false]]);
    expect(t1.got).to.deep.equal(t1.want);
    const npGlobal = cnp('app', 'default.egress', { selector: 'app == "b"', types: ['Egress'], egress: [{ action: 'Allow', destination: { namespaceSelector: 'global()', selector: 'role == "ext"' } }] });
    const t2 = table([gset, npGlobal], input, [['app/b -> ip:198.51.100.7 443', true]]);
    expect(t2.got).to.deep.equal(t2.want);
  });

  it('endpoints no tier selects fall to the allow-all namespace profile [tier]', () => {
    const g = gnp('default.only-b', { selector: 'app == "b"', types: ['Ingress'], ingress: [] });
    const { got, want } = table([g], input, [['app/b -> app/a 8080', true], ['app/a -> app/b 80', false]]);
    expect(got).to.deep.equal(want);
  });
});
