// Codes of the address planner (planner/findings.ts FINDING_CODES): `aksnet plan`, `aksnet size`,
// the Pulumi program and the policy pack report them.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const PLANNER_ENTRIES = {
  SUBNET_EXHAUSTED: {
    severity: 'error',
    title: 'A subnet cannot hold the addresses its pools need at full scale',
    meaning:
      'The planner counts every pool at its maximum (the autoscaler maxCount, or the fixed count) plus its upgrade surge, because AKS itself checks free IPs against --max-count and surge nodes take addresses like any node. Azure keeps 5 addresses of every subnet (network, .1, .2, .3 and the last). With Azure CNI in node-subnet mode every node reserves 1 + maxPods addresses when it is created, so the subnet must hold n x (1 + maxPods); in the other modes a node subnet holds n, and a pod subnet holds the batches of 16 every node takes (dynamic, at least 16 per node) or its /28 blocks (static block, ceil((maxPods + 1) / 16) per node). A subnet smaller than that fails a scale-out or an upgrade with InsufficientSubnetSize, and a subnet in use cannot be resized.',
    fix: 'Give the subnet a larger prefix (the message gives the addresses needed; `aksnet size` gives the prefix), lower maxCount, maxSurge or maxPods, or move a pool to its own subnet. On a deployed cluster, add a new subnet and move the pools to it: Azure does not resize a subnet in use.',
    sources: [src.IP_PLANNING, src.INSUFFICIENT_SUBNET, src.UPGRADE_CAPACITY, src.VNET_FAQ],
  },
  POD_CIDR_EXHAUSTED: {
    severity: 'error',
    title: 'The pod range has fewer per-node blocks than the nodes at full scale need',
    meaning:
      'With Azure CNI Overlay and kubenet every node gets a fixed /24 of the pod CIDR, so the range must hold one /24 per node at maxCount plus surge (a /16 holds 256). With your own CNI each node takes the CNI\'s blocks (Calico /26 blocks of 64 addresses, Flannel and Cilium a /24 by default). When the blocks run out, new nodes get no pod range and their pods do not start. It is also reported when one node\'s block holds fewer pods than maxPods.',
    fix: 'Use a larger pod CIDR (one /24 per node: 24 - ceil(log2(nodes)) gives the prefix), or fewer nodes. On overlay a pod CIDR can be expanded to a contiguous superset on Linux-only clusters; on kubenet it cannot change. For a block smaller than maxPods, lower maxPods or widen the CNI block.',
    sources: [src.OVERLAY_CONCEPTS, src.KUBENET, src.OVERLAY_POD_EXPAND, src.CALICO_IPPOOL, src.FLANNEL_CONFIG, src.CILIUM_CLUSTER_POOL],
  },
  ADDRESS_SPACE_EXHAUSTED: {
    severity: 'error',
    title: 'No free range of the needed size is left in the VNet address space',
    meaning:
      'The planner places each subnet without a fixed CIDR at the first free, aligned range of the size it needs. Azure subnets must lie inside the VNet address space and must not overlap each other, so when the address space has no free aligned block of that size the subnet cannot be created.',
    fix: 'Add an address prefix to the VNet (addressSpace), shrink other subnets, or give the subnets explicit CIDRs that fit. A subnet added outside the original address space needs a cluster update before pools can use it.',
    sources: [src.VNET_FAQ, src.UNIQUE_SUBNET, src.IP_PLANNING],
  },
  CIDR_OVERLAP: {
    severity: 'error',
    title: 'Two ranges that must be disjoint overlap',
    meaning:
      'Subnets of a VNet must not overlap each other. The service CIDR must not overlap the cluster subnets, the pod CIDR, peered VNets or on-premises ranges, because kube-proxy or the CNI would route those addresses to services instead of the network. Overlay and kubenet pod ranges must not overlap the cluster\'s network or a peered one. A service CIDR that only lies inside the VNet address space (touching no subnet) is possible but not recommended, and is reported as a warning.',
    fix: 'Move one of the ranges: the message names both. Peered stacks are checked across stacks, so plan them together (`aksnet plan` with both stack files).',
    sources: [src.VNET_FAQ, src.LEGACY_CNI, src.OVERLAY_CONCEPTS, src.KUBENET, src.BYO_CNI],
  },
  RESERVED_RANGE: {
    severity: 'error',
    title: 'A range includes addresses AKS or Azure refuses',
    meaning:
      'AKS refuses 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 for the service CIDR, the pod CIDR and the cluster VNet, and a range that merely contains one of them is refused too (172.16.0.0/12 includes 172.30/16 and 172.31/16). A VNet may not use 224.0.0.0/4, 255.255.255.255/32, 127.0.0.0/8, 169.254.0.0/16 or 168.63.129.16/32.',
    fix: 'Pick a range that does not include the reserved one, e.g. 10.0.0.0/16 or 172.16.0.0/16 instead of 172.16.0.0/12.',
    sources: [src.CNI_OVERVIEW, src.VNET_FAQ, src.KUBENET],
  },
  NON_PRIVATE_RANGE: {
    severity: 'warning',
    title: 'A VNet or pod range is not a private (RFC 1918 / RFC 6598) range',
    meaning:
      'Azure lets a VNet use public ranges, but traffic to the real owners of those addresses is then routed into the VNet. For overlay pod CIDRs Microsoft supports only RFC 1918 and RFC 6598 (100.64.0.0/10) ranges: public ones are not blocked, but not supported.',
    fix: 'Use 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 ranges, unless you own the public range and mean to use it.',
    sources: [src.OVERLAY_CONCEPTS, src.VNET_FAQ, src.RFC1918, src.RFC6598],
  },
  SUBNET_OUTSIDE_VNET: {
    severity: 'error',
    title: 'A subnet lies outside the VNet address space',
    meaning: 'Every subnet must be inside one of its VNet\'s address prefixes; Azure refuses the subnet otherwise.',
    fix: 'Change the subnet CIDR to one inside addressSpace, or add a prefix to addressSpace.',
    sources: [src.VNET_FAQ, src.UNIQUE_SUBNET],
  },
  SUBNET_SIZE: {
    severity: 'error',
    title: 'A subnet is smaller or larger than Azure or AKS allows',
    meaning:
      'The smallest Azure IPv4 subnet is a /29 (3 usable addresses after the 5 Azure keeps). A static block pod subnet can be no larger than /12.',
    fix: 'Use a /29 or larger subnet; for static block allocation, a pod subnet of /12 or smaller.',
    sources: [src.VNET_FAQ, src.STATIC_BLOCK],
  },
  SUBNET_ROLE_CONFLICT: {
    severity: 'error',
    title: 'A subnet is given two roles that cannot share it',
    meaning:
      'VMs cannot be deployed in an Azure CNI pod subnet, so a subnet cannot be both a node subnet and a pod subnet. An Application Gateway subnet may hold only Application Gateways.',
    fix: 'Give nodes, pods and the Application Gateway separate subnets.',
    sources: [src.DYNAMIC_IP, src.POD_SUBNET, src.APPGW_INFRA],
  },
  SERVICE_CIDR_SIZE: {
    severity: 'error',
    title: 'The service CIDR is /12 or larger',
    meaning:
      'AKS documents that the service CIDR must be smaller than /12. Upstream kube-apiserver accepts a /12, but the planner follows the AKS wording and treats /12 or wider as invalid.',
    fix: 'Use a /13 or smaller service CIDR; the default 10.0.0.0/16 holds 65,536 services.',
    sources: [src.IP_PLANNING, src.OVERLAY_CONCEPTS, src.BYO_CNI],
  },
  DNS_IP_OUTSIDE_SERVICE_CIDR: {
    severity: 'error',
    title: 'dnsServiceIP is not inside the service CIDR',
    meaning: 'The cluster DNS service (CoreDNS) gets its ClusterIP from the service CIDR, so dnsServiceIP must be one of its addresses; AKS refuses the cluster otherwise.',
    fix: 'Set dnsServiceIP to an address of the service CIDR; the usual choice is the .10 address (10.0.0.10 for 10.0.0.0/16).',
    sources: [src.LEGACY_CNI, src.OVERLAY_CONCEPTS, src.KUBENET],
  },
  DNS_IP_RESERVED: {
    severity: 'error',
    title: 'dnsServiceIP is an address the service CIDR cannot give to DNS',
    meaning:
      'The first assignable address of the service CIDR (.1) belongs to the kubernetes.default service, and the network and broadcast addresses cannot be assigned, so none of them can be the DNS service IP.',
    fix: 'Use the .10 address of the service CIDR, as the AKS docs do.',
    sources: [src.LEGACY_CNI, src.KUBENET, src.K8S_DNS],
  },
  MAX_PODS_OUT_OF_RANGE: {
    severity: 'error',
    title: 'maxPods is outside what AKS allows for the pool',
    meaning:
      'AKS accepts maxPods from 10 to 250. The minimum of 10 is allowed only when every pool can hold at least 30 pods, so with maxPods 10 a pool needs at least 3 nodes. For Windows nodes 110 is the recommended maximum (a warning).',
    fix: 'Set maxPods between 10 and 250; with small values raise minCount so the pool holds 30 pods; keep Windows pools at 110 or fewer. maxPods is fixed when a pool is created: a change rotates the pool.',
    sources: [src.IP_PLANNING, src.QUOTAS, src.OVERLAY_CONCEPTS],
  },
  MAX_PODS_DEFAULTED: {
    severity: 'warning',
    title: 'maxPods is not set and the documented default is ambiguous',
    meaning:
      'For the Azure CNI pod-subnet modes one AKS page gives a default of 110 pods per node and another 250. The planner plans with 250 (the larger demand) but the deployed default may differ, and maxPods cannot be changed on an existing pool.',
    fix: 'Set maxPods on every pool explicitly.',
    sources: [src.IP_PLANNING, src.DYNAMIC_IP],
  },
  NODE_LIMIT: {
    severity: 'error',
    title: 'A node, pool or route limit of AKS is exceeded',
    meaning:
      'A node pool holds at most 1,000 nodes, and pool size plus surge must fit in 1,000 or AKS rejects the upgrade. A cluster holds at most 5,000 nodes and 100 pools; at 5,000 it cannot upgrade. The free tier supports up to 1,000 nodes (recommended below 10). kubenet needs one route per node and a route table holds 400 such routes. Azure NPM is not recommended beyond 250 nodes or 20,000 pods (warning).',
    fix: 'Lower maxCount or maxSurge, split the workload over more pools or clusters, use the Standard tier, or move kubenet clusters to Azure CNI Overlay (`aksnet migrate`).',
    sources: [src.QUOTAS, src.ROLLING_UPGRADE, src.LARGE_CLUSTERS, src.PRICING_TIERS, src.KUBENET, src.NETWORK_POLICIES],
  },
  POD_LIMIT: {
    severity: 'warning',
    title: 'The pools allow more pods than AKS guidance for one cluster',
    meaning: 'AKS guidance for large clusters is at most 200,000 pods per cluster with overlay (another page says 250,000; the planner warns at the lower one).',
    fix: 'Lower maxPods or maxCount, or split the workload over clusters.',
    sources: [src.LARGE_CLUSTERS, src.PLAN_POD_NETWORKING],
  },
  SYSTEM_POOL: {
    severity: 'error',
    title: 'The system pool setup is not one AKS accepts',
    meaning:
      'A cluster needs at least one pool with mode System; system pools must run Linux and keep at least 1 node (AKS recommends 2, reported as a warning).',
    fix: 'Mark a Linux pool mode: System with minCount of at least 2.',
    sources: [src.NODE_POOLS, src.WINDOWS_VS_LINUX],
  },
  SURGE_SETTING: {
    severity: 'error',
    title: 'maxSurge and maxUnavailable cannot upgrade the pool',
    meaning: 'When maxUnavailable is 0, maxSurge must be above 0, or an upgrade has no node to move to. System pools cannot use maxUnavailable.',
    fix: 'Set maxSurge to at least 1 (the AKS default; 33% is recommended for production), and leave maxUnavailable unset on system pools.',
    sources: [src.ROLLING_UPGRADE],
  },
  VNET_IP_LIMIT: {
    severity: 'error',
    title: 'The cluster would put more private IPs in the VNet than a VNet holds',
    meaning: 'Azure allows at most 65,536 private IP addresses per VNet. Nodes, and with Azure CNI node-subnet or pod-subnet mode every pod, take one.',
    fix: 'Move to Azure CNI Overlay (pod IPs then live outside the VNet), lower maxPods or maxCount, or split the cluster.',
    sources: [src.NETWORK_LIMITS, src.IP_PLANNING],
  },
  VNET_TOO_LARGE: {
    severity: 'warning',
    title: 'A VNet address prefix is larger than /8',
    meaning: 'AKS documents /8 as the largest VNet it plans for, with a 65,536 configured IP address limit.',
    fix: 'Use /8 or smaller address prefixes.',
    sources: [src.IP_PLANNING],
  },
  LOW_HEADROOM: {
    severity: 'warning',
    title: 'A subnet or pod range is more than 80% used at full scale',
    meaning:
      'Load balancer front ends, private endpoints and churn also take addresses in a node subnet, and a subnet in use cannot be resized, so a range that is nearly full at full scale leaves no room for them.',
    fix: 'Give the range a larger prefix now, while it is empty.',
    sources: [src.IP_PLANNING, src.VNET_FAQ],
  },
  UNSUPPORTED_COMBINATION: {
    severity: 'error',
    title: 'Network plugin, policy engine, OS or version that AKS does not support together',
    meaning:
      'kubenet supports only the Calico policy engine and no Windows pools. Cilium needs an Azure CNI plugin and runs Linux only. A BYO CNI (plugin none) gets no AKS policy engine and no Windows pools. Azure NPM on Windows reached end of support on 30 September 2026 (warning). Overlay turns the node subnet name into a node label, so it must be at most 63 characters. Static block allocation needs Kubernetes 1.28 or later.',
    fix: 'Change the plugin, policy engine, pool OS or Kubernetes version as the message says.',
    sources: [src.NETWORK_POLICIES, src.KUBENET, src.CILIUM, src.BYO_CNI, src.OVERLAY_CONCEPTS, src.STATIC_BLOCK, src.WINDOWS_VS_LINUX],
  },
  BYO_POOL_REQUIRED: {
    severity: 'error',
    title: 'Cilium as your own CNI needs an explicit pod pool',
    meaning: "Cilium's cluster-pool IPAM defaults to 10.0.0.0/8, which overlaps AKS's default service CIDR 10.0.0.0/16 and most 10.x VNets.",
    fix: 'Set byoCni.poolCidr to a private range that overlaps nothing (simplest: the podCidr).',
    sources: [src.CILIUM_HELM, src.CILIUM_CLUSTER_POOL, src.BYO_CNI],
  },
  KUBENET_RETIREMENT: {
    severity: 'warning',
    title: 'kubenet retires on 31 March 2028',
    meaning: 'Microsoft retires kubenet on AKS on 31 March 2028 and asks kubenet clusters to move to Azure CNI Overlay, which AKS does in place (one way, all pools reimaged).',
    fix: 'Plan the move with `aksnet migrate --stack NAME`.',
    sources: [src.KUBENET, src.UPDATE_CNI],
  },
  WEAVE_UNMAINTAINED: {
    severity: 'warning',
    title: 'Weave Net is no longer maintained',
    meaning: 'Weaveworks, its maintainer, shut down in 2024; Weave Net gets no releases or security fixes.',
    fix: 'Use Cilium or Calico as your own CNI, or Azure CNI Overlay.',
    sources: [src.WEAVE_ARCHIVED, src.BYO_CNI],
  },
  INGRESS_IP_CONFLICT: {
    severity: 'error',
    title: "The ingress load balancer IP cannot be used in its subnet",
    meaning:
      'An internal load balancer IP must be free in its subnet: not one of the 5 addresses Azure keeps, not in a pod subnet or an Application Gateway subnet, not inside the service CIDR and not claimed by something else. The subnet the ingress names must exist in the network.',
    fix: 'Name an existing node or dedicated subnet and an address in it that nothing else uses, or leave ip unset: the planner then takes the subnet\'s last usable address.',
    sources: [src.INTERNAL_LB, src.VNET_FAQ, src.APPGW_INFRA],
  },
  AGC_SUBNET_SIZE: {
    severity: 'error',
    title: 'The Application Gateway for Containers subnet is not a /24',
    meaning:
      'Each Application Gateway for Containers association needs 256 free addresses, so its delegated subnet must be at least a /24; with Azure CNI Overlay it must be exactly a /24 (larger and smaller prefixes are unsupported).',
    fix: 'Give the purpose agc subnet prefixLength 24 (or leave prefixLength and cidr out: the planner carves a /24).',
    sources: [src.AGC_COMPONENTS, src.AGC_NETWORKING],
  },
  OUTBOUND_ROUTE_REQUIRED: {
    severity: 'error',
    title: 'userDefinedRouting has no usable default route',
    meaning:
      'With outboundType userDefinedRouting AKS creates no outbound IP: the node subnet must already have a route table with 0.0.0.0/0 to a VirtualAppliance (a firewall\'s private IP) or a virtual network gateway, and AKS checks it before it creates the cluster. The appliance must be in this VNet or a peered one, and not in the subnet the route is attached to, or its own traffic loops back to it.',
    fix: 'Set userDefinedRouting.nextHopIp to the private IP of a firewall in its own subnet (Azure Firewall: AzureFirewallSubnet) in this VNet or a peered one listed in peers (the program then creates the route), or userDefinedRouting.routeTableId to a route table you manage that already has the default route.',
    sources: [src.EGRESS_UDR, src.EGRESS_OUTBOUND_TYPE, src.AKS_ISSUE_UDR_PREFLIGHT, src.DOCS_ISSUE_UDR_DEFAULT_ROUTE],
  },
  INVALID_NAME: {
    severity: 'error',
    title: 'A name Azure refuses (length or characters)',
    meaning:
      'Azure resource names have per-type rules: subnets, VNets, NSGs, route tables and public IPs 1-80 characters of letters, digits, "_", "." and "-", starting alphanumeric and ending alphanumeric or "_"; AKS clusters 1-63; dnsPrefix 1-54; Linux agent pools 1-12 and Windows 1-6 lowercase letters and digits starting with a letter. A name that breaks them fails the deploy.',
    fix: 'Rename the resource as the message says; names the program derives are shortened for you, names you set are not.',
    sources: [src.RESOURCE_NAMES, src.AKS_FAQ_NAMES, src.NODE_POOLS],
  },
  KUBERNETES_VERSION_UNSUPPORTED: {
    severity: 'error',
    title: 'AKS will not create this Kubernetes version on this date',
    meaning:
      'The version is past the end of every AKS support (community support and Long Term Support), or not yet generally available. AKS refuses to create a cluster on it; `aksnet plan` compares the AKS release calendar with today (or --today).',
    fix: 'Set kubernetesVersion to one of the versions the message names (those in community support for at least 90 more days).',
    sources: [src.SUPPORTED_K8S_VERSIONS, src.LTS],
  },
  KUBERNETES_VERSION_LTS_ONLY: {
    severity: 'error',
    title: 'This Kubernetes version is supported only under Long Term Support',
    meaning:
      'The version left community support; AKS keeps it only for clusters on the Premium tier with the AKSLongTermSupport support plan, until the end of LTS the message names. On any other tier the cluster is out of support.',
    fix: 'Set kubernetesVersion to a version the message names, or tier: premium (the program then sets supportPlan AKSLongTermSupport).',
    sources: [src.LTS, src.SUPPORTED_K8S_VERSIONS],
  },
  KUBERNETES_VERSION_UNKNOWN: {
    severity: 'warning',
    title: 'This Kubernetes version is not confirmed in the AKS calendar aksnet knows',
    meaning: "The version is newer than the tool's calendar, or its GA was only planned when the calendar was read. It may not be available in every region yet.",
    fix: 'Check with az aks get-versions --location REGION, or use a version the message names.',
    sources: [src.SUPPORTED_K8S_VERSIONS],
  },
  LIFECYCLE_ENDING: {
    severity: 'warning',
    title: 'A support phase ends within 90 days',
    meaning: 'The Kubernetes version leaves its support phase (community support, or LTS on tier premium) on the date the message names, within 90 days of today.',
    fix: 'Set kubernetesVersion to a version the message names before that date.',
    sources: [src.SUPPORTED_K8S_VERSIONS, src.LTS],
  },
  LIFECYCLE_ENDED: {
    severity: 'error',
    title: 'Support for a component has ended',
    meaning: 'After 31 March 2028 AKS no longer supports kubenet: a kubenet stack is then an error. (The NGINX controllers are reported as INGRESS_NGINX_RETIRED and INGRESS_APP_ROUTING_NGINX_RETIRED.)',
    fix: 'Move kubenet to Azure CNI Overlay (`aksnet migrate`).',
    sources: [src.KUBENET, src.UPDATE_CNI],
  },
  LIFECYCLE_ADVICE: {
    severity: 'info',
    title: 'Microsoft advises moving away from a component',
    meaning: 'AGIC remains available, with no end date; Microsoft advises starting the move to Application Gateway for Containers.',
    fix: 'Plan the move to Application Gateway for Containers (Gateway API).',
    sources: [src.LTS, src.AGIC],
  },
  API_SERVER_RANGE: {
    severity: 'error',
    title: 'An authorized IP range of the API server can never let the deploy in',
    meaning:
      'Documentation ranges (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849: 2001:db8::/32) are never routed, so no client matches them; 0.0.0.0/32 allows only the cluster\'s own outbound IP (a warning); AKS takes at most 200 ranges. With no ranges, the API server is public to every address (an info note).',
    fix: "List the deploy runner's public egress address (a self-hosted runner's NAT IP, or a larger runner's static range) and your admins' networks; merge ranges to stay within 200; remove authorizedIpRanges to switch the filter off.",
    sources: [src.API_SERVER_AUTHORIZED_IPS, src.RFC5737, src.RFC3849],
  },
} as const satisfies AreaEntries;
