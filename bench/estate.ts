// A synthetic estate for the benchmark: 3 stacks, 100 node pools, 5,000 nodes at full scale.
// Each stack uses a different network model so every demand path is exercised.
import type { NetworkConfig } from '../planner/config';

const PLUGINS = ['azure-cni-overlay', 'azure-cni-dynamic', 'azure-cni'] as const;
const POOLS_PER_STACK = [34, 33, 33];
const TOTAL_NODES = 5000;

export function syntheticEstate(): { stack: string; network: NetworkConfig }[] {
  const totalPools = POOLS_PER_STACK.reduce((a, b) => a + b, 0);
  const nodesPerPool = TOTAL_NODES / totalPools; // 50
  return PLUGINS.map((plugin, s) => {
    const pools = POOLS_PER_STACK[s];
    const dynamic = plugin === 'azure-cni-dynamic';
    // classic CNI reserves maxPods per node in the VNet: keep it small so 1,650 nodes fit one /16
    const maxPods = plugin === 'azure-cni' ? 30 : 110;
    const subnets: NetworkConfig['subnets'] = [];
    const nodePools: NetworkConfig['nodePools'] = [];
    for (let p = 0; p < pools; p++) {
      subnets.push({ name: `nodes${p}` });
      if (dynamic) subnets.push({ name: `pods${p}` });
      nodePools.push({
        name: p === 0 ? 'system' : `pool${p}`,
        mode: p === 0 ? 'System' : 'User',
        vmSize: 'Standard_D8ds_v5',
        minCount: 3,
        maxCount: nodesPerPool,
        maxPods,
        maxSurge: '10%',
        subnet: `nodes${p}`,
        ...(dynamic ? { podSubnet: `pods${p}` } : {}),
      });
    }
    return {
      stack: `bench${s}`,
      network: {
        addressSpace: [`10.${100 + s * 2}.0.0/15`],
        plugin,
        serviceCidr: '172.16.0.0/16',
        dnsServiceIP: '172.16.0.10',
        ...(plugin === 'azure-cni-overlay' ? { podCidr: '100.64.0.0/12' } : {}),
        subnets,
        nodePools,
      },
    };
  });
}

/**
 * Azure's largest VNet by subnet count: 3,000 subnets (rules §15.8, [netlimits]) carrying 100 node
 * pools on Azure CNI with a dynamic pod subnet (a node subnet and a pod subnet per pool) and 2,800
 * /28 subnets for private endpoints and the like, every subnet carved by the planner.
 */
export function largeVnet(): NetworkConfig {
  const pools = 100;
  const subnets: NetworkConfig['subnets'] = [];
  const nodePools: NetworkConfig['nodePools'] = [];
  for (let p = 0; p < pools; p++) {
    subnets.push({ name: `nodes${p}` }, { name: `pods${p}` });
    nodePools.push({
      name: p === 0 ? 'system' : `pool${p}`,
      mode: p === 0 ? 'System' : 'User',
      vmSize: 'Standard_D8ds_v5',
      minCount: 2,
      maxCount: 9,
      maxPods: 30,
      maxSurge: '33%',
      subnet: `nodes${p}`,
      podSubnet: `pods${p}`,
    });
  }
  for (let i = subnets.length; i < 3000; i++) subnets.push({ name: `endpoints${i}`, prefixLength: 28, purpose: 'other' });
  return {
    addressSpace: ['10.64.0.0/14'],
    plugin: 'azure-cni-dynamic',
    serviceCidr: '172.16.0.0/16',
    dnsServiceIP: '172.16.0.10',
    subnets,
    nodePools,
  };
}
