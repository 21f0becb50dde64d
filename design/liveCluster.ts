// The "would need a new cluster" guard when the stack has no `deployedSettings` yet but the cluster
// already exists in Azure.
//
// `deployedSettings` is a stack output; Pulumi writes stack outputs only when the program has
// registered them, which it does once every output has resolved. A first `pulumi up` that fails
// after AKS created the cluster (the cluster create reports a failure after Azure made it, or a
// resource an output depends on fails) can leave the cluster in Azure and no `deployedSettings`. The next run
// would then take the stack for a new one, and a changed podCidr, plugin or inline pool would only
// fail inside Azure. So when there is no `deployedSettings`, the program reads the cluster itself
// (getManagedCluster, a read that also runs in `pulumi preview`) and compares against what AKS
// reports. This module turns that report into the settings the comparison reads. Pure.
//
// What the live cluster cannot say: subnet ranges (compared only with deployedSettings) and which
// pool was created inline. Pools are matched to config names by their Azure name's prefix
// (nodePoolName.ts); the inline pool is taken to be the config's first System pool found live.
import type { Plugin } from '../planner/config';
import type { Plan } from '../planner/types';
import type { AksNetworkProfile } from './aksProfile';
import type { ClusterSettings } from './clusterConfig';
import type { DeployedPool, DeployedSettings } from './deployedSettings';
import { POOL_NAME_LAYOUT } from './nodePoolName';
import { CLUSTER_KEY, stackFinding, type StackFinding } from './stackFindings';

/** The fields of getManagedCluster's result the comparison needs (a subset of GetManagedClusterResult). */
export interface LiveCluster {
  name: string;
  location?: string;
  dnsPrefix?: string;
  kubernetesVersion?: string;
  apiServerAccessProfile?: { enablePrivateCluster?: boolean };
  windowsProfile?: { adminUsername?: string };
  networkProfile?: {
    networkPlugin?: string;
    networkPluginMode?: string;
    networkPolicy?: string;
    networkDataplane?: string;
    podCidr?: string;
    serviceCidr?: string;
    dnsServiceIP?: string;
    outboundType?: string;
  };
  agentPoolProfiles?: LivePool[];
}

export interface LivePool {
  name: string;
  mode?: string;
  osType?: string;
  vmSize?: string;
  maxPods?: number;
  count?: number;
  maxCount?: number;
  enableAutoScaling?: boolean;
  vnetSubnetID?: string;
  podSubnetID?: string;
  podIPAllocationMode?: string;
}

/** The outcome of reading the cluster: absent (a new stack), found, or unreadable (say so, go on). */
export type LiveClusterRead = { found: false } | { found: true; cluster: LiveCluster } | { found: 'unknown'; reason: string };

/**
 * Settings as if this program had exported them for the live cluster. `configPools` are the pools
 * of the config now (names, OS, mode) in config order.
 */
export function settingsFromLiveCluster(
  live: LiveCluster,
  cluster: ClusterSettings,
  configPools: readonly { name: string; osType: 'Linux' | 'Windows'; mode: 'System' | 'User' }[],
): DeployedSettings {
  const n = live.networkProfile ?? {};
  const livePools = live.agentPoolProfiles ?? [];
  const plugin = pluginOf(n.networkPlugin, n.networkPluginMode, livePools);
  const pools = livePools.flatMap((p): DeployedPool[] => {
    const owner = configNameOf(p, configPools);
    if (!owner) return [];
    return [
      {
        name: owner,
        osType: p.osType === 'Windows' ? 'Windows' : 'Linux',
        vmSize: p.vmSize ?? '',
        maxPods: p.maxPods ?? 0,
        subnet: lastSegment(p.vnetSubnetID) ?? '',
        ...(p.podSubnetID ? { podSubnet: lastSegment(p.podSubnetID)! } : {}),
        ...(p.podIPAllocationMode === 'DynamicIndividual' || p.podIPAllocationMode === 'StaticBlock' ? { podIpAllocation: p.podIPAllocationMode } : {}),
        agentPoolName: p.name,
        maxNodes: (p.enableAutoScaling ? p.maxCount : p.count) ?? p.count ?? 0,
      },
    ];
  });
  const system = configPools.find((c) => c.mode === 'System' && pools.some((p) => p.name === c.name));
  const usesPodCidr = plugin === 'azure-cni-overlay' || plugin === 'kubenet' || plugin === 'none';
  const profile: AksNetworkProfile = {
    networkPlugin: (n.networkPlugin ?? 'azure') as AksNetworkProfile['networkPlugin'],
    ...(n.networkPluginMode === 'overlay' ? { networkPluginMode: 'overlay' as const } : {}),
    networkPolicy: (n.networkPolicy ?? 'none') as AksNetworkProfile['networkPolicy'],
    ...(n.networkDataplane === 'cilium' ? { networkDataplane: 'cilium' as const } : {}),
    // AKS reports a pod CIDR only where it uses one; node- and pod-subnet CNI have none
    ...(usesPodCidr && n.podCidr ? { podCidr: n.podCidr } : {}),
    serviceCidr: n.serviceCidr ?? '',
    dnsServiceIP: n.dnsServiceIP ?? '',
    outboundType: (n.outboundType ?? 'loadBalancer') as AksNetworkProfile['outboundType'],
    loadBalancerSku: 'standard',
  };
  return {
    version: 1,
    cluster: {
      // the cluster was found under the configured name and group, so those are the same
      name: cluster.name,
      resourceGroupName: cluster.resourceGroupName,
      dnsPrefix: live.dnsPrefix ?? cluster.dnsPrefix,
      // a config without a location takes the provider's, which the export leaves out too
      ...(live.location && cluster.location ? { location: normalizeLocation(live.location) } : {}),
      privateCluster: live.apiServerAccessProfile?.enablePrivateCluster ?? false,
      ...(live.windowsProfile?.adminUsername !== undefined ? { windows: true } : {}),
    },
    plugin,
    profile,
    ...(live.kubernetesVersion ? { kubernetesVersion: live.kubernetesVersion } : {}),
    subnets: [],
    bootstrapPool: system?.name ?? configPools[0]?.name ?? '',
    pools,
  };
}

/** What the comparison starts from when the stack exported no deployedSettings. */
export function liveComparisonBase(live: LiveClusterRead, cluster: ClusterSettings, plan: Plan): { previous?: DeployedSettings; findings: StackFinding[] } {
  if (live.found === false) return { findings: [] };
  if (live.found === 'unknown') {
    return {
      findings: [
        stackFinding('warning', 'DEPLOYED_SETTINGS_UNREADABLE', CLUSTER_KEY, '', `this stack exported no deployedSettings and cluster ${cluster.name} could not be read (${live.reason}); if an earlier \`pulumi up\` created it, changes that need a new cluster are not caught here`),
      ],
    };
  }
  return {
    previous: settingsFromLiveCluster(live.cluster, cluster, plan.pools),
    findings: [
      stackFinding('info', 'LIVE_CLUSTER_COMPARED', CLUSTER_KEY, '', `this stack exported no deployedSettings, but cluster ${cluster.name} exists (an earlier \`pulumi up\` failed after creating it): changes are compared with the cluster as AKS reports it (subnet ranges excepted)`),
    ],
  };
}

export function pluginOf(networkPlugin: string | undefined, mode: string | undefined, pools: readonly LivePool[]): Plugin {
  if (networkPlugin === 'kubenet') return 'kubenet';
  if (networkPlugin === 'none') return 'none';
  if (mode === 'overlay') return 'azure-cni-overlay';
  if (pools.some((p) => p.podIPAllocationMode === 'StaticBlock')) return 'azure-cni-static-block';
  if (pools.some((p) => p.podSubnetID)) return 'azure-cni-dynamic';
  return 'azure-cni';
}

/** The config pool whose Azure names start like this one: "<first 7 of the name><5 hex>" (Windows 2 + 4). */
export function configNameOf(pool: LivePool, configPools: readonly { name: string; osType: 'Linux' | 'Windows' }[]): string | undefined {
  const matches = configPools.filter((c) => {
    const layout = POOL_NAME_LAYOUT[c.osType];
    const prefix = c.name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, layout.prefix);
    return pool.name.length === prefix.length + layout.hash && pool.name.startsWith(prefix) && /^[0-9a-f]+$/.test(pool.name.slice(prefix.length));
  });
  // two config pools sharing the kept prefix: the live pool cannot be told apart, so it is not compared
  return matches.length === 1 ? matches[0].name : undefined;
}

/** Azure reports "West Europe" or "westeurope"; config uses the latter. */
function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

function lastSegment(id: string | undefined): string | undefined {
  return id ? id.split('/').pop() : undefined;
}
