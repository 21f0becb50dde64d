// Drift and used-against-planned (usage/drift.ts, usage/compare.ts) on a hand-built live estate:
// each drift code fires on the difference that defines it and on nothing else.
import { expect } from 'chai';
import * as path from 'node:path';
import { loadStack } from '../cli/loadStacks';
import { agentPoolName, podIpAllocationFor, poolIdentity } from '../design/nodePoolName';
import { planNetwork } from '../planner/plan';
import type { Plan } from '../planner/types';
import { validateNetworkConfig } from '../planner/validate';
import { stackUsage, usageOk, withTrends, type StackTarget } from '../usage/compare';
import type { LiveAks, LiveNetwork, LiveStack } from '../usage/live';

const FIXTURES = path.join(__dirname, 'fixtures', 'usage');

function planOf(stack: string): Plan {
  const input = loadStack(path.join(FIXTURES, `Pulumi.${stack}.yaml`));
  const r = validateNetworkConfig(input.networkRaw);
  if (!r.ok) throw new Error('fixture does not validate');
  return planNetwork(r.network);
}

const SUB = '11111111-1111-1111-1111-111111111111';
const VNET = `/subscriptions/${SUB}/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/aks-shop-vnet`;

/** The shop estate exactly as planned: every subnet at its planned range, every pool under its planned name. */
function inSync(plan: Plan): { vnet: LiveNetwork; cluster: LiveAks } {
  return {
    vnet: {
      id: VNET, name: 'aks-shop-vnet', subscriptionId: SUB, resourceGroup: 'rg-shop', addressSpace: ['10.20.0.0/16'],
      subnets: plan.subnets.map((s) => ({ name: s.name, id: `${VNET}/subnets/${s.name}`, addressPrefix: s.cidr!, used: 10, usable: s.usable, source: 'usage-api' as const })),
    },
    cluster: {
      id: 'aks-shop-id', name: 'aks-shop', subscriptionId: SUB,
      networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10' },
      pools: plan.pools.map((p) => ({
        name: agentPoolName(poolIdentity(p, podIpAllocationFor(plan.network.plugin))), vmSize: p.vmSize, maxPods: p.maxPods, count: p.minNodes,
        enableAutoScaling: true, minCount: p.minNodes, maxCount: p.maxNodes, vnetSubnetID: `${VNET}/subnets/${p.subnet}`, osType: 'Linux', mode: p.mode,
      })),
    },
  };
}

const target = (plan: Plan): StackTarget => ({ stack: 'shop', file: 'Pulumi.shop.yaml', plan, vnetName: 'aks-shop-vnet', clusterName: 'aks-shop', resourceGroupName: 'rg-shop' });
const codes = (plan: Plan, live: LiveStack) => stackUsage(target(plan), live).findings.map((f) => `${f.code} ${f.path}`);

describe('usage: drift between the config and Azure', () => {
  const plan = planOf('shop');

  it('an estate as planned has no finding', () => {
    expect(codes(plan, { ...inSync(plan), problems: [] })).to.deep.equal([]);
  });

  it('subnets: one only in Azure, one only in the config, one with another range', () => {
    const live = inSync(plan);
    live.vnet.subnets = [
      { ...live.vnet.subnets[0], addressPrefix: '10.20.0.0/23' },
      { name: 'jumpbox', id: `${VNET}/subnets/jumpbox`, addressPrefix: '10.20.2.0/28', used: 1, usable: 11, source: 'usage-api' },
    ];
    expect(codes(plan, { ...live, problems: [] })).to.deep.equal(['DRIFT_SUBNET_RANGE subnets[0]', 'DRIFT_SUBNET_MISSING_LIVE subnets[1]', 'DRIFT_SUBNET_MISSING_IN_CONFIG subnets']);
  });

  it('pools: maxPods, VM size, subnet, scale; one only live, one only in the config', () => {
    const live = inSync(plan);
    const [system, apps] = live.cluster.pools;
    live.cluster.pools = [
      { ...system, maxPods: 30, vmSize: 'Standard_D2ds_v5', vnetSubnetID: `${VNET}/subnets/ingress`, minCount: 1, maxCount: 9 },
      { name: 'debug', vmSize: 'Standard_B2s', count: 1, enableAutoScaling: false },
    ];
    expect(apps.name).to.match(/^apps[0-9a-f]{5}$/);
    expect(codes(plan, { ...live, problems: [] })).to.deep.equal([
      'DRIFT_POOL_ONLY_LIVE nodePools',
      'DRIFT_POOL_MAXPODS nodePools[0].maxPods',
      'DRIFT_POOL_VM_SIZE nodePools[0].vmSize',
      'DRIFT_POOL_SUBNET nodePools[0].subnet',
      'DRIFT_POOL_SCALE nodePools[0].maxCount',
      'DRIFT_POOL_ONLY_CONFIG nodePools[1]',
    ]);
  });

  it('network profile: plugin, pod CIDR and service CIDR as AKS reports them', () => {
    const live = inSync(plan);
    live.cluster.networkProfile = { ...live.cluster.networkProfile, networkPluginMode: undefined, podCidr: '10.245.0.0/16', serviceCidr: '10.1.0.0/16' };
    const findings = stackUsage(target(plan), { ...live, problems: [] }).findings;
    expect(findings.map((f) => f.code)).to.deep.equal(['DRIFT_NETWORK_PROFILE']);
    expect(findings[0].message).to.contain('plugin azure-cni (config azure-cni-overlay)').and.contain('serviceCidr 10.1.0.0/16 (config 10.0.0.0/16)');
  });

  it('drift is a warning: the exit status stays 0', () => {
    const live = inSync(plan);
    live.cluster.pools = [];
    expect(usageOk([stackUsage(target(plan), { ...live, problems: [] })])).to.equal(true);
  });
});

describe('usage: used against planned', () => {
  const plan = planOf('shop');

  it('a subnet: used now from Azure, planned from the plan, gap = planned - used', () => {
    const live = inSync(plan);
    live.vnet.subnets[0] = { ...live.vnet.subnets[0], used: 23, usable: 251 };
    const usage = stackUsage(target(plan), { ...live, problems: [] });
    const nodes = usage.ranges.find((r) => r.key === 'subnet aks-nodes')!;
    // planned: (4+1) + (20+1) node IPs + 10 reservedIps = 36 (the plan's demand at maxCount plus surge)
    expect(nodes).to.include({ used: 23, planned: 36, capacity: 251, gap: 13 });
  });

  it('the overlay pod range: blocks in use = nodes now, capacity = /16 in /24 blocks = 256', () => {
    const live = inSync(plan);
    live.cluster.pools = live.cluster.pools.map((p, i) => ({ ...p, count: [3, 9][i] }));
    const pods = stackUsage(target(plan), { ...live, problems: [] }).ranges.find((r) => r.kind === 'pod-range')!;
    // 2^(24-16) = 256 blocks; planned 26 = (4+1) + (20+1) nodes at full scale
    expect(pods).to.include({ used: 12, capacity: 256, planned: 26, gap: 14, unit: 'blocks' });
  });

  it('a full range is an error (exit 1); more used than planned is a warning', () => {
    const live = inSync(plan);
    live.vnet.subnets[1] = { ...live.vnet.subnets[1], used: 27, usable: 27 };
    live.vnet.subnets[0] = { ...live.vnet.subnets[0], used: 40, usable: 251 };
    const usage = withTrends(stackUsage(target(plan), { ...live, problems: [] }), () => [], '2026-12-04');
    expect(usage.findings.map((f) => `${f.severity} ${f.code} ${f.path}`)).to.deep.equal(['warning USAGE_ABOVE_PLAN subnets[0]', 'error USAGE_RANGE_FULL subnets[1]']);
    expect(usageOk([usage])).to.equal(false);
  });
});
