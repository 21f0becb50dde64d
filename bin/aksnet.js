#!/usr/bin/env node
// Entry point of `aksnet` (npm run aksnet, the package bin). Runs the esbuild bundle in dist/,
// rebuilding it first when a source is newer, so a fresh clone needs only `npm ci`.
'use strict';
const path = require('node:path');

// A command that runs for a fraction of a second pays more for V8's optimizing compiler (TurboFan,
// on background threads) than it gets back: `aksnet plan` of the bench estate takes about a fifth
// less CPU without it, 3,000 subnets a quarter less (npm run bench, docs/benchmarks.md). `reach`
// keeps it: its matrix grows with pods x policies, where optimized code pays; so does `synth`,
// which runs the Pulumi SDK over every resource: with the optimizer its main thread (what wall
// time follows on an idle 2-core machine) did about 15% less work for --stack prod, the compile
// jobs running on the other core (docs/benchmarks.md, third pass).
const KEEPS_OPTIMIZER = new Set(['reach', 'synth']);
// Node compiles its own built-in modules from a code cache made under the default V8 flags, which V8
// refuses once a flag has changed: each built-in first required after --no-opt is compiled from
// source (node:crypto cost 4.1 ms of CPU after it, 1.5 ms before). So the built-ins the commands
// use are loaded first: vm and module (scripts/codeCache.js), process (commander), stdout's stream
// (every command prints), and node:crypto when JSON is asked for (its reports carry the Azure
// names, hashed).
const JSON_ASKED = process.argv.includes('json') || process.argv.includes('--format=json');
if (!KEEPS_OPTIMIZER.has(process.argv[2])) {
  require('node:vm');
  require('node:module');
  require('node:process'); // commander's
  void process.stdout;
  if (JSON_ASKED) require('node:crypto');
  require('node:v8').setFlagsFromString('--no-opt');
}

const builder = require('../scripts/build.js');
if (builder.isStale()) builder.build();
const codeCache = require('../scripts/codeCache.js');
// the commands of cli/main.ts; anything else (--help, a typo) shares one cache
const COMMANDS = ['plan', 'size', 'synth', 'diff', 'validate', 'reach', 'migrate', 'usage', 'explain'];
const HELP_OR_VERSION = ['-h', '--help', 'help', '-V', '--version'];
// JSON output (what CI and aksnet diff read) runs other code than the text reports: its own cache
codeCache.useVariant(`${COMMANDS.includes(process.argv[2]) ? process.argv[2] : 'other'}${JSON_ASKED ? '.json' : ''}`);
const cli = codeCache.loadBundle(path.join(__dirname, '..', 'dist', 'aksnet.js')).exports;
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // dist/aksnet.js's cache, and those of the command bundles it required (cli/commandBundle.ts),
  // from a run that got as far as its report (0: ok, 1: findings): a cache holds the functions the
  // run that wrote it compiled, and a run refused at its input (2) or asked for help compiles little
  // of the command, so a cache written then left the next runs compiling the rest (5 ms more CPU for
  // the bench estate after a cache written by a plan of a missing file: 93.2 against 88.7 ms)
  const helpOnly = process.argv.some((a) => HELP_OR_VERSION.includes(a));
  if ((code === 0 || code === 1) && !helpOnly) codeCache.saveCaches();
});
