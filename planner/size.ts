// `aksnet size`: the smallest ranges for N nodes of one pool, by network model. Same formulas as the
// plan (models.ts), without a config file: a quick answer for a design discussion.
import { azurePrefixFor, prefixForBlocks } from './cidr';
import type { ByoCniType, Plugin } from './config';
import { perNodePrice, podRangeNodesFor } from './demand';
import { subnetCapacity } from './subnetCapacity';
import { surgeNodes } from './validate';

export interface SizeRequest {
  plugin: Plugin;
  nodes: number;
  maxPods: number;
  /** node count or "N%" of nodes; AKS default 1 */
  surge?: number | string;
  byoCni?: ByoCniType;
}

export interface SizeAnswer {
  plugin: Plugin;
  byoCni?: ByoCniType;
  /** nodes + surge */
  nodes: number;
  nodeSubnet: { ips: number; prefixLength: number | null };
  podSubnet?: { ips: number; prefixLength: number | null };
  podCidr?: { perNodePrefixLength: number; blocks: number; prefixLength: number };
}

export function sizeCluster(req: SizeRequest): SizeAnswer {
  const surge = surgeNodes(req.surge ?? 1, req.nodes);
  const nodes = req.nodes + surge;
  const byoCni = req.plugin === 'none' ? { type: req.byoCni ?? 'calico', poolDefaulted: true } : undefined;
  const price = perNodePrice(req.plugin, byoCni, req.maxPods);
  const nodeIps = nodes * price.nodeSubnetPerNode;
  const answer: SizeAnswer = {
    plugin: req.plugin,
    ...(byoCni ? { byoCni: byoCni.type } : {}),
    nodes,
    nodeSubnet: { ips: nodeIps, prefixLength: azurePrefixFor(nodeIps) ?? null },
  };
  if (price.podSubnetPerNode > 0) {
    const ips = nodes * price.podSubnetPerNode;
    const staticPods = req.plugin === 'azure-cni-static-block';
    answer.podSubnet = { ips, prefixLength: azurePrefixFor(ips, (p) => subnetCapacity(p, 'pods', staticPods) >= ips) ?? null };
  }
  const blocks = price.podBlocks;
  if (blocks) {
    const total = podRangeNodesFor(req.plugin, req.nodes, surge) * blocks.blocksPerNode;
    answer.podCidr = { perNodePrefixLength: blocks.blockPrefix, blocks: total, prefixLength: prefixForBlocks(total, blocks.blockPrefix) };
  }
  return answer;
}
