// A module that loads only when first used. The bundles resolve some modules here (scripts/build.js,
// alias): in dist/synth.js, packages @pulumi/pulumi requires when it is imported, for its function
// serializer (TypeScript's parser, npm's package tools), which `aksnet synth` never calls under
// mocks (loading them cost about a quarter of synth's time); in dist/aksnet.js, commander's
// node:child_process. Whatever the requirer reads from such a module is the real module's, loaded on
// the first read, so nothing changes but when it loads.
'use strict';

/**
 * load: returns the real module (a plain `require` of a package left out of the bundle).
 * esModule: what `__esModule` reads before the module is loaded. TypeScript's `__importStar` reads
 * it at import time and, when it is false, copies every property (which would load the module).
 * callable: the module's export is a function (it can be called or constructed).
 */
function lazyModule(load, { esModule, callable = false }) {
  let real;
  const get = () => (real ??= load());
  // a bound function has no own `prototype`, which a proxy could not report as the real module's
  const target = callable ? function lazy() {}.bind(null) : {};
  return new Proxy(target, {
    get: (_, key) => (key === '__esModule' && real === undefined ? esModule : get()[key]),
    has: (_, key) => key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      return d && { ...d, configurable: true };
    },
    apply: (_, self, args) => Reflect.apply(get(), self, args),
    construct: (_, args) => Reflect.construct(get(), args),
    set: (_, key, value) => Reflect.set(get(), key, value),
  });
}

module.exports = { lazyModule };
