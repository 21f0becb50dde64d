// IPv4 CIDR helpers, on plain numbers (an IPv4 address fits exactly in a double), which keeps
// planning 5,000 nodes cheap. Parsing is plain arithmetic too, with ip-num's rules (octets 0-255
// without leading zeros, prefix 0-32): loading ip-num cost `aksnet plan` more CPU at start-up than
// planning a whole estate (npm run bench; profile in docs/benchmarks.md).

export interface Cidr {
  /** first address as an unsigned 32-bit number */
  readonly start: number;
  readonly prefix: number;
  /** canonical text, e.g. "10.0.0.0/16" */
  readonly text: string;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

/** Addresses Azure keeps in every subnet: network, .1 gateway, .2/.3 DNS, broadcast (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq). */
export const AZURE_RESERVED_PER_SUBNET = 5;
/** Azure's smallest and largest IPv4 subnet (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq "How small and how large"). */
export const SMALLEST_SUBNET_PREFIX = 29;
export const LARGEST_SUBNET_PREFIX = 2;

export function parseCidr(text: string): CidrParse {
  const trimmed = text.trim();
  if (trimmed.includes(':')) return { ok: false, reason: `"${text}" is IPv6; an IPv4 CIDR is required here` };
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(trimmed)) {
    return { ok: false, reason: `"${text}" is not an IPv4 CIDR such as 10.0.0.0/16` };
  }
  const [address, prefixText] = trimmed.split('/');
  const prefix = Number(prefixText);
  const ip = dottedQuadValue(address);
  if (ip === undefined || prefix > 32) return { ok: false, reason: `"${text}" is not a valid IPv4 CIDR (octets 0-255, prefix 0-32): write it as address/prefix, such as 10.0.0.0/16` };
  const start = alignDown(ip, prefix);
  if (start !== ip) {
    return { ok: false, reason: `"${text}" has host bits set; the network address is ${formatCidr(start, prefix)}` };
  }
  return { ok: true, cidr: makeCidr(start, prefix) };
}

export function parseIPv4(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed)) return undefined;
  return dottedQuadValue(trimmed);
}

/**
 * The value of four dot-separated runs of 1-3 digits (the callers' patterns ensure that shape), or
 * undefined when an octet is over 255 or has a leading zero: '010' is decimal to some parsers and
 * octal to inet_aton (CVE-2021-29921), so it is refused, as ip-num's Validator refuses it.
 */
function dottedQuadValue(dotted: string): number | undefined {
  let value = 0;
  for (const octet of dotted.split('.')) {
    if (octet.length > 1 && octet.startsWith('0')) return undefined;
    const n = Number(octet);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function makeCidr(start: number, prefix: number): Cidr {
  return new Block(start, prefix);
}

/** A Cidr whose text is formatted on first use and kept: carving builds many blocks and prints few. */
class Block implements Cidr {
  private formatted: string | undefined;

  constructor(
    readonly start: number,
    readonly prefix: number,
  ) {}

  get text(): string {
    return (this.formatted ??= formatCidr(this.start, this.prefix));
  }

  /** serialized as a plain { start, prefix, text }, as before it was a class */
  toJSON(): { start: number; prefix: number; text: string } {
    return { start: this.start, prefix: this.prefix, text: this.text };
  }
}

const OCTETS = Array.from({ length: 256 }, (_, n) => String(n));

/** Dotted quad of an unsigned 32-bit address (plain arithmetic: ip-num's formatter is far slower). */
export function formatIPv4(value: number): string {
  // octets from a table of their texts: a plan prints every subnet's range (3,000 in a full VNet),
  // and turning numbers into text is what cost, run in V8's interpreter
  if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) {
    return `${OCTETS[value >>> 24]}.${OCTETS[(value >>> 16) & 255]}.${OCTETS[(value >>> 8) & 255]}.${OCTETS[value & 255]}`;
  }
  return `${Math.floor(value / 2 ** 24) % 256}.${Math.floor(value / 2 ** 16) % 256}.${Math.floor(value / 2 ** 8) % 256}.${value % 256}`;
}


export function formatCidr(start: number, prefix: number): string {
  return `${formatIPv4(start)}/${prefix}`;
}

const SIZES = Array.from({ length: 33 }, (_, prefix) => 2 ** (32 - prefix));

/** Addresses in a /prefix (a table: carving and the forecast ask millions of times). */
export function size(prefix: number): number {
  return SIZES[prefix] ?? 2 ** (32 - prefix);
}

export function lastAddress(c: Cidr): number {
  return c.start + size(c.prefix) - 1;
}

export function alignDown(address: number, prefix: number): number {
  const block = size(prefix);
  return Math.floor(address / block) * block;
}

// the three below are lastAddress() written out: the checks call them for every range in every
// re-plan of the forecast, and the CLI runs them in V8's interpreter, where each call costs
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.start + size(b.prefix) - 1 && b.start <= a.start + size(a.prefix) - 1;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.start <= inner.start && inner.start + size(inner.prefix) <= outer.start + size(outer.prefix);
}

export function containsAddress(c: Cidr, address: number): boolean {
  return c.start <= address && address <= c.start + size(c.prefix) - 1;
}

/** Usable addresses of an Azure subnet of this prefix: 2^(32-L) - 5 (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq). */
export function azureUsable(prefix: number): number {
  return size(prefix) - AZURE_RESERVED_PER_SUBNET;
}

/**
 * The smallest Azure subnet (largest prefix, never smaller than /29) whose usable addresses cover
 * `ips`; undefined when not even a /2 does. Example: 1,581 IPs -> /21 (a /21 has 2,043 usable addresses, a /22 1,019).
 */
export function azurePrefixFor(ips: number, fits: (prefix: number) => boolean = (p) => azureUsable(p) >= ips): number | undefined {
  for (let prefix = SMALLEST_SUBNET_PREFIX; prefix >= LARGEST_SUBNET_PREFIX; prefix--) {
    if (fits(prefix)) return prefix;
  }
  return undefined;
}

/** Prefix of the smallest range holding `blocks` aligned blocks of /blockPrefix: blockPrefix - ceil(log2(blocks)). */
export function prefixForBlocks(blocks: number, blockPrefix: number): number {
  let bits = 0;
  while (2 ** bits < blocks) bits++;
  return blockPrefix - bits;
}

/** Ranges sorted by start, for deterministic output. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  return a.start - b.start || a.prefix - b.prefix;
}

/**
 * Every pair of ranges that overlap, as [earlier, later] indices in list order, sorted by the later
 * one, then the earlier. A sweep over the ranges sorted by start: O(n log n + pairs), so a VNet of
 * 3,000 subnets costs thousands of comparisons, not millions.
 */
export function overlappingPairs(ranges: readonly Cidr[]): [number, number][] {
  if (ranges.length < 2) return [];
  // sorted by start, then index: as numbers start * n + index in a typed array, which sorts
  // natively (a comparator runs in V8's interpreter for every comparison; exact below 2^53)
  const n = ranges.length;
  let order: number[];
  if (n < 2 ** 20) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ranges[i].start * n + i;
    keys.sort();
    order = [];
    for (let k = 0; k < n; k++) order.push(keys[k] % n);
  } else {
    order = ranges.map((_, i) => i).sort((a, b) => ranges[a].start - ranges[b].start || a - b);
  }
  const pairs: [number, number][] = [];
  const active: number[] = [];
  // indexed loops: for-of builds an iterator per loop in the interpreter (the CLI runs without the optimizer)
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    const start = ranges[i].start;
    // keep the ranges still open at this start (in place: no array per range)
    let kept = 0;
    for (let a = 0; a < active.length; a++) if (lastAddress(ranges[active[a]]) >= start) active[kept++] = active[a];
    active.length = kept;
    for (let a = 0; a < kept; a++) pairs.push(active[a] < i ? [active[a], i] : [i, active[a]]);
    active.push(i);
  }
  return pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
