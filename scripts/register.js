// The TypeScript transform for mocha (.mocharc.json) and npm run bench: esbuild through esbuild-register, several times
// faster to load the suite than ts-node. Types are checked by `tsc --noEmit` in npm test, not here.
// `await import('../x')` becomes require() as with tsc's CommonJS output (the sources import .ts
// files lazily that way, which Node's own import() cannot resolve).
'use strict';
require('esbuild-register/dist/node').register({ target: 'node20', supported: { 'dynamic-import': false } });
