// Ranges that must not overlap: subnets of one VNet (Azure refuses it), and each cluster's service
// and pod ranges against every subnet in the stack and against each other (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning, https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay). Two
// clusters may reuse the same service or overlay pod range (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning, https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay), so those are not compared.
import { overlaps, parseCidr, type Cidr } from '../../planner/cidr';
import type { StackModel } from '../resources';
import type { Violation } from './violation';

interface Range {
  cidr: Cidr;
  text: string;
  what: string;
  urn: string;
}

function ranges(texts: string[], what: string, urn: string): Range[] {
  const out: Range[] = [];
  for (const text of texts) {
    const parsed = parseCidr(text);
    if (parsed.ok) out.push({ cidr: parsed.cidr, text, what, urn });
  }
  return out;
}

const describeRange = (r: Range) => `${r.what} ${r.text}`;

export function cidrOverlapViolations(model: StackModel): Violation[] {
  const violations: Violation[] = [];
  const subnetRanges = model.subnets.map((s) => ({ subnet: s, ranges: ranges(s.prefixes, s.label, s.urn) }));
  for (let i = 0; i < subnetRanges.length; i++) {
    for (let j = i + 1; j < subnetRanges.length; j++) {
      const a = subnetRanges[i];
      const b = subnetRanges[j];
      // subnets of different (possibly unpeered) VNets may reuse ranges; only one VNet's are compared
      if (!a.subnet.vnetKey || a.subnet.vnetKey !== b.subnet.vnetKey) continue;
      for (const x of a.ranges) {
        for (const y of b.ranges) {
          if (overlaps(x.cidr, y.cidr)) violations.push({ urn: y.urn, message: `${describeRange(y)} overlaps ${describeRange(x)} in the same VNet; Azure refuses overlapping subnets.` });
        }
      }
    }
  }
  const allSubnetRanges = subnetRanges.flatMap((s) => s.ranges);
  for (const cluster of model.clusters) {
    const service = ranges(cluster.serviceCidrs, `${cluster.label} service CIDR`, cluster.urn);
    const pods = ranges(cluster.podCidrs, `${cluster.label} pod CIDR`, cluster.urn);
    for (const clusterRange of [...service, ...pods]) {
      for (const s of allSubnetRanges) {
        if (overlaps(clusterRange.cidr, s.cidr)) {
          violations.push({ urn: cluster.urn, message: `${describeRange(clusterRange)} overlaps ${describeRange(s)}; service and pod ranges must not overlap the cluster's subnets.` });
        }
      }
    }
    for (const svc of service) {
      for (const pod of pods) {
        if (overlaps(svc.cidr, pod.cidr)) violations.push({ urn: cluster.urn, message: `${describeRange(svc)} overlaps ${describeRange(pod)}; the service and pod ranges must be disjoint.` });
      }
    }
  }
  return violations;
}
