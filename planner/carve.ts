// Deterministic, append-only subnet carving. Subnets are placed in declaration order; a subnet
// without a CIDR takes the lowest aligned free block of its size, avoiding every pinned subnet
// (wherever it is declared) and every carved subnet declared before it. Nothing carved later can move
// it, which is what makes the result stable when a subnet or a pool is appended. (Pattern: pulumi-awsx
// subnetDistributorNew — pure math, no resources.)
import { type Cidr, lastAddress, makeCidr, overlaps, size } from './cidr';

export interface CarveRequest {
  name: string;
  /** pinned range, taken as is */
  cidr?: Cidr;
  /** prefix length to carve when cidr is not set */
  prefix?: number;
}

export type CarveResult =
  | { name: string; cidr: Cidr; carved: boolean }
  | { name: string; cidr?: undefined; carved: true; prefix: number };

/** `avoid`: other ranges no carved subnet may touch, e.g. a service CIDR that sits inside the VNet. */
export function carveSubnets(addressSpace: readonly Cidr[], requests: readonly CarveRequest[], avoid: readonly Cidr[] = []): CarveResult[] {
  // pinned ranges are fixed whatever their position in the list: a carved subnet declared before a
  // pinned one must not land on it (subnets must not overlap, rules §1)
  const taken: Cidr[] = [...avoid, ...requests.flatMap((r) => (r.cidr ? [r.cidr] : []))];
  return requests.map((request) => {
    if (request.cidr) return { name: request.name, cidr: request.cidr, carved: false };
    const prefix = request.prefix!;
    const cidr = firstFit(addressSpace, taken, prefix);
    if (!cidr) return { name: request.name, carved: true, prefix };
    taken.push(cidr);
    return { name: request.name, cidr, carved: true };
  });
}

/** Lowest block of /prefix inside the address space that overlaps nothing taken. */
export function firstFit(addressSpace: readonly Cidr[], taken: readonly Cidr[], prefix: number): Cidr | undefined {
  const block = size(prefix);
  for (const range of addressSpace) {
    if (prefix < range.prefix) continue;
    const end = lastAddress(range);
    let candidate = range.start;
    while (candidate + block - 1 <= end) {
      const proposal = makeCidr(candidate, prefix);
      const clash = taken.find((t) => overlaps(t, proposal));
      if (!clash) return proposal;
      // jump past the clash, to the next address aligned for this size
      candidate = Math.ceil((lastAddress(clash) + 1) / block) * block;
    }
  }
  return undefined;
}
