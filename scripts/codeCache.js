// Loads a bundle of dist/ with V8's code cache beside it (dist/NAME.js.COMMAND.v8cache): compiling the
// 270 KB CLI bundle on every start cost `aksnet plan` about as much CPU as planning an estate. Node 22
// has module.enableCompileCache(); Node 20 (engines) does not, so this does what it does for one
// file: compile with vm.Script and cachedData, and after the first run store the cache, which then
// holds the functions that run compiled too. The build deletes the caches (scripts/build.js), and a
// cache older than its bundle is not used.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const loaded = new Map(); // file -> { exports, saveCache }
const WRITES_KEPT = 8; // runs per command whose compiled functions the cache gathers (saveCache)
let variant = '';

/**
 * Keep a separate cache per command (bin/aksnet.js names it): V8 rejects a cache made under other
 * flags (`reach` and `synth` keep the optimizer the other commands turn off), and a cache holds the
 * functions the command that wrote it ran, so one shared file was rewritten at every switch between
 * commands and held another command's functions.
 */
function useVariant(name) {
  variant = name;
}

/** The bundle's exports, compiled with its code cache; a bundle is loaded once per process. */
function loadBundle(file) {
  if (!loaded.has(file)) loaded.set(file, compileBundle(file));
  return loaded.get(file);
}

/** Store the caches of the bundles this process loaded, once the command has run; best effort. */
function saveCaches() {
  for (const bundle of loaded.values()) bundle.saveCache();
}

function compileBundle(file) {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = variant ? `${file}.${variant}.v8cache` : `${file}.v8cache`;
  let cachedData;
  let writes = 0; // how many runs have written this cache (cacheFile.writes)
  try {
    if (fs.statSync(cacheFile).mtimeMs >= fs.statSync(file).mtimeMs) {
      cachedData = fs.readFileSync(cacheFile);
      writes = Number(fs.readFileSync(`${cacheFile}.writes`, 'utf8')) || 0;
    }
  } catch {
    // no cache, or no count: the cache is written again
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = true;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: mod.exports,
    /**
     * Store the cache once the command has run (its functions are compiled by then); best effort.
     * A cache holds the functions compiled in the process that wrote it: those it was loaded with and
     * those the run compiled besides. So the first WRITES_KEPT runs of a command each write it again,
     * and it becomes the union of what they ran (the first run alone, say a plan of one small stack,
     * would leave every later run compiling the rest); after that, runs only read it.
     */
    saveCache() {
      if (!fresh && writes >= WRITES_KEPT) return;
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile); // atomic: a CLI starting meanwhile reads the old cache or the new
        fs.writeFileSync(`${cacheFile}.writes`, String(fresh ? 1 : writes + 1));
      } catch {
        // a read-only install runs without the cache
      }
    },
  };
}

module.exports = { loadBundle, saveCaches, useVariant };
