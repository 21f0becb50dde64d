// Reads azure-native resources as the policy engine hands them over (inputs for resource policies,
// outputs for stack policies) into plain records the rules work on. During `pulumi preview` a value
// another resource has not produced yet (a new subnet's ID) is unknown, and reading it throws; here
// such a value becomes UNKNOWN, and a pool's subnet is then found through the resource it depends on.
import type { PolicyResource } from '@pulumi/policy';
import type { Plugin } from '../planner/config';
import { AKS_DEFAULTS, MODELS } from '../planner/models';
import { surgeNodes } from '../planner/validate';

export const TYPES = {
  subnet: 'azure-native:network:Subnet',
  vnet: 'azure-native:network:VirtualNetwork',
  cluster: 'azure-native:containerservice:ManagedCluster',
  agentPool: 'azure-native:containerservice:AgentPool',
  nsg: 'azure-native:network:NetworkSecurityGroup',
  securityRule: 'azure-native:network:SecurityRule',
  routeTable: 'azure-native:network:RouteTable',
} as const;

/** AKS's own delegation name; a node subnet can never carry it (https://learn.microsoft.com/azure/aks/concepts-network-cni-overview), a pod subnet may. */
const AKS_DELEGATION = 'microsoft.containerservice/managedclusters';

export const UNKNOWN: unique symbol = Symbol('unknown during preview');
export type Unknown = typeof UNKNOWN;

// The policy SDK keeps its unknown-value error internal; it is the one error a read may swallow.
const { UnknownValueError } = require('@pulumi/policy/proxy') as { UnknownValueError: new (...args: never[]) => Error };

/** The value, or UNKNOWN when the engine does not know it yet (preview). */
export function read<T>(get: () => T): T | Unknown {
  try {
    return get();
  } catch (e) {
    if (e instanceof UnknownValueError) return UNKNOWN;
    throw e;
  }
}

/** A known string, else undefined (absent or unknown). */
export function str(get: () => unknown): string | undefined {
  const v = read(get);
  return typeof v === 'string' ? v : undefined;
}

/** A known list of strings (unknown items dropped). */
export function strings(get: () => unknown): string[] {
  const v = read(get);
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const item = read(() => v[i]);
    if (typeof item === 'string') out.push(item);
  }
  return out;
}

/** Items of a list property, each a proxied object; [] when absent or unknown. */
export function items(get: () => unknown): Record<string, any>[] {
  const v = read(get);
  if (!Array.isArray(v)) return [];
  const out: Record<string, any>[] = [];
  for (let i = 0; i < v.length; i++) {
    const item = read(() => v[i]);
    if (item && item !== UNKNOWN && typeof item === 'object') out.push(item);
  }
  return out;
}

/** Is the property set (to anything, known or not)? */
function isSet(get: () => unknown): boolean {
  const v = read(get);
  return v === UNKNOWN || (v !== undefined && v !== null && v !== '');
}

/** The stack name from a URN: urn:pulumi:<stack>::<project>::<type>::<name>. */
export function stackOfUrn(urn: string): string {
  return urn.split('::')[0].split(':').slice(2).join(':');
}

export interface SubnetRecord {
  /** the resource carrying it: the Subnet, or the VirtualNetwork for an inline subnet */
  urn: string;
  label: string;
  name?: string;
  /** VNet name, or the VNet resource's URN when the name is not known yet */
  vnetKey?: string;
  id?: string;
  prefixes: string[];
  /** a route table is attached (its ID may still be unknown) */
  hasRouteTable: boolean;
  /** the attached route table: its ID, or the RouteTable resource's URN while the ID is unknown */
  routeTableKey?: string;
  delegatedToAks: boolean;
  resource?: PolicyResource;
}

export interface PoolRecord {
  urn: string;
  label: string;
  plugin: Plugin;
  /** the pool's maximum (maxCount when autoscaled, count otherwise); undefined when unknown */
  maxNodes?: number;
  surgeNodes?: number;
  maxPods?: number;
  nodeSubnet?: SubnetRecord;
  podSubnet?: SubnetRecord;
}

export interface ClusterRecord {
  urn: string;
  label: string;
  name?: string;
  /** the cluster-wide network model; a pod-subnet pool refines it per pool */
  plugin: Plugin;
  podCidrs: string[];
  serviceCidrs: string[];
  pools: PoolRecord[];
}

export interface StackModel {
  subnets: SubnetRecord[];
  clusters: ClusterRecord[];
}

function subnetRecord(urn: string, label: string, props: Record<string, any>, vnetKey: string | undefined, resource?: PolicyResource): SubnetRecord {
  const prefixes = [str(() => props.addressPrefix), ...strings(() => props.addressPrefixes)].filter((p): p is string => !!p);
  const delegations = items(() => props.delegations);
  const id = str(() => props.id);
  // a deployed resource's outputs carry its ID and name; the path parameters are inputs only
  const fromId = id ? parseSubnetId(id) : undefined;
  const routeTableDep = (resource?.propertyDependencies?.routeTable ?? []).find((d) => d.type === TYPES.routeTable);
  return {
    urn,
    label,
    name: str(() => props.name) ?? str(() => props.subnetName) ?? fromId?.subnet,
    vnetKey: vnetKey ?? fromId?.vnet,
    id,
    prefixes: [...new Set(prefixes)],
    hasRouteTable: isSet(() => props.routeTable),
    routeTableKey: str(() => props.routeTable?.id)?.toLowerCase() ?? routeTableDep?.urn,
    delegatedToAks: delegations.some((d) => str(() => d.serviceName)?.toLowerCase() === AKS_DELEGATION),
    resource,
  };
}

function vnetKeyOf(vnet: PolicyResource): string {
  return (str(() => vnet.props.name) ?? str(() => vnet.props.virtualNetworkName) ?? vnet.urn).toLowerCase();
}

/** Every subnet of the stack: standalone Subnets, and VNet inline subnets not also declared standalone. */
export function subnetsOf(resources: PolicyResource[]): SubnetRecord[] {
  const standalone = resources
    .filter((r) => r.type === TYPES.subnet)
    .map((r) => {
      const vnetName = str(() => r.props.virtualNetworkName);
      const vnetDep = (r.propertyDependencies?.virtualNetworkName ?? []).find((d) => d.type === TYPES.vnet);
      const vnetKey = vnetName?.toLowerCase() ?? (vnetDep ? vnetKeyOf(vnetDep) : undefined);
      const record = subnetRecord(r.urn, '', r.props, vnetKey, r);
      record.label = `subnet ${record.name ?? r.name}`;
      return record;
    });
  const key = (s: SubnetRecord) => (s.name && s.vnetKey ? `${s.vnetKey}/${s.name.toLowerCase()}` : s.urn);
  const seen = new Set(standalone.map(key));
  const inline: SubnetRecord[] = [];
  for (const vnet of resources.filter((r) => r.type === TYPES.vnet)) {
    const vnetKey = vnetKeyOf(vnet);
    for (const s of items(() => vnet.props.subnets)) {
      const record = subnetRecord(vnet.urn, '', s, vnetKey);
      record.label = `subnet ${record.name ?? '?'} (inline in VNet ${vnet.name})`;
      // Azure returns standalone subnets in the VNet's own `subnets` output too: count them once
      if (!seen.has(key(record))) inline.push(record);
    }
  }
  return [...standalone, ...inline];
}

/** ARM subnet ID -> VNet and subnet names. */
function parseSubnetId(id: string): { vnet: string; subnet: string } | undefined {
  const m = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return m ? { vnet: m[1].toLowerCase(), subnet: m[2].toLowerCase() } : undefined;
}

/**
 * The subnet a pool's subnet ID names: by ID or VNet/subnet name when the ID is known, otherwise
 * through the resources the property depends on (preview of new subnets). Among several candidates
 * a delegated subnet can only be a pod subnet (node subnets cannot be delegated, https://learn.microsoft.com/azure/aks/concepts-network-cni-overview).
 */
function resolveSubnet(
  subnets: SubnetRecord[],
  id: string | Unknown | undefined,
  dependencies: PolicyResource[],
  role: 'nodes' | 'pods',
): SubnetRecord | undefined {
  if (typeof id === 'string') {
    const byId = subnets.find((s) => s.id?.toLowerCase() === id.toLowerCase());
    if (byId) return byId;
    const parsed = parseSubnetId(id);
    return parsed ? subnets.find((s) => s.name?.toLowerCase() === parsed.subnet && s.vnetKey === parsed.vnet) : undefined;
  }
  if (id !== UNKNOWN) return undefined;
  const candidates = subnets.filter((s) => s.resource && dependencies.includes(s.resource));
  if (candidates.length <= 1) return candidates[0];
  const fitting = candidates.filter((s) => s.delegatedToAks === (role === 'pods'));
  return fitting.length === 1 ? fitting[0] : undefined;
}

/** The network model AKS runs for a profile, and for one pool of it. */
export function pluginOf(profile: Record<string, any> | undefined, pool?: Record<string, any>): Plugin {
  const plugin = str(() => profile?.networkPlugin)?.toLowerCase();
  const mode = str(() => profile?.networkPluginMode)?.toLowerCase();
  if (plugin === 'kubenet') return 'kubenet';
  if (plugin === 'none') return 'none';
  // without a network plugin AKS creates an overlay cluster (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay)
  if (plugin === undefined || mode === 'overlay') return 'azure-cni-overlay';
  if (pool && isSet(() => pool.podSubnetID)) {
    return str(() => pool.podIPAllocationMode)?.toLowerCase() === 'staticblock' ? 'azure-cni-static-block' : 'azure-cni-dynamic';
  }
  return 'azure-cni';
}

function num(get: () => unknown): number | Unknown | undefined {
  const v = read(get);
  if (v === UNKNOWN) return UNKNOWN;
  return typeof v === 'number' ? v : undefined;
}

/** A pool's size at full scale from its own inputs, with AKS's defaults; undefined parts are unknown. */
export function poolSize(pool: Record<string, any>, plugin: Plugin): Pick<PoolRecord, 'maxNodes' | 'surgeNodes' | 'maxPods'> {
  const autoscale = read(() => pool.enableAutoScaling) === true;
  const count = num(() => pool.count);
  const maxCount = num(() => pool.maxCount);
  // AKS's count defaults to 1 (ManagedClusterAgentPoolProfile.count)
  const max = autoscale ? (maxCount ?? count ?? 1) : (count ?? 1);
  const maxNodes = max === UNKNOWN ? undefined : max;
  const maxPodsRaw = num(() => pool.maxPods);
  const maxPods = maxPodsRaw === UNKNOWN ? undefined : (maxPodsRaw ?? MODELS[plugin].defaultMaxPods);
  const surgeRaw = read(() => pool.upgradeSettings?.maxSurge);
  const unavailableRaw = read(() => pool.upgradeSettings?.maxUnavailable);
  let surge: number | string | undefined;
  if (surgeRaw === UNKNOWN || unavailableRaw === UNKNOWN) surge = undefined;
  else if (typeof surgeRaw === 'string' && /^\d+%$/.test(surgeRaw.trim())) surge = surgeRaw.trim();
  else if (surgeRaw !== undefined && surgeRaw !== null && /^\d+$/.test(String(surgeRaw).trim())) surge = Number(String(surgeRaw).trim());
  // the planner's default: 1 node, none when the pool upgrades in place (maxUnavailable > 0), https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling
  else surge = parseFloat(String(unavailableRaw ?? 0)) > 0 ? 0 : AKS_DEFAULTS.maxSurge; // a count or a percentage
  return { maxNodes, maxPods, surgeNodes: surge === undefined || maxNodes === undefined ? undefined : surgeNodes(surge, maxNodes) };
}

function poolRecord(
  urn: string,
  label: string,
  pool: Record<string, any>,
  profile: Record<string, any> | undefined,
  subnets: SubnetRecord[],
  nodeDeps: PolicyResource[],
  podDeps: PolicyResource[],
): PoolRecord {
  const plugin = pluginOf(profile, pool);
  return {
    urn,
    label,
    plugin,
    ...poolSize(pool, plugin),
    nodeSubnet: resolveSubnet(subnets, read(() => pool.vnetSubnetID) as string | Unknown | undefined, nodeDeps, 'nodes'),
    podSubnet: resolveSubnet(subnets, read(() => pool.podSubnetID) as string | Unknown | undefined, podDeps, 'pods'),
  };
}

/** The stack's subnets and clusters with their pools (inline profiles and AgentPools). */
export function stackModel(resources: PolicyResource[]): StackModel {
  const subnets = subnetsOf(resources);
  const clusterResources = resources.filter((r) => r.type === TYPES.cluster);
  const clusters: ClusterRecord[] = clusterResources.map((r) => {
    const profile = read(() => r.props.networkProfile);
    const networkProfile = profile && profile !== UNKNOWN ? (profile as Record<string, any>) : undefined;
    const plugin = pluginOf(networkProfile);
    const deps = r.propertyDependencies?.agentPoolProfiles ?? [];
    const name = str(() => r.props.name) ?? str(() => r.props.resourceName);
    return {
      urn: r.urn,
      label: `cluster ${name ?? r.name}`,
      name,
      plugin,
      // AKS reads podCidr only where it hands out pod ranges itself (overlay, kubenet) or routes to a BYO CNI's
      podCidrs: plugin === 'azure-cni-overlay' || plugin === 'kubenet' || plugin === 'none'
        ? [...new Set([str(() => networkProfile?.podCidr), ...strings(() => networkProfile?.podCidrs)].filter((c): c is string => !!c && !c.includes(':')))]
        : [],
      serviceCidrs: [...new Set([str(() => networkProfile?.serviceCidr), ...strings(() => networkProfile?.serviceCidrs)].filter((c): c is string => !!c && !c.includes(':')))],
      pools: items(() => r.props.agentPoolProfiles).map((p, i) =>
        poolRecord(r.urn, `pool ${str(() => p.name) ?? `#${i}`} of cluster ${name ?? r.name}`, p, networkProfile, subnets, deps, deps),
      ),
    };
  });
  for (const r of resources.filter((x) => x.type === TYPES.agentPool)) {
    const clusterName = str(() => r.props.resourceName) ?? /\/managedClusters\/([^/]+)\/agentPools\//i.exec(str(() => r.props.id) ?? '')?.[1];
    const clusterDep = (r.propertyDependencies?.resourceName ?? []).find((d) => d.type === TYPES.cluster);
    const cluster =
      (clusterName ? clusters.find((c) => c.name?.toLowerCase() === clusterName.toLowerCase()) : undefined) ??
      (clusterDep ? clusters.find((c) => c.urn === clusterDep.urn) : undefined) ??
      (clusters.length === 1 ? clusters[0] : undefined);
    if (!cluster) continue;
    const profile = clusterResources.find((c) => c.urn === cluster.urn)!;
    const networkProfile = read(() => profile.props.networkProfile);
    cluster.pools.push(
      poolRecord(
        r.urn,
        `pool ${str(() => r.props.agentPoolName) ?? r.name} of ${cluster.label}`,
        r.props,
        networkProfile && networkProfile !== UNKNOWN ? (networkProfile as Record<string, any>) : undefined,
        subnets,
        r.propertyDependencies?.vnetSubnetID ?? [],
        r.propertyDependencies?.podSubnetID ?? [],
      ),
    );
  }
  return { subnets, clusters };
}
