// Routes as Gateway API objects, and the Gateway API implementations (envoy-gateway, agc,
// approuting-istio). Expected objects are written from the Gateway API spec and the implementations'
// documentation (URLs at each test), not from the code.
import { expect } from 'chai';
import { validateIngressConfig, type IngressSettings } from '../design/ingress/config';
import { agcLimitsExceeded } from '../design/ingress/appGwForContainers';
import { gatewayObjects, listenerName, type GatewayImplementation, type GatewayApiObject } from '../design/ingress/gateway';
import { validateGatewayObjects } from '../design/ingress/gatewaySchema';
import { designIngress, type GatewayInstall, type IngressDesign } from '../design/ingress/ingressDesign';
import { envoyGateway } from '../design/ingress/envoyGateway';
import { ingressBackendsFor } from '../design/ingress/policy';
import { planNetwork } from '../planner/plan';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { validateObjects } from '../netpol/validate';
import { net, type Json } from './plannerHelpers';

/** nodes, a pinned /26 ingress subnet (10.10.8.0-63) and a pinned /24 AGC subnet. */
const network = (over: Json = {}): Json =>
  net({ subnets: [{ name: 'nodes' }, { name: 'ingress', purpose: 'ingress', cidr: '10.10.8.0/26' }, { name: 'agc', purpose: 'agc', cidr: '10.10.10.0/24' }], ...over });

function resolved(raw: Json): ResolvedNetwork {
  const r = validateNetworkConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.network;
}

function settingsOf(raw: unknown, n: Json = network()): IngressSettings {
  const r = validateIngressConfig(raw, resolved(n));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.settings;
}

function design(raw: Json, n: Json = network()): IngressDesign {
  const settings = settingsOf(raw, n);
  const plan = planNetwork(resolved(n), { ingress: { controller: settings.controller, exposure: settings.exposure, ...(settings.subnet ? { subnet: settings.subnet } : {}) } });
  return designIngress({ settings, plan, clusterName: 'aks-t', resourceGroupName: 'rg-t', stack: 't', today: new Date('2026-12-04T00:00:00Z') });
}

const route = (over: Json = {}) => ({ host: 'shop.example.com', path: '/api', namespace: 'shop', service: 'api', port: 8080, ...over });
const byKind = (d: IngressDesign, kind: string) => d.gatewayObjects.map((o) => o.object).filter((o) => o.kind === kind);
const errors = (d: IngressDesign) => d.findings.filter((f) => f.severity === 'error');

describe('gateway: the checks every route gets under either API', () => {
  // /api and /api/ are one prefix match: the second route conflicts, and the Gateway gets no
  // HTTPRoute for it; a conflicting route is not checked further (its TLS is not reported)
  it('a host and path routed twice is INGRESS_ROUTE_CONFLICT naming the Gateway as the one that would pick', () => {
    const d = design({ controller: 'envoy-gateway', routes: [route(), route({ path: '/api/', service: 'other', tls: true })] });
    expect(errors(d).map((f) => [f.code, f.path, f.message])).to.deep.equal([
      ['INGRESS_ROUTE_CONFLICT', 'routes[1].path', 'shop.example.com/api/ is already routed by routes[0] (shop/api); the Gateway would pick one of them'],
    ]);
    expect(byKind(d, 'HTTPRoute').map((r) => r.spec.backendRefs ?? r.spec.rules?.[0]?.backendRefs).flat().map((b: any) => b?.name)).to.not.include('other');
  });

  it('TLS without the Secret\'s name is INGRESS_TLS_SECRET_MISSING', () => {
    const d = design({ controller: 'envoy-gateway', routes: [route({ tls: true })] });
    expect(errors(d).map((f) => [f.code, f.path])).to.deep.equal([['INGRESS_TLS_SECRET_MISSING', 'routes[0].tls']]);
  });
});

describe('gateway: routes become one Gateway and one HTTPRoute per route', () => {
  // https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/ (HTTP listener redirecting, HTTPS
  // listener with certificateRefs) and https://gateway-api.sigs.k8s.io/api-types/referencegrant/
  const d = design({ controller: 'envoy-gateway', routes: [route({ rewrite: '/', tls: 'shop-tls' }), route({ host: 'www.example.com', path: '/', namespace: 'web', service: 'web', port: 80 })] });

  it('no findings for a rewrite with TLS and a plain route', () => expect(d.findings).to.deep.equal([]));

  it('the Gateway: listeners per host and protocol, in the platform namespace, each admitting only its routes\' namespaces', () => {
    const [gw] = byKind(d, 'Gateway');
    expect(gw.metadata.namespace).to.equal('envoy-gateway-system');
    expect(gw.spec.gatewayClassName).to.equal('envoy-gateway');
    const selector = (ns: string[]) => ({
      namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ns }] } },
      kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
    });
    expect(gw.spec.listeners).to.deep.equal([
      {
        name: 'https-shop.example.com',
        hostname: 'shop.example.com',
        port: 443,
        protocol: 'HTTPS',
        // the Secret stays in the route's namespace: a cross-namespace reference
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-tls', namespace: 'shop' }] },
        allowedRoutes: selector(['shop']),
      },
      { name: 'http-shop.example.com', hostname: 'shop.example.com', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] } },
      { name: 'http-www.example.com', hostname: 'www.example.com', port: 80, protocol: 'HTTP', allowedRoutes: selector(['web']) },
    ]);
    // Envoy Gateway: the Service is shaped by the EnvoyProxy, not Gateway annotations
    expect(gw.spec.infrastructure).to.deep.equal({ parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'aksnet-proxy' } });
    expect(gw.metadata).to.not.have.property('annotations');
  });

  // ReplacePrefixMatch: /api + "/" turns /api/x into /x (httproute-rewrite-path conformance test)
  it('a prefix rewrite is URLRewrite ReplacePrefixMatch on a PathPrefix match, in the backend\'s namespace, attached to the HTTPS listener', () => {
    const [api] = byKind(d, 'HTTPRoute').filter((r) => r.metadata.namespace === 'shop');
    expect(api.spec).to.deep.equal({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'aksnet', namespace: 'envoy-gateway-system', sectionName: 'https-shop.example.com' }],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: [{ group: '', kind: 'Service', name: 'api', port: 8080 }],
        },
      ],
    });
  });

  it('TLS: HTTP on that host answers 301 to https from a route on its HTTP listener; the plain host gets no redirect', () => {
    const redirects = byKind(d, 'HTTPRoute').filter((r) => r.spec.rules[0].filters?.[0]?.type === 'RequestRedirect');
    expect(redirects).to.have.length(1);
    expect(redirects[0].metadata.namespace).to.equal('envoy-gateway-system');
    expect(redirects[0].spec).to.deep.equal({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'aksnet', sectionName: 'http-shop.example.com' }],
      hostnames: ['shop.example.com'],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    });
  });

  it('ReferenceGrant: one for the certificate Secret in another namespace, none for same-namespace backends or parentRefs', () => {
    const grants = byKind(d, 'ReferenceGrant');
    expect(grants).to.have.length(1);
    expect(grants[0].metadata.namespace).to.equal('shop');
    expect(grants[0].spec).to.deep.equal({ from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'envoy-gateway-system' }], to: [{ group: '', kind: 'Secret', name: 'shop-tls' }] });
    // a certificate in the Gateway's own namespace needs none
    const local = gatewayObjects(settingsOf({ controller: 'envoy-gateway', routes: [route({ namespace: 'gw', tls: 'c' })] }).routes, envoyGateway, { name: 'aksnet', namespace: 'gw' });
    expect(local.objects.filter((o) => o.object.kind === 'ReferenceGrant')).to.deep.equal([]);
    expect(local.objects[0].object.spec.listeners[0].tls.certificateRefs[0]).to.not.have.property('namespace');
  });

  it('every generated object (and the GatewayClass) passes the Gateway API v1.6.1 CRD schemas', () => {
    const objects = [...(d.install as GatewayInstall).controllerObjects.filter((o) => o.kind === 'GatewayClass'), ...d.gatewayObjects.map((o) => o.object)];
    expect(validateObjects(objects)).to.deep.equal([]);
  });

  it('a misspelled field is INGRESS_OBJECT_INVALID at the route (the API server would prune it silently)', () => {
    const objects = d.gatewayObjects.map((o) => ({ ...o, object: JSON.parse(JSON.stringify(o.object)) as GatewayApiObject }));
    const api = objects.find((o) => o.route === 0)!;
    api.object.spec.parentRefs[0].sectionNam = api.object.spec.parentRefs[0].sectionName;
    delete api.object.spec.parentRefs[0].sectionName;
    const f = validateGatewayObjects(objects);
    expect(f.map((x) => [x.code, x.path])).to.deep.equal([['INGRESS_OBJECT_INVALID', 'routes[0]']]);
    expect(f[0].message).to.include('unknown field "sectionNam"');
  });

  it('listener names: https-<host>, a wildcard as "wildcard"', () => {
    expect(listenerName('https', '*.example.com')).to.equal('https-wildcard.example.com');
  });
});

describe('gateway: routes that cannot be written as they are', () => {
  it('an implementation without HTTPRoutePathRewrite: INGRESS_REWRITE_UNSUPPORTED, and the route is not deployed unrewritten', () => {
    const noRewrite: GatewayImplementation = { ...envoyGateway, pathRewrite: false };
    const { objects, findings } = gatewayObjects(settingsOf({ controller: 'envoy-gateway', routes: [route({ rewrite: '/' })] }).routes, noRewrite, { name: 'g', namespace: 'gw' });
    expect(findings.map((f) => [f.code, f.severity, f.path])).to.deep.equal([['INGRESS_REWRITE_UNSUPPORTED', 'error', 'routes[0].rewrite']]);
    expect(objects.filter((o) => o.object.kind === 'HTTPRoute')).to.deep.equal([]);
  });
  it('a rewrite on an Exact match: ReplacePrefixMatch needs PathPrefix', () => {
    expect(errors(design({ controller: 'envoy-gateway', routes: [route({ rewrite: '/', pathType: 'Exact' })] })).map((f) => [f.code, f.path])).to.deep.equal([['INGRESS_REWRITE_UNSUPPORTED', 'routes[0].rewrite']]);
  });
  it('an Exact route without rewrite is an Exact match', () => {
    const d = design({ controller: 'envoy-gateway', routes: [route({ pathType: 'Exact' })] });
    expect(byKind(d, 'HTTPRoute')[0].spec.rules[0].matches).to.deep.equal([{ path: { type: 'Exact', value: '/api' } }]);
  });
});

describe('gateway: Envoy Gateway', () => {
  // https://gateway.envoyproxy.io/docs/tasks/operations/customize-envoyproxy/ and
  // https://learn.microsoft.com/azure/aks/internal-lb: internal = the annotations on the proxy Service
  it('internal: the EnvoyProxy puts the Service on the planned IP (last usable of 10.10.8.0/26 = .62) in the ingress subnet', () => {
    const d = design({ controller: 'envoy-gateway', exposure: 'internal', routes: [route()] });
    expect(errors(d)).to.deep.equal([]);
    const proxy = (d.install as GatewayInstall).controllerObjects.find((o) => o.kind === 'EnvoyProxy')!;
    expect(proxy.metadata.namespace).to.equal('envoy-gateway-system');
    expect(proxy.spec.provider.kubernetes.envoyService.annotations).to.deep.equal({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ingress',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.10.8.62',
    });
    expect(d.publicIp).to.equal(undefined);
    expect(d.nodeHttpSource).to.equal('VirtualNetwork');
  });
  it('public: a static public IP the program creates, named on the proxy Service', () => {
    const d = design({ controller: 'envoy-gateway', routes: [route()] });
    // named apart from an Ingress controller's IP, so both exist during a move
    expect(d.publicIp).to.deep.equal({ name: 'aks-t-gateway-ip', resourceGroupName: 'rg-t' });
    const proxy = (d.install as GatewayInstall).controllerObjects.find((o) => o.kind === 'EnvoyProxy')!;
    expect(proxy.spec.provider.kubernetes.envoyService.annotations['service.beta.kubernetes.io/azure-pip-name']).to.equal('aks-t-gateway-ip');
  });
  // EG install-helm: gateway-crds-helm (CRDs as templates, standard channel) then gateway-helm (certgen hook Job)
  it('charts: the CRD chart through helm.v4.Chart (standard channel), then gateway-helm through helm.v3.Release without its crds/ folder', () => {
    const charts = (design({ controller: 'envoy-gateway', routes: [route()] }).install as GatewayInstall).charts;
    expect(charts.map((c) => [c.chart, c.version, c.resource, c.skipCrds ?? false])).to.deep.equal([
      ['oci://docker.io/envoyproxy/gateway-crds-helm', 'v1.9.0', 'helm.v4.Chart', false],
      ['oci://docker.io/envoyproxy/gateway-helm', 'v1.9.0', 'helm.v3.Release', true],
    ]);
    expect(charts[0].values).to.deep.equal({ crds: { gatewayAPI: { enabled: true, channel: 'standard' }, envoyGateway: { enabled: true } } });
  });
  it('policy: each routed namespace admits exactly the Envoy proxies of this Gateway', () => {
    const s = settingsOf({ controller: 'envoy-gateway', routes: [route(), route({ host: 'b.example.com', namespace: 'web', service: 'web' })] });
    const labels = {
      'app.kubernetes.io/name': 'envoy',
      'app.kubernetes.io/component': 'proxy',
      'app.kubernetes.io/managed-by': 'envoy-gateway',
      'gateway.envoyproxy.io/owning-gateway-name': 'aksnet',
      'gateway.envoyproxy.io/owning-gateway-namespace': 'envoy-gateway-system',
    };
    expect(ingressBackendsFor(s)).to.deep.equal([
      // the routed Service rides along for POLICY_INGRESS_WIDE (the routes name no podLabels/targetPort)
      { controllerNamespace: 'envoy-gateway-system', controllerPodLabels: labels, namespace: 'shop', service: 'api' },
      { controllerNamespace: 'envoy-gateway-system', controllerPodLabels: labels, namespace: 'web', service: 'web' },
    ]);
  });
});

describe('gateway: Application Gateway for Containers', () => {
  it('the association subnet is the one purpose agc subnet; the Gateway names the ApplicationLoadBalancer', () => {
    const d = design({ controller: 'agc', routes: [route({ rewrite: '/' })] });
    expect(errors(d)).to.deep.equal([]);
    const install = d.install as GatewayInstall;
    expect(install.agc).to.deep.equal({ subnet: 'agc', subject: 'system:serviceaccount:azure-alb-system:alb-controller-sa', namespace: 'azure-alb-system' });
    expect(install.charts.map((c) => [c.chart, c.version, c.resource])).to.deep.equal([['oci://mcr.microsoft.com/application-lb/charts/alb-controller', '1.12.1', 'helm.v3.Release']]);
    const [gw] = byKind(d, 'Gateway');
    expect(gw.spec.gatewayClassName).to.equal('azure-alb-external');
    expect(gw.metadata.annotations).to.deep.equal({ 'alb.networking.azure.io/alb-namespace': 'azure-alb-system', 'alb.networking.azure.io/alb-name': 'aksnet' });
    expect(validateObjects(d.gatewayObjects.map((o) => o.object))).to.deep.equal([]);
    // AGC reaches pods from its subnet inside the VNet: no HTTP rule on the node subnets
    expect(d.nodeHttpSource).to.equal(undefined);
  });
  it('exposure internal is refused: AGC frontends are public only', () => {
    const f = errors(design({ controller: 'agc', exposure: 'internal' }));
    expect(f.map((x) => [x.code, x.path])).to.deep.equal([['INGRESS_UNSUPPORTED', 'exposure']]);
    expect(f[0].message).to.include("Private IP addresses aren't currently supported");
  });
  it('kubenet (and a BYO CNI) are refused; Azure CNI and Overlay are not', () => {
    for (const plugin of ['kubenet', 'none']) {
      const extra = plugin === 'none' ? { byoCni: { type: 'calico', poolCidr: '192.168.0.0/16' } } : {};
      expect(errors(design({ controller: 'agc' }, network({ plugin, ...extra }))).map((x) => [x.code, x.path])).to.deep.equal([['INGRESS_UNSUPPORTED', 'controller']]);
    }
    for (const plugin of ['azure-cni', 'azure-cni-overlay']) expect(errors(design({ controller: 'agc' }, network({ plugin })))).to.deep.equal([]);
  });
  // limits: 1 association and 5 frontends per AGC, 200 routes, 100 certificate references
  it('limits: each exceeded limit is named with the numbers', () => {
    expect(agcLimitsExceeded({ associations: 1, frontends: 5, routes: 200, certificates: 100 })).to.deep.equal([]);
    expect(agcLimitsExceeded({ associations: 2, frontends: 6, routes: 201, certificates: 101 })).to.deep.equal([
      ['associations', 2, 1],
      ['frontends', 6, 5],
      ['routes', 201, 200],
      ['certificates', 101, 100],
    ]);
    // 201 routes on 201 paths of one host: 201 HTTPRoutes > 200 (one listener, within 64)
    const many = design({ controller: 'agc', routes: Array.from({ length: 201 }, (_, i) => route({ path: `/p${i}` })) });
    const f = many.findings.filter((x) => x.code === 'INGRESS_GATEWAY_LIMIT');
    expect(f.map((x) => x.message)).to.deep.equal([
      'Application Gateway for Containers takes at most 200 routes per gateway; this stack needs 201 (https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components)',
    ]);
  });
  it('the subnet must be purpose agc', () => {
    const r = validateIngressConfig({ controller: 'agc', subnet: 'ingress' }, resolved(network()));
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.issues[0].message).to.include('delegated to Microsoft.ServiceNetworking/trafficControllers');
  });
  it('policy: each routed namespace admits the AGC subnet 10.10.10.0/24 and nothing else', () => {
    const d = design({ controller: 'agc', routes: [route()] });
    expect(ingressBackendsFor(d.settings, d.plan)).to.deep.equal([{ controllerNamespace: 'agc-subnet', controllerPodLabels: {}, controllerCidr: '10.10.10.0/24', namespace: 'shop', service: 'api' }]);
    // a route naming its pods and port: the subnet reaches exactly those
    const narrow = design({ controller: 'agc', routes: [route({ podLabels: { app: 'api' }, targetPort: 8080 })] });
    expect(ingressBackendsFor(narrow.settings, narrow.plan)).to.deep.equal([{ controllerNamespace: 'agc-subnet', controllerPodLabels: {}, controllerCidr: '10.10.10.0/24', namespace: 'shop', service: 'api', podSelector: { app: 'api' }, port: 8080 }]);
  });
  it('the cluster gets the OIDC issuer and workload identity the controller signs in with', async () => {
    const { clusterIngressProperties } = await import('../design/ingress/ingressDesign');
    expect(clusterIngressProperties(design({ controller: 'agc' }), {})).to.deep.equal({ oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: true } } });
  });
});

describe('gateway: app-routing Gateway API (approuting-istio)', () => {
  it('refused with the SDK and API version it needs, nothing installed', () => {
    const d = design({ controller: 'approuting-istio', routes: [route()] });
    const f = errors(d);
    expect(f.map((x) => [x.code, x.path])).to.deep.equal([['INGRESS_SDK_UNSUPPORTED', 'controller']]);
    expect(f[0].message).to.include('@pulumi/azure-native 3.28.0 sends 2025-09-01');
    expect(f[0].message).to.include('pulumi package add azure-native containerservice 2026-02-01');
    expect((d.install as GatewayInstall).charts).to.deep.equal([]);
  });
});
