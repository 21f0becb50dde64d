// AksNetwork: the resource group, the VNet and everything in it, exactly as the planner planned it.
// No address math here: every range comes from the Plan.
import * as pulumi from '@pulumi/pulumi';
import * as network from '@pulumi/azure-native/network';
import * as resources from '@pulumi/azure-native/resources';
import type * as azureInputs from '@pulumi/azure-native/types/input';
import type { Plan, SubnetPlan } from '../planner/types';
import type { Egress } from '../design/aksProfile';
import type { AzureNames } from '../design/azureNames';

export interface AksNetworkArgs {
  plan: Plan;
  /** Pulumi names of the resources start with this (the cluster name) */
  namePrefix: string;
  /** Azure names, within Azure's rules (azureNames.ts) */
  names: AzureNames;
  resourceGroupName: string;
  /** use the named resource group instead of creating it */
  existingResourceGroup: boolean;
  /** unset: the provider's azure-native:location, or the resource group's */
  location?: string;
  egress: Egress;
  tags: Record<string, string>;
  /**
   * kubenet -> overlay: these subnets carry the kubenet route table and drop it only once `after`
   * (the cluster) has moved, so pod routes keep working until AKS no longer needs them (https://learn.microsoft.com/azure/aks/update-azure-cni).
   */
  routeTableDetach?: { subnets: string[]; after: Promise<pulumi.Resource> };
  /**
   * Where HTTP(S) to the node subnets may come from: the Internet for a public ingress load balancer,
   * the VNet for an internal one; unset (no ingress, or AGIC) opens no HTTP(S) rule.
   */
  nodeHttpSource?: 'Internet' | 'VirtualNetwork';
}

/** What the cluster needs from the network. */
export interface AksNetworkOutputs {
  resourceGroupName: pulumi.Output<string>;
  vnetId: pulumi.Output<string>;
  subnetIds: Record<string, pulumi.Output<string>>;
  /**
   * The subnet IDs the cluster refers to: the Subnet resources' IDs, except for subnets that wait
   * for the cluster (routeTableDetach), whose ID is spelled out so the cluster does not wait for them.
   */
  clusterSubnetIds: Record<string, pulumi.Output<string>>;
  routeTableId?: pulumi.Output<string>;
  /** resources that must exist before the cluster is created (the default route) */
  egressDependencies: pulumi.Resource[];
}

type SecurityRule = azureInputs.network.SecurityRuleArgs;

/**
 * Subnets Azure reserves for its gateways and firewalls refuse an NSG (the Azure landing zone policy
 * "Deny subnets without NSG" exempts exactly these, Azure/Enterprise-Scale#456); a firewall for
 * userDefinedRouting lives in AzureFirewallSubnet.
 */
export const NSG_FREE_SUBNETS: ReadonlySet<string> = new Set(['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet']);

const DELEGATED_POD_SUBNET_PLUGINS = new Set(['azure-cni-dynamic', 'azure-cni-static-block']);

export class AksNetwork extends pulumi.ComponentResource implements AksNetworkOutputs {
  readonly resourceGroupName: pulumi.Output<string>;
  readonly vnetId: pulumi.Output<string>;
  readonly subnetIds: Record<string, pulumi.Output<string>>;
  readonly clusterSubnetIds: Record<string, pulumi.Output<string>>;
  readonly routeTableId?: pulumi.Output<string>;
  readonly egressDependencies: pulumi.Resource[] = [];

  constructor(name: string, args: AksNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aks-networking:network:AksNetwork', name, {}, opts);
    const { plan, namePrefix } = args;
    const parent = { parent: this };
    // location and tags go on every Azure resource; both are left out when not set
    const common = { ...(args.location ? { location: args.location } : {}), ...(Object.keys(args.tags).length > 0 ? { tags: args.tags } : {}) };

    if (args.existingResourceGroup) {
      this.resourceGroupName = pulumi.output(args.resourceGroupName);
    } else {
      const group = new resources.ResourceGroup(`${namePrefix}-rg`, { resourceGroupName: args.resourceGroupName, ...common }, parent);
      this.resourceGroupName = group.name;
    }
    const resourceGroupName = this.resourceGroupName;

    // Subnets are never inline: a VNet PUT with a subnets list would fight the standalone Subnet
    // resources (azure-native keeps subnets it is not told about when `subnets` is unset).
    const vnet = new network.VirtualNetwork(
      `${namePrefix}-vnet`,
      { resourceGroupName, virtualNetworkName: args.names.vnet, ...common, addressSpace: { addressPrefixes: plan.network.addressSpace } },
      parent,
    );
    this.vnetId = vnet.id;

    // kubenet: AKS writes one route per node into a route table on the node subnet; the table must
    // be attached before the cluster is created (https://learn.microsoft.com/azure/aks/configure-kubenet) and AKS owns its routes, so they are ignored.
    let routeTable: network.RouteTable | undefined;
    if (plan.network.plugin === 'kubenet') {
      routeTable = new network.RouteTable(
        `${namePrefix}-rt`,
        { resourceGroupName, routeTableName: args.names.routeTable, ...common },
        { ...parent, ignoreChanges: ['routes'] },
      );
      this.routeTableId = routeTable.id;
    }

    // userDefinedRouting: AKS checks at create that the node subnets route 0.0.0.0/0 to a virtual
    // appliance (https://learn.microsoft.com/azure/aks/egress-udr). With a next hop the program makes that route (in kubenet's table when there
    // is one, since a subnet has a single route table); with routeTableId the user's table is attached.
    const udr = args.egress === 'user-defined-routing' ? plan.network.userDefinedRouting : undefined;
    let egressTableId: pulumi.Input<string> | undefined;
    if (udr?.nextHopIp) {
      const defaultRoute = { name: 'default-to-firewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: udr.nextHopIp };
      if (routeTable) {
        const route = new network.Route(
          `${namePrefix}-rt-default`,
          { resourceGroupName, routeTableName: routeTable.name, routeName: defaultRoute.name, addressPrefix: defaultRoute.addressPrefix, nextHopType: defaultRoute.nextHopType, nextHopIpAddress: defaultRoute.nextHopIpAddress },
          parent,
        );
        this.egressDependencies.push(route);
      } else {
        const egressTable = new network.RouteTable(
          `${namePrefix}-egress-rt`,
          { resourceGroupName, routeTableName: args.names.egressRouteTable, ...common, routes: [defaultRoute] },
          parent,
        );
        egressTableId = egressTable.id;
        this.egressDependencies.push(egressTable);
      }
    } else if (udr?.routeTableId) {
      egressTableId = udr.routeTableId;
    }
    const tableFor = (subnet: SubnetPlan): pulumi.Input<string> | undefined => {
      if (routeTable && (hostsNodes(subnet) || subnet.purpose === 'appgateway')) return routeTable.id;
      if (egressTableId && hostsCluster(subnet)) return egressTableId;
      return undefined;
    };

    let natGateway: network.NatGateway | undefined;
    if (args.egress === 'nat-gateway') {
      const ip = new network.PublicIPAddress(
        `${namePrefix}-natgw-ip`,
        {
          resourceGroupName,
          publicIpAddressName: args.names.publicIp,
          ...common,
          sku: { name: 'Standard' },
          publicIPAllocationMethod: 'Static',
        },
        parent,
      );
      natGateway = new network.NatGateway(
        `${namePrefix}-natgw`,
        { resourceGroupName, natGatewayName: args.names.natGateway, ...common, sku: { name: 'Standard' }, publicIpAddresses: [{ id: ip.id }] },
        parent,
      );
    }

    this.subnetIds = {};
    this.clusterSubnetIds = {};
    // Azure rejects concurrent operations on subnets of one VNet (AnotherOperationInProgress), so
    // each subnet waits for the one before it. Subnets that drop the kubenet route table after the
    // cluster moved to overlay come last: the first of them also waits for the cluster, and the
    // cluster reaches them by their spelled-out ID, so nothing in the graph loops.
    const detach = new Set(args.routeTableDetach?.subnets ?? []);
    const ordered = [...plan.subnets.filter((s) => !detach.has(s.name)), ...plan.subnets.filter((s) => detach.has(s.name))];
    let previous: network.Subnet | undefined;
    let waitedForCluster = false;
    for (const subnet of ordered) {
      const afterCluster: Promise<pulumi.Resource>[] = detach.has(subnet.name) && !waitedForCluster ? [args.routeTableDetach!.after] : [];
      waitedForCluster ||= afterCluster.length > 0;
      const nsg = NSG_FREE_SUBNETS.has(subnet.name)
        ? undefined
        : new network.NetworkSecurityGroup(
            `${namePrefix}-${subnet.name}-nsg`,
            { resourceGroupName, networkSecurityGroupName: args.names.nsg[subnet.name], ...common, securityRules: nsgRulesFor(subnet, plan, args.nodeHttpSource) },
            parent,
          );
      const attachedTable = tableFor(subnet);
      const delegate = subnet.role === 'pods' && DELEGATED_POD_SUBNET_PLUGINS.has(plan.network.plugin);
      const created: network.Subnet = new network.Subnet(
        `${namePrefix}-${subnet.name}`,
        {
          resourceGroupName,
          virtualNetworkName: vnet.name,
          subnetName: subnet.name,
          addressPrefix: subnet.cidr!,
          ...(nsg ? { networkSecurityGroup: { id: nsg.id } } : {}),
          // kubenet with Application Gateway: the gateway subnet needs the AKS route table too (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure);
          // userDefinedRouting: the default route on every subnet with nodes or pods (https://learn.microsoft.com/azure/aks/egress-udr)
          ...(attachedTable ? { routeTable: { id: attachedTable } } : {}),
          ...(natGateway && hostsCluster(subnet) ? { natGateway: { id: natGateway.id } } : {}),
          // AKS delegates a pod subnet to itself when it first uses it (MicrosoftDocs/azure-docs#103167);
          // declaring it keeps the next deployment from removing it. Node subnets can't be delegated (https://learn.microsoft.com/azure/aks/concepts-network-cni-overview).
          ...(delegate ? { delegations: [{ name: 'aks-pods', serviceName: 'Microsoft.ContainerService/managedClusters' }] } : {}),
          // Application Gateway for Containers associates only with a subnet delegated to it
          // (https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components)
          ...(subnet.purpose === 'agc' ? { delegations: [{ name: 'agc', serviceName: 'Microsoft.ServiceNetworking/trafficControllers' }] } : {}),
        },
        { ...parent, dependsOn: [...(previous ? [previous] : []), ...afterCluster] },
      );
      this.subnetIds[subnet.name] = created.id;
      this.clusterSubnetIds[subnet.name] = detach.has(subnet.name) ? pulumi.interpolate`${vnet.id}/subnets/${subnet.name}` : created.id;
      // the cluster must not be created before the route is on its subnets; a subnet that waits for
      // the cluster (kubenet -> overlay) already carries kubenet's table, default route included
      if (egressTableId || this.egressDependencies.length > 0) {
        if (hostsCluster(subnet) && !detach.has(subnet.name)) this.egressDependencies.push(created);
      }
      previous = created;
    }

    this.registerOutputs({ resourceGroupName: this.resourceGroupName, vnetId: this.vnetId, subnetIds: this.subnetIds });
  }
}

/** Subnets where node pools put nodes. */
export function hostsNodes(subnet: SubnetPlan): boolean {
  return subnet.role === 'nodes' || subnet.role === 'nodes+pods';
}

/** Subnets the cluster puts addresses in: nodes or pods. */
export function hostsCluster(subnet: SubnetPlan): boolean {
  return subnet.role !== 'other';
}

/**
 * Inbound rules, deny by default. Outbound stays at Azure's defaults: nodes need egress to reach
 * the control plane and registries.
 * - node and pod subnets: anything from inside the VNet, Azure Load Balancer health probes, the
 *   private pod range (overlay, kubenet and BYO pod traffic keeps pod source addresses), and on node
 *   subnets HTTP(S) from `nodeHttpSource`: the Internet only behind a public ingress load balancer
 *   (externalTrafficPolicy Local keeps client addresses, so the rule sees them), the VNet behind an
 *   internal one, none without an ingress;
 * - ingress subnets (internal load balancer front ends): HTTP(S) from the VNet;
 * - Application Gateway for Containers subnets: HTTP(S) from the Internet (its frontends' listener ports), the VNet;
 * - Application Gateway subnets: HTTP(S) from anywhere, and the GatewayManager ports v2 needs
 *   (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure);
 * - anything else: traffic from inside the VNet.
 */
export function nsgRulesFor(subnet: SubnetPlan, plan: Plan, nodeHttpSource?: 'Internet' | 'VirtualNetwork'): SecurityRule[] {
  const rules: SecurityRule[] = [];
  const allow = (name: string, source: string, protocol: string, ports: string[]) =>
    rules.push({
      name,
      priority: 100 + rules.length * 10,
      direction: 'Inbound',
      access: 'Allow',
      protocol,
      sourceAddressPrefix: source,
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      ...(ports.length === 1 ? { destinationPortRange: ports[0] } : { destinationPortRanges: ports }),
    });
  const web = ['80', '443'];
  if (hostsCluster(subnet)) {
    allow('allow-vnet-inbound', 'VirtualNetwork', '*', ['*']);
    allow('allow-azure-lb-inbound', 'AzureLoadBalancer', '*', ['*']);
    const podRange = plan.podRanges[0]?.cidr;
    if (podRange) allow('allow-pod-range-inbound', podRange, '*', ['*']);
    if (hostsNodes(subnet) && nodeHttpSource) allow('allow-ingress-http-inbound', nodeHttpSource, 'Tcp', web);
  } else if (subnet.purpose === 'ingress') {
    allow('allow-vnet-http-inbound', 'VirtualNetwork', 'Tcp', web);
    allow('allow-azure-lb-inbound', 'AzureLoadBalancer', '*', ['*']);
  } else if (subnet.purpose === 'agc') {
    // clients reach AGC's frontends on 80 and 443 only (its listener ports); its proxies reach pods
    // outbound. AKS no longer manages NSGs on delegated AGC subnets: this one is ours.
    allow('allow-http-inbound', 'Internet', 'Tcp', web);
    allow('allow-vnet-inbound', 'VirtualNetwork', '*', ['*']);
    allow('allow-azure-lb-inbound', 'AzureLoadBalancer', '*', ['*']);
  } else if (subnet.purpose === 'appgateway') {
    allow('allow-gateway-manager-inbound', 'GatewayManager', 'Tcp', ['65200-65535']);
    allow('allow-azure-lb-inbound', 'AzureLoadBalancer', '*', ['*']);
    allow('allow-http-inbound', 'Internet', 'Tcp', web);
    allow('allow-vnet-http-inbound', 'VirtualNetwork', 'Tcp', web);
  } else {
    allow('allow-vnet-inbound', 'VirtualNetwork', '*', ['*']);
    allow('allow-azure-lb-inbound', 'AzureLoadBalancer', '*', ['*']);
  }
  rules.push({
    name: 'deny-all-inbound',
    priority: 4096,
    direction: 'Inbound',
    access: 'Deny',
    protocol: '*',
    sourceAddressPrefix: '*',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '*',
  });
  return rules;
}
