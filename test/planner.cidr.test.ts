// planner/cidr.ts parses IPv4 by plain arithmetic (ip-num cost more to load than planning an estate);
// it must accept and refuse exactly what ip-num's Validator does, and read the same value.
import { expect } from 'chai';
import fc from 'fast-check';
import { IPv4, Validator } from 'ip-num';
import { formatIPv4, parseCidr, parseIPv4 } from '../planner/cidr';
import { parseAddress, parseNet } from '../netpol/ip';

// octets as text: 0-299 (over 255 included), with and without leading zeros
const octet = fc.oneof(fc.integer({ min: 0, max: 299 }).map(String), fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`), fc.constantFrom('00', '000', '255', '256'));
const dotted = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));

describe('IPv4 parsing (planner/cidr.ts) agrees with ip-num', () => {
  it('parseIPv4: the same verdict and value as ip-num for 1-3 digit octets', () => {
    fc.assert(
      fc.property(dotted, (text) => {
        const [valid] = Validator.isValidIPv4String(text);
        expect(parseIPv4(text), text).to.equal(valid ? Number(IPv4.fromString(text).getValue()) : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseCidr: a valid notation exactly when ip-num says so (prefix 0-32, leading zeros refused)', () => {
    const prefix = fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.constantFrom('00', '01', '09', '32', '33'));
    fc.assert(
      fc.property(dotted, prefix, (address, p) => {
        const text = `${address}/${p}`;
        const r = parseCidr(text);
        const notation = !(!r.ok && /not a valid IPv4 CIDR/.test(r.reason));
        expect(notation, text).to.equal(Validator.isValidIPv4CidrNotation(text)[0]);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatIPv4: the dotted quad ip-num prints, for any unsigned 32-bit address', () => {
    const address = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(0, 255, 256, 2 ** 24 - 1, 2 ** 31, 2 ** 32 - 1));
    fc.assert(
      fc.property(address, (n) => {
        expect(formatIPv4(n), String(n)).to.equal(IPv4.fromNumber(BigInt(n)).toString());
      }),
      { numRuns: 1000 },
    );
    // 167,772,170 = 10 x 2^24 + 10
    expect(formatIPv4(167_772_170)).to.equal('10.0.0.10');
  });

  it('examples: 10.0.0.0/16 reads as 167772160; 010.0.0.0/16, 256.0.0.0/8 and 10.0.0.0/33 are refused', () => {
    // 10 x 2^24 = 167,772,160
    expect(parseCidr('10.0.0.0/16')).to.deep.include({ ok: true });
    expect((parseCidr('10.0.0.0/16') as { cidr: { start: number } }).cidr.start).to.equal(167_772_160);
    for (const bad of ['010.0.0.0/16', '256.0.0.0/8', '10.0.0.0/33']) expect(parseCidr(bad).ok, bad).to.equal(false);
  });
});

// netpol/ip.ts reads IPv4 with the same arithmetic (ip-num, which builds IPv6 tables as it loads, is
// loaded only for IPv6 text): its verdicts and values must be ip-num's too, bare and in a CIDR
describe('IPv4 addresses in policies (netpol/ip.ts) agree with ip-num', () => {
  it('parseAddress and parseNet: the same verdict and value as ip-num, IPv4-mapped IPv6 included', () => {
    fc.assert(
      fc.property(dotted, fc.integer({ min: 0, max: 32 }), (text, prefix) => {
        const [valid] = Validator.isValidIPv4String(text);
        const value = valid ? IPv4.fromString(text).getValue() : undefined;
        expect(parseAddress(` ${text} `)?.value, text).to.equal(value);
        expect(parseNet(`${text}/${prefix}`)?.first, text).to.equal(value === undefined ? undefined : (value >> BigInt(32 - prefix)) << BigInt(32 - prefix));
        // ::ffff:a.b.c.d is 0xffff * 2^32 + the IPv4 value
        expect(parseAddress(`::ffff:${text}`)?.value, `::ffff:${text}`).to.equal(value === undefined ? undefined : 0xffffn * 2n ** 32n + value);
      }),
      { numRuns: 1000 },
    );
  });
});
