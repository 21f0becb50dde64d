// In dist/netpol.js, imports of 'zod/mini' resolve here (scripts/build.js, alias): the copy the main
// bundle published (cli/sharedModules.ts), or node_modules when the bundle runs without it.
'use strict';
const nodeRequire = require;
const name = 'zod/mini';
module.exports = globalThis[Symbol.for('aksnet:shared:' + name)] ?? nodeRequire(name);
