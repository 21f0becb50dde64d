// validateClusterConfig reads an absent or empty `aks-networking:cluster` without building the zod
// schema (design/clusterConfig.ts isEmptyConfig). That shortcut stands on one fact about the schema:
// whatever input isEmptyConfig accepts, the schema returns an empty object for it (every key optional,
// no defaults). These tests check the fact on random input, so a default added to the schema, or an
// input the shortcut takes that the schema would read otherwise, shows here.
import { expect } from 'chai';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { clusterConfigSchema, isEmptyConfig, validateClusterConfig } from '../design/clusterConfig';

const schemaReads = (raw: unknown) => z.safeParse(clusterConfigSchema(), raw ?? {});

describe('cluster config: the empty shortcut', () => {
  it('takes only input the schema reads as an empty object', () => {
    const nonEnumerable = Object.defineProperty({}, 'name', { value: 'x', enumerable: false });
    const symbolKeyed = { [Symbol('k')]: 1 };
    const inputs = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.constantFrom<unknown>(undefined, {}, Object.create(null), [], nonEnumerable, symbolKeyed, Object.create({ name: 'inherited' })),
    );
    fc.assert(
      fc.property(inputs, (raw) => {
        if (!isEmptyConfig(raw)) return;
        const parsed = schemaReads(raw);
        expect(parsed.success).to.equal(true);
        expect(Reflect.ownKeys(parsed.data as object)).to.deep.equal([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is taken for undefined, {} and a null-prototype object, not for any object with a key', () => {
    [undefined, {}, Object.create(null)].forEach((raw, i) => expect(isEmptyConfig(raw), `empty ${i}`).to.equal(true));
    [null, [], 'x', 0, { name: undefined }, { tags: {} }, Object.defineProperty({}, 'name', { value: 'x' }), { [Symbol('k')]: 1 }, new Date(0)].forEach((raw, i) =>
      expect(isEmptyConfig(raw), `not empty ${i}`).to.equal(false),
    );
  });

  it('gives the settings the schema path gives', () => {
    // `{ name: undefined }` is not taken by the shortcut (it has a key); the schema reads it as empty
    const viaSchema = validateClusterConfig({ name: undefined }, 'dev');
    for (const raw of [undefined, {}, Object.create(null)]) expect(validateClusterConfig(raw, 'dev')).to.deep.equal(viaSchema);
    // the defaults, from the code's documented rules: name aks-<stack>, resource group rg-<name>, wait 10m
    expect(viaSchema.ok && viaSchema.settings.name).to.equal('aks-dev');
    expect(viaSchema.ok && viaSchema.settings.resourceGroupName).to.equal('rg-aks-dev');
    expect(viaSchema.ok && viaSchema.settings.rolePropagationWait).to.equal('10m');
  });
});
