// ajv errors (from kubernetes-models or from the Calico CRD schemas) as findings: one per instance
// path, with the alternatives of an int-or-string field said once ("must be integer or string").
import type { ErrorObject } from 'ajv';

export interface SchemaProblem {
  /** dotted path with [i] indexes, e.g. spec.ingress[0].ports[1].port */
  path: string;
  message: string;
}

/** "/spec/ingress/0/from" -> "spec.ingress[0].from" */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
}

export function joinPath(base: string, key: string): string {
  return /^\d+$/.test(key) ? `${base}[${key}]` : base ? `${base}.${key}` : key;
}

function describe(e: ErrorObject): string | undefined {
  switch (e.keyword) {
    case 'oneOf':
    case 'anyOf':
      return undefined; // said by the alternatives' own errors
    case 'additionalProperties':
      return `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `required field "${(e.params as { missingProperty: string }).missingProperty}" is missing`;
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${(e.params as { type: string }).type}`;
    default:
      return e.message ?? e.keyword;
  }
}

export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const byPath = new Map<string, { types: string[]; other: string[] }>();
  for (const e of errors ?? []) {
    let path = pointerToPath(e.instancePath);
    if (e.keyword === 'additionalProperties') path = joinPath(path, (e.params as { additionalProperty: string }).additionalProperty);
    const text = describe(e);
    if (!text) continue;
    const entry = byPath.get(path) ?? { types: [], other: [] };
    byPath.set(path, entry);
    if (e.keyword === 'type') entry.types.push((e.params as { type: string }).type);
    else if (!entry.other.includes(text)) entry.other.push(text);
  }
  return [...byPath].map(([path, { types, other }]) => ({
    path,
    message: [...(types.length ? [`must be ${[...new Set(types)].join(' or ')}`] : []), ...other].join('; '),
  }));
}
