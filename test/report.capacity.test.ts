// Capacity cells (issue 18): every HEADROOM, RUNS OUT AT and SAFE MAX cell holds a number that means
// what its header says, or the finding that blocks the pool; subnet roles and the ingress front end;
// kubenet's route table. Each figure is checked in text, JSON, Markdown and HTML, and against the
// checks that decide pass/fail (the plan re-run at the size the report names).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plan } from '../planner/types';
import { roleText } from '../report/format';
import { renderHtml } from '../report/html';
import { renderJson } from '../report/json';
import { renderMarkdown } from '../report/markdown';
import type { PlanReport } from '../report/model';
import { renderText } from '../report/text';
import { aksnet, ROOT, scratchDir } from './cliHarness';
import { planOk } from './plannerHelpers';

type Json = Record<string, any>;

function report(plan: Plan, stack = 's'): PlanReport {
  return { stacks: [{ stack, file: `Pulumi.${stack}.yaml`, plan }], crossStackFindings: [] };
}

function allFormats(plan: Plan): { text: string; md: string; html: string; json: Json } {
  const r = report(plan);
  return { text: renderText(r), md: renderMarkdown(r), html: renderHtml(r), json: JSON.parse(renderJson(r)) };
}

/** The pool's row of the text report's "Node pools" table. */
function textPoolRow(text: string, pool: string): string {
  const table = text.slice(text.indexOf('Node pools'));
  return table.split('\n').find((l) => l.startsWith(`  ${pool} `))!;
}

function htmlPoolRow(html: string, pool: string): string {
  const m = new RegExp(`<tr class="pool-row[^"]*" data-pool="${pool}"[^>]*>(.*?)</tr>`).exec(html);
  return m![1];
}

const system = { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 2, maxCount: 3, maxPods: 30, subnet: 'nodes' };

describe('capacity cells: a number that means what its header says, or what blocks the pool', () => {
  it('a pool refused for maxPods shows the finding, never a negative headroom, in every format', () => {
    // big: maxPods 300 is outside AKS's 10..250 [learn.microsoft.com/azure/aks/azure-cni-overview]; the
    // subnet has room (a /22: 1,019 usable; system 4 x 31 + big 2 x 301 = 726), so only the setting fails
    const plan = planOk({
      addressSpace: ['10.1.0.0/16'],
      plugin: 'azure-cni',
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/22' }],
      nodePools: [system, { name: 'big', vmSize: 'Standard_D4s_v5', count: 1, maxPods: 300, subnet: 'nodes' }],
    });
    const big = plan.pools[1];
    expect(big.blockedBy).to.equal('MAX_PODS_OUT_OF_RANGE');
    // the figure agrees with the check: the plan has that error at that path
    expect(plan.findings.some((f) => f.severity === 'error' && f.code === big.blockedBy && f.path === big.blockedByPath)).to.equal(true);
    const { text, md, html, json } = allFormats(plan);
    const row = textPoolRow(text, 'big');
    expect(row).to.include('blocked: MAX_PODS_OUT_OF_RANGE');
    expect(row).not.to.match(/-\d+ nodes?|\s-1\s/);
    expect(md).to.include('| big | 1 | 1 | 300 | blocked: MAX_PODS_OUT_OF_RANGE | blocked | **blocked** | MAX_PODS_OUT_OF_RANGE (nodePools[1].maxPods) |');
    const hrow = htmlPoolRow(html, 'big');
    expect(hrow).to.include('blocked: MAX_PODS_OUT_OF_RANGE').and.not.include('>-');
    // JSON: the numeric fields keep their contract, and blockedBy says why they mean nothing
    expect(json.pools[1]).to.include({ blockedBy: 'MAX_PODS_OUT_OF_RANGE', blockedByPath: 'nodePools[1].maxPods', limitedBy: 'MAX_PODS_OUT_OF_RANGE' });
    // system is healthy: (1 + 30) per node; 1,019 - 726 = 293 free -> floor(293 / 31) = 9 more nodes
    expect(json.pools[0]).to.include({ headroomNodes: 9 }).and.not.have.property('blockedBy');
    expect(textPoolRow(text, 'system')).to.include('+9 nodes');
  });

  it('a pod range overlapping the VNet blocks the pool with CIDR_OVERLAP, not "-4 nodes"', () => {
    const plan = planOk({
      addressSpace: ['10.1.0.0/16'],
      plugin: 'azure-cni-overlay',
      podCidr: '10.1.0.0/22',
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
      nodePools: [system],
    });
    expect(plan.pools[0]).to.include({ blockedBy: 'CIDR_OVERLAP', blockedByPath: 'podCidr' });
    const { text, md, html } = allFormats(plan);
    expect(textPoolRow(text, 'system')).to.include('blocked: CIDR_OVERLAP').and.not.match(/-\d+ nodes/);
    expect(md).to.include('| blocked: CIDR_OVERLAP | blocked | **blocked** |');
    expect(htmlPoolRow(html, 'system')).to.include('blocked: CIDR_OVERLAP');
  });

  it('an over-full pool keeps its negative headroom: the nodes to take away, which the checks confirm', () => {
    // (10 + 1) x (1 + 30) + (3 + 1) x (1 + 10) = 341 + 44 = 385 > 251 usable in a /24. system fits at
    // m with (m + 1) x 31 <= 251 - 44 = 207: m + 1 <= 6, m = 5 -> headroom 5 - 10 = -5
    const network = {
      addressSpace: ['10.1.0.0/16'],
      plugin: 'azure-cni',
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
      nodePools: [
        { ...system, maxCount: 10 },
        { name: 'small', vmSize: 'Standard_D4s_v5', minCount: 3, maxCount: 3, maxPods: 10, subnet: 'nodes' },
      ],
    };
    const plan = planOk(network);
    expect(plan.pools[0]).to.include({ headroomNodes: -5, maxSafeMaxCount: 5, limitedBy: 'SUBNET_EXHAUSTED' }).and.not.have.property('blockedBy');
    const { text, md } = allFormats(plan);
    expect(textPoolRow(text, 'system')).to.match(/-5 nodes\s+6\s+5\s/);
    expect(md).to.include('| system (System) | 2..10 | 1 | 30 | -5 | 6 | **5** |');
    // the checks: maxCount 5 plans clean, 6 does not
    const at = (m: number) => planOk({ ...network, nodePools: [{ ...system, maxCount: m }, network.nodePools[1]] }).ok;
    expect([at(5), at(6)]).to.deep.equal([true, false]);
  });

  it('a subnet full even with its pool emptied says blocked, not -(maxCount + 1)', () => {
    // 260 reserved addresses > 251 usable in a /24: full at any size of system; demand 260 + (3 + 1) x 31 = 384,
    // 153% of 251, 133 over; the numbers would be -(3 + 1) nodes and runs out at 0
    const plan = planOk({ addressSpace: ['10.1.0.0/16'], plugin: 'azure-cni', subnets: [{ name: 'nodes', cidr: '10.1.0.0/24', reservedIps: 260 }], nodePools: [system] });
    expect(plan.subnets[0]).to.include({ headroomNodes: -4, runsOutAtNodes: 0, blockedBy: 'SUBNET_EXHAUSTED' });
    expect(plan.pools[0]).to.include({ blockedBy: 'SUBNET_EXHAUSTED', blockedByPath: 'subnets[0]' });
    const { text, md } = allFormats(plan);
    expect(text).to.match(/\n  nodes\s+10\.1\.0\.0\/24\s+nodes\s+251\s+384\s+-133\s+153%\s+blocked: SUBNET_EXHAUSTED\s+blocked\n/);
    expect(md).to.include('| nodes | `10.1.0.0/24` | nodes | 153% | 384 / 251 | blocked: SUBNET_EXHAUSTED | blocked |');
  });

  it('says "1 node", not "1 nodes"', () => {
    // a /27 has 32 - 5 = 27 usable; system (3 + 1) x 31 is too much, so: kubenet, 1 per node:
    // 4 nodes + 22 reserved = 26 of 27 -> 1 more node fits
    const plan = planOk({
      addressSpace: ['10.1.0.0/16'],
      plugin: 'kubenet',
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/27', reservedIps: 22 }],
      nodePools: [system],
    });
    const { text } = allFormats(plan);
    expect(plan.subnets[0].headroomNodes).to.equal(1);
    expect(text).to.include('+1 node ').and.not.include('1 nodes');
  });
});

describe('subnet roles and the ingress front end in every format', () => {
  let dir: string;
  let out: { text: string; md: string; html: string; json: Json };
  before(() => {
    dir = scratchDir();
    const prod = path.join(ROOT, 'Pulumi.prod.yaml');
    const html = path.join(dir, 'r.html');
    aksnet(['plan', '--today', '2026-12-04', prod, '--format', 'html', '--out', html]);
    out = {
      text: aksnet(['plan', '--today', '2026-12-04', prod]).stdout,
      md: aksnet(['plan', '--today', '2026-12-04', prod, '--format', 'markdown']).stdout,
      html: fs.readFileSync(html, 'utf8'),
      json: JSON.parse(aksnet(['plan', '--today', '2026-12-04', prod, '--format', 'json']).stdout),
    };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prod: the ingress and appgateway subnets say so, not "other"', () => {
    // Pulumi.prod.yaml declares ingress (purpose: ingress) and appgw (purpose: appgateway)
    expect(out.text).to.match(/\n  ingress\s+10\.40\.2\.0\/26 \*\s+ingress\s/).and.match(/\n  appgw\s+10\.40\.3\.0\/24 \*\s+appgateway\s/);
    expect(out.md).to.include('| ingress | `10.40.2.0/26` (carved) | ingress |').and.include('| appgw | `10.40.3.0/24` (carved) | appgateway |');
    expect(out.html).to.include('<tr class="subnet-row" data-subnet="ingress">').and.match(/data-subnet="appgw">.*?<td class="role">appgateway<\/td>/);
    expect(out.json.subnets.map((s: Json) => s.purpose)).to.deep.equal(['nodes', 'pods', 'ingress', 'appgateway']);
    for (const t of [out.text, out.md, out.html]) expect(t).not.to.match(/\bother\b/);
  });

  it('prod: the internal front-end IP (the ingress subnet\'s last usable address) is in every format', () => {
    // 10.40.2.0/26: last address .63 is Azure's broadcast, so the last usable is .62
    for (const t of [out.text, out.md, out.html]) expect(t).to.include('10.40.2.62');
    expect(out.html).to.include('<p class="ingress">Ingress: haproxy, internal: front-end IP 10.40.2.62 in subnet ingress');
    expect(out.json.ingress).to.include({ ip: '10.40.2.62', subnet: 'ingress', ipSource: 'last-usable' });
  });

  it('takes the role name from the purpose as written, so a new purpose shows its own name', () => {
    expect(roleText({ name: 'gw', role: 'other', purpose: 'agc' })).to.equal('agc');
    expect(roleText({ name: 'fe', role: 'other' }, { subnet: 'fe', controller: 'nginx' })).to.equal('ingress');
    expect(roleText({ name: 'n', role: 'nodes', purpose: 'nodes' }, { subnet: 'n', controller: 'nginx' })).to.equal('nodes+ingress');
    expect(roleText({ name: 'x', role: 'other' })).to.equal('other');
  });
});

describe('kubenet route table: nodes at maxCount plus surge against 400 routes', () => {
  // a /20 of nodes (1 address per node) and a /14 pod CIDR (1,024 /24s) leave routes as the binding limit
  const network = (appsMax: number) => ({
    addressSpace: ['10.1.0.0/16'],
    plugin: 'kubenet',
    podCidr: '10.200.0.0/14',
    subnets: [{ name: 'nodes', cidr: '10.1.0.0/20' }],
    nodePools: [system, { name: 'apps', vmSize: 'Standard_D4s_v5', minCount: 1, maxCount: appsMax, maxPods: 30, maxSurge: '10%', subnet: 'nodes' }],
  });

  it('counts the routes and forecasts where the table runs out, as the NODE_LIMIT check decides', () => {
    const plan = planOk(network(300));
    // routes: system 3 + 1 surge, apps 300 + 30 (10%) = 334 of 400. apps grows (1.1 routes a node):
    // m + ceil(m / 10) + 4 <= 400: m = 360 -> 360 + 36 + 4 = 400 fits; 361 -> 361 + 37 + 4 = 402 runs out
    expect(plan.routeTable).to.deep.equal({ used: 334, limit: 400, free: 66, utilization: 0.835, headroomNodes: 60, runsOutAtNodes: 361, forecastPool: 'apps' });
    expect(plan.pools[1]).to.include({ runsOutAtNodes: 361, limitedBy: 'NODE_LIMIT', limitedByPath: 'nodePools' });
    const routeError = (p: Plan) => p.findings.some((f) => f.code === 'NODE_LIMIT' && f.severity === 'error' && /route/.test(f.message));
    expect(routeError(planOk(network(360)))).to.equal(false);
    expect(routeError(planOk(network(361)))).to.equal(true);
  });

  it('is a row in text, Markdown, HTML (bar and forecast line) and JSON', () => {
    const plan = planOk(network(300));
    const { text, md, html, json } = allFormats(plan);
    expect(text).to.match(/Route table \(kubenet[^\n]*\n\s+ROUTES\s+LIMIT\s+FREE\s+USED\s+HEADROOM\s+RUNS OUT AT\n\s+334\s+400\s+66\s+84%\s+\+60 nodes\s+apps at 361/);
    expect(md).to.include('| one route per node, surge included | 84% | 334 / 400 | +60 | apps at 361 |');
    expect(html).to.include('data-kind="routes"').and.include('<g class="series" data-range="route table" data-pool="apps" data-exhausted-at="361"');
    expect(json.routeTable).to.include({ used: 334, limit: 400 });
    // not for other plugins
    expect(planOk({ ...network(3), plugin: 'azure-cni-overlay' }).routeTable).to.equal(undefined);
  });
});


describe('messages a reviewer can read', () => {
  it('the overlay pod range message explains AKS\'s one more node per pool at maxSurge 0', () => {
    // 10.244.0.0/21 holds 8 /24s. user: maxSurge 0, yet AKS counts maxCount + 1 = 13 /24s
    // (https://github.com/Azure/AKS/issues/4467); system: 3 + 1 surge = 4. 17 > 8
    const plan = planOk({
      addressSpace: ['10.10.0.0/16'],
      plugin: 'azure-cni-overlay',
      podCidr: '10.244.0.0/21',
      serviceCidr: '172.16.0.0/16',
      dnsServiceIP: '172.16.0.10',
      subnets: [{ name: 'nodes' }],
      nodePools: [
        { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, subnet: 'nodes' },
        { name: 'user', vmSize: 'Standard_D4s_v5', count: 12, maxSurge: 0, maxUnavailable: 1, subnet: 'nodes' },
      ],
    });
    const f = plan.findings.find((x) => x.code === 'POD_CIDR_EXHAUSTED')!;
    expect(f.message).to.include('holds 8 /24 blocks but the pools need 17');
    expect(f.message).to.include('user: 13 nodes (12 at maxCount + 1: AKS counts one more node per pool even at maxSurge 0) x 1 /24 block');
    expect(f.message).to.include('system: 4 nodes (3 + 1 surge) x 1 /24 block');
  });

  it('says "1 node" in capacity messages', () => {
    // a /29: 8 - 5 = 3 usable; one node of 1 + 30 addresses needs 31
    const plan = planOk({ addressSpace: ['10.1.0.0/16'], plugin: 'azure-cni', subnets: [{ name: 'nodes', cidr: '10.1.0.0/29' }], nodePools: [{ ...system, minCount: 1, maxCount: 1, maxSurge: 0, maxUnavailable: 1 }] });
    const f = plan.findings.find((x) => x.code === 'SUBNET_EXHAUSTED')!;
    expect(f.message).to.include('system: 1 node x 31');
  });
});
