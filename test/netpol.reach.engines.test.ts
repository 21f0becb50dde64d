// What `aksnet reach` answers beyond the general rules, each from its public source:
//  [k8s]     https://kubernetes.io/docs/concepts/services-networking/network-policies/ ("a pod cannot
//            block access to itself"; traffic from the node a pod runs on is always allowed)
//  [cilium]  https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium (limitations: ipBlock
//            cannot select node or pod IPs); https://docs.cilium.io/en/stable/configuration/sctp/
//  [npm]     https://github.com/Azure/AKS/issues/2857 (NPM enforced endPort as its first port)
//  [tiers]   https://docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy
//  [sorter]  projectcalico/calico felix/calc/policy_sorter.go: equal orders sort by name
//  [selector] libcalico-go/lib/selector/parser: && binds tighter than ||; has(k) is true for an empty value
//  [rules.go] a rule's namespaceSelector all() becomes has(projectcalico.org/namespace): namespaced
//            endpoints only, never a GlobalNetworkSet
import { expect } from 'chai';
import { engineFindings } from '../netpol/engineSupport';
import { buildReach, diffReach, answerProbes } from '../netpol/reach';
import { ALWAYS, decideMatrix } from '../netpol/reachMatrix';
import { parsePods, parseProbes, ReachInputError } from '../netpol/reachInput';
import { PolicyModelError } from '../netpol/reachPolicies';
import { validateObjects } from '../netpol/validate';
import { explain, gnp, k8s, pods, probe, table, tier } from './netpolHelpers';

const denyAll = (ns: string) => k8s(ns, 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('reach: a pod to itself and a node to its own pods are always allowed [k8s]', () => {
  const input = parsePods({
    namespaces: { shop: {} },
    nodes: { 'node-1': { ip: '10.224.0.4' }, 'node-2': { ip: '10.224.0.5' } },
    pods: [
      { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.244.1.10', node: 'node-1', ports: [{ port: 8080, protocol: 'TCP' }] },
      { namespace: 'shop', name: 'api-2', labels: { app: 'api' }, ip: '10.244.2.10', node: 'node-2', ports: [{ port: 8080, protocol: 'TCP' }] },
    ],
  });
  const run = (probes: string[], policies: unknown[] = [denyAll('shop')]) => {
    const ps = parseProbes(probes.map(probe));
    return answerProbes(buildReach(policies, input, []), ps);
  };

  it('shop/api -> shop/api 8080 under a default deny: allowed, and the reason says why', () => {
    const [r] = run(['shop/api -> shop/api 8080']);
    expect(r.allowed).to.equal(true);
    expect(r.reasons[0]).to.match(/a pod can always reach itself/);
    // its twin on another node (same labels, same class) stays denied: self is per pod, not per class
    expect(run(['shop/api -> shop/api-2 8080'])[0].allowed).to.equal(false);
  });

  it('the node a pod runs on reaches it (kubelet probes); another node does not', () => {
    const [own, other] = run(['node:node-1 -> shop/api 8080', 'node:node-2 -> shop/api 8080']);
    expect(own.allowed).to.equal(true);
    expect(own.reasons[1]).to.match(/from the node a pod runs on \(node-1/);
    expect(other.allowed).to.equal(false);
    // "to and from": the pod reaches its own node too, whatever its egress policy says
    const [toOwn, toOther] = run(['shop/api -> node:node-1 10250', 'shop/api -> node:node-2 10250']);
    expect(toOwn.allowed).to.equal(true);
    expect(toOwn.reasons[0]).to.match(/to the node a pod runs on \(node-1\)/);
    expect(toOther.allowed).to.equal(false);
  });

  it('the matrix marks both ALWAYS (○), pods and nodes as rows', () => {
    const model = buildReach([denyAll('shop')], input, []);
    const m = decideMatrix(model);
    expect(m.rows.map((i) => model.endpoints[i].id)).to.deep.equal(['shop/api', 'shop/api-2', 'node:node-1', 'node:node-2']);
    // columns: api 8080, api-2 8080; rows as above
    expect(m.rows.flatMap((_, r) => [...m.row(r)])).to.deep.equal([ALWAYS, 0, 0, ALWAYS, ALWAYS, 0, 0, ALWAYS]);
  });

  it('the pods file: node names a node; label keys and values follow Kubernetes syntax', () => {
    expect(() => parsePods({ pods: [{ namespace: 'a', name: 'p', labels: { 'app@b': 'x' } }] })).to.throw(ReachInputError, /label key "app@b"/);
    expect(() => parsePods({ pods: [{ namespace: 'a', name: 'p', labels: { app: '$backendservice' } }] })).to.throw(ReachInputError, /label value "\$backendservice"/);
    expect(() => parsePods({ pods: [{ namespace: 'a', name: 'p', labels: { app: 'x'.repeat(64) } }] })).to.throw(ReachInputError, /at most 63/);
    // an empty value and a prefixed key are labels
    expect(parsePods({ pods: [{ namespace: 'a', name: 'p', labels: { 'example.com/tier': '' } }] }).pods[0].labels).to.deep.equal({ 'example.com/tier': '' });
    expect(() => parsePods({ namespaces: { a: { 'bad key': 'x' } }, pods: [] })).to.throw(ReachInputError);
  });
});

describe('reach: each engine its own semantics', () => {
  const input = parsePods({
    namespaces: { storefront: {}, tools: {} },
    nodes: { n1: { ip: '10.224.0.4' } },
    pods: [
      { namespace: 'storefront', name: 'web', labels: { app: 'web' }, ip: '10.244.1.5', ports: [{ port: 80, protocol: 'TCP' }] },
      { namespace: 'tools', name: 'dbg', labels: { app: 'dbg' }, ip: '10.244.2.7', ports: [{ port: 80, protocol: 'TCP' }] },
    ],
  });
  // an egress ipBlock over the pod range (10.244.0.0/16) and a default deny in storefront
  const policies = [denyAll('storefront'), k8s('storefront', 'to-pods', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] })];
  const answer = (engine: 'calico' | 'cilium' | 'azure-npm', p: string, extra: string[] = []) => {
    const ps = parseProbes([probe(p)]);
    return answerProbes(buildReach(policies, input, extra, { engine }), ps)[0].allowed;
  };

  it('ipBlock over pod addresses: Calico and Azure NPM match the pod by its IP; Cilium never does [cilium]', () => {
    expect(answer('calico', 'storefront/web -> tools/dbg 80')).to.equal(true);
    expect(answer('azure-npm', 'storefront/web -> tools/dbg 80')).to.equal(true);
    expect(answer('cilium', 'storefront/web -> tools/dbg 80')).to.equal(false);
    // an address outside the cluster is still matched by CIDR on Cilium
    const ext = parseProbes([probe('storefront/web -> ip:10.244.9.9 443')]);
    expect(answerProbes(buildReach(policies, input, ['ip:10.244.9.9'], { engine: 'cilium' }), ext)[0].allowed).to.equal(true);
  });

  it('engine findings: ipBlock over cluster addresses on Cilium, SCTP on Cilium, endPort on Azure NPM; Calico objects and admin policies where the engine has none', () => {
    expect(engineFindings(policies, { engine: 'cilium' }, input).map((f) => [f.code, f.doc, f.path])).to.deep.equal([['ENGINE_IPBLOCK_CLUSTER', 1, 'spec.egress[0].to[0].ipBlock']]);
    expect(engineFindings(policies, { engine: 'calico' }, input)).to.deep.equal([]);
    const sctp = k8s('a', 's', { podSelector: {}, ingress: [{ ports: [{ protocol: 'SCTP', port: 9003 }, { protocol: 'TCP', port: 3000, endPort: 3100 }] }] });
    expect(engineFindings([sctp], { engine: 'cilium' }).map((f) => f.code)).to.deep.equal(['ENGINE_SCTP_BETA']);
    expect(engineFindings([sctp], { engine: 'azure-npm' }).map((f) => f.code)).to.deep.equal(['ENGINE_ENDPORT']);
    const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'x' }, spec: { priority: 1, subject: { namespaces: {} } } };
    const banp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: { namespaces: {} } } };
    const calico = gnp('default.x', { selector: 'all()', types: ['Ingress'] });
    for (const engine of ['cilium', 'azure-npm'] as const) {
      expect(engineFindings([anp, banp, calico], { engine }).map((f) => [f.severity, f.code, f.doc])).to.deep.equal([
        ['error', 'ENGINE_UNSUPPORTED_KIND', 0],
        ['error', 'ENGINE_UNSUPPORTED_KIND', 1],
        ['error', 'ENGINE_UNSUPPORTED_KIND', 2],
      ]);
      expect(() => buildReach([calico], input, [], { engine })).to.throw(PolicyModelError, /only Calico enforces it/);
    }
    // Azure NPM on Windows nodes: no named ports, SCTP, negative selectors, except [AKS use-network-policies]
    const winPods = parsePods({ nodes: { win: { os: 'windows' }, lin: {} }, pods: [{ namespace: 'a', name: 'w', node: 'win', labels: { app: 'w' } }, { namespace: 'a', name: 'l', node: 'lin', labels: { app: 'l' } }] });
    const named = (app: string) => k8s('a', `p-${app}`, { podSelector: { matchLabels: { app } }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 'http' }, { protocol: 'SCTP', port: 9 }] }] });
    expect(engineFindings([named('w'), named('l')], { engine: 'azure-npm' }, winPods).map((f) => [f.code, f.doc, f.path])).to.deep.equal([
      ['ENGINE_WINDOWS_UNSUPPORTED', 0, 'spec.ingress[0].from[0].podSelector.matchExpressions[0]'],
      ['ENGINE_WINDOWS_UNSUPPORTED', 0, 'spec.ingress[0].from[1].ipBlock.except'],
      ['ENGINE_WINDOWS_UNSUPPORTED', 0, 'spec.ingress[0].ports[0].port'],
      ['ENGINE_WINDOWS_UNSUPPORTED', 0, 'spec.ingress[0].ports[1].protocol'],
    ]);
    expect(engineFindings([named('w')], { engine: 'calico' }, winPods)).to.deep.equal([]);
    // Calico: AdminNetworkPolicy from 3.29, BaselineAdminNetworkPolicy from 3.30 [tiers]
    expect(engineFindings([anp, banp], { engine: 'calico', calicoVersion: '3.28' }).map((f) => f.doc)).to.deep.equal([0, 1]);
    expect(engineFindings([anp, banp], { engine: 'calico', calicoVersion: '3.29' }).map((f) => f.doc)).to.deep.equal([1]);
    expect(engineFindings([anp, banp], { engine: 'calico', calicoVersion: 'v3.30.7' })).to.deep.equal([]);
  });
});

describe('reach: five evaluator cases no test pinned before', () => {
  const input = pods({ shop: {}, 'kube-system': {} }, { 'shop/web': { labels: { app: 'web' } }, 'shop/db': { labels: { app: 'db' } }, 'kube-system/dns': {} });
  const row: [string, boolean][] = [['shop/web -> shop/db 80', false]];
  const at = (objects: unknown[]) => table(objects, input, row).got['shop/web -> shop/db 80'];

  it('policies with the same order go by name; so do tiers with the same order [sorter]', () => {
    const pol = (name: string, action: 'Allow' | 'Deny') => gnp(`default.${name}`, { order: 100, selector: 'app == "web"', types: ['Egress'], egress: [{ action }] });
    expect(at([pol('a-deny', 'Deny'), pol('b-allow', 'Allow')])).to.equal(false);
    expect(at([pol('b-deny', 'Deny'), pol('a-allow', 'Allow')])).to.equal(true);
    const inTier = (t: string, action: 'Allow' | 'Deny') => gnp(`${t}.p`, { tier: t, order: 1, selector: 'app == "web"', types: ['Egress'], egress: [{ action }] });
    expect(at([tier('alpha', 10), tier('beta', 10), inTier('alpha', 'Deny'), inTier('beta', 'Allow')])).to.equal(false);
    expect(at([tier('alpha', 10), tier('beta', 10), inTier('alpha', 'Allow'), inTier('beta', 'Deny')])).to.equal(true);
  });

  it('a Pass followed by a Deny in the same tier: the Pass wins, the Deny is never reached [tiers]', () => {
    const pass = gnp('first.pass', { tier: 'first', order: 1, selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Pass' }] });
    const deny = gnp('first.deny', { tier: 'first', order: 2, selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Deny' }] });
    expect(at([tier('first', 10), pass, deny])).to.equal(true);
    // in one policy: Pass, then Deny
    const both = gnp('first.both', { tier: 'first', order: 1, selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Pass' }, { action: 'Deny' }] });
    expect(at([tier('first', 10), both])).to.equal(true);
    // the matrix path (no explanation) agrees
    const model = buildReach([tier('first', 10), pass, deny], input, []);
    expect(model.allowed(model.index.get('shop/web')!, model.index.get('shop/db')!, 80, 'TCP')).to.equal(true);
    // and the order matters: Deny first denies
    expect(at([tier('first', 10), gnp('first.both', { tier: 'first', order: 1, selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Deny' }, { action: 'Pass' }] })])).to.equal(false);
  });

  it('has(key) matches a label whose value is empty; key == "" too [selector]', () => {
    const labelled = pods({ a: {} }, { 'a/src': { labels: { role: 'src' } }, 'a/empty': { labels: { tier: '' } }, 'a/none': {} });
    const allowTo = (sel: string) => [gnp('default.p', { selector: 'role == "src"', types: ['Egress'], egress: [{ action: 'Allow', destination: { selector: sel } }] })];
    for (const sel of ['has(tier)', 'tier == ""']) {
      const { got, want } = table(allowTo(sel), labelled, [['a/src -> a/empty 80', true], ['a/src -> a/none 80', false]]);
      expect(got, sel).to.deep.equal(want);
    }
  });

  it('a && b || c is (a && b) || c [selector]', () => {
    const labelled = pods({ a: {} }, { 'a/src': { labels: { role: 'src' } }, 'a/ab': { labels: { x: '1', y: '1' } }, 'a/a': { labels: { x: '1' } }, 'a/b': { labels: { y: '1' } }, 'a/c': { labels: { z: '1' } } });
    const p = [gnp('default.p', { selector: 'role == "src"', types: ['Egress'], egress: [{ action: 'Allow', destination: { selector: 'has(x) && has(y) || has(z)' } }] })];
    const { got, want } = table(p, labelled, [['a/src -> a/ab 80', true], ['a/src -> a/a 80', false], ['a/src -> a/b 80', false], ['a/src -> a/c 80', true]]);
    expect(got).to.deep.equal(want);
  });

  it('a rule namespaceSelector all() selects namespaced endpoints (pods, NetworkSets), never a GlobalNetworkSet address [rules.go]', () => {
    const gset = { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkSet', metadata: { name: 'ext', labels: { role: 'ext' } }, spec: { nets: ['198.51.100.0/24'] } };
    const nset = { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkSet', metadata: { name: 'vm', namespace: 'shop', labels: { role: 'ext' } }, spec: { nets: ['192.0.2.0/28'] } };
    const p = gnp('default.p', { selector: 'app == "web"', types: ['Egress'], egress: [{ action: 'Allow', destination: { namespaceSelector: 'all()' } }] });
    const { got, want } = table([gset, nset, p], input, [['shop/web -> ip:198.51.100.7 443', false], ['shop/web -> ip:192.0.2.3 443', true], ['shop/web -> kube-system/dns 80', true]]);
    expect(got).to.deep.equal(want);
  });
});

describe('reach and validate: what the API server does with a NetworkPolicy', () => {
  it('podSelector: null is the empty selector (every pod of the namespace), not a schema error', () => {
    const np = k8s('shop', 'deny', { podSelector: null, policyTypes: ['Ingress'] });
    expect(validateObjects([np]).filter((f) => f.severity === 'error')).to.deep.equal([]);
    const input = pods({ shop: {}, other: {} }, { 'shop/a': {}, 'shop/b': { labels: { app: 'b' } }, 'other/c': {} });
    const { got, want } = table([np], input, [['other/c -> shop/a 80', false], ['other/c -> shop/b 80', false]]);
    expect(got).to.deep.equal(want);
  });

  it('label keys and values in selectors and metadata.labels follow Kubernetes syntax (K8S_LABEL_INVALID)', () => {
    const np = { ...k8s('shop', 'x', { podSelector: { matchLabels: { 'app@b': 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['$backendservice'] }] }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a b' } } }] }] }), metadata: { name: 'x', namespace: 'shop', labels: { ok: 'yes', 'bad/': 'x' } } };
    // a Calico network set's labels (what rule selectors match): the same syntax, under Calico's code
    const set = { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkSet', metadata: { name: 'ext', labels: { role: '$x' } }, spec: { nets: ['198.51.100.0/24'] } };
    expect(validateObjects([set]).map((f) => [f.code, f.path])).to.deep.equal([['CALICO_VALUE_INVALID', 'metadata.labels.role']]);
    const found = validateObjects([np]).filter((f) => f.code === 'K8S_LABEL_INVALID').map((f) => f.path);
    expect(found).to.have.members(['metadata.labels.bad/', 'spec.podSelector.matchLabels.app@b', 'spec.podSelector.matchExpressions[0].values[0]', 'spec.ingress[0].from[0].namespaceSelector.matchLabels.team']);
  });

  it('AdminNetworkPolicy against its CRD schema (ADMIN_SCHEMA): action enum, priority range, the BANP named default, networks are CIDRs', () => {
    const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'x' }, spec: { priority: 1001, subject: { namespaces: {} }, egress: [{ name: 'r', action: 'Reject', to: [{ networks: ['10.0.0.0'] }] }] } };
    const banp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'mine' }, spec: { subject: { namespaces: {} }, ingress: [{ action: 'Pass', from: [{ namespaces: {} }] }] } };
    const f = validateObjects([anp, banp]).map((x) => [x.doc, x.code, x.path]);
    expect(f).to.deep.include.members([
      [0, 'ADMIN_SCHEMA', 'spec.priority'],
      [0, 'ADMIN_SCHEMA', 'spec.egress[0].action'],
      [0, 'ADMIN_SCHEMA', 'spec.egress[0].to[0].networks[0]'],
      [1, 'ADMIN_SCHEMA', 'metadata.name'],
      [1, 'ADMIN_SCHEMA', 'spec.ingress[0].action'],
    ]);
    // a port without protocol gets the schema default (TCP), as the API server applies it
    const ok = { ...anp, spec: { priority: 5, subject: { namespaces: {} }, ingress: [{ name: 'r', action: 'Allow', from: [{ namespaces: {} }], ports: [{ portNumber: { port: 80 } }] }] } };
    expect(validateObjects([ok])).to.deep.equal([]);
  });
});

describe('reach: AdminNetworkPolicy in Calico\'s order, with tiers, NetworkPolicies and the baseline [tiers]', () => {
  const input = pods({ a: { team: 'x' }, b: {} }, { 'a/p': { labels: { app: 'p' } }, 'b/q': { labels: { app: 'q' } } });
  const anp = (priority: number, name: string, action: string) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, subject: { namespaces: { matchLabels: { team: 'x' } } }, ingress: [{ name: 'r', action, from: [{ namespaces: {} }] }] } });
  const banp = (action: string) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: { namespaces: {} }, ingress: [{ name: 'r', action, from: [{ namespaces: {} }] }] } });
  const row: [string, boolean][] = [['b/q -> a/p 80', false]];
  const at = (objects: unknown[]) => table(objects, input, row).got['b/q -> a/p 80'];

  it('an ANP Deny beats a NetworkPolicy Allow; a Calico tier ordered before 1,000 decides before the ANP tier', () => {
    const allowNp = k8s('a', 'allow', { podSelector: {}, ingress: [{}] });
    expect(at([anp(10, 'd', 'Deny'), allowNp])).to.equal(false);
    // a Calico tier ordered before 1,000 decides first
    const early = gnp('early.allow', { tier: 'early', order: 1, selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow' }] });
    expect(at([tier('early', 100), early, anp(10, 'd', 'Deny')])).to.equal(true);
  });

  it('priority: lower first; equal priorities by name; Pass hands over to NetworkPolicies, then to the baseline', () => {
    expect(at([anp(10, 'x', 'Deny'), anp(5, 'y', 'Allow')])).to.equal(true);
    expect(at([anp(5, 'a', 'Deny'), anp(5, 'b', 'Allow')])).to.equal(false);
    expect(at([anp(5, 'b', 'Deny'), anp(5, 'a', 'Allow')])).to.equal(true);
    // Pass: the NetworkPolicy decides (default deny in a)
    expect(at([anp(5, 'p', 'Pass'), k8s('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }), banp('Allow')])).to.equal(false);
    // Pass, no NetworkPolicy selects a/p: the baseline decides
    expect(at([anp(5, 'p', 'Pass'), banp('Deny')])).to.equal(false);
    expect(at([anp(5, 'p', 'Pass'), banp('Allow')])).to.equal(true);
    // the baseline comes after NetworkPolicies: an allow there wins over the BANP deny
    expect(at([banp('Deny'), k8s('a', 'allow', { podSelector: {}, ingress: [{}] })])).to.equal(true);
    const r = explain([anp(5, 'p', 'Pass'), banp('Deny')], input, ['b/q -> a/p 80'])[0];
    expect(r.reasons[1]).to.match(/denied by BaselineAdminNetworkPolicy default ingress\[0\] "r" \(Deny\) \(after: passed by AdminNetworkPolicy p/);
  });
});

describe('reach --base-policies: the effect of an AdminNetworkPolicy', () => {
  it('adding an ANP Deny loses exactly the connections it denies, with the ANP as the reason now', () => {
    const input = pods({ a: {}, b: {} }, { 'a/p': { labels: { app: 'p' } }, 'b/q': { labels: { app: 'q' } } });
    const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'deny-b' }, spec: { priority: 1, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }, ingress: [{ name: 'r', action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] }] } };
    const diff = diffReach(buildReach([], input), buildReach([anp], input));
    // 2 pods x 2 ports (80 each): only b/q -> a/p 80 changes; a/p -> a/p is itself (always allowed)
    expect(diff.gained).to.deep.equal([]);
    expect(diff.lost.map((c) => `${c.from} -> ${c.to} ${c.port}`)).to.deep.equal(['b/q -> a/p 80']);
    expect(diff.lost[0].reasons[1]).to.match(/denied by AdminNetworkPolicy deny-b ingress\[0\] "r" \(Deny\)/);
  });
});
