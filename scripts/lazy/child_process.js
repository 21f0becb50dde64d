// `node:child_process` in dist/aksnet.js (scripts/build.js, alias): loaded on first use. commander
// requires it at load to run executable subcommands, which aksnet has none of, and loading it (with
// node's net, dgram and stream modules) cost every command about 2 ms of CPU at start-up.
'use strict';
const { lazyModule } = require('./lazyModule');

// createRequire: a plain require of the name would resolve to this file again (the alias)
const nodeRequire = require('node:module').createRequire(__filename);
module.exports = lazyModule(() => nodeRequire('node:child_process'), { esModule: false });
