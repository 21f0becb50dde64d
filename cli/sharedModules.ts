// Packages the main bundle (dist/aksnet.js) hands to the bundles it requires later (dist/netpol.js):
// `aksnet plan` of a stack with ingress or policy runs the program's checks from the netpol bundle,
// which would otherwise load a second zod from node_modules (about 40 ms of CPU at every such plan).
// scripts/build.js points the netpol bundle's imports of these names at `sharedModule` below, with
// node_modules as the fallback when the bundle runs on its own.
import * as zodMini from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/** The global slot a shared package sits in (a registered symbol: the same in every bundle). */
export const sharedSlot = (name: string): symbol => Symbol.for(`aksnet:shared:${name}`);

export const SHARED_MODULES: Readonly<Record<string, unknown>> = {
  'zod/mini': zodMini,
  'zod/v4/locales/en.js': { __esModule: true, default: en },
};

export function shareModules(): void {
  const slots = globalThis as unknown as Record<symbol, unknown>;
  for (const [name, exports] of Object.entries(SHARED_MODULES)) slots[sharedSlot(name)] ??= exports;
}
