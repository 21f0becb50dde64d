// npm run bench: planning time for a synthetic estate, and `aksnet plan` cold start next to bare
// `node -e 0` measured in the same run. Prints figures; asserts nothing (speed is not a test).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import { crossStackFindings } from '../planner/crossStack';
import { planNetwork } from '../planner/plan';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { syntheticEstate } from './estate';

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
console.log(`planning (validate + plan + cross-stack): median ${ms(planning.median)}, p95 ${ms(planning.p95)}  [target < 50 ms] ${planning.p95 < 50 ? 'MET' : 'MISSED'}`);

// 2. CLI cold start: the same estate as stack files, planned by `aksnet plan`, against bare node
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-bench-'));
const files = estate.map(({ stack, network }) => {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, dump({ config: { 'aks-networking:network': network } }));
  return file;
});
const bin = path.join(root, 'bin', 'aksnet.js');
spawnSync(process.execPath, [bin, '--version']); // build dist/ if stale, outside the measurement
const run = (args: string[]) => () => {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
};
const runs = 15;
const bare: number[] = [];
const cli: number[] = [];
for (let i = 0; i < runs; i++) {
  // interleaved, so both see the same machine load
  bare.push(...time(run(['-e', '0']), 1));
  cli.push(...time(run([bin, 'plan', ...files, '--format', 'json']), 1));
}
const b = stats(bare);
const c = stats(cli);
console.log(`node -e 0:             median ${ms(b.median)}, min ${ms(b.min)}`);
console.log(`aksnet plan (3 files): median ${ms(c.median)}, min ${ms(c.min)}`);
console.log(`cold start ratio: ${(c.median / b.median).toFixed(2)}x bare node  [target <= 3x] ${c.median <= 3 * b.median ? 'MET' : 'MISSED'}`);
fs.rmSync(dir, { recursive: true, force: true });

// 3. reachability: the full matrix for 1,000 pods in 20 namespaces under 200 policies (issue 8)
{
  // loaded here so sections 1-2 measure nothing of netpol
  const { buildReach, decideMatrix } = require('../netpol/reach') as typeof import('../netpol/reach');
  const { netpolEstate } = require('./netpolEstate') as typeof import('./netpolEstate');
  const { pods, policies } = netpolEstate();
  const policyCount = policies.filter((p) => /Policy$/.test((p as { kind: string }).kind)).length;
  const matrix = () => {
    const { allowed } = decideMatrix(buildReach(policies, pods));
    return { conns: allowed.length, allowed: allowed.reduce((s, a) => s + a, 0) };
  };
  const first = matrix();
  time(matrix, 1);
  const m = stats(time(matrix, 5));
  console.log(`reach matrix: ${pods.pods.length} pods, ${Object.keys(pods.namespaces).length} namespaces, ${policyCount} policies, ${first.conns} connections (${first.allowed} allowed)`);
  console.log(`reach matrix (build + decide all): median ${ms(m.median)}, min ${ms(m.min)}  [target < 1000 ms] ${m.median < 1000 ? 'MET' : 'MISSED'}`);
}
