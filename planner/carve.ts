// Deterministic, append-only subnet carving. Subnets are placed in declaration order; a subnet
// without a CIDR takes the lowest aligned free block of its size, avoiding every pinned subnet
// (wherever it is declared) and every carved subnet declared before it. Nothing carved later can move
// it, which is what makes the result stable when a subnet or a pool is appended. (Pattern: pulumi-awsx
// subnetDistributorNew — pure math, no resources.)
//
// Free space is kept as maximal aligned blocks (a buddy allocator that never frees), indexed by prefix
// length, so each placement costs O(33 + log n): a 3,000-subnet VNet (Azure's limit) carves in
// milliseconds instead of the minutes a scan against every taken range would take.
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

/**
 * `avoid`: other ranges no carved subnet may touch, e.g. a service CIDR that sits inside the VNet.
 * Read only, never changed by callers once passed: the carver knows a repeated call by this array.
 */
export function carveSubnets(addressSpace: readonly Cidr[], requests: readonly CarveRequest[], avoid: readonly Cidr[] = []): CarveResult[] {
  // pinned ranges are fixed whatever their position in the list: a carved subnet declared before a
  // pinned one must not land on it (subnets must not overlap, https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq)
  let free: FreeSpace | undefined;
  // indexed loops, no spreads: the forecast re-carves a pool's subnets hundreds of times in V8's interpreter
  const results: CarveResult[] = [];
  for (let k = 0; k < requests.length; k++) {
    const request = requests[k];
    if (request.cidr) {
      results.push({ name: request.name, cidr: request.cidr, carved: false });
      continue;
    }
    const prefix = request.prefix!;
    free ??= freeSpace(addressSpace, avoid, requests);
    const cidr = free.take(prefix);
    results.push(cidr ? { name: request.name, cidr, carved: true } : { name: request.name, carved: true, prefix });
  }
  return results;
}

/** `avoid`, then the pinned requests' ranges: what carved subnets must not touch. */
function takenBy(avoid: readonly Cidr[], requests: readonly CarveRequest[]): Cidr[] {
  const taken = avoid.slice();
  for (let k = 0; k < requests.length; k++) {
    const cidr = requests[k].cidr;
    if (cidr) taken.push(cidr);
  }
  return taken;
}

interface FreeSpace {
  /** the lowest free aligned /prefix (address ranges in the order given), now taken; undefined when none is left */
  take(prefix: number): Cidr | undefined;
}

/**
 * The prefix of the largest aligned block left free around `taken`, undefined when nothing is free or
 * the address ranges overlap (then no quick answer is given). The forecast's guess for how small a
 * subnet that could not be carved must get to find room.
 */
export function largestFreePrefix(addressSpace: readonly Cidr[], taken: readonly Cidr[]): number | undefined {
  const free = indexedFreeSpace(addressSpace, taken);
  return free instanceof BlockIndex ? free.largestPrefix() : undefined;
}

function freeSpace(addressSpace: readonly Cidr[], avoid: readonly Cidr[], requests: readonly CarveRequest[]): FreeSpace {
  // the forecast re-carves one subnet around the same ranges at every size it tries, with the same
  // `avoid` array (planner/pipeline.ts keeps one per re-planned pool): then only the pinned requests
  // are compared, not every range avoided
  if (lastIndex && lastIndex.addressSpace === addressSpace && lastIndex.avoid === avoid && lastIndex.avoidLength === avoid.length && samePinned(lastIndex.pinned, requests)) {
    return lastIndex.index.copy();
  }
  return indexedFreeSpace(addressSpace, takenBy(avoid, requests), avoid, requests);
}

function indexedFreeSpace(addressSpace: readonly Cidr[], taken: readonly Cidr[], avoid?: readonly Cidr[], requests?: readonly CarveRequest[]): FreeSpace {
  let spacesOverlap = false;
  for (let i = 0; i < addressSpace.length; i++) for (let j = 0; j < i; j++) if (overlaps(addressSpace[i], addressSpace[j])) spacesOverlap = true;
  // overlapping address spaces are an error finding of their own; the simple scan handles them
  if (spacesOverlap) return scanningFreeSpace(addressSpace, taken);
  // the forecast re-carves one subnet around the same taken ranges at every size it tries: build the
  // index for those ranges once and hand out copies (take() changes only the copy's heaps)
  const pinned = requests ? pinnedOf(requests) : [];
  if (lastIndex && lastIndex.addressSpace === addressSpace && (sameRanges(lastIndex.taken, taken) || sameRangeSet(lastIndex, taken))) {
    if (avoid) lastIndex = { ...lastIndex, avoid, avoidLength: avoid.length, pinned };
    return lastIndex.index.copy();
  }
  const index = new BlockIndex(addressSpace, taken);
  lastIndex = { addressSpace, taken: [...taken], index: index.copy(), avoid, avoidLength: avoid?.length ?? -1, pinned };
  return index;
}

let lastIndex:
  | { addressSpace: readonly Cidr[]; taken: readonly Cidr[]; index: BlockIndex; avoid?: readonly Cidr[]; avoidLength: number; pinned: readonly { start: number; prefix: number }[]; counts?: Map<number, number> }
  | undefined;

/**
 * The same ranges in another order: the index does not depend on the order (BlockIndex sorts them),
 * and the forecast of each pool carves around every other subnet placed and its own, the same ranges
 * listed from another pool's point of view.
 */
function sameRangeSet(last: NonNullable<typeof lastIndex>, taken: readonly Cidr[]): boolean {
  if (last.taken.length !== taken.length) return false;
  const counts = (last.counts ??= rangeCounts(last.taken));
  const seen = new Map<number, number>();
  for (let i = 0; i < taken.length; i++) {
    const key = taken[i].start * 64 + taken[i].prefix;
    const n = (seen.get(key) ?? 0) + 1;
    if (n > (counts.get(key) ?? 0)) return false;
    seen.set(key, n);
  }
  return true;
}

function rangeCounts(ranges: readonly Cidr[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < ranges.length; i++) {
    const key = ranges[i].start * 64 + ranges[i].prefix;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function pinnedOf(requests: readonly CarveRequest[]): { start: number; prefix: number }[] {
  const pinned: { start: number; prefix: number }[] = [];
  for (let k = 0; k < requests.length; k++) {
    const cidr = requests[k].cidr;
    if (cidr) pinned.push({ start: cidr.start, prefix: cidr.prefix });
  }
  return pinned;
}

function samePinned(pinned: readonly { start: number; prefix: number }[], requests: readonly CarveRequest[]): boolean {
  let n = 0;
  for (let k = 0; k < requests.length; k++) {
    const cidr = requests[k].cidr;
    if (!cidr) continue;
    if (n >= pinned.length || pinned[n].start !== cidr.start || pinned[n].prefix !== cidr.prefix) return false;
    n++;
  }
  return n === pinned.length;
}

function sameRanges(a: readonly Cidr[], b: readonly Cidr[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].start !== b[i].start || a[i].prefix !== b[i].prefix) return false;
  return true;
}

interface Block {
  space: number;
  start: number;
}

const before = (a: Block, b: Block) => a.space < b.space || (a.space === b.space && a.start < b.start);

/** Free space as maximal aligned blocks, one min-heap (by address range, then start) per prefix length. */
class BlockIndex implements FreeSpace {
  private heaps: Block[][] = Array.from({ length: 33 }, () => []);
  /** no heap below this prefix holds a block */
  private low = 0;

  /** An index with the same free blocks whose take() leaves this one alone (blocks are never mutated, only moved). */
  copy(): BlockIndex {
    const twin = Object.create(BlockIndex.prototype) as BlockIndex;
    const heaps: Block[][] = [];
    for (let p = 0; p < 33; p++) heaps.push(this.heaps[p].slice());
    twin.heaps = heaps;
    twin.low = this.low;
    return twin;
  }

  constructor(addressSpace: readonly Cidr[], taken: readonly Cidr[]) {
    const busy = taken.map((t) => ({ start: t.start, end: lastAddress(t) })).sort((a, b) => a.start - b.start);
    addressSpace.forEach((range, space) => {
      let next = range.start;
      const end = lastAddress(range);
      for (const b of busy) {
        if (b.end < next || b.start > end) continue;
        if (b.start > next) this.addRange(space, next, b.start - 1);
        next = Math.max(next, b.end + 1);
      }
      if (next <= end) this.addRange(space, next, end);
    });
  }

  largestPrefix(): number | undefined {
    const p = this.heaps.findIndex((heap) => heap.length > 0);
    return p < 0 ? undefined : p;
  }

  take(prefix: number): Cidr | undefined {
    // the lowest free block of at least this size: the smallest heap top over prefixes 0..prefix.
    // Heaps below `low` are empty: blocks only ever go to longer prefixes than the one taken from
    let best: Block | undefined;
    let bestPrefix = -1;
    while (this.low < 33 && this.heaps[this.low].length === 0) this.low++;
    for (let p = this.low; p <= prefix; p++) {
      const heap = this.heaps[p];
      if (heap.length === 0) continue;
      const top = heap[0];
      if (best === undefined || top.space < best.space || (top.space === best.space && top.start < best.start)) {
        best = top;
        bestPrefix = p;
      }
    }
    if (best === undefined) return undefined;
    popHeap(this.heaps[bestPrefix]);
    const { space, start } = best;
    // the block keeps its first /prefix; the rest splits into its buddies, /prefix up to /(block + 1)
    for (let p = prefix; p > bestPrefix; p--) this.add(space, start + size(p), p);
    return makeCidr(start, prefix);
  }

  /** Splits first..last into maximal aligned blocks. */
  private addRange(space: number, first: number, last: number): void {
    let start = first;
    while (start <= last) {
      let prefix = 32;
      while (prefix > 0 && start % size(prefix - 1) === 0 && start + size(prefix - 1) - 1 <= last) prefix--;
      this.add(space, start, prefix);
      start += size(prefix);
    }
  }

  private add(space: number, start: number, prefix: number): void {
    pushHeap(this.heaps[prefix], { space, start });
  }
}

function pushHeap(heap: Block[], block: Block): void {
  heap.push(block);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function popHeap(heap: Block[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let smallest = i;
    if (l < heap.length && before(heap[l], heap[smallest])) smallest = l;
    if (r < heap.length && before(heap[r], heap[smallest])) smallest = r;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
    i = smallest;
  }
}

/** The plain first-fit scan against every taken range: quadratic, kept for overlapping address spaces. */
function scanningFreeSpace(addressSpace: readonly Cidr[], initiallyTaken: readonly Cidr[]): FreeSpace {
  const taken = [...initiallyTaken];
  return {
    take(prefix) {
      const block = size(prefix);
      for (const range of addressSpace) {
        if (prefix < range.prefix) continue;
        const end = lastAddress(range);
        let candidate = range.start;
        while (candidate + block - 1 <= end) {
          const proposal = makeCidr(candidate, prefix);
          const clash = taken.find((t) => overlaps(t, proposal));
          if (!clash) {
            taken.push(proposal);
            return proposal;
          }
          // jump past the clash, to the next address aligned for this size
          candidate = Math.ceil((lastAddress(clash) + 1) / block) * block;
        }
      }
      return undefined;
    },
  };
}
