// IP addresses and networks as policies use them: IPv4 and IPv6, a bare address meaning /32 or /128
// (Calico `nets`), host bits allowed (Kubernetes ipBlock.cidr accepts them; the network is what
// counts). Addresses are BigInt so one comparison serves both families; it is done once per peer and
// endpoint when a reach model is built, never per connection.
import { parseIPv4 } from '../planner/cidr';

export interface IpNet {
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  readonly text: string;
}

export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** IPv4 with ip-num's rules (octets 0-255 without leading zeros), by the planner's arithmetic, which
 *  test/planner.cidr.test.ts pins to ip-num's verdicts and values. */
function v4(text: string): bigint | undefined {
  const n = parseIPv4(text);
  return n === undefined ? undefined : BigInt(n);
}

// ip-num builds IPv6 tables when it loads (about 10 ms of CPU): loaded only when an IPv6 address is read
let ipNum: typeof import('ip-num') | undefined;

function v6(text: string): bigint | undefined {
  if (!text.includes(':')) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ipNum ??= require('ip-num') as typeof import('ip-num');
  if (!ipNum.Validator.isValidIPv6String(text)[0]) return undefined;
  let t = text;
  const dotted = /(\d{1,3}(\.\d{1,3}){3})$/.exec(t);
  if (dotted) {
    const n = v4(dotted[1]);
    if (n === undefined) return undefined;
    t = `${t.slice(0, -dotted[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = t.split('::');
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  if (groups.length !== 8) return undefined;
  return groups.reduce((n, g) => n * 65536n + BigInt(parseInt(g, 16)), 0n);
}

export function parseAddress(text: string): IpAddress | undefined {
  const t = text.trim();
  const a = v4(t);
  if (a !== undefined) return { version: 4, value: a };
  const b = v6(t);
  return b === undefined ? undefined : { version: 6, value: b };
}

/** "10.0.0.0/8", "fd00::/8", or a bare address; undefined when it is neither. */
export function parseNet(text: string): IpNet | undefined {
  const t = String(text).trim();
  const [addr, prefixText, extra] = t.split('/');
  if (extra !== undefined) return undefined;
  const a = parseAddress(addr);
  if (!a) return undefined;
  const bits = a.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (a.value >> hostBits) << hostBits;
  return { version: a.version, first, last: first + (1n << hostBits) - 1n, text: t };
}

export function netContains(net: IpNet, ip: IpAddress): boolean {
  return net.version === ip.version && ip.value >= net.first && ip.value <= net.last;
}

export function netWithin(inner: IpNet, outer: IpNet): boolean {
  return inner.version === outer.version && inner.first >= outer.first && inner.last <= outer.last;
}
