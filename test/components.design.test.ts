// The pure decisions behind the components: pool names, the cluster config, and what a change to a
// deployed stack means (compareDeployedSettings). No Pulumi runtime involved.
import { expect } from 'chai';
import { validateClusterConfig } from '../design/clusterConfig';
import { compareDeployedSettings, parseDeployedSettings, type DeployedSettings } from '../design/deployedSettings';
import { agentPoolName, POOL_NAME_LAYOUT, type PoolIdentity } from '../design/nodePoolName';
import { sha256Hex } from '../design/sha256';

describe('design: sha256Hex, the hash in derived names', () => {
  it('is SHA-256 in hex: the FIPS 180-2 example vectors', () => {
    // https://csrc.nist.gov/csrc/media/publications/fips/180/2/archive/2002-08-01/documents/fips180-2.pdf, appendix B
    expect(sha256Hex('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).to.equal('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});

describe('components: pool names (nodePoolName)', () => {
  const apps: PoolIdentity = { name: 'applications', osType: 'Linux', vmSize: 'Standard_D8ds_v5', maxPods: 110, subnet: 'aks-nodes' };

  it('is 7 characters of the pool name and 5 of hash: at most 12 lowercase letters and digits', () => {
    const name = agentPoolName(apps);
    expect(name).to.match(/^applica[0-9a-f]{5}$/);
    expect(name.length).to.be.at.most(12);
  });

  it('keeps Windows pools within 6 characters', () => {
    const name = agentPoolName({ ...apps, name: 'win', osType: 'Windows' });
    expect(name).to.match(/^wi[0-9a-f]{4}$/);
    expect(POOL_NAME_LAYOUT.Windows.prefix + POOL_NAME_LAYOUT.Windows.hash).to.equal(6);
  });

  it('is the same for the same settings, and changes with each setting Azure cannot change in place [§4, §9]', () => {
    expect(agentPoolName({ ...apps })).to.equal(agentPoolName(apps));
    const variants: PoolIdentity[] = [
      { ...apps, maxPods: 50 },
      { ...apps, vmSize: 'Standard_D16ds_v5' },
      { ...apps, subnet: 'aks-nodes-2' },
      { ...apps, podSubnet: 'aks-pods' },
      { ...apps, podSubnet: 'aks-pods', podIpAllocation: 'StaticBlock' },
    ];
    const names = new Set([agentPoolName(apps), ...variants.map(agentPoolName)]);
    expect(names.size).to.equal(variants.length + 1);
  });

  it('differs for pools whose names share the kept prefix, even with the same settings', () => {
    const a = agentPoolName({ ...apps, name: 'workers1' });
    const b = agentPoolName({ ...apps, name: 'workers2' });
    expect(a.slice(0, 7)).to.equal(b.slice(0, 7));
    expect(a).not.to.equal(b);
  });

  it('ignores VM size capitalisation, which Azure ignores too', () => {
    expect(agentPoolName({ ...apps, vmSize: 'standard_d8ds_v5' })).to.equal(agentPoolName(apps));
  });
});

describe('components: cluster config (aks-networking:cluster)', () => {
  it('fills defaults from the stack name', () => {
    const result = validateClusterConfig(undefined, 'dev');
    expect(result).to.deep.equal({
      ok: true,
      settings: {
        name: 'aks-dev',
        resourceGroupName: 'rg-aks-dev',
        existingResourceGroup: false,
        dnsPrefix: 'aks-dev',
        apiServer: { private: false, authorizedIpRanges: [] },
        allowClusterReplacement: false,
        // Azure RBAC: role assignments take "up to 10 minutes" to reach ARM
        // (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting, rules §15.6)
        rolePropagationWait: '10m',
        tags: {},
        // Entra ID + Azure RBAC always; local accounts off unless asked (design/clusterAccess.ts)
        access: { adminGroupObjectIds: [], localAccounts: false, kubelogin: 'azurecli', grantDeployer: true },
      },
    });
  });

  it('reports wrong types and unknown keys with a path and INVALID_CONFIG', () => {
    const result = validateClusterConfig({ apiServer: { private: 'yes' }, nmae: 'x' }, 'dev');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).to.deep.include.members([
      ['INVALID_CONFIG', 'apiServer.private'],
      ['INVALID_CONFIG', ''],
    ]);
    expect(result.issues.find((i) => i.path === '')!.message).to.include('nmae');
  });

  it('refuses authorized IP ranges on a private cluster, and malformed ranges', () => {
    const result = validateClusterConfig({ apiServer: { private: true, authorizedIpRanges: ['203.0.113.7/24'] } }, 'dev');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).to.deep.equal([
      ['INVALID_CIDR', 'apiServer.authorizedIpRanges[0]'],
      ['INVALID_CONFIG', 'apiServer.authorizedIpRanges'],
    ]);
  });

  it('needs the name of an existing resource group', () => {
    const result = validateClusterConfig({ existingResourceGroup: true }, 'dev');
    expect(result.ok === false && result.issues[0].path).to.equal('resourceGroupName');
  });
});

/** A deployed overlay stack to change one thing at a time. */
function deployed(overrides: Partial<DeployedSettings> = {}, profile: Partial<DeployedSettings['profile']> = {}): DeployedSettings {
  return {
    version: 1,
    cluster: { name: 'aks-dev', resourceGroupName: 'rg-aks-dev', dnsPrefix: 'aks-dev', privateCluster: false },
    plugin: 'azure-cni-overlay',
    profile: {
      networkPlugin: 'azure',
      networkPluginMode: 'overlay',
      networkPolicy: 'none',
      podCidr: '10.244.0.0/16',
      serviceCidr: '10.0.0.0/16',
      dnsServiceIP: '10.0.0.10',
      outboundType: 'loadBalancer',
      loadBalancerSku: 'standard',
      ...profile,
    },
    subnets: [{ name: 'nodes', cidr: '10.20.0.0/24' }],
    bootstrapPool: 'system',
    pools: [
      { name: 'system', osType: 'Linux', vmSize: 'Standard_D4ds_v5', maxPods: 110, subnet: 'nodes', agentPoolName: 'systemaaaaa' },
      { name: 'apps', osType: 'Linux', vmSize: 'Standard_D8ds_v5', maxPods: 110, subnet: 'nodes', agentPoolName: 'appsbbbbb' },
    ],
    ...overrides,
  };
}

const forbid = { allowClusterReplacement: false };
const allow = { allowClusterReplacement: true };
const codes = (r: ReturnType<typeof compareDeployedSettings>) => r.findings.map((f) => [f.severity, f.code, f.path]);

describe('components: compareDeployedSettings', () => {
  it('finds nothing to say about a first deployment or an unchanged one', () => {
    expect(compareDeployedSettings(undefined, deployed(), forbid)).to.deep.equal({ findings: [], replaceOnChanges: [] });
    expect(compareDeployedSettings(deployed(), deployed(), forbid)).to.deep.equal({ findings: [], replaceOnChanges: [] });
  });

  it('refuses a change of plugin AKS cannot make in place, and replaces on it when allowed [§9]', () => {
    const next = deployed({ plugin: 'kubenet' }, { networkPlugin: 'kubenet', networkPluginMode: undefined });
    expect(codes(compareDeployedSettings(deployed(), next, forbid))).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'plugin']]);
    const allowed = compareDeployedSettings(deployed(), next, allow);
    expect(codes(allowed)).to.deep.equal([['warning', 'CLUSTER_REPLACEMENT', 'plugin']]);
    expect(allowed.replaceOnChanges).to.deep.equal(['networkProfile.networkPlugin', 'networkProfile.networkPluginMode']);
  });

  it('lets kubenet move to overlay in place, once the policy engine is off [§8, §14.9]', () => {
    const kubenet = deployed({ plugin: 'kubenet' }, { networkPlugin: 'kubenet', networkPluginMode: undefined, networkPolicy: 'calico' });
    const overlay = deployed();
    expect(codes(compareDeployedSettings(kubenet, overlay, forbid))).to.deep.equal([
      ['warning', 'IN_PLACE_MIGRATION', 'plugin'],
      ['error', 'IN_PLACE_MIGRATION', 'networkPolicy'],
    ]);
    const kubenetNoPolicy = deployed({ plugin: 'kubenet' }, { networkPlugin: 'kubenet', networkPluginMode: undefined });
    expect(codes(compareDeployedSettings(kubenetNoPolicy, overlay, forbid))).to.deep.equal([['warning', 'IN_PLACE_MIGRATION', 'plugin']]);
  });

  it('lets overlay grow its pod CIDR into a range containing the old one, never shrink or move it [§9]', () => {
    // 10.244.0.0/15 covers 10.244.0.0-10.245.255.255, which contains 10.244.0.0/16
    expect(codes(compareDeployedSettings(deployed(), deployed({}, { podCidr: '10.244.0.0/15' }), forbid))).to.deep.equal([['warning', 'IN_PLACE_MIGRATION', 'podCidr']]);
    expect(codes(compareDeployedSettings(deployed(), deployed({}, { podCidr: '10.244.0.0/17' }), forbid))).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'podCidr']]);
    expect(codes(compareDeployedSettings(deployed(), deployed({}, { podCidr: '10.128.0.0/16' }), forbid))).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'podCidr']]);
  });

  it('never lets kubenet change its pod CIDR [§9]', () => {
    const kubenet = (podCidr: string) => deployed({ plugin: 'kubenet' }, { networkPlugin: 'kubenet', networkPluginMode: undefined, podCidr });
    expect(codes(compareDeployedSettings(kubenet('10.244.0.0/16'), kubenet('10.244.0.0/15'), forbid))).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'podCidr']]);
  });

  it('refuses another cluster name, resource group, region, DNS prefix or API server visibility', () => {
    const next = deployed({ cluster: { name: 'aks-dev2', resourceGroupName: 'rg-other', dnsPrefix: 'dev2', location: 'westeurope', privateCluster: true } });
    const result = compareDeployedSettings(deployed(), next, forbid);
    expect(result.findings.map((f) => [f.severity, f.code, f.config, f.path])).to.deep.equal(
      ['name', 'resourceGroupName', 'location', 'dnsPrefix', 'apiServer.private'].map((path) => ['error', 'CLUSTER_REPLACEMENT', 'aks-networking:cluster', path]),
    );
    expect(compareDeployedSettings(deployed(), next, allow).replaceOnChanges).to.deep.equal([
      'apiServerAccessProfile.enablePrivateCluster',
      'dnsPrefix',
      'location',
      'resourceGroupName',
      'resourceName',
    ]);
  });

  // https://learn.microsoft.com/azure/aks/egress-outboundtype "Update outboundType after cluster creation" (rules §15.1)
  it('changes the outbound type in place on a VNet this program brings, with a warning', () => {
    const next = deployed({}, { outboundType: 'userAssignedNATGateway' });
    expect(codes(compareDeployedSettings(deployed(), next, forbid))).to.deep.equal([['warning', 'OUTBOUND_TYPE_CHANGE', 'outboundType']]);
    expect(compareDeployedSettings(deployed(), next, allow).replaceOnChanges).to.deep.equal([]);
  });

  // https://learn.microsoft.com/azure/aks/azure-cni-overlay "Expand pod CIDR": Linux-only clusters (rules §15.2)
  it('never grows the pod CIDR of an overlay cluster with a Windows pool in place', () => {
    const withWindows = (podCidr: string) => {
      const s = deployed({}, { podCidr });
      s.pools = [...s.pools, { name: 'win', osType: 'Windows', vmSize: 'Standard_D4ds_v5', maxPods: 30, subnet: 'nodes', agentPoolName: 'wi1234' }];
      return s;
    };
    // 10.244.0.0/15 contains 10.244.0.0/16: a growth, in place on Linux only
    const result = compareDeployedSettings(withWindows('10.244.0.0/16'), withWindows('10.244.0.0/15'), forbid);
    expect(codes(result)).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'podCidr']]);
    expect(result.findings[0].message).to.include('Linux-only');
  });

  // https://learn.microsoft.com/azure/aks/azure-cni-overlay "Upgrade an existing cluster to CNI Overlay" (rules §8)
  it('kubenet -> overlay may grow the pod CIDR in the same move, never move it', () => {
    const kubenet = deployed({ plugin: 'kubenet' }, { networkPlugin: 'kubenet', networkPluginMode: undefined, podCidr: '10.244.0.0/16' });
    const grown = compareDeployedSettings(kubenet, deployed({}, { podCidr: '10.244.0.0/15' }), forbid);
    expect(codes(grown)).to.deep.equal([
      ['warning', 'IN_PLACE_MIGRATION', 'plugin'],
      ['warning', 'IN_PLACE_MIGRATION', 'podCidr'],
    ]);
    const moved = compareDeployedSettings(kubenet, deployed({}, { podCidr: '10.128.0.0/16' }), forbid);
    expect(codes(moved)).to.deep.equal([
      ['warning', 'IN_PLACE_MIGRATION', 'plugin'],
      ['error', 'CLUSTER_REPLACEMENT', 'podCidr'],
    ]);
  });

  it('classic node-subnet CNI -> overlay brings its first pod CIDR without a finding about it (rules §8)', () => {
    const classic = deployed({ plugin: 'azure-cni' }, { networkPluginMode: undefined, podCidr: undefined });
    expect(codes(compareDeployedSettings(classic, deployed(), forbid))).to.deep.equal([['warning', 'IN_PLACE_MIGRATION', 'plugin']]);
  });

  it('warns that a policy engine change reimages every pool, and that Azure NPM -> Calico passes through none [§9]', () => {
    expect(codes(compareDeployedSettings(deployed(), deployed({}, { networkPolicy: 'calico' }), forbid))).to.deep.equal([['warning', 'IN_PLACE_MIGRATION', 'networkPolicy']]);
    expect(codes(compareDeployedSettings(deployed({}, { networkPolicy: 'azure' }), deployed({}, { networkPolicy: 'calico' }), forbid))).to.deep.equal([['error', 'IN_PLACE_MIGRATION', 'networkPolicy']]);
  });

  it('reports a rotated pool as POOL_ROTATION, and the pool created with the cluster as CLUSTER_REPLACEMENT', () => {
    const next = deployed();
    next.pools = [
      { ...next.pools[0], maxPods: 60, agentPoolName: 'systemccccc' },
      { ...next.pools[1], maxPods: 60, agentPoolName: 'appsddddd' },
    ];
    const result = compareDeployedSettings(deployed(), next, forbid);
    expect(codes(result)).to.deep.equal([
      ['error', 'CLUSTER_REPLACEMENT', 'nodePools[0]'],
      ['info', 'POOL_ROTATION', 'nodePools[1]'],
    ]);
    expect(result.findings[1].message).to.include('maxPods 110 -> 60').and.include('appsddddd').and.include('appsbbbbb');
  });

  it('refuses to drop the pool created with the cluster', () => {
    const next = deployed();
    next.pools = next.pools.slice(1);
    expect(codes(compareDeployedSettings(deployed(), next, forbid))).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'nodePools']]);
  });

  it('refuses to resize a subnet pools run in, and only warns for an empty one [§1]', () => {
    const next = deployed({ subnets: [{ name: 'nodes', cidr: '10.20.0.0/23' }] });
    expect(codes(compareDeployedSettings(deployed(), next, forbid))).to.deep.equal([['error', 'SUBNET_CHANGE', 'subnets[0]']]);
    const withIngress = deployed({ subnets: [{ name: 'nodes', cidr: '10.20.0.0/24' }, { name: 'ingress', cidr: '10.20.1.0/28' }] });
    const grown = deployed({ subnets: [{ name: 'nodes', cidr: '10.20.0.0/24' }, { name: 'ingress', cidr: '10.20.1.0/27' }] });
    expect(codes(compareDeployedSettings(withIngress, grown, forbid))).to.deep.equal([['warning', 'SUBNET_CHANGE', 'subnets[1]']]);
  });

  it('refuses a pod IP mode switch on the same pod subnet: one mode per subnet [§3.2, §9]', () => {
    const pool = { name: 'apps', osType: 'Linux' as const, vmSize: 'Standard_D8ds_v5', maxPods: 50, subnet: 'nodes', podSubnet: 'pods' };
    const dynamic = deployed({ plugin: 'azure-cni-dynamic', pools: [{ ...pool, podIpAllocation: 'DynamicIndividual', agentPoolName: 'appsaaaaa' }], bootstrapPool: 'apps' }, { networkPluginMode: undefined, podCidr: undefined });
    const staticBlock = deployed({ plugin: 'azure-cni-static-block', pools: [{ ...pool, podIpAllocation: 'StaticBlock', agentPoolName: 'appsbbbbb' }], bootstrapPool: 'apps' }, { networkPluginMode: undefined, podCidr: undefined });
    const result = compareDeployedSettings(dynamic, staticBlock, forbid);
    expect(codes(result)).to.deep.include(['error', 'SUBNET_CHANGE', 'nodePools[0].podSubnet']);
    expect(codes(result).map((c) => c[2])).not.to.include('plugin');
  });

  it('reads back only what the program writes', () => {
    expect(parseDeployedSettings(undefined)).to.deep.equal({ ok: true, settings: undefined });
    expect(parseDeployedSettings(deployed())).to.deep.equal({ ok: true, settings: deployed() });
    const broken = parseDeployedSettings({ version: 2 });
    expect(broken.ok === false && broken.finding.code).to.equal('DEPLOYED_SETTINGS_UNREADABLE');
  });
});

describe('components: compareDeployedSettings, BYO CNI pod CIDR', () => {
  // https://learn.microsoft.com/azure/aks/use-byo-cni "Prerequisites": podCidr is set at create (rules §15.3)
  it('names the BYO reason when a BYO cluster\'s pod CIDR changes', () => {
    const byo = (podCidr: string | undefined) => deployed({ plugin: 'none' }, { networkPlugin: 'none', networkPluginMode: undefined, podCidr });
    const result = compareDeployedSettings(byo(undefined), byo('192.168.0.0/16'), forbid);
    expect(codes(result)).to.deep.equal([['error', 'CLUSTER_REPLACEMENT', 'podCidr']]);
    expect(result.findings[0].message).to.include('BYO CNI').and.not.include('kubenet');
  });
});
