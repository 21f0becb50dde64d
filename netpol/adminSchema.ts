// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) against their
// CRD schemas (netpol/schemas/admin-crds.json: kubernetes-sigs/network-policy-api v0.1.7, standard
// channel, Apache-2.0), as validators generated once with ajv (netpol/schemas/generate-validators.js,
// loaded on first use), objects closed like the Calico ones (the API server prunes an unknown field
// silently). The API server applies the schema's defaults (a port's protocol: TCP) before it
// validates, so the validators do too, on a copy. The CRDs' CEL rules are checked by hand: `networks`
// entries are CIDRs (isCIDR), and the BaselineAdminNetworkPolicy is named "default".
import { parseNet } from './ip';
import { schemaProblems, type SchemaProblem } from './schemaErrors';

export const ADMIN_KINDS = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'] as const;
export type AdminKind = (typeof ADMIN_KINDS)[number];

export function isAdminSchemaKind(kind: string): kind is AdminKind {
  return (ADMIN_KINDS as readonly string[]).includes(kind);
}

type Validators = typeof import('./schemas/admin-validators');
let validators: Validators | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validator = (kind: AdminKind) => (validators ??= require('./schemas/admin-validators') as Validators)[kind];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function adminSchemaProblems(kind: AdminKind, object: unknown): SchemaProblem[] {
  const copy = JSON.parse(JSON.stringify(object)) as unknown;
  const v = validator(kind);
  const problems = v(copy) ? [] : schemaProblems(v.errors);
  const o = isObj(object) ? object : {};
  if (kind === 'BaselineAdminNetworkPolicy' && isObj(o.metadata) && o.metadata.name !== 'default') {
    problems.push({ path: 'metadata.name', message: 'the BaselineAdminNetworkPolicy is a singleton named "default" (the CRD refuses any other name)' });
  }
  const spec = isObj(o.spec) ? o.spec : {};
  (Array.isArray(spec.egress) ? spec.egress : []).forEach((rule, i) => {
    (isObj(rule) && Array.isArray(rule.to) ? rule.to : []).forEach((peer, j) => {
      (isObj(peer) && Array.isArray(peer.networks) ? peer.networks : []).forEach((cidr, k) => {
        if (typeof cidr === 'string' && (!cidr.includes('/') || !parseNet(cidr))) problems.push({ path: `spec.egress[${i}].to[${j}].networks[${k}]`, message: `"${cidr}" is not a CIDR (Invalid CIDR format provided)` });
      });
    });
  });
  return problems;
}
