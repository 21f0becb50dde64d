// `aksnet size`: the smallest ranges for N nodes of one pool, by network model. Same formulas as the
// plan (models.ts), without a config file: a quick answer for a design discussion. The pool then
// goes through the plan's own limit checks (maxPods, nodes per pool and cluster, the VNet's private
// IPs), so size refuses what plan would refuse.
import { azurePrefixFor, prefixForBlocks } from './cidr';
import { checkVnetIps } from './checks/capacity';
import { checkLimits } from './checks/limits';
import type { ByoCniType, Plugin } from './config';
import type { PlanContext } from './context';
import { perNodePrice, poolDemand, podRangeNodesFor } from './demand';
import { error, formatCount as fmt, hasErrors, type Finding } from './findings';
import { AKS_DEFAULTS, MODELS } from './models';
import { subnetCapacity } from './subnetCapacity';
import { type ResolvedNetwork, validateNetworkConfig } from './validate';

export interface SizeRequest {
  plugin: Plugin;
  nodes: number;
  maxPods: number;
  /** node count or "N%" of nodes; AKS default 1 */
  surge?: number | string;
  byoCni?: ByoCniType;
}

export interface SizeAnswer {
  /** false when a range fits no Azure subnet or IPv4 range, or a limit the plan checks is broken */
  ok: boolean;
  plugin: Plugin;
  byoCni?: ByoCniType;
  /** nodes + surge */
  nodes: number;
  nodeSubnet: { ips: number; prefixLength: number | null };
  podSubnet?: { ips: number; prefixLength: number | null };
  podCidr?: { perNodePrefixLength: number; blocks: number; prefixLength: number | null };
  /** the plan's findings for this pool (paths as for a one-pool cluster) */
  findings: Finding[];
  /** a surge node count above the pool's size, cut to the pool (AKS surges at most every node once) */
  surgeCapped?: { asked: number; used: number };
}

export function sizeCluster(req: SizeRequest): SizeAnswer {
  const network = onePoolNetwork(req);
  const pool = network.pools[0];
  const surge = pool.surgeNodes;
  const nodes = req.nodes + surge;
  const price = perNodePrice(req.plugin, network.byoCni, req.maxPods);
  const findings: Finding[] = [];
  const nodeIps = nodes * price.nodeSubnetPerNode;
  const nodePrefix = azurePrefixFor(nodeIps) ?? null;
  if (nodePrefix === null) findings.push(tooLarge('nodeSubnet', 'node subnet', nodeIps));
  const answer: SizeAnswer = {
    ok: true,
    plugin: req.plugin,
    ...(network.byoCni ? { byoCni: network.byoCni.type } : {}),
    nodes,
    nodeSubnet: { ips: nodeIps, prefixLength: nodePrefix },
    findings,
    ...(typeof req.surge === 'number' && req.surge > surge ? { surgeCapped: { asked: req.surge, used: surge } } : {}),
  };
  if (price.podSubnetPerNode > 0) {
    const ips = nodes * price.podSubnetPerNode;
    const staticPods = req.plugin === 'azure-cni-static-block';
    const prefixLength = azurePrefixFor(ips, (p) => subnetCapacity(p, 'pods', staticPods) >= ips) ?? null;
    if (prefixLength === null) findings.push(tooLarge('podSubnet', 'pod subnet', ips));
    answer.podSubnet = { ips, prefixLength };
  }
  const blocks = price.podBlocks;
  if (blocks) {
    const total = podRangeNodesFor(req.plugin, req.nodes, surge) * blocks.blocksPerNode;
    const prefix = prefixForBlocks(total, blocks.blockPrefix);
    if (prefix < 0) {
      findings.push(error('POD_CIDR_EXHAUSTED', 'podCidr', `${fmt(total)} /${blocks.blockPrefix} blocks are more than the whole IPv4 address space holds`));
    }
    answer.podCidr = { perNodePrefixLength: blocks.blockPrefix, blocks: total, prefixLength: prefix < 0 ? null : prefix };
  }
  // the plan's limit checks on a one-pool cluster; "needs a System pool" is about clusters, not sizes
  const ctx: PlanContext = { network, demands: [poolDemand(network, pool)], subnets: [] };
  findings.push(...[...checkLimits(ctx), ...checkVnetIps(ctx)].filter((f) => f.code !== 'SYSTEM_POOL'));
  answer.ok = !hasErrors(findings);
  return answer;
}

function tooLarge(path: string, what: string, ips: number): Finding {
  return error('SUBNET_EXHAUSTED', path, `the ${what} needs ${fmt(ips)} addresses; no Azure subnet (largest /2) holds that many`);
}

/** The request as a network config, resolved like any stack's; a surge of 0 upgrades in place (maxUnavailable 1). */
function onePoolNetwork(req: SizeRequest): ResolvedNetwork {
  const podSubnet = MODELS[req.plugin].podAddressing === 'pod-subnet';
  const maxSurge = req.surge ?? AKS_DEFAULTS.maxSurge;
  const result = validateNetworkConfig({
    addressSpace: ['10.0.0.0/8'],
    plugin: req.plugin,
    ...(req.plugin === 'none' ? { byoCni: { type: req.byoCni ?? 'calico' } } : {}),
    subnets: [{ name: 'nodeSubnet', prefixLength: 29 }, ...(podSubnet ? [{ name: 'podSubnet', prefixLength: 29 }] : [])],
    nodePools: [
      {
        name: 'pool',
        vmSize: 'any',
        count: req.nodes,
        maxPods: req.maxPods,
        maxSurge,
        ...(maxSurge === 0 ? { maxUnavailable: 1 } : {}),
        subnet: 'nodeSubnet',
        ...(podSubnet ? { podSubnet: 'podSubnet' } : {}),
      },
    ],
  });
  if (!result.ok) throw new Error(`aksnet size built an invalid network: ${JSON.stringify(result.issues)}`);
  return result.network;
}
