// netpol/k8sModelsRuntime.ts stands in for the entry module of @kubernetes-models/validate (which
// loads formats and ajv-i18n locales no Kubernetes schema uses). Pinned here against the package
// itself: the same format definition objects under the same names, and runValidateFunc throwing
// the same error (class, errors, message) for the same objects; and that only the version it was
// written against is replaced.
import { expect } from 'chai';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lightValidateRuntime, STANDS_IN_FOR, validateEntry } from '../netpol/k8sModelsRuntime';

type Runtime = ReturnType<typeof lightValidateRuntime>;
type ValidateFn = Parameters<Runtime['runValidateFunc']>[0];

/** The package's own entry module, whatever require.cache holds for it now (left as it was). */
function packageRuntime(entry: string): Runtime {
  const cached = require.cache[entry];
  delete require.cache[entry];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(entry) as Runtime;
  } finally {
    if (cached) require.cache[entry] = cached;
    else delete require.cache[entry];
  }
}

const thrown = (f: () => void): Error | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e as Error;
  }
};

describe('netpol/k8sModelsRuntime: the stand-in for @kubernetes-models/validate', () => {
  const entry = validateEntry();
  const real = packageRuntime(entry);
  const light = lightValidateRuntime(entry);

  it(`is written against the installed version (${STANDS_IN_FOR}; another version loads as published)`, () => {
    const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
    expect(version).to.equal(STANDS_IN_FOR);
  });

  it('exports the same format definitions, the very same objects, under the same names', () => {
    expect(Object.keys(light.formats).sort()).to.deep.equal(Object.keys(real.formats).sort());
    for (const name of Object.keys(real.formats)) expect(light.formats[name], name).to.equal(real.formats[name]);
    // the names kubernetes-models' schemas use (node_modules/kubernetes-models/_schemas: int32, int64, double, byte, date-time, quantity)
    expect(Object.keys(light.formats)).to.include.members(['int32', 'int64', 'double', 'byte', 'date-time', 'quantity']);
  });

  it('runValidateFunc throws what the package throws: same class, same errors, same English message', () => {
    // the generated validate function NetworkPolicy's Model hands to runValidateFunc (not an export of the package: by path)
    const schemas = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { validate } = require(path.join(schemas, 'IoK8sApiNetworkingV1NetworkPolicy.js')) as { validate: ValidateFn };
    const junk = fc.constantFrom<unknown>(null, 1, -1, 70000, 'x', 'Bogus', true, [], {}, ['x'], { bogus: 1 });
    const port = fc.record({ port: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom('http', 'x'), junk), protocol: fc.oneof(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp'), junk), endPort: fc.oneof(fc.integer(), junk) }, { requiredKeys: [] });
    const selector = fc.oneof(fc.record({ matchLabels: fc.oneof(fc.dictionary(fc.constantFrom('app', 'x'), fc.oneof(fc.string({ maxLength: 4 }), junk), { maxKeys: 2 }), junk) }, { requiredKeys: [] }), junk);
    const rule = fc.record({ ports: fc.oneof(fc.array(port, { maxLength: 2 }), junk), from: fc.oneof(fc.array(fc.record({ podSelector: selector, ipBlock: fc.oneof(fc.record({ cidr: fc.oneof(fc.constant('10.0.0.0/8'), junk) }), junk) }, { requiredKeys: [] }), { maxLength: 2 }), junk) }, { requiredKeys: [] });
    const object = fc.record(
      {
        apiVersion: fc.oneof(fc.constant('networking.k8s.io/v1'), junk),
        kind: fc.oneof(fc.constant('NetworkPolicy'), junk),
        metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constant('db'), junk), creationTimestamp: fc.oneof(fc.constant('2026-12-05T00:00:00Z'), junk) }, { requiredKeys: [] }), junk),
        spec: fc.oneof(fc.record({ podSelector: selector, policyTypes: fc.oneof(fc.array(fc.constantFrom('Ingress', 'Egress', 'Both'), { maxLength: 2 }), junk), ingress: fc.oneof(fc.array(rule, { maxLength: 2 }), junk) }, { requiredKeys: [] }), junk),
      },
      { requiredKeys: [] },
    );
    let failures = 0;
    fc.assert(
      fc.property(object, (o) => {
        const expected = thrown(() => real.runValidateFunc(validate, o));
        const actual = thrown(() => light.runValidateFunc(validate, o));
        expect(actual?.constructor).to.equal(expected?.constructor);
        expect(actual?.message).to.equal(expected?.message);
        expect((actual as { errors?: unknown } | undefined)?.errors).to.deep.equal((expected as { errors?: unknown } | undefined)?.errors);
        if (expected) failures++;
      }),
      { numRuns: 300 },
    );
    expect(failures, 'objects refused').to.be.greaterThan(100); // not vacuous
  });
});
