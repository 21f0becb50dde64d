// npm run bench: planning time for a synthetic estate, `aksnet plan` cold start next to bare
// `node -e 0` measured in the same run (for that estate and for a 3,000-subnet VNet), `aksnet synth
// --stack prod`, and the reachability matrix of a large shared cluster. Prints figures and whether
// each target of issue 20 is met; asserts nothing (speed is not a test). docs/benchmarks.md says
// what each line measures and how to reproduce it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import { crossStackFindings } from '../planner/crossStack';
import { planNetwork } from '../planner/plan';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { diffPlans } from '../report/diff';
import { readPlanDocument } from '../report/diffInput';
import { renderDiff } from '../report/diffRender';
import { renderHtml } from '../report/html';
import { renderJson } from '../report/json';
import { largeVnet, syntheticEstate } from './estate';

const root = path.resolve(__dirname, '..');
const estate = syntheticEstate();

function planEstate(): number {
  const networks = estate.map(({ stack, network }) => {
    const v = validateNetworkConfig(network);
    if (!v.ok) throw new Error(`bench estate invalid: ${JSON.stringify(v.issues)}`);
    return { stack, network: v.network as ResolvedNetwork };
  });
  const plans = networks.map((n) => planNetwork(n.network));
  crossStackFindings(networks);
  return plans.reduce((n, p) => n + p.pools.length, 0);
}

function stats(samples: number[]): { median: number; p95: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))], min: s[0] };
}

function time(run: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    run();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

// 1. planning, in process (warm: the first runs pay for JIT, as a long-lived caller would not)
const pools = planEstate();
const nodes = estate.reduce((n, s) => n + s.network.nodePools.reduce((m, p) => m + (p.maxCount ?? 0), 0), 0);
time(planEstate, 5);
const planning = stats(time(planEstate, 30));
console.log(`estate: ${estate.length} stacks, ${pools} pools, ${nodes} nodes at maxCount`);
console.log(`planning (validate + plan + forecast + cross-stack): median ${ms(planning.median)}, p95 ${ms(planning.p95)}  [target < 10 ms median] ${planning.median < 10 ? 'MET' : 'MISSED'}`);

// 2. CLI cold start: the same estate as stack files, planned by `aksnet plan`, against bare node
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-bench-'));
const files = estate.map(({ stack, network }) => {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, dump({ config: { 'aks-networking:network': network } }));
  return file;
});
const bin = path.join(root, 'bin', 'aksnet.js');
spawnSync(process.execPath, [bin, '--version']); // build dist/ if stale, outside the measurement
// each child reports its own CPU time at exit: on a shared machine wall time swings with the load,
// CPU time much less
const probe = path.join(dir, 'cpu-probe.js');
fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\ncpu-ms:' + (process.cpuUsage().user + process.cpuUsage().system) / 1000 + '\\n'));\n");
interface Sample {
  wall: number;
  cpu: number;
}
const run = (args: string[]): Sample => runIn(undefined, args);
function runIn(cwd: string | undefined, args: string[]): Sample {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', probe, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: Number(/cpu-ms:([\d.]+)/.exec(r.stderr)?.[1]) };
}

// 3. Azure's largest VNet: 3,000 subnets, 100 pools (carving, checks and the forecast at scale)
const large = path.join(dir, 'Pulumi.large.yaml');
fs.writeFileSync(large, dump({ config: { 'aks-networking:network': largeVnet() } }));

const runs = 15;
const samples = { bare: [] as Sample[], cli: [] as Sample[], large: [] as Sample[] };
for (let i = 0; i < runs; i++) {
  // interleaved, so all see the same machine load
  samples.bare.push(run(['-e', '0']));
  samples.cli.push(run([bin, 'plan', ...files, '--format', 'json']));
  samples.large.push(run([bin, 'plan', large, '--format', 'json']));
}
const wall = (xs: Sample[]) => stats(xs.map((x) => x.wall));
const cpu = (xs: Sample[]) => stats(xs.map((x) => x.cpu));
const line = (what: string, xs: Sample[]) => console.log(`${what.padEnd(40)} wall median ${ms(wall(xs).median)}, min ${ms(wall(xs).min)}; cpu median ${ms(cpu(xs).median)}`);
const ratio = (what: string, xs: Sample[], target: number) => {
  const w = wall(xs).median / wall(samples.bare).median;
  const c = cpu(xs).median / cpu(samples.bare).median;
  // judged on CPU time, which the load of a shared machine disturbs least
  console.log(`${what}: ${c.toFixed(2)}x bare node (cpu), ${w.toFixed(2)}x (wall)  [target <= ${target}x cpu] ${c <= target ? 'MET' : 'MISSED'}`);
};
line('node -e 0:', samples.bare);
line('aksnet plan (3 files):', samples.cli);
line('aksnet plan (3,000 subnets, 100 pools):', samples.large);
ratio('cold start ratio', samples.cli, 1.5);
ratio('3,000-subnet ratio', samples.large, 2.5);

// 3b. `aksnet synth --stack prod`: the Pulumi program under mocks, cold, from the project folder
// (wall and CPU; judged on wall, as a user waits for it, with CPU beside it for a loaded machine)
{
  const synth: Sample[] = [];
  run([bin, 'synth', '--stack', 'prod']); // warms the code cache and the disk cache
  for (let i = 0; i < 5; i++) synth.push(runIn(root, [bin, 'synth', '--stack', 'prod']));
  line('aksnet synth --stack prod:', synth);
  console.log(`synth --stack prod: median ${ms(wall(synth).median)} wall, ${ms(cpu(synth).median)} cpu  [target < 1000 ms] ${wall(synth).median < 1000 ? 'MET' : cpu(synth).median < 1000 ? 'MET in cpu, MISSED in wall (machine load?)' : 'MISSED'}`);
}
fs.rmSync(dir, { recursive: true, force: true });

// 4. reachability: the full matrix of a large shared cluster, 10,000 pods in 100 namespaces under
// 1,000 policies (Kubernetes and Calico, three tiers: platform, security, default)
{
  // loaded here so sections 1-2 measure nothing of netpol
  const { buildReach } = require('../netpol/reach') as typeof import('../netpol/reach');
  const { decideMatrix } = require('../netpol/reachMatrix') as typeof import('../netpol/reachMatrix');
  const { netpolEstate } = require('./netpolEstate') as typeof import('./netpolEstate');
  const { pods, policies } = netpolEstate(100, 5, 20);
  const policyCount = policies.filter((p) => /Policy$/.test((p as { kind: string }).kind)).length;
  const matrix = () => {
    const m = decideMatrix(buildReach(policies, pods));
    return { conns: m.size, allowed: m.allowedCount(), bytes: m.byteLength };
  };
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  const rssBefore = process.memoryUsage().rss;
  const first = matrix();
  // CPU beside wall, as for synth: on a shared machine the wall time measures the other processes too
  const cpuMs = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const cpu: number[] = [];
  const m = stats(
    time(() => {
      const c = cpuMs();
      matrix();
      cpu.push(cpuMs() - c);
    }, 5),
  );
  const c = stats(cpu);
  const mem = process.memoryUsage();
  console.log(`reach matrix: ${pods.pods.length} pods, ${Object.keys(pods.namespaces).length} namespaces, ${policyCount} policies, ${first.conns} connections (${first.allowed} allowed)`);
  console.log(
    `reach matrix (build + decide all): median ${ms(m.median)} wall, ${ms(c.median)} cpu, min ${ms(m.min)}  [target < 1000 ms] ${m.median < 1000 ? 'MET' : c.median < 1000 ? 'MET in cpu, MISSED in wall (machine load?)' : 'MISSED'}`,
  );
  console.log(
    `reach matrix memory: the matrix ${(first.bytes / 1024).toFixed(0)} KiB (a bit row per source class); rss ${mib(mem.rss)} (${mib(mem.rss - rssBefore)} more than before it), heap used ${mib(mem.heapUsed)}, array buffers ${mib(mem.arrayBuffers)}`,
  );
}

// 5. reports, in process: the estate's HTML page, and `aksnet diff` of the estate's plan JSON
// against itself with the first pool of every stack grown by 10 nodes
function estateReport(grow: number) {
  const stacks = estate.map(({ stack, network }) => {
    const grown = { ...network, nodePools: network.nodePools.map((p, i) => (i === 0 && p.maxCount !== undefined ? { ...p, maxCount: p.maxCount + grow } : p)) };
    const v = validateNetworkConfig(grown);
    if (!v.ok) throw new Error(`bench estate invalid: ${JSON.stringify(v.issues)}`);
    return { stack, file: `Pulumi.${stack}.yaml`, plan: planNetwork(v.network) };
  });
  return { stacks, crossStackFindings: [] };
}
const baseReport = estateReport(0);
const baseDoc = readPlanDocument(JSON.parse(renderJson(baseReport)), 'default');
const headDoc = readPlanDocument(JSON.parse(renderJson(estateReport(10))), 'default');
if (!baseDoc.ok || !headDoc.ok) throw new Error('bench: plan JSON unreadable by aksnet diff');
const html = stats(time(() => renderHtml(baseReport), 20));
const diff = stats(time(() => renderDiff(diffPlans(baseDoc.document, headDoc.document), 'markdown'), 20));
console.log(`HTML report of the estate: median ${ms(html.median)} (${Math.round(renderHtml(baseReport).length / 1024)} KiB)`);
console.log(`aksnet diff of the estate (Markdown): median ${ms(diff.median)}`);
