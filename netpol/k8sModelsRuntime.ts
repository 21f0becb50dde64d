// kubernetes-models checks objects with @kubernetes-models/validate 4.0.0, whose entry module loads,
// besides the formats the Kubernetes schemas name, the draft-2019 formats (uri-js, punycode, a
// nearley e-mail grammar), is-cidr and all 24 locales of ajv-i18n, of which it uses English: about
// 15 ms of CPU at every `aksnet validate`, `reach`, and `plan` of a stack with policy, for nothing
// those commands read. Before kubernetes-models is first required, this puts in Node's module cache
// (require.cache, which Node documents as writable) a stand-in with the same two exports:
//  - formats: the very same definition objects. Those of ajv-formats are taken from it (int32,
//    int64, double, date-time... as the package spreads them); every other name (the draft-2019
//    ones, and byte, quantity, string, cidr, which the package defines) is a getter that loads the
//    package's own formats module on first use and returns its value.
//  - runValidateFunc: the package's function (MIT, github.com/tommy351/kubernetes-models-ts,
//    core/validate/src/validate.ts), with ajv-i18n's English module required alone.
// Only for the version it was written against; any other version loads as published.
// test/netpol.k8sModelsRuntime.test.ts pins it to the package: the same format objects under the same
// names, the same thrown error (class, errors, message) for the same objects.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

/** The version of @kubernetes-models/validate whose entry module this stands in for. */
export const STANDS_IN_FOR = '4.0.0';

interface ValidateRuntime {
  formats: Record<string, unknown>;
  runValidateFunc(fn: ((data: unknown) => boolean) & { errors?: unknown[] | null }, data: unknown): void;
}

/** The entry module of @kubernetes-models/validate as @kubernetes-models/base (its Model) requires it. */
export function validateEntry(): string {
  const models = Module.createRequire(require.resolve('kubernetes-models/package.json'));
  return Module.createRequire(models.resolve('@kubernetes-models/base')).resolve('@kubernetes-models/validate');
}

/** The stand-in for the entry module of @kubernetes-models/validate (`entry`: its dist/index.js). */
export function lightValidateRuntime(entry: string): ValidateRuntime {
  const from = Module.createRequire(path.join(path.dirname(entry), '..', 'package.json'));
  const { fullFormats } = from('ajv-formats/dist/formats.js') as { fullFormats: Record<string, unknown> };
  let full: Record<string, unknown> | undefined;
  const packageFormats = () => (full ??= (from('./dist/formats.js') as { formats: Record<string, unknown> }).formats);
  const formats: Record<string, unknown> = {};
  // the package spreads ajv-formats, then the draft-2019 formats (duration among them), then its own
  const own = ['iri', 'duration', 'idn-email', 'idn-hostname', 'iri-reference', 'byte', 'quantity', 'string', 'cidr'];
  for (const [name, format] of Object.entries(fullFormats)) if (!own.includes(name)) formats[name] = format;
  for (const name of own) Object.defineProperty(formats, name, { enumerable: true, get: () => packageFormats()[name] });

  const ValidationError = (from('./dist/runtime/validation_error.js') as { default: new (errors: unknown[]) => Error }).default;
  let en: ((errors: unknown[]) => void) | undefined;
  const generateErrorMessage = (errors: { instancePath: string; message?: string }[]): string => {
    (en ??= from('ajv-i18n/localize/en') as (errors: unknown[]) => void)(errors);
    return errors.map((err) => `data${err.instancePath} ${err.message}`).join(', ');
  };
  return {
    formats,
    runValidateFunc(fn, data) {
      if (!fn(data) && fn.errors) {
        const errors = fn.errors as { instancePath: string; message?: string }[];
        const err = new ValidationError(errors);
        err.message = generateErrorMessage(errors);
        throw err;
      }
    },
  };
}

let installed = false;

/** Puts the stand-in in require.cache, unless the package is another version or already loaded. */
export function useLightValidateRuntime(): void {
  if (installed) return;
  installed = true;
  try {
    const entry = validateEntry();
    const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
    if (version !== STANDS_IN_FOR || require.cache[entry]) return;
    const mod = new Module(entry);
    mod.filename = entry;
    mod.exports = lightValidateRuntime(entry);
    mod.loaded = true;
    require.cache[entry] = mod;
  } catch {
    // the package as published, whatever went wrong here
  }
}
