// `aksnet synth` runs the Pulumi program from its own bundle, dist/synth.js (scripts/build.js): the
// program, @pulumi/pulumi and the providers in one file, compiled with V8's code cache beside it
// (scripts/codeCache.js) as the main bundle is. Loading the SDK from node_modules, about 1,200
// modules, each resolved, read and compiled at every run, was about a third of synth's CPU.
import * as path from 'node:path';
import { shareModules } from './sharedModules';

declare const AKSNET_VERSION: string;

export type SynthModule = typeof import('./synth');

export interface LoadedSynth {
  synth: SynthModule;
  /** Writes the code cache once synth has run (its functions are compiled by then); best effort. */
  saveCache(): void;
}

export function loadSynth(): LoadedSynth {
  // from sources (tests, ts-node): the modules themselves
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof AKSNET_VERSION !== 'string') return { synth: require('./synth') as SynthModule, saveCache: () => undefined };
  shareModules(); // the bundle takes zod from the main bundle (scripts/shared)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const codeCache = require(path.join(__dirname, '..', 'scripts', 'codeCache.js')) as {
    loadBundle(file: string): { exports: SynthModule; saveCache(): void };
  };
  const { exports, saveCache } = codeCache.loadBundle(path.join(__dirname, 'synth.js'));
  return { synth: exports, saveCache };
}
