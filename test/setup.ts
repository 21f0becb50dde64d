// Global mocha setup (see .mocharc.json), loaded by the main mocha process and, with --parallel,
// by each worker. Nothing heavy loads at require time: the main process of a parallel run only
// schedules files, so it must not pay for @pulumi/*.
import fc from 'fast-check';
import * as os from 'node:os';
import { isolateTempDir, leftoverTempDirs, removeTempDir } from './tmp';
import * as path from 'node:path';

// Every fast-check property runs on one fixed seed, so a run is reproducible and assertions about
// what the generators produced ("not vacuous") hold on every run, not on most. To explore other
// inputs, change the seed here (or pass `{ seed }` to one fc.assert) and run the property files.
export const PROPERTY_SEED = 20261204;
fc.configureGlobal({ seed: PROPERTY_SEED });

// Before any test file loads: os.tmpdir() is a folder of this process alone (test/tmp.ts), so the
// guard below sees whatever is left there, whatever its name.
isolateTempDir();

/** Once per run, in the main process, before any worker starts: build dist/ for the CLI tests, so
 *  parallel workers never race to rebuild it (bin/aksnet.js rebuilds a stale bundle). */
export function mochaGlobalSetup(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const builder = require('../scripts/build.js') as { isStale(): boolean; build(): void };
  if (builder.isStale()) builder.build();
}

const guarded = new WeakSet<Mocha.Suite>();

export const mochaHooks = {
  beforeAll(this: Mocha.Context): void {
    // Pulumi mocks are process-wide: installed once per process (later calls do nothing) for
    // every test that runs the Pulumi program; components/mocks.ts is what `aksnet synth` uses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('../components/mocks') as typeof import('../components/mocks')).installMocks();
    // The temp-folder guard runs after every other after-all hook of the root suite, those a test
    // file declares at its top level included, so it is added now, after the files have loaded.
    const root = this.test?.parent;
    if (root && !guarded.has(root)) {
      guarded.add(root);
      root.afterAll('no scratch folder left in the OS temp folder', noTempLeftovers);
    }
  },
};

/** Runs after each file with --parallel, after the whole run without: anything this process's
 *  tests left in the temp folder (test/tmp.ts: any name, made by a test, the product or a child
 *  process) fails the run, after it is removed. */
function noTempLeftovers(): void {
  const left = leftoverTempDirs();
  for (const name of left) removeTempDir(path.join(os.tmpdir(), name));
  if (left.length > 0) {
    throw new Error(`tests left ${left.length} folder(s) in ${os.tmpdir()}: ${left.join(', ')}; remove them in after/afterEach or use useTempDir/withTempDir from test/tmp.ts`);
  }
}
