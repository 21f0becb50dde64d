// What a deployment leaves behind for the next one to compare against, and the comparison.
//
// Some changes cannot be applied to a running cluster (https://learn.microsoft.com/azure/aks/update-azure-cni): a new network plugin, pod or
// service range, the DNS IP, or a change to the pool the cluster was created with. Seeing them
// needs the settings that were deployed, so the program exports them as the stack output
// `deployedSettings` and reads them back on the next run through a StackReference to its own stack
// (see program.ts). `compareDeployedSettings` is the pure half: previous settings and new settings
// in, findings out. It never looks at Azure; what was deployed is what this program last exported.
import * as z from 'zod/mini';
import { contains, parseCidr } from '../planner/cidr';
import { PLUGINS, type Plugin } from '../planner/config';
import type { AksNetworkProfile } from './aksProfile';
import { identityChanges, type PoolIdentity } from './nodePoolName';
import { outboundTypeChange } from './outboundTypeChange';
import { CLUSTER_KEY, NETWORK_KEY, stackFinding, type ConfigKey, type StackFinding } from './stackFindings';
import { builtOnFirstUse } from '../planner/builtOnFirstUse';

export const DEPLOYED_SETTINGS_OUTPUT = 'deployedSettings';

export interface DeployedPool extends PoolIdentity {
  agentPoolName: string;
  /** deployed maxCount (or count): what the pool holds while a rotation replaces it */
  maxNodes?: number;
}

/** The cluster's identity in Azure: changing any of these makes a different cluster. */
export interface DeployedCluster {
  name: string;
  resourceGroupName: string;
  dnsPrefix: string;
  location?: string;
  privateCluster: boolean;
  /** created with a Windows profile; absent: false (also in settings exported before this field) */
  windows?: boolean;
}

export interface DeployedSettings {
  version: 1;
  cluster: DeployedCluster;
  plugin: Plugin;
  profile: AksNetworkProfile;
  kubernetesVersion?: string;
  /** in config order */
  subnets: { name: string; cidr: string }[];
  /** config name of the pool created inline with the cluster */
  bootstrapPool: string;
  /** in config order */
  pools: DeployedPool[];
}

// Built on first use: only a stack with a previous deployment's output is read with it, and every
// command paid for building it at start-up.
function buildSettingsSchema() {
  const poolSchema = z.object({
    name: z.string(),
    osType: z.enum(['Linux', 'Windows']),
    vmSize: z.string(),
    maxPods: z.number(),
    subnet: z.string(),
    podSubnet: z.optional(z.string()),
    podIpAllocation: z.optional(z.enum(['DynamicIndividual', 'StaticBlock'])),
    agentPoolName: z.string(),
    maxNodes: z.optional(z.number()),
  });

  return z.object({
    version: z.literal(1),
    cluster: z.object({
      name: z.string(),
      resourceGroupName: z.string(),
      dnsPrefix: z.string(),
      location: z.optional(z.string()),
      privateCluster: z.boolean(),
      windows: z.optional(z.boolean()),
    }),
    plugin: z.enum(PLUGINS),
    profile: z.object({
      networkPlugin: z.enum(['azure', 'kubenet', 'none']),
      networkPluginMode: z.optional(z.literal('overlay')),
      networkPolicy: z.enum(['none', 'calico', 'azure', 'cilium']),
      networkDataplane: z.optional(z.enum(['azure', 'cilium'])),
      podCidr: z.optional(z.string()),
      serviceCidr: z.string(),
      dnsServiceIP: z.string(),
      outboundType: z.enum(['loadBalancer', 'userDefinedRouting', 'userAssignedNATGateway', 'none']),
      loadBalancerSku: z.literal('standard'),
    }),
    kubernetesVersion: z.optional(z.string()),
    subnets: z.array(z.object({ name: z.string(), cidr: z.string() })),
    bootstrapPool: z.string(),
    pools: z.array(poolSchema),
  });
}

const settingsSchema = builtOnFirstUse(buildSettingsSchema);

export type ParsedDeployedSettings = { ok: true; settings: DeployedSettings | undefined } | { ok: false; finding: StackFinding };

/**
 * The previous `deployedSettings` output: undefined (never deployed, or deployed before this output
 * existed) reads as "nothing to compare"; anything else must have the shape this program writes.
 */
export function parseDeployedSettings(raw: unknown): ParsedDeployedSettings {
  if (raw === undefined || raw === null) return { ok: true, settings: undefined };
  const parsed = z.safeParse(settingsSchema(), raw);
  if (parsed.success) return { ok: true, settings: parsed.data as DeployedSettings };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    finding: stackFinding(
      'error',
      'DEPLOYED_SETTINGS_UNREADABLE',
      CLUSTER_KEY,
      '',
      `the stack output "${DEPLOYED_SETTINGS_OUTPUT}" of the last deployment is not something this program wrote (${issue.path.join('.') || 'value'}: ${issue.message}); without it the program cannot tell which changes need a new cluster`,
    ),
  };
}

/**
 * The pool the cluster is created with. AKS cannot create a cluster without a System pool in the
 * cluster itself, and cannot remove or rename that pool through the cluster later (a managed
 * cluster PUT may not add or drop pools: pulumi/pulumi-azure-native#579, #2719). So once chosen it
 * stays: the deployed choice wins while its config entry exists; otherwise the first System pool.
 */
export function chooseBootstrapPool(pools: readonly { name: string; mode: 'System' | 'User' }[], previous: DeployedSettings | undefined): string {
  if (previous && pools.some((p) => p.name === previous.bootstrapPool)) return previous.bootstrapPool;
  const system = pools.find((p) => p.mode === 'System') ?? pools[0];
  return system.name;
}

export interface Comparison {
  findings: StackFinding[];
  /** ManagedCluster property paths whose change must replace the cluster (only when replacement is allowed) */
  replaceOnChanges: string[];
}

/**
 * Compare what was deployed with what the config asks for now. Changes a running cluster cannot
 * take are CLUSTER_REPLACEMENT: an error, unless `allowClusterReplacement`, in which case they become
 * a warning and the cluster property paths to replace on. Pools whose Azure name changes are
 * reported as POOL_ROTATION.
 */
export function compareDeployedSettings(previous: DeployedSettings | undefined, current: DeployedSettings, options: { allowClusterReplacement: boolean }): Comparison {
  const findings: StackFinding[] = [];
  const replaceOnChanges = new Set<string>();
  if (!previous) return { findings, replaceOnChanges: [] };

  const replacement = (path: string, properties: string[], message: string, config: ConfigKey = NETWORK_KEY) => {
    if (options.allowClusterReplacement) {
      properties.forEach((p) => replaceOnChanges.add(p));
      findings.push(stackFinding('warning', 'CLUSTER_REPLACEMENT', config, path, `${message}; cluster.allowClusterReplacement is set, so the cluster is deleted and built again (everything running on it goes)`));
    } else {
      findings.push(stackFinding('error', 'CLUSTER_REPLACEMENT', config, path, `${message}; revert it, or set cluster.allowClusterReplacement: true to delete the cluster and build a new one`));
    }
  };

  // Another name, resource group or region is another Azure resource: Pulumi would build a second
  // cluster and delete the first. The DNS prefix and private API server are set at creation.
  const identity: [keyof DeployedCluster, string, string][] = [
    ['name', 'name', 'resourceName'],
    ['resourceGroupName', 'resourceGroupName', 'resourceGroupName'],
    ['location', 'location', 'location'],
    ['dnsPrefix', 'dnsPrefix', 'dnsPrefix'],
    ['privateCluster', 'apiServer.private', 'apiServerAccessProfile.enablePrivateCluster'],
  ];
  for (const [field, path, property] of identity) {
    const was = previous.cluster[field];
    const now = current.cluster[field];
    if (String(was ?? '') !== String(now ?? '')) {
      replacement(path, [property], `${path} ${was ?? '(provider default)'} -> ${now ?? '(provider default)'} makes a different cluster: Azure sets it when the cluster is created`, CLUSTER_KEY);
    }
  }
  // AKS enables Windows only at creation (https://learn.microsoft.com/azure/aks/windows-vs-linux-containers); dropping the profile from config leaves it on the cluster
  if (!previous.cluster.windows && current.cluster.windows) {
    replacement('windows', ['windowsProfile'], 'windows: a cluster created without a Windows profile cannot get one (nor Windows pools) later: AKS enables Windows only when it creates the cluster', CLUSTER_KEY);
  }
  const migration = (severity: 'error' | 'warning', path: string, message: string) => findings.push(stackFinding(severity, 'IN_PLACE_MIGRATION', NETWORK_KEY, path, message));

  const before = previous.profile;
  const after = current.profile;
  const pluginChanged = previous.plugin !== current.plugin;
  const podSubnetModes = new Set<Plugin>(['azure-cni-dynamic', 'azure-cni-static-block']);
  // kubenet and classic node-subnet CNI move to overlay in place, one way, reimaging every pool (https://learn.microsoft.com/azure/aks/update-azure-cni)
  const toOverlay = pluginChanged && current.plugin === 'azure-cni-overlay' && (previous.plugin === 'kubenet' || previous.plugin === 'azure-cni');

  if (pluginChanged) {
    if (toOverlay) {
      migration('warning', 'plugin', `${previous.plugin} -> azure-cni-overlay happens in place: one way, and AKS reimages every node pool at the same time`);
      if (before.networkPolicy !== 'none' || after.networkPolicy !== 'none') {
        migration('error', 'networkPolicy', `the move to overlay needs no network policy engine installed: deploy networkPolicy: none first, then migrate, then set the engine again as a separate deploy`);
      }
    } else if (podSubnetModes.has(previous.plugin) && podSubnetModes.has(current.plugin)) {
      // same cluster plugin; the pod IP mode belongs to each pool and its pod subnet (checked below) (https://learn.microsoft.com/azure/aks/update-azure-cni)
    } else {
      replacement('plugin', ['networkProfile.networkPlugin', 'networkProfile.networkPluginMode'], `network plugin ${previous.plugin} -> ${current.plugin} needs a new cluster (AKS changes plugins in place only from kubenet or azure-cni to azure-cni-overlay)`);
    }
  }

  if (before.podCidr !== after.podCidr && after.podCidr !== undefined) {
    const grows = before.podCidr !== undefined && isSuperset(after.podCidr, before.podCidr);
    const windows = current.pools.some((p) => p.osType === 'Windows');
    if (toOverlay && previous.plugin === 'azure-cni') {
      // node-subnet CNI has no pod CIDR; the migration must bring one (https://learn.microsoft.com/azure/aks/update-azure-cni)
    } else if (toOverlay && grows) {
      migration('warning', 'podCidr', `podCidr ${before.podCidr} -> ${after.podCidr} is enlarged as part of the move to overlay`);
    } else if (!pluginChanged && current.plugin === 'azure-cni-overlay' && grows && !windows) {
      migration('warning', 'podCidr', `podCidr ${before.podCidr} -> ${after.podCidr}: overlay expands a pod CIDR in place to a larger range that contains the old one (Linux-only clusters)`);
    } else if (!pluginChanged || toOverlay) {
      const why =
        current.plugin === 'azure-cni-overlay'
          ? windows
            ? 'overlay expands a pod CIDR in place only on Linux-only clusters'
            : 'overlay can only grow a pod CIDR into a range that contains the old one'
          : current.plugin === 'none'
            ? // earlier versions of this program sent no podCidr for BYO CNIs, so AKS got the SDK default 10.244.0.0/16
              'a BYO CNI cluster routes to pods through the pod CIDR it was created with'
            : 'kubenet cannot change its pod CIDR after deployment';
      replacement('podCidr', ['networkProfile.podCidr'], `podCidr ${before.podCidr ?? '(none)'} -> ${after.podCidr} needs a new cluster: ${why}`);
    }
  }
  if (before.serviceCidr !== after.serviceCidr) {
    replacement('serviceCidr', ['networkProfile.serviceCidr'], `serviceCidr ${before.serviceCidr} -> ${after.serviceCidr} needs a new cluster: the service range is fixed at creation (from Kubernetes 1.33 it can only be extended, with ServiceCIDR objects, not through AKS)`);
  }
  if (before.dnsServiceIP !== after.dnsServiceIP) {
    replacement('dnsServiceIP', ['networkProfile.dnsServiceIP'], `dnsServiceIP ${before.dnsServiceIP} -> ${after.dnsServiceIP} needs a new cluster: it is fixed at creation`);
  }
  const outbound = outboundTypeChange(before.outboundType, after.outboundType);
  if (outbound.kind === 'new-cluster') replacement('outboundType', ['networkProfile.outboundType'], `${outbound.message}`);
  if (outbound.kind === 'in-place') findings.push(stackFinding('warning', 'OUTBOUND_TYPE_CHANGE', NETWORK_KEY, 'outboundType', `${outbound.message}`));
  if (before.networkPolicy !== after.networkPolicy && !toOverlay) {
    if (before.networkDataplane === 'cilium') {
      replacement('networkPolicy', ['networkProfile.networkDataplane'], `network policy cilium -> ${after.networkPolicy} needs a new cluster: AKS moves the data plane to Cilium in place, never away from it`);
    } else if (before.networkPolicy === 'azure' && after.networkPolicy === 'calico') {
      migration('error', 'networkPolicy', 'Azure NPM -> Calico passes through none: deploy networkPolicy: none first, then calico');
    } else {
      migration('warning', 'networkPolicy', `network policy ${before.networkPolicy} -> ${after.networkPolicy} happens in place; AKS reimages every node pool at the same time`);
    }
  }

  comparePools(previous, current, replacement, findings);
  compareSubnets(previous, current, findings);
  return { findings, replaceOnChanges: [...replaceOnChanges].sort() };
}

function comparePools(
  previous: DeployedSettings,
  current: DeployedSettings,
  replacement: (path: string, properties: string[], message: string) => void,
  findings: StackFinding[],
): void {
  const previousPools = new Map(previous.pools.map((p) => [p.name, p]));
  const bootstrapIndex = current.pools.findIndex((p) => p.name === previous.bootstrapPool);
  if (bootstrapIndex < 0) {
    replacement('nodePools', ['agentPoolProfiles'], `pool "${previous.bootstrapPool}" was created with the cluster and AKS cannot remove it without a new cluster; keep it in nodePools (it can shrink to a single node)`);
  }
  current.pools.forEach((pool, index) => {
    const old = previousPools.get(pool.name);
    if (!old || old.agentPoolName === pool.agentPoolName) return;
    const changes = identityChanges(old, pool).join(', ');
    if (index === bootstrapIndex) {
      replacement(
        `nodePools[${index}]`,
        ['agentPoolProfiles'],
        `pool "${pool.name}" (${changes}) was created with the cluster: Azure cannot change these settings on a pool, and cannot swap the cluster's own pool for a new one; keep its settings and give the new ones to another System pool, which the program rotates freely`,
      );
      return;
    }
    findings.push(
      stackFinding('info', 'POOL_ROTATION', NETWORK_KEY, `nodePools[${index}]`, `pool "${pool.name}" (${changes}): Azure cannot change these in place, so node pool ${pool.agentPoolName} is created and ${old.agentPoolName} is deleted after it; AKS does not drain a pool it deletes, so for a graceful move run \`pulumi up --target\` on the new pool first and drain ${old.agentPoolName}`),
    );
  });

  // one pod IP allocation mode per subnet: a pool can switch mode only onto a new pod subnet (https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation, https://learn.microsoft.com/azure/aks/update-azure-cni)
  const previousModes = new Map(previous.pools.filter((p) => p.podSubnet && p.podIpAllocation).map((p) => [p.podSubnet!, p.podIpAllocation!]));
  current.pools.forEach((pool, index) => {
    const mode = pool.podSubnet ? previousModes.get(pool.podSubnet) : undefined;
    if (mode && pool.podIpAllocation && mode !== pool.podIpAllocation) {
      findings.push(
        stackFinding('error', 'SUBNET_CHANGE', NETWORK_KEY, `nodePools[${index}].podSubnet`, `pod subnet "${pool.podSubnet}" holds ${mode} pods; a subnet has one pod IP allocation mode, so ${pool.podIpAllocation} pools need a new pod subnet`),
      );
    }
  });
}

function compareSubnets(previous: DeployedSettings, current: DeployedSettings, findings: StackFinding[]): void {
  const previousCidrs = new Map(previous.subnets.map((s) => [s.name, s.cidr]));
  current.subnets.forEach((subnet, index) => {
    const old = previousCidrs.get(subnet.name);
    if (!old || old === subnet.cidr) return;
    const users = previous.pools.filter((p) => p.subnet === subnet.name || p.podSubnet === subnet.name).map((p) => p.name);
    const rule = 'Azure changes a subnet\'s range only while nothing is deployed in it';
    if (users.length > 0) {
      findings.push(
        stackFinding('error', 'SUBNET_CHANGE', NETWORK_KEY, `subnets[${index}]`, `subnet "${subnet.name}" ${old} -> ${subnet.cidr}: ${rule}, and pools ${users.join(', ')} run in it; add a new subnet, move the pools to it (they rotate onto it), deploy, then remove "${subnet.name}"`),
      );
    } else {
      findings.push(stackFinding('warning', 'SUBNET_CHANGE', NETWORK_KEY, `subnets[${index}]`, `subnet "${subnet.name}" ${old} -> ${subnet.cidr}: ${rule}; this fails while load balancer front ends or private endpoints use it`));
    }
  });
}

function isSuperset(outerText: string, innerText: string): boolean {
  const outer = parseCidr(outerText);
  const inner = parseCidr(innerText);
  return outer.ok && inner.ok && outer.cidr.prefix < inner.cidr.prefix && contains(outer.cidr, inner.cidr);
}
