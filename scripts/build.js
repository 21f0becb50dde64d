// Builds the CLI into dist/ with esbuild: one bundle for `aksnet` (planner, reports, zod, ip-num,
// yaml, commander inlined, so start-up reads one file), and one for `synth` with the Pulumi SDK and
// providers inlined (loaded only when `aksnet synth` runs, with V8's code cache: scripts/codeCache.js).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['planner', 'cli', 'report', 'components', 'design', 'netpol', 'findings', 'usage'];
// node_modules/.package-lock.json: npm rewrites it at every install, and the bundles inline packages
// (dist/synth.js the whole Pulumi SDK), so a dependency that changed rebuilds them
const SOURCE_FILES = ['index.ts', 'package.json', 'scripts/build.js', 'scripts/lazy', 'node_modules/.package-lock.json'];
// Built-in modules dist/aksnet.js loads on first use rather than at start-up (scripts/lazy/child_process.js)
const LAZY_BUILTINS = { 'node:child_process': './scripts/lazy/child_process.js' };

// Packages @pulumi/pulumi requires at import for its function serializer, which `aksnet synth`
// never calls under mocks: in dist/synth.js they load on first use (scripts/lazy/lazyModule.js)
// from node_modules. TypeScript's parser and npm's package tools (arborist, pacote, sigstore, tar,
// glob, spdx tables) were a quarter of synth's time.
const SYNTH_LAZY = {
  typescript: './scripts/lazy/typescript.js',
  '@npmcli/arborist': './scripts/lazy/npmcli-arborist.js',
  'normalize-package-data': './scripts/lazy/normalize-package-data.js',
};

function build() {
  const esbuild = require('esbuild');
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  // V8 code caches of the old bundles (scripts/codeCache.js) must not outlive them
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'dist'))) if (f.endsWith('.v8cache') || f.endsWith('.v8cache.writes')) fs.rmSync(path.join(root, 'dist', f), { force: true });
  const common = { bundle: true, minify: true, keepNames: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', absWorkingDir: root, mainFields: ['module', 'main'] };
  // keepNames off for the CLI bundle: it wrapped every function and class in a naming call at load
  // (about 470, some 2 ms of CPU per start); nothing the CLI prints reads a minified name
  esbuild.buildSync({ ...common, keepNames: false, entryPoints: ['cli/main.ts'], outfile: 'dist/aksnet.js', define: { AKSNET_VERSION: JSON.stringify(version) }, alias: LAZY_BUILTINS });
  // `aksnet migrate` in its own bundle, required only when it runs (cli/main.ts)
  esbuild.buildSync({ ...common, entryPoints: ['cli/migrateCommand.ts'], outfile: 'dist/migrate.js' });
  // `aksnet usage` in its own bundle with packages external: the Azure SDKs load from node_modules,
  // only when it runs, so no other command's start-up pays for them
  esbuild.buildSync({ ...common, entryPoints: ['cli/usageCommand.ts'], outfile: 'dist/usage.js', packages: 'external' });
  // `aksnet explain` and the findings catalog in their own bundle, required only when it runs
  esbuild.buildSync({ ...common, entryPoints: ['cli/explainCommand.ts'], outfile: 'dist/explain.js' });
  // `aksnet synth`: the program with @pulumi/* and every other package inlined, so one file (compiled
  // once, then from its code cache) replaces about 1,200 module loads from node_modules. Left to
  // node_modules: what loads lazily (SYNTH_LAZY) and kubernetes-models, whose kinds netpol/k8sSchema.ts
  // requires by name when an object of that kind is checked.
  esbuild.buildSync({
    ...common,
    entryPoints: ['cli/synth.ts'],
    outfile: 'dist/synth.js',
    alias: SYNTH_LAZY,
  });
  // validate/reach: their own bundle, loaded only by those commands (ajv, kubernetes-models from
  // node_modules). zod is inlined, tree-shaken to the parts netpol uses: loading it from node_modules
  // cost about 40 ms, and handing over the main bundle's copy kept all of zod (locales, JSON Schema)
  // in dist/aksnet.js, which every command then loaded.
  // js-yaml too: required from node_modules it cost every plan with policy, validate and reach a second
  // copy's resolution and compile (dist/aksnet.js inlines its own); inlined, it is in the code cache
  const NETPOL_INLINED = ['zod', 'js-yaml'];
  esbuild.buildSync({ ...common, entryPoints: ['cli/netpolCli.ts'], outfile: 'dist/netpol.js', external: externalPackagesBut(NETPOL_INLINED) });
}

/** The package's dependencies as esbuild `external` patterns, but those named (which are inlined). */
function externalPackagesBut(inlined) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !inlined.includes(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

/** Every file the bundles are built from: the files below SOURCE_DIRS, and SOURCE_FILES (files or folders). */
function sourceFiles() {
  // bin/aksnet.js walks these at every start (about 190 files): one readdir with file types per
  // folder, indexed loops and string paths, which cost about a third less CPU than a stat per entry
  // through path.join under the CLI's --no-opt
  const files = [];
  const folder = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no such folder
    }
    for (let i = 0; i < entries.length; i++) {
      const p = `${dir}/${entries[i].name}`;
      if (entries[i].isDirectory()) folder(p);
      else files.push(p);
    }
  };
  for (let i = 0; i < SOURCE_DIRS.length; i++) folder(`${root}/${SOURCE_DIRS[i]}`);
  for (let i = 0; i < SOURCE_FILES.length; i++) {
    const p = `${root}/${SOURCE_FILES[i]}`;
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) folder(p);
    else if (st !== undefined) files.push(p);
  }
  return files;
}

/** Newest modification time among the sources the bundles are built from. */
function newestSource() {
  let newest = 0;
  const files = sourceFiles();
  for (let i = 0; i < files.length; i++) {
    const st = fs.statSync(files[i], { throwIfNoEntry: false });
    if (st !== undefined && st.mtimeMs > newest) newest = st.mtimeMs;
  }
  return newest;
}

function isStale() {
  try {
    return fs.statSync(path.join(root, 'dist/aksnet.js')).mtimeMs < newestSource();
  } catch {
    return true;
  }
}

module.exports = { build, isStale, sourceFiles, SOURCE_DIRS, SOURCE_FILES };
if (require.main === module) build();
