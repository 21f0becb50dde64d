// Calico crd.projectcalico.org/v1 objects against the CRD schemas (netpol/schemas, Calico v3.30.7,
// Apache-2.0, Tigera), compiled with ajv once per kind. Every object schema that lists properties is
// closed (additionalProperties: false): the API server would prune an unknown field silently, so a
// typo such as `selecter` would turn a rule into a match-everything rule without a word.
import Ajv, { type ValidateFunction } from 'ajv';
import crds from './schemas/calico-crds.json';
import { schemaProblems, type SchemaProblem } from './schemaErrors';

export const CALICO_KINDS = ['GlobalNetworkPolicy', 'NetworkPolicy', 'GlobalNetworkSet', 'NetworkSet', 'Tier'] as const;
export type CalicoKind = (typeof CALICO_KINDS)[number];

type Schema = Record<string, unknown>;
const CRDS = crds as unknown as Record<CalicoKind, { scope: 'Cluster' | 'Namespaced'; schema: Schema }>;

export function isCalicoKind(kind: string): kind is CalicoKind {
  return (CALICO_KINDS as readonly string[]).includes(kind);
}

export function calicoScope(kind: CalicoKind): 'Cluster' | 'Namespaced' {
  return CRDS[kind].scope;
}

/** A copy of the schema with every object that lists properties closed, `metadata` left open. */
export function closeSchema(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => closeSchema(n));
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, closeSchema(s, p)])) : closeSchema(v, k);
  }
  if (out.properties && key !== 'metadata' && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

let ajv: Ajv | undefined;
const compiled = new Map<CalicoKind, ValidateFunction>();

function validator(kind: CalicoKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    // strict: false because the CRDs use x-kubernetes-int-or-string, unknown to ajv's strict mode
    ajv ??= new Ajv({ strict: false, allErrors: true });
    v = ajv.compile(closeSchema(CRDS[kind].schema) as Schema);
    compiled.set(kind, v);
  }
  return v;
}

export function calicoSchemaProblems(kind: CalicoKind, object: unknown): SchemaProblem[] {
  const v = validator(kind);
  return v(object) ? [] : schemaProblems(v.errors);
}
