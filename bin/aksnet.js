#!/usr/bin/env node
// Entry point of `aksnet` (npm run aksnet, the package bin). Runs the esbuild bundle in dist/,
// rebuilding it first when a source is newer, so a fresh clone needs only `npm ci`.
'use strict';
const path = require('node:path');
const builder = require('../scripts/build.js');

if (builder.isStale()) builder.build();
const { exports: cli, saveCache } = require('../scripts/codeCache.js').loadBundle(path.join(__dirname, '..', 'dist', 'aksnet.js'));
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  saveCache();
});
