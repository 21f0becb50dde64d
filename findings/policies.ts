// The CrossGuard policy pack's rules (policies/pack.ts): `pulumi preview --policy-pack policies`
// reports a violation under the rule's name, and a mandatory rule blocks the update.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const POLICY_PACK_ENTRIES = {
  'aks-subnet-capacity': {
    severity: 'error',
    title: 'Subnets and pod ranges hold every pool at maxCount plus surge (mandatory)',
    meaning: 'The pack prices the resources Pulumi is about to create with the aksnet planner: node and pod subnets must hold every pool placed in them at maxCount plus upgrade surge, and overlay/kubenet pod CIDRs a /24 per node. AKS checks free IPs only when it scales or upgrades, so an undersized subnet deploys fine and fails later.',
    fix: 'As for SUBNET_EXHAUSTED and POD_CIDR_EXHAUSTED: larger ranges, or fewer nodes, surge or maxPods.',
    sources: [src.IP_PLANNING, src.INSUFFICIENT_SUBNET, src.PULUMI_CROSSGUARD],
  },
  'aks-no-overlapping-cidrs': {
    severity: 'error',
    title: "Subnets, service and pod ranges do not overlap (mandatory)",
    meaning: "Subnets of a VNet must not overlap, and a cluster's service and pod ranges must overlap neither each other nor any subnet, or traffic to those addresses is routed to the wrong place.",
    fix: 'Move one of the ranges the violation names.',
    sources: [src.VNET_FAQ, src.LEGACY_CNI, src.OVERLAY_CONCEPTS],
  },
  'aks-network-policy-engine': {
    severity: 'error',
    title: 'AKS clusters run a network policy engine (mandatory)',
    meaning: 'Without Cilium, Calico or Azure NPM the API server stores NetworkPolicy objects and nothing enforces them.',
    fix: 'Set networkProfile.networkPolicy (networkPolicy in the stack config) to cilium, calico or azure.',
    sources: [src.NETWORK_POLICIES, src.K8S_NETWORK_POLICIES],
  },
  'aks-no-node-public-ip': {
    severity: 'error',
    title: 'Nodes get no public IPs (mandatory)',
    meaning: 'enableNodePublicIP gives every node its own public IP, exposing the kubelet and node ports to the internet unless NSGs close them.',
    fix: 'Leave enableNodePublicIP off; reach nodes through the VNet, and publish services through a load balancer or ingress.',
    sources: [src.NODE_PUBLIC_IP],
  },
  'aks-entra-id-only': {
    severity: 'error',
    title: 'Clusters sign users in with Entra ID only (mandatory)',
    meaning: 'Without managed Entra ID, Azure RBAC for Kubernetes and disableLocalAccounts, the cluster hands out a static cluster-admin certificate (az aks get-credentials --admin), and without Entra ID even the user credential is cluster-admin.',
    fix: 'Keep the defaults of aks-networking:cluster.access (do not set localAccounts: true); give people access through Entra groups and Azure RBAC roles.',
    sources: [src.LOCAL_ACCOUNTS, src.AZURE_RBAC],
  },
  'aks-production-api-server-access': {
    severity: 'error',
    title: 'Production API servers are private or limited to authorized IP ranges (mandatory)',
    meaning: 'A public API server with no authorized IP ranges (or with 0.0.0.0/0) accepts connections from anywhere; production stacks are those named in productionStacks or tagged with productionTag.',
    fix: 'Set apiServer.private, or apiServer.authorizedIpRanges to your networks.',
    sources: [src.PRIVATE_CLUSTERS, src.API_SERVER_AUTHORIZED_IPS],
  },
  'aks-kubenet-route-table': {
    severity: 'error',
    title: 'kubenet subnets have a route table, and kubenet clusters share none (mandatory)',
    meaning: 'kubenet routes pod traffic through one route per node in a route table on the node subnet; AKS needs the table attached before the cluster is created, it cannot be swapped later, and two kubenet clusters cannot share a subnet or a route table.',
    fix: 'Attach a route table (routeTable.id) to each kubenet node subnet before the cluster is created; give each kubenet cluster its own subnet and table.',
    sources: [src.KUBENET, src.AKS_ISSUE_BYO_ROUTE_TABLE],
  },
  'nsg-internet-web-only': {
    severity: 'error',
    title: 'NSG rules allow only web ports inbound from the internet (mandatory)',
    meaning: 'An inbound Allow rule from any source (*, Internet, 0.0.0.0/0) to SSH, RDP, the kubelet or NodePorts exposes them to the whole internet. Only the ports in allowedPorts (80 and 443 by default) may be open to it.',
    fix: 'Limit the rule\'s source to known networks, or its ports to allowedPorts.',
    sources: [src.NSG],
  },
  'no-ingress-nginx': {
    severity: 'warning',
    title: 'Helm releases of ingress-nginx (advisory)',
    meaning: 'ingress-nginx was retired upstream in March 2026: no releases, bug fixes or security fixes.',
    fix: 'Move to the AKS application routing add-on (managed NGINX), HAProxy or Gateway API.',
    sources: [src.INGRESS_NGINX_RETIREMENT, src.APP_ROUTING],
  },
} as const satisfies AreaEntries;
