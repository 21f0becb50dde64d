// What a change of `networkProfile.outboundType` on a running cluster means. AKS changes it in place
// (`az aks update --outbound-type`) along the paths its docs list; only the others need a new cluster.
//
// This program always brings its own VNet, so the BYO-VNet table of
// https://learn.microsoft.com/azure/aks/egress-outboundtype ("Update outboundType after cluster
// creation") applies: every pair among loadBalancer, userAssignedNATGateway and userDefinedRouting,
// and each of them to and from none. managedNATGateway(V2) and block are managed-VNet types; this
// program never sends them (managedNATGateway is mapped to userAssignedNATGateway, see aksProfile.ts).
// Pure.
import type { AksNetworkProfile } from './aksProfile';

type OutboundType = AksNetworkProfile['outboundType'];

const BYO_VNET_TYPES: ReadonlySet<string> = new Set<OutboundType>(['loadBalancer', 'userAssignedNATGateway', 'userDefinedRouting', 'none']);

export type OutboundTypeChange =
  | { kind: 'none' }
  /** AKS changes it in place; the message says what the change disrupts */
  | { kind: 'in-place'; message: string }
  | { kind: 'new-cluster'; message: string };

export function outboundTypeChange(before: string, after: string): OutboundTypeChange {
  if (before === after) return { kind: 'none' };
  if (BYO_VNET_TYPES.has(before) && BYO_VNET_TYPES.has(after)) {
    const precondition =
      after === 'userDefinedRouting'
        ? ' The default route must be on the node subnets first: the program creates it before it updates the cluster.'
        : after === 'userAssignedNATGateway'
          ? ' The NAT gateway must be on the node subnets first: the program attaches it before it updates the cluster.'
          : '';
    return {
      kind: 'in-place',
      message:
        `outbound type ${before} -> ${after} changes in place: AKS adds or removes egress resources, open connections drop and the egress IP changes, ` +
        `so update firewall rules and API server authorized IP ranges that name it.${precondition}`,
    };
  }
  return { kind: 'new-cluster', message: `outbound type ${before} -> ${after} needs a new cluster: AKS changes outbound types in place only among loadBalancer, userAssignedNATGateway, userDefinedRouting and none on a VNet you bring` };
}
