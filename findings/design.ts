// Codes the Pulumi program adds to the planner's (design/stackFindings.ts STACK_FINDING_CODES) and
// the ingress's codes (design/ingress/findingCodes.ts): `pulumi preview`, `aksnet synth` and
// `aksnet plan` report them.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const STACK_ENTRIES = {
  CLUSTER_REPLACEMENT: {
    severity: 'error',
    title: 'The change needs a new AKS cluster',
    meaning:
      'Some settings are fixed when AKS creates a cluster: the service CIDR and dnsServiceIP (from Kubernetes 1.33 the service range can only be extended with ServiceCIDR objects), a kubenet pod CIDR, most network plugin changes (only kubenet and node-subnet Azure CNI move to overlay in place), some outbound type changes, and Windows support. Pulumi would delete the cluster and build a new one, and everything running on it goes. `aksnet diff` reports the same when a change between two plans needs a new cluster.',
    fix: 'Revert the change, or set cluster.allowClusterReplacement: true to accept a new cluster (then it is a warning). To move kubenet or node-subnet Azure CNI to overlay without a new cluster, use `aksnet migrate`.',
    sources: [src.IP_PLANNING, src.KUBENET, src.UPDATE_CNI, src.OVERLAY_POD_EXPAND, src.EGRESS_OUTBOUND_TYPE, src.NODE_POOLS, src.K8S_SERVICE_CIDR],
  },
  IN_PLACE_MIGRATION: {
    severity: 'warning',
    title: 'AKS makes this change in place, but it disrupts the cluster or has preconditions',
    meaning:
      'The move from kubenet or node-subnet Azure CNI to overlay happens in place, one way, and AKS reimages every node pool at the same time. It needs no network policy engine installed (an error otherwise). Changing the policy engine also reimages every pool; Azure NPM to Calico passes through none. Overlay can expand a pod CIDR to a range that contains the old one on Linux-only clusters.',
    fix: 'Deploy in a maintenance window with capacity for a reimage of all pools; when the message says an engine must be removed first, deploy networkPolicy: none, then the move, then the engine again.',
    sources: [src.UPDATE_CNI, src.NETWORK_POLICIES, src.OVERLAY_POD_EXPAND],
  },
  POOL_ROTATION: {
    severity: 'info',
    title: 'A node pool is replaced by a new one',
    meaning:
      'maxPods, VM size, subnet and pod IP mode of a pool cannot change in place, so the program creates a new Azure node pool (new name) before it deletes the old one. AKS does not drain a pool it deletes, so both pools must fit in their subnets for a moment.',
    fix: 'Nothing to fix; for a graceful move, cordon and drain the old pool before `pulumi up` deletes it. `aksnet diff` shows whether the subnets hold both pools.',
    sources: [src.NODE_POOLS, src.IP_PLANNING, src.INSUFFICIENT_SUBNET],
  },
  SUBNET_CHANGE: {
    severity: 'error',
    title: 'A deployed subnet cannot take this change',
    meaning:
      'Azure resizes or moves a subnet only while nothing is deployed in it, and a pod subnet has one pod IP allocation mode (dynamic and static block cannot share it). A change to a subnet that pools run in fails; one with no pools fails while load balancer front ends or private endpoints use it (a warning).',
    fix: 'Add a new subnet, move the pools to it (they rotate onto it), deploy, then remove the old subnet.',
    sources: [src.VNET_FAQ, src.INSUFFICIENT_SUBNET, src.STATIC_BLOCK],
  },
  OUTBOUND_TYPE_MAPPED: {
    severity: 'warning',
    title: 'The outbound type sent to AKS differs from the configured one',
    meaning: 'managedNATGateway works only in a VNet AKS creates. With your own VNet the program creates the NAT gateway (with a static public IP) on the pool subnets and tells AKS userAssignedNATGateway.',
    fix: 'Nothing to fix; set outboundType: userAssignedNATGateway to say what is deployed.',
    sources: [src.EGRESS_OUTBOUND_TYPE],
  },
  OUTBOUND_TYPE_CHANGE: {
    severity: 'warning',
    title: 'The outbound type of a running cluster changes in place',
    meaning:
      'AKS changes outboundType in place between the pairs its tables list; it deploys or removes egress resources, drops connections and changes the egress IP. Other pairs need a new cluster (CLUSTER_REPLACEMENT).',
    fix: 'Update firewall rules and API server authorized ranges for the new egress IP; for userAssignedNATGateway associate the NAT gateway with the subnet first, for userDefinedRouting add the 0.0.0.0/0 route first.',
    sources: [src.EGRESS_OUTBOUND_TYPE, src.EGRESS_UDR],
  },
  DEPLOYED_SETTINGS_UNREADABLE: {
    severity: 'warning',
    title: 'What this stack deployed last time could not be read',
    meaning:
      'The program compares the config with the deployedSettings output of the last deployment (or the live cluster) to catch changes that need a new cluster or a pool rotation. When neither can be read, such changes are not caught before `pulumi up`.',
    fix: 'Check the stack output (pulumi stack output deployedSettings --json) and the credentials that read the cluster; with `aksnet synth`, pass --previous.',
    sources: [src.PULUMI_STACK_OUTPUTS],
  },
  CNI_NOT_DEPLOYABLE: {
    severity: 'error',
    title: 'Your own CNI cannot be installed as planned',
    meaning:
      'With network plugin none the program installs the CNI from its Helm chart, with the planned pod range. Weave Net has no maintained chart; the Flannel chart cannot set SubnetLen (every node gets the /24 of node.spec.podCIDR), so a planned block of another size cannot be deployed; a plan without a pod range has nothing to give the CNI.',
    fix: 'Use Calico or Cilium, or for Flannel plan with subnetLen 24 (remove byoCni.subnetLen).',
    sources: [src.BYO_CNI, src.FLANNEL_CONFIG, src.CALICO_IPPOOL, src.CILIUM_HELM],
  },
  PRIVATE_API_SERVER_DEPLOYER: {
    severity: 'info',
    title: 'In-cluster objects on a private cluster need a deployer that reaches the API server',
    meaning: 'The CNI chart and policy objects are created through the Kubernetes API; a private cluster\'s API server answers only inside its VNet (or peered networks).',
    fix: 'Run `pulumi up` from a runner inside the VNet or a peered one.',
    sources: [src.PRIVATE_CLUSTERS],
  },
  LIVE_CLUSTER_COMPARED: {
    severity: 'info',
    title: 'Changes were compared with the cluster as AKS reports it',
    meaning: 'The stack exported no deployedSettings, but the cluster exists (an earlier `pulumi up` failed after creating it), so the program read the cluster from AKS instead; subnet ranges are not in that answer and are not compared.',
    fix: 'Nothing to fix; the next successful `pulumi up` exports deployedSettings.',
    sources: [src.PULUMI_STACK_OUTPUTS],
  },
} as const satisfies AreaEntries;

export const INGRESS_ENTRIES = {
  INGRESS_ROUTE_CONFLICT: {
    severity: 'error',
    title: 'Two routes claim the same host and path',
    meaning: 'When two Ingress rules match the same host and path, the controller picks one of them; which one is not defined by the Ingress API, so traffic may go to the wrong service.',
    fix: 'Give each host and path one route (the message names the first one).',
    sources: [src.K8S_INGRESS],
  },
  INGRESS_REWRITE_UNSUPPORTED: {
    severity: 'error',
    title: 'The chosen controller cannot express the rewrite',
    meaning: 'Path rewrites are controller annotations, not part of the Ingress API: NGINX (nginx, app-routing) uses rewrite-target with a regex path and capture groups, and from controller v1.12 its webhook refuses regex paths unless pathType is ImplementationSpecific; HAProxy uses path-rewrite with a regex and replacement; AGIC only a backend path prefix.',
    fix: 'Use pathType: ImplementationSpecific for an NGINX rewrite, change the rewrite to one the controller supports, or pick a controller that supports it.',
    sources: [src.INGRESS_NGINX_REWRITE, src.HAPROXY_ANNOTATIONS, src.AGIC],
  },
  INGRESS_TLS_SECRET_MISSING: {
    severity: 'error',
    title: 'A TLS route does not name its certificate Secret',
    meaning: 'An Ingress terminates TLS with the certificate in a Secret of its own namespace, named in spec.tls[].secretName.',
    fix: 'Set tls: <secret name> on the route, for a Secret in the route\'s namespace.',
    sources: [src.K8S_INGRESS_TLS],
  },
  INGRESS_NAMESPACE_CLOSED: {
    severity: 'error',
    title: 'A route points at a namespace the policy baseline closes to the ingress controller',
    meaning: 'The namespace\'s default-deny baseline admits no traffic from the ingress controller (for AGIC, from the Application Gateway subnet), so the controller\'s requests would be dropped.',
    fix: 'Add an allow rule from the ingress controller to that namespace in aks-networking:policy, or route elsewhere.',
    sources: [src.K8S_NETWORK_POLICIES, src.NETWORK_POLICIES],
  },
  INGRESS_NGINX_RETIRED: {
    severity: 'warning',
    title: 'ingress-nginx is retired upstream',
    meaning: 'Kubernetes SIG Network ended ingress-nginx maintenance in March 2026: no releases, bug fixes or security fixes. Existing installs keep working. The AKS application routing add-on\'s NGINX gets critical security patches from Microsoft through November 2026.',
    fix: 'Move the stack to the Gateway API with `aksnet migrate --ingress --stack <stack> --to envoy-gateway` (or --to agc); app-routing\'s managed NGINX is no longer an option (its Azure support ended in November 2026).',
    sources: [src.INGRESS_NGINX_RETIREMENT, src.APP_ROUTING, src.APP_ROUTING_GATEWAY],
  },
  INGRESS_REGEX_HOST: {
    severity: 'warning',
    title: 'An NGINX rewrite turns every path of its host into a case-insensitive regex',
    meaning: 'When any Ingress for a host uses use-regex or rewrite-target, ingress-nginx writes all of that host\'s paths as case-insensitive regex locations, so plain prefix routes of the same host match differently.',
    fix: 'Give the rewritten route its own host, or check that the other paths still match as intended.',
    sources: [src.INGRESS_NGINX_PATH_MATCHING, src.INGRESS_NGINX_REWRITE],
  },
  INGRESS_UNSUPPORTED: {
    severity: 'error',
    title: 'A controller, exposure or network plugin AKS does not support together',
    meaning: 'The AGIC add-on creates an Application Gateway with a public front end and supports kubenet, Azure CNI and Azure CNI Overlay, not your own CNI. Application Gateway for Containers frontends are public only (no private IPs), and it supports Azure CNI and Azure CNI Overlay, not kubenet or your own CNI.',
    fix: 'For an internal ingress use haproxy or envoy-gateway with exposure internal; with kubenet or plugin none, use a controller other than AGIC or AGC (or move to Azure CNI Overlay first with aksnet migrate).',
    sources: [src.AGIC, src.AGIC_ADDON_NEW, src.INGRESS, src.AGC_COMPONENTS, src.AGC_NETWORKING, src.AKS_ISSUE_AGC_PRIVATE_FRONTEND],
  },
  INGRESS_OBJECT_INVALID: {
    severity: 'error',
    title: 'A generated Ingress or Gateway API object fails its schema',
    meaning: 'The program checks every Ingress it generates against the Kubernetes schema and API rules, and every Gateway, HTTPRoute and ReferenceGrant against the Gateway API standard-channel CRD schemas (closed against unknown fields), before it creates them; the API server would refuse this one, or silently prune a field.',
    fix: 'Fix the route value the message names (host, path or service name).',
    sources: [src.K8S_INGRESS, src.K8S_NAMES, src.GATEWAY_API_SPEC],
  },
  INGRESS_APP_ROUTING_NGINX_RETIRED: {
    severity: 'warning',
    title: "Azure's support for app-routing's managed NGINX has ended",
    meaning: "Microsoft supported critical security patches for the application routing add-on's NGINX through November 2026; the direction is the Gateway API. The add-on still deploys for existing stacks.",
    fix: 'Move the stack with `aksnet migrate --ingress --stack <stack> --to envoy-gateway` (or --to agc): it writes the new config, runs both side by side (aks-networking:ingressRetiring) and lists the DNS cutover steps.',
    sources: [src.APP_ROUTING, src.APP_ROUTING_GATEWAY, src.APP_ROUTING_NGINX_TO_GATEWAY],
  },
  INGRESS_SDK_UNSUPPORTED: {
    severity: 'error',
    title: 'The pinned @pulumi/azure-native cannot deploy this controller',
    meaning:
      'approuting-istio is turned on by ManagedCluster ingressProfile.gatewayAPI.installation and ingressProfile.webAppRouting.gatewayAPIImplementations.appRoutingIstio.mode, first in API version 2026-02-01; @pulumi/azure-native 3.28 sends API 2025-09-01, which has neither. The program refuses rather than deploy something else.',
    fix: 'Generate a local SDK with `pulumi package add azure-native containerservice 2026-02-01` (or later) and build the ManagedCluster from it, or choose controller envoy-gateway or agc.',
    sources: [src.APP_ROUTING_GATEWAY, src.MANAGED_GATEWAY_API, src.PULUMI_AZURE_NATIVE_ISSUE_GATEWAY_API],
  },
  INGRESS_PATH_TYPE_UNSUPPORTED: {
    severity: 'error',
    title: 'pathType ImplementationSpecific has no Gateway API equivalent',
    meaning: 'HTTPRoute path matches are PathPrefix and Exact (core) or RegularExpression (implementation-specific); a route asking for ImplementationSpecific cannot be written without guessing what it meant.',
    fix: 'Set pathType Prefix (the default) or Exact on the route.',
    sources: [src.GATEWAY_API_SPEC],
  },
  INGRESS_NAMED_PORT: {
    severity: 'error',
    title: 'An HTTPRoute backend needs the Service port number',
    meaning: 'HTTPRoute backendRefs[].port is an integer, the Service port; a port name cannot be written.',
    fix: "Set the route's port to the number of the Service port it names.",
    sources: [src.GATEWAY_API_SPEC],
  },
  INGRESS_TLS_CONFLICT: {
    severity: 'warning',
    title: 'Routes of one host name different certificates',
    meaning: 'The Gateway has one HTTPS listener per host, which serves one certificate: the first TLS route of the host decides it, and the other Secret is not used.',
    fix: 'Name the same Secret on every route of the host.',
    sources: [src.GATEWAY_API_SPEC],
  },
  INGRESS_GATEWAY_LIMIT: {
    severity: 'error',
    title: 'More than a Gateway or Application Gateway for Containers holds',
    meaning: 'A Gateway holds at most 64 listeners (one per plain host, two per TLS host here). Application Gateway for Containers takes 1 association and 5 frontends per AGC, and at most 200 routes and 100 certificate references.',
    fix: 'Use fewer hosts (or a wildcard host), or split the routes across stacks.',
    sources: [src.GATEWAY_API_SPEC, src.AGC_COMPONENTS],
  },
  WINDOWS_PROFILE_GENERATED: {
    severity: 'info',
    title: 'AKS generates the Windows admin account',
    meaning:
      'The stack has Windows pools and no cluster.windows. AKS creates a default Windows profile (admin user and random password) for clusters on VM scale sets with Azure CNI and a Standard load balancer, as this program builds them, so the Windows pools deploy.',
    fix: 'Nothing to fix; to choose the account, set cluster.windows.adminUsername and the secret aks-networking:windowsAdminPassword before the cluster is created.',
    sources: [src.AKS_ISSUE_WINDOWS_PROFILE, src.WINDOWS_FAQ],
  },
  LOCAL_ACCOUNTS_ENABLED: {
    severity: 'warning',
    title: 'Local accounts stay on',
    meaning: 'access.localAccounts: true keeps the static cluster-admin certificate (`az aks get-credentials --admin`), which bypasses Entra ID and is not auditable.',
    fix: 'Remove access.localAccounts (the default is off); give people access through Entra groups (access.adminGroupObjectIds) and Azure RBAC roles.',
    sources: [src.LOCAL_ACCOUNTS, src.AZURE_RBAC],
  },
} as const satisfies AreaEntries;
