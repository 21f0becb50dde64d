// The shape of stack config key `aks-networking:network`. The schema checks types and enums and
// reports a path for every problem; meaning (CIDRs, references, counts that agree) is checked in
// validate.ts so that each problem gets its own stable code.
import * as z from 'zod/mini';
import { builtOnFirstUse } from './builtOnFirstUse';

export const PLUGINS = [
  'azure-cni',
  'azure-cni-dynamic',
  'azure-cni-static-block',
  'azure-cni-overlay',
  'kubenet',
  'none',
] as const;
export type Plugin = (typeof PLUGINS)[number];

export const BYO_CNIS = ['calico', 'flannel', 'cilium', 'weave'] as const;
export type ByoCniType = (typeof BYO_CNIS)[number];

export const NETWORK_POLICIES = ['calico', 'azure', 'cilium', 'none'] as const;
export const OUTBOUND_TYPES = [
  'loadBalancer',
  'managedNATGateway',
  'userAssignedNATGateway',
  'userDefinedRouting',
  'none',
] as const;
/**
 * `agc`: the Application Gateway for Containers association subnet, delegated to
 * Microsoft.ServiceNetworking/trafficControllers and dedicated to it
 * (https://learn.microsoft.com/azure/application-gateway/for-containers/container-networking).
 */
export const SUBNET_PURPOSES = ['nodes', 'pods', 'ingress', 'appgateway', 'agc', 'other'] as const;
/** Subnets only a gateway may use (Application Gateway v2, Application Gateway for Containers). */
export const GATEWAY_SUBNET_PURPOSES: readonly string[] = ['appgateway', 'agc'];

/** A maxSurge percentage AKS accepts, and how plan and size say what maxSurge may be. */
export const SURGE_PERCENT = /^([1-9]\d?|100)%$/;
export const SURGE_FORMS = 'a node count or a percentage from 1% to 100%, e.g. "33%"';

// The schema is built on first use: a plain, valid config (every stack file that plans) is read
// without it (planner/configNetwork.ts), and building it cost about 1.5 ms of CPU at each start.
function buildNetworkConfigSchema() {
  const count = z.int().check(z.minimum(0));

  const name = z.string().check(z.minLength(1), z.maxLength(80));

  const byoCni = z.strictObject({
    type: z.enum(BYO_CNIS),
    /** the CNI's pod address pool (Calico IPPool cidr, Flannel Network, Cilium clusterPoolIPv4PodCIDRList, Weave IPALLOC_RANGE) */
    poolCidr: z.optional(z.string()),
    /** Calico IPPool blockSize, 20..32, default 26 */
    blockSize: z.optional(z.int().check(z.minimum(20), z.maximum(32))),
    /** Flannel SubnetLen, default 24 */
    subnetLen: z.optional(z.int().check(z.minimum(16), z.maximum(30))),
    /** Cilium clusterPoolIPv4MaskSize, default 24 */
    maskSize: z.optional(z.int().check(z.minimum(16), z.maximum(30))),
  });

  const subnet = z.strictObject({
    name,
    cidr: z.optional(z.string()),
    prefixLength: z.optional(z.int().check(z.minimum(2), z.maximum(29))),
    purpose: z.optional(z.enum(SUBNET_PURPOSES)),
    /** addresses other resources take in this subnet (internal load balancers, private endpoints) */
    reservedIps: z.optional(count),
  });

  const nodePool = z.strictObject({
    name: z.string().check(z.regex(/^[a-z][a-z0-9]{0,11}$/, 'pool names are 1-12 lowercase letters or digits, starting with a letter')),
    mode: z.optional(z.enum(['System', 'User'])),
    osType: z.optional(z.enum(['Linux', 'Windows'])),
    vmSize: name,
    count: z.optional(count),
    minCount: z.optional(count),
    maxCount: z.optional(count),
    maxPods: z.optional(z.int()),
    maxSurge: z.optional(z.union([count, z.string().check(z.regex(SURGE_PERCENT, `maxSurge is ${SURGE_FORMS}`))])),
    maxUnavailable: z.optional(count),
    subnet: name,
    podSubnet: z.optional(name),
  });

  return z.strictObject({
    addressSpace: z.array(z.string()).check(z.minLength(1)),
    plugin: z.enum(PLUGINS),
    byoCni: z.optional(byoCni),
    networkPolicy: z.optional(z.enum(NETWORK_POLICIES)),
    serviceCidr: z.optional(z.string()),
    dnsServiceIP: z.optional(z.string()),
    podCidr: z.optional(z.string()),
    outboundType: z.optional(z.enum(OUTBOUND_TYPES)),
    kubernetesVersion: z.optional(z.string().check(z.regex(/^1\.\d+(\.\d+)?$/, 'kubernetesVersion looks like "1.33" or "1.33.2"'))),
    tier: z.optional(z.enum(['free', 'standard', 'premium'])),
    subnets: z.array(subnet).check(z.minLength(1)),
    nodePools: z.array(nodePool).check(z.minLength(1)),
    /** outboundType userDefinedRouting: the default route's next hop, or a route table that has it */
    userDefinedRouting: z.optional(z.strictObject({ nextHopIp: z.optional(z.string()), routeTableId: z.optional(z.string()) })),
    /** names of other stacks whose VNets are peered with this one */
    peers: z.optional(z.array(name)),
  });
}

/** The zod schema of `aks-networking:network`: the reference for every config, and the reader of any config planner/configNetwork.ts does not take as it stands. */
export const networkConfigSchema = builtOnFirstUse(buildNetworkConfigSchema);

export type NetworkConfig = z.infer<ReturnType<typeof buildNetworkConfigSchema>>;
export type SubnetConfig = NetworkConfig['subnets'][number];
export type NodePoolConfig = NetworkConfig['nodePools'][number];
export type ByoCniConfig = NonNullable<NetworkConfig['byoCni']>;
