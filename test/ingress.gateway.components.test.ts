// Gateway API implementations under Pulumi mocks: Envoy Gateway's charts and objects, Application
// Gateway for Containers' identity, federated credential, roles, delegated subnet and
// ApplicationLoadBalancer, and a move run side by side. Expected values from the implementations'
// documentation (URLs in design/ingress/envoyGateway.ts and appGwForContainers.ts), not from the code.
import { expect } from 'chai';
import { clone, loadStack, ofType, one, rejectionOf, runStack, T, type StackRun } from './componentsHelpers';

const K = {
  chart: 'kubernetes:helm.sh/v4:Chart',
  release: 'kubernetes:helm.sh/v3:Release',
  gateway: 'kubernetes:gateway.networking.k8s.io/v1:Gateway',
  httpRoute: 'kubernetes:gateway.networking.k8s.io/v1:HTTPRoute',
  grant: 'kubernetes:gateway.networking.k8s.io/v1:ReferenceGrant',
  gatewayClass: 'kubernetes:gateway.networking.k8s.io/v1:GatewayClass',
  envoyProxy: 'kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy',
  alb: 'kubernetes:alb.networking.azure.io/v1:ApplicationLoadBalancer',
  ingress: 'kubernetes:networking.k8s.io/v1:Ingress',
  credential: 'azure-native:managedidentity:FederatedIdentityCredential',
} as const;
const routes = [
  { host: 'shop.example.com', path: '/api', namespace: 'shop', service: 'api', port: 8080, rewrite: '/', tls: 'shop-tls' },
  { host: 'www.example.com', path: '/', namespace: 'web', service: 'web', port: 80 },
];

describe('gateway components: envoy-gateway, internal (prod network)', () => {
  let run: StackRun;
  before(async () => {
    const { network, cluster } = loadStack('prod');
    run = await runStack(network, cluster, { stack: 'prod', ingress: { controller: 'envoy-gateway', exposure: 'internal', routes } });
  });
  it('the CRD chart (helm.v4.Chart) first, then gateway-helm (helm.v3.Release, skipCrds) after it', () => {
    const crds = one(run.resources, K.chart);
    const release = one(run.resources, K.release);
    expect(crds.inputs).to.include({ chart: 'oci://docker.io/envoyproxy/gateway-crds-helm', version: 'v1.9.0', namespace: 'envoy-gateway-system' });
    expect(release.inputs).to.include({ chart: 'oci://docker.io/envoyproxy/gateway-helm', version: 'v1.9.0', skipCrds: true, atomic: true });
    expect(release.options.dependsOn).to.include(crds.name);
  });
  it('GatewayClass and EnvoyProxy after the release; the Gateway, grants and routes after them', () => {
    const release = one(run.resources, K.release).name;
    expect(one(run.resources, K.gatewayClass).options.dependsOn).to.deep.equal([release]);
    const proxy = one(run.resources, K.envoyProxy);
    expect((proxy.inputs.spec as any).provider.kubernetes.envoyService.annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).to.equal('true');
    const gw = one(run.resources, K.gateway);
    expect(gw.options.dependsOn).to.include(proxy.name);
    expect(ofType(run.resources, K.httpRoute)).to.have.length(3); // two routes and one redirect
    expect(ofType(run.resources, K.grant)).to.have.length(1); // shop-tls lives in shop
    expect(ofType(run.resources, K.ingress)).to.deep.equal([]);
  });
  it('no public IP: the entry point is the planned internal IP', () => {
    // the NAT gateway's IP is the only public IP (prod's outbound is userAssignedNATGateway)
    expect(ofType(run.resources, T.publicIp).map((p) => p.name)).to.deep.equal(['aks-prod-natgw-ip']);
  });
});

describe('gateway components: agc (prod network with an agc subnet)', () => {
  let run: StackRun;
  before(async () => {
    const { network, cluster } = loadStack('prod');
    const net = clone(network) as any;
    net.subnets.push({ name: 'agc', purpose: 'agc' });
    run = await runStack(net, cluster, { stack: 'prod', ingress: { controller: 'agc', routes } });
  });
  it('the agc subnet is delegated to Microsoft.ServiceNetworking/trafficControllers', () => {
    const subnet = ofType(run.resources, T.subnet).find((s) => s.inputs.subnetName === 'agc')!;
    expect(subnet.inputs.delegations).to.deep.equal([{ name: 'agc', serviceName: 'Microsoft.ServiceNetworking/trafficControllers' }]);
    expect(String(subnet.inputs.addressPrefix)).to.match(/\/24$/);
  });
  it('the cluster runs the OIDC issuer and workload identity', () => {
    const c = one(run.resources, T.cluster).inputs as any;
    expect(c.oidcIssuerProfile).to.deep.equal({ enabled: true });
    expect(c.securityProfile.workloadIdentity).to.deep.equal({ enabled: true });
  });
  it('the ALB controller identity: federated to azure-alb-system/alb-controller-sa, Reader + Configuration Manager on the node group, Network Contributor on the subnet', () => {
    const identity = ofType(run.resources, T.identity).find((i) => i.inputs.resourceName === 'aks-prod-alb-controller')!;
    expect(identity).to.not.equal(undefined);
    const cred = one(run.resources, K.credential);
    expect(cred.inputs).to.deep.include({ subject: 'system:serviceaccount:azure-alb-system:alb-controller-sa', audiences: ['api://AzureADTokenExchange'] });
    const grants = ofType(run.resources, T.roleAssignment).filter((r) => r.name.includes('-alb-'));
    const roles = grants.map((g) => [String(g.inputs.roleDefinitionId).split('/').pop(), /\/subnets\/agc$/.test(String(g.inputs.scope)) ? 'subnet' : 'node group']);
    // built-in role IDs: Reader acdd72a7..., AppGw for Containers Configuration Manager fbc52c3f..., Network Contributor 4d97b98b...
    expect(roles).to.deep.equal([
      ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'node group'],
      ['fbc52c3f-28ad-4303-a892-8a056630b8f1', 'node group'],
      ['4d97b98b-1d4f-4787-a291-c67834d212e7', 'subnet'],
    ]);
  });
  it('the pinned ALB chart after the roles, then the ApplicationLoadBalancer on the subnet, then the Gateway', () => {
    const release = one(run.resources, K.release);
    expect(release.inputs).to.include({ chart: 'oci://mcr.microsoft.com/application-lb/charts/alb-controller', version: '1.12.1' });
    // the release lives in default (as in the quickstart); the chart creates the controller's namespace
    expect(release.inputs.namespace).to.equal('default');
    expect((release.inputs.values as any).albController.namespace).to.equal('azure-alb-system');
    expect((release.inputs.values as any).albController.podIdentity.clientID).to.be.a('string').and.not.equal('<identity client ID>');
    const alb = one(run.resources, K.alb);
    expect((alb.inputs.spec as any).associations[0]).to.match(/\/subnets\/agc$/);
    expect(alb.options.dependsOn).to.deep.equal([release.name]);
    expect(one(run.resources, K.gateway).options.dependsOn).to.include(alb.name);
  });
});

describe('gateway components: side by side during a move', () => {
  it('the retiring controller keeps its component and IP names; the Gateway gets its own', async () => {
    const { network, cluster } = loadStack('dev');
    const old = { controller: 'nginx', routes: [{ ...routes[1] }] };
    const run = await runStack(network, cluster, { stack: 'dev', ingress: { controller: 'envoy-gateway', routes }, ingressRetiring: old });
    expect(ofType(run.resources, T.publicIp).map((p) => p.name).sort()).to.deep.equal(['aks-dev-gateway-ip', 'aks-dev-ingress-ip']);
    expect(ofType(run.resources, 'aks-networking:ingress:AksIngress').map((c) => c.name).sort()).to.deep.equal(['aks-dev-gateway', 'aks-dev-ingress-controller']);
    expect(ofType(run.resources, K.ingress)).to.have.length(1);
    expect(ofType(run.resources, K.gateway)).to.have.length(1);
  });
  it('approuting-istio is refused before anything is built', async () => {
    const { network, cluster } = loadStack('dev');
    const error = await rejectionOf(runStack(network, cluster, { stack: 'dev', ingress: { controller: 'approuting-istio', routes } }));
    expect(error.findings.map((f: any) => `${f.code} ${f.config}.${f.path}`)).to.include('INGRESS_SDK_UNSUPPORTED aks-networking:ingress.controller');
  });
});

// A new stack creates its cluster, so no application namespace exists at the first `pulumi up`: an
// HTTPRoute, ReferenceGrant or Ingress in a namespace nobody creates fails with "namespaces ... not
// found". The ingress creates each route's namespace unless the policy baseline already does, and
// every object in it waits for it.
describe('ingress components: the routes\' namespaces exist before the objects in them', () => {
  const ns = 'kubernetes:core/v1:Namespace';
  const inNamespace = (run: StackRun, type: string, name: string) => ofType(run.resources, type).filter((r) => (r.inputs as any).metadata?.namespace === name);
  it('envoy-gateway without a policy: shop and web are created (kept on delete), and their routes and grants wait for them', async () => {
    const { network, cluster } = loadStack('dev');
    const run = await runStack(network, cluster, { stack: 'dev', ingress: { controller: 'envoy-gateway', routes } });
    const created = ofType(run.resources, ns).map((r) => (r.inputs as any).metadata.name).sort();
    expect(created).to.deep.equal(['envoy-gateway-system', 'shop', 'web']);
    for (const name of ['shop', 'web']) {
      const namespace = ofType(run.resources, ns).find((r) => (r.inputs as any).metadata.name === name)!;
      expect(namespace.options.retainOnDelete, name).to.equal(true);
      const objects = [...inNamespace(run, K.httpRoute, name), ...inNamespace(run, K.grant, name)];
      expect(objects.length, name).to.be.greaterThan(0);
      for (const o of objects) expect(o.options.dependsOn, `${o.name} waits for namespace ${name}`).to.include(namespace.name);
    }
  });
  it('haproxy without a policy: the Ingress objects wait for their namespaces', async () => {
    const { network, cluster } = loadStack('prod');
    const run = await runStack(network, cluster, { stack: 'prod', ingress: { controller: 'haproxy', exposure: 'internal', subnet: 'ingress', routes: [{ ...routes[1] }] } });
    const web = ofType(run.resources, ns).find((r) => (r.inputs as any).metadata.name === 'web')!;
    expect(web, 'namespace web').to.not.equal(undefined);
    expect(one(run.resources, K.ingress).options.dependsOn).to.include(web.name);
  });
  it('side by side during a move, without a policy: each namespace is created once (by the retiring controller), and the new routes wait for it', async () => {
    const { network, cluster } = loadStack('dev');
    const run = await runStack(network, cluster, { stack: 'dev', ingress: { controller: 'envoy-gateway', routes }, ingressRetiring: { controller: 'nginx', routes: [{ ...routes[1] }] } });
    const web = ofType(run.resources, ns).filter((r) => (r.inputs as any).metadata.name === 'web');
    expect(web.map((r) => r.name)).to.deep.equal(['aks-dev-ingress-controller-ns-web']);
    expect(ofType(run.resources, ns).filter((r) => (r.inputs as any).metadata.name === 'shop').map((r) => r.name)).to.deep.equal(['aks-dev-gateway-ns-shop']);
    for (const o of inNamespace(run, K.httpRoute, 'web')) expect(o.options.dependsOn).to.include('aks-dev-ingress-controller');
  });
  it('with a policy baseline on the routes\' namespaces: no second Namespace for them', async () => {
    const { network, cluster } = loadStack('dev');
    const run = await runStack(network, cluster, { stack: 'dev', ingress: { controller: 'envoy-gateway', routes }, policy: { namespaces: { shop: {}, web: {} } } });
    const names = ofType(run.resources, ns).map((r) => (r.inputs as any).metadata.name).sort();
    expect(names).to.deep.equal(['envoy-gateway-system', 'shop', 'web']);
  });
});
