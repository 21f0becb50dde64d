// The ingress, pure parts: the planner reserves the internal front-end IP, `aks-networking:ingress`
// is validated, each controller writes each route as its own Ingress object, and every ingress
// finding fires. Expected objects are written from the controllers' documentation, not from the code.
import { expect } from 'chai';
import { validateIngressConfig, type IngressSettings } from '../design/ingress/config';
import { designIngress } from '../design/ingress/ingressDesign';
import { INGRESS_FINDING_CODES, type IngressFindingCode } from '../design/ingress/findingCodes';
import { ingressObjects } from '../design/ingress/routes';
import { validateIngressObjects } from '../design/ingress/schema';
import { haproxy } from '../design/ingress/haproxy';
import { nginx } from '../design/ingress/nginx';
import { appRouting } from '../design/ingress/appRouting';
import { agic } from '../design/ingress/agic';
import { ingressBackendsFor } from '../design/ingress/policy';
import { generatePolicyObjects } from '../netpol/baseline';
import type { ControllerDriver } from '../design/ingress/driver';
import type { StackFinding } from '../design/stackFindings';
import { planNetwork } from '../planner/plan';
import type { Plan } from '../planner/types';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { expectFinding, expectNoFinding, net, planOk, subnet, sysPool, type Json } from './plannerHelpers';

/** A network with a node subnet, a pinned /26 ingress subnet and a /24 gateway subnet. */
function network(over: Json = {}): Json {
  return net({
    subnets: [
      { name: 'nodes' },
      { name: 'ingress', purpose: 'ingress', cidr: '10.10.8.0/26', reservedIps: 3 },
      { name: 'appgw', purpose: 'appgateway', cidr: '10.10.9.0/24' },
    ],
    ...over,
  });
}

function resolved(raw: Json): ResolvedNetwork {
  const r = validateNetworkConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.network;
}

function settingsOf(raw: unknown, net: Json = network()): IngressSettings {
  const r = validateIngressConfig(raw, resolved(net));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.settings;
}

const route = (over: Json = {}) => ({ host: 'shop.example.com', path: '/api', namespace: 'shop', service: 'api', port: 8080, ...over });

describe('ingress: the planner reserves the internal front-end IP', () => {
  const internal = { controller: 'haproxy', exposure: 'internal' as const, subnet: 'ingress' };

  // Azure keeps 5 addresses of every subnet: network, .1, .2, .3 and the last
  // (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq). 10.10.8.0/26 runs
  // from 10.10.8.0 to 10.10.8.63; .63 is Azure's, so the last usable address is 10.10.8.62.
  it('picks the last usable address of the subnet and counts it in the subnet demand', () => {
    const plan = planOk(network(), { ingress: internal });
    expect(plan.ingress).to.deep.equal({ controller: 'haproxy', exposure: 'internal', subnet: 'ingress', cidr: '10.10.8.0/26', ip: '10.10.8.62', ipSource: 'last-usable' });
    // reservedIps 3 + the front-end IP 1
    expect(subnet(plan, 'ingress').demand).to.equal(3 + 1);
    expect(subnet(planOk(network()), 'ingress').demand).to.equal(3);
    expectNoFinding(plan, 'INGRESS_IP_CONFLICT');
  });

  // an ingress IP in a node subnet: /26 = 64 - 5 = 59 usable; 9 nodes + 1 surge = 10, plus the IP = 11,
  // so 48 more nodes fit instead of 49 (overlay: one address per node)
  it('an IP in a node subnet costs that subnet one node of headroom', () => {
    const nodes = net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/26' }], nodePools: [sysPool({ count: 9 })] });
    expect(subnet(planOk(nodes), 'nodes').headroomNodes).to.equal(49);
    const withIp = planOk(nodes, { ingress: { controller: 'nginx', exposure: 'internal', subnet: 'nodes' } });
    expect(subnet(withIp, 'nodes')).to.include({ demand: 11, headroomNodes: 48 });
    expect(withIp.ingress!.ip).to.equal('10.10.0.62');
    expectNoFinding(withIp, 'INGRESS_IP_CONFLICT');
  });

  it('takes a configured IP as is', () => {
    const plan = planOk(network(), { ingress: { ...internal, ip: '10.10.8.20' } });
    expect(plan.ingress).to.include({ ip: '10.10.8.20', ipSource: 'configured' });
    expectNoFinding(plan, 'INGRESS_IP_CONFLICT');
  });

  it('a subnet the IP no longer fits in is exhausted: /29 has 8 - 5 = 3 usable, 3 reserved + 1 front end = 4', () => {
    const plan = planOk(network({ subnets: [{ name: 'nodes' }, { name: 'ingress', purpose: 'ingress', cidr: '10.10.8.0/29', reservedIps: 3 }] }), { ingress: internal });
    expectFinding(plan, 'SUBNET_EXHAUSTED', 'error', 'subnets[1]');
  });

  // every address Azure keeps is refused: 10.10.8.0, .1, .2, .3 and .63
  for (const ip of ['10.10.8.0', '10.10.8.1', '10.10.8.2', '10.10.8.3', '10.10.8.63']) {
    it(`refuses ${ip}, one of Azure's 5 reserved addresses`, () => {
      const f = expectFinding(planOk(network(), { ingress: { ...internal, ip } }), 'INGRESS_IP_CONFLICT', 'error', 'ip');
      expect(f.config).to.equal('aks-networking:ingress');
    });
  }
  it('accepts the first and last address Azure hands out (.4 and .62)', () => {
    for (const ip of ['10.10.8.4', '10.10.8.62']) expectNoFinding(planOk(network(), { ingress: { ...internal, ip } }), 'INGRESS_IP_CONFLICT');
  });

  it('refuses an IP outside its subnet', () => {
    expectFinding(planOk(network(), { ingress: { ...internal, ip: '10.10.8.64' } }), 'INGRESS_IP_CONFLICT', 'error', 'ip');
  });

  it('refuses a pod subnet (AKS hands its addresses to pods) and an Application Gateway subnet', () => {
    const dynamic = network({
      plugin: 'azure-cni-dynamic',
      subnets: [{ name: 'nodes' }, { name: 'pods', purpose: 'pods', prefixLength: 22 }],
      nodePools: [sysPool({ podSubnet: 'pods', maxPods: 30 })],
    });
    expectFinding(planOk(dynamic, { ingress: { ...internal, subnet: 'pods' } }), 'INGRESS_IP_CONFLICT', 'error', 'subnet');
    expectFinding(planOk(network(), { ingress: { ...internal, subnet: 'appgw' } }), 'INGRESS_IP_CONFLICT', 'error', 'subnet');
  });

  it('reports the AGIC gateway subnet, and takes no address for a public or AGIC ingress', () => {
    const plan = planOk(network(), { ingress: { controller: 'agic', exposure: 'public', subnet: 'appgw' } });
    expect(plan.ingress).to.deep.equal({ controller: 'agic', exposure: 'public', subnet: 'appgw', cidr: '10.10.9.0/24' });
    expect(subnet(plan, 'appgw').demand).to.equal(0);
    expect(planOk(network(), { ingress: { controller: 'nginx', exposure: 'public' } }).ingress).to.deep.equal({ controller: 'nginx', exposure: 'public' });
  });
});

describe('ingress: aks-networking:ingress', () => {
  const issues = (raw: unknown, net: Json = network()) => {
    const r = validateIngressConfig(raw, resolved(net));
    return r.ok ? [] : r.issues;
  };

  it('applies the defaults: public, 2 replicas, namespace ingress-<controller>, Prefix routes', () => {
    const s = settingsOf({ controller: 'haproxy', routes: [route()] });
    expect(s).to.deep.include({ controller: 'haproxy', exposure: 'public', namespace: 'ingress-haproxy', replicas: 2 });
    expect(s.subnet).to.equal(undefined);
  });

  it('an internal ingress takes the one `purpose: ingress` subnet; AGIC the one `appgateway` subnet', () => {
    expect(settingsOf({ controller: 'nginx', exposure: 'internal' }).subnet).to.equal('ingress');
    expect(settingsOf({ controller: 'agic' }).subnet).to.equal('appgw');
  });

  it('refuses unknown keys, bad types and bad names with INVALID_CONFIG and their path', () => {
    expect(issues({ controller: 'haproxy', replica: 2 })).to.deep.include({ code: 'INVALID_CONFIG', path: '', message: 'Unrecognized key: "replica"' });
    expect(issues({ controller: 'traefik' }).map((i) => i.path)).to.deep.equal(['controller']);
    expect(issues({ controller: 'haproxy', replicas: 1 }).map((i) => i.path)).to.deep.equal(['replicas']);
    expect(issues({ controller: 'haproxy', routes: [route({ port: 0 })] }).map((i) => i.path)).to.include('routes[0].port');
    expect(issues({ controller: 'haproxy', routes: [route({ host: 'Shop.Example.com' })] }).map((i) => i.path)).to.deep.equal(['routes[0].host']);
    expect(issues({ controller: 'haproxy', routes: [route({ path: '/api/(.*)' })] }).map((i) => i.path)).to.deep.equal(['routes[0].path']);
  });

  it('refuses what contradicts the network: unknown subnet, no ingress subnet, wrong AGIC subnet, ip on a public ingress', () => {
    expect(issues({ controller: 'haproxy', exposure: 'internal', subnet: 'nope' })).to.have.length(1);
    expect(issues({ controller: 'haproxy', exposure: 'internal' }, net())[0]).to.include({ code: 'INVALID_CONFIG', path: 'subnet' });
    expect(issues({ controller: 'agic', subnet: 'ingress' })[0]).to.include({ path: 'subnet' });
    expect(issues({ controller: 'haproxy', ip: '10.10.8.20' })[0]).to.include({ path: 'ip' });
    expect(issues({ controller: 'haproxy', exposure: 'internal', ip: '10.10.8' })[0]).to.include({ code: 'INVALID_CIDR', path: 'ip' });
    expect(issues({ controller: 'app-routing', namespace: 'x' })[0]).to.include({ path: 'namespace' });
  });
});

describe('ingress: each route is its own Ingress object, written for the controller', () => {
  const objectFor = (driver: ControllerDriver, over: Json = {}) => {
    const { objects, findings } = ingressObjects(settingsOf({ controller: driver.kind, routes: [route(over)] }).routes, driver);
    expect(findings.filter((f) => f.severity === 'error')).to.deep.equal([]);
    expect(objects).to.have.length(1);
    return objects[0].object;
  };
  const backend = { service: { name: 'api', port: { number: 8080 } } };

  it('a plain route: Prefix path, the class, no annotations, on every controller', () => {
    const classes = { haproxy: 'haproxy', nginx: 'nginx', 'app-routing': 'webapprouting.kubernetes.azure.com', agic: 'azure-application-gateway' };
    for (const driver of [haproxy, nginx, appRouting, agic]) {
      const o = objectFor(driver);
      expect(o.apiVersion).to.equal('networking.k8s.io/v1');
      expect(o.metadata).to.not.have.property('annotations');
      expect(o.metadata.namespace).to.equal('shop');
      expect(o.spec).to.deep.equal({
        ingressClassName: classes[driver.kind as keyof typeof classes],
        rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend }] } }],
      });
    }
  });

  it('TLS names the secret for the route host', () => {
    expect(objectFor(haproxy, { tls: 'shop-tls' }).spec.tls).to.deep.equal([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
    expect(objectFor(nginx, { tls: { secretName: 'shop-tls' } }).spec.tls).to.deep.equal([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
  });

  it('a named port stays a name', () => {
    expect(objectFor(agic, { port: 'http' }).spec.rules[0].http.paths[0].backend).to.deep.equal({ service: { name: 'api', port: { name: 'http' } } });
  });

  // https://github.com/kubernetes/ingress-nginx docs/examples/rewrite: path /something(/|$)(.*),
  // use-regex "true", rewrite-target /$2, pathType ImplementationSpecific (rules §16.8).
  it('NGINX (ingress-nginx and app-routing): regex path, use-regex, rewrite-target, ImplementationSpecific', () => {
    for (const driver of [nginx, appRouting]) {
      const o = objectFor(driver, { rewrite: '/' });
      expect(o.metadata.annotations).to.deep.equal({ 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' });
      expect(o.spec.rules[0].http.paths[0]).to.deep.include({ path: '/api(/|$)(.*)', pathType: 'ImplementationSpecific' });
    }
    expect(objectFor(nginx, { rewrite: '/v1' }).metadata.annotations!['nginx.ingress.kubernetes.io/rewrite-target']).to.equal('/v1/$2');
    // the root path has no prefix group: everything after the first slash is group 1
    const root = objectFor(nginx, { path: '/', rewrite: '/app' });
    expect(root.spec.rules[0].http.paths[0].path).to.equal('/(.*)');
    expect(root.metadata.annotations!['nginx.ingress.kubernetes.io/rewrite-target']).to.equal('/app/$1');
  });

  // https://github.com/haproxytech/kubernetes-ingress/blob/master/documentation/annotations.md
  // "Path Rewrite": "<regex> <replacement>"; ^/foo(/|$)(.*) /\2 strips /foo (rules §16.7).
  it('HAProxy: Prefix path kept, haproxy.org/path-rewrite "<regex> <replacement>"', () => {
    const o = objectFor(haproxy, { rewrite: '/' });
    expect(o.metadata.annotations).to.deep.equal({ 'haproxy.org/path-rewrite': '^/api(/|$)(.*) /\\2' });
    expect(o.spec.rules[0].http.paths[0]).to.deep.include({ path: '/api', pathType: 'Prefix' });
    expect(objectFor(haproxy, { rewrite: '/v1' }).metadata.annotations!['haproxy.org/path-rewrite']).to.equal('^/api(/|$)(.*) /v1/\\2');
  });

  // https://learn.microsoft.com/azure/application-gateway/ingress-controller-annotations "Backend Path Prefix"
  it('AGIC: appgw.ingress.kubernetes.io/backend-path-prefix, the path rule ending in /', () => {
    const o = objectFor(agic, { rewrite: '/' });
    expect(o.metadata.annotations).to.deep.equal({ 'appgw.ingress.kubernetes.io/backend-path-prefix': '/' });
    expect(o.spec.rules[0].http.paths[0]).to.deep.include({ path: '/api/', pathType: 'Prefix' });
  });

  it('every generated object passes the Kubernetes schema (kubernetes-models)', () => {
    for (const driver of [haproxy, nginx, appRouting, agic]) {
      const { objects } = ingressObjects(settingsOf({ controller: driver.kind, routes: [route({ rewrite: '/', tls: 'x' }), route({ host: 'b.example.com', port: 'http' })] }).routes, driver);
      expect(validateIngressObjects(objects)).to.deep.equal([]);
    }
  });

  it('names are stable when routes are reordered and differ between routes', () => {
    const a = route();
    const b = route({ host: 'b.example.com' });
    const names = (routes: Json[]) => ingressObjects(settingsOf({ controller: 'haproxy', routes }).routes, haproxy).objects.map((o) => o.object.metadata.name);
    const [na, nb] = names([a, b]);
    expect(na).to.not.equal(nb);
    expect(names([b, a])).to.deep.equal([nb, na]);
  });
});

describe('ingress: every finding fires', () => {
  function designOf(raw: Json, opts: { net?: Json; closed?: string[] } = {}): StackFinding[] {
    const net = opts.net ?? network();
    const settings = settingsOf(raw, net);
    const plan: Plan = planNetwork(resolved(net), { ingress: { controller: settings.controller, exposure: settings.exposure, ...(settings.subnet ? { subnet: settings.subnet } : {}) } });
    return designIngress({ settings, plan, clusterName: 'aks-t', resourceGroupName: 'rg-t', closedNamespaces: new Set(opts.closed ?? []), today: new Date('2026-12-04T00:00:00Z') }).findings;
  }
  const triggers: Record<IngressFindingCode, { severity: 'error' | 'warning'; path: string; findings: () => StackFinding[] }> = {
    // /api and /api/ are the same prefix for every controller
    INGRESS_ROUTE_CONFLICT: { severity: 'error', path: 'routes[1].path', findings: () => designOf({ controller: 'haproxy', routes: [route(), route({ path: '/api/', service: 'other' })] }) },
    // ingress-nginx >= 1.12 refuses regex characters in a Prefix path (rules §16.8)
    INGRESS_REWRITE_UNSUPPORTED: { severity: 'error', path: 'routes[0].rewrite', findings: () => designOf({ controller: 'nginx', routes: [route({ rewrite: '/', pathType: 'Prefix' })] }) },
    INGRESS_TLS_SECRET_MISSING: { severity: 'error', path: 'routes[0].tls', findings: () => designOf({ controller: 'haproxy', routes: [route({ tls: true })] }) },
    INGRESS_NAMESPACE_CLOSED: { severity: 'error', path: 'routes[0].namespace', findings: () => designOf({ controller: 'haproxy', routes: [route()] }, { closed: ['shop'] }) },
    // https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/
    INGRESS_NGINX_RETIRED: { severity: 'warning', path: 'controller', findings: () => designOf({ controller: 'nginx' }) },
    // use-regex makes every path of the host a regex location (rules §16.8)
    INGRESS_REGEX_HOST: { severity: 'warning', path: 'routes[0].rewrite', findings: () => designOf({ controller: 'app-routing', routes: [route({ rewrite: '/' }), route({ path: '/web' })] }) },
    // the add-on's gateway has a public front end
    INGRESS_UNSUPPORTED: { severity: 'error', path: 'exposure', findings: () => designOf({ controller: 'agic', exposure: 'internal' }) },
    // https://learn.microsoft.com/azure/aks/app-routing: critical patches for the managed NGINX through November 2026
    INGRESS_APP_ROUTING_NGINX_RETIRED: { severity: 'warning', path: 'controller', findings: () => designOf({ controller: 'app-routing' }) },
    // @pulumi/azure-native 3.28 sends ManagedCluster API 2025-09-01, without ingressProfile.gatewayAPI
    INGRESS_SDK_UNSUPPORTED: { severity: 'error', path: 'controller', findings: () => designOf({ controller: 'approuting-istio' }) },
    // Gateway API path matches: PathPrefix, Exact, RegularExpression; nothing is "ImplementationSpecific"
    INGRESS_PATH_TYPE_UNSUPPORTED: { severity: 'error', path: 'routes[0].pathType', findings: () => designOf({ controller: 'envoy-gateway', routes: [route({ pathType: 'ImplementationSpecific' })] }) },
    // HTTPRoute backendRefs[].port is an int32 (the Service port number)
    INGRESS_NAMED_PORT: { severity: 'error', path: 'routes[0].port', findings: () => designOf({ controller: 'envoy-gateway', routes: [route({ port: 'http' })] }) },
    // one HTTPS listener per host, one certificate
    INGRESS_TLS_CONFLICT: { severity: 'warning', path: 'routes[1].tls', findings: () => designOf({ controller: 'envoy-gateway', routes: [route({ tls: 'a' }), route({ path: '/web', tls: 'b' })] }) },
    // gateways CRD: listeners maxItems 64; 65 plain hosts need 65 listeners
    INGRESS_GATEWAY_LIMIT: {
      severity: 'error',
      path: 'routes',
      findings: () => designOf({ controller: 'envoy-gateway', routes: Array.from({ length: 65 }, (_, i) => route({ host: `h${i}.example.com` })) }),
    },
    INGRESS_OBJECT_INVALID: {
      severity: 'error',
      path: 'routes[0]',
      findings: () => {
        const { objects } = ingressObjects(settingsOf({ controller: 'haproxy', routes: [route()] }).routes, haproxy);
        (objects[0].object.spec.rules[0].http.paths[0].backend.service.port as any).number = '8080';
        return validateIngressObjects(objects);
      },
    },
  };

  it('the table covers INGRESS_FINDING_CODES exactly', () => {
    expect(Object.keys(triggers).sort()).to.deep.equal([...INGRESS_FINDING_CODES].sort());
  });
  for (const code of INGRESS_FINDING_CODES) {
    it(code, () => {
      const { severity, path, findings } = triggers[code];
      const all = findings();
      expect(all.find((f) => f.code === code && f.severity === severity && f.path === path && f.config === 'aks-networking:ingress'), JSON.stringify(all)).to.not.equal(undefined);
    });
  }

  it('quiet configs stay quiet: distinct routes, TLS with a secret, a rewrite alone on its host, open namespaces', () => {
    const quiet = designOf({ controller: 'app-routing', routes: [route({ rewrite: '/', tls: 'shop-tls' }), route({ host: 'admin.example.com', path: '/' })] }, { closed: ['other'] });
    // the add-on's end of support is said whatever the routes
    expect(quiet.filter((f) => f.code !== 'INGRESS_APP_ROUTING_NGINX_RETIRED')).to.deep.equal([]);
    // HAProxy rewrites are per Ingress object: no host-wide effect
    expect(designOf({ controller: 'haproxy', routes: [route({ rewrite: '/' }), route({ path: '/web' })] })).to.deep.equal([]);
    // AGIC is fine with the plugins AKS supports it on; a BYO CNI is refused
    const byo = network({ plugin: 'none', byoCni: { type: 'calico', poolCidr: '192.168.0.0/16' } });
    expect(designOf({ controller: 'agic' }, { net: byo }).map((f) => [f.code, f.path])).to.deep.equal([['INGRESS_UNSUPPORTED', 'controller']]);
  });
});

describe('ingress: the backends the policy baseline opens to the controller', () => {
  it('one per routed namespace when routes name no pods or port, from the controller pods (the chart selector labels); none for AGIC, whose gateway is not a pod', () => {
    const routes = [route(), route({ host: 'b.example.com', service: 'other' }), route({ namespace: 'web', service: 'web', host: 'w.example.com' })];
    const first = routes[0].service as string;
    expect(ingressBackendsFor(settingsOf({ controller: 'haproxy', routes }))).to.deep.equal([
      { controllerNamespace: 'ingress-haproxy', controllerPodLabels: { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': 'haproxy' }, namespace: 'shop', service: `${first}, other` },
      { controllerNamespace: 'ingress-haproxy', controllerPodLabels: { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': 'haproxy' }, namespace: 'web', service: 'web' },
    ]);
    expect(ingressBackendsFor(settingsOf({ controller: 'app-routing', routes: [route()] }))).to.deep.equal([{ controllerNamespace: 'app-routing-system', controllerPodLabels: {}, namespace: 'shop', service: first }]);
    expect(ingressBackendsFor(settingsOf({ controller: 'agic', routes }))).to.deep.equal([]);
  });

  it('a route naming podLabels and targetPort: the baseline opens exactly those pods on that port; without them a POLICY_INGRESS_WIDE warning says what opens', () => {
    const narrow = route({ podLabels: { app: 'api' }, targetPort: 8080 });
    const backends = ingressBackendsFor(settingsOf({ controller: 'haproxy', routes: [narrow, route({ host: 'b.example.com', service: 'other' })] }));
    expect(backends.map((b) => [b.namespace, b.podSelector ?? null, b.port ?? null])).to.deep.equal([
      ['shop', { app: 'api' }, 8080],
      ['shop', null, null],
    ]);
    const generated = generatePolicyObjects({ namespaces: { shop: {} } }, { engine: 'calico', ingressBackends: backends.slice(0, 1) });
    const fromIngress = generated.objects.find((o) => o.metadata.name === 'aksnet-from-ingress-ingress-haproxy')!;
    expect(fromIngress.spec).to.deep.equal({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-haproxy' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': 'haproxy' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(generated.findings.map((f) => f.code)).to.deep.equal([]);
    const wide = generatePolicyObjects({ namespaces: { shop: {} } }, { engine: 'calico', ingressBackends: backends.slice(1) });
    expect(wide.findings.map((f) => [f.code, f.path])).to.deep.equal([['POLICY_INGRESS_WIDE', 'namespaces.shop']]);
    expect(wide.findings[0].message).to.match(/opens every pod of shop on every port to the controller pods in ingress-haproxy/);
  });

  it('refuses podLabels that are no Kubernetes labels, and an empty podLabels', () => {
    const bad = validateIngressConfig({ controller: 'haproxy', routes: [route({ podLabels: { 'app@b': 'x' } }), route({ host: 'b.example.com', podLabels: {} })] }, resolved(network()));
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).to.deep.equal(['routes[0].podLabels.app@b', 'routes[1].podLabels']);
  });
});

describe('ingress: end-of-support findings name the date, the days and the command that moves the stack', () => {
  const designed = (controller: string, today: string) => {
    const settings = settingsOf({ controller });
    const plan: Plan = planNetwork(resolved(network()), { ingress: { controller, exposure: 'public' } });
    return designIngress({ settings, plan, clusterName: 'aks-t', resourceGroupName: 'rg-t', stack: 'dev', today: new Date(`${today}T00:00:00Z`) }).findings;
  };
  // ingress-nginx: March 2026 -> 2026-03-31; 2026-12-04 is 30 (Apr) + 31 + 30 + 31 + 31 + 30 + 31 + 30 (Nov) + 4 = 248 days later
  it('nginx: ended on 2026-03-31, 248 days before 2026-12-04', () => {
    const f = designed('nginx', '2026-12-04').find((x) => x.code === 'INGRESS_NGINX_RETIRED')!;
    expect(f.message).to.include('ended on 2026-03-31 (248 days ago)');
    expect(f.message).to.include('aksnet migrate --ingress --stack dev --to envoy-gateway');
  });
  // app-routing NGINX: November 2026 -> 2026-11-30; from 2026-11-25 that is 5 days ahead, from 2026-12-04 4 days past
  it('app-routing: ends on 2026-11-30 (in 5 days) from 2026-11-25, ended 4 days ago from 2026-12-04', () => {
    const at = (today: string) => designed('app-routing', today).find((x) => x.code === 'INGRESS_APP_ROUTING_NGINX_RETIRED')!.message;
    expect(at('2026-11-25')).to.include('ends on 2026-11-30 (in 5 days)');
    expect(at('2026-12-04')).to.include('ended on 2026-11-30 (4 days ago)');
  });
  it('HAProxy and the Gateway API implementations have no end-of-support finding', () => {
    for (const controller of ['haproxy', 'envoy-gateway']) {
      expect(designed(controller, '2026-12-04').map((f) => f.code)).to.not.include.members(['INGRESS_NGINX_RETIRED', 'INGRESS_APP_ROUTING_NGINX_RETIRED']);
    }
  });
});
