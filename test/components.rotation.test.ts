// Changing a deployed stack: settings Azure cannot change on a pool rotate the pool (a new pool
// under a new name, created before the old one goes); settings only a new cluster can carry are
// refused unless the config allows rebuilding the cluster.
import { expect } from 'chai';
import { setStackOutputs } from '../components/mocks';
import { clone, loadStack, ofType, one, poolSpecs, rejectionOf, runStack, T, type StackRun } from './componentsHelpers';

describe('components: changing a deployed stack', () => {
  const dev = loadStack('dev');
  let deployed: StackRun;

  before(async () => {
    deployed = await runStack(dev.network, dev.cluster, { stack: 'dev' });
  });

  function poolName(run: StackRun, pool: string): string {
    return run.outputs.planSummary.pools.find((p) => p.name === pool)!.agentPoolName;
  }

  describe('pool rotation', () => {
    let changed: StackRun;
    before(async () => {
      const network = clone(dev.network);
      network.nodePools.find((p: any) => p.name === 'apps').maxPods = 50;
      changed = await runStack(network, dev.cluster, { stack: 'dev', previous: deployed.outputs.deployedSettings });
    });

    it('gives a pool whose maxPods changes a new Azure name (7 characters of its name + 5 of hash)', () => {
      const before = poolName(deployed, 'apps');
      const after = poolName(changed, 'apps');
      expect(after).not.to.equal(before);
      for (const name of [before, after]) expect(name).to.match(/^apps[0-9a-f]{5}$/);
      expect(poolSpecs(changed.resources).get(after)!.maxPods).to.equal(50);
    });

    it('keeps the old settings\' pool out of the graph, so Pulumi deletes it after creating the new one', () => {
      const before = poolName(deployed, 'apps');
      const pools = ofType(changed.resources, T.agentPool);
      expect(pools.map((p) => p.inputs.agentPoolName)).to.deep.equal([poolName(changed, 'apps')]);
      expect(poolSpecs(changed.resources).has(before)).to.equal(false);
      // create-before-delete: the new pool is a new resource, and never deleted before its replacement exists
      expect(pools[0].name).to.equal(`aks-dev-${poolName(changed, 'apps')}`);
      expect(pools[0].options.deleteBeforeReplace).to.equal(false);
    });

    it('says so: a POOL_ROTATION note naming both pools and the change', () => {
      const note = changed.findings.find((f) => f.code === 'POOL_ROTATION')!;
      expect(note).to.include({ severity: 'info', path: 'nodePools[1]' });
      expect(note.message).to.include('maxPods 110 -> 50').and.include(poolName(changed, 'apps')).and.include(poolName(deployed, 'apps'));
      expect(changed.outputs.planSummary.notes.join('\n')).to.include('POOL_ROTATION');
    });

    it('leaves the other pools alone', () => {
      expect(poolName(changed, 'system')).to.equal(poolName(deployed, 'system'));
    });
  });

  it('keeps the name when only settings Azure changes in place change (autoscaler range, surge)', async () => {
    const network = clone(dev.network);
    const apps = network.nodePools.find((p: any) => p.name === 'apps');
    apps.maxCount = 25;
    apps.maxSurge = 2;
    const run = await runStack(network, dev.cluster, { stack: 'dev', previous: deployed.outputs.deployedSettings });
    expect(poolName(run, 'apps')).to.equal(poolName(deployed, 'apps'));
    expect(run.findings.map((f) => f.code)).not.to.include('POOL_ROTATION');
    const pool = one(run.resources, T.agentPool);
    expect(pool.inputs).to.include({ maxCount: 25 });
    // the autoscaler owns the node count
    expect(pool.options.ignoreChanges).to.deep.equal(['count']);
  });

  it('reads the previous deployment through a StackReference to its own stack, as `pulumi up` does', async () => {
    setStackOutputs('dev', { deployedSettings: deployed.outputs.deployedSettings });
    try {
      const network = clone(dev.network);
      network.nodePools.find((p: any) => p.name === 'apps').vmSize = 'Standard_D16ds_v5';
      const run = await runStack(network, dev.cluster, { stack: 'dev', useStackReference: true });
      expect(one(run.resources, T.stackReference).name).to.equal('organization/aks-networking/dev');
      expect(run.findings.find((f) => f.code === 'POOL_ROTATION')!.message).to.include('vmSize Standard_D8ds_v5 -> Standard_D16ds_v5');
    } finally {
      setStackOutputs('dev', undefined);
    }
  });

  describe('changes that need a new cluster', () => {
    function newServiceRange(): any {
      const network = clone(dev.network);
      network.serviceCidr = '10.1.0.0/16';
      network.dnsServiceIP = '10.1.0.10';
      return network;
    }

    it('refuses them with CLUSTER_REPLACEMENT errors', async () => {
      const error = await rejectionOf(runStack(newServiceRange(), dev.cluster, { stack: 'dev', previous: deployed.outputs.deployedSettings }));
      const replacements = error.findings.filter((f: any) => f.code === 'CLUSTER_REPLACEMENT');
      expect(replacements.map((f: any) => [f.severity, f.path])).to.deep.equal([
        ['error', 'serviceCidr'],
        ['error', 'dnsServiceIP'],
      ]);
      expect(error.message).to.include('allowClusterReplacement');
    });

    it('replaces the cluster, and with it its pools, when the config allows it', async () => {
      const run = await runStack(newServiceRange(), { ...dev.cluster, allowClusterReplacement: true }, { stack: 'dev', previous: deployed.outputs.deployedSettings });
      const cluster = one(run.resources, T.cluster);
      expect(cluster.options.replaceOnChanges).to.deep.equal(['networkProfile.dnsServiceIP', 'networkProfile.serviceCidr']);
      // the Azure name is fixed, so the old cluster goes first
      expect(cluster.options.deleteBeforeReplace).to.equal(true);
      for (const pool of ofType(run.resources, T.agentPool)) {
        expect(pool.options.replaceWith).to.deep.equal([cluster.name]);
        expect(pool.options.deletedWith).to.equal(cluster.name);
      }
      expect(run.findings.filter((f) => f.code === 'CLUSTER_REPLACEMENT').map((f) => f.severity)).to.deep.equal(['warning', 'warning']);
    });

    it('treats the pool created with the cluster as part of it', async () => {
      const network = clone(dev.network);
      network.nodePools.find((p: any) => p.name === 'system').maxPods = 60;
      const error = await rejectionOf(runStack(network, dev.cluster, { stack: 'dev', previous: deployed.outputs.deployedSettings }));
      const finding = error.findings.find((f: any) => f.code === 'CLUSTER_REPLACEMENT');
      expect(finding).to.include({ severity: 'error', path: 'nodePools[0]' });
      expect(finding.message).to.include('maxPods 110 -> 60').and.include('created with the cluster');
    });

    it('keeps the deployed pool inline even when another System pool is listed first', async () => {
      const network = clone(dev.network);
      network.nodePools.unshift({ name: 'system2', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, maxPods: 110, subnet: 'aks-nodes' });
      const run = await runStack(network, dev.cluster, { stack: 'dev', previous: deployed.outputs.deployedSettings });
      const inline = (one(run.resources, T.cluster).inputs.agentPoolProfiles as any[]).map((p) => p.name);
      expect(inline).to.deep.equal([poolName(deployed, 'system')]);
      expect(ofType(run.resources, T.agentPool).map((p) => p.inputs.agentPoolName)).to.include(poolName(run, 'system2'));
    });
  });
});
