// Where ranges may sit: reserved ranges, overlaps, subnets inside the VNet, service CIDR and DNS IP.
import { type Cidr, containsAddress, contains, lastAddress, overlappingPairs, overlaps, parseCidr, formatIPv4, SMALLEST_SUBNET_PREFIX } from '../cidr';
import type { PlanContext, PodRangeState } from '../context';
import { error, warning, type Finding } from '../findings';
import { LIMITS } from '../models';

function cidrs(texts: string[]): Cidr[] {
  return texts.map((t) => {
    const r = parseCidr(t);
    if (!r.ok) throw new Error(`bad built-in CIDR ${t}`);
    return r.cidr;
  });
}

/** AKS refuses these for the service CIDR, pod CIDR and VNet, also when merely containing them (https://learn.microsoft.com/azure/aks/concepts-network-cni-overview). */
export const AKS_RESERVED = cidrs(['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24']);
/** Azure refuses these in any VNet address space (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq). */
export const VNET_FORBIDDEN = cidrs(['224.0.0.0/4', '255.255.255.255/32', '127.0.0.0/8', '169.254.0.0/16', '168.63.129.16/32']);
/** The VNet exclusions that the AKS list does not already name (169.254.0.0/16 is on both). */
const VNET_FORBIDDEN_ONLY = VNET_FORBIDDEN.filter((f) => !AKS_RESERVED.some((a) => a.text === f.text));
/** RFC 1918 and RFC 6598: what Microsoft supports for overlay pod CIDRs (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay). */
export const PRIVATE_RANGES = cidrs(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']);

export function checkAddressing(ctx: PlanContext): Finding[] {
  const { network } = ctx;
  const ranges = networkRanges(network.addressSpace, network.serviceCidr, network.dnsServiceIP, ctx.podRange);
  const findings: Finding[] = copies(ranges.addressSpace);

  const placed = ctx.subnets.filter((s) => s.cidr);
  // indexed loops: a VNet may hold 3,000 subnets, and for-of costs an iterator in the interpreter
  for (let k = 0; k < placed.length; k++) {
    const s = placed[k];
    const c = s.cidr!;
    if (!s.carved && !network.addressSpace.some((space) => contains(space, c))) {
      findings.push(error('SUBNET_OUTSIDE_VNET', `${s.path}.cidr`, `subnet "${s.subnet.name}" ${c.text} is not inside the address space ${network.addressSpace.map((a) => a.text).join(', ')}: move the subnet into it, or add its range to addressSpace`));
    }
    if (c.prefix > SMALLEST_SUBNET_PREFIX) {
      findings.push(error('SUBNET_SIZE', `${s.path}.cidr`, `subnet "${s.subnet.name}" ${c.text} is smaller than /29, the smallest Azure subnet: give it a prefix of /29 or shorter`));
    }
    if (network.plugin === 'azure-cni-static-block' && s.role === 'pods' && c.prefix < LIMITS.staticBlockLargestPodSubnetPrefix) {
      findings.push(error('SUBNET_SIZE', s.path, `static block pod subnet "${s.subnet.name}" ${c.text} is larger than /12, the largest AKS allows`));
    }
    if (s.role === 'nodes+pods') {
      // VMs cannot be deployed in a pod subnet (https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation)
      findings.push(error('SUBNET_ROLE_CONFLICT', s.path, `subnet "${s.subnet.name}" is both a node subnet and a pod subnet; nodes cannot live in a pod subnet`));
    } else if (s.subnet.purpose === 'agc' && s.role !== 'other') {
      // delegated to Microsoft.ServiceNetworking/trafficControllers: nothing else can be placed in it
      // (https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components)
      findings.push(error('SUBNET_ROLE_CONFLICT', s.path, `subnet "${s.subnet.name}" is an Application Gateway for Containers subnet, delegated to Microsoft.ServiceNetworking/trafficControllers, which nothing else may use; put the ${s.role === 'pods' ? 'pod IPs' : 'nodes'} of ${[...new Set(s.users.map((u) => u.demand.pool.name))].join(', ')} in another subnet`));
    } else if (s.subnet.purpose === 'appgateway' && s.role !== 'other') {
      // the Application Gateway subnet is dedicated: only Application Gateways may go in it (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure)
      findings.push(error('SUBNET_ROLE_CONFLICT', s.path, `subnet "${s.subnet.name}" is an Application Gateway subnet, which only Application Gateways may use; put the ${s.role === 'pods' ? 'pod IPs' : 'nodes'} of ${[...new Set(s.users.map((u) => u.demand.pool.name))].join(', ')} in another subnet`));
    }
  }
  for (let k = 0; k < placed.length; k++) {
    const s = placed[k];
    if (s.subnet.purpose !== 'agc') continue;
    // each association takes 256 addresses: at least a /24; with Azure CNI Overlay exactly a /24
    // (https://learn.microsoft.com/azure/application-gateway/for-containers/container-networking)
    const c = s.cidr!;
    if (c.prefix > 24) {
      findings.push(error('AGC_SUBNET_SIZE', s.path, `Application Gateway for Containers subnet "${s.subnet.name}" ${c.text} has ${2 ** (32 - c.prefix)} addresses; an association needs 256 (a /24): give it prefixLength 24`));
    } else if (c.prefix < 24 && network.plugin === 'azure-cni-overlay') {
      findings.push(error('AGC_SUBNET_SIZE', s.path, `with Azure CNI Overlay the Application Gateway for Containers subnet must be exactly a /24; "${s.subnet.name}" is ${c.text}: give it prefixLength 24`));
    }
  }
  const pairs = overlappingPairs(placed.map((s) => s.cidr!));
  for (let k = 0; k < pairs.length; k++) {
    const s = placed[pairs[k][1]];
    const other = placed[pairs[k][0]];
    findings.push(error('CIDR_OVERLAP', s.path, `subnet "${s.subnet.name}" ${s.cidr!.text} overlaps subnet "${other.subnet.name}" ${other.cidr!.text}: give one of them a range the other does not cover (or leave cidr out and let the planner place it)`));
  }

  const svc = network.serviceCidr;
  copyInto(findings, ranges.serviceCidr);
  const svcSubnets = placed.filter((s) => overlaps(svc, s.cidr!));
  for (let k = 0; k < svcSubnets.length; k++) {
    const s = svcSubnets[k];
    findings.push(error('CIDR_OVERLAP', 'serviceCidr', `service CIDR ${svc.text} overlaps subnet "${s.subnet.name}" ${s.cidr!.text}: choose a serviceCidr outside the VNet's subnets (and put dnsServiceIP inside it)`));
  }
  if (svcSubnets.length === 0) copyInto(findings, ranges.serviceCidrInVnet);
  copyInto(findings, ranges.rest);
  return findings;
}

/**
 * What checkAddressing finds in the network's own ranges, apart from its subnets: the address space,
 * the service CIDR, dnsServiceIP and the pod range. The forecast re-plans with the same ranges
 * hundreds of times, so the last answer is kept per address space (WeakMap: it goes with the network)
 * and given again while the other ranges are the same objects; callers get copies of the findings.
 */
interface NetworkRangeFindings {
  svc: Cidr;
  dns: number;
  podRange: Pick<PodRangeState, 'cidr' | 'name' | 'path'> | undefined;
  spaces: readonly Cidr[];
  /** the address space's findings */
  addressSpace: Finding[];
  /** the service CIDR's own: reserved ranges, size */
  serviceCidr: Finding[];
  /** the service CIDR inside the VNet (a warning given only when it overlaps no subnet) */
  serviceCidrInVnet: Finding[];
  /** dnsServiceIP, then the pod range */
  rest: Finding[];
}

const networkRangeFindings = new WeakMap<readonly Cidr[], NetworkRangeFindings>();

function networkRanges(addressSpace: readonly Cidr[], svc: Cidr, dns: number, range: PodRangeState | undefined): NetworkRangeFindings {
  const kept = networkRangeFindings.get(addressSpace);
  if (
    kept &&
    kept.svc === svc &&
    kept.dns === dns &&
    kept.podRange?.cidr === range?.cidr &&
    kept.podRange?.name === range?.name &&
    kept.podRange?.path === range?.path &&
    kept.spaces.length === addressSpace.length &&
    kept.spaces.every((c, i) => c === addressSpace[i])
  ) {
    return kept;
  }
  const found: NetworkRangeFindings = {
    svc,
    dns,
    podRange: range && { cidr: range.cidr, name: range.name, path: range.path },
    spaces: [...addressSpace],
    addressSpace: addressSpaceFindings(addressSpace),
    serviceCidr: [],
    serviceCidrInVnet: [],
    rest: [],
  };
  // service and pod addresses travel the VNet's routes (pods leave through nodes, services are
  // DNATed on nodes): a range Azure refuses in a VNet (loopback, multicast, link-local, the platform
  // address 168.63.129.16) breaks them the same way (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq, https://learn.microsoft.com/azure/aks/concepts-network-cni-overview)
  reserved(found.serviceCidr, 'service CIDR', 'serviceCidr', svc);
  if (svc.prefix <= 12) found.serviceCidr.push(error('SERVICE_CIDR_SIZE', 'serviceCidr', `service CIDR ${svc.text} is /${svc.prefix}; AKS needs a service CIDR smaller than /12: use /13 or a longer prefix, such as a /16`));
  for (const space of addressSpace) {
    if (overlaps(svc, space)) found.serviceCidrInVnet.push(warning('CIDR_OVERLAP', 'serviceCidr', `service CIDR ${svc.text} lies in the VNet address space ${space.text}; possible, but Microsoft advises against it`));
  }

  const findings = found.rest;
  if (!containsAddress(svc, dns)) {
    findings.push(error('DNS_IP_OUTSIDE_SERVICE_CIDR', 'dnsServiceIP', `dnsServiceIP ${formatIPv4(dns)} is not inside the service CIDR ${svc.text}: use an address inside it, usually its .10 address`));
  } else if (dns === svc.start || dns === svc.start + 1 || dns === lastAddress(svc)) {
    const why = dns === svc.start ? 'the network address' : dns === svc.start + 1 ? 'the first address, taken by kubernetes.default' : 'the broadcast address';
    findings.push(error('DNS_IP_RESERVED', 'dnsServiceIP', `dnsServiceIP ${formatIPv4(dns)} is ${why} of ${svc.text}; the usual choice is the .10 address`));
  }

  if (range) {
    const c = range.cidr;
    const what = `${range.name} ${c.text}`;
    reserved(findings, range.name, range.path, c);
    if (overlaps(c, svc)) findings.push(error('CIDR_OVERLAP', range.path, `${what} overlaps the service CIDR ${svc.text}: give the pod range and serviceCidr ranges that do not overlap`));
    for (const space of addressSpace) {
      if (overlaps(c, space)) findings.push(error('CIDR_OVERLAP', range.path, `${what} overlaps the VNet address space ${space.text}; pod ranges must not overlap the cluster's network`));
    }
    if (!isPrivate(c)) findings.push(warning('NON_PRIVATE_RANGE', range.path, `${what} is not an RFC 1918 or RFC 6598 range; Microsoft does not support public pod ranges`));
  }
  networkRangeFindings.set(addressSpace, found);
  return found;
}

function addressSpaceFindings(addressSpace: readonly Cidr[]): Finding[] {
  const findings: Finding[] = [];
  addressSpace.forEach((space, i) => {
    const path = `addressSpace[${i}]`;
    reserved(findings, 'address space', path, space);
    if (space.prefix < 8) findings.push(warning('VNET_TOO_LARGE', path, `address space ${space.text} is larger than /8, the largest VNet AKS documents`));
    if (!isPrivate(space)) findings.push(warning('NON_PRIVATE_RANGE', path, `address space ${space.text} is not a private (RFC 1918 / RFC 6598) range: use a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10, unless you own this range and route it`));
    addressSpace.slice(0, i).forEach((other, j) => {
      if (overlaps(space, other)) findings.push(error('CIDR_OVERLAP', path, `address space ${space.text} overlaps addressSpace[${j}] ${other.text}: remove one of them, or give them ranges that do not overlap`));
    });
  });
  return findings;
}

/** Every range AKS or Azure refuses that `c` overlaps, each named once with who refuses it. */
function reserved(findings: Finding[], what: string, path: string, c: Cidr): void {
  for (const r of AKS_RESERVED) {
    if (overlaps(c, r)) findings.push(error('RESERVED_RANGE', path, `${what} ${c.text} overlaps ${r.text}, which AKS does not accept: choose a range outside ${r.text}`));
  }
  for (const r of VNET_FORBIDDEN_ONLY) {
    if (overlaps(c, r)) findings.push(error('RESERVED_RANGE', path, `${what} ${c.text} overlaps ${r.text}, which Azure forbids in a VNet: choose a range outside ${r.text}`));
  }
}

const isPrivate = (c: Cidr) => PRIVATE_RANGES.some((p) => contains(p, c));

const copies = (findings: readonly Finding[]): Finding[] => findings.map((f) => ({ ...f }));

function copyInto(findings: Finding[], kept: readonly Finding[]): void {
  for (let k = 0; k < kept.length; k++) findings.push({ ...kept[k] });
}
