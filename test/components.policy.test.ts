// The program under mocks puts the CNI and the policy objects inside the cluster: a Calico stack
// (prod), a Cilium stack (dev), BYO stacks whose chart values come from the plan, refusals, and the
// order of the graph (cluster -> CNI -> namespaces/tiers -> policies).
import { expect } from 'chai';
import Ajv from 'ajv';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { runProgram, type RecordedResource } from '../components/mocks';
import { buildStack, StackConfigError } from '../components/program';
import type { StackFinding } from '../design/stackFindings';
import { CNI_CHARTS } from '../design/cniCharts';
import crds from '../netpol/schemas/calico-crds.json';
import { closeSchema } from '../netpol/schemas/closeSchema';
import { loadStack as loadStackYaml, ofType, one, planOf, rejectionOf } from './componentsHelpers';

const K = {
  provider: 'pulumi:providers:kubernetes',
  release: 'kubernetes:helm.sh/v3:Release',
  chart: 'kubernetes:helm.sh/v4:Chart',
  namespace: 'kubernetes:core/v1:Namespace',
  networkPolicy: 'kubernetes:networking.k8s.io/v1:NetworkPolicy',
  tier: 'kubernetes:crd.projectcalico.org/v1:Tier',
  gnp: 'kubernetes:crd.projectcalico.org/v1:GlobalNetworkPolicy',
  cni: 'aks-networking:cni:AksCni',
  policy: 'aks-networking:policy:AksPolicy',
  clusterComponent: 'aks-networking:cluster:AksCluster',
};

const policyOf = (stack: string): unknown => loadStackYaml(stack).policy;

async function run(network: unknown, cluster: unknown, policyRaw: unknown) {
  const findings: StackFinding[] = [];
  const { resources } = await runProgram(() => buildStack(network, cluster, { stack: 'test', readPrevious: async () => undefined, policyRaw, onFinding: (f) => findings.push(f) }));
  return { resources, findings };
}

/** The object as the API server receives it, from the recorded inputs. */
function objectOf(r: RecordedResource): any {
  const i = r.inputs as any;
  const [, apiVersion, kind] = /^kubernetes:(.+):(\w+)$/.exec(r.type)!;
  return { apiVersion: apiVersion === 'networking.k8s.io/v1' ? apiVersion : i.apiVersion, kind: i.kind ?? kind, metadata: i.metadata, spec: i.spec };
}

/** Every emitted policy object against its schema: Kubernetes OpenAPI (kubernetes-models), Calico CRD schemas closed against unknown fields. */
function expectSchemasValid(resources: RecordedResource[]): number {
  const ajv = new Ajv({ strict: false, allErrors: true });
  let checked = 0;
  for (const r of resources) {
    if (r.type === K.networkPolicy) {
      expect(() => new NetworkPolicy(objectOf(r)).validate(), r.name).not.to.throw();
      checked++;
    } else if (r.type.startsWith('kubernetes:crd.projectcalico.org/v1:')) {
      const object = objectOf(r);
      const validate = ajv.compile(closeSchema((crds as any)[object.kind].schema) as object);
      expect(validate(object), `${r.name}: ${JSON.stringify(validate.errors)}`).to.equal(true);
      checked++;
    }
  }
  return checked;
}

describe('components: policy on a Calico stack (prod)', () => {
  let resources: RecordedResource[];
  let findings: StackFinding[];
  before(async () => {
    const { network, cluster } = loadStackYaml('prod');
    ({ resources, findings } = await run(network, cluster, policyOf('prod')));
  });

  it('creates the baseline for each app namespace and the IMDS deny in the platform tier', () => {
    const policies = ofType(resources, K.networkPolicy).map((r) => `${(r.inputs as any).metadata.namespace}/${(r.inputs as any).metadata.name}`);
    for (const ns of ['storefront', 'orders']) expect(policies).to.include.members([`${ns}/aksnet-default-deny`, `${ns}/aksnet-allow-dns`]);
    const imds = objectOf(one(resources, K.gnp));
    expect(imds.metadata.name).to.equal('platform.deny-imds-egress');
    expect(imds.spec.types).to.deep.equal(['Egress']);
    expect(imds.spec.egress[0]).to.deep.equal({ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } });
    expect(imds.spec.selector).to.include('not in {"kube-system", "calico-system", "tigera-operator"}');
    // AKS installs Calico itself (networkPolicy: calico): no chart here
    expect(ofType(resources, K.release)).to.deep.equal([]);
  });

  it('emits only objects that pass their schema', () => {
    expect(expectSchemasValid(resources)).to.equal(ofType(resources, K.networkPolicy).length + ofType(resources, K.tier).length + ofType(resources, K.gnp).length);
  });

  it('orders the graph: policy after the cluster, namespaces before their policies, the tier before its policies, all on the cluster kubeconfig', () => {
    const policy = one(resources, K.policy);
    expect(policy.options.dependsOn).to.deep.equal(['aks-prod-cluster', 'aks-prod-data-plane-role-propagation']);
    expect(one(resources, K.clusterComponent).name).to.equal('aks-prod-cluster');
    for (const np of ofType(resources, K.networkPolicy)) {
      const ns = (np.inputs as any).metadata.namespace;
      expect(np.options.dependsOn, np.name).to.deep.equal([`aks-prod-policy-ns-${ns}`]);
    }
    expect(one(resources, K.gnp).options.dependsOn).to.deep.equal([one(resources, K.tier).name]);
    expect(String(one(resources, K.provider).inputs.kubeconfig)).to.contain('kubelogin');
  });

  it('notes that a private cluster needs a deployer that reaches its API server', () => {
    expect(findings.find((f) => f.code === 'PRIVATE_API_SERVER_DEPLOYER')).to.deep.include({ severity: 'info', config: 'aks-networking:cluster', path: 'apiServer.private' });
  });
});

describe('components: a declared global policy the checks refuse', () => {
  it('stops the program with the finding at its config path (global.policies[i].<field>)', async () => {
    const { network, cluster } = loadStackYaml('prod');
    const policy = loadStackYaml('prod').policy as any;
    // Calico selectors compare with ==; a misspelled rule field would be pruned by the API server
    const bad = { name: 'block-bad', order: 5, selector: 'app = "x"', egress: [{ action: 'Deny', destinaton: { nets: ['192.0.2.0/24'] } }] };
    const error = await rejectionOf(run(network, cluster, { ...policy, global: { ...policy.global, policies: [bad] } }));
    expect(error.findings.map((f: StackFinding) => [f.code, f.path])).to.deep.include.members([
      ['CALICO_SELECTOR_INVALID', 'global.policies[0].selector'],
      ['CALICO_SCHEMA', 'global.policies[0].egress[0].destinaton'],
    ]);
  });
});

describe('components: policy on a Cilium stack (dev)', () => {
  it('creates Kubernetes baselines and no Calico objects', async () => {
    const { network, cluster } = loadStackYaml('dev');
    const { resources } = await run(network, cluster, policyOf('dev'));
    expect(ofType(resources, K.networkPolicy).length).to.be.greaterThan(0);
    expect(resources.filter((r) => r.type.includes('projectcalico'))).to.deep.equal([]);
    expect(expectSchemasValid(resources)).to.equal(ofType(resources, K.networkPolicy).length);
  });

  it('refuses Calico objects on it with POLICY_ENGINE_MISMATCH, before anything is created', async () => {
    const { network, cluster } = loadStackYaml('dev');
    const error = await rejectionOf(run(network, cluster, { global: { imds: {} } }));
    expect(error).to.be.instanceOf(StackConfigError);
    expect(error.findings.map((f: StackFinding) => [f.code, f.config, f.path])).to.deep.include(['POLICY_ENGINE_MISMATCH', 'aks-networking:policy', 'global']);
    expect(error.message).to.include('error POLICY_ENGINE_MISMATCH aks-networking:policy.global');
  });

  it('reports bad policy config with its path (INVALID_CONFIG)', async () => {
    const { network, cluster } = loadStackYaml('dev');
    const error = await rejectionOf(run(network, cluster, { namespaces: { shop: { allow: [{ name: 'x', to: { podLabels: { app: 'a' } }, ports: [{ port: 70000 }] }] } } }));
    expect(error.message).to.include('INVALID_CONFIG aks-networking:policy.namespaces.shop.allow[0].ports[0].port');
  });

  it('creates nothing in the cluster for a stack without policy config or BYO CNI', async () => {
    const { network, cluster } = loadStackYaml('dev');
    const { resources } = await run(network, cluster, undefined);
    expect(resources.filter((r) => r.type.startsWith('kubernetes:') || r.type === K.provider)).to.deep.equal([]);
  });
});

/** A small BYO CNI stack: one System pool of at most 3 nodes in a /24. */
function byoNetwork(byoCni: Record<string, unknown>): any {
  return {
    addressSpace: ['10.60.0.0/16'],
    plugin: 'none',
    byoCni,
    networkPolicy: 'none',
    subnets: [{ name: 'nodes', prefixLength: 24 }],
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, maxPods: 110, subnet: 'nodes' }],
  };
}

describe('components: a BYO CNI stack installs its CNI from the pinned chart, with the plan\'s figures', () => {
  it('Calico: tigera-operator with IP pool = planned pool, blockSize = planned block, VXLAN, no BGP', async () => {
    const network = byoNetwork({ type: 'calico', poolCidr: '192.168.0.0/16', blockSize: 27 });
    const plan = planOf(network);
    // the planner's Calico pool: the configured pool, in /27 blocks of 32 addresses (calico-ippool)
    expect(plan.podRanges[0]).to.deep.include({ cidr: '192.168.0.0/16', blockPrefixLength: 27 });
    const { resources } = await run(network, {}, { namespaces: { shop: {} }, global: { tier: { name: 'platform', order: 100 } } });
    const release = one(resources, K.release);
    const i = release.inputs as any;
    expect([i.chart, i.version, i.repositoryOpts.repo, i.namespace]).to.deep.equal(['tigera-operator', 'v3.30.7', 'https://docs.tigera.io/calico/charts', 'tigera-operator']);
    // the chart's `installation` is the operator Installation spec (charts/tigera-operator/templates/crs/custom-resources.yaml);
    // Azure: VXLAN and BGP disabled (https://docs.tigera.io/calico/latest/getting-started/kubernetes/managed-public-cloud/aks)
    expect(i.values.installation.kubernetesProvider).to.equal('AKS');
    expect(i.values.installation.cni).to.deep.equal({ type: 'Calico', ipam: { type: 'Calico' } });
    expect(i.values.installation.calicoNetwork.bgp).to.equal('Disabled');
    expect(i.values.installation.calicoNetwork.ipPools).to.deep.equal([{ name: 'default-ipv4-ippool', cidr: '192.168.0.0/16', blockSize: 27, encapsulation: 'VXLAN', natOutgoing: 'Enabled', nodeSelector: 'all()' }]);
    expect(i.values.apiServer).to.deep.equal({ enabled: false });
    // the BYO Calico's version is the chart's: tiers (3.29+) are available, so the IMDS deny sits in one
    expect(one(resources, K.gnp).inputs.metadata).to.deep.include({ name: 'platform.deny-imds-egress' });
    // order: cluster -> CNI -> policy
    expect(one(resources, K.cni).options.dependsOn).to.deep.equal(['aks-test-cluster', 'aks-test-data-plane-role-propagation']);
    expect(one(resources, K.policy).options.dependsOn).to.deep.equal(['aks-test-cluster', 'aks-test-data-plane-role-propagation', release.name]);
    expect(release.parent).to.equal('aks-test-cni');
    expect(expectSchemasValid(resources)).to.be.greaterThan(0);
  });

  it('Cilium: aksbyocni, cluster-pool IPAM with the planned pool and mask size', async () => {
    const network = byoNetwork({ type: 'cilium', poolCidr: '10.244.0.0/16', maskSize: 25 });
    expect(planOf(network).podRanges[0]).to.deep.include({ cidr: '10.244.0.0/16', blockPrefixLength: 25 });
    const { resources } = await run(network, {}, { namespaces: { shop: {} } });
    const i = one(resources, K.release).inputs as any;
    expect([i.chart, i.version, i.repositoryOpts.repo, i.namespace]).to.deep.equal([CNI_CHARTS.cilium.chart, '1.19.3', 'https://helm.cilium.io/', 'kube-system']);
    // https://docs.cilium.io/en/stable/installation/k8s-install-helm/ (AKS BYOCNI) and the cluster-pool IPAM values
    expect(i.values).to.deep.equal({ aksbyocni: { enabled: true }, ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/16'], clusterPoolIPv4MaskSize: 25 } }, kubeProxyReplacement: false });
    expect(ofType(resources, K.networkPolicy).length).to.equal(2);
    expect(expectSchemasValid(resources)).to.equal(2);
    expect(one(resources, K.policy).options.dependsOn).to.deep.equal(['aks-test-cluster', 'aks-test-data-plane-role-propagation', one(resources, K.release).name]);
  });

  it('Flannel: Network = planned pool, vxlan backend, through helm.v4.Chart; a baseline is refused (Flannel enforces no policy)', async () => {
    const network = byoNetwork({ type: 'flannel', poolCidr: '10.244.0.0/16' });
    const { resources } = await run(network, {}, undefined);
    const chart = one(resources, K.chart);
    const i = chart.inputs as any;
    expect([i.chart, i.version, i.repositoryOpts.repo]).to.deep.equal(['flannel', 'v0.27.4', 'https://flannel-io.github.io/flannel/']);
    expect(i.values).to.deep.equal({ podCidr: '10.244.0.0/16', flannel: { backend: 'vxlan' } });
    // the chart creates no namespace (https://github.com/flannel-io/flannel#deploying-flannel-with-helm:
    // create kube-flannel, label it pod-security.kubernetes.io/enforce=privileged, then install)
    const ns = resources.find((r) => r.type === 'kubernetes:core/v1:Namespace' && (r.inputs as any).metadata.name === 'kube-flannel')!;
    expect((ns.inputs as any).metadata.labels).to.deep.include({ 'pod-security.kubernetes.io/enforce': 'privileged' });
    expect(i.namespace).to.equal('kube-flannel');
    expect(chart.options.dependsOn).to.include(ns.name);
    const error = await rejectionOf(run(network, {}, { namespaces: { shop: {} } }));
    expect(error.findings.map((f: StackFinding) => f.code)).to.include('POLICY_NOT_ENFORCED');
  });

  it('Flannel with a SubnetLen the chart cannot set is refused (CNI_NOT_DEPLOYABLE)', async () => {
    const error = await rejectionOf(run(byoNetwork({ type: 'flannel', poolCidr: '10.244.0.0/16', subnetLen: 25 }), {}, undefined));
    expect(error.findings.map((f: StackFinding) => [f.code, f.config, f.path])).to.deep.include(['CNI_NOT_DEPLOYABLE', 'aks-networking:network', 'byoCni.subnetLen']);
  });

  it('Weave Net: planned, never deployed (CNI_NOT_DEPLOYABLE says it is unmaintained)', async () => {
    const network = byoNetwork({ type: 'weave' });
    expect(planOf(network).findings.map((f) => f.code)).to.include('WEAVE_UNMAINTAINED');
    const error = await rejectionOf(run(network, {}, undefined));
    const finding = error.findings.find((f: StackFinding) => f.code === 'CNI_NOT_DEPLOYABLE');
    expect(finding).to.deep.include({ severity: 'error', config: 'aks-networking:network', path: 'byoCni.type' });
    expect(finding.message).to.match(/unmaintained/);
    expect(error.message).to.include('nothing was deployed');
  });
});
