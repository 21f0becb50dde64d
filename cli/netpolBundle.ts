// The netpol commands (validate, reach) and the plan's connectivity live in their own bundle
// (dist/netpol.js, scripts/build.js), required only when one of them runs: `aksnet plan` of stacks
// without policy does not load ajv, kubernetes-models or the schemas. The bundle is loaded with V8's
// code cache as dist/aksnet.js is (scripts/codeCache.js): its CRD validators are generated code
// (netpol/schemas/generate-validators.js), large functions V8 would otherwise compile at every run.
import * as path from 'node:path';
import { shareModules } from './sharedModules';

declare const AKSNET_VERSION: string;

export type NetpolCli = typeof import('./netpolCli');

let loaded: NetpolCli | undefined;

export function netpolCli(): NetpolCli {
  shareModules();
  if (loaded) return loaded;
  if (typeof AKSNET_VERSION !== 'string') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (loaded = require(path.join(__dirname, 'netpolCli')) as NetpolCli);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadBundle } = require(path.join(__dirname, '..', 'scripts', 'codeCache.js')) as { loadBundle(file: string): { exports: NetpolCli; saveCache(): void } };
  const bundle = loadBundle(path.join(__dirname, 'netpol.js'));
  process.once('exit', () => bundle.saveCache());
  return (loaded = bundle.exports);
}
