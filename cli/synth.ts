// `aksnet synth`: run the real Pulumi program offline, under mocks, and show what it would create.
//
//   synthStack({ networkRaw, clusterRaw, stack, project?, deployedSettings? })
//     -> Promise<{ ok: true; resources: SynthResource[]; findings: StackFinding[]; deployedSettings }
//              | { ok: false; findings: StackFinding[]; message: string }>
//
//   networkRaw        the `aks-networking:network` object of Pulumi.<stack>.yaml
//   clusterRaw        the `aks-networking:cluster` object (undefined reads as {})
//   ingressRaw        the `aks-networking:ingress` object (undefined: no ingress controller)
//   stack             the stack name (default names derive from it, e.g. cluster "aks-<stack>")
//   project           Pulumi project name the mocks report; only the first call in a process sets it
//   deployedSettings  the `deployedSettings` output of an earlier deployment, to see what a change
//                     to a live stack would do (rotations, replacement findings); default none
//
//   ok: true   every resource in creation order; findings holds warnings and notes;
//              deployedSettings is what this deployment would export (feed it back to see a change)
//   ok: false  the program refused the config: findings holds every finding (errors included),
//              message is the program's own error text, one error per line
//
//   renderSynthJson(resources) -> '[{ "type", "name", "parent"?, "inputs" }, ...]' (keys sorted)
//   renderSynthText(resources) -> an indented tree with the inputs that matter (CIDRs, maxPods,
//                                 network profile)
//
// Secrets never appear: inputs that are secrets read "[secret]". Pulumi loads inside synthStack,
// not when this module loads: callers from sources (the tests) pay for it only when they synth.
import type { RecordedResource } from '../components/mocks';
import type { DeployedSettings } from '../design/deployedSettings';
import type { StackFinding } from '../design/stackFindings';
import { describeIngressAddons, describeIngressResource } from './synthIngress';
import { describeKubernetes } from './synthKubernetes';

export type SynthResource = RecordedResource;

export interface SynthOptions {
  networkRaw: unknown;
  clusterRaw: unknown;
  /** `aks-networking:ingress` (undefined: no ingress) */
  ingressRaw?: unknown;
  /** `aks-networking:ingressRetiring` (undefined: none) */
  ingressRetiringRaw?: unknown;
  /** the `aks-networking:policy` object (undefined: none) */
  policyRaw?: unknown;
  stack: string;
  project?: string;
  deployedSettings?: unknown;
  /** the stack's `azure-native:location` (the region when the cluster config names none) */
  providerLocation?: string;
  /** the stack sets the secret `aks-networking:windowsAdminPassword`; synth sends a stand-in, shown as "[secret]" */
  windowsAdminPasswordSet?: boolean;
}

export type SynthResult =
  | { ok: true; resources: SynthResource[]; findings: StackFinding[]; deployedSettings: DeployedSettings }
  | { ok: false; findings: StackFinding[]; message: string };

export async function synthStack(opts: SynthOptions): Promise<SynthResult> {
  const { installMocks, runProgram } = await import('../components/mocks');
  const { buildStack, StackConfigError } = await import('../components/program');
  installMocks(opts.project);
  const findings: StackFinding[] = [];
  try {
    const { resources, outputs } = await runProgram(() =>
      buildStack(opts.networkRaw, opts.clusterRaw, {
        stack: opts.stack,
        policyRaw: opts.policyRaw,
        readPrevious: async () => opts.deployedSettings,
        ingressRaw: opts.ingressRaw,
        ...(opts.ingressRetiringRaw !== undefined ? { ingressRetiringRaw: opts.ingressRetiringRaw } : {}),
        providerLocation: opts.providerLocation,
        ...(opts.windowsAdminPasswordSet ? { windowsAdminPassword: 'synth-stand-in' } : {}),
        onFinding: (f) => findings.push(f),
      }),
    );
    return { ok: true, resources, findings, deployedSettings: outputs.deployedSettings };
  } catch (e) {
    if (e instanceof StackConfigError) return { ok: false, findings: e.findings, message: e.message };
    throw e;
  }
}

export function renderSynthJson(resources: readonly SynthResource[]): string {
  return JSON.stringify(resources.map((r) => sortKeys({ type: r.type, name: r.name, ...(r.parent ? { parent: r.parent } : {}), inputs: r.inputs })), null, 2) + '\n';
}

export function renderSynthText(resources: readonly SynthResource[]): string {
  const children = new Map<string | undefined, SynthResource[]>();
  for (const r of resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      const pad = '  '.repeat(depth);
      const [headline, ...details] = describe(r);
      lines.push(`${pad}${r.type}  ${r.name}${headline ? `  ${headline}` : ''}`);
      for (const d of details) lines.push(`${pad}    ${d}`);
      walk(r.name, depth + 1);
    }
  };
  walk(undefined, 0);
  return `${lines.join('\n')}\n${resources.length} resources\n`;
}

/** One line of key inputs, then detail lines. */
function describe(r: SynthResource): string[] {
  const i = r.inputs as Record<string, any>;
  const kv = (pairs: [string, unknown][]) =>
    pairs
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
      .join(' ');
  switch (r.type) {
    case 'azure-native:resources:ResourceGroup':
      return [kv([['name', i.resourceGroupName], ['location', i.location]])];
    case 'azure-native:network:VirtualNetwork':
      return [kv([['name', i.virtualNetworkName], ['addressSpace', i.addressSpace?.addressPrefixes]])];
    case 'azure-native:network:NetworkSecurityGroup':
      return [kv([['name', i.networkSecurityGroupName]]), ...(i.securityRules ?? []).map(describeRule)];
    case 'azure-native:network:Subnet':
      return [
        kv([
          ['name', i.subnetName],
          ['cidr', i.addressPrefix],
          ['nsg', lastSegment(i.networkSecurityGroup?.id)],
          ['routeTable', lastSegment(i.routeTable?.id)],
          ['natGateway', lastSegment(i.natGateway?.id)],
          ['delegation', i.delegations?.map((d: any) => d.serviceName)],
        ]),
      ];
    case 'azure-native:network:RouteTable':
      return [kv([['name', i.routeTableName]]), ...(i.routes ?? []).map((r: any) => `route ${r.name}: ${r.addressPrefix} -> ${r.nextHopType}${r.nextHopIpAddress ? ` ${r.nextHopIpAddress}` : ''}`)];
    case 'time:index/sleep:Sleep':
      return [kv([['wait', i.createDuration]])];
    case 'azure-native:network:PublicIPAddress':
      return [kv([['name', i.publicIpAddressName], ['sku', i.sku?.name], ['allocation', i.publicIPAllocationMethod]])];
    case 'azure-native:network:NatGateway':
      return [kv([['name', i.natGatewayName], ['publicIps', i.publicIpAddresses?.map((p: any) => lastSegment(p.id))]])];
    case 'azure-native:managedidentity:UserAssignedIdentity':
      return [kv([['name', i.resourceName]])];
    case 'azure-native:authorization:RoleAssignment':
      return [`${roleName(i.roleDefinitionId)} on ${scopeName(i.scope)}`];
    case 'azure-native:containerservice:ManagedCluster': {
      const n = i.networkProfile ?? {};
      const api = i.apiServerAccessProfile ?? {};
      return [
        kv([['name', i.resourceName], ['kubernetes', i.kubernetesVersion], ['tier', i.sku?.tier], ['support', i.supportPlan], ['dnsPrefix', i.dnsPrefix]]),
        `network: ${kv([
          ['plugin', n.networkPlugin],
          ['mode', n.networkPluginMode],
          ['policy', n.networkPolicy],
          ['dataplane', n.networkDataplane],
          // sent only for overlay, kubenet and BYO CNI (cluster.ts keeps the SDK default out)
          ['podCidr', n.podCidr],
          ['serviceCidr', n.serviceCidr],
          ['dnsServiceIP', n.dnsServiceIP],
          ['outbound', n.outboundType],
          ['loadBalancer', n.loadBalancerSku],
        ])}`,
        `sign-in: ${i.aadProfile?.managed ? `Entra ID${i.aadProfile.enableAzureRBAC ? ' + Azure RBAC' : ''}${i.aadProfile.adminGroupObjectIDs?.length ? ` adminGroups=${i.aadProfile.adminGroupObjectIDs.join(',')}` : ''}` : 'no Entra ID'}, local accounts ${i.disableLocalAccounts ? 'off' : 'ON'}`,
        `api server: ${api.enablePrivateCluster ? 'private' : api.authorizedIPRanges?.length ? `public, authorized ${api.authorizedIPRanges.join(',')}` : 'public'}`,
        ...(i.agentPoolProfiles ?? []).map((p: any) => `pool ${p.name} (created with the cluster): ${describePool(p)}`),
        ...describeIngressAddons(i),
      ];
    }
    case 'azure-native:containerservice:AgentPool':
      return [`pool ${i.agentPoolName}: ${describePool(i)}`];
    default:
      return describeKubernetes(r.type, i) ?? describeIngressResource(r) ?? [''];
  }
}

function describePool(p: Record<string, any>): string {
  const size = p.enableAutoScaling ? `nodes=${p.minCount}..${p.maxCount}` : `nodes=${p.count}`;
  return [
    p.mode,
    p.osType,
    p.vmSize,
    size,
    `maxPods=${p.maxPods}`,
    `maxSurge=${p.upgradeSettings?.maxSurge}`,
    ...(p.upgradeSettings?.maxUnavailable ? [`maxUnavailable=${p.upgradeSettings.maxUnavailable}`] : []),
    `subnet=${lastSegment(p.vnetSubnetID)}`,
    ...(p.podSubnetID ? [`podSubnet=${lastSegment(p.podSubnetID)}`] : []),
    ...(p.podIPAllocationMode ? [`podIPs=${p.podIPAllocationMode}`] : []),
  ].join(' ');
}

function describeRule(rule: Record<string, any>): string {
  const ports = rule.destinationPortRanges?.join(',') ?? rule.destinationPortRange;
  const protocol = rule.protocol === '*' ? 'any' : String(rule.protocol).toLowerCase();
  return `${rule.priority} ${String(rule.access).toLowerCase()} ${String(rule.direction).toLowerCase()} from ${rule.sourceAddressPrefix} ${protocol}/${ports}  (${rule.name})`;
}

const ROLES: Record<string, string> = {
  '4d97b98b-1d4f-4787-a291-c67834d212e7': 'Network Contributor',
  'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b': 'Azure Kubernetes Service RBAC Cluster Admin',
};

function roleName(id: unknown): string {
  const guid = lastSegment(id) ?? '';
  return ROLES[guid] ?? `role ${guid}`;
}

/** ".../virtualNetworks/v/subnets/s" -> "subnet s"; ".../routeTables/r" -> "routeTable r". */
function scopeName(id: unknown): string {
  const parts = String(id ?? '').split('/');
  const kind = parts[parts.length - 2] ?? '';
  return `${kind.replace(/s$/, '')} ${parts[parts.length - 1] ?? ''}`.trim();
}

function lastSegment(id: unknown): string | undefined {
  return typeof id === 'string' ? id.split('/').pop() : undefined;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
