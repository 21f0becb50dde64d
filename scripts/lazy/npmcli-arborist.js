// `@npmcli/arborist` in dist/synth.js (scripts/build.js, alias): loaded on first use. The SDK's
// function serializer imports it (runtime/closure/codePaths.js) to find the packages a serialized
// function needs; `aksnet synth` never serializes a function, and npm's package tools (arborist,
// pacote, sigstore, tar, glob...) took about 100 ms to load.
//
// codePaths.js reads it as `__importStar(require("@npmcli/arborist")).Arborist`: `__esModule` reads
// true, so __importStar returns this module as it is instead of copying (loading) its properties,
// and `.Arborist` is the real class.
'use strict';
const { lazyModule } = require('./lazyModule');

const nodeRequire = require; // a require esbuild leaves to Node: the package is not in the bundle
const ARBORIST = '@npmcli/arborist';
module.exports = lazyModule(() => nodeRequire(ARBORIST), { esModule: true, callable: true });
