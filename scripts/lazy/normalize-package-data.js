// `normalize-package-data` in dist/synth.js (scripts/build.js, alias): loaded on first use. The SDK's
// function serializer imports it (runtime/closure/codePaths.js, as `__importDefault(...)`, then
// calls `.default(data)`); its SPDX license tables took about 20 ms to load in every `aksnet synth`.
// `__esModule` reads false, so __importDefault wraps this module, and the call reaches the real function.
'use strict';
const { lazyModule } = require('./lazyModule');

const nodeRequire = require; // a require esbuild leaves to Node: the package is not in the bundle
const NORMALIZE = 'normalize-package-data';
module.exports = lazyModule(() => nodeRequire(NORMALIZE), { esModule: false, callable: true });
