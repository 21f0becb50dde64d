// The subnets of a network config read without zod (planner/configSubnets.ts) against zod alone
// (parseNetworkConfig with the fast path off), on random input: the same config, keys in the same
// order, or the same issues with the same paths and messages.
import { expect } from 'chai';
import fc from 'fast-check';
import { SUBNET_PURPOSES } from '../planner/config';
import { parseNetworkConfig } from '../planner/validate';

const validSubnet = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 80 }),
    cidr: fc.constantFrom('10.0.0.0/24', '10.0.1.0/26', 'not a cidr'),
    prefixLength: fc.integer({ min: 2, max: 29 }),
    purpose: fc.constantFrom(...SUBNET_PURPOSES),
    reservedIps: fc.nat({ max: 50 }),
  },
  { requiredKeys: ['name'] },
);

// each a way to be refused by the schema, or to sit at its edges
const edge = <T>(...values: T[]) => fc.oneof(fc.constant(undefined), fc.constantFrom(...values));
const oddSubnet = fc.oneof(
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
  { weight: 1, arbitrary: fc.record({ name: fc.oneof(fc.constant(''), fc.string({ minLength: 81, maxLength: 90 }), fc.integer(), fc.constant(undefined)) }) },
  { weight: 1, arbitrary: validSubnet.map((s) => ({ ...s, extra: 1 })) },
  {
    weight: 6,
    arbitrary: validSubnet.chain((s) =>
      fc
        .record({
          cidr: edge<unknown>(5, null, '10.0.0.0/24'),
          prefixLength: edge<unknown>(1, 30, 2.5, -0, 29, 2, Number.NaN, '24'),
          purpose: edge<unknown>('nodes', 'Nodes', '', 'gateway', 'agc'),
          reservedIps: edge<unknown>(-1, -0, 0, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, '3'),
        })
        .map((o) => ({ ...s, ...o })),
    ),
  },
  { weight: 1, arbitrary: validSubnet.map((s) => Object.assign(Object.create({ inherited: true }), s)) },
  { weight: 1, arbitrary: validSubnet.map((s) => [s]) },
);

const subnetsArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(validSubnet, { minLength: 1, maxLength: 6 }) },
  { weight: 3, arbitrary: fc.tuple(fc.array(validSubnet, { maxLength: 4 }), oddSubnet, fc.array(validSubnet, { maxLength: 2 })).map(([a, odd, b]) => [...a, odd, ...b]) },
  { weight: 1, arbitrary: fc.oneof(fc.constant([]), fc.constant(undefined), fc.anything()) },
);

const pools = [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, subnet: 'nodes' }];
const configArb = fc.record({
  subnets: subnetsArb,
  plugin: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('azure-cni-overlay', 'azure-cni') }, { weight: 1, arbitrary: fc.constant('bogus') }),
  nodePools: fc.oneof({ weight: 5, arbitrary: fc.constant(pools) }, { weight: 1, arbitrary: fc.constantFrom([], [{ name: 'Bad' }]) }),
  extra: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(true) }),
});

function toRaw(c: { subnets: unknown; plugin: string; nodePools: unknown; extra?: boolean }): Record<string, unknown> {
  return { addressSpace: ['10.0.0.0/16'], plugin: c.plugin, subnets: c.subnets, nodePools: c.nodePools, ...(c.extra ? { unknownKey: 1 } : {}) };
}

/** The value with the keys of every object listed in order (JSON drops undefined values and key order is part of the output). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, x]) => [k, shape(x)]);
  return v;
}

describe('planner: network config subnets read without zod (property)', () => {
  it('the same config or the same issues as zod alone', () => {
    let fast = 0;
    let refused = 0;
    fc.assert(
      fc.property(configArb, (c) => {
        const raw = toRaw(c);
        const withFastPath = parseNetworkConfig(raw);
        const zodAlone = parseNetworkConfig(raw, false);
        expect(shape(withFastPath)).to.deep.equal(shape(zodAlone));
        if (withFastPath.ok) {
          fast++;
          // copies, as zod gives: the caller's objects are not handed on
          withFastPath.config.subnets.forEach((s, i) => expect(s).to.not.equal((raw.subnets as unknown[])[i]));
        } else refused++;
      }),
      { numRuns: 250 },
    );
    expect(fast).to.be.at.least(30);
    expect(refused).to.be.at.least(30);
  });
});
