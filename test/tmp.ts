// The one way tests make scratch folders: under the OS temp folder, named `aksnet-test-<pid>-…` so
// the guard in test/setup.ts can tell this process's folders from anyone else's (other test runs,
// other programs) and fail the run when one is left behind.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Prefix of every scratch folder this process makes. */
export const TEMP_PREFIX = `aksnet-test-${process.pid}-`;

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

/** Folders of this process still in the OS temp folder. */
export function leftoverTempDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(TEMP_PREFIX));
}
