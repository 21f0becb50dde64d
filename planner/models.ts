// How each AKS network model spends addresses, per node. Every number cites the Microsoft Learn (or
// CNI) page it comes from; docs/findings.md and `aksnet explain CODE` carry the same sources.
import type { ByoCniType, Plugin } from './config';

/** A private pod range handed out in equal aligned blocks: overlay/kubenet /24s, Calico /26s, ... */
export interface BlockAllocation {
  /** prefix length of one block, e.g. 24 for a /24 per node */
  blockPrefix: number;
  /** blocks one node takes at full scale */
  blocksPerNode: number;
  /** pods one node can address with its blocks (for a "block too small for maxPods" check) */
  podsPerNode: number;
}

export interface NetworkModel {
  plugin: Plugin;
  label: string;
  /** AKS default maxPods when a pool does not set it (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning, https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation) */
  defaultMaxPods: number;
  /** true where the docs disagree on the default, so the planner warns (https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation) */
  defaultMaxPodsDoubtful: boolean;
  /** where pod addresses come from */
  podAddressing: 'node-subnet' | 'pod-subnet' | 'pod-cidr' | 'byo';
  /** addresses one node takes in its node subnet */
  nodeSubnetIps(maxPods: number): number;
  /** addresses one node takes in its VNet pod subnet (dynamic and static block only) */
  podSubnetIps?(maxPods: number): number;
  /** per-node block allocation from a private pod range (overlay, kubenet) */
  podBlocks?(maxPods: number): BlockAllocation;
}

/** Dynamic pod subnet: batches of 16, a new batch when fewer than 8 are free; never below 16 per node (https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation). */
export function dynamicPodIpsPerNode(maxPods: number): number {
  return Math.max(16, 16 * Math.ceil((maxPods + 8) / 16));
}

/** Static block: /28 blocks, one address per node kept by AKS, so ceil((P+1)/16) blocks (https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation). */
export function staticBlocksPerNode(maxPods: number): number {
  return Math.ceil((maxPods + 1) / 16);
}

const perNodeSlash24: BlockAllocation = { blockPrefix: 24, blocksPerNode: 1, podsPerNode: 254 };

export const MODELS: Record<Plugin, NetworkModel> = {
  'azure-cni': {
    plugin: 'azure-cni',
    label: 'Azure CNI (node subnet, pod IPs pre-reserved)',
    defaultMaxPods: 30,
    defaultMaxPodsDoubtful: false,
    podAddressing: 'node-subnet',
    // every node's maxPods addresses are reserved in the node subnet when the node is created (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning)
    nodeSubnetIps: (maxPods) => 1 + maxPods,
  },
  'azure-cni-dynamic': {
    plugin: 'azure-cni-dynamic',
    label: 'Azure CNI with dynamic pod subnet',
    defaultMaxPods: 250,
    defaultMaxPodsDoubtful: true,
    podAddressing: 'pod-subnet',
    nodeSubnetIps: () => 1,
    podSubnetIps: dynamicPodIpsPerNode,
  },
  'azure-cni-static-block': {
    plugin: 'azure-cni-static-block',
    label: 'Azure CNI with static block pod subnet',
    defaultMaxPods: 250,
    defaultMaxPodsDoubtful: true,
    podAddressing: 'pod-subnet',
    nodeSubnetIps: () => 1,
    podSubnetIps: (maxPods) => 16 * staticBlocksPerNode(maxPods),
  },
  'azure-cni-overlay': {
    plugin: 'azure-cni-overlay',
    label: 'Azure CNI Overlay',
    defaultMaxPods: 250,
    defaultMaxPodsDoubtful: false,
    podAddressing: 'pod-cidr',
    nodeSubnetIps: () => 1,
    podBlocks: () => perNodeSlash24,
  },
  kubenet: {
    plugin: 'kubenet',
    label: 'kubenet (NAT, /24 per node, route table)',
    defaultMaxPods: 110,
    defaultMaxPodsDoubtful: false,
    podAddressing: 'pod-cidr',
    nodeSubnetIps: () => 1,
    podBlocks: () => perNodeSlash24,
  },
  none: {
    plugin: 'none',
    label: 'Bring your own CNI',
    // AKS sets no pod addressing; 110 is the kubelet's own default (https://learn.microsoft.com/azure/aks/use-byo-cni)
    defaultMaxPods: 110,
    defaultMaxPodsDoubtful: true,
    podAddressing: 'byo',
    nodeSubnetIps: () => 1,
  },
};

export interface ByoCniModel {
  type: ByoCniType;
  label: string;
  /** the CNI's own default pool, or undefined where the planner must require one (https://learn.microsoft.com/azure/aks/use-byo-cni) */
  defaultPool?: string;
  blocks(maxPods: number, settings: { blockSize?: number; subnetLen?: number; maskSize?: number }): BlockAllocation;
}

export const BYO_MODELS: Record<ByoCniType, ByoCniModel> = {
  calico: {
    type: 'calico',
    label: 'Calico IPAM (blocks on demand)',
    // Calico's default IPv4 pool when no pod CIDR is given
    defaultPool: '192.168.0.0/16',
    blocks: (maxPods, { blockSize = 26 }) => {
      const perBlock = 2 ** (32 - blockSize);
      // a node borrows further blocks when its first fills: blocks >= ceil(P / block size) (https://learn.microsoft.com/azure/aks/use-byo-cni)
      return { blockPrefix: blockSize, blocksPerNode: Math.max(1, Math.ceil(maxPods / perBlock)), podsPerNode: Number.MAX_SAFE_INTEGER };
    },
  },
  flannel: {
    type: 'flannel',
    label: 'Flannel (one SubnetLen block per node)',
    defaultPool: '10.244.0.0/16',
    blocks: (_maxPods, { subnetLen = 24 }) => ({ blockPrefix: subnetLen, blocksPerNode: 1, podsPerNode: 2 ** (32 - subnetLen) - 2 }),
  },
  cilium: {
    type: 'cilium',
    label: 'Cilium cluster-pool (one mask-size block per node)',
    // default 10.0.0.0/8 collides with AKS's default service CIDR: require an explicit pool (https://learn.microsoft.com/azure/aks/use-byo-cni)
    defaultPool: undefined,
    blocks: (_maxPods, { maskSize = 24 }) => ({ blockPrefix: maskSize, blocksPerNode: 1, podsPerNode: 2 ** (32 - maskSize) - 2 }),
  },
  weave: {
    type: 'weave',
    label: 'Weave Net (one shared allocation range)',
    defaultPool: '10.32.0.0/12',
    // Weave hands single addresses out of one range shared by all peers: count pods one by one
    blocks: (maxPods) => ({ blockPrefix: 32, blocksPerNode: maxPods, podsPerNode: Number.MAX_SAFE_INTEGER }),
  },
};

/** Defaults AKS applies (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning, https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling). */
export const AKS_DEFAULTS = {
  serviceCidr: '10.0.0.0/16',
  dnsServiceIP: '10.0.0.10',
  podCidr: '10.244.0.0/16',
  maxSurge: 1,
  outboundType: 'loadBalancer',
  networkPolicy: 'none',
  tier: 'standard',
} as const;

/** Limits (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning, https://learn.microsoft.com/azure/aks/quotas-skus-regions). */
export const LIMITS = {
  minMaxPods: 10,
  maxMaxPods: 250,
  /** with fewer pods per node a pool must still hold 30 pods (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning) */
  podsPerPoolFloor: 30,
  windowsRecommendedMaxPods: 110,
  nodesPerPool: 1000,
  nodesPerCluster: 5000,
  nodesPerFreeTierCluster: 1000,
  freeTierRecommendedNodes: 10,
  poolsPerCluster: 100,
  kubenetRoutes: 400,
  azureNpmNodes: 250,
  podsPerCluster: 200_000,
  vnetPrivateIps: 65_536,
  staticBlockMinMinor: 28,
  staticBlockLargestPodSubnetPrefix: 12,
  lowHeadroom: 0.2,
} as const;
