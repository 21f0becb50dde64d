// The HTML report (issue 10): what the page draws, measured in headless Chromium, and the forecast
// chart's exhaustion points against the planner's forecast (planner/forecast.ts), computed apart.
// Needs Debian's chromium (.ci/run installs it); without it this test fails, it never skips.
import { expect } from 'chai';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { planNetwork } from '../planner/plan';
import type { Plan } from '../planner/types';
import { validateNetworkConfig } from '../planner/validate';
import { forecastSeries } from '../report/forecastSeries';
import { esc, MAP_WIDTH, renderHtml } from '../report/html';
import { aksnetInProcess, ROOT, scratchDir, writeStack } from './cliHarness';
import { load } from 'js-yaml';

const CHROMIUM = '/usr/bin/chromium';
// page.evaluate callbacks run in the page; the project compiles without the DOM library
declare const document: any;

/** Hand-made estates: many small subnets in a big space (one nearly full), a BYO CNI, kubenet. */
const ESTATES: Record<string, unknown> = {
  // classic Azure CNI: every node reserves 1 + maxPods in its subnet [§3]
  classic: {
    addressSpace: ['10.60.0.0/16', '192.168.0.0/24'],
    plugin: 'azure-cni',
    networkPolicy: 'azure',
    serviceCidr: '172.16.0.0/16',
    dnsServiceIP: '172.16.0.10',
    subnets: [
      { name: 'system', cidr: '10.60.0.0/24', reservedIps: 12 },
      { name: 'apps', cidr: '10.60.4.0/22' },
      { name: 'tiny', cidr: '10.60.8.0/29' },
      { name: 'ilb', cidr: '192.168.0.64/27' },
      { name: 'far', cidr: '10.60.200.0/21' },
    ],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 5, maxPods: 30, subnet: 'system' },
      { name: 'apps', vmSize: 'Standard_D8ds_v5', minCount: 2, maxCount: 22, maxPods: 30, maxSurge: '20%', subnet: 'apps' },
      { name: 'web', vmSize: 'Standard_D4ds_v5', count: 1, maxPods: 60, subnet: 'apps' },
      { name: 'big', vmSize: 'Standard_D8ds_v5', minCount: 1, maxCount: 60, maxPods: 30, subnet: 'far' },
    ],
  },
  // Calico IPAM: /26 blocks, ceil(P / 64) per node [§3.3]
  calico: {
    addressSpace: ['10.70.0.0/20'],
    plugin: 'none',
    byoCni: { type: 'calico', poolCidr: '10.128.0.0/20', blockSize: 26 },
    serviceCidr: '10.96.0.0/16',
    dnsServiceIP: '10.96.0.10',
    subnets: [{ name: 'nodes', cidr: '10.70.0.0/24' }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, maxPods: 110, subnet: 'nodes' },
      { name: 'apps', vmSize: 'Standard_D8ds_v5', minCount: 1, maxCount: 10, maxPods: 30, subnet: 'nodes' },
    ],
  },
  // overlay: a /24 per node from the pod CIDR, and AKS counts maxCount + 1 even at maxSurge 0
  // (Azure/AKS#4467, rules §3): 16 blocks in a /20
  overlay: {
    addressSpace: ['10.80.0.0/22'],
    plugin: 'azure-cni-overlay',
    podCidr: '10.244.0.0/20',
    serviceCidr: '10.0.0.0/16',
    dnsServiceIP: '10.0.0.10',
    subnets: [{ name: 'nodes', cidr: '10.80.0.0/24' }],
    nodePools: [
      { name: 'burst', vmSize: 'Standard_D4ds_v5', minCount: 0, maxCount: 6, maxSurge: 0, maxUnavailable: 1, subnet: 'nodes' },
      { name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, subnet: 'nodes' },
    ],
  },
};

function bundledAndHandMade(dir: string): string[] {
  return [
    path.join(ROOT, 'Pulumi.dev.yaml'),
    path.join(ROOT, 'Pulumi.prod.yaml'),
    ...Object.entries(ESTATES).map(([name, network]) => writeStack(dir, name, network)),
  ];
}

function planOf(network: unknown) {
  const v = validateNetworkConfig(network);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return { plan: planNetwork(v.network), byoCni: v.network.byoCni };
}

function bundledNetwork(stack: string): unknown {
  return (load(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8')) as any).config['aks-networking:network'];
}

/** runsOutAtNodes of every range pools use, by the names the chart gives them. */
function plannedExhaustion(plan: Plan): Map<string, number> {
  return new Map([
    ...plan.subnets.filter((s) => s.runsOutAtNodes !== null).map((s): [string, number] => [`subnet ${s.name}`, s.runsOutAtNodes!]),
    ...plan.podRanges.map((r): [string, number] => [r.name, r.runsOutAtNodes]),
    ...(plan.routeTable ? [['route table', plan.routeTable.runsOutAtNodes] as [string, number]] : []),
  ]);
}

describe('HTML report: forecast series against the planner forecast', () => {
  const overflowing = {
    // (10 + 1) x (1 + 30) = 341 > 251 usable in a /24: already exhausted [§1, §3]
    addressSpace: ['10.1.0.0/16'],
    plugin: 'azure-cni',
    subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 2, maxCount: 10, maxPods: 30, subnet: 'nodes' },
      { name: 'small', vmSize: 'Standard_D4s_v5', minCount: 1, maxCount: 3, maxPods: 10, subnet: 'nodes' },
    ],
  };
  // 260 reserved addresses > 251 usable: full even with the pool emptied, so it runs out at maxCount 0
  const hopeless = { ...overflowing, subnets: [{ name: 'nodes', cidr: '10.1.0.0/24', reservedIps: 260 }] };
  const cases: Record<string, unknown> = { dev: bundledNetwork('dev'), prod: bundledNetwork('prod'), ...ESTATES, overflowing, hopeless };
  for (const [name, network] of Object.entries(cases)) {
    it(`${name}: every line crosses capacity at the range's runsOutAtNodes and starts at the demand without the grown pool`, async () => {
      const { plan, byoCni } = planOf(network);
      const expected = plannedExhaustion(plan);
      const series = forecastSeries(plan, byoCni);
      expect(series.map((s) => s.range)).to.have.members([...expected.keys()]);
      for (const s of series) {
        expect(s.exhaustedAtMaxCount, s.range).to.equal(expected.get(s.range));
        // the line ends at the runs-out point, or at the planned maxCount when the plan is past it
        const last = s.points[s.points.length - 1];
        expect(last.maxCount, s.range).to.equal(Math.max(s.exhaustedAtMaxCount, s.planned.maxCount));
        expect(s.points.find((p) => p.maxCount === s.exhaustedAtMaxCount)!.used, s.range).to.be.greaterThan(s.capacity);
        // below the runs-out point the line fits; from it on it is over capacity
        for (const p of s.points) expect(p.used > s.capacity, `${s.range} at ${p.maxCount}`).to.equal(p.maxCount >= s.exhaustedAtMaxCount);
        const subnet = plan.subnets.find((x) => `subnet ${x.name}` === s.range);
        if (subnet) {
          expect(s.pool).to.equal(subnet.forecastPool);
          // with the grown pool emptied, the line is the subnet's demand less what the plan says that
          // pool takes there: its node IPs, and its pod IPs where pods live in this subnet [§3]
          const p = plan.pools.find((x) => x.name === s.pool)!;
          const podsHere = p.podSubnet === subnet.name || (p.subnet === subnet.name && plan.network.plugin === 'azure-cni');
          const share = (p.subnet === subnet.name ? p.nodeIps : 0) + (podsHere ? p.podIps : 0);
          expect(s.points[0], s.range).to.deep.equal({ maxCount: 0, used: subnet.demand - share });
        }
      }
    });
  }

  it('prices the prod pod subnet by hand: apps grows with its 33% surge', async () => {
    const { plan } = planOf(bundledNetwork('prod'));
    const pods = forecastSeries(plan, undefined).find((s) => s.range === 'subnet aks-pods')!;
    // dynamic pod subnet: apps costs 16 * ceil((50 + 8) / 16) = 64 per node, the most [§3.1]; the
    // subnet's demand at maxCount 60 (+ 20 surge) is 7,520 of 16,384 - 5 = 16,379 usable [§1]
    expect(pods.pool).to.equal('apps');
    expect(pods.capacity).to.equal(16379);
    expect(pods.planned).to.deep.equal({ maxCount: 60, used: 7520 });
    // at maxCount m: 7,520 + (m + ceil(33% of m) - 80) x 64. m = 163: 163 + 54 = 217 -> 16,288 fits;
    // m = 164: 164 + 55 = 219 -> 16,416 > 16,379: runs out at 164 [§2: percentages round up]
    const at = (m: number) => pods.points.find((p) => p.maxCount === m);
    expect(pods.exhaustedAtMaxCount).to.equal(164);
    expect(at(164)!.used).to.equal(16416);
    expect(at(0)!.used).to.equal(7520 - 80 * 64);
  });

  it('prices the overlay pod range by hand: AKS counts maxCount + 1 /24s at maxSurge 0', async () => {
    const { plan } = planOf(ESTATES.overlay);
    const pods = forecastSeries(plan, undefined).find((s) => s.range === 'podCidr')!;
    // burst (first of the pools costing one /24 per node) grows: (m + 1) + system (3 + 1) blocks;
    // m + 5 > 16 first at m = 12
    expect(pods.pool).to.equal('burst');
    expect(pods.capacity).to.equal(16 * 256);
    expect(pods.exhaustedAtMaxCount).to.equal(12);
    expect(pods.points[pods.points.length - 1]).to.deep.equal({ maxCount: 12, used: 17 * 256 });
  });

  it('counts the one /24 AKS reserves for an overlay pool even at maxCount 0 (dev)', async () => {
    const { plan } = planOf(bundledNetwork('dev'));
    const pods = forecastSeries(plan, undefined).find((s) => s.range === 'podCidr')!;
    // dev: system 4 + 1 surge = 5 /24s, apps 20 + ceil(33% of 20) = 27: 32 blocks. apps grows: with its
    // 33% surge a node of apps costs 1.33 /24s, system's 1 (the forecast pool counts a percentage
    // surge's share). Emptied, apps still counts 0 + max(ceil(33% of 0), 1) = 1 [Azure/AKS#4467]:
    // 32 - 27 + 1 = 6
    expect(pods.pool).to.equal('apps');
    expect(pods.planned.used).to.equal(32 * 256);
    expect(pods.points[0]).to.deep.equal({ maxCount: 0, used: 6 * 256 });
  });

  it('prices a fixed-count pool that shares a subnet: web (count 1) grows, surge 1', async () => {
    const { plan } = planOf(ESTATES.classic);
    const apps = forecastSeries(plan, undefined).find((s) => s.range === 'subnet apps')!;
    // apps: 22 + ceil(20% of 22 = 4.4) = 27 nodes x (1 + 30) = 837; web: 1 + 1 = 2 nodes x (1 + 60) = 122;
    // 959 of 1,024 - 5 = 1,019 [§1, §3]. web costs most: count 0 -> 959 - 122 = 837 (no node, no surge);
    // count 1 -> 959; count 2 -> 3 nodes, 959 + 61 = 1,020 > 1,019
    expect(apps.pool).to.equal('web');
    expect(apps.points).to.deep.equal([{ maxCount: 0, used: 837 }, { maxCount: 1, used: 959 }, { maxCount: 2, used: 1020 }]);
    expect(apps.exhaustedAtMaxCount).to.equal(2);
  });
});

describe('HTML report: forecast series, property', () => {
  // random estates of every network model: the chart's exhaustion points are the plan's, always
  const plugins = ['azure-cni', 'azure-cni-dynamic', 'azure-cni-static-block', 'azure-cni-overlay', 'kubenet', 'none'] as const;
  const estateArb = fc.record({
    plugin: fc.constantFrom(...plugins),
    byo: fc.constantFrom('calico', 'flannel', 'cilium', 'weave'),
    nodePrefix: fc.integer({ min: 21, max: 27 }),
    podPrefix: fc.integer({ min: 14, max: 20 }),
    reservedIps: fc.integer({ min: 0, max: 40 }),
    pools: fc.array(fc.record({ max: fc.integer({ min: 1, max: 60 }), maxPods: fc.integer({ min: 10, max: 250 }), surge: fc.constantFrom<number | string>(1, 2, '10%', '33%', '100%') }), { minLength: 1, maxLength: 3 }),
  });
  it('every line ends at the runsOutAtNodes of its range', async () => {
    fc.assert(
      fc.property(estateArb, (e) => {
        const pods = e.plugin === 'azure-cni-dynamic' || e.plugin === 'azure-cni-static-block';
        const network = {
          addressSpace: ['10.0.0.0/12'],
          plugin: e.plugin,
          serviceCidr: '172.16.0.0/16',
          dnsServiceIP: '172.16.0.10',
          ...(e.plugin === 'azure-cni-overlay' || e.plugin === 'kubenet' ? { podCidr: `100.64.0.0/${e.podPrefix}` } : {}),
          ...(e.plugin === 'azure-cni-static-block' ? { kubernetesVersion: '1.30' } : {}),
          ...(e.plugin === 'none' ? { byoCni: { type: e.byo, poolCidr: `100.64.0.0/${e.podPrefix}` } } : {}),
          subnets: [{ name: 'nodes', prefixLength: e.nodePrefix, reservedIps: e.reservedIps }, ...(pods ? [{ name: 'pods', prefixLength: 16 }] : [])],
          nodePools: e.pools.map((p, i) => ({ name: `p${i}`, mode: i === 0 ? 'System' : 'User', vmSize: 'Standard_D4s_v5', minCount: 1, maxCount: p.max, maxPods: p.maxPods, maxSurge: p.surge, subnet: 'nodes', ...(pods ? { podSubnet: 'pods' } : {}) })),
        };
        const v = validateNetworkConfig(network);
        if (!v.ok) throw new Error(`generated an invalid config: ${JSON.stringify(v.issues)}`);
        const plan = planNetwork(v.network);
        const expected = plannedExhaustion(plan);
        const series = forecastSeries(plan, v.network.byoCni);
        expect(new Map(series.map((s) => [s.range, s.exhaustedAtMaxCount]))).to.deep.equal(expected);
      }),
      { numRuns: 150 },
    );
  });
});

describe('HTML report: the page', () => {
  it('is self-contained: no script, no remote style, font or image, a CSP that forbids loading any', async () => {
    const html = (await aksnetInProcess(['plan', '--today', '2026-12-04', '--format', 'html'])).stdout;
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).not.to.match(/<script|<link|@import|@font-face|\bsrc=|url\((?!#)/i);
    expect(html).to.include("default-src 'none'");
  });

  it('escapes every text taken from the config or the file system', async () => {
    const { plan } = planOf(ESTATES.calico);
    const evil = '<img src=x onerror=alert(1)>"&\'';
    plan.findings.push({ severity: 'warning', code: 'LOW_HEADROOM', path: evil, message: evil });
    plan.subnets[0].name = evil;
    const html = renderHtml({ stacks: [{ stack: evil, file: evil, plan }], crossStackFindings: [] });
    expect(html).not.to.include('<img');
    expect(html).to.include(esc(evil));
    expect(esc(evil)).to.equal('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;');
  });

  it('--format html --out writes the page and exits as plan does', async () => {
    const dir = scratchDir();
    try {
      const out = path.join(dir, 'report.html');
      const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--format', 'html', '--out', out]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.equal('');
      expect(fs.readFileSync(out, 'utf8')).to.include('data-stack="prod"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HTML report in headless Chromium', function () {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let plans: Record<string, Plan>;
  const requests: string[] = [];
  let url: string;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the HTML report test needs Debian's chromium (apt-get install chromium; .ci/run installs it)`);
    }
    dir = scratchDir();
    const files = bundledAndHandMade(dir);
    const out = path.join(dir, 'report.html');
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', ...files, '--format', 'html', '--out', out]);
    expect(r.status, r.stderr).to.equal(0);
    plans = JSON.parse((await aksnetInProcess(['plan', '--today', '2026-12-04', ...files, '--format', 'json'])).stdout).stacks;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('request', (req) => requests.push(req.url()));
    url = pathToFileURL(out).href;
    await page.goto(url);
  });

  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing but the page itself', async () => {
    expect(requests).to.deep.equal([url]);
  });

  it('draws every placed subnet at its CIDR, its width and offset proportional to its size and address', async () => {
    for (const [stack, plan] of Object.entries(plans)) {
      for (const spaceText of plan.network.addressSpace) {
        const drawn = await page.evaluate(
          ({ stack, spaceText }) => {
            const space = document.querySelector(`section[data-stack="${stack}"] g.space[data-cidr="${spaceText}"]`)!;
            const bar = space.querySelector('rect.free')!.getBoundingClientRect();
            return {
              bar: { x: bar.x, width: bar.width },
              size: Number(space.getAttribute('data-size')),
              subnets: [...space.querySelectorAll('g.subnet')].map((g) => {
                const box = g.querySelector('rect')!.getBoundingClientRect();
                return { name: g.getAttribute('data-subnet')!, cidr: g.getAttribute('data-cidr')!, x: box.x, width: box.width, title: g.querySelector('title')!.textContent! };
              }),
            };
          },
          { stack, spaceText },
        );
        expect(drawn.bar.width).to.be.closeTo(MAP_WIDTH, 0.01);
        const [spaceIp, spacePrefix] = spaceText.split('/');
        expect(drawn.size).to.equal(2 ** (32 - Number(spacePrefix)));
        const inSpace = plan.subnets.filter((s) => s.cidr && sameBlock(s.cidr, spaceIp, Number(spacePrefix)));
        expect(drawn.subnets.map((s) => [s.name, s.cidr]), `${stack} ${spaceText}`).to.deep.equal(inSpace.map((s) => [s.name, s.cidr]));
        for (const s of drawn.subnets) {
          const [ip, prefix] = s.cidr.split('/');
          // width / bar width = subnet size / space size; offset / bar width = (start - space start) / space size
          expect(s.width / drawn.bar.width, `${stack} ${s.name} width`).to.be.closeTo(2 ** (32 - Number(prefix)) / drawn.size, 1e-5);
          expect((s.x - drawn.bar.x) / drawn.bar.width, `${stack} ${s.name} offset`).to.be.closeTo((toInt(ip) - toInt(spaceIp)) / drawn.size, 1e-5);
          expect(s.title).to.include(s.cidr);
        }
      }
      // every subnet, placed or not, is listed with its CIDR
      const listed = await page.$$eval(`section[data-stack="${stack}"] tr.subnet-row`, (rows) => rows.map((r) => r.textContent ?? ''));
      expect(listed.length).to.equal(plan.subnets.length);
      plan.subnets.forEach((s, i) => expect(listed[i]).to.include(s.name).and.include(s.cidr ?? 'unplaced'));
    }
  });

  it('zooms on small subnets in a big space, still to scale', async () => {
    const zoom = await page.evaluate(() => {
      const g = document.querySelector('section[data-stack="dev"] g.zoom')!;
      const bar = g.querySelector('rect.free')!.getBoundingClientRect();
      const nodes = g.querySelector('g.subnet[data-subnet="aks-nodes"] rect')!.getBoundingClientRect();
      return { cidr: g.getAttribute('data-cidr'), ratio: nodes.width / bar.width };
    });
    // dev: aks-nodes 10.20.0.0/24 and ingress 10.20.1.0/27 fit in 10.20.0.0/23; a /24 is half of it
    expect(zoom).to.deep.equal({ cidr: '10.20.0.0/23', ratio: 0.5 });
  });

  it('draws the forecast of every range reaching the planned exhaustion point', async () => {
    for (const [stack, plan] of Object.entries(plans)) {
      const points = await page.evaluate((stack) => {
        const svg = document.querySelector(`section[data-stack="${stack}"] svg.forecast`)!;
        const box = svg.getBoundingClientRect();
        const origin = Number(svg.getAttribute('data-x-origin'));
        const perNode = Number(svg.getAttribute('data-px-per-node'));
        return [...svg.querySelectorAll('g.series')].map((g) => {
          const dot = g.querySelector('circle.exhaustion')!.getBoundingClientRect();
          const legend = document.querySelector(`section[data-stack="${stack}"] b.runs-out[data-range="${g.getAttribute('data-range')}"]`)!;
          return { range: g.getAttribute('data-range')!, maxCount: (dot.x + dot.width / 2 - box.x - origin) / perNode, legend: legend.textContent };
        });
      }, stack);
      const expected = plannedExhaustion(plan);
      expect(points.map((p) => p.range), stack).to.have.members([...expected.keys()]);
      for (const p of points) {
        expect(p.maxCount, `${stack} ${p.range}`).to.be.closeTo(expected.get(p.range)!, 0.01);
        expect(p.legend).to.equal(expected.get(p.range)!.toLocaleString('en-US'));
      }
    }
  });

  it('shows the pod range and the service range beside the map, and every pool with its headroom', async () => {
    const side = await page.$$eval('section[data-stack="calico"] g.side-range', (gs) => gs.map((g) => [g.getAttribute('data-kind'), g.getAttribute('data-cidr')]));
    expect(side).to.deep.equal([['pods', '10.128.0.0/20'], ['services', '10.96.0.0/16']]);
    for (const [stack, plan] of Object.entries(plans)) {
      const rows = await page.$$eval(`section[data-stack="${stack}"] tr.pool-row`, (trs) => trs.map((t) => t.textContent ?? ''));
      expect(rows.length).to.equal(plan.pools.length);
      plan.pools.forEach((p, i) => expect(rows[i]).to.include(p.name).and.include(`+${p.headroomNodes}`));
    }
  });
});

function toInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function sameBlock(cidr: string, spaceIp: string, spacePrefix: number): boolean {
  const block = 2 ** (32 - spacePrefix);
  return Math.floor(toInt(cidr.split('/')[0]) / block) === Math.floor(toInt(spaceIp) / block);
}

describe('HTML forecast and map in headless Chromium: an over-full plan, a blocked pool, and prod', function () {
  // system: (10 + 1) x (1 + 30) + small (3 + 1) x (1 + 10) = 385 of 251 usable in a /24: 153% used at
  // the plan; system fits while (m + 1) x 31 <= 251 - 44 = 207, so up to m = 5: it runs out at 6
  // (headroom 5 - 10 = -5). big asks maxPods 300 (AKS: 10..250): blocked whatever its size
  const overflowing = {
    addressSpace: ['10.1.0.0/16'],
    plugin: 'azure-cni',
    subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 2, maxCount: 10, maxPods: 30, subnet: 'nodes' },
      { name: 'small', vmSize: 'Standard_D4s_v5', minCount: 3, maxCount: 3, maxPods: 10, subnet: 'nodes' },
      { name: 'big', vmSize: 'Standard_D4s_v5', count: 1, maxPods: 300, subnet: 'nodes2' },
    ],
  };
  (overflowing.subnets as object[]).push({ name: 'nodes2', cidr: '10.1.8.0/22' });
  let dir: string;
  let browser: Browser;
  let page: Page;
  let plans: Record<string, Plan>;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium`);
    dir = scratchDir();
    const files = [path.join(ROOT, 'Pulumi.prod.yaml'), writeStack(dir, 'overflowing', overflowing)];
    const out = path.join(dir, 'report.html');
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', ...files, '--format', 'html', '--out', out]);
    expect(r.status, r.stderr).to.equal(1);
    plans = JSON.parse((await aksnetInProcess(['plan', '--today', '2026-12-04', ...files, '--format', 'json'])).stdout).stacks;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(out).href);
  });

  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Every marker of the forecast in SVG user units, with the view box and the plot area (data attributes). */
  async function markers(stack: string) {
    return page.evaluate((stack) => {
      const svg = document.querySelector(`section[data-stack="${stack}"] svg.forecast`)!;
      const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
      const at = (c: any) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')), fill: c.getAttribute('fill') });
      return {
        width,
        height,
        origin: Number(svg.getAttribute('data-x-origin')),
        perNode: Number(svg.getAttribute('data-px-per-node')),
        series: [...svg.querySelectorAll('g.series')].map((g: any) => ({
          range: g.getAttribute('data-range'),
          over: g.classList.contains('over'),
          planned: at(g.querySelector('circle.planned')),
          exhaustion: at(g.querySelector('circle.exhaustion')),
        })),
        band: (() => {
          const b = svg.querySelector('rect.over-capacity');
          return b ? { y: Number(b.getAttribute('y')), height: Number(b.getAttribute('height')), fill: b.getAttribute('fill') } : null;
        })(),
        words: svg.querySelector('text.over-capacity')?.textContent ?? '',
        legend: [...document.querySelectorAll(`section[data-stack="${stack}"] ul.legend li`)].map((li: any) => ({ over: li.classList.contains('over'), text: li.textContent })),
      };
    }, stack);
  }

  it('draws the planned point and the runs-out point inside the view box, at their maxCounts', async () => {
    for (const stack of ['overflowing', 'prod']) {
      const m = await markers(stack);
      expect(m.series.length, stack).to.be.greaterThan(0);
      for (const s of m.series) {
        for (const [what, p] of [['planned', s.planned], ['runs out', s.exhaustion]] as const) {
          expect(p.x, `${stack} ${s.range} ${what} x`).to.be.within(0, m.width);
          expect(p.y, `${stack} ${s.range} ${what} y`).to.be.within(0, m.height);
        }
      }
    }
    // overflowing: system planned at maxCount 10, the subnet runs out at 6: both on the axis
    const s = (await markers('overflowing')).series.find((x) => x.range === 'subnet nodes')!;
    const m = await markers('overflowing');
    // (coordinates are written to 3 decimals)
    expect((s.planned.x - m.origin) / m.perNode).to.be.closeTo(10, 0.01);
    expect((s.exhaustion.x - m.origin) / m.perNode).to.be.closeTo(plans.overflowing.subnets[0].runsOutAtNodes!, 0.01);
    expect(plans.overflowing.subnets[0].runsOutAtNodes).to.equal(6);
  });

  it('marks an over-full range in colour and in words', async () => {
    const m = await markers('overflowing');
    const nodes = m.series.find((x) => x.range === 'subnet nodes')!;
    expect(nodes.over).to.equal(true);
    expect(nodes.planned.fill).to.equal('#c62828');
    // the band above 100% is drawn and named
    expect(m.band!.height).to.be.greaterThan(0);
    expect(m.words).to.include('over capacity');
    // 385 of 251: 153% used, 134 over
    expect(m.legend.find((l) => l.text.startsWith('subnet nodes '))).to.deep.include({ over: true });
    expect(m.legend.find((l) => l.text.startsWith('subnet nodes '))!.text).to.include('over full at the planned maxCount 10: 153% used, 134 over');
    // prod fits: nothing is marked over
    expect((await markers('prod')).series.every((x) => !x.over)).to.equal(true);
    // the pool table: system is over by 5 nodes (red), big is blocked
    const states = await page.$$eval('section[data-stack="overflowing"] tr.pool-row', (trs) => trs.map((t) => [t.getAttribute('data-pool'), t.getAttribute('data-state'), t.querySelector('td.headroom')!.textContent]));
    expect(states).to.deep.include(['system', 'over', '-5']);
    expect(states).to.deep.include(['big', 'blocked', 'blocked: MAX_PODS_OUT_OF_RANGE']);
  });

  it('marks prod\'s ingress front-end IP on the map at its address, and names it', async () => {
    const marks = await page.evaluate(() =>
      [...document.querySelectorAll('section[data-stack="prod"] svg.address-map g.front-end')].map((g: any) => {
        const bar = g.closest('g.space, g.zoom');
        const box = g.querySelector('path').getBBox();
        return { ip: g.getAttribute('data-ip'), range: bar.getAttribute('data-cidr'), x: box.x + box.width / 2, title: g.querySelector('title').textContent };
      }),
    );
    // 10.40.2.62: the ingress /26's last usable address; in the zoom on 10.40.2.0/24 it is address 62 of
    // 256, drawn at the middle of its slot: (62 + 0.5) / 256 x 960 = 234.375
    const zoom = marks.find((m) => m.range === '10.40.2.0/24')!;
    expect(zoom).to.deep.include({ ip: '10.40.2.62', title: 'ingress front-end IP 10.40.2.62 (haproxy)' });
    expect(zoom.x).to.be.closeTo(((62 + 0.5) / 256) * MAP_WIDTH, 0.01);
    expect(marks.map((m) => m.range)).to.include('10.40.0.0/16');
  });

  it('labels every subnet of prod (a /23, a /26 and a /24 in a /16) inside its own rectangle, zooming as needed', async () => {
    const labelled = await page.evaluate(() => {
      const out: Record<string, boolean> = {};
      for (const g of document.querySelectorAll('section[data-stack="prod"] svg.address-map g.subnet') as any) {
        const name = g.getAttribute('data-subnet');
        const rect = g.querySelector('rect').getBBox();
        const texts = [...g.querySelectorAll('text')].map((t: any) => ({ text: t.textContent, box: t.getBBox() }));
        const inside = texts.length === 2 && texts.every((t) => t.box.x >= rect.x && t.box.x + t.box.width <= rect.x + rect.width);
        out[name] = out[name] || (inside && texts[0].text === name);
      }
      return out;
    });
    expect(labelled).to.deep.equal(Object.fromEntries(plans.prod.subnets.map((s) => [s.name, true])));
  });
});
