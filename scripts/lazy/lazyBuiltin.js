// dist/aksnet.js resolves some Node built-in modules that packages require at load time to the files
// beside this one (scripts/build.js, alias), which load the real module on first use instead:
// commander requires child_process to run executable subcommands, which aksnet has none of, and
// loading it (with node's net, dgram and stream modules) cost every command about 2 ms of CPU on a
// start-up of a few tens of milliseconds. Only for CommonJS requirers that read properties at call
// time: esbuild's interop copies an ES module import's properties at load, which would load it.
'use strict';
// createRequire: a plain require of the name would resolve to the alias again
const nodeRequire = require('node:module').createRequire(__filename);

/** A stand-in for `require(name)` that loads the module when a property is first read. */
function lazyBuiltin(name) {
  let loaded;
  const load = () => (loaded ??= nodeRequire(name));
  return new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
}

module.exports = { lazyBuiltin };
