// aksnet diff (issue 10): what a change does to each stack's plan, on hand-made before/after plan
// JSON and on real plans of the bundled prod stack. Expected figures come from the arithmetic next
// to them (rules §1-§3: https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning,
// https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { designStack } from '../design/stackDesign';
import { rotationFindings } from '../design/rotationPlan';
import type { Plan } from '../planner/types';
import { diffPlans } from '../report/diff';
import { readPlanDocument, type PlanDocument } from '../report/diffInput';
import { diffMarkdown, diffText } from '../report/diffRender';
import { aksnetInProcess, hasStackTrace, ROOT, scratchDir } from './cliHarness';

type Json = Record<string, any>;

/** A hand-made plan as `aksnet plan --format json` writes it, with only the fields that matter here. */
function planJson(overrides: Json = {}): Json {
  return {
    ok: true,
    findings: [],
    network: { plugin: 'azure-cni' },
    subnets: [
      subnet('nodes', '10.1.0.0/22', ['system', 'apps'], { usable: 1019, demand: 341, headroomNodes: 21, runsOutAtNodes: 33 }),
      subnet('ingress', '10.1.8.0/27', [], { usable: 27, demand: 0, headroomNodes: null, runsOutAtNodes: null }),
      subnet('legacy', '10.1.9.0/28', [], { usable: 11, demand: 0, headroomNodes: null, runsOutAtNodes: null }),
    ],
    podRanges: [],
    pools: [pool('system', { maxNodes: 5 }), pool('apps', { maxNodes: 5 }), pool('old', { maxNodes: 2 })],
    ...overrides,
  };
}

function subnet(name: string, cidr: string | null, pools: string[], figures: Json): Json {
  return { name, cidr, carved: false, purpose: 'nodes', role: 'nodes', total: 0, reserved: 5, free: 0, utilization: figures.usable ? Math.round((figures.demand / figures.usable) * 1e4) / 1e4 : 0, pools, nodes: 0, ...figures };
}

function pool(name: string, o: Json = {}): Json {
  return { name, mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', subnet: 'nodes', autoscale: true, minNodes: 1, maxNodes: 5, surgeNodes: 1, maxPods: 30, headroomNodes: 21, runsOutAtNodes: 27, limitedBy: 'subnet nodes', ...o };
}

function doc(value: unknown, name = 'default'): PlanDocument {
  const read = readPlanDocument(value, name);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.document;
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('aksnet diff: subnets', () => {
  it('lists subnets added and removed, and calls a start-address change moved, a prefix change resized', async () => {
    const base = planJson();
    const head = planJson({
      subnets: [
        // moved: a different first address, with pools in it -> error
        subnet('nodes', '10.1.4.0/22', ['system', 'apps'], { usable: 1019, demand: 341, headroomNodes: 21, runsOutAtNodes: 33 }),
        // resized: same first address, /27 -> /26, nothing planned in it -> warning
        subnet('ingress', '10.1.8.0/26', [], { usable: 59, demand: 0, headroomNodes: null, runsOutAtNodes: null }),
        subnet('private-endpoints', '10.1.10.0/28', [], { usable: 11, demand: 0, headroomNodes: null, runsOutAtNodes: null }),
      ],
    });
    const s = diffPlans(doc(base), doc(head)).stacks[0];
    expect(s.stack).to.equal('default');
    expect(s.subnets.added).to.deep.equal([{ name: 'private-endpoints', cidr: '10.1.10.0/28' }]);
    expect(s.subnets.removed).to.deep.equal([{ name: 'legacy', cidr: '10.1.9.0/28' }]);
    expect(s.subnets.moved.map((m) => [m.name, m.cidr.before, m.cidr.after])).to.deep.equal([['nodes', '10.1.0.0/22', '10.1.4.0/22']]);
    expect(s.subnets.resized.map((m) => [m.name, m.cidr.before, m.cidr.after])).to.deep.equal([['ingress', '10.1.8.0/27', '10.1.8.0/26']]);
    // usable 27 -> 59: 2^(32-26) - 5 = 59 [§1]
    expect(s.subnets.capacity.find((c) => c.name === 'ingress')!.usable).to.deep.equal({ before: 27, after: 59 });
    expect(s.diffFindings.map((f) => [f.code, f.severity, f.path])).to.deep.equal([
      ['SUBNET_MOVED', 'error', 'subnets.nodes'],
      ['SUBNET_RESIZED', 'warning', 'subnets.ingress'],
    ]);
    expect(s.diffFindings[0].message).to.include('system, apps');
  });

  it('a carved subnet that moves is as deployed as a pinned one: an error when pools run in it', async () => {
    const carved = (cidr: string) => planJson({ subnets: [{ ...subnet('nodes', cidr, ['system'], { usable: 251, demand: 100, headroomNodes: 4, runsOutAtNodes: 10 }), carved: true }] });
    const d = diffPlans(doc(carved('10.1.0.0/24')), doc(carved('10.1.1.0/24')));
    expect(d.ok).to.equal(false);
    expect(d.stacks[0].diffFindings[0]).to.include({ code: 'SUBNET_MOVED', severity: 'error' });
  });

  it('a subnet HEAD cannot place any more counts as moved', async () => {
    const head = planJson();
    head.subnets[0] = { ...head.subnets[0], cidr: null };
    const s = diffPlans(doc(planJson()), doc(head)).stacks[0];
    expect(s.subnets.moved.map((m) => m.cidr.after)).to.deep.equal([null]);
  });
});

describe('aksnet diff: pools', () => {
  it('lists pools added, removed, rotated (settings Azure cannot change in place) and updated in place', async () => {
    const base = planJson();
    const head = planJson({
      pools: [
        pool('system', { maxNodes: 5 }),
        // maxPods is fixed at pool creation [§4, §9]: a new Azure pool
        pool('apps', { maxNodes: 8, surgeNodes: 1, maxPods: 50 }),
        pool('gpu', { vmSize: 'Standard_NC6s_v3' }),
      ],
    });
    const s = diffPlans(doc(base), doc(head)).stacks[0];
    expect(s.pools.added).to.deep.equal(['gpu']);
    expect(s.pools.removed).to.deep.equal(['old']);
    expect(s.pools.rotated.map((r) => [r.name, r.changes])).to.deep.equal([['apps', ['maxPods 30 -> 50']]]);
    expect(s.pools.updated).to.deep.equal([{ name: 'apps', changes: ['maxCount 5 -> 8'] }]);
    expect(s.pools.headroom.map((h) => h.name)).to.deep.equal(['system', 'apps']);
  });

  it('rotates on a VM size, subnet or plugin pod IP mode change, and not on a count change', async () => {
    const rotatedBy = (change: Json, plugin = 'azure-cni') =>
      diffPlans(doc(planJson()), doc(planJson({ network: { plugin }, pools: [pool('system', { maxNodes: 5, ...change })] }))).stacks[0].pools.rotated.map((r) => r.changes).flat();
    expect(rotatedBy({ vmSize: 'Standard_D8s_v5' })).to.deep.equal(['vmSize Standard_D4s_v5 -> Standard_D8s_v5']);
    expect(rotatedBy({ subnet: 'nodes2' })).to.deep.equal(['subnet nodes -> nodes2']);
    expect(rotatedBy({ maxNodes: 50, minNodes: 3, surgeNodes: 5 })).to.deep.equal([]);
    // the same pool under a dynamic pod subnet gets DynamicIndividual pod IPs: a new pool [§3.2, §9]
    expect(rotatedBy({}, 'azure-cni-dynamic')).to.deep.equal(['podIpAllocation (none) -> DynamicIndividual']);
  });

  it('plan JSON agentPoolName is the name the Pulumi program gives each pool (bundled stacks)', async () => {
    for (const stack of ['dev', 'prod']) {
      const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
      const config = (load(fs.readFileSync(file, 'utf8')) as Json).config;
      const designed = designStack({ stack, networkRaw: config['aks-networking:network'], clusterRaw: config['aks-networking:cluster'] });
      if (!designed.ok) throw new Error(JSON.stringify(designed.findings));
      const plan = JSON.parse((await aksnetInProcess(['plan', file, '--format', 'json'])).stdout);
      expect(plan.pools.map((p: Json) => p.agentPoolName), stack).to.deep.equal(designed.design.pools.map((p) => p.agentPoolName));
    }
  });

  it('shows the Azure pool names the plan JSON carries, and treats a changed name as a rotation', async () => {
    const base = planJson({ pools: [pool('system', { agentPoolName: 'systemaaaaa' })] });
    const head = planJson({ pools: [pool('system', { agentPoolName: 'systembbbbb' })] });
    const r = diffPlans(doc(base), doc(head)).stacks[0].pools.rotated;
    expect(r).to.deep.equal([{ name: 'system', changes: ['Azure name systemaaaaa -> systembbbbb'], agentPoolName: { before: 'systemaaaaa', after: 'systembbbbb' } }]);
  });

  it('grows a pool in prod: headroom and runs-out-at before -> after, from real plans', async () => {
    const dir = scratchDir();
    try {
      const prod = load(fs.readFileSync(path.join(ROOT, 'Pulumi.prod.yaml'), 'utf8')) as Json;
      const network = prod.config['aks-networking:network'];
      fs.writeFileSync(path.join(dir, 'base.json'), (await aksnetInProcess(['plan', path.join(ROOT, 'Pulumi.prod.yaml'), '--format', 'json'])).stdout);
      network.nodePools.find((p: Json) => p.name === 'apps').maxCount = 90;
      fs.writeFileSync(path.join(dir, 'prod.json'), JSON.stringify(network));
      fs.writeFileSync(path.join(dir, 'head.json'), (await aksnetInProcess(['plan', path.join(dir, 'prod.json'), '--format', 'json'])).stdout);
      const r = await aksnetInProcess(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json'), '--stack', 'prod', '--format', 'json']);
      expect(r.status, r.stderr).to.equal(0);
      const s = JSON.parse(r.stdout).stacks[0];
      expect(s.stack).to.equal('prod');
      // dynamic pod subnet: 16 * ceil((P + 8) / 16) per node [§3.1]: system 48, apps 64, batch 48.
      // before: system 6 x 48 + apps (60 + 20) x 64 + batch (40 + 4) x 48 = 288 + 5,120 + 2,112 = 7,520
      // after:  apps maxCount 90, surge ceil(33% of 90) = 30 -> 120 x 64 = 7,680: 288 + 7,680 + 2,112 = 10,080
      const pods = s.subnets.capacity.find((c: Json) => c.name === 'aks-pods');
      expect(pods.demand).to.deep.equal({ before: 7520, after: 10080 });
      // /18: 16,384 - 5 = 16,379 usable. apps grows (64 per node, the most), its 33% surge with it:
      // 7,520 + (m + ceil(0.33 m) - 80) x 64 > 16,379 first at m + ceil(0.33 m) = 219, m = 164
      // (163 + 54 = 217 fits). After, 10,080 + (m + ceil(0.33 m) - 120) x 64: the same m = 164.
      // headroom = 164 - maxCount - 1: 103 -> 73 [§2: percentages round up]
      expect(pods.headroomNodes).to.deep.equal({ before: 103, after: 73 });
      expect(pods.runsOutAtNodes).to.deep.equal({ before: 164, after: 164 });
      expect(pods.forecastPool).to.equal('apps');
      const apps = s.pools.headroom.find((h: Json) => h.name === 'apps');
      expect(apps.headroomNodes).to.deep.equal({ before: 103, after: 73 });
      expect(apps.runsOutAtNodes).to.deep.equal({ before: 164, after: 164 });
      expect(apps.maxSafeMaxCount).to.deep.equal({ before: 163, after: 163 });
      expect(apps.limitedBy).to.deep.equal({ before: 'SUBNET_EXHAUSTED (subnet aks-pods)', after: 'SUBNET_EXHAUSTED (subnet aks-pods)' });
      expect(s.pools.updated).to.deep.equal([{ name: 'apps', changes: ['maxCount 60 -> 90', 'surge nodes 20 -> 30'] }]);
      expect(s.pools.rotated).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aksnet diff: pod ranges', () => {
  it('a pod range names the pool its runs-out figure follows, as a subnet does, in text and Markdown', () => {
    // overlay /16 of /24 blocks: 256 blocks. Before 32 in use, after 38 (a pool of 5 + 1 surge added);
    // the hand-made figures stand for the plan's: runs out when apps reaches 189, then 185
    const range = (demandBlocks: number, headroomNodes: number, runsOutAtNodes: number) => ({
      name: 'podCidr', cidr: '10.244.0.0/16', blockPrefixLength: 24, totalBlocks: 256, demandBlocks, freeBlocks: 256 - demandBlocks,
      utilization: Math.round((demandBlocks / 256) * 1e4) / 1e4, nodes: demandBlocks, headroomNodes, runsOutAtNodes, forecastPool: 'apps',
    });
    const d = diffPlans(doc(planJson({ podRanges: [range(32, 168, 189)] })), doc(planJson({ podRanges: [range(38, 164, 185)] })));
    expect(d.stacks[0].podRanges[0].forecastPool).to.equal('apps');
    expect(diffText(d)).to.match(/podCidr .*apps at 189 -> 185/);
    expect(diffMarkdown(d)).to.match(/\| podCidr \|.*apps at 189 → 185/);
  });
});

describe('aksnet diff: kubenet route table', () => {
  it('the route table is a row, as in the plan: routes used of the limit, its headroom and runs-out pool', () => {
    // kubenet: one route per node, surge included. apps maxCount 20 -> 30, surge ceil(33% x 20) = 7 ->
    // ceil(33% x 30) = 10: 13 routes more, 31 -> 44 of 400; 31/400 = 7.75% -> 8%, 44/400 = 11%
    const table = (used: number, headroomNodes: number) => ({ used, limit: 400, free: 400 - used, utilization: used / 400, headroomNodes, runsOutAtNodes: 298, forecastPool: 'apps' });
    const d = diffPlans(doc(planJson({ routeTable: table(31, 277) })), doc(planJson({ routeTable: table(44, 267) })));
    expect(d.stacks[0].status).to.equal('changed');
    expect(d.stacks[0].routeTable!.used).to.deep.equal({ before: 31, after: 44 });
    expect(diffText(d)).to.match(/route table +routes 31 -> 44 of 400 +- +8% -> 11% +\+277 -> \+267 +apps at 298/);
    expect(diffMarkdown(d)).to.include('| route table | routes 31 → 44 of 400 | - | 8% → 11% | +277 → +267 | apps at 298 |');
    // unchanged: no row, no change
    const same = diffPlans(doc(planJson({ routeTable: table(31, 277) })), doc(planJson({ routeTable: table(31, 277) })));
    expect(same.stacks[0].routeTable).to.equal(undefined);
    expect(same.stacks[0].status).to.equal('unchanged');
  });
});

describe('aksnet diff: findings and reachability', () => {
  it('lists findings new and resolved, matching on severity, code and path (not on figures in the message)', async () => {
    const f = (code: string, p: string, message: string, severity = 'warning') => ({ severity, code, path: p, message });
    const base = planJson({ findings: [f('LOW_HEADROOM', 'subnets[0]', '12% left'), f('MAX_PODS_DEFAULTED', 'nodePools[1]', 'set it')] });
    const head = planJson({ findings: [f('LOW_HEADROOM', 'subnets[0]', '9% left'), f('SUBNET_EXHAUSTED', 'subnets[1]', 'full', 'error')] });
    const d = diffPlans(doc(base), doc(head));
    expect(d.stacks[0].findings.new.map((x) => x.code)).to.deep.equal(['SUBNET_EXHAUSTED']);
    expect(d.stacks[0].findings.resolved.map((x) => x.code)).to.deep.equal(['MAX_PODS_DEFAULTED']);
    expect(d.ok).to.equal(false);
  });

  it('plans without reach: compares only the connections both sides list (one listed on one side only is unknown on the other, not lost or gained), and nothing when one lacks connectivity', () => {
    const c = (from: string, to: string, port: number, allowed: boolean) => ({ from, to, port, protocol: 'TCP', allowed });
    const base = planJson({ connectivity: [c('web', 'api', 8080, true), c('web', 'db', 5432, false), c('batch', 'api', 8080, true), c('web', 'gone', 80, true)] });
    const head = planJson({ connectivity: [c('web', 'api', 8080, true), c('web', 'db', 5432, true), c('batch', 'api', 8080, false), c('web', 'cache', 6379, true)] });
    const s = diffPlans(doc(base), doc(head)).stacks[0];
    // web->cache (head only) and web->gone (base only) are not compared
    expect(s.connectivity!.basis).to.equal('common');
    expect(s.connectivity!.gained.map((x) => `${x.from}->${x.to}:${x.port}`)).to.deep.equal(['web->db:5432']);
    expect(s.connectivity!.lost.map((x) => `${x.from}->${x.to}:${x.port}`)).to.deep.equal(['batch->api:8080']);
    expect(diffPlans(doc(planJson()), doc(head)).stacks[0].connectivity).to.equal(undefined);
    const md = diffMarkdown(diffPlans(doc(base), doc(head)));
    expect(md).to.include('- gained: `web` → `db` TCP/5432').and.include('- lost: `batch` → `api` TCP/8080');
    // and the reader is told what was compared
    expect(md).to.include('compared on the connections both plans list');
    expect(diffText(diffPlans(doc(base), doc(head)))).to.include('compared on the connections both plans list');
  });

  it('uses the reachability the caller computed over one endpoint set when given (plans with reach)', () => {
    const c = (from: string, to: string, port: number, allowed: boolean) => ({ from, to, port, protocol: 'TCP', allowed });
    const base = planJson({ connectivity: [c('web', 'api', 8080, true)] });
    const head = planJson({ connectivity: [c('web', 'api', 8080, false)] });
    const s = diffPlans(doc(base), doc(head), new Map([['default', { gained: [], lost: [c('web', 'api', 8080, false)] }]])).stacks[0];
    expect(s.connectivity!.basis).to.equal('union');
    expect(s.connectivity!.lost.map((x) => `${x.from}->${x.to}:${x.port}`)).to.deep.equal(['web->api:8080']);
  });
});

describe('aksnet diff: stacks', () => {
  it('matches stacks by name across multi-stack documents; a stack on one side only is added or removed', async () => {
    const base = { ok: true, stacks: { dev: planJson(), prod: planJson() }, findings: [] };
    const head = { ok: true, stacks: { prod: planJson(), test: planJson() }, findings: [] };
    const d = diffPlans(doc(base), doc(head));
    expect(d.stacks.map((s) => [s.stack, s.status])).to.deep.equal([['dev', 'removed'], ['prod', 'unchanged'], ['test', 'added']]);
  });

  it('names a single-stack document by --stack and picks one stack of a multi-stack one', async () => {
    const multi = { ok: true, stacks: { dev: planJson(), prod: planJson() }, findings: [] };
    const single = readPlanDocument(planJson(), 'prod', 'prod');
    expect(single.ok && [...single.document.stacks.keys()]).to.deep.equal(['prod']);
    const picked = readPlanDocument(multi, 'prod', 'prod');
    expect(picked.ok && [...picked.document.stacks.keys()]).to.deep.equal(['prod']);
    const missing = readPlanDocument(multi, 'qa', 'qa');
    expect(missing.ok).to.equal(false);
  });
});

describe('aksnet diff: CLI', () => {
  let dir: string;
  beforeEach(() => (dir = scratchDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on the bundled stacks against themselves, and says nothing changed', async () => {
    const plan = await aksnetInProcess(['plan', '--format', 'json']);
    const file = writeJson(dir, 'plan.json', JSON.parse(plan.stdout));
    const r = await aksnetInProcess(['diff', file, file]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include('Stack dev: no change').and.include('Stack prod: no change').and.match(/OK: 0 of 2 stacks changed\n$/);
  });

  it('exits 1 when HEAD has an error finding, and when the change moves a subnet pools run in', async () => {
    const failing = planJson({ ok: false, findings: [{ severity: 'error', code: 'SUBNET_EXHAUSTED', path: 'subnets[0]', message: 'full' }] });
    expect((await aksnetInProcess(['diff', writeJson(dir, 'a.json', planJson()), writeJson(dir, 'b.json', failing)])).status).to.equal(1);
    const moved = planJson();
    moved.subnets[0] = { ...moved.subnets[0], cidr: '10.1.4.0/22' };
    const r = await aksnetInProcess(['diff', writeJson(dir, 'a.json', planJson()), writeJson(dir, 'c.json', moved), '--format', 'markdown']);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/^## ❌ aksnet diff: 1 of 1 stack changed; 1 change Azure refuses/).and.include('❌ **SUBNET_MOVED**');
    // a warning-only change (an empty subnet resized) still exits 0
    const resized = planJson();
    resized.subnets[1] = { ...resized.subnets[1], cidr: '10.1.8.0/26' };
    expect((await aksnetInProcess(['diff', writeJson(dir, 'a.json', planJson()), writeJson(dir, 'd.json', resized)])).status).to.equal(0);
  });

  it('exits 2 with file: message [CODE] for unusable input, never a stack trace', async () => {
    const good = writeJson(dir, 'good.json', planJson());
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "ok": tru');
    const cases: [string[], RegExp][] = [
      [['diff', path.join(dir, 'none.json'), good], /none\.json: cannot read: no such file \[FILE_NOT_FOUND\]/],
      [['diff', good, path.join(dir, 'broken.json')], /broken\.json: .* \[INVALID_JSON\]/],
      [['diff', good, writeJson(dir, 'config.json', { addressSpace: ['10.0.0.0/16'] })], /config\.json: findings: expected array \[INVALID_PLAN\]/],
      [['diff', good, writeJson(dir, 'pool.json', planJson({ pools: [{ name: 'x' }] }))], /pool\.json: pools\[0\]\.mode: expected string \[INVALID_PLAN\]/],
      [['diff', writeJson(dir, 'multi.json', { stacks: { dev: planJson() } }), good, '--stack', 'prod'], /multi\.json: stacks: no stack "prod" \(it has dev\) \[INVALID_PLAN\]/],
      [['diff', good, good, '--format', 'yaml'], /'yaml'/],
      [['diff', good, writeJson(dir, 'two.json', { stacks: { dev: planJson(), prod: planJson() } })], /--stack: .*good\.json holds one stack's plan and the other several: name the stack to compare with --stack \[INVALID_ARGUMENT\]/],
      [['diff', dir, good], /is a directory; name a plan JSON file .* \[NOT_A_FILE\]/],
      [['diff', good, good, '--out', path.join(dir, 'missing', 'diff.md')], /--out: cannot write .*missing.* \[INVALID_ARGUMENT\]/],
      // plans carrying reach: the evaluator's input is checked, and the side it comes from named
      [
        ['diff', writeJson(dir, 'r1.json', planJson({ connectivity: [], reach: { engine: 'calico', objects: [], pods: { pods: [] } } })), writeJson(dir, 'r2.json', planJson({ connectivity: [], reach: { engine: 'calico', objects: [], pods: { pods: [{ namespace: 'a', name: 'p', labels: { 'a b': 'x' } }] } } }))],
        /r2\.json: stacks\.default\.reach\.pods\.pods\[0\]\.labels\.a b: label key "a b".* \[INVALID_PLAN\]/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await aksnetInProcess(args);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr).to.match(message);
      expect(hasStackTrace(r.stderr)).to.equal(false);
      expect(r.stdout).to.equal('');
    }
  });

  it('writes Markdown for a PR comment: verdict, per-stack tables, findings, and the unchanged stacks in one line', async () => {
    const base = { ok: true, stacks: { dev: planJson(), prod: planJson() }, findings: [] };
    const grown = planJson({ pools: [pool('system', { maxNodes: 5 }), pool('apps', { maxNodes: 9, headroomNodes: 17, runsOutAtNodes: 27 }), pool('old', { maxNodes: 2 })] });
    grown.findings = [{ severity: 'warning', code: 'LOW_HEADROOM', path: 'subnets[0]', message: '15% left' }];
    const head = { ok: true, stacks: { dev: planJson(), prod: grown }, findings: [] };
    const r = await aksnetInProcess(['diff', writeJson(dir, 'base.json', base), writeJson(dir, 'head.json', head), '--format', 'markdown']);
    expect(r.status, r.stderr).to.equal(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).to.equal('## ✅ aksnet diff: 1 of 2 stacks changed');
    expect(r.stdout).to.include('**dev**: no change').and.include('### prod');
    expect(r.stdout).to.include('| Pool | Change | Headroom (nodes) | Runs out at (maxCount) | Limited by |');
    expect(r.stdout).to.include('| apps | maxCount 5 → 9 | +21 → +17 | 27 | subnet nodes |');
    expect(r.stdout).to.include('- new ⚠️ **LOW_HEADROOM** `subnets[0]`: 15% left');
  });
});

describe('aksnet diff: the example in README.md and docs/cli.md', () => {
  it('is the real output of the diff it describes (prod: apps maxCount 60 -> 90, batch maxPods 30 -> 50)', async () => {
    const dir = scratchDir();
    try {
      fs.writeFileSync(path.join(dir, 'base.json'), (await aksnetInProcess(['plan', 'Pulumi.dev.yaml', 'Pulumi.prod.yaml', '--format', 'json'])).stdout);
      const prod = fs.readFileSync(path.join(ROOT, 'Pulumi.prod.yaml'), 'utf8');
      const changed = prod.replace('maxCount: 60', 'maxCount: 90').replace('maxPods: 30', 'maxPods: 50');
      expect(changed).not.to.equal(prod);
      fs.writeFileSync(path.join(dir, 'Pulumi.prod.yaml'), changed);
      fs.copyFileSync(path.join(ROOT, 'Pulumi.dev.yaml'), path.join(dir, 'Pulumi.dev.yaml'));
      fs.writeFileSync(path.join(dir, 'head.json'), (await aksnetInProcess(['plan', 'Pulumi.dev.yaml', 'Pulumi.prod.yaml', '--format', 'json'], dir)).stdout);
      const r = await aksnetInProcess(['diff', 'base.json', 'head.json', '--format', 'markdown'], dir);
      expect(r.status, r.stderr).to.equal(0);
      for (const doc of ['README.md', 'docs/cli.md']) expect(fs.readFileSync(path.join(ROOT, doc), 'utf8'), doc).to.include('```markdown\n' + r.stdout + '```\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aksnet diff: the rotation moment', () => {
  /** classic Azure CNI in a /23 (512 - 5 = 507 usable) [§1]; each node takes 1 + maxPods [§3] */
  const network = (appsMaxCount: number, appsMaxPods: number) => ({
    addressSpace: ['10.1.0.0/16'],
    plugin: 'azure-cni',
    subnets: [{ name: 'nodes', cidr: '10.1.0.0/23' }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 1, maxCount: 2, maxPods: 30, subnet: 'nodes' },
      { name: 'apps', vmSize: 'Standard_D4s_v5', minCount: 1, maxCount: appsMaxCount, maxPods: appsMaxPods, subnet: 'nodes' },
    ],
  });
  const planOf = async (dir: string, name: string, net: unknown) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(net));
    return JSON.parse((await aksnetInProcess(['plan', file, '--format', 'json'])).stdout);
  };
  /** What the Pulumi program finds for the same moment (design/rotationPlan.ts). */
  const programFindings = (base: Json, headNet: unknown, head: Json) => {
    const old = base.pools.find((p: Json) => p.name === 'apps');
    const leaving = [{ name: 'apps', agentPoolName: old.agentPoolName, osType: old.osType, vmSize: old.vmSize, maxPods: old.maxPods, subnet: old.subnet, maxNodes: old.maxNodes }];
    return rotationFindings(headNet, head as Plan, leaving).filter((f) => f.severity === 'error').map((f) => f.code);
  };

  it('is an error when the old pool and the new one do not fit together, as the program finds', async () => {
    const dir = scratchDir();
    try {
      // base: system 3 x 31 = 93, apps 9 x 31 = 279 -> 372. head (maxPods 40): 93 + 9 x 41 = 462 <= 507.
      // while apps rotates the old pool keeps 8 x 31 = 248 (deployed maxCount, no surge): 710 > 507
      const base = await planOf(dir, 'base', network(8, 30));
      const headNet = network(8, 40);
      const head = await planOf(dir, 'head', headNet);
      const s = diffPlans(doc(base), doc(head)).stacks[0];
      expect(s.pools.rotated.map((r) => r.name)).to.deep.equal(['apps']);
      expect(s.diffFindings.map((f) => [f.code, f.severity, f.path])).to.deep.equal([['ROTATION_EXHAUSTED', 'error', 'subnets.nodes']]);
      expect(s.diffFindings[0].message).to.include('462 + 248 = 710 > 507');
      expect(programFindings(base, headNet, head)).to.deep.equal(['SUBNET_EXHAUSTED']);
      // smaller: base apps 4 x 31 = 124 (217), head 93 + 4 x 41 = 257, moment + 3 x 31 = 93 -> 350 <= 507
      const smallBase = await planOf(dir, 'small-base', network(3, 30));
      const smallHeadNet = network(3, 40);
      const smallHead = await planOf(dir, 'small-head', smallHeadNet);
      expect(diffPlans(doc(smallBase), doc(smallHead)).stacks[0].diffFindings).to.deep.equal([]);
      expect(programFindings(smallBase, smallHeadNet, smallHead)).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("warns that BASE's first System pool cannot rotate (it was created with the cluster), and leaves it out of the moment", async () => {
    const base = planJson({ pools: [pool('system', { mode: 'System' }), pool('apps')] });
    const head = planJson({ pools: [pool('system', { mode: 'System', vmSize: 'Standard_D8s_v5' }), pool('apps')] });
    const s = diffPlans(doc(base), doc(head)).stacks[0];
    expect(s.diffFindings.map((f) => [f.code, f.severity, f.path])).to.deep.equal([['CLUSTER_REPLACEMENT', 'warning', 'nodePools.system']]);
  });
});

describe('aksnet diff: one-stack plans and added pools (issue 18)', () => {
  it('a one-stack plan JSON carries its stack name, and diff calls the stack by it, not "default"', async () => {
    const dir = scratchDir();
    try {
      const prod = path.join(ROOT, 'Pulumi.prod.yaml');
      const plan = JSON.parse((await aksnetInProcess(['plan', prod, '--format', 'json'])).stdout);
      expect(plan.stack).to.equal('prod');
      const base = writeJson(dir, 'base.json', plan);
      const text = (await aksnetInProcess(['diff', base, base])).stdout;
      expect(text).to.include('prod').and.not.match(/\bdefault\b/);
      // --stack still names it
      expect((await aksnetInProcess(['diff', base, base, '--stack', 'blue'])).stdout).to.include('blue');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two one-stack plans with different names are one stack before and after', () => {
    const s = diffPlans(doc({ ...planJson(), stack: 'a' }), doc({ ...planJson({ pools: [pool('system'), pool('apps', { maxNodes: 6, headroomNodes: 20 })] }), stack: 'b' })).stacks;
    expect(s.map((x) => [x.stack, x.status])).to.deep.equal([['b', 'changed']]);
    expect(s[0].pools.removed).to.deep.equal(['old']);
  });

  it('shows an added pool with its headroom in HEAD', () => {
    // HEAD adds "batch": 21 more nodes fit, it runs out at 27 (the hand-made figures of pool())
    const head = planJson({ pools: [...planJson().pools, pool('batch', { headroomNodes: 12, runsOutAtNodes: 18, limitedBy: 'SUBNET_EXHAUSTED', limitedByPath: 'subnets[0]' })] });
    const d = diffPlans(doc(planJson()), doc(head));
    expect(d.stacks[0].pools.addedHeadroom).to.deep.equal([{ name: 'batch', headroomNodes: 12, runsOutAtNodes: 18, limitedBy: 'SUBNET_EXHAUSTED (subnet nodes)' }]);
    expect(diffMarkdown(d)).to.include('| batch | added | +12 | 18 | SUBNET_EXHAUSTED (subnet nodes) |');
    // a blocked added pool says so
    const blocked = planJson({ pools: [...planJson().pools, pool('big', { headroomNodes: -3, runsOutAtNodes: 0, limitedBy: 'MAX_PODS_OUT_OF_RANGE', blockedBy: 'MAX_PODS_OUT_OF_RANGE' })] });
    expect(diffMarkdown(diffPlans(doc(planJson()), doc(blocked)))).to.include('| big | added | blocked: MAX_PODS_OUT_OF_RANGE | blocked | MAX_PODS_OUT_OF_RANGE |');
  });

  it('a pool HEAD blocks shows the finding, not a negative number, after the arrow', () => {
    // apps: maxPods 30 -> 300 (AKS: 10..250); before: +21 nodes, runs out at 27
    const head = planJson({ pools: [pool('system', { maxNodes: 5 }), pool('apps', { maxNodes: 5, maxPods: 300, headroomNodes: -6, runsOutAtNodes: 0, limitedBy: 'MAX_PODS_OUT_OF_RANGE', blockedBy: 'MAX_PODS_OUT_OF_RANGE' }), pool('old', { maxNodes: 2 })] });
    const md = diffMarkdown(diffPlans(doc(planJson()), doc(head)));
    const row = md.split('\n').find((l) => l.startsWith('| apps |'))!;
    expect(row).to.include('+21 → blocked: MAX_PODS_OUT_OF_RANGE').and.include('27 → blocked').and.not.include('-6');
  });
});
