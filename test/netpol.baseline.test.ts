// The policy baseline generator (netpol/baseline.ts) and the `aks-networking:policy` schema, pure.
// Expected objects are written from the documentation cited at each test, not from the code.
import { expect } from 'chai';
import { generatePolicyObjects, defaultTypes, type PolicyContext, type PolicyObject } from '../netpol/baseline';
import { policyEngineOf } from '../netpol/engine';
import { validatePolicyConfig, type PolicyConfig } from '../netpol/policyConfig';
import { validateObjects } from '../netpol/validate';

function configOf(raw: unknown): PolicyConfig {
  const result = validatePolicyConfig(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

function generate(raw: unknown, context: PolicyContext) {
  const out = generatePolicyObjects(configOf(raw), context);
  // every generated object passes the checks the program runs before it deploys
  expect(validateObjects(out.objects), 'generated objects validate').to.deep.equal([]);
  return out;
}

const find = (objects: PolicyObject[], namespace: string | undefined, name: string) => objects.find((o) => o.metadata.namespace === namespace && o.metadata.name === name);
const calico: PolicyContext = { engine: 'calico', calicoVersion: '3.30.2' };

describe('netpol baseline: Kubernetes NetworkPolicy per namespace', () => {
  it('denies all ingress and egress, then allows DNS to CoreDNS in kube-system over UDP and TCP 53', () => {
    const { objects, findings, namespaces } = generate({ namespaces: { shop: {} } }, { engine: 'cilium' });
    expect(findings).to.deep.equal([]);
    expect(namespaces).to.deep.equal(['shop']);
    // "Default deny all ingress and all egress traffic": podSelector {} with both policyTypes and no
    // rules (https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic)
    expect(find(objects, 'shop', 'aksnet-default-deny')!.spec).to.deep.equal({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    // CoreDNS pods carry k8s-app=kube-dns in kube-system (https://learn.microsoft.com/azure/aks/coredns-custom);
    // kubernetes.io/metadata.name names a namespace (https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name);
    // namespaceSelector and podSelector in one peer are AND'ed (network-policies#behavior-of-to-and-from-selectors)
    expect(find(objects, 'shop', 'aksnet-allow-dns')!.spec).to.deep.equal({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    });
    expect(objects.every((o) => o.apiVersion === 'networking.k8s.io/v1' && o.kind === 'NetworkPolicy')).to.equal(true);
  });

  it('leaves DNS out when dns: false', () => {
    const { objects } = generate({ namespaces: { shop: { dns: false } } }, { engine: 'azure' });
    expect(objects.map((o) => o.metadata.name)).to.deep.equal(['aksnet-default-deny']);
  });

  it('writes both halves of a cross-namespace rule: egress at the source, ingress at a baselined destination', () => {
    const raw = {
      namespaces: {
        storefront: { allow: [{ name: 'web-to-orders', from: { podLabels: { app: 'web' } }, to: { namespace: 'orders', podLabels: { app: 'api' } }, ports: [{ port: 8080 }] }] },
        orders: {},
      },
    };
    const { objects } = generate(raw, { engine: 'calico' });
    expect(find(objects, 'storefront', 'aksnet-web-to-orders-egress')!.spec).to.deep.equal({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'orders' } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(find(objects, 'orders', 'aksnet-storefront-web-to-orders-ingress')!.spec).to.deep.equal({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storefront' } }, podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    // without a baseline in orders nothing denies its ingress, so no ingress half is written there
    const alone = generate({ namespaces: { storefront: raw.namespaces.storefront } }, { engine: 'calico' });
    expect(alone.objects.filter((o) => o.metadata.namespace === 'orders')).to.deep.equal([]);
  });

  it('allows within a namespace with both halves, and CIDRs with except, ports with endPort', () => {
    const { objects } = generate(
      {
        namespaces: {
          app: {
            allow: [
              { name: 'web-to-api', from: { podLabels: { app: 'web' } }, to: { podLabels: { app: 'api' } }, ports: [{ port: 'http' }] },
              { name: 'to-vnet', to: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, ports: [{ port: 30000, endPort: 32767, protocol: 'UDP' }] },
            ],
          },
        },
      },
      { engine: 'cilium' },
    );
    expect(find(objects, 'app', 'aksnet-web-to-api-ingress')!.spec.ingress).to.deep.equal([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }]);
    expect(find(objects, 'app', 'aksnet-web-to-api-egress')!.spec.egress).to.deep.equal([{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }]);
    // ipBlock with except (network-policies#networkpolicy-resource); endPort (network-policies#targeting-a-range-of-ports)
    expect(find(objects, 'app', 'aksnet-to-vnet-egress')!.spec).to.deep.equal({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'UDP', port: 30000, endPort: 32767 }] }],
    });
    expect(find(objects, 'app', 'aksnet-to-vnet-ingress')).to.equal(undefined);
  });

  it('lets the ingress controller reach routed backends, and the controller out when its namespace has a baseline', () => {
    const backends = [
      { controllerNamespace: 'ingress-nginx', controllerPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, namespace: 'shop', port: 8080, podSelector: { app: 'web' } },
      { controllerNamespace: 'ingress-nginx', controllerPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, namespace: 'shop', port: 9090, podSelector: { app: 'web' } },
      { controllerNamespace: 'ingress-nginx', controllerPodLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, namespace: 'open', port: 80 },
    ];
    const { objects } = generate({ namespaces: { shop: {} } }, { engine: 'calico', ingressBackends: backends });
    const controller = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } };
    expect(find(objects, 'shop', 'aksnet-from-ingress-ingress-nginx')!.spec).to.deep.equal({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [controller], ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 9090 }] }],
    });
    // without a known targetPort every port of the backend's pods is open to the controller
    const anyPort = generate({ namespaces: { shop: {} } }, { engine: 'calico', ingressBackends: [{ ...backends[2], namespace: 'shop' }, { ...backends[2], namespace: 'shop', port: undefined }] });
    expect(find(anyPort.objects, 'shop', 'aksnet-from-ingress-ingress-nginx')!.spec.ingress).to.deep.equal([{ from: [controller] }]);
    // a controller outside the cluster (AGIC) is allowed by its subnet
    const agic = generate({ namespaces: { shop: {} } }, { engine: 'calico', ingressBackends: [{ ...backends[0], controllerCidr: '10.40.3.0/24' }] });
    expect(find(agic.objects, 'shop', 'aksnet-from-ingress-ingress-nginx')!.spec.ingress).to.deep.equal([{ from: [{ ipBlock: { cidr: '10.40.3.0/24' } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    // "open" has no baseline: nothing to open there
    expect(objects.filter((o) => o.metadata.namespace === 'open')).to.deep.equal([]);

    const both = generate({ namespaces: { shop: {}, 'ingress-nginx-app': {} } }, { engine: 'calico', ingressBackends: [{ ...backends[0], controllerNamespace: 'ingress-nginx-app' }] });
    expect(find(both.objects, 'ingress-nginx-app', 'aksnet-to-backends-shop')!.spec).to.deep.equal({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
  });
});

describe('netpol baseline: engines', () => {
  it('maps each stack to the engine that enforces its policy', () => {
    expect(policyEngineOf({ plugin: 'azure-cni-dynamic', networkPolicy: 'calico' }).engine).to.equal('calico');
    expect(policyEngineOf({ plugin: 'azure-cni-overlay', networkPolicy: 'cilium' }).engine).to.equal('cilium');
    expect(policyEngineOf({ plugin: 'azure-cni', networkPolicy: 'azure' }).engine).to.equal('azure');
    expect(policyEngineOf({ plugin: 'azure-cni-overlay', networkPolicy: 'none' }).engine).to.equal('none');
    // with BYO CNI the CNI is the engine: Calico and Cilium enforce NetworkPolicy, Flannel does not
    // (Flannel leaves network policy to other projects such as Calico: https://github.com/flannel-io/flannel#readme)
    expect(policyEngineOf({ plugin: 'none', byoCni: 'calico', networkPolicy: 'none' })).to.include({ engine: 'calico', calicoVersion: 'v3.30.7' });
    expect(policyEngineOf({ plugin: 'none', byoCni: 'cilium', networkPolicy: 'none' }).engine).to.equal('cilium');
    expect(policyEngineOf({ plugin: 'none', byoCni: 'flannel', networkPolicy: 'none' }).engine).to.equal('none');
  });

  it('refuses Calico objects on a stack whose engine is not Calico (POLICY_ENGINE_MISMATCH) and emits none', () => {
    for (const engine of ['cilium', 'azure', 'none'] as const) {
      const { objects, findings } = generatePolicyObjects(configOf({ global: { policies: [{ name: 'x', selector: 'all()', types: ['Ingress'] }] } }), { engine });
      expect(findings.map((f) => [f.severity, f.code, f.path])).to.deep.equal([['error', 'POLICY_ENGINE_MISMATCH', 'global']]);
      expect(objects).to.deep.equal([]);
    }
  });

  it('warns when a Cilium ipBlock covers node or pod addresses, which Cilium matches by identity (AKS network policy docs)', () => {
    const raw = { namespaces: { app: { allow: [{ name: 'db', to: { cidr: '10.40.0.0/16' }, ports: [{ port: 5432 }] }, { name: 'ext', to: { cidr: '203.0.113.0/24' } }] } } };
    const clusterRanges = ['10.40.0.0/23', '10.244.0.0/16'];
    const cilium = generatePolicyObjects(configOf(raw), { engine: 'cilium', clusterRanges });
    expect(cilium.findings.map((f) => [f.severity, f.code, f.path])).to.deep.equal([['warning', 'POLICY_IPBLOCK_CLUSTER_RANGE', 'namespaces.app.allow[0].to.cidr']]);
    expect(generatePolicyObjects(configOf(raw), { engine: 'calico', clusterRanges }).findings).to.deep.equal([]);
  });

  it('refuses a baseline nothing enforces (POLICY_NOT_ENFORCED) and a baseline on a system namespace', () => {
    expect(generatePolicyObjects(configOf({ namespaces: { shop: {} } }), { engine: 'none' }).findings.map((f) => f.code)).to.deep.equal(['POLICY_NOT_ENFORCED']);
    expect(generatePolicyObjects(configOf({ namespaces: { 'kube-system': {} } }), { engine: 'cilium' }).findings.map((f) => [f.code, f.path])).to.deep.equal([['POLICY_SYSTEM_NAMESPACE', 'namespaces.kube-system']]);
  });
});

describe('netpol baseline: Calico global policies', () => {
  const IMDS = '169.254.169.254/32'; // https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service

  it('puts the IMDS deny in a tier with defaultAction Pass, ahead of the default tier, covering every pod outside the exceptions', () => {
    const { objects, findings } = generate({ global: { tier: { name: 'platform', order: 100 }, imds: { exceptNamespaces: ['kube-system', 'ops'] } } }, calico);
    expect(findings).to.deep.equal([]);
    // Tier: order below the default tier's 1,000,000; Pass hands undecided traffic to the next tier
    // (https://docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy)
    expect(objects[0]).to.deep.include({ apiVersion: 'crd.projectcalico.org/v1', kind: 'Tier', spec: { order: 100, defaultAction: 'Pass' } });
    const imds = find(objects, undefined, 'platform.deny-imds-egress')!;
    // a policy outside the default tier is named <tier>.<name> and sets spec.tier
    expect(imds.spec).to.deep.equal({
      tier: 'platform',
      order: 10,
      selector: 'has(projectcalico.org/namespace) && projectcalico.org/namespace not in {"kube-system", "ops"}',
      types: ['Egress'],
      egress: [{ action: 'Deny', destination: { nets: [IMDS] } }, { action: 'Pass' }],
    });
  });

  it('without a tier, denies IMDS only to baselined namespaces (a default-tier policy that decides nothing ends in the tier\'s deny) and warns', () => {
    const { objects, findings } = generate({ namespaces: { shop: {}, ops: {} }, global: { imds: { exceptNamespaces: ['ops'] } } }, calico);
    const imds = find(objects, undefined, 'default.deny-imds-egress')!;
    expect(imds.spec).to.deep.equal({ order: 10, selector: 'projectcalico.org/namespace in {"shop"}', types: ['Egress'], egress: [{ action: 'Deny', destination: { nets: [IMDS] } }] });
    expect(findings.map((f) => [f.severity, f.code])).to.deep.equal([['warning', 'POLICY_IMDS_PARTIAL']]);
    expect(generate({ global: { imds: { deny: false } } }, calico).objects).to.deep.equal([]);
  });

  it('refuses a tier where the Calico version has none (< 3.29) or is unknown', () => {
    const tier = { tier: { name: 'platform', order: 100 } };
    const old = generatePolicyObjects(configOf({ global: tier }), { engine: 'calico', calicoVersion: '3.28.2' });
    expect(old.findings.map((f) => [f.severity, f.code, f.path])).to.deep.equal([['error', 'CALICO_TIER_UNSUPPORTED', 'global.tier']]);
    expect(old.objects).to.deep.equal([]);
    expect(generatePolicyObjects(configOf({ global: tier }), { engine: 'calico' }).findings.map((f) => f.code)).to.deep.equal(['CALICO_TIER_UNSUPPORTED']);
    expect(generatePolicyObjects(configOf({ global: { ...tier, calicoVersion: '3.29' } }), { engine: 'calico' }).findings).to.deep.equal([]);
  });

  it('always writes types on declared policies (AKS runs no Calico API server to default them)', () => {
    const { objects } = generate(
      { global: { imds: { deny: false }, policies: [{ name: 'no-smtp', order: 20, selector: 'all()', egress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [25] } }] }] } },
      calico,
    );
    expect(objects).to.have.length(1);
    expect(objects[0].metadata.name).to.equal('default.no-smtp');
    expect(objects[0].spec.types).to.deep.equal(['Egress']);
    // documented default: Ingress, plus Egress with egress rules; Egress alone for egress-only
    // policies (https://docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy#spec)
    expect(defaultTypes(undefined, undefined)).to.deep.equal(['Ingress']);
    expect(defaultTypes([{}], undefined)).to.deep.equal(['Ingress']);
    expect(defaultTypes([{}], [{}])).to.deep.equal(['Ingress', 'Egress']);
  });
});

describe('aks-networking:policy config', () => {
  it('refuses unknown keys, with their path (INVALID_CONFIG)', () => {
    const result = validatePolicyConfig({ namespaces: { shop: { alow: [] } } });
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.issues[0]).to.deep.include({ code: 'INVALID_CONFIG', path: 'namespaces.shop' });
  });

  it('refuses a rule whose sides are both elsewhere, an except outside its cidr, a bad CIDR and endPort on a named port', () => {
    const result = validatePolicyConfig({
      namespaces: {
        shop: {
          allow: [
            { name: 'a', from: { namespace: 'x' }, to: { cidr: '10.0.0.0/8' } },
            { name: 'b', to: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } },
            { name: 'c', to: { cidr: '10.0.0.0/33' } },
            { name: 'd', ports: [{ port: 'http', endPort: 90 }] },
          ],
        },
      },
    });
    expect(result.ok).to.equal(false);
    const issues = result.ok ? [] : result.issues.map((i) => [i.code, i.path]);
    expect(issues).to.deep.equal([
      ['INVALID_CONFIG', 'namespaces.shop.allow[0]'],
      ['INVALID_CONFIG', 'namespaces.shop.allow[1].to.except[0]'],
      ['INVALID_CIDR', 'namespaces.shop.allow[2].to.cidr'],
      ['INVALID_CONFIG', 'namespaces.shop.allow[3].ports[0].endPort'],
    ]);
  });

  it('refuses label keys and names Kubernetes refuses', () => {
    const result = validatePolicyConfig({ namespaces: { Shop: {}, ok: { allow: [{ name: 'x', to: { podLabels: { 'bad key!': 'v' } } }] } } });
    expect(result.ok).to.equal(false);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).to.include.members(['namespaces.Shop', 'namespaces.ok.allow[0].to.podLabels.bad key!']);
  });
});
