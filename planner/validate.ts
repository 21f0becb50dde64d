// Turns raw config into a resolved network, or into the list of problems that make it unreadable.
// Problems here are input errors (exit 2): the plan cannot even be computed. Doubts about a
// readable config are findings, produced by the checks.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { type Cidr, parseCidr, parseIPv4 } from './cidr';
import { resolveEgressRoute, type ResolvedEgressRoute } from './egressRoute';
import {
  networkConfigSchema,
  GATEWAY_SUBNET_PURPOSES,
  type ByoCniType,
  type NetworkConfig,
  type NodePoolConfig,
  type Plugin,
  type SubnetConfig,
} from './config';
import { isPlainObject, plainNetworkConfig, plainSubnets } from './configNetwork';
import { AKS_DEFAULTS, BYO_MODELS, MODELS } from './models';

// jitless: zod's compiled fast path costs more to build than it saves on one CLI run
z.config({ ...en(), jitless: true });

export type ConfigIssueCode = 'INVALID_CONFIG' | 'INVALID_CIDR';
export interface ConfigIssue {
  code: ConfigIssueCode;
  /** path inside the network object, e.g. "nodePools[0].maxCount" */
  path: string;
  message: string;
}

export interface ResolvedSubnet {
  index: number;
  name: string;
  /** set when the config pins the range; otherwise the planner carves it */
  cidr?: Cidr;
  prefixLength?: number;
  purpose: SubnetConfig['purpose'] & string;
  reservedIps: number;
}

export interface ResolvedPool {
  index: number;
  name: string;
  mode: 'System' | 'User';
  osType: 'Linux' | 'Windows';
  vmSize: string;
  autoscale: boolean;
  minNodes: number;
  maxNodes: number;
  maxPods: number;
  maxPodsDefaulted: boolean;
  maxSurge: number | string;
  maxUnavailable: number;
  /** surge nodes at full scale: an int, or a percentage of maxNodes rounded up, capped at maxNodes (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling) */
  surgeNodes: number;
  subnet: string;
  podSubnet?: string;
}

export interface ResolvedByoCni {
  type: ByoCniType;
  pool?: Cidr;
  poolDefaulted: boolean;
  blockSize?: number;
  subnetLen?: number;
  maskSize?: number;
}

export interface ResolvedNetwork {
  config: NetworkConfig;
  plugin: Plugin;
  addressSpace: Cidr[];
  serviceCidr: Cidr;
  dnsServiceIP: number;
  /** overlay/kubenet pod CIDR (AKS's); BYO pools live in `byoCni` */
  podCidr?: Cidr;
  byoCni?: ResolvedByoCni;
  networkPolicy: NonNullable<NetworkConfig['networkPolicy']>;
  outboundType: NonNullable<NetworkConfig['outboundType']>;
  tier: NonNullable<NetworkConfig['tier']>;
  kubernetesMinor?: number;
  subnets: ResolvedSubnet[];
  pools: ResolvedPool[];
  peers: string[];
  /** outboundType userDefinedRouting: where 0.0.0.0/0 goes */
  egressRoute?: ResolvedEgressRoute;
}

export type ValidationResult = { ok: true; network: ResolvedNetwork } | { ok: false; issues: ConfigIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function validateNetworkConfig(raw: unknown): ValidationResult {
  const parsed = parseNetworkConfig(raw);
  if (!parsed.ok) return parsed;
  return resolve(parsed.config);
}

/**
 * The config as the schema reads it, or its issues. `fast`: a config that is plain and valid
 * throughout is read without zod (planner/configNetwork.ts); otherwise subnets that are all plain,
 * valid objects are read without zod (plainSubnets, the same file), the rest of the config by the
 * schema. The tests turn it off to compare with zod alone.
 */
export function parseNetworkConfig(raw: unknown, fast = true): { ok: true; config: NetworkConfig } | { ok: false; issues: ConfigIssue[] } {
  const plain = fast ? plainNetworkConfig(raw) : undefined;
  if (plain) return { ok: true, config: plain };
  const subnets = fast && isPlainObject(raw) ? plainSubnets(raw.subnets) : undefined;
  // the subnets read, zod checks the rest with the first (valid) subnet standing in for them all
  const parsed = z.safeParse(networkConfigSchema(), subnets ? { ...(raw as Record<string, unknown>), subnets: [subnets[0]] } : raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ code: 'INVALID_CONFIG', path: formatPath(issue.path), message: issue.message })),
    };
  }
  const config = parsed.data as NetworkConfig;
  if (subnets) config.subnets = subnets;
  return { ok: true, config };
}

function resolve(config: NetworkConfig): ValidationResult {
  const issues: ConfigIssue[] = [];
  const invalid = (path: string, message: string) => issues.push({ code: 'INVALID_CONFIG', path, message });
  const cidrAt = (path: string, text: string): Cidr | undefined => {
    const result = parseCidr(text);
    if (!result.ok) {
      issues.push({ code: 'INVALID_CIDR', path, message: result.reason });
      return undefined;
    }
    return result.cidr;
  };

  const plugin = config.plugin;
  const model = MODELS[plugin];
  const addressSpace = config.addressSpace.map((text, i) => cidrAt(`addressSpace[${i}]`, text));
  const serviceCidr = cidrAt('serviceCidr', config.serviceCidr ?? AKS_DEFAULTS.serviceCidr);
  const dnsText = config.dnsServiceIP ?? AKS_DEFAULTS.dnsServiceIP;
  const dnsServiceIP = parseIPv4(dnsText);
  if (dnsServiceIP === undefined) {
    issues.push({ code: 'INVALID_CIDR', path: 'dnsServiceIP', message: `"${dnsText}" is not an IPv4 address: give an address inside serviceCidr, usually its .10 address (10.0.0.10 for 10.0.0.0/16)` });
  }

  let podCidr: Cidr | undefined;
  let byo: ResolvedByoCni | undefined;
  if (plugin === 'azure-cni-overlay' || plugin === 'kubenet') {
    podCidr = cidrAt('podCidr', config.podCidr ?? AKS_DEFAULTS.podCidr);
  } else if (config.podCidr !== undefined && plugin !== 'none') {
    // az aks create refuses --pod-cidr with Azure CNI outside overlay (azure-cli PR 26237)
    invalid('podCidr', `podCidr applies to azure-cni-overlay, kubenet and BYO CNIs only; ${plugin} takes pod addresses from the VNet`);
  }
  if (plugin === 'none') {
    if (!config.byoCni) {
      invalid('byoCni', 'plugin "none" (bring your own CNI) needs byoCni: { type: calico | flannel | cilium | weave }');
    } else {
      const byoModel = BYO_MODELS[config.byoCni.type];
      const poolText = config.byoCni.poolCidr ?? config.podCidr ?? byoModel.defaultPool;
      const pool = poolText === undefined ? undefined : cidrAt(config.byoCni.poolCidr ? 'byoCni.poolCidr' : config.podCidr ? 'podCidr' : 'byoCni.poolCidr', poolText);
      byo = {
        type: config.byoCni.type,
        pool,
        poolDefaulted: config.byoCni.poolCidr === undefined && config.podCidr === undefined,
        blockSize: config.byoCni.blockSize,
        subnetLen: config.byoCni.subnetLen,
        maskSize: config.byoCni.maskSize,
      };
      if (config.byoCni.blockSize !== undefined && config.byoCni.type !== 'calico') invalid('byoCni.blockSize', 'blockSize is a Calico IPPool setting');
      if (config.byoCni.subnetLen !== undefined && config.byoCni.type !== 'flannel') invalid('byoCni.subnetLen', 'subnetLen is a Flannel setting');
      if (config.byoCni.maskSize !== undefined && config.byoCni.type !== 'cilium') invalid('byoCni.maskSize', 'maskSize is a Cilium cluster-pool setting');
    }
  } else if (config.byoCni) {
    invalid('byoCni', `byoCni applies only with plugin "none"; this stack uses ${plugin}`);
  }

  const subnetNames = new Set<string>();
  const subnets: ResolvedSubnet[] = config.subnets.map((s, index) => {
    const path = `subnets[${index}]`;
    if (subnetNames.has(s.name)) invalid(`${path}.name`, `subnet name "${s.name}" is used twice`);
    subnetNames.add(s.name);
    const cidr = s.cidr === undefined ? undefined : cidrAt(`${path}.cidr`, s.cidr);
    if (cidr && s.prefixLength !== undefined && s.prefixLength !== cidr.prefix) {
      invalid(`${path}.prefixLength`, `prefixLength ${s.prefixLength} disagrees with cidr ${s.cidr}; give one of them`);
    }
    return { index, name: s.name, cidr, prefixLength: s.prefixLength, purpose: s.purpose ?? 'nodes', reservedIps: s.reservedIps ?? 0 };
  });

  const poolNames = new Set<string>();
  const pools: ResolvedPool[] = [];
  config.nodePools.forEach((p, index) => {
    const path = `nodePools[${index}]`;
    if (poolNames.has(p.name)) invalid(`${path}.name`, `node pool name "${p.name}" is used twice`);
    poolNames.add(p.name);
    if (!subnetNames.has(p.subnet)) invalid(`${path}.subnet`, `unknown subnet "${p.subnet}"; subnets are: ${[...subnetNames].join(', ')}`);
    const needsPodSubnet = model.podAddressing === 'pod-subnet';
    if (needsPodSubnet && p.podSubnet === undefined) invalid(`${path}.podSubnet`, `${plugin} needs a podSubnet on every node pool`);
    if (!needsPodSubnet && p.podSubnet !== undefined) invalid(`${path}.podSubnet`, `podSubnet applies to azure-cni-dynamic and azure-cni-static-block only`);
    if (p.podSubnet !== undefined && !subnetNames.has(p.podSubnet)) invalid(`${path}.podSubnet`, `unknown subnet "${p.podSubnet}"`);
    const sizing = poolSizing(p, path, invalid);
    if (!sizing) return;
    const maxPods = p.maxPods ?? model.defaultMaxPods;
    // AKS default surge is 1 node; a pool upgraded in place (maxUnavailable) surges nothing (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling)
    const maxSurge = p.maxSurge ?? (p.maxUnavailable ? 0 : AKS_DEFAULTS.maxSurge);
    pools.push({
      index,
      name: p.name,
      mode: p.mode ?? 'User',
      osType: p.osType ?? 'Linux',
      vmSize: p.vmSize,
      ...sizing,
      maxPods,
      maxPodsDefaulted: p.maxPods === undefined,
      maxSurge,
      maxUnavailable: p.maxUnavailable ?? 0,
      surgeNodes: surgeNodes(maxSurge, sizing.maxNodes),
      subnet: p.subnet,
      podSubnet: p.podSubnet,
    });
  });

  const usedSubnets = new Set(config.nodePools.flatMap((p) => [p.subnet, p.podSubnet ?? '']));
  subnets.forEach((s) => {
    // a subnet no pool uses has no demand to size it by; Application Gateway v2 recommends a /24
    // (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure), and
    // Application Gateway for Containers needs one (256 addresses per association)
    if (!s.cidr && s.prefixLength === undefined && !usedSubnets.has(s.name) && !GATEWAY_SUBNET_PURPOSES.includes(s.purpose)) {
      invalid(`subnets[${s.index}]`, `subnet "${s.name}" is used by no node pool: give it a cidr or a prefixLength`);
    }
  });

  const peers = config.peers ?? [];
  const egressRoute = resolveEgressRoute(config, issues);
  const kubernetesMinor = config.kubernetesVersion ? Number(config.kubernetesVersion.split('.')[1]) : undefined;
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    network: {
      config,
      plugin,
      addressSpace: addressSpace as Cidr[],
      serviceCidr: serviceCidr!,
      dnsServiceIP: dnsServiceIP!,
      podCidr,
      byoCni: byo,
      networkPolicy: config.networkPolicy ?? AKS_DEFAULTS.networkPolicy,
      outboundType: config.outboundType ?? AKS_DEFAULTS.outboundType,
      tier: config.tier ?? AKS_DEFAULTS.tier,
      kubernetesMinor,
      subnets,
      pools,
      peers,
      ...(egressRoute ? { egressRoute } : {}),
    },
  };
}

/** count, or minCount..maxCount for the autoscaler; the plan always uses the maximum (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling). */
function poolSizing(
  p: NodePoolConfig,
  path: string,
  invalid: (path: string, message: string) => void,
): { autoscale: boolean; minNodes: number; maxNodes: number } | undefined {
  const hasRange = p.minCount !== undefined || p.maxCount !== undefined;
  if (hasRange) {
    if (p.minCount === undefined || p.maxCount === undefined) {
      invalid(`${path}.${p.minCount === undefined ? 'minCount' : 'maxCount'}`, 'an autoscaled pool needs both minCount and maxCount');
      return undefined;
    }
    if (p.minCount > p.maxCount) {
      invalid(`${path}.minCount`, `minCount ${p.minCount} is larger than maxCount ${p.maxCount}`);
      return undefined;
    }
    if (p.count !== undefined && (p.count < p.minCount || p.count > p.maxCount)) {
      invalid(`${path}.count`, `count ${p.count} is outside minCount..maxCount (${p.minCount}..${p.maxCount})`);
      return undefined;
    }
    return { autoscale: true, minNodes: p.minCount, maxNodes: p.maxCount };
  }
  if (p.count === undefined) {
    invalid(`${path}.count`, 'a node pool needs count, or minCount and maxCount');
    return undefined;
  }
  return { autoscale: false, minNodes: p.count, maxNodes: p.count };
}

/** maxSurge as nodes at full scale: "N%" of the pool rounded up, never more than the pool itself (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling). */
export function surgeNodes(maxSurge: number | string, poolNodes: number): number {
  const nodes = typeof maxSurge === 'number' ? maxSurge : Math.ceil((poolNodes * Number(maxSurge.slice(0, -1))) / 100);
  return Math.min(nodes, poolNodes);
}
