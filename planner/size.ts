// `aksnet size`: the smallest ranges for N nodes of one pool, by network model. Same formulas as the
// plan (models.ts), without a config file: a quick answer for a design discussion.
import { azurePrefixFor, prefixForBlocks } from './cidr';
import type { ByoCniType, Plugin } from './config';
import { BYO_MODELS, MODELS } from './models';
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
  const model = MODELS[req.plugin];
  const surge = surgeNodes(req.surge ?? 1, req.nodes);
  const nodes = req.nodes + surge;
  const nodeIps = nodes * model.nodeSubnetIps(req.maxPods);
  const answer: SizeAnswer = {
    plugin: req.plugin,
    ...(req.plugin === 'none' ? { byoCni: req.byoCni ?? 'calico' } : {}),
    nodes,
    nodeSubnet: { ips: nodeIps, prefixLength: azurePrefixFor(nodeIps) ?? null },
  };
  if (model.podSubnetIps) {
    const ips = nodes * model.podSubnetIps(req.maxPods);
    const staticPods = req.plugin === 'azure-cni-static-block';
    answer.podSubnet = { ips, prefixLength: azurePrefixFor(ips, (p) => subnetCapacity(p, 'pods', staticPods) >= ips) ?? null };
  }
  const blocks = req.plugin === 'none' ? BYO_MODELS[answer.byoCni!].blocks(req.maxPods, {}) : model.podBlocks?.(req.maxPods);
  if (blocks) {
    // AKS counts at least one surge node per pool against the pod CIDR (Azure/AKS#4467)
    const rangeNodes = model.podAddressing === 'pod-cidr' ? req.nodes + Math.max(surge, 1) : nodes;
    const total = rangeNodes * blocks.blocksPerNode;
    answer.podCidr = { perNodePrefixLength: blocks.blockPrefix, blocks: total, prefixLength: prefixForBlocks(total, blocks.blockPrefix) };
  }
  return answer;
}
