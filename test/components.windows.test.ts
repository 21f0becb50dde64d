// Windows support is set when AKS creates the cluster: the ManagedCluster's windowsProfile (admin
// user and password). "Windows support must be enabled at cluster creation ... a cluster created
// without it can't get a Windows pool later":
// https://learn.microsoft.com/azure/aks/create-node-pools ("Limitations"). Username rules:
// https://learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update#managedclusterwindowsprofile
import { expect } from 'chai';
import { validateClusterConfig } from '../design/clusterConfig';
import { designStack } from '../design/stackDesign';
import { runProgram, type RecordedResource } from '../components/mocks';
import { settingsFromLiveCluster } from '../design/liveCluster';
import { buildStack } from '../components/program';
import { DISALLOWED_WINDOWS_ADMIN_USERNAMES } from '../design/windowsProfile';
import type { StackFinding } from '../design/stackFindings';
import { one, rejectionOf, T } from './componentsHelpers';

/** the date end-of-support findings count from: pinned (the developers' guide: tests always pin it) */
const TODAY = new Date('2026-12-04T00:00:00Z');

/** Overlay (Windows Server 2022+ supported, rules §15.2) with a Linux System pool and a Windows User pool. */
function withWindowsPool(): Record<string, unknown> {
  return {
    addressSpace: ['10.30.0.0/16'],
    plugin: 'azure-cni-overlay',
    podCidr: '10.244.0.0/16',
    subnets: [{ name: 'aks-nodes', prefixLength: 24 }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3, maxPods: 110, subnet: 'aks-nodes' },
      { name: 'win', mode: 'User', osType: 'Windows', vmSize: 'Standard_D4ds_v5', count: 2, maxPods: 110, subnet: 'aks-nodes' },
    ],
  };
}
function linuxOnly(): Record<string, unknown> {
  const network = withWindowsPool();
  (network.nodePools as unknown[]).pop();
  return network;
}

async function run(network: unknown, cluster: unknown, options: { password?: string; previous?: unknown } = {}) {
  const findings: StackFinding[] = [];
  return runProgram(() =>
    buildStack(network, cluster, {
      stack: 'dev',
      readPrevious: async () => options.previous,
      readLiveCluster: async () => ({ found: false }),
      providerLocation: 'westeurope',
      ...(options.password !== undefined ? { windowsAdminPassword: options.password } : {}),
      onFinding: (f) => findings.push(f),
    }),
  );
}
const errorsOf = (e: any) => (e.findings as StackFinding[]).filter((f) => f.severity === 'error').map((f) => [f.code, f.config, f.path]);

describe('Windows profile', () => {
  it('sends windowsProfile with the admin user and the password as a secret', async () => {
    const { resources } = await run(withWindowsPool(), { windows: { adminUsername: 'azureuser' } }, { password: 'P@ssw0rd-not-real-123' });
    const cluster: RecordedResource = one(resources, T.cluster);
    // the mocks show a secret input as "[secret]", never its value; Pulumi sends the whole windowsProfile
    // as a secret because it holds one (the username is checked through the design below)
    expect(cluster.inputs.windowsProfile).to.equal('[secret]');
    expect(JSON.stringify(resources)).not.to.contain('P@ssw0rd-not-real-123');
  });

  it('sends it for a Linux-only cluster that sets windows (Windows pools can be added later only then)', async () => {
    const { resources, outputs } = await run(linuxOnly(), { windows: { adminUsername: 'azureuser' } }, { password: 'x' });
    expect(one(resources, T.cluster).inputs.windowsProfile).to.equal('[secret]');
    expect(outputs.deployedSettings.cluster.windows).to.equal(true);
  });

  it('sends none without windows', async () => {
    const { resources, outputs } = await run(linuxOnly(), {});
    expect(one(resources, T.cluster).inputs).not.to.have.property('windowsProfile');
    expect(outputs.deployedSettings.cluster.windows ?? false).to.equal(false);
  });

  // AKS generates a default Windows profile for clusters on VMSS + Azure CNI + Standard LB (Microsoft
  // in https://github.com/Azure/AKS/issues/1545 and #2101): a Windows pool needs no cluster.windows
  it('deploys a Windows pool without the Windows profile (AKS generates the admin account), with a note saying so', async () => {
    const findings: StackFinding[] = [];
    const { resources } = await runProgram(() =>
      buildStack(withWindowsPool(), {}, { stack: 'dev', readPrevious: async () => undefined, readLiveCluster: async () => ({ found: false }), providerLocation: 'westeurope', onFinding: (f) => findings.push(f) }),
    );
    expect(one(resources, T.cluster).inputs).not.to.have.property('windowsProfile');
    expect(resources.filter((r) => r.type === T.agentPool).map((r) => (r.inputs as any).osType)).to.include('Windows');
    expect(findings.map((f) => [f.severity, f.code, f.path])).to.deep.include(['info', 'WINDOWS_PROFILE_GENERATED', 'windows']);
  });

  it('refuses windows without the secret aks-networking:windowsAdminPassword', async () => {
    const error = await rejectionOf(run(withWindowsPool(), { windows: { adminUsername: 'azureuser' } }));
    expect(errorsOf(error)).to.deep.equal([['INVALID_CONFIG', 'aks-networking:windowsAdminPassword', '']]);
  });

  it('refuses every disallowed username, in any case, and names the config path', () => {
    expect(DISALLOWED_WINDOWS_ADMIN_USERNAMES).to.have.length(32); // the API's list, counted
    for (const name of [...DISALLOWED_WINDOWS_ADMIN_USERNAMES, 'Administrator', 'ROOT']) {
      const result = validateClusterConfig({ windows: { adminUsername: name } }, 'dev');
      expect(result.ok, name).to.equal(false);
      if (!result.ok) expect(result.issues.map((i) => [i.code, i.path])).to.deep.equal([['INVALID_CONFIG', 'windows.adminUsername']]);
    }
  });

  it('takes 1-20 characters not ending in "."', () => {
    const ok = (adminUsername: string) => validateClusterConfig({ windows: { adminUsername } }, 'dev').ok;
    expect(ok('azureuser')).to.equal(true);
    expect(ok('u'.repeat(20)), '20 characters').to.equal(true);
    expect(ok('u'.repeat(21)), '21 characters').to.equal(false);
    expect(ok(''), 'empty').to.equal(false);
    expect(ok('azureuser.'), 'trailing "."').to.equal(false);
    expect(ok('azure.user'), 'inner "."').to.equal(true);
  });

  describe('a deployed cluster', () => {
    const design = (cluster: Record<string, unknown>, previousRaw?: unknown) =>
      designStack({ today: TODAY, stack: 'dev', networkRaw: linuxOnly(), clusterRaw: cluster, previousRaw, windowsAdminPasswordSet: true, providerLocation: 'westeurope' });
    const deployedWithout = () => {
      const first = design({});
      if (!first.ok) throw new Error('first design refused');
      return first.design.settings;
    };

    it('created without Windows cannot get it: CLUSTER_REPLACEMENT, an error unless replacement is allowed', () => {
      const refused = design({ windows: { adminUsername: 'azureuser' } }, deployedWithout());
      expect(refused.ok).to.equal(false);
      if (!refused.ok) expect(refused.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.config, f.path])).to.deep.equal([['CLUSTER_REPLACEMENT', 'aks-networking:cluster', 'windows']]);

      const allowed = design({ windows: { adminUsername: 'azureuser' }, allowClusterReplacement: true }, deployedWithout());
      expect(allowed.ok).to.equal(true);
      if (allowed.ok) {
        expect(allowed.design.findings.map((f) => [f.severity, f.code, f.path])).to.deep.include(['warning', 'CLUSTER_REPLACEMENT', 'windows']);
        expect(allowed.design.replaceOnChanges).to.include('windowsProfile');
      }
    });

    it('settings exported before the windows field read as "no Windows profile"', () => {
      const { windows: _none, ...old } = { ...deployedWithout().cluster } as Record<string, unknown>;
      const result = design({ windows: { adminUsername: 'azureuser' } }, { ...deployedWithout(), cluster: old });
      expect(result.ok).to.equal(false);
    });

    it('carries the configured admin user to the cluster settings', () => {
      const result = design({ windows: { adminUsername: 'azureuser' } });
      expect(result.ok && result.design.cluster.windows).to.deep.equal({ adminUsername: 'azureuser' });
    });

    it('created with Windows keeps it: no finding when the config keeps windows', () => {
      const first = design({ windows: { adminUsername: 'azureuser' } });
      expect(first.ok).to.equal(true);
      if (!first.ok) return;
      const again = design({ windows: { adminUsername: 'azureuser' } }, first.design.settings);
      expect(again.ok).to.equal(true);
      if (again.ok) expect(again.design.findings.map((f) => f.code)).not.to.include('CLUSTER_REPLACEMENT');
    });

    it('reads the Windows profile of a live cluster (no deployedSettings)', () => {
      const cluster = validateClusterConfig({}, 'dev');
      if (!cluster.ok) throw new Error('refused');
      const live = { name: 'aks-dev', networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay' }, agentPoolProfiles: [] };
      expect(settingsFromLiveCluster({ ...live, windowsProfile: { adminUsername: 'azureuser' } }, cluster.settings, []).cluster.windows).to.equal(true);
      expect(settingsFromLiveCluster(live, cluster.settings, []).cluster.windows ?? false).to.equal(false);
    });
  });
});
