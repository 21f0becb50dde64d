// Runs the documentation's example commands in one process (test/docExamples.test.ts): one node start
// and one load of the CLI bundle for all of them, instead of one process per command.
//
//   node test/docExampleRunner.js < [{ "cwd": "/abs/folder", "argv": ["migrate", ...] }, ...]
//   -> [{ "status", "stdout", "stderr", "output" }, ...]   (output: both streams in the order written)
//
// Each command calls the bundle's main(argv) with the working directory set to its cwd, as
// `bin/aksnet.js` would from that folder; writes to stdout and stderr are captured, not printed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const builder = require('../scripts/build.js');

const ROOT = path.resolve(__dirname, '..');

async function run() {
  const commands = JSON.parse(fs.readFileSync(0, 'utf8'));
  if (builder.isStale()) builder.build();
  const { main } = require(path.join(ROOT, 'dist', 'aksnet.js'));
  const realOut = process.stdout.write.bind(process.stdout);
  const realErr = process.stderr.write.bind(process.stderr);
  const results = [];
  for (const c of commands) {
    const r = { status: null, stdout: '', stderr: '', output: '' };
    process.stdout.write = (chunk, ...rest) => {
      r.stdout += String(chunk);
      r.output += String(chunk);
      return callbackOf(rest);
    };
    process.stderr.write = (chunk, ...rest) => {
      r.stderr += String(chunk);
      r.output += String(chunk);
      return callbackOf(rest);
    };
    process.chdir(path.resolve(ROOT, c.cwd));
    try {
      r.status = await main(c.argv);
    } catch (e) {
      r.status = 3;
      r.output += `runner: ${e && e.stack ? e.stack : e}\n`;
    } finally {
      process.stdout.write = realOut;
      process.stderr.write = realErr;
      process.chdir(ROOT);
    }
    results.push(r);
  }
  realOut(JSON.stringify(results));
}

/** write(chunk, [encoding], [callback]): call the callback as a stream would. */
function callbackOf(rest) {
  const cb = rest.find((a) => typeof a === 'function');
  if (cb) process.nextTick(cb);
  return true;
}

run().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
