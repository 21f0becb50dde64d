// Address demand at full scale: every pool at its maximum plus its upgrade surge [§2], priced by
// the network model [§3].
import type { BlockAllocation } from './models';
import { BYO_MODELS, MODELS } from './models';
import type { ResolvedNetwork, ResolvedPool } from './validate';

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
  /** addresses counted against the VNet's 65,536 private IP limit [§1, §3.2] */
  vnetIps: number;
}

export function poolDemand(network: ResolvedNetwork, pool: ResolvedPool): PoolDemand {
  const model = MODELS[network.plugin];
  const nodes = pool.maxNodes + pool.surgeNodes;
  const nodeSubnetPerNode = model.nodeSubnetIps(pool.maxPods);
  const podSubnetPerNode = model.podSubnetIps?.(pool.maxPods) ?? 0;
  const podBlocks = network.byoCni
    ? BYO_MODELS[network.byoCni.type].blocks(pool.maxPods, network.byoCni)
    : model.podBlocks?.(pool.maxPods);
  const aksCountsSurgeAtLeastOne = network.plugin === 'azure-cni-overlay' || network.plugin === 'kubenet';
  const podRangeNodes = aksCountsSurgeAtLeastOne ? pool.maxNodes + Math.max(pool.surgeNodes, 1) : nodes;

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
