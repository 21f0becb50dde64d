// The shape of stack config key `aks-networking:cluster`: everything about the cluster that does not
// decide addresses (names, location, API server access, whether the cluster may be rebuilt).
// Addresses live in `aks-networking:network` and belong to the planner.
//
// Like the network schema, the type check reports a path for every problem, and meaning (CIDRs,
// settings that contradict each other) is checked afterwards, all with code INVALID_CONFIG or
// INVALID_CIDR so that bad cluster config reads exactly like bad network config.
import * as z from 'zod/mini';
import { parseCidr } from '../planner/cidr';
import { isIPv6Documentation } from '../planner/apiServerRanges';
import { formatPath, type ConfigIssue } from '../planner/validate';
import { windowsAdminUsername } from './windowsProfile';
import { KUBELOGIN_MODES, type ClusterAccess } from './clusterAccess';
import { builtOnFirstUse } from '../planner/builtOnFirstUse';
import { isPlainObject } from '../planner/configNetwork';

// The schema is built on first use: every command loads this module, and building it (its regular
// expressions and nested objects) cost about 1.2 ms of CPU at each start, while most stacks leave
// `aks-networking:cluster` out or empty, which validateClusterConfig reads without it.
function buildClusterConfigSchema() {
  // AKS: 1-63 letters, digits, '-' and '_', starting and ending with a letter or digit.
  const clusterName = z.string().check(z.regex(/^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/, 'cluster names are 1-63 letters, digits, "-" or "_", starting and ending with a letter or digit'));
  // ARM resource group names: 1-90 characters, no trailing period.
  const resourceGroupName = z.string().check(z.regex(/^[-\w.()]{0,89}[-\w()]$/, 'resource group names are 1-90 letters, digits, "-", "_", ".", "(" or ")", not ending in "."'));
  // AKS dnsPrefix: 1-54 letters, digits and '-', starting and ending with a letter or digit.
  // Entra object and tenant IDs are GUIDs
  const guid = z.string().check(z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'an Entra ID object or tenant ID is a GUID such as 00000000-0000-0000-0000-000000000000'));
  const dnsPrefix = z.string().check(z.regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,52}[A-Za-z0-9])?$/, 'dnsPrefix is 1-54 letters, digits or "-", starting and ending with a letter or digit'));

  return z.strictObject({
    /** the AKS resource name; default "aks-<stack>" */
    name: z.optional(clusterName),
    /** Azure region; default: the provider's `azure-native:location` (or the existing resource group's) */
    location: z.optional(z.string().check(z.minLength(1))),
    /** default "rg-<cluster name>" */
    resourceGroupName: z.optional(resourceGroupName),
    /** true: use the resource group named above instead of creating it */
    existingResourceGroup: z.optional(z.boolean()),
    /** must agree with the network's kubernetesVersion when both are set (the planner reads that one) */
    kubernetesVersion: z.optional(z.string().check(z.regex(/^1\.\d+(\.\d+)?$/, 'kubernetesVersion looks like "1.33" or "1.33.2"'))),
    /** default: the cluster name, with characters AKS refuses in a DNS prefix replaced by "-" */
    dnsPrefix: z.optional(dnsPrefix),
    apiServer: z.optional(
      z.strictObject({
        /** private cluster: the API server gets a private endpoint in the VNet and no public address */
        private: z.optional(z.boolean()),
        /** public API server reachable only from these IPv4 CIDRs */
        authorizedIpRanges: z.optional(z.array(z.string())),
      }),
    ),
    /**
     * Who signs in, and how. Entra ID with Azure RBAC is always on; local accounts are off unless
     * `localAccounts: true` (design/clusterAccess.ts).
     */
    access: z.optional(
      z.strictObject({
        /** Entra groups whose members are cluster-admin (aadProfile.adminGroupObjectIDs) */
        adminGroupObjectIds: z.optional(z.array(guid)),
        /** Entra tenant (default: the subscription's tenant) */
        tenantId: z.optional(guid),
        /** keep the static admin certificate (az aks get-credentials --admin); default false */
        localAccounts: z.optional(z.boolean()),
        /** kubelogin --login of the program's kubeconfig; default azurecli (AAD_LOGIN_METHOD overrides it) */
        kubelogin: z.optional(z.enum(KUBELOGIN_MODES)),
        /** grant the identity running `pulumi up` Azure Kubernetes Service RBAC Cluster Admin on the cluster; default true */
        grantDeployer: z.optional(z.boolean()),
      }),
    ),
    /**
     * how long the cluster waits after the control-plane identity's role assignments before AKS uses
     * them (Go duration: "90s", "10m", "1h"); default "10m"
     */
    rolePropagationWait: z.optional(z.string().check(z.regex(/^(\d+h)?(\d+m)?(\d+s)?$/, 'rolePropagationWait is a duration such as "90s", "10m" or "1h"'), z.minLength(2))),
    /** let a change that only a new cluster can carry (plugin, podCidr, serviceCidr, dnsServiceIP...) rebuild the cluster */
    allowClusterReplacement: z.optional(z.boolean()),
    tags: z.optional(z.record(z.string(), z.string())),
    /**
     * the cluster's Windows profile, needed for Windows pools and settable only when the cluster is
     * created; the password is the secret `aks-networking:windowsAdminPassword`
     */
    windows: z.optional(z.strictObject({ adminUsername: windowsAdminUsername() })),
  });
}

/** The zod schema of `aks-networking:cluster`. */
export const clusterConfigSchema = builtOnFirstUse(buildClusterConfigSchema);

export type ClusterConfig = z.infer<ReturnType<typeof buildClusterConfigSchema>>;

/** Cluster config with every default applied. */
export interface ClusterSettings {
  name: string;
  resourceGroupName: string;
  existingResourceGroup: boolean;
  location?: string;
  kubernetesVersion?: string;
  dnsPrefix: string;
  apiServer: { private: boolean; authorizedIpRanges: string[] };
  allowClusterReplacement: boolean;
  /** Go duration the cluster waits after the identity's role assignments */
  rolePropagationWait: string;
  tags: Record<string, string>;
  /** Windows profile (its password is a separate secret) */
  windows?: { adminUsername: string };
  /** Entra ID, Azure RBAC, local accounts and the program's own sign-in */
  access: ClusterAccess;
}

/**
 * Role assignments reach Azure Resource Manager "within 10 minutes" (Azure RBAC troubleshooting,
 * https://learn.microsoft.com/azure/role-based-access-control/troubleshooting); AKS pages say a grant
 * to the cluster identity can take up to 60 (https://learn.microsoft.com/azure/aks/user-assigned-managed-identity).
 * The default waits the RBAC figure once, on the first deployment and whenever the grants change;
 * `rolePropagationWait: 60m` buys the AKS worst case at an hour per such deployment.
 */
export const DEFAULT_ROLE_PROPAGATION_WAIT = '10m';

export type ClusterValidationResult = { ok: true; settings: ClusterSettings } | { ok: false; issues: ConfigIssue[] };

/** `raw` is the `aks-networking:cluster` object; undefined reads as {} (Pulumi.yaml declares that default). */
export function validateClusterConfig(raw: unknown, stack: string): ClusterValidationResult {
  // what the schema returns for such input: a new empty object (test/design.clusterConfig.test.ts)
  const parsed = isEmptyConfig(raw) ? { success: true as const, data: {} as ClusterConfig } : z.safeParse(clusterConfigSchema(), raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ code: 'INVALID_CONFIG', path: formatPath(issue.path), message: issue.message })),
    };
  }
  const config = parsed.data;
  const issues: ConfigIssue[] = [];
  const ranges = config.apiServer?.authorizedIpRanges ?? [];
  ranges.forEach((text, i) => {
    // 2001:db8::/32 is reported as a documentation range (API_SERVER_RANGE), a clearer reason than "IPv6"
    if (isIPv6Documentation(text)) return;
    const result = parseCidr(text);
    if (!result.ok) issues.push({ code: 'INVALID_CIDR', path: `apiServer.authorizedIpRanges[${i}]`, message: result.reason });
  });
  if (config.apiServer?.private && ranges.length > 0) {
    // authorized IP ranges filter the public API server endpoint; a private cluster has none
    issues.push({ code: 'INVALID_CONFIG', path: 'apiServer.authorizedIpRanges', message: 'authorized IP ranges apply to a public API server; a private cluster has no public endpoint to filter' });
  }
  if (config.existingResourceGroup && config.resourceGroupName === undefined) {
    issues.push({ code: 'INVALID_CONFIG', path: 'resourceGroupName', message: 'existingResourceGroup: true needs the name of that resource group' });
  }
  if (issues.length > 0) return { ok: false, issues };

  const name = config.name ?? defaultClusterName(stack);
  return {
    ok: true,
    settings: {
      name,
      resourceGroupName: config.resourceGroupName ?? `rg-${name}`,
      existingResourceGroup: config.existingResourceGroup ?? false,
      ...(config.location ? { location: config.location } : {}),
      ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
      dnsPrefix: config.dnsPrefix ?? defaultDnsPrefix(name),
      apiServer: { private: config.apiServer?.private ?? false, authorizedIpRanges: ranges },
      allowClusterReplacement: config.allowClusterReplacement ?? false,
      rolePropagationWait: config.rolePropagationWait ?? DEFAULT_ROLE_PROPAGATION_WAIT,
      tags: config.tags ?? {},
      ...(config.windows ? { windows: { adminUsername: config.windows.adminUsername } } : {}),
      access: {
        adminGroupObjectIds: config.access?.adminGroupObjectIds ?? [],
        ...(config.access?.tenantId ? { tenantId: config.access.tenantId } : {}),
        localAccounts: config.access?.localAccounts ?? false,
        kubelogin: config.access?.kubelogin ?? 'azurecli',
        grantDeployer: config.access?.grantDeployer ?? true,
      },
    },
  };
}

/**
 * An absent or empty `aks-networking:cluster`, as most stacks have: a plain object with no own keys
 * at all. The schema gives every such object the same answer without being built: every key is
 * optional and none has a default (no z._default / z.prefault: nothing is filled in), so it returns
 * an empty object. test/design.clusterConfig.test.ts compares the two.
 */
export function isEmptyConfig(raw: unknown): boolean {
  return raw === undefined || (isPlainObject(raw) && Reflect.ownKeys(raw).length === 0);
}

/** "aks-<stack>", with characters AKS refuses in a cluster name replaced by "-". */
function defaultClusterName(stack: string): string {
  return `aks-${stack}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 63).replace(/[-_]+$/, '');
}

function defaultDnsPrefix(name: string): string {
  return name.replace(/_/g, '-').slice(0, 54).replace(/-+$/, '') || 'aks';
}
