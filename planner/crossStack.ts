// Several environments planned together: their VNets must not collide where traffic can meet.
// Overlap between unpeered stacks is a doubt (they may be peered later, or share a VPN): a warning.
// Between peered stacks Azure refuses the peering, and a service CIDR overlapping a peered VNet is
// forbidden by AKS (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning): errors.
import { overlaps, type Cidr } from './cidr';
import { crossStackEgressFindings } from './checks/egress';
import { error, warning, type Finding } from './findings';
import type { ResolvedNetwork } from './validate';

export interface StackNetwork {
  stack: string;
  network: ResolvedNetwork;
}

export function crossStackFindings(stacks: readonly StackNetwork[]): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < stacks.length; i++) {
    for (let j = i + 1; j < stacks.length; j++) {
      const a = stacks[i];
      const b = stacks[j];
      const peered = a.network.peers.includes(b.stack) || b.network.peers.includes(a.stack);
      const make = peered ? error : warning;
      const relation = peered ? 'peered stacks' : 'stacks';
      eachOverlap(a.network.addressSpace, b.network.addressSpace, (x, y, ix) =>
        findings.push(make('CIDR_OVERLAP', `stacks.${a.stack}.addressSpace[${ix}]`, `${relation} "${a.stack}" and "${b.stack}": address spaces ${x.text} and ${y.text} overlap`)),
      );
      if (!peered) continue;
      for (const [own, other] of [[a, b], [b, a]] as const) {
        eachOverlap([own.network.serviceCidr], other.network.addressSpace, (x, y) =>
          findings.push(error('CIDR_OVERLAP', `stacks.${own.stack}.serviceCidr`, `service CIDR ${x.text} of "${own.stack}" overlaps ${y.text}, the VNet of peered stack "${other.stack}"`)),
        );
        const pods = podRange(own.network);
        if (pods) {
          eachOverlap([pods], other.network.addressSpace, (x, y) =>
            findings.push(error('CIDR_OVERLAP', `stacks.${own.stack}.podCidr`, `pod range ${x.text} of "${own.stack}" overlaps ${y.text}, the VNet of peered stack "${other.stack}"`)),
          );
        }
      }
    }
  }
  findings.push(...crossStackEgressFindings(stacks));
  return findings;
}

/**
 * The cluster's pod range, whatever the plugin: BYO CNIs route pod IPs on the VNet, and overlay and
 * kubenet pod CIDRs must not overlap any directly connected network either, peered VNets included
 * (https://learn.microsoft.com/azure/aks/concepts-network-cni-overview, https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay, https://learn.microsoft.com/azure/aks/configure-kubenet "Pods").
 */
function podRange(network: ResolvedNetwork): Cidr | undefined {
  return network.byoCni?.pool ?? network.podCidr;
}

function eachOverlap(as: readonly Cidr[], bs: readonly Cidr[], found: (a: Cidr, b: Cidr, ia: number) => void): void {
  as.forEach((a, ia) => bs.forEach((b) => overlaps(a, b) && found(a, b, ia)));
}
