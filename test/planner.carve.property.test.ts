// Property tests for subnet carving, modelled on pulumi/pulumi-awsx awsx/ec2/subnetDistributorNew.test.ts:
// random address spaces and random request sequences; carved subnets never overlap each other, pinned
// subnets or the service CIDR, lie inside the address space, are the smallest Azure size that fits, and
// never move when something is appended. Interval arithmetic here is written independently of
// planner/cidr.ts (plain numbers, start..end).
import { expect } from 'chai';
import fc from 'fast-check';
import { type CarveRequest, type CarveResult, carveSubnets } from '../planner/carve';
import { type Cidr, makeCidr, overlappingPairs } from '../planner/cidr';
import { planFromConfig } from '../planner/plan';
import type { Plan } from '../planner/types';
import type { Json } from './plannerHelpers';

const RUNS = { numRuns: 200 };

// ---- independent interval helpers -------------------------------------------------------------------

interface Range {
  start: number;
  end: number;
  prefix: number;
}

const blockSize = (prefix: number) => 2 ** (32 - prefix);
const rangeOf = (c: Cidr): Range => ({ start: c.start, end: c.start + blockSize(c.prefix) - 1, prefix: c.prefix });

function parse(text: string): Range {
  const [ip, p] = text.split('/');
  const start = ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const prefix = Number(p);
  return { start, end: start + blockSize(prefix) - 1, prefix };
}

function format(start: number, prefix: number): string {
  return `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.')}/${prefix}`;
}

const disjoint = (a: Range, b: Range) => a.end < b.start || b.end < a.start;
const inside = (outer: Range, inner: Range) => outer.start <= inner.start && inner.end <= outer.end;

/** Azure's usable addresses [rules §1] and a static-block pod subnet's whole /28s [rules §3.2]. */
function capacity(prefix: number, staticPodSubnet: boolean): number {
  const usable = blockSize(prefix) - 5;
  if (!staticPodSubnet) return usable;
  const blocks = prefix > 28 ? 0 : Math.max(0, 2 ** (28 - prefix) - 2);
  return Math.min(usable, blocks * 16);
}

// ---- carveSubnets on its own ------------------------------------------------------------------------

// Everything lives in 10.0.0.0/14 so random ranges collide often.
const BASE = 10 * 2 ** 24;
const WINDOW_PREFIX = 14;

const blockArb = (minPrefix: number, maxPrefix: number) =>
  fc.record({ prefix: fc.integer({ min: minPrefix, max: maxPrefix }), slot: fc.nat() }).map(({ prefix, slot }) => {
    const slots = 2 ** (prefix - WINDOW_PREFIX);
    return makeCidr(BASE + (slot % slots) * blockSize(prefix), prefix);
  });

/** 1-3 disjoint address ranges, /18 to /24. */
const spaceArb = fc.array(blockArb(18, 24), { minLength: 1, maxLength: 3 }).map((ranges) => {
  const kept: Cidr[] = [];
  for (const r of ranges) if (kept.every((k) => disjoint(rangeOf(k), rangeOf(r)))) kept.push(r);
  return kept;
});

/** 1-3 address ranges that may overlap each other (an error finding, but carving must still be first fit). */
const anySpaceArb = fc.array(blockArb(18, 24), { minLength: 1, maxLength: 3 });

const requestArb: fc.Arbitrary<Omit<CarveRequest, 'name'>> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 18, max: 29 }).map((prefix) => ({ prefix })) },
  { weight: 1, arbitrary: blockArb(20, 29).map((cidr) => ({ cidr })) },
);

const requestsArb = fc
  .array(requestArb, { maxLength: 10 })
  .map((rs) => rs.map((r, i): CarveRequest => ({ name: `s${i}`, ...r })));

/** Ranges carving must keep off (the planner passes the service CIDR). */
const avoidArb = fc.array(blockArb(16, 26), { maxLength: 2 });

/** Aligned blocks of /prefix across the address space, in the carver's order (ranges as given, ascending). */
function* candidates(space: readonly Cidr[], prefix: number): Generator<Range> {
  for (const r of space) {
    if (prefix < r.prefix) continue;
    const range = rangeOf(r);
    for (let start = range.start; start + blockSize(prefix) - 1 <= range.end; start += blockSize(prefix)) {
      yield { start, end: start + blockSize(prefix) - 1, prefix };
    }
  }
}

function carvedRange(r: CarveResult): Range | undefined {
  return r.cidr ? rangeOf(r.cidr) : undefined;
}

describe('planner: overlappingPairs (the subnet overlap sweep)', () => {
  it('finds exactly the pairs a comparison of every two ranges finds, in list order', () => {
    // blocks of /24 to /32 inside one /24, so that they meet often, down to single addresses
    const smallBlock = fc
      .record({ prefix: fc.integer({ min: 24, max: 32 }), slot: fc.nat() })
      .map(({ prefix, slot }) => makeCidr(BASE + (slot % 2 ** (prefix - 24)) * blockSize(prefix), prefix));
    fc.assert(
      fc.property(fc.array(fc.oneof(blockArb(14, 30), smallBlock), { maxLength: 25 }), (ranges) => {
        const expected: [number, number][] = [];
        for (let later = 0; later < ranges.length; later++) {
          for (let earlier = 0; earlier < later; earlier++) {
            if (!disjoint(rangeOf(ranges[earlier]), rangeOf(ranges[later]))) expected.push([earlier, later]);
          }
        }
        expect(overlappingPairs(ranges)).to.deep.equal(expected);
      }),
      RUNS,
    );
  });
});

describe('planner: carving properties (carveSubnets)', () => {
  it('keeps names, order, and pinned ranges as given', () => {
    fc.assert(
      fc.property(spaceArb, requestsArb, (space, requests) => {
        const results = carveSubnets(space, requests);
        expect(results.map((r) => r.name)).to.deep.equal(requests.map((r) => r.name));
        results.forEach((r, i) => {
          const req = requests[i];
          if (req.cidr) {
            expect(r.carved).to.equal(false);
            expect(r.cidr!.text).to.equal(req.cidr.text);
          } else {
            expect(r.carved).to.equal(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('carved subnets lie inside the address space, at the requested size, overlapping nothing', () => {
    fc.assert(
      fc.property(spaceArb, requestsArb, avoidArb, (space, requests, avoid) => {
        const results = carveSubnets(space, requests, avoid);
        const placed = results.map(carvedRange);
        results.forEach((r, i) => {
          if (!r.carved || !r.cidr) return;
          const mine = placed[i]!;
          expect(mine.prefix).to.equal(requests[i].prefix);
          expect(mine.start % blockSize(mine.prefix), `${r.cidr.text} is aligned`).to.equal(0);
          expect(space.some((s) => inside(rangeOf(s), mine)), `${r.cidr.text} inside the space`).to.equal(true);
          placed.forEach((other, j) => {
            if (j === i || !other) return;
            expect(disjoint(mine, other), `${r.cidr!.text} vs ${results[j].cidr!.text}`).to.equal(true);
          });
          for (const a of avoid) expect(disjoint(mine, rangeOf(a)), `${r.cidr.text} vs avoided ${a.text}`).to.equal(true);
        });
      }),
      RUNS,
    );
  });

  it('each carved subnet takes the first free aligned block, and is unplaced only when none is free', () => {
    fc.assert(
      fc.property(fc.oneof(spaceArb, anySpaceArb), requestsArb, avoidArb, (space, requests, avoid) => {
        const results = carveSubnets(space, requests, avoid);
        // what a carved request must avoid: the avoided ranges, every pinned range wherever declared,
        // and earlier carved ranges
        const pinned = [...avoid.map(rangeOf), ...requests.flatMap((r) => (r.cidr ? [rangeOf(r.cidr)] : []))];
        results.forEach((r, i) => {
          if (!r.carved) return;
          const taken = [...pinned, ...results.slice(0, i).flatMap((e) => (e.carved && e.cidr ? [rangeOf(e.cidr)] : []))];
          const prefix = requests[i].prefix!;
          let firstFree: Range | undefined;
          for (const c of candidates(space, prefix)) {
            if (taken.every((t) => disjoint(t, c))) {
              firstFree = c;
              break;
            }
          }
          if (firstFree === undefined) expect(r.cidr, `${r.name} has no room`).to.equal(undefined);
          else expect(r.cidr?.text, `${r.name} is first fit`).to.equal(format(firstFree.start, prefix));
        });
      }),
      RUNS,
    );
  });

  it('is stable under appends: a new carved or non-overlapping pinned request moves nothing', () => {
    fc.assert(
      fc.property(spaceArb, requestsArb, requestArb, avoidArb, (space, requests, extra, avoid) => {
        const before = carveSubnets(space, requests, avoid);
        if (extra.cidr) {
          // an appended pinned range that collides with an existing subnet is a user error, not an append
          const mine = rangeOf(extra.cidr);
          fc.pre(before.every((b) => !b.cidr || disjoint(rangeOf(b.cidr), mine)));
        }
        const after = carveSubnets(space, [...requests, { name: 'appended', ...extra }], avoid);
        expect(after.slice(0, before.length).map((r) => r.cidr?.text)).to.deep.equal(before.map((r) => r.cidr?.text));
      }),
      RUNS,
    );
  });

  // the carver keeps the index of the last ranges it carved around, and hands out copies when the
  // next call carves around the same ranges, in any order: a call right after another, with the
  // same ranges reordered or with others of the same count, must carve as a carver that kept nothing
  it('carves around the ranges given, whatever it carved around before', () => {
    const fresh = (space: Cidr[], requests: CarveRequest[], avoid: Cidr[]) => {
      carveSubnets(space.slice(), [{ name: 'reset', prefix: 29 }]); // another address space object: nothing kept applies
      return carveSubnets(space, requests, avoid);
    };
    const text = (results: CarveResult[]) => results.map((r) => ({ ...r, cidr: r.cidr?.text }));
    fc.assert(
      fc.property(spaceArb, requestsArb, fc.array(blockArb(16, 26), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.nat(), (space, requests, avoid, reorder, seed) => {
        const carveable = [{ name: 'first', prefix: 26 }, ...requests];
        carveSubnets(space, carveable, avoid);
        // the same ranges rotated, or as many others (each moved by a /26 block)
        const next = reorder ? [...avoid.slice(seed % avoid.length), ...avoid.slice(0, seed % avoid.length)] : avoid.map((c) => makeCidr((c.start + 64 * (1 + (seed % 7))) % 2 ** 32, Math.max(c.prefix, 26)));
        expect(text(carveSubnets(space, carveable, next))).to.deep.equal(text(fresh(space, carveable, next)));
        // the same avoid array (the forecast's re-plans pass one per pool) with other pinned requests
        const pinnedOther = [...carveable, { name: 'pinned', cidr: makeCidr(space[0].start, 26) }];
        carveSubnets(space, carveable, next);
        expect(text(carveSubnets(space, pinnedOther, next))).to.deep.equal(text(fresh(space, pinnedOther, next)));
      }),
      RUNS,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(spaceArb, requestsArb, avoidArb, (space, requests, avoid) => {
        const a = carveSubnets(space, requests, avoid).map((r) => ({ ...r, cidr: r.cidr?.text }));
        const b = carveSubnets(space, requests, avoid).map((r) => ({ ...r, cidr: r.cidr?.text }));
        expect(a).to.deep.equal(b);
      }),
      RUNS,
    );
  });
});

// ---- planFromConfig ---------------------------------------------------------------------------------

const PLUGINS = ['azure-cni', 'azure-cni-overlay', 'kubenet', 'azure-cni-dynamic', 'azure-cni-static-block'] as const;
type TestPlugin = (typeof PLUGINS)[number];
const podSubnetPlugin = (p: TestPlugin) => p === 'azure-cni-dynamic' || p === 'azure-cni-static-block';

interface PoolSpec {
  count?: number;
  minCount?: number;
  maxCount?: number;
  maxPods: number;
  maxSurge?: number | string;
  maxUnavailable?: number;
  nodeSubnet: number;
  podSubnet: number;
}

const poolArb: fc.Arbitrary<PoolSpec> = fc
  .record({
    autoscale: fc.boolean(),
    a: fc.integer({ min: 0, max: 40 }),
    b: fc.integer({ min: 0, max: 40 }),
    maxPods: fc.integer({ min: 10, max: 250 }),
    surge: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 100 }).map((p) => `${p}%`)),
    maxUnavailable: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 2 })),
    nodeSubnet: fc.nat({ max: 2 }),
    podSubnet: fc.nat({ max: 1 }),
  })
  .map(({ autoscale, a, b, maxPods, surge, maxUnavailable, nodeSubnet, podSubnet }) => ({
    ...(autoscale ? { minCount: Math.min(a, b), maxCount: Math.max(a, b) } : { count: a }),
    maxPods,
    ...(surge === undefined ? {} : { maxSurge: surge }),
    ...(maxUnavailable === undefined ? {} : { maxUnavailable }),
    nodeSubnet,
    podSubnet,
  }));

interface NetSpec {
  plugin: TestPlugin;
  space: string;
  /** service CIDR inside the address space (a warning, never a reason for a carved subnet to land on it) */
  serviceInside: string | undefined;
  pools: PoolSpec[];
  /** pinned extra subnets: cidr, and where in the subnet list they go */
  pinned: { cidr: string; at: number }[];
  reservedIps: number[];
}

const netArb: fc.Arbitrary<NetSpec> = fc
  .record({
    plugin: fc.constantFrom(...PLUGINS),
    spacePrefix: fc.integer({ min: 12, max: 18 }),
    spaceSlot: fc.nat(),
    serviceInside: fc.option(fc.record({ prefix: fc.integer({ min: 16, max: 24 }), slot: fc.nat() }), { nil: undefined }),
    pools: fc.array(poolArb, { minLength: 1, maxLength: 4 }),
    pinned: fc.array(fc.record({ prefix: fc.integer({ min: 20, max: 29 }), slot: fc.nat(), at: fc.nat({ max: 6 }) }), { maxLength: 2 }),
    reservedIps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ plugin, spacePrefix, spaceSlot, serviceInside, pools, pinned, reservedIps }) => {
    // a VNet somewhere in 10.0.0.0/8 (outside the 100.64.0.0/10 pod CIDR and the 172.16.0.0/16 service CIDR)
    const spaceStart = BASE + (spaceSlot % 2 ** (spacePrefix - 8)) * blockSize(spacePrefix);
    const inSpace = (prefix: number, slot: number) => {
      const p = Math.max(prefix, spacePrefix);
      return format(spaceStart + (slot % 2 ** (p - spacePrefix)) * blockSize(p), p);
    };
    return {
      plugin,
      space: format(spaceStart, spacePrefix),
      serviceInside: serviceInside && inSpace(serviceInside.prefix, serviceInside.slot),
      pools,
      pinned: pinned.map((p) => ({ cidr: inSpace(p.prefix, p.slot), at: p.at })),
      reservedIps,
    };
  });

/** The config for a spec: node subnets n0..n2 and pod subnets q0..q1, in use order, with pinned "x" subnets spliced in. */
function toConfig(spec: NetSpec): Json {
  const podSubnets = podSubnetPlugin(spec.plugin);
  const pools = spec.pools.map((p, i) => {
    const { nodeSubnet, podSubnet, ...sizing } = p;
    return {
      name: `p${i}`,
      mode: i === 0 ? 'System' : 'User',
      vmSize: 'Standard_D4s_v5',
      ...sizing,
      subnet: `n${nodeSubnet}`,
      ...(podSubnets ? { podSubnet: `q${podSubnet}` } : {}),
    };
  });
  const used = [...new Set(pools.flatMap((p) => [p.subnet, ...('podSubnet' in p ? [p.podSubnet as string] : [])]))].sort();
  const subnets: Json[] = used.map((name, i) => ({ name, ...(spec.reservedIps[i] ? { reservedIps: spec.reservedIps[i] } : {}) }));
  spec.pinned.forEach((p, i) => subnets.splice(Math.min(p.at, subnets.length), 0, { name: `x${i}`, cidr: p.cidr, purpose: 'other' }));
  const service = spec.serviceInside ?? '172.16.0.0/16';
  const dns = format(parse(service).start + 10, 32).replace('/32', '');
  return {
    addressSpace: [spec.space],
    plugin: spec.plugin,
    ...(spec.plugin === 'azure-cni-overlay' || spec.plugin === 'kubenet' ? { podCidr: '100.64.0.0/10' } : {}),
    ...(spec.plugin === 'azure-cni-static-block' ? { kubernetesVersion: '1.30' } : {}),
    serviceCidr: service,
    dnsServiceIP: dns,
    subnets,
    nodePools: pools,
  };
}

function plan(config: Json): Plan {
  const result = planFromConfig(config);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.issues)} for ${JSON.stringify(config)}`);
  return result.plan;
}

// ---- expected demand, from the formulas in rules §13 --------------------------------------------------

interface RawPool {
  count?: number;
  maxCount?: number;
  maxPods: number;
  maxSurge?: number | string;
  maxUnavailable?: number;
  subnet: string;
  podSubnet?: string;
}

/** n = maxCount + surge; surge an int or ceil(pct x pool), default 1 (0 with maxUnavailable), at most the pool [rules §2]. */
function fullScaleNodes(p: RawPool): number {
  const max = p.maxCount ?? p.count ?? 0;
  const ms = p.maxSurge ?? (p.maxUnavailable ? 0 : 1);
  const surge = typeof ms === 'number' ? ms : Math.ceil((max * Number(ms.replace('%', ''))) / 100);
  return max + Math.min(surge, max);
}

function expectedDemand(config: Json, subnetName: string): number {
  const plugin = config.plugin as TestPlugin;
  const s = (config.subnets as Json[]).find((x) => x.name === subnetName)!;
  let demand = (s.reservedIps as number | undefined) ?? 0;
  for (const p of config.nodePools as RawPool[]) {
    const n = fullScaleNodes(p);
    const P = p.maxPods;
    if (p.subnet === subnetName) demand += n * (plugin === 'azure-cni' ? 1 + P : 1);
    if (p.podSubnet === subnetName) {
      demand += n * (plugin === 'azure-cni-dynamic' ? Math.max(16, 16 * Math.ceil((P + 8) / 16)) : 16 * Math.ceil((P + 1) / 16));
    }
  }
  return demand;
}

const cidrsByName = (p: Plan) => Object.fromEntries(p.subnets.map((s) => [s.name, s.cidr]));

describe('planner: carving properties (planFromConfig)', () => {
  it('carved subnets lie in the address space and overlap no subnet and no service CIDR', () => {
    fc.assert(
      fc.property(netArb, (spec) => {
        const config = toConfig(spec);
        const p = plan(config);
        const space = parse(spec.space);
        const service = parse(config.serviceCidr as string);
        const placed = p.subnets.filter((s) => s.cidr !== null);
        for (const s of placed) {
          if (!s.carved) continue;
          const mine = parse(s.cidr!);
          expect(inside(space, mine), `${s.name} ${s.cidr} inside ${spec.space}`).to.equal(true);
          expect(disjoint(mine, service), `${s.name} ${s.cidr} vs service ${config.serviceCidr}`).to.equal(true);
          for (const other of placed) {
            if (other === s) continue;
            expect(disjoint(mine, parse(other.cidr!)), `${s.name} ${s.cidr} vs ${other.name} ${other.cidr}`).to.equal(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('every subnet carries the demand of rules §13, and every carved subnet is the smallest Azure size (>= /29) that fits it', () => {
    fc.assert(
      fc.property(netArb, (spec) => {
        const config = toConfig(spec);
        const p = plan(config);
        for (const s of p.subnets) {
          if (s.name.startsWith('x')) continue; // pinned extras carry nothing
          expect(s.demand, `demand of ${s.name}`).to.equal(expectedDemand(config, s.name));
          if (!s.carved || s.cidr === null) continue;
          const prefix = parse(s.cidr).prefix;
          const staticPods = spec.plugin === 'azure-cni-static-block' && s.role === 'pods';
          expect(prefix).to.be.within(2, 29);
          expect(capacity(prefix, staticPods), `${s.name} /${prefix} holds ${s.demand}`).to.be.at.least(s.demand);
          if (prefix < 29) expect(capacity(prefix + 1, staticPods), `${s.name} /${prefix + 1} is too small for ${s.demand}`).to.be.below(s.demand);
          if (!staticPods) {
            // rules §1 in its plain form: usable(L) >= demand and usable(L+1) < demand unless L = 29
            expect(blockSize(prefix) - 5).to.be.at.least(s.demand);
            if (prefix < 29) expect(blockSize(prefix + 1) - 5).to.be.below(s.demand);
          }
        }
      }),
      RUNS,
    );
  });

  it('appending a pool on a new subnet moves no existing subnet', () => {
    fc.assert(
      fc.property(netArb, poolArb, (spec, extra) => {
        const config = toConfig(spec);
        const before = cidrsByName(plan(config));
        const podSubnets = podSubnetPlugin(spec.plugin);
        const appended = {
          ...config,
          subnets: [...(config.subnets as Json[]), { name: 'new' }, ...(podSubnets ? [{ name: 'newpods' }] : [])],
          nodePools: [
            ...(config.nodePools as Json[]),
            {
              name: 'appended',
              mode: 'User',
              vmSize: 'Standard_D4s_v5',
              ...(extra.count === undefined ? { minCount: extra.minCount, maxCount: extra.maxCount } : { count: extra.count }),
              maxPods: extra.maxPods,
              subnet: 'new',
              ...(podSubnets ? { podSubnet: 'newpods' } : {}),
            },
          ],
        };
        const after = cidrsByName(plan(appended));
        for (const [name, cidr] of Object.entries(before)) expect(after[name], name).to.equal(cidr);
      }),
      RUNS,
    );
  });

  it('appending a subnet (sized, or pinned on free space) moves no existing subnet', () => {
    fc.assert(
      fc.property(netArb, fc.integer({ min: 20, max: 29 }), fc.nat(), fc.boolean(), (spec, prefix, slot, pin) => {
        const config = toConfig(spec);
        const beforePlan = plan(config);
        const before = cidrsByName(beforePlan);
        let extra: Json = { name: 'extra', prefixLength: prefix, purpose: 'other' };
        if (pin) {
          const space = parse(spec.space);
          const p = Math.max(prefix, space.prefix);
          const start = space.start + (slot % 2 ** (p - space.prefix)) * blockSize(p);
          const mine = { start, end: start + blockSize(p) - 1, prefix: p };
          fc.pre(beforePlan.subnets.every((s) => s.cidr === null || disjoint(parse(s.cidr), mine)));
          extra = { name: 'extra', cidr: format(start, p), purpose: 'other' };
        }
        const after = cidrsByName(plan({ ...config, subnets: [...(config.subnets as Json[]), extra] }));
        for (const [name, cidr] of Object.entries(before)) expect(after[name], name).to.equal(cidr);
      }),
      RUNS,
    );
  });

  it('growing a pool while its subnets still fit moves no subnet', () => {
    fc.assert(
      fc.property(netArb, fc.nat(), fc.integer({ min: 1, max: 20 }), (spec, which, more) => {
        const config = toConfig(spec);
        const beforePlan = plan(config);
        const pools = (config.nodePools as Json[]).map((p) => ({ ...p }));
        const grown = pools[which % pools.length];
        if (grown.count !== undefined) grown.count = (grown.count as number) + more;
        else grown.maxCount = (grown.maxCount as number) + more;
        const afterPlan = plan({ ...config, nodePools: pools });
        // "still fits": every subnet keeps enough room at its old size
        const staticPods = (name: string) => spec.plugin === 'azure-cni-static-block' && afterPlan.subnets.find((s) => s.name === name)!.role === 'pods';
        for (const s of beforePlan.subnets) {
          if (s.cidr === null) continue;
          const grownDemand = afterPlan.subnets.find((x) => x.name === s.name)!.demand;
          fc.pre(capacity(parse(s.cidr).prefix, staticPods(s.name)) >= grownDemand);
        }
        expect(cidrsByName(afterPlan)).to.deep.equal(cidrsByName(beforePlan));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives a deep-equal plan', () => {
    fc.assert(
      fc.property(netArb, (spec) => {
        const config = toConfig(spec);
        const a = planFromConfig(config);
        const b = planFromConfig(JSON.parse(JSON.stringify(config)));
        expect(JSON.parse(JSON.stringify(a))).to.deep.equal(JSON.parse(JSON.stringify(b)));
        expect(a).to.deep.equal(b);
      }),
      RUNS,
    );
  });

  // Findings agree with the numbers: SUBNET_EXHAUSTED exactly when demand > usable, LOW_HEADROOM exactly
  // when less than 20% is free (rules §1, §3), POD_CIDR_EXHAUSTED exactly when the pools need more /24s than
  // the pod CIDR holds, counting maxCount + max(surge, 1) per pool (Azure/AKS#4467).
  it('capacity findings agree with demand and capacity', () => {
    fc.assert(
      fc.property(
        netArb,
        fc.array(fc.option(fc.integer({ min: 22, max: 29 }), { nil: undefined }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 16, max: 24 }),
        (spec, fixed, podPrefix) => {
          const config = toConfig(spec);
          const subnets = (config.subnets as Json[]).map((sub, i) => (sub.cidr || fixed[i] === undefined ? sub : { ...sub, prefixLength: fixed[i] }));
          const overlayLike = spec.plugin === 'azure-cni-overlay' || spec.plugin === 'kubenet';
          const p = plan({ ...config, subnets, ...(overlayLike ? { podCidr: `100.64.0.0/${podPrefix}` } : {}) });
          p.subnets.forEach((s, i) => {
            if (s.cidr === null || s.demand === 0) return;
            const staticPods = spec.plugin === 'azure-cni-static-block' && s.role === 'pods';
            const cap = capacity(parse(s.cidr).prefix, staticPods);
            expect(s.usable, `${s.name} usable`).to.equal(cap);
            const exhausted = p.findings.some((f) => f.code === 'SUBNET_EXHAUSTED' && f.path === `subnets[${i}]`);
            const low = p.findings.some((f) => f.code === 'LOW_HEADROOM' && f.path === `subnets[${i}]`);
            expect(exhausted, `${s.name}: ${s.demand} of ${cap}`).to.equal(s.demand > cap);
            expect(low, `${s.name}: ${s.demand} of ${cap} low`).to.equal(s.demand <= cap && cap - s.demand < 0.2 * cap);
          });
          if (overlayLike) {
            const need = (config.nodePools as RawPool[]).reduce((n, pool) => {
              const max = pool.maxCount ?? pool.count ?? 0;
              return n + max + Math.max(fullScaleNodes(pool) - max, 1);
            }, 0);
            const total = 2 ** (24 - podPrefix);
            expect(p.podRanges[0].demandBlocks).to.equal(need);
            expect(p.podRanges[0].totalBlocks).to.equal(total);
            expect(p.findings.some((f) => f.code === 'POD_CIDR_EXHAUSTED' && f.path === 'podCidr')).to.equal(need > total);
          }
        },
      ),
      RUNS,
    );
  });

  // Guard against vacuous properties: the generators must actually produce placed, pinned and
  // colliding subnets often enough for the properties above to mean something.
  it('generators exercise carving (not vacuous)', () => {
    const specs = fc.sample(netArb, { numRuns: 300, seed: 42 });
    let placedCarved = 0;
    let withPinned = 0;
    let withServiceInside = 0;
    let unplaced = 0;
    for (const spec of specs) {
      const p = plan(toConfig(spec));
      if (p.subnets.filter((s) => s.carved && s.cidr !== null).length >= 2) placedCarved++;
      if (p.subnets.some((s) => s.carved && s.cidr === null)) unplaced++;
      if (spec.pinned.length > 0) withPinned++;
      if (spec.serviceInside) withServiceInside++;
    }
    expect(placedCarved, 'plans with two or more carved subnets').to.be.above(60);
    expect(withPinned, 'plans with pinned subnets').to.be.above(60);
    expect(withServiceInside, 'plans with the service CIDR in the VNet').to.be.above(60);
    expect(unplaced, 'plans where the space runs out').to.be.above(3);
  });
});
