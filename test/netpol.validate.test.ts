// validateObjects: the Kubernetes OpenAPI schema (kubernetes-models), the Calico v1 CRD schemas closed
// against unknown fields, and the rules of Calico's validator that nothing on AKS runs
// (libcalico-go/lib/validator/v3; see netpol/schemas/README.md). The Calico examples in
// test/fixtures/calico are valid; each broken variant changes one thing.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { validateObjects, type ObjectFinding } from '../netpol/validate';

const FIXTURES = path.join(__dirname, 'fixtures', 'calico');
const example = (file: string): Record<string, any> => load(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, any>;
const examples = () => fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort().map(example);
const codes = (fs: ObjectFinding[]) => fs.map((f) => `${f.code} ${f.path}`);

// The first example of kubernetes.io/docs/concepts/services-networking/network-policies/
// ("The NetworkPolicy resource"), as printed there.
const docsPolicy = () => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'test-network-policy', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  },
});

describe('validateObjects: valid input', () => {
  it('finds nothing in the six Calico examples (GNP, NP, Tier; v3.28-v3.30)', () => {
    const objs = examples();
    expect(objs).to.have.length(6);
    expect(validateObjects(objs)).to.deep.equal([]);
  });

  it('finds nothing in the Kubernetes documentation NetworkPolicy', () => {
    expect(validateObjects([docsPolicy()])).to.deep.equal([]);
  });

  it('accepts global() as the whole namespaceSelector of a rule (Calico: selects non-namespaced network sets)', () => {
    const np = example('04-np-allow-ingress-from-ingress-nginx.yaml');
    np.spec.ingress[0].source = { namespaceSelector: 'global()', selector: 'role == "external-lb"' };
    expect(validateObjects([np])).to.deep.equal([]);
  });

  it('warns CALICO_GLOBAL_SELECTOR for global() in a GlobalNetworkPolicy rule (the CRD documents it for NetworkPolicy)', () => {
    const gnp = example('03-gnp-deny-azure-imds-egress.yaml');
    gnp.spec.egress[0].destination = { namespaceSelector: 'global()', selector: 'role == "imds"' };
    expect(validateObjects([gnp]).map((f) => [f.severity, f.code, f.path])).to.deep.equal([['warning', 'CALICO_GLOBAL_SELECTOR', 'spec.egress[0].destination.namespaceSelector']]);
  });

  it('accepts Services and Ingresses (any kind kubernetes-models knows)', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } };
    const ing = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } };
    expect(validateObjects([svc, ing])).to.deep.equal([]);
  });
});

describe('validateObjects: Calico schema (CALICO_SCHEMA)', () => {
  it('catches a misspelled field: the schema is closed with additionalProperties: false', () => {
    const gnp = example('01-gnp-default-deny-non-system.yaml');
    gnp.spec.selecter = gnp.spec.selector;
    const [f, ...rest] = validateObjects([gnp]);
    expect(rest).to.deep.equal([]);
    expect(f).to.deep.include({ severity: 'error', code: 'CALICO_SCHEMA', path: 'spec.selecter', doc: 0, kind: 'GlobalNetworkPolicy', name: 'default.default-deny-non-system' });
    expect(f.message).to.include('selecter');
  });

  it('catches a misspelled field deep in a rule', () => {
    const gnp = example('02-gnp-allow-dns-egress-kube-dns.yaml');
    gnp.spec.egress[1].destination.namespaceSelecter = 'x == "y"';
    expect(codes(validateObjects([gnp]))).to.deep.equal(['CALICO_SCHEMA spec.egress[1].destination.namespaceSelecter']);
  });

  it('catches a wrong type and a rule without action (action is required by the CRD)', () => {
    const gnp = example('03-gnp-deny-azure-imds-egress.yaml');
    gnp.spec.order = 'ten';
    delete gnp.spec.egress[0].action;
    const found = validateObjects([gnp]);
    expect(codes(found)).to.include.members(['CALICO_SCHEMA spec.order', 'CALICO_SCHEMA spec.egress[0]']);
  });

  it('catches a Tier defaultAction outside the enum Pass | Deny', () => {
    const tier = example('05-tier-platform.yaml');
    tier.spec.defaultAction = 'Allow';
    expect(codes(validateObjects([tier]))).to.deep.equal(['CALICO_SCHEMA spec.defaultAction']);
  });
});

describe('validateObjects: Calico rules beyond the schema', () => {
  it('CALICO_SELECTOR_INVALID names the field and Calico\'s reason', () => {
    const np = example('04-np-allow-ingress-from-ingress-nginx.yaml');
    np.spec.selector = 'app.kubernetes.io/name = "shop-frontend"';
    const [f] = validateObjects([np]);
    expect(f).to.deep.include({ code: 'CALICO_SELECTOR_INVALID', path: 'spec.selector', severity: 'error' });
    expect(f.message).to.match(/expected ==/);
  });

  it('CALICO_SELECTOR_INVALID for global() outside a rule namespaceSelector, or combined with more', () => {
    const gnp = example('02-gnp-allow-dns-egress-kube-dns.yaml');
    gnp.spec.selector = 'global()';
    gnp.spec.egress[0].destination.selector = 'global()';
    gnp.spec.egress[1].destination.namespaceSelector = 'global() || projectcalico.org/name == "kube-system"';
    expect(codes(validateObjects([gnp]))).to.deep.equal([
      'CALICO_SELECTOR_INVALID spec.selector',
      'CALICO_SELECTOR_INVALID spec.egress[0].destination.selector',
      'CALICO_SELECTOR_INVALID spec.egress[1].destination.namespaceSelector',
    ]);
  });

  it('CALICO_V3_API refuses projectcalico.org/v3 and says to use crd.projectcalico.org/v1', () => {
    const gnp = example('03-gnp-deny-azure-imds-egress.yaml');
    gnp.apiVersion = 'projectcalico.org/v3';
    const [f, ...rest] = validateObjects([gnp]);
    expect(rest).to.deep.equal([]);
    expect(f).to.deep.include({ code: 'CALICO_V3_API', path: 'apiVersion', severity: 'error' });
    expect(f.message).to.include('crd.projectcalico.org/v1');
  });

  it('CALICO_TYPES_MISSING is a warning on a policy without types', () => {
    const np = example('04-np-allow-ingress-from-ingress-nginx.yaml');
    delete np.spec.types;
    expect(validateObjects([np]).map((f) => [f.severity, f.code, f.path])).to.deep.equal([['warning', 'CALICO_TYPES_MISSING', 'spec.types']]);
  });

  it('CALICO_VALUE_INVALID: action, protocol, types, nets, ports without a port protocol', () => {
    const gnp = example('02-gnp-allow-dns-egress-kube-dns.yaml');
    gnp.spec.egress[0].action = 'allow';
    gnp.spec.egress[1].protocol = 'HTTP';
    gnp.spec.types = ['Egress', 'Outbound'];
    const imds = example('03-gnp-deny-azure-imds-egress.yaml');
    imds.spec.egress[0].destination.nets = ['169.254.169.254/33'];
    imds.spec.egress[0].destination.ports = [80];
    expect(codes(validateObjects([gnp, imds]))).to.deep.equal([
      'CALICO_VALUE_INVALID spec.types[1]',
      'CALICO_VALUE_INVALID spec.egress[0].action',
      'CALICO_VALUE_INVALID spec.egress[1].protocol',
      'CALICO_VALUE_INVALID spec.egress[1].destination.ports[0]',
      'CALICO_VALUE_INVALID spec.egress[0].destination.nets[0]',
      'CALICO_VALUE_INVALID spec.egress[0].destination.ports[0]',
    ]);
  });

  it('allows named ports without a protocol and port ranges with one', () => {
    const np = example('04-np-allow-ingress-from-ingress-nginx.yaml');
    np.spec.ingress[0].destination.ports = [8080, '9000:9100', 'http'];
    expect(validateObjects([np])).to.deep.equal([]);
    delete np.spec.ingress[0].protocol;
    np.spec.ingress[0].destination.ports = ['http'];
    expect(validateObjects([np])).to.deep.equal([]);
    np.spec.ingress[0].protocol = 'TCP';
    np.spec.ingress[0].destination.ports = ['9100:9000'];
    expect(codes(validateObjects([np]))).to.deep.equal(['CALICO_VALUE_INVALID spec.ingress[0].destination.ports[0]']);
  });

  it('CALICO_NAME_INVALID: a policy outside the default tier is named <tier>.<name>', () => {
    const gnp = example('06-gnp-platform-deny-azure-imds-egress.yaml');
    gnp.metadata.name = 'deny-azure-imds-egress';
    expect(codes(validateObjects([gnp]))).to.deep.equal(['CALICO_NAME_INVALID metadata.name']);
  });

  it('reports each object at its index (doc) with kind and name', () => {
    const objs = examples();
    objs[4].spec.order = -1 as unknown; // still an integer: valid
    objs[5].spec.selector = 'has(';
    const found = validateObjects(objs);
    expect(found.map((f) => [f.doc, f.kind, f.name, f.code])).to.deep.equal([[5, 'GlobalNetworkPolicy', 'platform.deny-azure-imds-egress', 'CALICO_SELECTOR_INVALID']]);
  });
});

describe('validateObjects: Kubernetes objects', () => {
  it('K8S_SCHEMA: wrong types and values from the OpenAPI schema, with the path', () => {
    const np = docsPolicy();
    (np.spec.ingress[0].from[2] as any).podSelector.matchLabels.role = 7;
    (np.spec.ingress[0].ports[0] as any).protocol = 'ICMP';
    expect(codes(validateObjects([np]))).to.deep.equal(['K8S_SCHEMA spec.ingress[0].from[2].podSelector.matchLabels.role', 'K8S_SCHEMA spec.ingress[0].ports[0].protocol']);
  });

  it('K8S_SCHEMA on other kinds too: a Service port given as a string', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: '80' }] } };
    expect(codes(validateObjects([svc]))).to.deep.equal(['K8S_SCHEMA spec.ports[0].port']);
  });

  it('K8S_VALUE_INVALID: what the API server refuses beyond the schema', () => {
    const np = docsPolicy();
    np.spec.ingress[0].from[0].ipBlock!.except = ['10.0.0.0/24'];
    np.spec.egress[0].ports = [{ protocol: 'TCP', port: 'http', endPort: 90 } as any];
    np.spec.policyTypes = ['Ingress', 'egress'];
    expect(codes(validateObjects([np]))).to.deep.equal([
      'K8S_SCHEMA spec.policyTypes[1]',
      'K8S_VALUE_INVALID spec.ingress[0].from[0].ipBlock.except[0]',
      'K8S_VALUE_INVALID spec.egress[0].ports[0].endPort',
    ]);
  });

  it('K8S_UNKNOWN_FIELD: a misspelled NetworkPolicy field (the OpenAPI schema leaves objects open)', () => {
    const np = docsPolicy() as any;
    np.spec.ingress[0].from[1].namespaceSelecter = np.spec.ingress[0].from[1].namespaceSelector;
    delete np.spec.ingress[0].from[1].namespaceSelector;
    np.spec.egress[0].ports[0].endport = 6000;
    expect(codes(validateObjects([np]))).to.deep.equal([
      'K8S_UNKNOWN_FIELD spec.ingress[0].from[1].namespaceSelecter',
      'K8S_UNKNOWN_FIELD spec.egress[0].ports[0].endport',
      'K8S_VALUE_INVALID spec.ingress[0].from[1]', // what is left is an empty peer
    ]);
  });

  it('one finding per mistake: a misspelled podSelector is the unknown field plus the missing one, not the missing one twice', () => {
    const np = docsPolicy() as any;
    np.spec.podSelecter = np.spec.podSelector;
    delete np.spec.podSelector;
    const found = codes(validateObjects([np]));
    expect(found.filter((c) => c.startsWith('K8S_SCHEMA'))).to.have.length(1);
    expect(found).to.include('K8S_UNKNOWN_FIELD spec.podSelecter');
    np.spec.podSelector = 3;
    expect(codes(validateObjects([np])).filter((c) => c.startsWith('K8S_SCHEMA'))).to.deep.equal(['K8S_SCHEMA spec.podSelector']);
  });

  it('K8S_NAME_INVALID: names are DNS subdomains (Service: DNS-1035 labels)', () => {
    const np = docsPolicy();
    np.metadata.name = 'Test_Policy';
    expect(codes(validateObjects([np]))).to.deep.equal(['K8S_NAME_INVALID metadata.name']);
  });

  it('UNKNOWN_KIND is a warning; a non-object is OBJECT_INVALID', () => {
    const found = validateObjects([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, 'text']);
    expect(found.map((f) => [f.severity, f.code, f.doc])).to.deep.equal([
      ['warning', 'UNKNOWN_KIND', 0],
      ['error', 'OBJECT_INVALID', 1],
    ]);
  });
});

// Gateway API objects against the standard-channel CRD schemas (Gateway API v1.6.1,
// https://gateway-api.sigs.k8s.io/reference/spec/): backendRefs[].port is an integer, parentRefs
// fields are closed, ReferenceGrant is served as v1 and v1beta1 but not v1alpha2.
describe('validateObjects: Gateway API', () => {
  const route = (over: Record<string, unknown> = {}) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { parentRefs: [{ name: 'gw', namespace: 'gw', sectionName: 'https-shop.example.com' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'api', port: 8080 }] }], ...over },
  });
  it('a valid HTTPRoute and ReferenceGrant pass', () => {
    const grant = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'g', namespace: 'shop' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gw' }], to: [{ group: '', kind: 'Secret' }] } };
    expect(validateObjects([route(), grant])).to.deep.equal([]);
  });
  it('a named backend port and an unknown field are GATEWAY_API_SCHEMA at their paths', () => {
    const bad = route({ rules: [{ backendRefs: [{ name: 'api', port: 'http' }] }], parentRef: [] });
    expect(validateObjects([bad]).map((f) => [f.code, f.path])).to.deep.equal([
      ['GATEWAY_API_SCHEMA', 'spec.parentRef'],
      ['GATEWAY_API_SCHEMA', 'spec.rules[0].backendRefs[0].port'],
    ]);
  });
  it('a version the standard channel does not serve is GATEWAY_API_VERSION; an unknown kind a warning', () => {
    expect(validateObjects([{ ...route(), apiVersion: 'gateway.networking.k8s.io/v1alpha2' }]).map((f) => f.code)).to.deep.equal(['GATEWAY_API_VERSION']);
    expect(validateObjects([{ apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 't' } }]).map((f) => [f.code, f.severity])).to.deep.equal([['UNKNOWN_KIND', 'warning']]);
  });
  it('a version named like a JavaScript object key (constructor, __proto__, toString) is not served either: GATEWAY_API_VERSION, not a crash or a pass', () => {
    for (const version of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const f = validateObjects([{ ...route(), apiVersion: `gateway.networking.k8s.io/${version}` }]);
      expect(f.map((x) => [x.code, x.path]), version).to.deep.equal([['GATEWAY_API_VERSION', 'apiVersion']]);
      expect(f[0].message).to.equal(`gateway.networking.k8s.io/${version} does not serve HTTPRoute in the Gateway API v1.6.1 standard channel; write gateway.networking.k8s.io/v1 or gateway.networking.k8s.io/v1beta1`);
    }
  });
  it('a namespace on the cluster-scoped GatewayClass is GATEWAY_API_SCOPE', () => {
    const gc = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg', namespace: 'x' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } };
    expect(validateObjects([gc]).map((f) => f.code)).to.deep.equal(['GATEWAY_API_SCOPE']);
  });
});
