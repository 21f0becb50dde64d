// `userDefinedRouting`: where a cluster with outboundType userDefinedRouting sends 0.0.0.0/0.
//
// AKS refuses to create such a cluster unless the node subnet's route table already routes
// 0.0.0.0/0 to a VirtualAppliance (a firewall's private IP) or a VirtualNetworkGateway
// (https://learn.microsoft.com/azure/aks/egress-udr). The config gives one of:
//   nextHopIp     the firewall's private IP: the program creates the route table and the route
//   routeTableId  an existing route table that already has the route: the program attaches it
// Pure.
import { parseIPv4 } from './cidr';
import type { ConfigIssue } from './validate';

export interface ResolvedEgressRoute {
  nextHopIp?: number;
  nextHopText?: string;
  routeTableId?: string;
}

/** /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/routeTables/<name> (ARM IDs ignore case) */
const ROUTE_TABLE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Network\/routeTables\/[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/i;

export function resolveEgressRoute(
  config: { plugin: string; outboundType?: string; userDefinedRouting?: { nextHopIp?: string; routeTableId?: string } },
  issues: ConfigIssue[],
): ResolvedEgressRoute | undefined {
  const udr = config.userDefinedRouting;
  if (!udr) return undefined;
  const invalid = (path: string, message: string) => issues.push({ code: 'INVALID_CONFIG', path: `userDefinedRouting${path}`, message });
  if (config.outboundType !== 'userDefinedRouting') {
    invalid('', `userDefinedRouting applies only with outboundType: userDefinedRouting; this stack uses ${config.outboundType ?? 'loadBalancer'}`);
    return undefined;
  }
  if ((udr.nextHopIp === undefined) === (udr.routeTableId === undefined)) {
    invalid('', 'give exactly one of nextHopIp (the firewall\'s private IP; the program creates the route) and routeTableId (a route table that already routes 0.0.0.0/0)');
    return undefined;
  }
  if (udr.routeTableId !== undefined && config.plugin === 'kubenet') {
    // a subnet has one route table, and kubenet's is the one AKS writes node routes into (https://learn.microsoft.com/azure/aks/configure-kubenet)
    invalid('.routeTableId', 'kubenet keeps its node routes in the route table the program creates, and a subnet has one route table: give nextHopIp, and the default route goes into that table');
    return undefined;
  }
  if (udr.nextHopIp !== undefined) {
    const ip = parseIPv4(udr.nextHopIp);
    if (ip === undefined) {
      issues.push({ code: 'INVALID_CIDR', path: 'userDefinedRouting.nextHopIp', message: `"${udr.nextHopIp}" is not an IPv4 address: give the private IP of the firewall or appliance, such as 10.0.1.4` });
      return undefined;
    }
    return { nextHopIp: ip, nextHopText: udr.nextHopIp };
  }
  if (!ROUTE_TABLE_ID.test(udr.routeTableId!)) {
    invalid('.routeTableId', `"${udr.routeTableId}" is not a route table ID (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/routeTables/<name>)`);
    return undefined;
  }
  return { routeTableId: udr.routeTableId };
}
