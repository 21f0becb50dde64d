// The config `aksnet migrate` prints, applied through the real Pulumi program under mocks on top of
// the kubenet (or node-subnet Azure CNI) cluster it replaces: `pulumi up` must update the cluster in
// place to overlay, rename no pool, move no subnet, and detach the kubenet route table only after
// the cluster update. https://learn.microsoft.com/azure/aks/update-azure-cni
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import type { RecordedResource } from '../components/mocks';
import { parseCidr } from '../planner/cidr';
import { planMigration } from '../planner/migrate';
import { validateNetworkConfig } from '../planner/validate';
import { clone, ofType, one, poolSpecs, rejectionOf, ROOT, runStack, subnetCidrs, T, type StackRun } from './componentsHelpers';
import { sysPool, userPool } from './plannerHelpers';

function legacyStack(): { network: any; cluster: any } {
  const doc = load(fs.readFileSync(path.join(ROOT, 'examples/kubenet/Pulumi.legacy.yaml'), 'utf8')) as { config: Record<string, any> };
  return { network: doc.config['aks-networking:network'], cluster: doc.config['aks-networking:cluster'] };
}

function migrationConfig(network: unknown, stack: string, podCidr?: string) {
  const resolved = validateNetworkConfig(network);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  const given = podCidr ? parseCidr(podCidr) : undefined;
  return planMigration({ stack, network: resolved.network, others: [], to: 'azure-cni-overlay', ...(given?.ok ? { podCidr: given.cidr } : {}), today: new Date('2026-11-29') });
}

/** Deploy `network` (no earlier deployment), then apply the migration config on top of it. */
async function deployThenMigrate(network: any, cluster: any, stack = 'legacy'): Promise<{ first: StackRun; second: StackRun; config: any }> {
  const first = await runStack(network, cluster, { stack });
  const plan = migrationConfig(network, stack);
  expect(plan.ok, JSON.stringify(plan.preconditions.filter((p) => !p.ok))).to.equal(true);
  const second = await runStack(plan.config, cluster, { stack, previous: first.outputs.deployedSettings });
  return { first, second, config: plan.config };
}

const byName = (resources: readonly RecordedResource[], name: string) => {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};

describe('aksnet migrate config through the Pulumi program (mocks)', () => {
  it('moves the kubenet example cluster in place to overlay: same cluster, same pools, same subnets', async () => {
    const { network, cluster } = legacyStack();
    const { first, second, config } = await deployThenMigrate(network, cluster);

    expect(second.findings.filter((f) => f.severity !== 'info').map((f) => [f.severity, f.code, f.path])).to.deep.equal([['warning', 'IN_PLACE_MIGRATION', 'plugin']]);
    expect(second.findings.map((f) => f.code)).to.not.include.members(['POOL_ROTATION', 'CLUSTER_REPLACEMENT', 'SUBNET_CHANGE']);

    const before = one(first.resources, T.cluster);
    const after = one(second.resources, T.cluster);
    // one Azure cluster, updated: same Pulumi name, same Azure name, no replacement asked for
    expect(after.name).to.equal(before.name);
    expect(after.inputs.resourceName).to.equal(before.inputs.resourceName);
    expect(after.options.replaceOnChanges).to.equal(undefined);
    const profile = after.inputs.networkProfile as Record<string, unknown>;
    expect(profile).to.include({ networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: config.podCidr, networkPolicy: 'none' });
    expect((before.inputs.networkProfile as Record<string, unknown>).networkPlugin).to.equal('kubenet');
    // the identity AKS needs to detach the route table is user-assigned
    expect((after.inputs.identity as Record<string, unknown>).type).to.equal('UserAssigned');

    // every pool keeps its Azure name (no rotation) and its maxPods
    const poolsBefore = poolSpecs(first.resources);
    const poolsAfter = poolSpecs(second.resources);
    expect([...poolsAfter.keys()]).to.deep.equal([...poolsBefore.keys()]);
    for (const [name, spec] of poolsAfter) expect(spec.maxPods, name).to.equal(poolsBefore.get(name)!.maxPods);
    // every subnet keeps its range
    expect(subnetCidrs(second.resources)).to.deep.equal(subnetCidrs(first.resources));
    // kubenet had a route table; overlay has none
    expect(ofType(first.resources, T.routeTable)).to.have.length(1);
    expect(ofType(second.resources, T.routeTable)).to.have.length(0);
  });

  it('detaches the route table only after the cluster update: the node subnet waits for the cluster, the cluster does not wait for it', async () => {
    const { network, cluster } = legacyStack();
    const { first, second } = await deployThenMigrate(network, cluster);
    const nodesBefore = byName(first.resources, 'aks-legacy-aks-nodes');
    const nodesAfter = byName(second.resources, 'aks-legacy-aks-nodes');
    expect((nodesBefore.inputs.routeTable as { id: string }).id).to.match(/\/routeTables\/aks-legacy-rt$/);
    expect(nodesAfter.inputs.routeTable).to.equal(undefined);

    // the subnet's update (dropping routeTable) depends on the cluster component, which holds the managed cluster and its pools
    expect(nodesAfter.options.dependsOn).to.include('aks-legacy-cluster');
    const managedCluster = one(second.resources, T.cluster);
    expect(managedCluster.parent).to.equal('aks-legacy-cluster');
    for (const pool of ofType(second.resources, T.agentPool)) expect(pool.parent).to.equal('aks-legacy-cluster');
    // no edge back: neither the cluster, its pools nor its role assignments take an input from the subnet
    for (const r of second.resources.filter((x) => x.parent === 'aks-legacy-cluster')) {
      expect(r.options.inputsFrom ?? [], r.name).to.not.include('aks-legacy-aks-nodes');
      expect(r.options.dependsOn ?? [], r.name).to.not.include('aks-legacy-aks-nodes');
    }
    // ... yet they point at the same subnet ID as before
    const subnetOf = (run: StackRun) => Object.fromEntries([...poolSpecs(run.resources)].map(([name, spec]) => [name, spec.vnetSubnetID]));
    expect(subnetOf(second)).to.deep.equal(subnetOf(first));

    // on the first deployment it is the other way round: the cluster waits for its subnet
    const firstCluster = one(first.resources, T.cluster);
    expect(nodesBefore.options.dependsOn ?? []).to.not.include('aks-legacy-cluster');
    const grant = byName(first.resources, 'aks-legacy-network-contributor-subnet-aks-nodes');
    expect(grant.options.inputsFrom).to.include('aks-legacy-aks-nodes');
    // the cluster waits for the grants through the role-propagation pause
    const waitsFor = (r: RecordedResource): string[] => (r.options.dependsOn ?? []).flatMap((d) => [d, ...waitsFor(byName(first.resources, d))]);
    expect(waitsFor(firstCluster)).to.include(grant.name);
  });

  it('detaches the route table from every subnet that had it (node and Application Gateway subnets), one subnet at a time', async () => {
    const { network, cluster } = legacyStack();
    const withGateway = clone(network);
    withGateway.subnets.push({ name: 'appgw', purpose: 'appgateway' });
    const { first, second } = await deployThenMigrate(withGateway, cluster);
    expect(byName(first.resources, 'aks-legacy-appgw').inputs.routeTable).to.not.equal(undefined);
    const nodes = byName(second.resources, 'aks-legacy-aks-nodes');
    const gateway = byName(second.resources, 'aks-legacy-appgw');
    expect(gateway.inputs.routeTable).to.equal(undefined);
    // Azure takes one subnet operation per VNet at a time: the second waits for the first, which waits for the cluster
    expect(nodes.options.dependsOn).to.include('aks-legacy-cluster');
    expect(gateway.options.dependsOn).to.deep.equal(['aks-legacy-aks-nodes']);
  });

  it('a kubenet cluster with Calico: the config is refused until the engine is gone, as NETWORK_POLICY says', async () => {
    const { network, cluster } = legacyStack();
    const calico = { ...clone(network), networkPolicy: 'calico' };
    const first = await runStack(calico, cluster, { stack: 'legacy' });
    const plan = migrationConfig(calico, 'legacy');
    expect(plan.preconditions.find((p) => p.code === 'NETWORK_POLICY')!.ok).to.equal(false);
    const refused = await rejectionOf(runStack(plan.config, cluster, { stack: 'legacy', previous: first.outputs.deployedSettings }));
    expect(refused.findings.map((f: any) => [f.severity, f.code, f.path])).to.deep.include(['error', 'IN_PLACE_MIGRATION', 'networkPolicy']);
    // step 1 of the plan: uninstall (networkPolicy: none on kubenet), then the same config goes through
    const uninstalled = await runStack({ ...clone(calico), networkPolicy: 'none' }, cluster, { stack: 'legacy', previous: first.outputs.deployedSettings });
    const moved = await runStack(plan.config, cluster, { stack: 'legacy', previous: uninstalled.outputs.deployedSettings });
    expect(moved.findings.filter((f) => f.severity === 'warning').map((f) => f.code)).to.deep.equal(['IN_PLACE_MIGRATION']);
  });

  it('without pinned maxPods the plugin change would replace every pool: why the config pins them', async () => {
    const { network, cluster } = legacyStack();
    const first = await runStack(network, cluster, { stack: 'legacy' });
    const naive = { ...clone(network), plugin: 'azure-cni-overlay' };
    // kubenet defaults to 110 pods, overlay to 250: the bootstrap pool cannot change, so the program refuses
    const refused = await rejectionOf(runStack(naive, cluster, { stack: 'legacy', previous: first.outputs.deployedSettings }));
    expect(refused.findings.map((f: any) => f.code)).to.include('CLUSTER_REPLACEMENT');
  });

  it('moves node-subnet Azure CNI to overlay with the new pod CIDR, subnets unchanged', async () => {
    const network = {
      addressSpace: ['10.50.0.0/16'],
      plugin: 'azure-cni',
      kubernetesVersion: '1.33',
      subnets: [{ name: 'nodes' }],
      nodePools: [sysPool({ maxPods: undefined }), userPool('apps', { maxPods: 60 })],
    };
    const cluster = { name: 'aks-classic' };
    const { first, second, config } = await deployThenMigrate(network, cluster, 'classic');
    // (3 + 1) + (3 + 1) = 8 /24s fit a /16, AKS's default overlay size, at AKS's default place
    expect(config.podCidr).to.equal('10.244.0.0/16');
    expect(one(second.resources, T.cluster).inputs.networkProfile).to.include({ networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16' });
    expect(subnetCidrs(second.resources)).to.deep.equal(subnetCidrs(first.resources));
    expect([...poolSpecs(second.resources).keys()]).to.deep.equal([...poolSpecs(first.resources).keys()]);
    // no route table was involved, so nothing waits for the cluster
    expect(byName(second.resources, 'aks-classic-nodes').options.dependsOn ?? []).to.not.include('aks-classic-cluster');
    expect(second.findings.map((f) => f.code)).to.not.include('SUBNET_CHANGE');
  });

  it('a kubenet pod CIDR grown during the move (--pod-cidr containing the old range) is part of the same in-place update', async () => {
    const { network, cluster } = legacyStack();
    const first = await runStack(network, cluster, { stack: 'legacy' });
    const plan = migrationConfig(network, 'legacy', '10.244.0.0/15');
    expect(plan.ok).to.equal(true);
    const second = await runStack(plan.config, cluster, { stack: 'legacy', previous: first.outputs.deployedSettings });
    expect(second.findings.filter((f) => f.severity === 'warning').map((f) => [f.code, f.path])).to.deep.equal([
      ['IN_PLACE_MIGRATION', 'plugin'],
      ['IN_PLACE_MIGRATION', 'podCidr'],
    ]);
    expect(one(second.resources, T.cluster).inputs.networkProfile).to.include({ podCidr: '10.244.0.0/15' });
  });

  it('userDefinedRouting: the default route moves to an egress route table, which the subnets take after the cluster update', async () => {
    const { network, cluster } = legacyStack();
    const udr = { ...clone(network), outboundType: 'userDefinedRouting', userDefinedRouting: { nextHopIp: '10.30.255.4' } };
    udr.subnets.push({ name: 'AzureFirewallSubnet', cidr: '10.30.255.0/26', purpose: 'other' });
    const { first, second } = await deployThenMigrate(udr, cluster);
    // kubenet: the default route lives in kubenet's table
    expect(ofType(first.resources, T.routeTable)).to.have.length(1);
    const nodes = byName(second.resources, 'aks-legacy-aks-nodes');
    const egressTable = one(second.resources, T.routeTable);
    expect((egressTable.inputs.routes as { addressPrefix: string; nextHopIpAddress: string }[])[0]).to.include({ addressPrefix: '0.0.0.0/0', nextHopIpAddress: '10.30.255.4' });
    expect((nodes.inputs.routeTable as { id: string }).id).to.match(new RegExp(`/routeTables/${egressTable.inputs.routeTableName}$`));
    // the swap waits for the cluster; the cluster waits for the new table, not for the subnet
    expect(nodes.options.dependsOn).to.include('aks-legacy-cluster');
    const managedCluster = one(second.resources, T.cluster);
    expect(managedCluster.options.dependsOn).to.include(egressTable.name);
    expect(managedCluster.options.dependsOn).to.not.include(nodes.name);
    expect(managedCluster.options.inputsFrom ?? []).to.not.include(nodes.name);
  });
});
