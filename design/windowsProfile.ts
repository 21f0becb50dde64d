// Windows support on an AKS cluster: the ManagedCluster's windowsProfile (admin user and password).
// The profile is set when AKS creates the cluster. Without one in the request, AKS generates a
// default Windows profile (admin user and random password) for every cluster created on VM scale
// sets with Azure CNI and a Standard load balancer, which is how this program creates clusters; so
// Windows pools work without `cluster.windows` (Microsoft's answers in
// https://github.com/Azure/AKS/issues/1545 and https://github.com/Azure/AKS/issues/2101; kubenet and
// BYO CNI clusters, where AKS generates none, cannot run Windows pools anyway and the planner refuses
// them). `cluster.windows` chooses the admin user and password instead; it is sent as given.
// Pure: no Pulumi import. The password itself is a Pulumi secret that never reaches this file.
import * as z from 'zod/mini';
import { CLUSTER_KEY, WINDOWS_PASSWORD_KEY, type StackFinding } from './stackFindings';

/**
 * Values the API refuses for windowsProfile.adminUsername (Azure REST API, ManagedClusterWindowsProfile:
 * https://learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update#managedclusterwindowsprofile).
 */
export const DISALLOWED_WINDOWS_ADMIN_USERNAMES: readonly string[] = [
  'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a', 'actuser', 'adm', 'admin2',
  'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server', 'sql', 'support', 'support_388945a0', 'sys',
  'test2', 'test3', 'user4', 'user5',
];

// Windows account names are case-insensitive, so "Admin" is "admin"
const disallowed = new Set(DISALLOWED_WINDOWS_ADMIN_USERNAMES);

/**
 * Same reference: 1-20 characters, not ending in ".", none of the disallowed values. A function: the
 * cluster schema that uses it is built on first use (design/clusterConfig.ts).
 */
export const windowsAdminUsername = () =>
  z.string().check(
    z.minLength(1, 'adminUsername is 1-20 characters'),
    z.maxLength(20, 'adminUsername is 1-20 characters'),
    z.refine((name) => !name.endsWith('.'), 'adminUsername cannot end in "."'),
    z.refine((name) => !disallowed.has(name.toLowerCase()), 'AKS refuses this adminUsername (a reserved name such as admin, administrator, root, user, guest or test)'),
  );

/**
 * A Windows pool needs `cluster.windows` (the cluster's Windows profile); `cluster.windows` needs the
 * secret `aks-networking:windowsAdminPassword`. `pools` in config order.
 */
export function windowsProfileFindings(
  pools: readonly { name: string; osType: 'Linux' | 'Windows' }[],
  windows: { adminUsername: string } | undefined,
  passwordSet: boolean,
): StackFinding[] {
  const findings: StackFinding[] = [];
  const windowsPools = pools.flatMap((p, i) => (p.osType === 'Windows' ? [`"${p.name}" (nodePools[${i}])`] : []));
  if (windowsPools.length > 0 && !windows) {
    findings.push({
      severity: 'info',
      code: 'WINDOWS_PROFILE_GENERATED',
      config: CLUSTER_KEY,
      path: 'windows',
      message: `Windows pool ${windowsPools.join(', ')}: AKS generates the cluster's Windows admin account (user and random password) when it creates the cluster; to choose them, set windows.adminUsername here and the secret aks-networking:windowsAdminPassword before the cluster is created`,
    });
  }
  if (windows && !passwordSet) {
    findings.push({
      severity: 'error',
      code: 'INVALID_CONFIG',
      config: WINDOWS_PASSWORD_KEY,
      path: '',
      message: 'cluster.windows needs the Windows admin password: pulumi config set --secret aks-networking:windowsAdminPassword <password>',
    });
  }
  return findings;
}
