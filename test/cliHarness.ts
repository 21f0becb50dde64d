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
