// Address demand at full scale: every pool at its maximum plus its upgrade surge (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling), priced by
// the network model (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning).
import type { BlockAllocation } from './models';
import { BYO_MODELS, MODELS } from './models';
import type { Plugin } from './config';
import type { ResolvedByoCni, ResolvedNetwork, ResolvedPool } from './validate';

export interface PoolDemand {
  pool: ResolvedPool;
  /** nodes at full scale: maxCount + surge */
  nodes: number;
  /** addresses per node in the node subnet */
  nodeSubnetPerNode: number;
  /** addresses per node in the VNet pod subnet (dynamic, static block) */
  podSubnetPerNode: number;
  /** per-node blocks in a private pod range (overlay, kubenet, BYO) */
  podBlocks?: BlockAllocation;
  /**
   * nodes AKS counts against the pod CIDR. AKS validates the theoretical maximum as
   * sum(maxCount + 1) x /24 whatever maxSurge says (Azure/AKS#4467), so never fewer than maxCount + 1.
   */
  podRangeNodes: number;
  /** pod addresses at full scale, wherever they live */
  podIps: number;
  /** addresses counted against the VNet's 65,536 private IP limit (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq, https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation) */
  vnetIps: number;
}

/** What one node of a pool costs in each range, by network model (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning). */
export interface PerNodePrice {
  nodeSubnetPerNode: number;
  podSubnetPerNode: number;
  podBlocks?: BlockAllocation;
}

export function perNodePrice(plugin: Plugin, byoCni: ResolvedByoCni | undefined, maxPods: number): PerNodePrice {
  const model = MODELS[plugin];
  return {
    nodeSubnetPerNode: model.nodeSubnetIps(maxPods),
    podSubnetPerNode: model.podSubnetIps?.(maxPods) ?? 0,
    podBlocks: byoCni ? BYO_MODELS[byoCni.type].blocks(maxPods, byoCni) : model.podBlocks?.(maxPods),
  };
}

/**
 * Nodes AKS counts against the pod CIDR: for overlay and kubenet it validates the theoretical
 * maximum as sum(maxCount + 1) x /24 whatever maxSurge says (Azure/AKS#4467).
 */
export function podRangeNodesFor(plugin: Plugin, maxNodes: number, surgeNodes: number): number {
  const aksCountsSurgeAtLeastOne = plugin === 'azure-cni-overlay' || plugin === 'kubenet';
  return maxNodes + (aksCountsSurgeAtLeastOne ? Math.max(surgeNodes, 1) : surgeNodes);
}

export function poolDemand(network: ResolvedNetwork, pool: ResolvedPool): PoolDemand {
  const model = MODELS[network.plugin];
  const nodes = pool.maxNodes + pool.surgeNodes;
  const { nodeSubnetPerNode, podSubnetPerNode, podBlocks } = perNodePrice(network.plugin, network.byoCni, pool.maxPods);
  const podRangeNodes = podRangeNodesFor(network.plugin, pool.maxNodes, pool.surgeNodes);

  let podIps: number;
  let vnetIps = nodes;
  if (model.podAddressing === 'node-subnet') {
    podIps = nodes * pool.maxPods;
    vnetIps += podIps;
  } else if (network.plugin === 'azure-cni-dynamic') {
    podIps = nodes * podSubnetPerNode;
    vnetIps += podIps;
  } else if (network.plugin === 'azure-cni-static-block') {
    podIps = nodes * podSubnetPerNode;
    // a static /28 block counts once against the VNet limit, not 16 times (issue 3, [sb])
    vnetIps += podSubnetPerNode / 16 * nodes;
  } else {
    podIps = podBlocks ? podRangeNodes * podBlocks.blocksPerNode * 2 ** (32 - podBlocks.blockPrefix) : 0;
  }
  return { pool, nodes, nodeSubnetPerNode, podSubnetPerNode, podBlocks, podRangeNodes, podIps, vnetIps };
}
