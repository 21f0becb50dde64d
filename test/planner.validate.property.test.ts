// The network config read without zod, whole (planner/configNetwork.ts) or its subnets alone
// (planner/configNetwork.ts plainSubnets), against zod alone (parseNetworkConfig with the fast paths off), on
// random input: the same config, keys in the same order, or the same issues with the same paths and
// messages.
import { expect } from 'chai';
import fc from 'fast-check';
import { BYO_CNIS, NETWORK_POLICIES, OUTBOUND_TYPES, PLUGINS, SUBNET_PURPOSES } from '../planner/config';
import { plainNetworkConfig } from '../planner/configNetwork';
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

// every value the odd subnets above try, one field at a time, in an otherwise valid config: random
// draws meet a given edge only now and then, and an edge let through must fail here every time
const subnetEdges: Record<string, unknown[]> = {
  name: ['', 'x'.repeat(80), 'x'.repeat(81), 5, undefined],
  cidr: [5, null, '10.0.0.0/24', undefined],
  prefixLength: [1, 30, 2.5, -0, 29, 2, Number.NaN, '24', undefined],
  purpose: ['nodes', 'Nodes', '', 'gateway', 'agc', undefined],
  reservedIps: [-1, -0, 0, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, '3', undefined],
};

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

describe('planner: network config read without zod, each edge value (examples)', () => {
  const base = { name: 'nodes', cidr: '10.0.0.0/24' };
  const pool = { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, subnet: 'nodes' };
  const config = (subnet: unknown, nodePool: unknown) => ({ addressSpace: ['10.0.0.0/16'], plugin: 'azure-cni-overlay', subnets: [base, subnet], nodePools: [pool, nodePool] });
  it('a subnet field at or past the schema\'s edge: the same config or issues as zod alone', () => {
    for (const [field, values] of Object.entries(subnetEdges)) {
      for (const value of values) {
        const raw = config({ name: 'other', [field]: value }, pool);
        expect(shape(parseNetworkConfig(raw)), `${field}: ${String(value)}`).to.deep.equal(shape(parseNetworkConfig(raw, false)));
      }
    }
  });
  it('a node pool field at or past the schema\'s edge: the same config or issues as zod alone', () => {
    for (const [field, values] of Object.entries(poolEdges)) {
      for (const value of values) {
        const raw = config({ name: 'other', cidr: '10.0.1.0/24' }, { ...pool, name: 'user', [field]: value });
        expect(shape(parseNetworkConfig(raw)), `${field}: ${String(value)}`).to.deep.equal(shape(parseNetworkConfig(raw, false)));
      }
    }
  });
});

// ---- the whole config: node pools and the top-level keys -----------------------------------------

const validPool = fc.record(
  {
    name: fc.constantFrom('system', 'pool1', 'a', 'abcdefghijkl'),
    mode: fc.constantFrom('System', 'User'),
    osType: fc.constantFrom('Linux', 'Windows'),
    vmSize: fc.string({ minLength: 1, maxLength: 80 }),
    count: fc.nat({ max: 100 }),
    minCount: fc.nat({ max: 100 }),
    maxCount: fc.nat({ max: 1000 }),
    maxPods: fc.integer({ min: -5, max: 250 }),
    maxSurge: fc.oneof(fc.nat({ max: 10 }), fc.constantFrom('1%', '33%', '99%', '100%')),
    maxUnavailable: fc.nat({ max: 3 }),
    subnet: fc.string({ minLength: 1, maxLength: 80 }),
    podSubnet: fc.string({ minLength: 1, maxLength: 80 }),
  },
  { requiredKeys: ['name', 'vmSize', 'subnet'] },
);

// one key of a valid pool set to a value at the schema's edge or past it (undefined: an optional key
// given as undefined, a required one missing its value)
const poolEdges: Record<string, unknown[]> = {
  name: ['Bad', '', 'abcdefghijklm', '1pool', 5, undefined],
  mode: ['system', 'user', undefined],
  osType: ['linux', undefined],
  vmSize: ['', 'x'.repeat(81), 'x'.repeat(80), 3, undefined],
  count: [-1, -0, 1.5, 2 ** 53, '3', null, undefined],
  minCount: [-1, Number.NaN, undefined],
  maxCount: [Number.POSITIVE_INFINITY, 2 ** 53 - 1, undefined],
  maxPods: [2.5, -3, Number.NaN, '30', undefined],
  maxSurge: ['0%', '101%', '10', '1.5%', ' 33%', -1, 0, 1.5, '100%', undefined],
  maxUnavailable: [-1, 1.5, undefined],
  subnet: ['', 'x'.repeat(81), undefined],
  podSubnet: ['', null, undefined],
};
const oddPool = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(validPool, fc.constantFrom(...Object.keys(poolEdges))).chain(([p, key]) => fc.constantFrom(...poolEdges[key]).map((v) => ({ ...p, [key]: v }))) },
  { weight: 1, arbitrary: validPool.map((p) => ({ ...p, extra: 1 })) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
  { weight: 1, arbitrary: validPool.map((p) => Object.assign(Object.create({ inherited: true }), p)) },
  { weight: 1, arbitrary: validPool.map((p) => Object.assign(Object.create(null), p)) },
);
const poolsArb = fc.oneof(
  { weight: 8, arbitrary: fc.array(validPool, { minLength: 1, maxLength: 4 }) },
  { weight: 3, arbitrary: fc.tuple(fc.array(validPool, { maxLength: 3 }), oddPool).map(([a, odd]) => [...a, odd]) },
  { weight: 1, arbitrary: fc.oneof(fc.constant([]), fc.constant(undefined), fc.anything({ maxDepth: 1 })) },
);

// each top-level key: left out, a valid value, or one past the schema's edge
const key = <T>(valid: fc.Arbitrary<T>, ...odd: unknown[]) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const required = <T>(valid: fc.Arbitrary<T>, ...odd: unknown[]) => fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const topArb = fc.record(
  {
    addressSpace: required(fc.array(fc.constantFrom('10.0.0.0/16', 'bogus'), { minLength: 1, maxLength: 2 }), [], [5], '10.0.0.0/16', undefined),
    plugin: required(fc.constantFrom(...PLUGINS), 'Kubenet', 'bogus', undefined),
    byoCni: key(
      // each number one past either end now and then
      fc.record({ type: fc.constantFrom(...BYO_CNIS), poolCidr: fc.constant('192.168.0.0/16'), blockSize: fc.integer({ min: 19, max: 33 }), subnetLen: fc.integer({ min: 15, max: 31 }), maskSize: fc.integer({ min: 15, max: 31 }) }, { requiredKeys: ['type'] }),
      { type: 'calico', blockSize: 19 },
      { type: 'calico', maskSize: 31 },
      { type: 'antrea' },
      {},
      { type: 'calico', extra: 1 },
    ),
    networkPolicy: key(fc.constantFrom(...NETWORK_POLICIES), 'Calico'),
    serviceCidr: key(fc.constant('10.0.0.0/16'), 5, null),
    dnsServiceIP: key(fc.constant('10.0.0.10'), 10),
    podCidr: key(fc.constant('100.64.0.0/16'), ['100.64.0.0/16']),
    outboundType: key(fc.constantFrom(...OUTBOUND_TYPES), 'nat'),
    kubernetesVersion: key(fc.constantFrom('1.33', '1.33.2'), '2.0', '1.x', '1.33.', 1.33),
    tier: key(fc.constantFrom('free', 'standard', 'premium'), 'Free'),
    userDefinedRouting: key(fc.record({ nextHopIp: fc.constant('10.1.0.4'), routeTableId: fc.constant('/subscriptions/x') }, { requiredKeys: [] }), { nextHop: '10.1.0.4' }, null, []),
    peers: key(fc.array(fc.string({ minLength: 1, maxLength: 81 }), { maxLength: 3 }), [''], ['x'.repeat(81)], 'a', [1]),
    subnets: fc.oneof({ weight: 6, arbitrary: fc.array(validSubnet, { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: subnetsArb }),
    nodePools: poolsArb,
  },
  // a key the record leaves out is absent; one it gives as undefined is there with that value
  { requiredKeys: ['addressSpace', 'plugin', 'subnets', 'nodePools'] },
);
const wholeArb = fc.oneof(
  { weight: 12, arbitrary: topArb as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: topArb.chain((c) => fc.constantFrom(1, undefined).map((v) => ({ ...c, unknownKey: v }))) },
  { weight: 1, arbitrary: topArb.map((c) => Object.assign(Object.create(null), c)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);

describe('planner: network config read without zod, whole (property)', () => {
  it('the same config or the same issues as zod alone', () => {
    let plain = 0;
    let refused = 0;
    fc.assert(
      fc.property(wholeArb, (raw) => {
        const withFastPath = parseNetworkConfig(raw);
        const zodAlone = parseNetworkConfig(raw, false);
        expect(shape(withFastPath)).to.deep.equal(shape(zodAlone));
        if (plainNetworkConfig(raw)) {
          plain++;
          // copies, as zod gives: the caller's objects are not handed on
          const r = raw as Record<string, unknown[]>;
          const c = (withFastPath as unknown as { config: Record<string, unknown[]> }).config;
          expect(c).to.not.equal(raw);
          expect(c.nodePools).to.not.equal(r.nodePools);
          c.nodePools.forEach((p, i) => expect(p).to.not.equal(r.nodePools[i]));
          expect(c.addressSpace).to.not.equal(r.addressSpace);
          for (const k of ['byoCni', 'userDefinedRouting', 'peers']) if (r[k] !== undefined) expect(c[k], k).to.not.equal(r[k]);
        } else if (!withFastPath.ok) refused++;
      }),
      { numRuns: 500 },
    );
    expect(plain, 'read without zod').to.be.at.least(40);
    expect(refused, 'refused').to.be.at.least(100);
  });
});
