// outboundType userDefinedRouting: AKS checks at create that the node subnet routes 0.0.0.0/0 to a
// virtual appliance (https://learn.microsoft.com/azure/aks/egress-udr). The route needs a next hop the subnets can reach: a private address in
// this VNet or a peered one, and not inside a subnet the route is attached to (the appliance's own
// egress would loop back to itself).
import { containsAddress, formatIPv4 } from '../cidr';
import type { PlanContext } from '../context';
import { error, warning, type Finding } from '../findings';
import type { ResolvedNetwork } from '../validate';
import { PRIVATE_RANGES } from './addressing';

export function checkEgressRoute(ctx: PlanContext): Finding[] {
  const { network } = ctx;
  if (network.outboundType !== 'userDefinedRouting') return [];
  const route = network.egressRoute;
  if (!route) {
    return [
      error(
        'OUTBOUND_ROUTE_REQUIRED',
        'outboundType',
        'userDefinedRouting: AKS refuses to create the cluster unless the node subnets route 0.0.0.0/0 to a firewall or gateway; set userDefinedRouting.nextHopIp (the firewall\'s private IP; the program creates the route table) or userDefinedRouting.routeTableId (a route table that already has the route)',
      ),
    ];
  }
  if (route.nextHopIp === undefined) return [];
  const ip = route.nextHopIp;
  const text = formatIPv4(ip);
  const path = 'userDefinedRouting.nextHopIp';
  const inVnet = network.addressSpace.some((c) => containsAddress(c, ip));
  if (inVnet) {
    const own = ctx.subnets.find((s) => s.cidr && s.role !== 'other' && containsAddress(s.cidr, ip));
    if (own) {
      return [error('OUTBOUND_ROUTE_REQUIRED', path, `next hop ${text} is inside subnet "${own.subnet.name}", which the default route is attached to: the appliance's own traffic would be routed back to itself; put the firewall in its own subnet (Azure Firewall: AzureFirewallSubnet)`)];
    }
    return [];
  }
  if (!PRIVATE_RANGES.some((c) => containsAddress(c, ip))) {
    return [error('OUTBOUND_ROUTE_REQUIRED', path, `next hop ${text} is neither in this VNet (${network.addressSpace.map((c) => c.text).join(', ')}) nor a private (RFC 1918 / RFC 6598) address: a virtual appliance next hop is a private IP in this VNet or a peered one`)];
  }
  if (network.peers.length === 0) {
    return [error('OUTBOUND_ROUTE_REQUIRED', path, `next hop ${text} is outside this VNet (${network.addressSpace.map((c) => c.text).join(', ')}) and the stack declares no peers: the firewall must sit in this VNet or a peered one (list it in peers)`)];
  }
  return [warning('OUTBOUND_ROUTE_REQUIRED', path, `next hop ${text} is outside this VNet; it must be in a peered network (${network.peers.join(', ')}), which this plan cannot see`)];
}

/**
 * Several stacks planned together: a next hop outside its own VNet must be inside the VNet of a
 * stack it is peered with. When every peer is in the set and none holds it, no route can reach it.
 */
export function crossStackEgressFindings(stacks: readonly { stack: string; network: ResolvedNetwork }[]): Finding[] {
  const findings: Finding[] = [];
  for (const own of stacks) {
    const ip = own.network.egressRoute?.nextHopIp;
    if (ip === undefined || own.network.addressSpace.some((c) => containsAddress(c, ip))) continue;
    const peers = stacks.filter((s) => s !== own && (own.network.peers.includes(s.stack) || s.network.peers.includes(own.stack)));
    if (peers.some((p) => p.network.addressSpace.some((c) => containsAddress(c, ip)))) continue;
    const declared = new Set([...own.network.peers, ...peers.map((p) => p.stack)]);
    // no peers at all is the single-stack error already; a peer outside this set may hold it
    if (declared.size > 0 && [...declared].every((name) => stacks.some((s) => s.stack === name))) {
      findings.push(
        error('OUTBOUND_ROUTE_REQUIRED', `stacks.${own.stack}.userDefinedRouting.nextHopIp`, `next hop ${formatIPv4(ip)} of "${own.stack}" is in neither its VNet nor the VNet of a peered stack (${[...declared].join(', ')})`),
      );
    }
  }
  return findings;
}
