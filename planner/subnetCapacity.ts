import { azureUsable } from './cidr';
import type { SubnetState } from './context';

/**
 * Addresses a subnet of this prefix can hand out. A static-block pod subnet hands out aligned /28s
 * and its first and last /28 hold Azure's reserved addresses, so only (2^(28-L) - 2) x 16 count
 * (https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation); every other subnet has 2^(32-L) - 5 (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq).
 */
export function subnetCapacity(prefix: number, role: SubnetState['role'], staticPods: boolean): number {
  if (staticPods && role === 'pods') {
    const blocks = prefix > 28 ? 0 : 2 ** (28 - prefix) - 2;
    return Math.min(azureUsable(prefix), Math.max(0, blocks) * 16);
  }
  return azureUsable(prefix);
}
