// Runs the real CLI as a user would (node bin/aksnet.js ...), in a scratch directory when asked.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dump } from 'js-yaml';

export const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'aksnet.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function aksnet(args: string[], cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch folder (test/tmp.ts): the caller removes it, or uses useTempDir / withTempDir. */
export { makeTempDir as scratchDir } from './tmp';

/** Writes a Pulumi stack file holding this network object; returns its path. */
export function writeStack(dir: string, stack: string, network: unknown, extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, dump({ config: { 'aks-networking:network': network, ...extra } }));
  return file;
}

/** A stack trace in output is a bug: bad input must read as a sentence. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]\d+/m.test(text);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The same CLI in this process: `main(args)` from cli/main.ts with cwd set and stdout/stderr
 * captured. For tests that need only the output and the exit status; a process launch costs more
 * than most of them. What only a real process shows (the bin script, the bundles in dist/, an
 * escaped exception's stack trace, synth's Pulumi runtime) stays with aksnet() above.
 */
export function aksnetInProcess(args: string[], cwd = ROOT): Promise<CliRun> {
  const run = queue.then(() => runMain(args, cwd));
  queue = run.catch(() => undefined);
  return run;
}

async function runMain(args: string[], cwd: string): Promise<CliRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../cli/main') as typeof import('../cli/main');
  const captured = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const home = process.cwd();
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    process.chdir(cwd);
    const status = await main(args);
    return { status, ...captured };
  } finally {
    process.chdir(home);
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}
