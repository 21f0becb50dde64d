// Commands whose code only they use live in bundles of their own in dist/ (scripts/build.js), which
// the CLI requires when one of them runs: the netpol commands and the plan's connectivity
// (netpol.js: ajv, the CRD schemas), migrate, explain (the findings catalog), usage (the Azure
// SDKs) and synth (synth.js: the program with the Pulumi SDK and the providers inlined, about 1,200
// modules that took a third of synth's CPU to load from node_modules). Built, they load through
// scripts/codeCache.js as dist/aksnet.js does, so V8 compiles each once per build rather than at
// every start; from sources (tests, ts-node), the module itself.
import { join } from 'node:path';

declare const AKSNET_VERSION: string;

interface CodeCache {
  loadBundle(file: string): { exports: unknown };
}

/** `bundle` (e.g. 'netpol.js') in dist/, or its entry module (e.g. 'netpolCli') beside this file from sources. */
export function requireBundle<T>(bundle: string, source: string): T {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (typeof AKSNET_VERSION !== 'string') return require(join(__dirname, source)) as T;
  const codeCache = require(join(__dirname, '..', 'scripts', 'codeCache.js')) as CodeCache;
  return codeCache.loadBundle(join(__dirname, bundle)).exports as T;
  /* eslint-enable @typescript-eslint/no-require-imports */
}
