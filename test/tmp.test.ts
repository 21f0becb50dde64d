// Tests leave nothing in the OS temp folder: every scratch folder comes from test/tmp.ts (named for
// this process), and test/setup.ts fails the run when one of them is still there at the end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { leftoverTempDirs, makeTempDir, removeTempDir, RUN_TEMP_DIR, TEMP_PREFIX, withTempDir } from './tmp';

describe('scratch folders (test/tmp.ts)', () => {
  it('no test file reaches the OS temp folder but through test/tmp.ts', () => {
    const offenders = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.ts') && !['tmp.ts', 'tmp.test.ts', 'setup.ts'].includes(f))
      .filter((f) => /\btmpdir\s*\(|TMPDIR|['"`]\/tmp\b/.test(fs.readFileSync(path.join(__dirname, f), 'utf8')));
    expect(offenders).to.deep.equal([]);
  });

  it('the guard sees a folder of this process left in the OS temp folder, and not once it is removed', () => {
    const dir = makeTempDir();
    try {
      expect(path.dirname(dir)).to.equal(os.tmpdir());
      expect(path.basename(dir).startsWith(TEMP_PREFIX)).to.equal(true);
      expect(leftoverTempDirs()).to.include(path.basename(dir));
    } finally {
      removeTempDir(dir);
    }
    expect(leftoverTempDirs()).to.not.include(path.basename(dir));
  });

  it('the guard also sees a folder made without test/tmp.ts, under a name of its own', () => {
    // what a careless test (or the product, or a child process) would do
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));
    try {
      expect(path.basename(dir).startsWith(TEMP_PREFIX)).to.equal(false);
      expect(leftoverTempDirs()).to.include(path.basename(dir));
      // and only this process's: the folder is not in the real OS temp folder's listing
      expect(os.tmpdir()).to.equal(RUN_TEMP_DIR);
      expect(fs.readdirSync(path.dirname(RUN_TEMP_DIR))).to.not.include(path.basename(dir));
    } finally {
      removeTempDir(dir);
    }
    expect(leftoverTempDirs()).to.not.include(path.basename(dir));
  });

  it('withTempDir removes its folder after the body, also when the body throws or rejects', async () => {
    let seen = '';
    withTempDir((d) => {
      seen = d;
      fs.writeFileSync(path.join(d, 'f'), 'x');
    });
    expect(fs.existsSync(seen)).to.equal(false);
    expect(() => withTempDir((d) => { seen = d; throw new Error('boom'); })).to.throw('boom');
    expect(fs.existsSync(seen)).to.equal(false);
    await withTempDir(async (d) => { seen = d; throw new Error('later'); }).then(() => expect.fail('resolved'), (e: Error) => expect(e.message).to.equal('later'));
    expect(fs.existsSync(seen)).to.equal(false);
  });
});
