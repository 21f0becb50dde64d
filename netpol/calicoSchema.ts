// Calico crd.projectcalico.org/v1 objects against the CRD schemas (netpol/schemas, Calico v3.30.7,
// Apache-2.0, Tigera), as validators generated once with ajv (netpol/schemas/generate-validators.js,
// loaded on first use). Every object schema that lists properties is closed
// (additionalProperties: false): the API server would prune an unknown field silently, so a typo such
// as `selecter` would turn a rule into a match-everything rule without a word.
import { schemaProblems, type SchemaProblem } from './schemaErrors';

export const CALICO_KINDS = ['GlobalNetworkPolicy', 'NetworkPolicy', 'GlobalNetworkSet', 'NetworkSet', 'Tier'] as const;
export type CalicoKind = (typeof CALICO_KINDS)[number];

type Validators = typeof import('./schemas/calico-validators');
let validators: Validators | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = (): Validators => (validators ??= require('./schemas/calico-validators') as Validators);

export function isCalicoKind(kind: string): kind is CalicoKind {
  return (CALICO_KINDS as readonly string[]).includes(kind);
}

export function calicoScope(kind: CalicoKind): 'Cluster' | 'Namespaced' {
  return loaded().KINDS[kind].scope;
}

export function calicoSchemaProblems(kind: CalicoKind, object: unknown): SchemaProblem[] {
  const v = loaded()[kind];
  return v(object) ? [] : schemaProblems(v.errors);
}
