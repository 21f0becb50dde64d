// Who may sign in to the cluster's API server, and how the program itself signs in. Pure.
//
// Every stack gets managed Entra ID integration with Azure RBAC for Kubernetes authorization and
// local accounts disabled (https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad,
// https://learn.microsoft.com/azure/aks/manage-azure-rbac):
// - with local accounts on, `az aks get-credentials --admin` hands out a static client certificate
//   that bypasses Entra ID and is not auditable, and on a cluster without Entra ID even the *user*
//   credential (Azure Kubernetes Service Cluster User Role) is cluster-admin
//   (https://learn.microsoft.com/azure/aks/control-kubeconfig-access);
// - with Entra ID the user kubeconfig holds no secret at all: an exec block runs kubelogin, which
//   gets a short-lived Entra token for the caller, and Azure RBAC decides what that caller may do.
//
// The program therefore keeps no cluster credential: the kubeconfig it builds is the cluster entry
// (server and CA, public data) plus a kubelogin exec user
// (https://azure.github.io/kubelogin/concepts/login-modes.html).
import { load, dump } from 'js-yaml';

/** Entra ID application of the AKS API server: the audience of every cluster token (same in every tenant). */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/**
 * Built-in role "Azure Kubernetes Service RBAC Cluster Admin": every data action on the cluster's
 * objects. The deploy identity needs it because it creates Namespaces, CRDs, ClusterRoles and
 * ClusterRoleBindings (chart RBAC) and Calico objects: "RBAC Admin" cannot write Namespaces and
 * "RBAC Writer" cannot write Roles or bindings (https://learn.microsoft.com/azure/aks/manage-azure-rbac#create-role-assignments-for-users-to-access-the-cluster).
 * It also includes listClusterUserCredential, which the program calls to read the cluster entry.
 */
export const AKS_RBAC_CLUSTER_ADMIN_ROLE = 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b';

/**
 * kubelogin login modes that work without a person at the keyboard
 * (https://azure.github.io/kubelogin/concepts/login-modes.html). `devicecode` and `interactive`
 * would wait for a browser and are not offered.
 */
export const KUBELOGIN_MODES = ['azurecli', 'workloadidentity', 'msi', 'spn'] as const;
export type KubeloginMode = (typeof KUBELOGIN_MODES)[number];

/** `aks-networking:cluster.access` with its defaults applied. */
export interface ClusterAccess {
  /** Entra groups whose members are cluster-admin (aadProfile.adminGroupObjectIDs): break-glass people */
  adminGroupObjectIds: string[];
  /** Entra tenant of the cluster (default: the subscription's) */
  tenantId?: string;
  /** local accounts (static admin certificate); false unless configured otherwise */
  localAccounts: boolean;
  /** how the program's kubeconfig signs in (AAD_LOGIN_METHOD overrides it at run time) */
  kubelogin: KubeloginMode;
  /** grant the identity running `pulumi up` RBAC Cluster Admin on this cluster */
  grantDeployer: boolean;
}

/** The ManagedCluster properties for this access model. */
export function clusterAccessProperties(access: ClusterAccess): {
  aadProfile: { managed: true; enableAzureRBAC: true; adminGroupObjectIDs?: string[]; tenantID?: string };
  disableLocalAccounts: boolean;
} {
  return {
    aadProfile: {
      managed: true,
      enableAzureRBAC: true,
      ...(access.adminGroupObjectIds.length > 0 ? { adminGroupObjectIDs: access.adminGroupObjectIds } : {}),
      ...(access.tenantId ? { tenantID: access.tenantId } : {}),
    },
    disableLocalAccounts: !access.localAccounts,
  };
}

/**
 * The kubelogin exec user: `kubelogin get-token --login MODE --server-id <AKS server app>`.
 * Non-interactive (interactiveMode Never). kubelogin reads the environment variable
 * AAD_LOGIN_METHOD before the --login flag, so the same kubeconfig serves a laptop (azurecli, after
 * `az login`) and GitHub Actions (AAD_LOGIN_METHOD=workloadidentity with AZURE_CLIENT_ID and
 * AZURE_TENANT_ID; kubelogin asks GitHub for a fresh OIDC token on every request) without the
 * stack's inputs changing between the two.
 */
export function kubeloginUser(mode: KubeloginMode): Record<string, unknown> {
  return {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'kubelogin',
      args: ['get-token', '--login', mode, '--server-id', AKS_SERVER_APP_ID],
      env: null,
      interactiveMode: 'Never',
      provideClusterInfo: false,
      installHint: 'kubelogin signs in to AKS with Entra ID: https://azure.github.io/kubelogin/install.html (GitHub Actions: azure/use-kubelogin)',
    },
  };
}

/** Credential fields a kubeconfig user can carry that are static secrets. */
const STATIC_CREDENTIAL_FIELDS = ['token', 'tokenFile', 'client-certificate-data', 'client-key-data', 'client-certificate', 'client-key', 'password', 'username', 'auth-provider'];

/** Which static credential fields a kubeconfig's users carry ([] for an exec-only kubeconfig). */
export function staticCredentialsIn(kubeconfig: string): string[] {
  const doc = load(kubeconfig) as { users?: { user?: Record<string, unknown> }[] } | undefined;
  return (doc?.users ?? []).flatMap((u) => Object.keys(u.user ?? {}).filter((k) => STATIC_CREDENTIAL_FIELDS.includes(k)));
}

/**
 * The program's kubeconfig: the current cluster entry of the kubeconfig AKS returned (server and CA
 * certificate, both public) and a kubelogin user. Whatever user AKS returned is dropped, so no
 * token or certificate key ever reaches the state, even from a cluster that still has local accounts.
 */
export function kubeloginKubeconfig(aksKubeconfig: string, mode: KubeloginMode): string {
  const doc = load(aksKubeconfig) as {
    clusters?: { name: string; cluster: Record<string, unknown> }[];
    contexts?: { name: string; context: { cluster: string } }[];
    'current-context'?: string;
  };
  const context = doc.contexts?.find((c) => c.name === doc['current-context']) ?? doc.contexts?.[0];
  const cluster = doc.clusters?.find((c) => c.name === context?.context.cluster) ?? doc.clusters?.[0];
  if (!cluster) throw new Error('the kubeconfig AKS returned names no cluster');
  const name = cluster.name;
  const user = `${name}-kubelogin`;
  return dump(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name, cluster: cluster.cluster }],
      users: [{ name: user, user: kubeloginUser(mode) }],
      contexts: [{ name, context: { cluster: name, user } }],
      'current-context': name,
    },
    { lineWidth: -1 },
  );
}

/**
 * The principal type of whoever runs `pulumi up`, for its role assignment. ARM refuses an assignment
 * whose principalType does not match the principal (UnmatchedPrincipalType), and the SDK's default is
 * "User". The Pulumi Azure providers sign in as a service principal or managed identity when
 * ARM_CLIENT_ID (or AZURE_CLIENT_ID) is set, as in the bundled workflows; otherwise through the
 * Azure CLI, as a person.
 */
export function deployerPrincipalType(env: Record<string, string | undefined>): 'ServicePrincipal' | 'User' {
  return env.ARM_CLIENT_ID || env.AZURE_CLIENT_ID ? 'ServicePrincipal' : 'User';
}
