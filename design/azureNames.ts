// The Azure name of every resource the program creates, and the names Azure would refuse.
//
// Rules (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules,
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules):
//   virtual network                        2-64  alphanumerics _ . -  start alphanumeric, end alphanumeric or _
//   subnet, NSG, route table, public IP   1-80  the same characters
//   NAT gateway                            not on the page; held to the 1-80 rule of its siblings
//   user-assigned identity                 3-128 alphanumerics - _    start alphanumeric
//   node resource group MC_<rg>_<cluster>_<region>, which AKS derives: at most 80
//     (https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/aks-common-issues-faq)
//   Azure CNI Overlay on a VNet you bring: subnet, VNet and resource group names at most 63 (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay)
// The cluster name, resource group and DNS prefix are checked by the cluster config schema, pool
// names by the network schema and nodePoolName.ts; role assignment names are GUIDs the provider makes.
//
// Decided per name:
// - Names the program composes from the cluster name and a suffix ("<cluster>-vnet",
//   "<cluster>-<subnet>-nsg", ...) are shortened deterministically when too long: the cluster part is
//   cut and a 6-character hash of the full name keeps them distinct ("<cut>-<hash>-vnet"). Nothing
//   with the long name can exist (Azure refused it), so shortening never renames a deployed resource.
// - Names the user writes and Azure uses verbatim (subnet names) and the node resource group, which
//   AKS composes itself, are refused with INVALID_NAME at their config path: renaming them silently
//   would surprise whoever looks for them in the portal. Subnet names are the planner's check.
// Pure.
import { sha256Hex } from './sha256';
import type { Plan } from '../planner/types';
import type { ClusterSettings } from './clusterConfig';
import { CLUSTER_KEY, type StackFinding } from './stackFindings';

export interface AzureNames {
  vnet: string;
  /** NSG name by subnet name */
  nsg: Record<string, string>;
  /** kubenet's route table, whose routes AKS writes */
  routeTable: string;
  /** the userDefinedRouting route table with the default route */
  egressRouteTable: string;
  natGateway: string;
  publicIp: string;
  identity: string;
}

const NETWORK_MAX = 80;
const VNET_MAX = 64;
/** Azure CNI Overlay with a VNet you bring (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay) */
const OVERLAY_MAX = 63;
const NODE_RESOURCE_GROUP_MAX = 80;
const HASH = 6;

/** `${prefix}${suffix}`, or when longer than `max`, the prefix cut to fit with a hash of the whole. */
export function fitName(prefix: string, suffix: string, max: number): string {
  const full = `${prefix}${suffix}`;
  if (full.length <= max) return full;
  const hash = sha256Hex(full).slice(0, HASH);
  // a cut prefix must still start with an alphanumeric (it does: it is the cluster name's start)
  // and must not end in "-", "_" or "." before the hash separator
  const cut = prefix.slice(0, max - suffix.length - HASH - 1).replace(/[-_.]+$/, '');
  return `${cut}-${hash}${suffix}`;
}

export function azureNames(cluster: ClusterSettings, plan: Plan): AzureNames {
  const prefix = cluster.name;
  const overlay = plan.network.plugin === 'azure-cni-overlay';
  return {
    vnet: fitName(prefix, '-vnet', overlay ? OVERLAY_MAX : VNET_MAX),
    nsg: Object.fromEntries(plan.subnets.map((s) => [s.name, fitName(`${prefix}-${s.name}`, '-nsg', NETWORK_MAX)])),
    routeTable: fitName(prefix, '-rt', NETWORK_MAX),
    egressRouteTable: fitName(prefix, '-egress-rt', NETWORK_MAX),
    natGateway: fitName(prefix, '-natgw', NETWORK_MAX),
    publicIp: fitName(prefix, '-natgw-ip', NETWORK_MAX),
    identity: fitName(prefix, '-identity', 128),
  };
}

/**
 * Names Azure would refuse that the program cannot shorten: the resource group under overlay, and
 * the node resource group AKS derives (subnet names, used verbatim, are the planner's INVALID_NAME
 * check, planner/checks/names.ts, so `aksnet plan` refuses them too).
 * `location` is the cluster's region (the cluster config's, else the provider's); without it the node
 * resource group is not checked.
 */
export function nameFindings(cluster: ClusterSettings, plan: Plan, location: string | undefined): StackFinding[] {
  const findings: StackFinding[] = [];
  const overlay = plan.network.plugin === 'azure-cni-overlay';
  if (overlay && cluster.resourceGroupName.length > OVERLAY_MAX) {
    findings.push(invalid(CLUSTER_KEY, 'resourceGroupName', `resource group name "${cluster.resourceGroupName}" has ${cluster.resourceGroupName.length} characters; Azure CNI Overlay allows 63 on a VNet you bring`));
  }
  if (location) {
    const nodeGroup = `MC_${cluster.resourceGroupName}_${cluster.name}_${location}`;
    if (nodeGroup.length > NODE_RESOURCE_GROUP_MAX) {
      findings.push(
        invalid(
          CLUSTER_KEY,
          'name',
          `AKS names the node resource group "${nodeGroup}" (${nodeGroup.length} characters) and refuses more than ${NODE_RESOURCE_GROUP_MAX}: shorten the cluster name or the resource group name by ${nodeGroup.length - NODE_RESOURCE_GROUP_MAX}`,
        ),
      );
    }
  }
  return findings;
}

function invalid(config: StackFinding['config'], path: string, message: string): StackFinding {
  return { severity: 'error', code: 'INVALID_NAME', config, path, message };
}
