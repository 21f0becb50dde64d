// The CRD validators of netpol/schemas/*-validators.js are ajv standalone code, generated once by
// netpol/schemas/generate-validators.js and committed, so no run compiles a schema. Pinned here:
// the committed files are what the generator writes from the committed schemas with the installed
// ajv (stale files fail), and each generated validator gives what ajv.compile of the closed schema
// gives, as the product did before: the same verdict, the same error objects (the findings are
// built from them, netpol/schemaErrors.ts) and the same defaults written into the object.
import { expect } from 'chai';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { loadAll } from 'js-yaml';
import { closeSchema } from '../netpol/schemas/closeSchema';

const SCHEMAS = path.join(__dirname, '..', 'netpol', 'schemas');
type Schema = Record<string, any>;
interface Group {
  file: string;
  crds: string;
  options: Options;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../netpol/schemas/generate-validators.js') as { GROUPS: Group[]; validatorFiles(): Record<string, string> };

describe('netpol/schemas: generated CRD validators', () => {
  it('the committed *-validators.js and .d.ts are what generate-validators.js writes today (run it after changing a schema or ajv)', () => {
    const files = generator.validatorFiles();
    expect(Object.keys(files).sort()).to.deep.equal(generator.GROUPS.flatMap((g) => [`${g.file}.d.ts`, `${g.file}.js`]).sort());
    for (const [file, text] of Object.entries(files)) {
      const committed = fs.readFileSync(path.join(SCHEMAS, file), 'utf8');
      expect(committed === text, `netpol/schemas/${file} is stale: run node netpol/schemas/generate-validators.js`).to.equal(true);
    }
  });

  /** Each (kind, version) of each group: the raw CRD schema and the generated validator the product uses for it. */
  function validatorsUnderTest(): { group: Group; label: string; schema: Schema; generated: ValidateFunction }[] {
    const out: { group: Group; label: string; schema: Schema; generated: ValidateFunction }[] = [];
    for (const group of generator.GROUPS) {
      const crds = JSON.parse(fs.readFileSync(path.join(SCHEMAS, group.crds), 'utf8')) as Schema;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(SCHEMAS, group.file)) as Record<string, any>;
      if (crds.kinds) {
        // Gateway API: every served version, through the version -> validator table the product reads
        for (const [kind, c] of Object.entries<Schema>(crds.kinds)) {
          for (const [version, schema] of Object.entries<Schema>(c.versions)) out.push({ group, label: `${kind} ${version}`, schema, generated: mod[mod.KINDS.kinds[kind].versions[version]] });
        }
      } else {
        for (const [kind, c] of Object.entries<Schema>(crds)) out.push({ group, label: kind, schema: c.schema, generated: mod[kind] });
      }
    }
    return out;
  }

  const JUNK: unknown[] = [null, 0, -1, 1.5, 70000, '', 'x', 'Not Valid!', 'a'.repeat(300), true, [], {}, ['x'], { bogus: 1 }];

  /** Strings of the shapes the CRD patterns describe (names, hostnames, controller names, origins, paths). */
  const NAMES = fc.constantFrom('gw', 'shop', 'shop.example.com', '*.example.com', 'example.com/gateway-controller', 'X-Header', 'https://a.example.com', '/api', 'IPAddress', 'Exact');

  /** Objects shaped by the schema, with wrong values, missing and unknown fields mixed in. */
  function shapedBy(s: Schema, depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof({ arbitrary: likeSchema(s, depth), weight: 8 }, { arbitrary: fc.constantFrom(...JUNK), weight: 1 });
  }
  function likeSchema(s: Schema, depth: number): fc.Arbitrary<unknown> {
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
    if (s['x-kubernetes-int-or-string'] || s.anyOf) return fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.string({ maxLength: 12 }));
    if (s.type === 'object' || s.properties) {
      if (!s.properties || depth > 5) return fc.dictionary(fc.constantFrom('app', 'name', 'x'), fc.string({ maxLength: 6 }), { maxKeys: 2 });
      const props = Object.fromEntries(Object.entries<Schema>(s.properties).map(([k, v]) => [k, shapedBy(v, depth + 1)]));
      return fc.tuple(fc.record(props, { requiredKeys: [] }), fc.option(fc.constantFrom('bogus', 'selecter', 'sectionNmae'), { freq: 6 })).map(([o, extra]) => (extra ? { ...o, [extra]: 'x' } : o));
    }
    if (s.type === 'array') return fc.array(s.items ? shapedBy(s.items as Schema, depth + 1) : fc.string({ maxLength: 4 }), { maxLength: 3 });
    if (s.type === 'integer' || s.type === 'number') return fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.constantFrom(s.minimum ?? 0, s.maximum ?? 1, 0.5));
    if (s.type === 'boolean') return fc.boolean();
    if (s.type === 'string' && typeof s.pattern === 'string') return fc.oneof(NAMES, fc.string({ maxLength: 12 }));
    return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a'.repeat(300), '10.0.0.0/8', 'TCP', 'Allow'));
  }

  /** The objects of the repository's own fixtures, by kind (valid ones, for the validators to pass too). */
  function fixtureObjects(): Schema[] {
    const dirs = ['calico', 'network-policy-api/admin_network_policy', 'network-policy-api/baseline_admin_network_policy', 'network-policy-api/api_integration'].map((d) => path.join(__dirname, 'fixtures', d));
    return dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.yaml')).flatMap((f) => loadAll(fs.readFileSync(path.join(d, f), 'utf8')) as Schema[]));
  }

  it('every generated validator gives ajv.compile’s verdict, error objects and defaults, on the fixtures and on objects shaped by each schema', () => {
    const fixtures = fixtureObjects();
    const keywords = new Set<string>();
    let passed = 0;
    let failed = 0;
    const cases = validatorsUnderTest();
    expect(cases.map((c) => c.label)).to.include.members(['GlobalNetworkPolicy', 'Tier', 'HTTPRoute v1', 'HTTPRoute v1beta1', 'GRPCRoute v1', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);
    const compilers = new Map<Group, Ajv>();
    for (const { group, label, schema, generated } of cases) {
      expect(generated, label).to.be.a('function');
      // the reference: what netpol/*Schema.ts did at every run before the validators were generated
      const ajv = compilers.get(group) ?? new Ajv(group.options);
      compilers.set(group, ajv);
      const compiled = ajv.compile(closeSchema(schema) as Schema);
      const same = (object: unknown) => {
        const a = JSON.parse(JSON.stringify(object ?? null)) as unknown;
        const b = JSON.parse(JSON.stringify(object ?? null)) as unknown;
        const verdict = generated(a);
        expect(verdict, label).to.equal(compiled(b));
        expect(generated.errors ?? null, label).to.deep.equal(compiled.errors ?? null);
        expect(a, `${label}: defaults`).to.deep.equal(b);
        if (verdict) passed++;
        else failed++;
        for (const e of (generated.errors ?? []) as ErrorObject[]) keywords.add(e.keyword);
      };
      const kind = label.split(' ')[0];
      for (const o of fixtures.filter((x) => x.kind === kind)) same(o);
      fc.assert(fc.property(shapedBy(schema), same), { numRuns: 40 });
    }
    // not vacuous: objects the schemas accept and refuse, for many kinds of reasons
    expect(passed, 'objects accepted').to.be.greaterThan(20);
    expect(failed, 'objects refused').to.be.greaterThan(100);
    expect([...keywords]).to.include.members(['type', 'required', 'enum', 'additionalProperties', 'pattern', 'maxLength', 'maximum', 'minItems', 'oneOf', 'anyOf']);
  });
});
