// The ingress in the address plan. An internal controller's load balancer takes one private IP in a
// named subnet; the planner picks it (the configured `ip`, or the subnet's last usable address, so
// it is deterministic and far from the low addresses Azure hands to NICs first), counts it in that
// subnet's demand, and refuses an address Azure or the cluster would also claim. AGIC's gateway
// subnet is reported with the plan. Pure.
//
// Facts: Azure keeps 5 addresses of every subnet, the
// network address, .1, .2, .3 and the last (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq); an internal load balancer IP must be free in
// its subnet, not Azure-reserved and not inside the service CIDR (https://learn.microsoft.com/azure/aks/internal-lb).
import { type Cidr, containsAddress, formatIPv4, lastAddress, parseIPv4 } from './cidr';
import { GATEWAY_SUBNET_PURPOSES } from './config';
import type { SubnetState } from './context';
import { error, type Finding } from './findings';
import type { IngressNeed, IngressPlan } from './types';
import type { ResolvedNetwork } from './validate';

const INGRESS_CONFIG = 'aks-networking:ingress' as const;

/** The subnet an internal front-end IP lives in; it needs one address more. */
export function ingressIpSubnet(need: IngressNeed | undefined): string | undefined {
  return need && need.exposure === 'internal' && need.controller !== 'agic' && need.controller !== 'agc' ? need.subnet : undefined;
}

/** Azure's 5 reserved addresses of a subnet: network, gateway (.1), DNS (.2, .3), broadcast (last). */
export function azureReservedAddresses(subnet: Cidr): number[] {
  const last = lastAddress(subnet);
  return [subnet.start, subnet.start + 1, subnet.start + 2, subnet.start + 3, last];
}

export function planIngress(network: ResolvedNetwork, need: IngressNeed, subnets: readonly SubnetState[], findings: Finding[]): IngressPlan {
  const plan: IngressPlan = { controller: need.controller, exposure: need.exposure };
  if (need.subnet === undefined) return plan;
  const state = subnets.find((s) => s.subnet.name === need.subnet);
  const conflict = (path: string, message: string) => findings.push({ ...error('INGRESS_IP_CONFLICT', path, message), config: INGRESS_CONFIG });
  plan.subnet = need.subnet;
  if (!state) {
    conflict('subnet', `the ingress names subnet "${need.subnet}", which the network does not have`);
    return plan;
  }
  plan.cidr = state.cidr?.text ?? null;
  if (ingressIpSubnet(need) === undefined) return plan;

  const cidr = state.cidr;
  const configured = need.ip !== undefined ? parseIPv4(need.ip) : undefined;
  if (!cidr) return plan; // the subnet could not be placed: that is its own finding
  const ip = configured ?? lastAddress(cidr) - 1;
  plan.ip = formatIPv4(ip);
  plan.ipSource = configured !== undefined ? 'configured' : 'last-usable';
  const path = configured !== undefined ? 'ip' : 'subnet';
  const where = `${plan.ip} (subnet "${need.subnet}", ${cidr.text})`;

  if (!containsAddress(cidr, ip)) {
    conflict(path, `the ingress IP ${plan.ip} is outside its subnet "${need.subnet}" (${cidr.text})`);
  } else if (azureReservedAddresses(cidr).includes(ip)) {
    conflict(path, `the ingress IP ${where} is one of the 5 addresses Azure keeps in every subnet (network, .1, .2, .3 and the last)`);
  }
  if (GATEWAY_SUBNET_PURPOSES.includes(state.subnet.purpose)) {
    conflict('subnet', `the ingress IP ${where} is in an ${state.subnet.purpose === 'agc' ? 'Application Gateway for Containers' : 'Application Gateway'} subnet, which only gateways may use`);
  }
  if (state.role === 'pods' || state.role === 'nodes+pods') {
    conflict('subnet', `the ingress IP ${where} is in a pod subnet: AKS hands its addresses to pods`);
  }
  if (containsAddress(network.serviceCidr, ip)) {
    conflict(path, `the ingress IP ${where} is inside the service CIDR ${network.serviceCidr.text}`);
  }
  const podRange = network.podCidr ?? network.byoCni?.pool;
  if (podRange && containsAddress(podRange, ip)) {
    conflict(path, `the ingress IP ${where} is inside the pod range ${podRange.text}`);
  }
  return plan;
}
