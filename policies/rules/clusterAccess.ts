// Who can sign in to the API server. With local accounts on, `az aks get-credentials --admin` hands out
// a static cluster-admin certificate that bypasses Entra ID and is not auditable, and on a cluster
// without Entra ID even the user credential is cluster-admin
// (https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad,
// https://learn.microsoft.com/azure/aks/control-kubeconfig-access). Azure RBAC for Kubernetes needs
// managed Entra ID (https://learn.microsoft.com/azure/aks/manage-azure-rbac).
import { read, UNKNOWN } from '../resources';

/** The violation message for a ManagedCluster's inputs, or undefined when access is Entra-only. */
export function clusterAccessViolation(cluster: Record<string, any>): string | undefined {
  const managed = read(() => cluster.aadProfile?.managed);
  const rbac = read(() => cluster.aadProfile?.enableAzureRBAC);
  const localOff = read(() => cluster.disableLocalAccounts);
  if (managed === UNKNOWN || rbac === UNKNOWN || localOff === UNKNOWN) return undefined;
  const missing = [
    ...(managed === true ? [] : ['aadProfile.managed: true']),
    ...(rbac === true ? [] : ['aadProfile.enableAzureRBAC: true']),
    ...(localOff === true ? [] : ['disableLocalAccounts: true']),
  ];
  return missing.length === 0
    ? undefined
    : `the cluster accepts credentials outside Entra ID and Azure RBAC: set ${missing.join(', ')} (aks-networking:cluster.access; local accounts hand out a static cluster-admin certificate)`;
}
