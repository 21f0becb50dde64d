// The Pulumi program under mocks builds exactly what the planner planned: for every bundled stack
// and for every network plugin, subnets carry the planned CIDRs, pools carry the planned maxPods
// and subnets, and the cluster's network profile is the plugin's.
import { expect } from 'chai';
import * as pulumi from '@pulumi/pulumi';
import type { RecordedResource } from '../components/mocks';
import type { Plugin } from '../planner/config';
import type { Plan } from '../planner/types';
import { runProgram } from '../components/mocks';
import { StackConfigError, type StackOutputs } from '../components/program';
import { bundledStacks, loadStack, ofType, one, planOf, poolSpecs, rejectionOf, runStack, subnetCidrs, subnetNameOf, T, valueOf, type StackRun } from './componentsHelpers';

/** What each plugin must look like in the AKS API, written from the fact sheet, not from the code. */
const EXPECTED_PROFILE: Record<Plugin, { networkPlugin: string; networkPluginMode?: string; podCidr: boolean; podSubnet: boolean; podIPAllocationMode?: string }> = {
  // `--network-plugin azure` without a mode is node-subnet mode [§12]
  'azure-cni': { networkPlugin: 'azure', podCidr: false, podSubnet: false },
  'azure-cni-dynamic': { networkPlugin: 'azure', podCidr: false, podSubnet: true, podIPAllocationMode: 'DynamicIndividual' },
  'azure-cni-static-block': { networkPlugin: 'azure', podCidr: false, podSubnet: true, podIPAllocationMode: 'StaticBlock' },
  'azure-cni-overlay': { networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: true, podSubnet: false },
  kubenet: { networkPlugin: 'kubenet', podCidr: true, podSubnet: false },
  // BYO CNI: AKS needs the CNI's pool as podCidr at create to route to pods [§15.3]
  none: { networkPlugin: 'none', podCidr: true, podSubnet: false },
};

/** Checks that hold for any stack: the graph is the plan. */
function expectGraphMatchesPlan(run: StackRun, plan: Plan): void {
  const { resources } = run;
  // the VNet has the planned address space and no inline subnets
  const vnet = one(resources, T.vnet);
  expect((vnet.inputs.addressSpace as any).addressPrefixes).to.deep.equal(plan.network.addressSpace);
  expect(vnet.inputs).not.to.have.property('subnets');

  // exactly the planned subnets, each with exactly its planned CIDR, created one after another
  expect(subnetCidrs(resources)).to.deep.equal(Object.fromEntries(plan.subnets.map((s) => [s.name, s.cidr])));
  const subnets = ofType(resources, T.subnet);
  subnets.forEach((s, i) => {
    expect(s.options.dependsOn ?? [], `${s.name} waits for the subnet before it`).to.deep.equal(i === 0 ? [] : [subnets[i - 1].name]);
    expect((s.inputs.networkSecurityGroup as any)?.id, `${s.name} has an NSG`).to.match(/\/networkSecurityGroups\//);
  });

  // every planned pool, with its planned settings
  const specs = poolSpecs(resources);
  const names = run.outputs.planSummary.pools;
  expect(specs.size).to.equal(plan.pools.length);
  for (const pool of plan.pools) {
    const agentPoolName = names.find((p) => p.name === pool.name)!.agentPoolName;
    const spec = specs.get(agentPoolName);
    expect(spec, `pool ${pool.name} (${agentPoolName})`).to.not.equal(undefined);
    expect(spec!.mode).to.equal(pool.mode);
    expect(spec!.vmSize).to.equal(pool.vmSize);
    expect(spec!.maxPods).to.equal(pool.maxPods);
    expect(subnetNameOf(spec!.vnetSubnetID)).to.equal(pool.subnet);
    expect(subnetNameOf(spec!.podSubnetID)).to.equal(pool.podSubnet);
    expect(spec!.enableAutoScaling).to.equal(pool.autoscale);
    if (pool.autoscale) {
      expect([spec!.minCount, spec!.maxCount]).to.deep.equal([pool.minNodes, pool.maxNodes]);
    } else {
      expect(spec!.count).to.equal(pool.maxNodes);
    }
    expect(spec!.upgradeSettings.maxSurge).to.equal(String(pool.maxSurge));
    expect(spec!.upgradeSettings.maxUnavailable).to.equal(pool.maxUnavailable ? String(pool.maxUnavailable) : undefined);
  }

  // the network profile is the plan's
  const profile = one(resources, T.cluster).inputs.networkProfile as Record<string, unknown>;
  expect(profile.serviceCidr).to.equal(plan.network.serviceCidr);
  expect(profile.dnsServiceIP).to.equal(plan.network.dnsServiceIP);
  expect(profile.networkPolicy).to.equal(plan.network.networkPolicy);
  expect(profile.loadBalancerSku).to.equal('standard');
}

function expectPluginShape(run: StackRun, plan: Plan): void {
  const expected = EXPECTED_PROFILE[plan.network.plugin];
  const { resources } = run;
  const profile = one(resources, T.cluster).inputs.networkProfile as Record<string, unknown>;
  expect(profile.networkPlugin).to.equal(expected.networkPlugin);
  expect(profile.networkPluginMode).to.equal(expected.networkPluginMode);
  // what is sent is what the planner's overlap checks saw: the plan's pod range, or none at all (the
  // SDK's default 10.244.0.0/16 must not leak into node- and pod-subnet Azure CNI)
  expect(profile.podCidr, 'podCidr sent').to.equal(expected.podCidr ? plan.network.podCidr : undefined);
  if (expected.podCidr) expect(profile.podCidr).to.be.a('string');

  for (const spec of poolSpecs(resources).values()) {
    if (expected.podSubnet) {
      expect(subnetNameOf(spec.podSubnetID), `${spec.name ?? spec.agentPoolName} has a pod subnet`).to.be.a('string');
      expect(spec.podIPAllocationMode).to.equal(expected.podIPAllocationMode);
    } else {
      expect(spec).not.to.have.property('podSubnetID');
      expect(spec).not.to.have.property('podIPAllocationMode');
    }
  }

  // pod subnets are delegated to AKS, node subnets never are [§7]
  for (const subnet of plan.subnets) {
    const inputs = ofType(resources, T.subnet).find((s) => s.inputs.subnetName === subnet.name)!.inputs;
    if (expected.podSubnet && subnet.role === 'pods') {
      expect(inputs.delegations).to.deep.equal([{ name: 'aks-pods', serviceName: 'Microsoft.ContainerService/managedClusters' }]);
    } else {
      expect(inputs).not.to.have.property('delegations');
    }
  }

  // kubenet: a route table on the node subnets, whose routes AKS owns [§9]
  const routeTables = ofType(resources, T.routeTable);
  if (plan.network.plugin === 'kubenet') {
    expect(routeTables).to.have.length(1);
    expect(routeTables[0].options.ignoreChanges).to.deep.equal(['routes']);
    for (const subnet of plan.subnets.filter((s) => s.role === 'nodes' || s.role === 'nodes+pods')) {
      const inputs = ofType(resources, T.subnet).find((s) => s.inputs.subnetName === subnet.name)!.inputs;
      expect((inputs.routeTable as any)?.id, `route table on ${subnet.name}`).to.match(/\/routeTables\//);
    }
    const scopes = ofType(resources, T.roleAssignment).map((r) => r.inputs.scope as string);
    expect(scopes.some((s) => /\/routeTables\//.test(s)), 'the control plane may write routes').to.equal(true);
  } else {
    expect(routeTables).to.have.length(0);
  }
}

describe('components: bundled stacks', () => {
  const stacks = bundledStacks();

  it('has the dev and prod stacks to test', () => {
    expect(stacks).to.include.members(['dev', 'prod']);
  });

  for (const stack of stacks) {
    describe(`Pulumi.${stack}.yaml`, () => {
      let run: StackRun;
      let plan: Plan;
      before(async () => {
        const { network, cluster, ingress } = loadStack(stack);
        plan = planOf(network);
        run = await runStack(network, cluster, { stack, ingress });
      });

      it('builds the planned subnets, pools and network profile', () => expectGraphMatchesPlan(run, plan));
      it(`has the shape of its plugin`, () => expectPluginShape(run, plan));

      it('grants the control-plane identity Network Contributor on every subnet with nodes or pods', () => {
        const scoped = ofType(run.resources, T.roleAssignment)
          .map((r) => subnetNameOf(r.inputs.scope))
          .filter(Boolean);
        expect(scoped).to.include.members(plan.subnets.filter((s) => s.role !== 'other').map((s) => s.name));
        const cluster = one(run.resources, T.cluster);
        // through the Sleep that lets the grants propagate [§15.6] (the cluster's own grants: the
        // ingress's public IP grant waits for the cluster instead)
        const clusterGrants = ofType(run.resources, T.roleAssignment).filter((r) => r.parent === `${cluster.inputs.resourceName}-cluster` && !r.name.endsWith('-deployer-rbac-cluster-admin'));
        expect(clusterGrants).to.not.be.empty;
        const sleep = roleWait(run.resources);
        expect(sleep.options.dependsOn).to.include.members(clusterGrants.map((r) => r.name));
        expect(cluster.options.dependsOn).to.include(sleep.name);
        // no replacement was allowed, so none may delete the cluster before its successor exists
        expect(cluster.options).not.to.have.property('deleteBeforeReplace');
        expect((cluster.inputs.identity as any).type).to.equal('UserAssigned');
      });

      it('exports the subnet IDs, the cluster name, the plan summary and a kubeconfig with no credential (kubelogin)', async () => {
        expect(Object.keys(run.outputs.subnetIds)).to.deep.equal(plan.subnets.map((s) => s.name));
        expect(await valueOf(run.outputs.clusterName)).to.equal(one(run.resources, T.cluster).inputs.resourceName);
        expect(run.outputs.planSummary.pools.map((p) => [p.name, p.headroomNodes])).to.deep.equal(plan.pools.map((p) => [p.name, p.headroomNodes]));
        // Entra ID cluster: the kubeconfig's user is a kubelogin exec block, nothing to keep secret
        expect(await valueOf(run.outputs.kubeconfig)).to.match(/^apiVersion: v1/).and.contain('command: kubelogin').and.not.match(/\btoken:|client-key-data/);
      });
    });
  }

  it('prod: a private cluster with a NAT gateway and a static public IP on the pool subnets', async () => {
    const { network, cluster } = loadStack('prod');
    const plan = planOf(network);
    const run = await runStack(network, cluster, { stack: 'prod' });
    expect((one(run.resources, T.cluster).inputs.apiServerAccessProfile as any).enablePrivateCluster).to.equal(true);
    expect(one(run.resources, T.publicIp).inputs).to.include({ publicIPAllocationMethod: 'Static' });
    const natted = ofType(run.resources, T.subnet)
      .filter((s) => (s.inputs.natGateway as any)?.id)
      .map((s) => s.inputs.subnetName);
    expect(natted).to.have.members(plan.subnets.filter((s) => s.role !== 'other').map((s) => s.name));
    expect((one(run.resources, T.cluster).inputs.networkProfile as any).outboundType).to.equal('userAssignedNATGateway');
    expect(run.findings.map((f) => f.code)).to.not.include('OUTBOUND_TYPE_MAPPED');
  });

  it('a pool upgraded in place carries maxUnavailable and no surge', async () => {
    const { network, cluster } = loadStack('dev');
    const inPlace = { ...network, nodePools: network.nodePools.map((p: any) => (p.name === 'apps' ? { ...p, maxSurge: 0, maxUnavailable: 2 } : p)) };
    const run = await runStack(inPlace, cluster, { stack: 'dev' });
    const name = run.outputs.planSummary.pools.find((p) => p.name === 'apps')!.agentPoolName;
    expect(poolSpecs(run.resources).get(name)!.upgradeSettings).to.deep.equal({ maxSurge: '0', maxUnavailable: '2' });
  });

  it('managedNATGateway on our own VNet becomes our NAT gateway with userAssignedNATGateway, and says so', async () => {
    const { network, cluster } = loadStack('prod');
    const run = await runStack({ ...(network as object), outboundType: 'managedNATGateway' }, cluster, { stack: 'prod' });
    // managedNATGateway needs an AKS-managed VNet; with our own VNet the gateway is ours
    expect((one(run.resources, T.cluster).inputs.networkProfile as any).outboundType).to.equal('userAssignedNATGateway');
    expect(one(run.resources, T.publicIp).inputs).to.include({ publicIPAllocationMethod: 'Static' });
    expect(run.findings.map((f) => f.code)).to.include('OUTBOUND_TYPE_MAPPED');
  });
});

/** A small, valid network for each plugin: two pools on one node subnet, plus a pod subnet where the plugin needs one. */
function networkFor(plugin: Plugin): Record<string, unknown> {
  const podSubnet = plugin === 'azure-cni-dynamic' || plugin === 'azure-cni-static-block';
  const pod = podSubnet ? { podSubnet: 'pods' } : {};
  return {
    addressSpace: ['10.60.0.0/16'],
    plugin,
    ...(plugin === 'azure-cni-overlay' || plugin === 'kubenet' ? { podCidr: '10.244.0.0/16' } : {}),
    ...(plugin === 'none' ? { byoCni: { type: 'calico', poolCidr: '192.168.0.0/16' } } : {}),
    networkPolicy: plugin === 'kubenet' ? 'calico' : 'none',
    kubernetesVersion: '1.33',
    serviceCidr: '172.16.0.0/16',
    dnsServiceIP: '172.16.0.10',
    subnets: [{ name: 'nodes', purpose: 'nodes' }, ...(podSubnet ? [{ name: 'pods', purpose: 'pods' }] : []), { name: 'ingress', purpose: 'ingress', prefixLength: 28 }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, maxPods: 31, subnet: 'nodes', ...pod },
      { name: 'work', vmSize: 'Standard_D8ds_v5', count: 4, maxPods: 47, maxSurge: '50%', subnet: 'nodes', ...pod },
    ],
  };
}

describe('components: every network plugin', () => {
  for (const plugin of Object.keys(EXPECTED_PROFILE) as Plugin[]) {
    it(plugin, async () => {
      const network = networkFor(plugin);
      const plan = planOf(network);
      expect(plan.findings.filter((f) => f.severity === 'error'), 'the test network plans cleanly').to.deep.equal([]);
      const run = await runStack(network, { name: `aks-${plugin}` });
      expectGraphMatchesPlan(run, plan);
      expectPluginShape(run, plan);
    });
  }
});

describe('components: index.ts', () => {
  it('reads aks-networking:network, :cluster, :ingress and :ingressRetiring from the stack config and builds them', async () => {
    const { network, cluster, ingress } = loadStack('dev');
    pulumi.runtime.setAllConfig({
      'aks-networking:network': JSON.stringify(network),
      'aks-networking:cluster': JSON.stringify(cluster),
      'aks-networking:ingress': JSON.stringify(ingress),
      // a move in progress: the old app-routing controller kept next to the Gateway
      'aks-networking:ingressRetiring': JSON.stringify({ controller: 'app-routing', routes: [{ host: 'www.dev.example.com', path: '/', namespace: 'storefront', service: 'web', port: 80 }] }),
    });
    try {
      const program: () => Promise<StackOutputs> = require('../index');
      const { resources, outputs } = await runProgram(program);
      expect(subnetCidrs(resources)).to.deep.equal(Object.fromEntries(planOf(network).subnets.map((s) => [s.name, s.cidr])));
      expect(await valueOf(outputs.clusterName)).to.equal('aks-dev');
      // and aks-networking:ingress: dev runs envoy-gateway, so one HTTPRoute per route (plus one
      // HTTP->HTTPS redirect per TLS host: both dev hosts have TLS)
      const tlsHosts = new Set(ingress.routes.filter((r: { tls?: unknown }) => r.tls).map((r: { host: string }) => r.host));
      expect(ofType(resources, 'kubernetes:gateway.networking.k8s.io/v1:HTTPRoute')).to.have.length(ingress.routes.length + tlsHosts.size);
      expect(ofType(resources, 'kubernetes:networking.k8s.io/v1:Ingress')).to.have.length(1);
      // it asks its own stack what it deployed last time
      expect(ofType(resources, T.stackReference).map((r) => r.name)).to.deep.equal(['organization/aks-networking/mock']);
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });
});

describe('components: the program refuses configs with errors', () => {
  it('fails with SUBNET_EXHAUSTED when a pinned subnet cannot hold its pool', async () => {
    // classic Azure CNI takes 1 + maxPods addresses per node [§3]: (10 nodes + 1 surge) x (1 + 30) = 341
    // addresses, and a /27 has 32 - 5 = 27 usable [§1]
    const network = {
      addressSpace: ['10.70.0.0/16'],
      plugin: 'azure-cni',
      subnets: [{ name: 'nodes', cidr: '10.70.0.0/27' }],
      nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 10, maxPods: 30, subnet: 'nodes' }],
    };
    const error = await rejectionOf(runStack(network, {}));
    expect(error).to.be.instanceOf(StackConfigError);
    expect(pulumi.RunError.isInstance(error), 'a RunError: Pulumi prints the message without a stack trace').to.equal(true);
    expect(error.findings.map((f: any) => f.code)).to.include('SUBNET_EXHAUSTED');
    expect(error.message).to.match(/error SUBNET_EXHAUSTED aks-networking:network\.subnets\[0\]: .*needs 341 addresses/);
  });

  it('reports bad cluster config with its path and INVALID_CONFIG', async () => {
    const error = await rejectionOf(runStack(loadStack('dev').network, { apiServer: { private: 'yes' } }));
    expect(pulumi.RunError.isInstance(error)).to.equal(true);
    expect(error.findings).to.deep.include({ severity: 'error', code: 'INVALID_CONFIG', config: 'aks-networking:cluster', path: 'apiServer.private', message: error.findings[0].message });
    expect(error.message).to.include('INVALID_CONFIG aks-networking:cluster.apiServer.private');
  });

  it('refuses a cluster kubernetesVersion that disagrees with the network one', async () => {
    const { network, cluster } = loadStack('dev');
    const error = await rejectionOf(runStack(network, { ...cluster, kubernetesVersion: '1.31' }));
    expect(error.message).to.include('INVALID_CONFIG aks-networking:cluster.kubernetesVersion');
  });
});

/** The Sleep after the control-plane identity's grants (the other Sleep waits for the deployer's data-plane role). */
function roleWait(resources: readonly RecordedResource[]): RecordedResource {
  return one(resources.filter((r) => r.name.endsWith('-role-propagation') && !r.name.endsWith('-data-plane-role-propagation')), T.sleep);
}
