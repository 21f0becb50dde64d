// Reads the live estate of `aksnet usage` through the official Azure SDK for JavaScript:
// - Azure Resource Graph (@azure/arm-resourcegraph): ONE query over every subscription named (or
//   every one the identity can read) finds each stack's VNet and cluster, wherever they live;
// - the VNet usage API (virtualNetworks.listUsage) for addresses in use per subnet, and subnets.get
//   for each subnet's range (@azure/arm-network);
// - managedClusters.get and agentPools.list (@azure/arm-containerservice).
// A failed read becomes an AzureProblem naming the resource and, for a 403, the permission missing;
// the rest of the estate is still read, and the report is marked partial.
// Loaded only by `aksnet usage` (its own bundle, dist/usage.js): no other command loads an Azure SDK.
import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { StackTarget } from '../usage/compare';
import type { AzureProblem, LiveAks, LiveNetwork, LivePoolNow, LiveStack, LiveSubnet } from '../usage/live';
import type { AzureTarget } from './azureClouds';

export interface EstateOptions {
  credential: TokenCredential;
  cloud: AzureTarget;
  /** subscriptions Resource Graph searches; empty: every subscription the identity can read */
  subscriptions: string[];
  /** an https.Agent (tests: one that trusts the loopback replay server's certificate) */
  agent?: Agent;
  /** retry policy (the SDK default: 3 retries; a 429's Retry-After is honoured) */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/** The RBAC action each read needs (all in the built-in Reader role). */
export const ACTIONS = {
  graph: 'Microsoft.ResourceGraph/resources/read',
  vnet: 'Microsoft.Network/virtualNetworks/read',
  subnet: 'Microsoft.Network/virtualNetworks/subnets/read',
  cluster: 'Microsoft.ContainerService/managedClusters/read',
  agentPools: 'Microsoft.ContainerService/managedClusters/agentPools/read',
} as const;

interface GraphRow {
  id: string;
  name: string;
  type: string;
  subscriptionId: string;
  resourceGroup: string;
  addressSpace?: string[];
}

export async function readEstate(targets: readonly StackTarget[], options: EstateOptions): Promise<LiveStack[]> {
  const clientOptions = {
    endpoint: options.cloud.armEndpoint,
    credentials: { scopes: [options.cloud.scope] },
    ...(options.agent ? { agent: options.agent } : {}),
    ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
  };
  let rows: GraphRow[];
  try {
    rows = await queryGraph(targets, options.subscriptions, new ResourceGraphClient(options.credential, clientOptions));
  } catch (e) {
    // no credential at all is no partial read: the caller reports it as unusable input
    if (isCredentialError(e)) throw e;
    const where = options.subscriptions.length ? `subscriptions ${options.subscriptions.join(', ')}` : 'the subscriptions the identity can read';
    const problem = azureProblem(e, `Azure Resource Graph query over ${where}`, ACTIONS.graph);
    return targets.map(() => ({ vnet: undefined, cluster: undefined, problems: [problem] }));
  }
  const network = new Map<string, NetworkManagementClient>();
  const aks = new Map<string, ContainerServiceClient>();
  const networkClient = (sub: string) => network.get(sub) ?? network.set(sub, new NetworkManagementClient(options.credential, sub, clientOptions)).get(sub)!;
  const aksClient = (sub: string) => aks.get(sub) ?? aks.set(sub, new ContainerServiceClient(options.credential, sub, clientOptions)).get(sub)!;
  return Promise.all(
    targets.map(async (t): Promise<LiveStack> => {
      const problems: AzureProblem[] = [];
      const find = (type: string, name: string) => {
        const found = rows.filter((r) => r.type.toLowerCase() === type && r.name.toLowerCase() === name.toLowerCase() && r.resourceGroup.toLowerCase() === t.resourceGroupName.toLowerCase());
        if (found.length > 1) {
          problems.push({ code: 'AZURE_AMBIGUOUS', resource: `${name} in resource group ${t.resourceGroupName}`, message: `${name} exists in resource group ${t.resourceGroupName} of ${found.length} subscriptions (${found.map((r) => r.subscriptionId).join(', ')}); name the stack's with --subscription` });
          return undefined;
        }
        return found[0] ?? null;
      };
      const vnetRow = find(VNET_TYPE, t.vnetName);
      const clusterRow = find(CLUSTER_TYPE, t.clusterName);
      const [vnet, cluster] = await Promise.all([
        vnetRow ? readVnet(vnetRow, networkClient(vnetRow.subscriptionId), problems) : vnetRow,
        clusterRow ? readCluster(clusterRow, aksClient(clusterRow.subscriptionId), problems) : clusterRow,
      ]);
      return { vnet, cluster, problems };
    }),
  );
}

/** @azure/identity's errors for "no credential could be had" (DefaultAzureCredential tried every source). */
export function isCredentialError(e: unknown): boolean {
  const name = (e as Error)?.name ?? '';
  return name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError' || name === 'AuthenticationRequiredError' || name === 'AuthenticationError';
}

const VNET_TYPE = 'microsoft.network/virtualnetworks';
const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';

/** KQL string literal: single-quoted, quotes and backslashes escaped. */
const kql = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The one Resource Graph query: every stack's VNet and cluster, by resource group and name. */
export function estateQuery(targets: readonly StackTarget[]): string {
  const groups = [...new Set(targets.map((t) => t.resourceGroupName.toLowerCase()))].map(kql).join(', ');
  const names = [...new Set(targets.flatMap((t) => [t.vnetName, t.clusterName]).map((n) => n.toLowerCase()))].map(kql).join(', ');
  return [
    'resources',
    `| where type in~ (${kql(VNET_TYPE)}, ${kql(CLUSTER_TYPE)})`,
    `| where resourceGroup in~ (${groups}) and name in~ (${names})`,
    '| project id, name, type, subscriptionId, resourceGroup, addressSpace = properties.addressSpace.addressPrefixes',
    '| order by id asc',
  ].join('\n');
}

async function queryGraph(targets: readonly StackTarget[], subscriptions: string[], client: ResourceGraphClient): Promise<GraphRow[]> {
  const rows: GraphRow[] = [];
  let skipToken: string | undefined;
  // Resource Graph pages with $skipToken (up to 1,000 rows a page)
  do {
    const page = await client.resources({ query: estateQuery(targets), ...(subscriptions.length ? { subscriptions } : {}), options: { resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) } });
    rows.push(...(page.data as GraphRow[]));
    skipToken = page.skipToken;
  } while (skipToken);
  return rows;
}

const subnetNameOf = (id: string) => /\/subnets\/([^/]+)$/i.exec(id)?.[1];

async function readVnet(row: GraphRow, client: NetworkManagementClient, problems: AzureProblem[]): Promise<LiveNetwork | undefined> {
  const subnets: LiveSubnet[] = [];
  try {
    for await (const u of client.virtualNetworks.listUsage(row.resourceGroup, row.name)) {
      const name = u.id ? subnetNameOf(u.id) : undefined;
      if (!name || !u.id) continue;
      // the usage API reports -1 where it has no figure (a gateway subnet, for one)
      const used = typeof u.currentValue === 'number' && u.currentValue >= 0 ? u.currentValue : null;
      const usable = typeof u.limit === 'number' && u.limit >= 0 ? u.limit : null;
      subnets.push({ name, id: u.id, used, usable, source: used === null ? 'none' : 'usage-api' });
    }
  } catch (e) {
    problems.push(azureProblem(e, row.id, ACTIONS.vnet, 'usage of VNet'));
    return undefined;
  }
  const read = await Promise.all(
    subnets.map(async (s): Promise<LiveSubnet | undefined> => {
      try {
        const got = await client.subnets.get(row.resourceGroup, row.name, s.name);
        const addressPrefix = got.addressPrefix ?? got.addressPrefixes?.[0];
        const counted = got.ipConfigurations?.length;
        return { ...s, ...(addressPrefix ? { addressPrefix } : {}), ...(s.used === null && counted !== undefined ? { used: counted, source: 'ip-configurations' as const } : {}) };
      } catch (e) {
        const p = azureProblem(e, s.id, ACTIONS.subnet, 'subnet');
        // listed by the usage API a moment ago, gone now: deleted between the two calls
        problems.push(p.code === 'AZURE_NOT_FOUND' ? { ...p, message: `subnet ${s.name} was listed by the VNet usage API but is gone now (deleted while it was read): ${s.id}` } : p);
        return p.code === 'AZURE_NOT_FOUND' ? undefined : s;
      }
    }),
  );
  return { id: row.id, name: row.name, subscriptionId: row.subscriptionId, resourceGroup: row.resourceGroup, addressSpace: row.addressSpace ?? [], subnets: read.filter((s): s is LiveSubnet => !!s) };
}

async function readCluster(row: GraphRow, client: ContainerServiceClient, problems: AzureProblem[]): Promise<LiveAks | undefined> {
  try {
    const cluster = await client.managedClusters.get(row.resourceGroup, row.name);
    const pools: LivePoolNow[] = [];
    try {
      for await (const p of client.agentPools.list(row.resourceGroup, row.name)) {
        pools.push({
          name: p.name ?? '',
          ...(p.mode ? { mode: p.mode } : {}),
          ...(p.osType ? { osType: p.osType } : {}),
          ...(p.vmSize ? { vmSize: p.vmSize } : {}),
          ...(p.maxPods !== undefined ? { maxPods: p.maxPods } : {}),
          ...(p.count !== undefined ? { count: p.count } : {}),
          ...(p.minCount !== undefined ? { minCount: p.minCount } : {}),
          ...(p.maxCount !== undefined ? { maxCount: p.maxCount } : {}),
          ...(p.enableAutoScaling !== undefined ? { enableAutoScaling: p.enableAutoScaling } : {}),
          ...(p.vnetSubnetID ? { vnetSubnetID: p.vnetSubnetID } : {}),
          ...(p.podSubnetID ? { podSubnetID: p.podSubnetID } : {}),
          ...(p.podIPAllocationMode ? { podIPAllocationMode: p.podIPAllocationMode } : {}),
        });
      }
    } catch (e) {
      problems.push(azureProblem(e, `${row.id}/agentPools`, ACTIONS.agentPools, 'agent pools of cluster'));
      return undefined;
    }
    const n = cluster.networkProfile ?? {};
    return {
      id: row.id,
      name: row.name,
      subscriptionId: row.subscriptionId,
      networkProfile: {
        ...(n.networkPlugin ? { networkPlugin: n.networkPlugin } : {}),
        ...(n.networkPluginMode ? { networkPluginMode: n.networkPluginMode } : {}),
        ...(n.networkPolicy ? { networkPolicy: n.networkPolicy } : {}),
        ...(n.networkDataplane ? { networkDataplane: n.networkDataplane } : {}),
        ...(n.podCidr ? { podCidr: n.podCidr } : {}),
        ...(n.serviceCidr ? { serviceCidr: n.serviceCidr } : {}),
        ...(n.dnsServiceIP ? { dnsServiceIP: n.dnsServiceIP } : {}),
        ...(n.outboundType ? { outboundType: n.outboundType } : {}),
      },
      pools,
    };
  } catch (e) {
    problems.push(azureProblem(e, row.id, ACTIONS.cluster, 'cluster'));
    return undefined;
  }
}

/**
 * An SDK error as a problem. A 403 AuthorizationFailed names the action in its message ("does not
 * have authorization to perform action '...' over scope '...'",
 * https://learn.microsoft.com/azure/role-based-access-control/troubleshooting); when it does not,
 * the action the call needs is named instead.
 */
export function azureProblem(e: unknown, resource: string, action: string, what = ''): AzureProblem {
  const err = e as { statusCode?: number; code?: string; message?: string };
  const status = err?.statusCode;
  const message = (err?.message ?? String(e)).replace(/\s+/g, ' ').trim();
  const label = what ? `${what} ${resource}` : resource;
  if (status === 403 || err?.code === 'AuthorizationFailed') {
    const named = /perform action '([^']+)'/i.exec(message)?.[1] ?? action;
    return { code: 'AZURE_AUTHORIZATION_FAILED', resource, action: named, status: 403, message: `cannot read ${label}: 403 ${err?.code ?? 'Forbidden'}` };
  }
  if (status === 404) return { code: 'AZURE_NOT_FOUND', resource, status, message: `${label} was not found (404 ${err?.code ?? 'NotFound'})` };
  return { code: 'AZURE_REQUEST_FAILED', resource, ...(status ? { status } : {}), message: `cannot read ${label}: ${status ? `${status} ` : ''}${err?.code ? `${err.code}: ` : ''}${message}` };
}
