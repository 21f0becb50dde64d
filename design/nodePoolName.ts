// Azure node pool names that change exactly when Azure cannot change a pool in place.
//
// AKS cannot update a pool's VM size, maxPods, node subnet or pod subnet (https://learn.microsoft.com/azure/aks/create-node-pools,
// https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation). The way
// out is a new pool with the new settings, then deleting the old one. The program does that by
// naming every pool after those settings: the config name's first characters plus a short hash.
// When one of them changes the name changes, Pulumi sees a replacement of the AgentPool and (with
// deleteBeforeReplace off) creates the new pool before it deletes the old one, so workloads always
// have somewhere to go. Everything else about a pool (counts, autoscaler range, maxSurge) is updated
// in place and keeps the name.
//
// Pure: no Pulumi, so the CLI can show the names without loading the Pulumi runtime.
import { sha256Hex } from './sha256';
import type { PoolPlan } from '../planner/types';

/** The settings that decide a pool's Azure name. */
export interface PoolIdentity {
  name: string;
  osType: 'Linux' | 'Windows';
  vmSize: string;
  maxPods: number;
  subnet: string;
  podSubnet?: string;
  /** pod IP allocation of a pod subnet: a pool cannot move between them in place (https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation) */
  podIpAllocation?: 'DynamicIndividual' | 'StaticBlock';
}

/**
 * Name lengths. AKS pool names are lowercase letters and digits starting with a letter: at most 12
 * for Linux pools, at most 6 for Windows pools (the Windows computer-name prefix is short).
 */
export const POOL_NAME_LAYOUT = {
  Linux: { prefix: 7, hash: 5 },
  Windows: { prefix: 2, hash: 4 },
} as const;

/**
 * The fields hashed, in a fixed order, so that adding a field later is a deliberate, visible change.
 * The full config name is hashed too: two pools whose names share the kept prefix ("workers1",
 * "workers2") and whose settings match must still get different Azure names.
 */
export function poolIdentityKey(pool: PoolIdentity): string {
  return JSON.stringify([pool.name, pool.osType, pool.vmSize.toLowerCase(), pool.maxPods, pool.subnet, pool.podSubnet ?? '', pool.podIpAllocation ?? '']);
}

/** e.g. pool "apps" (Standard_D8ds_v5, maxPods 110, subnet aks-nodes) -> "apps" + 5 hex digits. */
export function agentPoolName(pool: PoolIdentity): string {
  const layout = POOL_NAME_LAYOUT[pool.osType];
  const hash = sha256Hex(poolIdentityKey(pool)).slice(0, layout.hash);
  return pool.name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, layout.prefix) + hash;
}

/** The pod IP allocation mode AKS gives a pool's pod subnet under this plugin (none without a pod subnet). */
export function podIpAllocationFor(plugin: string): PoolIdentity['podIpAllocation'] {
  return plugin === 'azure-cni-dynamic' ? 'DynamicIndividual' : plugin === 'azure-cni-static-block' ? 'StaticBlock' : undefined;
}

export function poolIdentity(pool: Pick<PoolPlan, 'name' | 'osType' | 'vmSize' | 'maxPods' | 'subnet' | 'podSubnet'>, podIpAllocation?: PoolIdentity['podIpAllocation']): PoolIdentity {
  return {
    name: pool.name,
    osType: pool.osType,
    vmSize: pool.vmSize,
    maxPods: pool.maxPods,
    subnet: pool.subnet,
    ...(pool.podSubnet ? { podSubnet: pool.podSubnet } : {}),
    ...(podIpAllocation ? { podIpAllocation } : {}),
  };
}

/** What differs between two identities, for messages: ["maxPods 30 -> 50", ...]. */
export function identityChanges(before: PoolIdentity, after: PoolIdentity): string[] {
  const fields: (keyof PoolIdentity)[] = ['osType', 'vmSize', 'maxPods', 'subnet', 'podSubnet', 'podIpAllocation'];
  return fields
    .filter((f) => String(before[f] ?? '') !== String(after[f] ?? ''))
    .map((f) => `${f} ${before[f] ?? '(none)'} -> ${after[f] ?? '(none)'}`);
}
