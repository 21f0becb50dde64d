// The deploy path: what Azure checks when `pulumi up` creates the resources, refused or made right
// before anything is created. Each rule cites its source; expected values come from the docs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { azureNames, fitName, nameFindings } from '../design/azureNames';
import { validateClusterConfig, type ClusterSettings } from '../design/clusterConfig';
import { designStack } from '../design/stackDesign';
import { outboundTypeChange } from '../design/outboundTypeChange';
import { runProgram, setLiveCluster, type RecordedResource } from '../components/mocks';
import { settingsFromLiveCluster } from '../design/liveCluster';
import { buildStack } from '../components/program';
import { crossStackFindings } from '../planner/crossStack';
import { planFromConfig } from '../planner/plan';
import { validateNetworkConfig } from '../planner/validate';
import { clone, loadStack, ofType, one, planOf, rejectionOf, ROOT, runStack, T } from './componentsHelpers';

/** the date end-of-support findings count from: pinned (the developers' guide: tests always pin it) */
const TODAY = new Date('2026-12-04T00:00:00Z');

/** A small overlay network: one node subnet, an Azure Firewall subnet, one System pool. */
function overlay(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    addressSpace: ['10.20.0.0/16'],
    plugin: 'azure-cni-overlay',
    podCidr: '10.244.0.0/16',
    subnets: [
      { name: 'aks-nodes', prefixLength: 24 },
      { name: 'AzureFirewallSubnet', cidr: '10.20.255.0/26', purpose: 'other' },
    ],
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3, maxPods: 110, subnet: 'aks-nodes' }],
    ...extra,
  };
}

function settings(cluster: Record<string, unknown>, stack = 'dev'): ClusterSettings {
  const result = validateClusterConfig(cluster, stack);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.settings;
}

/** The NSG name the program gave a subnet, read from the subnet's NSG reference. */
const names = (run: { resources: RecordedResource[] }) => ({
  nsgFor: (subnet: string) => String((ofType(run.resources, T.subnet).find((s) => s.inputs.subnetName === subnet)!.inputs.networkSecurityGroup as any).id).split('/').pop(),
});
const codesOf = (findings: { severity: string; code: string; path: string }[]) => findings.map((f) => [f.severity, f.code, f.path]);
const dependsOn = (r: RecordedResource) => r.options.dependsOn ?? [];

// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules (rules §15.7)
const NETWORK_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

describe('deploy path: Azure names', () => {
  it('keeps a name that fits, and cuts a long one to exactly the limit with a hash of the whole', () => {
    expect(fitName('aks-dev', '-vnet', 64)).to.equal('aks-dev-vnet');
    const long = `aks-${'x'.repeat(59)}`; // 63 characters, the longest AKS cluster name
    const vnet = fitName(long, '-vnet', 64);
    // 63 + 5 = 68 > 64: cut to 64 - 5 (suffix) - 6 (hash) - 1 ("-") = 52 characters of the name
    expect(vnet).to.have.length(64);
    expect(vnet).to.match(new RegExp(`^${long.slice(0, 52)}-[0-9a-f]{6}-vnet$`));
    expect(fitName(`${long.slice(0, 62)}z`, '-vnet', 64), 'another long name gets another hash').not.to.equal(vnet);
  });

  it('holds the VNet name to 63 characters under Azure CNI Overlay on a VNet you bring (rules §12), 64 otherwise', () => {
    const name = `aks-${'v'.repeat(59)}`; // 63 characters: "<name>-vnet" would be 68
    expect(azureNames(settings({ name }), planOf(overlay())).vnet).to.have.length(63);
    const classic = overlay({ plugin: 'azure-cni', nodePools: [{ ...overlay().nodePools[0], maxPods: 30 }] });
    delete classic.podCidr;
    expect(azureNames(settings({ name }), planOf(classic)).vnet).to.have.length(64);
  });

  it('derives every name within Azure\'s rules for any valid cluster and subnet name', () => {
    const clusterName = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/);
    const subnetName = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/);
    fc.assert(
      fc.property(clusterName, subnetName, fc.constantFrom('azure-cni', 'azure-cni-overlay'), (name, subnet, plugin) => {
        const network = overlay({ plugin, subnets: [{ name: subnet, prefixLength: 24 }], nodePools: [{ ...overlay().nodePools[0], maxPods: 30, subnet }] });
        if (plugin === 'azure-cni') delete network.podCidr;
        const names = azureNames(settings({ name }), planOf(network));
        // VNet 2-64 (63 for overlay on a VNet you bring, rules §12); NSG, route tables, NAT, IP 1-80
        expect(names.vnet.length).to.be.within(2, plugin === 'azure-cni-overlay' ? 63 : 64);
        for (const n of [names.vnet, names.nsg[subnet], names.routeTable, names.egressRouteTable, names.natGateway, names.publicIp]) {
          expect(n, n).to.match(NETWORK_NAME);
          expect(n.length, n).to.be.at.most(80);
        }
        expect(names.identity).to.match(IDENTITY_NAME);
      }),
      { numRuns: 200 },
    );
  });

  it('builds a 63-character cluster name\'s VNet and NSGs with names Azure accepts (was 68 and 127 characters)', async () => {
    const name = `aks-${'long'.repeat(14)}-e1`; // 4 + 56 + 3 = 63
    expect(name).to.have.length(63);
    const subnet = 'aks-nodes-for-the-very-long-cluster-that-has-a-long-subnet-name-too';
    const network = overlay({ plugin: 'azure-cni', subnets: [{ name: subnet, prefixLength: 22 }], nodePools: [{ ...overlay().nodePools[0], maxPods: 30, subnet }] });
    delete network.podCidr;
    const run = await runStack(network, { name, resourceGroupName: 'rg-x' }, { stack: 'dev' });
    const vnetName = one(run.resources, T.vnet).inputs.virtualNetworkName as string;
    const nsgName = one(run.resources, T.nsg).inputs.networkSecurityGroupName as string;
    expect(vnetName.length).to.be.at.most(64);
    expect(nsgName.length).to.be.at.most(80);
    expect([vnetName, nsgName].every((n) => NETWORK_NAME.test(n))).to.equal(true);
    // the subnet points at the NSG by its Azure name
    expect((one(run.resources, T.subnet).inputs.networkSecurityGroup as any).id).to.match(new RegExp(`/networkSecurityGroups/${nsgName}$`));
  });

  it('refuses a subnet name Azure refuses, with INVALID_NAME at its config path', () => {
    const network = overlay({ subnets: [{ name: 'aks-nodes.', prefixLength: 24 }], nodePools: [{ ...overlay().nodePools[0], subnet: 'aks-nodes.' }] });
    // "end alphanumeric or underscore": a trailing "." is refused, by the planner (so aksnet plan sees it)
    expect(codesOf(planOf(network).findings.filter((f) => f.code === 'INVALID_NAME'))).to.deep.equal([['error', 'INVALID_NAME', 'subnets[0].name']]);
  });

  it('refuses a node resource group name over 80 characters (MC_<group>_<cluster>_<region>)', () => {
    const plan = planOf(overlay());
    // "MC_" 3 + rg-aks-<31> (38) + "_" + aks-<31> (35) + "_" + westeurope (10) = 88 > 80
    const cluster = settings({ name: `aks-${'a'.repeat(31)}` });
    expect(`MC_${cluster.resourceGroupName}_${cluster.name}_westeurope`).to.have.length(88);
    expect(codesOf(nameFindings(cluster, plan, 'westeurope'))).to.deep.equal([['error', 'INVALID_NAME', 'name']]);
    // 80 exactly passes: a 27-character name gives 3 + 34 + 1 + 31 + 1 + 10 = 80
    expect(nameFindings(settings({ name: `aks-${'a'.repeat(27)}` }), plan, 'westeurope')).to.deep.equal([]);
  });

  it('refuses, through the program, before anything is created', async () => {
    const error = await rejectionOf(runStack(overlay(), { name: `aks-${'a'.repeat(31)}`, location: 'westeurope' }));
    expect(error.findings.map((f: any) => [f.code, f.config, f.path])).to.deep.include(['INVALID_NAME', 'aks-networking:cluster', 'name']);
  });

  it('holds a resource group to 63 characters under Azure CNI Overlay (rules §12)', () => {
    const group = `rg-${'g'.repeat(61)}`;
    expect(codesOf(nameFindings(settings({ resourceGroupName: group }), planOf(overlay()), undefined))).to.deep.equal([['error', 'INVALID_NAME', 'resourceGroupName']]);
    const classic = overlay({ plugin: 'azure-cni', nodePools: [{ ...overlay().nodePools[0], maxPods: 30 }] });
    delete classic.podCidr;
    expect(nameFindings(settings({ resourceGroupName: group }), planOf(classic), undefined)).to.deep.equal([]);
  });
});

describe('deploy path: outboundType userDefinedRouting (rules §15.4, https://learn.microsoft.com/azure/aks/egress-udr)', () => {
  const udr = (route: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => overlay({ outboundType: 'userDefinedRouting', ...(route ? { userDefinedRouting: route } : {}), ...extra });
  const findingsOf = (network: unknown) => {
    const result = planFromConfig(network);
    if (!result.ok) return result.issues.map((i) => ['input', i.code, i.path]);
    return codesOf(result.plan.findings.filter((f) => f.code === 'OUTBOUND_ROUTE_REQUIRED'));
  };

  it('is an error without a next hop or a route table: AKS refuses the create', () => {
    expect(findingsOf(udr(undefined))).to.deep.equal([['error', 'OUTBOUND_ROUTE_REQUIRED', 'outboundType']]);
  });

  it('accepts a firewall IP in its own subnet of this VNet, or an existing route table', () => {
    expect(findingsOf(udr({ nextHopIp: '10.20.255.4' }))).to.deep.equal([]);
    expect(findingsOf(udr({ routeTableId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-egress' }))).to.deep.equal([]);
  });

  it('refuses a next hop inside a subnet the route is attached to (the appliance would route to itself)', () => {
    // aks-nodes is carved first at the bottom of 10.20.0.0/16: 10.20.0.0/24
    expect(findingsOf(udr({ nextHopIp: '10.20.0.4' }))).to.deep.equal([['error', 'OUTBOUND_ROUTE_REQUIRED', 'userDefinedRouting.nextHopIp']]);
  });

  it('needs the next hop in this VNet or a peered one: public is an error, private outside needs a peer', () => {
    expect(findingsOf(udr({ nextHopIp: '20.50.1.1' }))).to.deep.equal([['error', 'OUTBOUND_ROUTE_REQUIRED', 'userDefinedRouting.nextHopIp']]);
    expect(findingsOf(udr({ nextHopIp: '10.99.0.4' }))).to.deep.equal([['error', 'OUTBOUND_ROUTE_REQUIRED', 'userDefinedRouting.nextHopIp']]);
    expect(findingsOf(udr({ nextHopIp: '10.99.0.4' }, { peers: ['hub'] }))).to.deep.equal([['warning', 'OUTBOUND_ROUTE_REQUIRED', 'userDefinedRouting.nextHopIp']]);
  });

  it('with the peers planned alongside (aksnet plan of several stacks), the next hop must be in one of their VNets', () => {
    const resolve = (raw: unknown) => {
      const v = validateNetworkConfig(raw);
      if (!v.ok) throw new Error(JSON.stringify(v.issues));
      return v.network;
    };
    const spoke = { stack: 'spoke', network: resolve(udr({ nextHopIp: '10.99.0.4' }, { peers: ['hub'] })) };
    const hubAt = (cidr: string) => ({ stack: 'hub', network: resolve(overlay({ addressSpace: [cidr], subnets: [{ name: 'aks-nodes', prefixLength: 24 }] })) });
    const egress = (stacks: Parameters<typeof crossStackFindings>[0]) => codesOf(crossStackFindings(stacks).filter((f) => f.code === 'OUTBOUND_ROUTE_REQUIRED'));
    expect(egress([spoke, hubAt('10.99.0.0/16')])).to.deep.equal([]);
    expect(egress([spoke, hubAt('10.98.0.0/16')])).to.deep.equal([['error', 'OUTBOUND_ROUTE_REQUIRED', 'stacks.spoke.userDefinedRouting.nextHopIp']]);
    // the hub is not in the set: nothing more to say than the single-stack warning
    expect(egress([spoke])).to.deep.equal([]);
  });

  it('reads the key strictly: exactly one of the two, a real IPv4, a route table ID, only with userDefinedRouting', () => {
    expect(findingsOf(udr({ nextHopIp: '10.20.255.4', routeTableId: '/x' }))).to.deep.equal([['input', 'INVALID_CONFIG', 'userDefinedRouting']]);
    expect(findingsOf(udr({ nextHopIp: '10.20.255' }))).to.deep.equal([['input', 'INVALID_CIDR', 'userDefinedRouting.nextHopIp']]);
    expect(findingsOf(udr({ routeTableId: 'rt-egress' }))).to.deep.equal([['input', 'INVALID_CONFIG', 'userDefinedRouting.routeTableId']]);
    expect(findingsOf(overlay({ userDefinedRouting: { nextHopIp: '10.20.255.4' } }))).to.deep.equal([['input', 'INVALID_CONFIG', 'userDefinedRouting']]);
    // kubenet's subnets carry the route table AKS writes node routes into; a second table cannot attach
    const table = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-egress';
    expect(findingsOf(udr({ routeTableId: table }, { plugin: 'kubenet' }))).to.deep.equal([['input', 'INVALID_CONFIG', 'userDefinedRouting.routeTableId']]);
  });

  it('creates the route table with 0.0.0.0/0 -> the firewall, on the node subnet, before the cluster', async () => {
    const run = await runStack(udr({ nextHopIp: '10.20.255.4' }), {});
    const table = one(run.resources, T.routeTable);
    expect(table.inputs.routes).to.deep.equal([{ name: 'default-to-firewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.255.4' }]);
    const nodes = ofType(run.resources, T.subnet).find((s) => s.inputs.subnetName === 'aks-nodes')!;
    const firewall = ofType(run.resources, T.subnet).find((s) => s.inputs.subnetName === 'AzureFirewallSubnet')!;
    expect((nodes.inputs.routeTable as any).id).to.match(new RegExp(`/routeTables/${table.inputs.routeTableName}$`));
    expect(firewall.inputs).not.to.have.property('routeTable');
    // Azure refuses an NSG on AzureFirewallSubnet (Azure/Enterprise-Scale#456): the firewall subnet has none
    expect(firewall.inputs).not.to.have.property('networkSecurityGroup');
    expect(ofType(run.resources, T.nsg).map((n) => n.inputs.networkSecurityGroupName)).to.deep.equal([names(run).nsgFor('aks-nodes')]);
    const cluster = one(run.resources, T.cluster);
    expect(dependsOn(cluster)).to.include.members([table.name, nodes.name]);
    expect((cluster.inputs.networkProfile as any).outboundType).to.equal('userDefinedRouting');
  });

  it('attaches an existing route table instead of creating one', async () => {
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-egress';
    const run = await runStack(udr({ routeTableId: id }), {});
    expect(ofType(run.resources, T.routeTable)).to.have.length(0);
    const nodes = ofType(run.resources, T.subnet).find((s) => s.inputs.subnetName === 'aks-nodes')!;
    expect((nodes.inputs.routeTable as any).id).to.equal(id);
    expect(dependsOn(one(run.resources, T.cluster))).to.include(nodes.name);
  });

  it('kubenet: puts the default route into the route table AKS writes node routes into', async () => {
    const network = udr({ nextHopIp: '10.20.255.4' }, { plugin: 'kubenet', nodePools: [{ ...overlay().nodePools[0] }] });
    const run = await runStack(network, {});
    expect(ofType(run.resources, T.routeTable)).to.have.length(1);
    const route = one(run.resources, T.route);
    expect([route.inputs.addressPrefix, route.inputs.nextHopType, route.inputs.nextHopIpAddress]).to.deep.equal(['0.0.0.0/0', 'VirtualAppliance', '10.20.255.4']);
    expect(dependsOn(one(run.resources, T.cluster))).to.include(route.name);
  });
});

describe('deploy path: outboundType changes (rules §15.1, https://learn.microsoft.com/azure/aks/egress-outboundtype)', () => {
  // BYO VNet table: every pair among these, and each to and from none, changes in place
  const byo = ['loadBalancer', 'userAssignedNATGateway', 'userDefinedRouting', 'none'];
  for (const from of byo) {
    for (const to of byo.filter((t) => t !== from)) {
      it(`${from} -> ${to} in place`, () => expect(outboundTypeChange(from, to).kind).to.equal('in-place'));
    }
  }

  it('needs a new cluster off the BYO table (managedNATGateway -> loadBalancer, anything -> block)', () => {
    expect(outboundTypeChange('managedNATGateway', 'loadBalancer').kind).to.equal('new-cluster');
    expect(outboundTypeChange('loadBalancer', 'block').kind).to.equal('new-cluster');
    expect(outboundTypeChange('none', 'none').kind).to.equal('none');
  });
});

describe('deploy path: the cluster resource', () => {
  it('waits for the role assignments to propagate: grants -> Sleep -> cluster and every pool (rules §15.6)', async () => {
    const { network, cluster } = loadStack('prod');
    const run = await runStack(network, cluster, { stack: 'prod' });
    const sleep = roleWait(run.resources);
    // the control-plane identity's grants (the deployer's data-plane grant comes after the cluster, with its own wait)
    const grants = ofType(run.resources, T.roleAssignment).filter((r) => !r.name.endsWith('-deployer-rbac-cluster-admin')).map((r) => r.name);
    expect(grants.length).to.be.greaterThan(0);
    expect(dependsOn(sleep)).to.have.members(grants);
    // a new grant (a new subnet) changes the triggers, so the Sleep waits again
    expect(Object.keys(sleep.inputs.triggers as object)).to.have.length(grants.length);
    expect(sleep.inputs.createDuration).to.equal('10m');
    expect(dependsOn(one(run.resources, T.cluster))).to.include(sleep.name);
    for (const pool of ofType(run.resources, T.agentPool)) expect(dependsOn(pool)).to.include(sleep.name);
  });

  it('takes the wait from cluster.rolePropagationWait, and refuses a wait that is not a duration', async () => {
    const { network, cluster } = loadStack('dev');
    const run = await runStack(network, { ...cluster, rolePropagationWait: '60m' }, { stack: 'dev' });
    expect(roleWait(run.resources).inputs.createDuration).to.equal('60m');
    const bad = validateClusterConfig({ rolePropagationWait: 'an hour' }, 'dev');
    expect(bad.ok === false && bad.issues.map((i) => [i.code, i.path])).to.deep.equal([['INVALID_CONFIG', 'rolePropagationWait']]);
  });

  it('pairs tier premium with Long Term Support and the others with the community plan (rules §15.5)', async () => {
    const { network, cluster } = loadStack('dev');
    const planFor = async (tier: string) => one((await runStack({ ...clone(network), tier }, cluster, { stack: 'dev' })).resources, T.cluster).inputs;
    const premium = await planFor('premium');
    expect([(premium.sku as any).tier, premium.supportPlan]).to.deep.equal(['Premium', 'AKSLongTermSupport']);
    for (const [tier, sku] of [['standard', 'Standard'], ['free', 'Free']]) {
      const inputs = await planFor(tier);
      expect([(inputs.sku as any).tier, inputs.supportPlan]).to.deep.equal([sku, 'KubernetesOfficial']);
    }
  });

  it('sends a BYO CNI pool as the cluster podCidr (https://learn.microsoft.com/azure/aks/use-byo-cni, rules §15.3)', async () => {
    const network = overlay({ plugin: 'none', byoCni: { type: 'calico', poolCidr: '192.168.0.0/16' } });
    delete network.podCidr;
    const run = await runStack(network, {});
    expect((one(run.resources, T.cluster).inputs.networkProfile as any).podCidr).to.equal('192.168.0.0/16');
  });
});

describe('deploy path: pool rotation holds both pools', () => {
  // prod: aks-pods is a /18, 16,384 - 5 = 16,379 usable. Dynamic pod IPs take 16*ceil((maxPods+8)/16) per node (rules §3.1).
  //   system 5 + 1 surge = 6 nodes x 16*ceil(48/16)=48  =   288
  //   batch 40 + 4 surge = 44 nodes x 48                = 2,112
  //   apps maxPods 120: 60 + 20 surge = 80 x 16*ceil(128/16)=128 = 10,240   -> 12,640, fits
  //   the leaving apps pool (maxPods 50) at its 60 nodes x 16*ceil(58/16)=64 = 3,840 -> 16,480 > 16,379
  const prod = loadStack('prod');
  const withAppsMaxPods = (maxPods: number) => {
    const network = clone(prod.network);
    network.nodePools.find((p: any) => p.name === 'apps').maxPods = maxPods;
    return network;
  };
  const deployed = () => {
    const first = designStack({ today: TODAY, stack: 'prod', networkRaw: prod.network, clusterRaw: prod.cluster });
    if (!first.ok) throw new Error('prod designs cleanly');
    return first.design.settings;
  };

  it('exports each pool\'s deployed maxCount for the next deployment', () => {
    expect(deployed().pools.map((p) => [p.name, p.maxNodes])).to.deep.equal([
      ['system', 5],
      ['apps', 60],
      ['batch', 40],
    ]);
  });

  it('fails with SUBNET_EXHAUSTED when the pod subnet holds the new pool but not both', () => {
    expect(planOf(withAppsMaxPods(120)).findings.filter((f) => f.severity === 'error'), 'without a deployment it fits').to.deep.equal([]);
    const result = designStack({ today: TODAY, stack: 'prod', networkRaw: withAppsMaxPods(120), clusterRaw: prod.cluster, previousRaw: deployed() });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(codesOf(errors)).to.deep.equal([['error', 'SUBNET_EXHAUSTED', 'subnets[1]']]);
    expect(errors[0].message).to.include('16,480').and.include('16,379').and.include('apps (leaving');
  });

  it('passes when both fit: maxPods 100 takes 80 x 112 = 8,960; 288 + 2,112 + 8,960 + 3,840 = 15,200 <= 16,379', () => {
    const result = designStack({ today: TODAY, stack: 'prod', networkRaw: withAppsMaxPods(100), clusterRaw: prod.cluster, previousRaw: deployed() });
    expect(result.ok && result.design.findings.map((f) => f.code)).to.include('POOL_ROTATION');
  });
});

describe('deploy path: minimum Pulumi CLI', () => {
  // project config `type: object` is parsed from Pulumi CLI 3.187.0 (pulumi/pulumi#20132, CHANGELOG 3.187.0);
  // `requiredPulumiVersion` in Pulumi.yaml is enforced from 3.219.0 (pulumi/pulumi#21627)
  it('states one version in .pulumi-version, Pulumi.yaml and the README', () => {
    const version = fs.readFileSync(path.join(ROOT, '.pulumi-version'), 'utf8').trim();
    expect(version).to.equal('3.187.0');
    const project = load(fs.readFileSync(path.join(ROOT, 'Pulumi.yaml'), 'utf8')) as Record<string, any>;
    expect(project.requiredPulumiVersion).to.equal(`>=${version}`);
    expect(Object.values(project.config).some((c: any) => c.type === 'object'), 'the reason for the minimum').to.equal(true);
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).to.include(`Pulumi CLI ${version}`);
  });
});

describe('deploy path: a first `pulumi up` that failed after creating the cluster', () => {
  // No deployedSettings (outputs are written only when every output resolved), but the cluster
  // exists: the program reads it (getManagedCluster) and compares with what AKS reports.
  const { network, cluster } = loadStack('dev');

  /** The cluster as AKS reports it after the run: the inline pool and every AgentPool, as getManagedCluster lists them. */
  function liveClusterOf(resources: RecordedResource[]): Record<string, unknown> {
    const managed = one(resources, T.cluster).inputs as Record<string, any>;
    const pools = [...managed.agentPoolProfiles, ...ofType(resources, T.agentPool).map((p) => ({ ...p.inputs, name: p.inputs.agentPoolName }))];
    return { ...managed, name: managed.resourceName, location: 'West Europe', agentPoolProfiles: pools };
  }

  let live: Record<string, unknown>;
  before(async () => {
    live = liveClusterOf((await runStack(network, cluster, { stack: 'dev' })).resources);
  });
  afterEach(() => setLiveCluster('rg-aks-dev', 'aks-dev', undefined));

  for (const stack of ['dev', 'prod']) {
    it(`reads back what was deployed (${stack}): the live cluster gives the settings the program would have exported (subnets aside)`, async () => {
      const config = loadStack(stack);
      const design = designStack({ today: TODAY, stack, networkRaw: config.network, clusterRaw: config.cluster });
      if (!design.ok) throw new Error(`${stack} designs cleanly`);
      const reported = stack === 'dev' ? live : liveClusterOf((await runStack(config.network, config.cluster, { stack })).resources);
      const fromLive = settingsFromLiveCluster(reported as any, design.design.cluster, design.design.plan.pools);
      expect(fromLive).to.deep.equal({ ...design.design.settings, subnets: [] });
    });
  }

  it('refuses a change that needs a new cluster although no deployedSettings exist', async () => {
    setLiveCluster('rg-aks-dev', 'aks-dev', live);
    const error = await rejectionOf(runStack({ ...network, podCidr: '10.128.0.0/16' }, cluster, { stack: 'dev' }));
    const codes = error.findings.map((f: any) => [f.severity, f.code, f.path]);
    expect(codes).to.deep.include(['error', 'CLUSTER_REPLACEMENT', 'podCidr']);
    expect(codes).to.deep.include(['info', 'LIVE_CLUSTER_COMPARED', '']);
  });

  it('sees a rotation of a pool the failed run created, and lets an unchanged config through', async () => {
    setLiveCluster('rg-aks-dev', 'aks-dev', live);
    const unchanged = await runStack(network, cluster, { stack: 'dev' });
    expect(unchanged.findings.map((f) => f.code)).to.deep.equal(['LIVE_CLUSTER_COMPARED']);
    const changed = clone(network);
    changed.nodePools[1].maxPods = 60;
    const rotated = await runStack(changed, cluster, { stack: 'dev' });
    expect(rotated.findings.map((f) => [f.code, f.path])).to.deep.include(['POOL_ROTATION', 'nodePools[1]']);
  });

  it('treats a missing cluster as a new stack, and an unreadable one as a warning', () => {
    const design = (read: Parameters<typeof designStack>[0]['live']) => designStack({ today: TODAY, stack: 'dev', networkRaw: network, clusterRaw: cluster, ...(read ? { live: read } : {}) });
    const missing = design({ found: false });
    expect(missing.ok && missing.design.findings).to.deep.equal([]);
    const unknown = design({ found: 'unknown', reason: 'AuthorizationFailed' });
    expect(unknown.ok && unknown.design.findings.map((f) => [f.severity, f.code])).to.deep.equal([['warning', 'DEPLOYED_SETTINGS_UNREADABLE']]);
  });

  it('prefers deployedSettings: the cluster is read only when there are none', async () => {
    let reads = 0;
    const first = designStack({ today: TODAY, stack: 'dev', networkRaw: network, clusterRaw: cluster });
    if (!first.ok) throw new Error('dev designs cleanly');
    await runProgram(() =>
      buildStack(network, cluster, { stack: 'dev', readPrevious: async () => first.design.settings, readLiveCluster: async () => (reads++, { found: false }), onFinding: () => undefined }),
    );
    expect(reads).to.equal(0);
    await runProgram(() => buildStack(network, cluster, { stack: 'dev', readPrevious: async () => undefined, readLiveCluster: async () => (reads++, { found: false }), onFinding: () => undefined }));
    expect(reads).to.equal(1);
  });
});

/** The Sleep after the control-plane identity's grants (the other Sleep waits for the deployer's data-plane role). */
function roleWait(resources: readonly RecordedResource[]): RecordedResource {
  return one(resources.filter((r) => r.name.endsWith('-role-propagation') && !r.name.endsWith('-data-plane-role-propagation')), T.sleep);
}
