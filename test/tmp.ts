// The one way tests make scratch folders: under the OS temp folder, named `aksnet-test-<pid>-…`.
// And a net for every other way: isolateTempDir() (test/setup.ts, at load) points TMPDIR at a folder
// of this process alone, so whatever a test, the product or a child process it starts creates with
// os.tmpdir() lands there, whatever its name, and the guard in test/setup.ts fails the run when
// anything is still there at the end; other processes (other test runs, other programs) never
// write there, so their files cannot make the guard flaky.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The real OS temp folder; kept in the environment so mocha's worker processes, which inherit
 *  the main process's TMPDIR, still make their own folder beside it rather than inside it. */
const OS_TMPDIR = process.env.AKSNET_TEST_OS_TMPDIR ?? os.tmpdir();

/** Prefix of every scratch folder this process makes. */
export const TEMP_PREFIX = `aksnet-test-${process.pid}-`;

/** This process's temp folder for the run (TMPDIR, TMP and TEMP point here after isolateTempDir). */
export const RUN_TEMP_DIR = path.join(OS_TMPDIR, `${TEMP_PREFIX}run`);

/** Once per process, before any test: os.tmpdir() becomes RUN_TEMP_DIR (removed when the process exits). */
export function isolateTempDir(): void {
  if (process.env.TMPDIR === RUN_TEMP_DIR) return;
  fs.mkdirSync(RUN_TEMP_DIR, { recursive: true });
  process.env.AKSNET_TEST_OS_TMPDIR = OS_TMPDIR;
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = RUN_TEMP_DIR;
  process.once('exit', () => fs.rmSync(RUN_TEMP_DIR, { recursive: true, force: true }));
}

/** A new empty folder; the caller removes it (removeTempDir), or use useTempDir / withTempDir. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), TEMP_PREFIX));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh folder for each test of the calling describe block, removed after each test. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    if (dir) removeTempDir(dir);
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('useTempDir(): the folder exists only while a test runs');
    return dir;
  };
}

/** Runs `body` with a new folder and removes the folder afterwards, whatever happens. */
export function withTempDir<T>(body: (dir: string) => T): T {
  const dir = makeTempDir();
  let result: T;
  try {
    result = body(dir);
  } catch (e) {
    removeTempDir(dir);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => removeTempDir(dir)) as T;
  removeTempDir(dir);
  return result;
}

/** Whatever this process's tests left in the temp folder: every entry of RUN_TEMP_DIR once
 *  isolateTempDir() has run (any name: `x-…` as well as `aksnet-test-…`). */
export function leftoverTempDirs(): string[] {
  if (process.env.TMPDIR === RUN_TEMP_DIR && fs.existsSync(RUN_TEMP_DIR)) return fs.readdirSync(RUN_TEMP_DIR);
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(TEMP_PREFIX));
}
