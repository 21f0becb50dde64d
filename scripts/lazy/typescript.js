// `typescript` in dist/synth.js (scripts/build.js, alias): loaded on first use, as
// @pulumi/pulumi/typescript-shim.js loads it (the project's typescript, else the SDK's vendored
// copy). The SDK's function serializer parses functions with it; `aksnet synth` never serializes
// one, and loading TypeScript at import took about 150 ms.
'use strict';
const path = require('node:path');
const { lazyModule } = require('./lazyModule');

const nodeRequire = require; // a require esbuild leaves to Node: the package is not in the bundle
const TYPESCRIPT = 'typescript';
const SDK_PACKAGE = '@pulumi/pulumi/package.json';
module.exports = lazyModule(
  () => {
    try {
      return nodeRequire(TYPESCRIPT);
    } catch {
      const sdk = path.dirname(nodeRequire.resolve(SDK_PACKAGE));
      return nodeRequire(path.join(sdk, 'vendor', 'typescript@3.8.3', 'typescript.js'));
    }
  },
  { esModule: false },
);
