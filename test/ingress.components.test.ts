// The ingress under Pulumi mocks: each controller kind becomes the chart (pinned, with the values
// AKS production needs) or the add-on profile, each route its Ingress resource, and the node
// subnet's NSG follows the exposure. Expected values come from the fact sheet (rules §16) and the
// charts' documented values, not from the code.
import { expect } from 'chai';
import type { RecordedResource } from '../components/mocks';
import { StackConfigError } from '../components/program';
import { clone, loadStack, ofType, one, planOf, rejectionOf, runStack, T, type StackRun } from './componentsHelpers';
import { haproxyServicePorts } from '../design/ingress/haproxy';
import { serviceAnnotations } from '../design/ingress/loadBalancer';

const K = {
  chart: 'kubernetes:helm.sh/v4:Chart',
  release: 'kubernetes:helm.sh/v3:Release',
  namespace: 'kubernetes:core/v1:Namespace',
  ingress: 'kubernetes:networking.k8s.io/v1:Ingress',
  nginxController: 'kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController',
  provider: 'pulumi:providers:kubernetes',
} as const;

const LB = 'service.beta.kubernetes.io/azure-load-balancer';
const routes = [
  { host: 'shop.example.com', path: '/api', namespace: 'shop', service: 'api', port: 8080, rewrite: '/' },
  { host: 'www.example.com', path: '/', namespace: 'web', service: 'web', port: 'http', tls: 'www-tls' },
];

/** Every NSG rule of the node subnet, by name. */
function nodeRules(run: StackRun, cluster: string): Record<string, any> {
  const nsg = one(ofType(run.resources, T.nsg).filter((n) => n.name === `${cluster}-aks-nodes-nsg`), T.nsg);
  return Object.fromEntries((nsg.inputs.securityRules as any[]).map((r) => [r.name, r]));
}

function ingressResources(run: StackRun): RecordedResource[] {
  return ofType(run.resources, K.ingress);
}

describe('ingress components: haproxy, internal (prod network)', () => {
  let run: StackRun;
  let ip: string;
  before(async () => {
    const { network, cluster } = loadStack('prod');
    run = await runStack(network, cluster, { stack: 'prod', ingress: { controller: 'haproxy', exposure: 'internal', routes } });
    // the planned ingress subnet is a /26: 64 addresses, the last (Azure's) at +63, so +62
    const cidr = planOf(network).subnets.find((s) => s.name === 'ingress')!.cidr!;
    const [a, b, c, d] = cidr.split('/')[0].split('.').map(Number);
    expect(cidr.endsWith('/26')).to.equal(true);
    ip = `${a}.${b}.${c}.${d + 62}`;
  });

  it('installs the pinned haproxytech chart with helm.v4.Chart in its own namespace, on the cluster provider', () => {
    const chart = one(run.resources, K.chart);
    expect(chart.inputs).to.include({ chart: 'kubernetes-ingress', version: '1.52.1', namespace: 'ingress-haproxy', name: 'haproxy' });
    expect((chart.inputs.repositoryOpts as any).repo).to.equal('https://haproxytech.github.io/helm-charts');
    // the controller's namespace, then the routes' (shop, web: no policy creates them)
    const namespaces = ofType(run.resources, K.namespace);
    expect(namespaces.map((n) => (n.inputs.metadata as any).name)).to.deep.equal(['ingress-haproxy', 'shop', 'web']);
    const crds = ofType(run.resources, 'kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition');
    expect(chart.options.dependsOn).to.deep.equal([namespaces[0].name, ...crds.map((c) => c.name)]);
    // the kubeconfig holds a kubelogin exec user, no secret (components.access.test.ts)
    expect(String(one(run.resources, K.provider).inputs.kubeconfig)).to.contain('kubelogin');
  });

  it('applies the controller\'s six ingress.v3.haproxy.org CRDs as plain objects before the chart (Chart v4 drops the chart\'s CRD hook Job)', () => {
    // haproxytech/kubernetes-ingress crs/definition/embed.go: defaults, globals, backends, tcps,
    // validationrules, frontends, all group ingress.v3.haproxy.org, version v3
    const crds = ofType(run.resources, 'kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition');
    expect(crds.map((c) => (c.inputs as any).metadata.name).sort()).to.deep.equal(
      ['backends', 'defaults', 'frontends', 'globals', 'tcps', 'validationrules'].map((p) => `${p}.ingress.v3.haproxy.org`),
    );
    for (const crd of crds) {
      const i = crd.inputs as any;
      expect([i.apiVersion, i.kind, i.spec.group, i.spec.versions.map((v: any) => v.name).join()]).to.deep.equal(['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'ingress.v3.haproxy.org', 'v3']);
      expect(i.spec.versions[0].schema.openAPIV3Schema.type).to.equal('object');
    }
    // and the chart waits for every one of them
    expect(one(run.resources, K.chart).options.dependsOn).to.include.members(crds.map((c) => c.name));
  });

  it('only HTTP (80/TCP) and HTTPS (443/TCP) reach the load balancer: every port the chart template leaves on the Service', () => {
    const values = one(run.resources, K.chart).inputs.values as any;
    // templates/controller-service.yaml at chart 1.52.1 renders http, https, quic (UDP on the https
    // port), stat and admin when their enablePorts flag is true, then tcpPorts; values.yaml turns all
    // five on (ports 80, 443, 443/UDP, 1024, 6060) and leaves tcpPorts empty
    expect(haproxyServicePorts({ controller: { service: {} } }).map((p) => `${p.name} ${p.port}/${p.protocol}`)).to.deep.equal(['http 80/TCP', 'https 443/TCP', 'quic 443/UDP', 'stat 1024/TCP', 'admin 6060/TCP']);
    expect(haproxyServicePorts(values).map((p) => `${p.name} ${p.port}/${p.protocol}`)).to.deep.equal(['http 80/TCP', 'https 443/TCP']);
    expect(values.controller.service.tcpPorts).to.equal(undefined);
    // pprof (/debug/pprof on 6060) is off in the pod too: enablePorts.admin=false only removes the Service port
    expect(values.controller.pprof).to.deep.equal({ enabled: false });
  });

  it('chart values: LoadBalancer (not the NodePort default), internal on the planned IP, Local (no probe-path annotation: it has no effect), 2 zone-spread replicas with a PDB, requests', () => {
    const c = (one(run.resources, K.chart).inputs.values as any).controller;
    expect(c.service.type).to.equal('LoadBalancer');
    expect(c.service.externalTrafficPolicy).to.equal('Local');
    expect(c.service.annotations).to.deep.equal({
      [`${LB}-internal`]: 'true',
      [`${LB}-internal-subnet`]: 'ingress',
      [`${LB}-ipv4`]: ip,
    });
    expect(c.replicaCount).to.equal(2);
    expect(c.PodDisruptionBudget).to.deep.equal({ enable: true, minAvailable: 1 });
    expect(c.topologySpreadConstraints.map((t: any) => t.topologyKey)).to.include('topology.kubernetes.io/zone');
    expect(c.topologySpreadConstraints[0].labelSelector.matchLabels).to.deep.equal({ 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': 'haproxy' });
    expect(c.resources.requests).to.have.keys('cpu', 'memory');
    expect(c.service.enablePorts.stat).to.equal(false);
    expect(c.podAnnotations['prometheus.io/scrape']).to.equal('true');
    expect(c.ingressClassResource.name).to.equal('haproxy');
  });

  it('each route is an Ingress resource in its namespace, with class and rewrite, waiting for the chart and its namespace', () => {
    const [api, web] = ingressResources(run);
    expect((api.inputs.metadata as any).namespace).to.equal('shop');
    expect((api.inputs.metadata as any).annotations).to.deep.equal({ 'haproxy.org/path-rewrite': '^/api(/|$)(.*) /\\2' });
    expect((api.inputs.spec as any).ingressClassName).to.equal('haproxy');
    expect((web.inputs.spec as any).tls).to.deep.equal([{ hosts: ['www.example.com'], secretName: 'www-tls' }]);
    for (const r of [api, web]) expect(r.options.dependsOn).to.deep.equal([one(run.resources, K.chart).name, `aks-prod-ingress-controller-ns-${(r.inputs.metadata as any).namespace}`]);
  });

  it('the stack output planSummary carries the planned ingress IP', () => {
    expect(run.outputs.planSummary.ingress).to.include({ controller: 'haproxy', exposure: 'internal', ip });
  });

  it('internal: HTTP(S) to the node subnet from the VNet only; no public IP for the ingress', () => {
    const rules = nodeRules(run, 'aks-prod');
    expect(rules['allow-ingress-http-inbound']).to.include({ sourceAddressPrefix: 'VirtualNetwork', protocol: 'Tcp' });
    expect(Object.values(rules).map((r) => r.sourceAddressPrefix)).to.not.include('Internet');
    // the one public IP is the NAT gateway's
    expect(ofType(run.resources, T.publicIp).map((p) => p.name)).to.deep.equal(['aks-prod-natgw-ip']);
  });
});

describe('ingress components: nginx, public (dev network)', () => {
  let run: StackRun;
  before(async () => {
    const { network, cluster } = loadStack('dev');
    run = await runStack(network, cluster, { stack: 'dev', ingress: { controller: 'nginx', replicas: 3, routes } });
  });

  it('installs the pinned ingress-nginx chart with helm.v3.Release (its webhook needs Helm hooks)', () => {
    const release = one(run.resources, K.release);
    expect(release.inputs).to.include({ chart: 'ingress-nginx', version: '4.15.1', namespace: 'ingress-nginx', createNamespace: true, atomic: true });
    expect((release.inputs.repositoryOpts as any).repo).to.equal('https://kubernetes.github.io/ingress-nginx');
    expect(ofType(run.resources, K.chart)).to.deep.equal([]);
  });

  it('chart values: static public IP by name and group, Local (no probe-path annotation), 3 replicas (PDB minAvailable 2), metrics and a default backend', () => {
    const v = one(run.resources, K.release).inputs.values as any;
    expect(v.controller.service).to.deep.include({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
    expect(v.controller.service.annotations).to.deep.equal({
      [`${LB}-resource-group`]: 'rg-aks-dev',
      'service.beta.kubernetes.io/azure-pip-name': 'aks-dev-ingress-ip',
    });
    expect([v.controller.replicaCount, v.controller.minAvailable]).to.deep.equal([3, 2]);
    expect(v.controller.metrics.enabled).to.equal(true);
    expect(v.defaultBackend.enabled).to.equal(true);
    expect(v.controller.resources.requests).to.have.keys('cpu', 'memory');
    expect(v.controller.topologySpreadConstraints[0]).to.include({ topologyKey: 'topology.kubernetes.io/zone' });
  });

  it('creates the Standard static public IP and grants the cluster identity Network Contributor on its group [§16.3]', () => {
    const pip = one(ofType(run.resources, T.publicIp).filter((p) => p.name === 'aks-dev-ingress-ip'), T.publicIp);
    expect(pip.inputs).to.deep.include({ resourceGroupName: 'rg-aks-dev', publicIPAllocationMethod: 'Static', sku: { name: 'Standard' } });
    const grant = ofType(run.resources, T.roleAssignment).find((r) => r.parent === 'aks-dev-ingress-controller')!;
    expect(grant.inputs.scope).to.match(/\/resourceGroups\/rg-aks-dev$/);
    expect(grant.inputs.roleDefinitionId).to.match(/4d97b98b-1d4f-4787-a291-c67834d212e7$/);
    // the same principal the cluster's own subnet grants go to: the control-plane identity
    const clusterGrant = ofType(run.resources, T.roleAssignment).find((r) => r.parent === 'aks-dev-cluster')!;
    expect(grant.inputs.principalId).to.be.a('string').and.equal(clusterGrant.inputs.principalId);
    expect(one(run.resources, K.release).options.dependsOn).to.include.members([pip.name, grant.name]);
  });

  it('public: HTTP(S) from the Internet to the node subnet; warns that ingress-nginx is retired', () => {
    expect(nodeRules(run, 'aks-dev')['allow-ingress-http-inbound']).to.include({ sourceAddressPrefix: 'Internet' });
    expect(run.findings.map((f) => f.code)).to.include('INGRESS_NGINX_RETIRED');
  });

  it('routes use NGINX regex rewrites', () => {
    const api = ingressResources(run)[0];
    expect((api.inputs.spec as any).rules[0].http.paths[0]).to.deep.include({ path: '/api(/|$)(.*)', pathType: 'ImplementationSpecific' });
    expect((api.inputs.spec as any).ingressClassName).to.equal('nginx');
  });
});

describe('ingress components: app-routing, internal', () => {
  let run: StackRun;
  before(async () => {
    const { network, cluster } = loadStack('prod');
    run = await runStack(network, cluster, { stack: 'prod', ingress: { controller: 'app-routing', exposure: 'internal', ip: '10.40.2.10', routes } });
  });

  it('turns the add-on on through the cluster ingress profile, without the default public controller', () => {
    expect(one(run.resources, T.cluster).inputs.ingressProfile).to.deep.equal({ webAppRouting: { enabled: true, nginx: { defaultIngressControllerType: 'None' } } });
    expect(ofType(run.resources, K.chart).concat(ofType(run.resources, K.release))).to.deep.equal([]);
  });

  it('one NginxIngressController with the internal load balancer annotations on the configured IP', () => {
    const nic = one(run.resources, K.nginxController);
    expect(nic.inputs.apiVersion).to.equal('approuting.kubernetes.azure.com/v1alpha1');
    expect((nic.inputs.spec as any).loadBalancerAnnotations).to.deep.equal({ [`${LB}-internal`]: 'true', [`${LB}-internal-subnet`]: 'ingress', [`${LB}-ipv4`]: '10.40.2.10' });
    expect((nic.inputs.spec as any).ingressClassName).to.equal('webapprouting.kubernetes.azure.com');
    expect((nic.inputs.spec as any).scaling.minReplicas).to.equal(2);
    for (const r of ingressResources(run)) expect((r.inputs.spec as any).ingressClassName).to.equal('webapprouting.kubernetes.azure.com');
  });
});

describe('ingress components: agic', () => {
  let run: StackRun;
  before(async () => {
    const { network, cluster } = loadStack('prod');
    run = await runStack(network, cluster, { stack: 'prod', ingress: { controller: 'agic', routes } });
  });

  it('enables the add-on with a new gateway in the planned appgateway subnet', () => {
    const addon = (one(run.resources, T.cluster).inputs.addonProfiles as any).ingressApplicationGateway;
    expect(addon.enabled).to.equal(true);
    expect(addon.config.applicationGatewayName).to.equal('aks-prod-appgw');
    expect(addon.config.subnetId).to.match(/\/virtualNetworks\/aks-prod-vnet\/subnets\/appgw$/);
  });

  it("grants the add-on's own identity Network Contributor on the gateway subnet", () => {
    const grant = ofType(run.resources, T.roleAssignment).find((r) => r.parent === 'aks-prod-ingress-controller')!;
    expect(grant.inputs.scope).to.match(/\/subnets\/appgw$/);
    expect(grant.inputs.roleDefinitionId).to.match(/4d97b98b-1d4f-4787-a291-c67834d212e7$/);
    // the add-on identity, not the control plane's
    const controlPlane = ofType(run.resources, T.roleAssignment).find((r) => r.parent === 'aks-prod-cluster')!;
    expect(grant.inputs.principalId).to.be.a('string').with.length(36).and.not.equal(controlPlane.inputs.principalId);
  });

  it('installs no chart and no public IP of its own, opens no HTTP(S) rule on the node subnet, routes with the AGIC class', () => {
    expect(ofType(run.resources, K.chart).concat(ofType(run.resources, K.release), ofType(run.resources, K.nginxController))).to.deep.equal([]);
    expect(nodeRules(run, 'aks-prod')).to.not.have.property('allow-ingress-http-inbound');
    const [api] = ingressResources(run);
    expect((api.inputs.spec as any).ingressClassName).to.equal('azure-application-gateway');
    expect((api.inputs.metadata as any).annotations).to.deep.equal({ 'appgw.ingress.kubernetes.io/backend-path-prefix': '/' });
  });
});

describe('ingress components: no ingress, and refusals', () => {
  it('without aks-networking:ingress: no HTTP(S) rule on node subnets, no Kubernetes provider', async () => {
    const { network, cluster } = loadStack('dev');
    const run = await runStack(network, cluster, { stack: 'dev' });
    expect(nodeRules(run, 'aks-dev')).to.not.have.property('allow-ingress-http-inbound');
    expect(ofType(run.resources, K.provider)).to.deep.equal([]);
  });

  it('refuses two routes on the same host and path, with the ingress config path', async () => {
    const { network, cluster } = loadStack('dev');
    const twice = clone(routes);
    twice.push({ ...twice[0], service: 'other' });
    const error = await rejectionOf(runStack(network, cluster, { stack: 'dev', ingress: { controller: 'haproxy', routes: twice } }));
    expect(error).to.be.instanceOf(StackConfigError);
    expect(error.findings.map((f: any) => `${f.code} ${f.config}.${f.path}`)).to.include('INGRESS_ROUTE_CONFLICT aks-networking:ingress.routes[2].path');
  });

  it('refuses a malformed ingress config with INVALID_CONFIG and its path', async () => {
    const { network, cluster } = loadStack('dev');
    const error = await rejectionOf(runStack(network, cluster, { stack: 'dev', ingress: { controller: 'haproxy', exposure: 'private' } }));
    expect(error.findings.map((f: any) => `${f.code} ${f.config}.${f.path}`)).to.deep.equal(['INVALID_CONFIG aks-networking:ingress.exposure']);
  });
});

describe('ingress components: the policy baseline opens each routed namespace to the controller', () => {
  const netpol = 'kubernetes:networking.k8s.io/v1:NetworkPolicy';

  it('prod (haproxy, Calico baseline): orders and storefront allow ingress from the HAProxy pods to the routes\' podLabels on their targetPort; Ingress objects wait for the namespaces', async () => {
    const { network, cluster, ingress, policy } = loadStack('prod');
    const { resources } = await runStack(network, cluster, { stack: 'prod', ingress, policy });
    const fromIngress = ofType(resources, netpol).filter((p) => (p.inputs.metadata as any).name === 'aksnet-from-ingress-ingress-haproxy');
    expect(fromIngress.map((p) => (p.inputs.metadata as any).namespace).sort()).to.deep.equal(['orders', 'storefront']);
    // Pulumi.prod.yaml routes: orders-api (app: orders-api, targetPort 8080), web (app: web, targetPort 8080)
    const backendPods: Record<string, string> = { orders: 'orders-api', storefront: 'web' };
    for (const p of fromIngress) {
      expect((p.inputs.spec as any).podSelector).to.deep.equal({ matchLabels: { app: backendPods[(p.inputs.metadata as any).namespace] } });
      expect((p.inputs.spec as any).ingress).to.deep.equal([
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-haproxy' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': 'haproxy' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ]);
    }
    // the chart waits (through its namespace) for the policy component, and the Ingress objects for the chart
    const ns = ofType(resources, K.namespace).find((n) => n.parent === 'aks-prod-ingress-controller')!;
    expect(ns.options.dependsOn).to.include('aks-prod-policy');
  });

  const agicRoute = [{ host: 'shop.example.com', path: '/', namespace: 'orders', service: 'orders-api', port: 8080 }];
  it('AGIC: the gateway is not a pod, so a baselined namespace without an allow from the gateway subnet is INGRESS_NAMESPACE_CLOSED', async () => {
    const { network, cluster } = loadStack('prod');
    const policy = { namespaces: { orders: {} } };
    const error = await rejectionOf(runStack(network, cluster, { stack: 'prod', ingress: { controller: 'agic', routes: agicRoute }, policy }));
    expect(error.findings.map((f: any) => `${f.code} ${f.config}.${f.path}`)).to.include('INGRESS_NAMESPACE_CLOSED aks-networking:ingress.routes[0].namespace');
  });

  it('AGIC: an allow rule from the whole gateway subnet (prod appgw, 10.40.3.0/24) opens it', async () => {
    const { network, cluster } = loadStack('prod');
    const appgw = planOf(network).subnets.find((s) => s.name === 'appgw')!.cidr!;
    const policy = { namespaces: { orders: { allow: [{ name: 'from-appgw', from: { cidr: appgw }, ports: [{ port: 8080 }] }] } } };
    const run = await runStack(network, cluster, { stack: 'prod', ingress: { controller: 'agic', routes: agicRoute }, policy });
    expect(run.findings.map((f) => f.code)).to.not.include('INGRESS_NAMESPACE_CLOSED');
  });
});

describe('ingress: the health-probe path annotation only where it takes effect', () => {
  // https://learn.microsoft.com/azure/aks/configure-load-balancer-standard (health probe table): under
  // externalTrafficPolicy Local the load balancer probes kube-proxy's health check node port at
  // HTTP /healthz whatever the annotation says; under Cluster with appProtocol http(s) it probes `/`
  const frontEnd = { exposure: 'internal' as const, subnet: 'ingress', ip: '10.0.0.62' };
  const probe = 'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path';
  it('Local: no probe annotation; Cluster: /healthz', () => {
    expect(serviceAnnotations(frontEnd, 'Local')).to.not.have.property(probe);
    expect(serviceAnnotations(frontEnd, 'Cluster')).to.have.property(probe, '/healthz');
  });
});
