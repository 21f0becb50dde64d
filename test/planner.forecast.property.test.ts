// The forecast against the checks, on random configs of every plugin (and every BYO CNI). For each
// pool, the plan is re-run through planFromConfig (the whole pipeline, not the forecast's shortcut)
// with every subnet pinned where the plan put it and the pool's maxCount (or count) set to the figure
// the forecast gives: at maxCount + headroomNodes it must plan without error, at runsOutAtNodes it must
// fail with the finding named by limitedBy / limitedByPath. Subnet and pod-range figures likewise, with
// their forecastPool resized. The definition is in docs/concepts.md ("Capacity forecast") and planner/forecast.ts.
import { expect } from 'chai';
import fc from 'fast-check';
import type { Finding, FindingCode } from '../planner/findings';
import { poolDemand } from '../planner/demand';
import { CAPACITY_CODES, forecastPools, resizePool, type ForecastSearch } from '../planner/forecast';
import { planAndCheck, poolReplanner } from '../planner/pipeline';
import { planFromConfig } from '../planner/plan';
import { validateNetworkConfig } from '../planner/validate';
import type { Plan } from '../planner/types';
import type { Json } from './plannerHelpers';

const RUNS = { numRuns: 120 };

type Plugin = 'azure-cni' | 'azure-cni-dynamic' | 'azure-cni-static-block' | 'azure-cni-overlay' | 'kubenet' | 'none';
const PLUGINS: Plugin[] = ['azure-cni', 'azure-cni-dynamic', 'azure-cni-static-block', 'azure-cni-overlay', 'kubenet', 'none'];

const poolArb = fc.record({
  autoscale: fc.boolean(),
  a: fc.integer({ min: 0, max: 40 }),
  b: fc.integer({ min: 1, max: 40 }),
  maxPods: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 10, max: 250 }) }, { weight: 3, arbitrary: fc.constantFrom(30, 31, 50, 110, 250) }),
  surge: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 100 }).map((p) => `${p}%`)),
  maxUnavailable: fc.integer({ min: 1, max: 2 }),
  nodeSubnet: fc.nat({ max: 1 }),
});

const subnetArb = fc.record({
  prefixLength: fc.option(fc.integer({ min: 20, max: 28 }), { nil: undefined, freq: 3 }),
  reservedIps: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
});

const netArb = fc.record({
  plugin: fc.constantFrom(...PLUGINS),
  byo: fc.constantFrom('calico', 'flannel', 'cilium', 'weave'),
  spacePrefix: fc.integer({ min: 14, max: 22 }),
  podPrefix: fc.integer({ min: 12, max: 20 }),
  blockSize: fc.integer({ min: 24, max: 28 }),
  tier: fc.constantFrom('standard', 'standard', 'free'),
  pools: fc.array(poolArb, { minLength: 1, maxLength: 3 }),
  subnets: fc.array(subnetArb, { minLength: 3, maxLength: 3 }),
});

type NetSpec = typeof netArb extends fc.Arbitrary<infer T> ? T : never;

function toConfig(spec: NetSpec): Json {
  const podSubnet = spec.plugin === 'azure-cni-dynamic' || spec.plugin === 'azure-cni-static-block';
  const nodePools = spec.pools.map((p, i) => {
    const system = i === 0;
    const min = system ? Math.max(1, Math.min(p.a, p.b)) : Math.min(p.a, p.b);
    return {
      name: `p${i}`,
      mode: system ? 'System' : 'User',
      vmSize: 'Standard_D4s_v5',
      ...(p.autoscale ? { minCount: min, maxCount: Math.max(min, p.b) } : { count: Math.max(system ? 1 : 0, p.b) }),
      maxPods: p.maxPods,
      // maxSurge 0 goes with maxUnavailable (user pools only), as AKS requires: otherwise most plans fail on it
      ...(p.surge === undefined || (p.surge === 0 && system) ? {} : { maxSurge: p.surge }),
      ...(p.surge === 0 && !system ? { maxUnavailable: p.maxUnavailable } : {}),
      subnet: `n${p.nodeSubnet}`,
      ...(podSubnet ? { podSubnet: 'q0' } : {}),
    };
  });
  const used = new Set(nodePools.flatMap((p) => [p.subnet, ...('podSubnet' in p ? [p.podSubnet as string] : [])]));
  const subnets = ['n0', 'n1', 'q0']
    .map((name, i) => ({ name, ...spec.subnets[i] }))
    .filter((s) => used.has(s.name))
    .map(({ name, prefixLength, reservedIps }) => ({ name, ...(prefixLength ? { prefixLength } : {}), ...(reservedIps ? { reservedIps } : {}) }));
  const pods = `100.64.0.0/${spec.podPrefix}`;
  return {
    addressSpace: [`10.0.0.0/${spec.spacePrefix}`],
    plugin: spec.plugin,
    serviceCidr: '172.16.0.0/16',
    dnsServiceIP: '172.16.0.10',
    tier: spec.tier,
    ...(spec.plugin === 'azure-cni-overlay' || spec.plugin === 'kubenet' ? { podCidr: pods } : {}),
    ...(spec.plugin === 'azure-cni-static-block' ? { kubernetesVersion: '1.30' } : {}),
    ...(spec.plugin === 'none'
      ? { byoCni: { type: spec.byo, poolCidr: pods, ...(spec.byo === 'calico' ? { blockSize: spec.blockSize } : {}) } }
      : {}),
    subnets,
    nodePools,
  };
}

function plan(config: Json): Plan {
  const result = planFromConfig(config);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.issues)} for ${JSON.stringify(config)}`);
  return result.plan;
}

/** The config with every placed subnet pinned where the plan put it (a deployed subnet does not move). */
function pinned(config: Json, base: Plan): Json {
  const subnets = (config.subnets as Json[]).map((s, i) => {
    const cidr = base.subnets[i].cidr;
    if (!cidr) return s;
    const { prefixLength: _ignored, ...rest } = s;
    return { ...rest, cidr };
  });
  return { ...config, subnets };
}

/** The config with pool i at maxCount (or count) m, minCount lowered to m when it was above. */
function withPoolAt(config: Json, i: number, m: number): Json {
  const nodePools = (config.nodePools as Json[]).map((p, j) => {
    if (j !== i) return p;
    if (p.count !== undefined) return { ...p, count: m };
    return { ...p, maxCount: m, minCount: Math.min(p.minCount as number, m) };
  });
  return { ...config, nodePools };
}

const errors = (p: Plan) => p.findings.filter((f) => f.severity === 'error');
const where = (f: Pick<Finding, 'code' | 'path'>) => `${f.code} ${f.path}`;
const has = (p: Plan, code: string, path: string) => errors(p).some((f) => f.code === code && f.path === path);

describe('planner: forecast against the checks (property)', () => {
  const seen = { limitedBy: new Set<string>(), plugins: new Set<string>(), cleanBase: 0, failingBase: 0, subnetFigures: 0, podRangeFigures: 0 };

  /** The forecast of every pool, subnet and pod range of `config` against the checks. */
  function forecastAgreesWithChecks(config: Json, plugin: string): void {
    const base = plan(config);
    const fixed = pinned(config, base);
    expect(errors(plan(fixed)).map(where), 'pinning changes nothing').to.deep.equal(errors(base).map(where));
    seen.plugins.add(plugin);
    const clean = base.ok;
    if (clean) seen.cleanBase++;
    else seen.failingBase++;

    base.pools.forEach((p, i) => {
      const M = p.maxNodes;
      const h = p.headroomNodes;
      expect(p.runsOutAtNodes, p.name).to.equal(M + h + 1);
      expect(p.maxSafeMaxCount, p.name).to.equal(M + h);
      seen.limitedBy.add(p.limitedBy);
      // blockedBy (what the reports print instead of the numbers): an error of the plan as it is,
      // that no pool size clears or that is not about capacity; otherwise a negative headroom is
      // a capacity error that taking -h nodes away clears (checked below)
      if (p.blockedBy) {
        expect(h, p.name).to.be.below(0);
        expect(has(base, p.blockedBy, p.blockedByPath!), `${p.name} blockedBy ${p.blockedBy} ${p.blockedByPath}`).to.equal(true);
        expect(p.runsOutAtNodes === 0 || !CAPACITY_CODES.has(p.blockedBy as FindingCode), p.name).to.equal(true);
      } else if (h < 0) {
        expect(CAPACITY_CODES.has(p.limitedBy as FindingCode) && p.runsOutAtNodes > 0, `${p.name}: ${p.limitedBy}`).to.equal(true);
      }
      const atRunsOut = plan(withPoolAt(fixed, i, p.runsOutAtNodes));
      expect(has(atRunsOut, p.limitedBy, p.limitedByPath), `${p.name} at ${p.runsOutAtNodes}: ${p.limitedBy} ${p.limitedByPath} in ${errors(atRunsOut).map(where)}`).to.equal(true);
      if (clean) {
        // the contract, exactly: the largest k >= 0 with no error finding at all
        expect(h, p.name).to.be.at.least(0);
        const atSafe = plan(withPoolAt(fixed, i, M + h));
        expect(errors(atSafe).map(where), `${p.name} at ${M + h}`).to.deep.equal([]);
      } else if (h >= 0) {
        // only errors the pool cannot clear remain, and nothing new appears before runsOutAtNodes
        const before = new Set(errors(base).map(where));
        const atSafe = plan(withPoolAt(fixed, i, M + h));
        for (const f of errors(atSafe)) expect(before.has(where(f)), `${p.name} at ${M + h}: new ${where(f)}`).to.equal(true);
      } else if (h > -(M + 1)) {
        // taking -h nodes away clears the error that stops the pool
        const atSafe = plan(withPoolAt(fixed, i, M + h));
        expect(has(atSafe, p.limitedBy, p.limitedByPath), `${p.name} at ${M + h}`).to.equal(false);
      }
    });

    base.subnets.forEach((s) => {
      if (s.headroomNodes === null || s.runsOutAtNodes === null || s.forecastPool === null) return;
      seen.subnetFigures++;
      const i = base.pools.findIndex((p) => p.name === s.forecastPool);
      const path = `subnets[${base.subnets.indexOf(s)}]`;
      expect(has(plan(withPoolAt(fixed, i, s.runsOutAtNodes)), 'SUBNET_EXHAUSTED', path), `${s.name} at ${s.runsOutAtNodes}`).to.equal(true);
      if (s.runsOutAtNodes > 0) expect(has(plan(withPoolAt(fixed, i, s.runsOutAtNodes - 1)), 'SUBNET_EXHAUSTED', path), `${s.name} at ${s.runsOutAtNodes - 1}`).to.equal(false);
    });

    for (const r of base.podRanges) {
      seen.podRangeFigures++;
      const i = base.pools.findIndex((p) => p.name === r.forecastPool);
      const path = errors(plan(withPoolAt(fixed, i, r.runsOutAtNodes))).find((f) => f.code === 'POD_CIDR_EXHAUSTED' && !f.path.startsWith('nodePools'))?.path;
      expect(path, `${r.name} at ${r.runsOutAtNodes}`).to.not.equal(undefined);
      if (r.runsOutAtNodes > 0) expect(has(plan(withPoolAt(fixed, i, r.runsOutAtNodes - 1)), 'POD_CIDR_EXHAUSTED', path!), `${r.name} at ${r.runsOutAtNodes - 1}`).to.equal(false);
    }
  }

  it('every pool: no error at maxCount + headroomNodes, the limitedBy error at runsOutAtNodes', () => {
    fc.assert(
      fc.property(netArb, (spec) => forecastAgreesWithChecks(toConfig(spec), spec.plugin === 'none' ? `none/${spec.byo}` : spec.plugin)),
      RUNS,
    );
  });

  // Windows pools and the policy engines bring per-pool rules of their own (kubenet and BYO CNI refuse
  // Windows pools, Cilium runs Linux only), which the forecast's re-plan runs for the resized pool alone:
  // the oracle tests below vary them too
  const extrasArb = fc.record({
    windows: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    policy: fc.constantFrom(undefined, 'none', 'calico', 'cilium', 'azure'),
  });
  function withExtras(config: Json, extra: { windows: boolean[]; policy?: string }): Json {
    const nodePools = (config.nodePools as Json[]).map((p, i) => (extra.windows[i] ? { ...p, osType: 'Windows' } : p));
    return { ...config, nodePools, ...(extra.policy ? { networkPolicy: extra.policy } : {}) };
  }

  // The oracle of the forecast's shortcuts: the same search, every size it asks about re-planned
  // through the whole pipeline (every pool's own rules, nothing carried over from the plan, no size
  // taken as fitting on arithmetic alone). Every answer must be the same, blockedBy and the finding
  // that stops each pool included.
  const oracle: ForecastSearch = {
    replanner: (base, i, subnets, options) => (network, grown) => planAndCheck(network, base.context.demands.map((d, j) => (j === i ? grown : d)), subnets, options),
    arithmetic: false,
  };

  it('every pool: the same forecast as re-planning through the whole pipeline (the oracle)', () => {
    let pools = 0;
    fc.assert(
      fc.property(netArb, extrasArb, fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), (spec, extra, extraIps) => {
        const v = validateNetworkConfig(withExtras(toConfig(spec), extra));
        if (!v.ok) throw new Error(`rejected: ${JSON.stringify(v.issues)}`);
        const network = v.network;
        const base = planAndCheck(network, network.pools.map((p) => poolDemand(network, p)), network.subnets, extraIps ? { extraIps: new Map([['n0', extraIps]]) } : {});
        expect(forecastPools(network, base)).to.deep.equal(forecastPools(network, base, oracle));
        pools += network.pools.length;
      }),
      RUNS,
    );
    expect(pools).to.be.at.least(200);
  });

  // The forecast re-plans a pool hundreds of times through poolReplanner, which works out once what
  // does not change with the pool's size (who uses which subnet, the pod range's other users, the
  // sums over the other pools). The oracle is the whole pipeline, planAndCheck, with the pool resized:
  // same context (subnets, pod range, totals) and the same findings in the same order, at any size,
  // also with Windows pools, any policy engine and an extra address taken in a subnet.
  it('the incremental re-plan of a pool equals the whole pipeline at any size (poolReplanner against planAndCheck)', () => {
    const more = fc.record({
      extraIps: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      sizes: fc.array(fc.nat({ max: 1200 }), { minLength: 1, maxLength: 4 }),
    });
    let compared = 0;
    fc.assert(
      fc.property(netArb, extrasArb, more, (spec, extra, { extraIps, sizes }) => {
        const v = validateNetworkConfig(withExtras(toConfig(spec), extra));
        if (!v.ok) throw new Error(`rejected: ${JSON.stringify(v.issues)}`);
        const network = v.network;
        const demands = network.pools.map((p) => poolDemand(network, p));
        const options = extraIps ? { extraIps: new Map([['n0', extraIps]]) } : {};
        const base = planAndCheck(network, demands, network.subnets, options);
        network.pools.forEach((pool, i) => {
          // as the forecast re-plans: the pool's subnets, pinned where the plan put them; when one
          // could not be placed, carved again around every other placed subnet
          const own = network.subnets.filter((s) => s.name === pool.subnet || s.name === pool.podSubnet);
          const placed = new Map(base.context.subnets.flatMap((s) => (s.cidr ? [[s.subnet.name, s.cidr] as const] : [])));
          const pinned = own.map((s) => (placed.has(s.name) ? { ...s, cidr: placed.get(s.name), prefixLength: undefined } : s));
          const avoid = own.every((s) => placed.has(s.name)) ? [] : [...placed].filter(([name]) => !own.some((s) => s.name === name)).map(([, cidr]) => cidr);
          const replan = poolReplanner(base, i, pinned, { ...options, avoid });
          for (const m of [0, pool.maxNodes, pool.maxNodes + 1, ...sizes]) {
            const resized = resizePool(pool, m);
            const grownNetwork = { ...network, pools: network.pools.map((p) => (p === pool ? resized : p)) };
            const grown = poolDemand(grownNetwork, resized);
            const whole = planAndCheck(grownNetwork, demands.map((d, j) => (j === i ? grown : d)), pinned, { ...options, avoid, onlyPool: grown });
            const fast = replan(grownNetwork, grown);
            expect(fast.findings, `${pool.name} at ${m}`).to.deep.equal(whole.findings);
            expect(fast.context, `${pool.name} at ${m}`).to.deep.equal(whole.context);
            compared++;
          }
        });
      }),
      { numRuns: 80 },
    );
    expect(compared).to.be.at.least(500);
  });

  it('the generator is not vacuous: every plugin, clean and failing plans, several limits', () => {
    expect([...seen.plugins].length).to.be.at.least(8);
    expect(seen.cleanBase).to.be.at.least(40);
    expect(seen.failingBase).to.be.at.least(10);
    for (const code of ['SUBNET_EXHAUSTED', 'POD_CIDR_EXHAUSTED', 'NODE_LIMIT']) expect([...seen.limitedBy]).to.include(code);
    expect(seen.subnetFigures).to.be.at.least(50);
    expect(seen.podRangeFigures).to.be.at.least(20);
  });
});
