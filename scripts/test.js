// npm test: the type check (tsc --noEmit) and the mocha suite (parallel, .mocharc.json) run at the
// same time; the run fails when either fails. tsc's output is printed when it ends, mocha's as it
// comes, so mocha's closing "N passing / N failing" lines stay whole (.ci/run reads them).
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), file);

function run(name, args, stdio) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio });
    let out = '';
    if (stdio !== 'inherit') {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), out }));
  });
}

async function main() {
  const extra = process.argv.slice(2);
  const tsc = run('tsc --noEmit', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.'], ['ignore', 'pipe', 'pipe']);
  const mocha = run('mocha', [bin('mocha', 'bin/mocha.js'), ...extra], 'inherit');
  const [t, m] = await Promise.all([tsc, mocha]);
  if (t.out.trim()) process.stdout.write(`\n${t.name}:\n${t.out}`);
  process.stdout.write(`${t.name}: ${t.code === 0 ? 'no type errors' : `failed (exit ${t.code})`}\n`);
  process.exitCode = t.code !== 0 ? t.code : m.code;
}

main();
