// Gateway API `gateway.networking.k8s.io` objects against the standard-channel CRD schemas
// (netpol/schemas/gateway-api-crds.json: Gateway API v1.6.1, Apache-2.0, The Kubernetes Authors), as
// validators generated once with ajv (netpol/schemas/generate-validators.js, loaded on first use).
// Objects are closed against unknown fields as for Calico: the API server prunes an unknown field
// silently, so a misspelled `sectionName` would attach a route to every listener without a word.
import type { ValidateFunction } from 'ajv';
import { schemaProblems, type SchemaProblem } from './schemaErrors';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

type Validators = typeof import('./schemas/gateway-api-validators');
interface Kinds {
  bundleVersion: string;
  /** each served version names its validator (versions with the same schema share one) */
  kinds: Record<string, { scope: 'Cluster' | 'Namespaced'; versions: Record<string, string> } | undefined>;
}
let validators: Validators | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = (): Validators => (validators ??= require('./schemas/gateway-api-validators') as Validators);
const kinds = (): Kinds => loaded().KINDS;

/** The Gateway API release the schemas come from. */
export function gatewayApiBundle(): string {
  return kinds().bundleVersion;
}

/** `apiVersion` is gateway.networking.k8s.io/<version>; undefined when this kind or version is not served. */
export function gatewaySchemaProblems(apiVersion: string, kind: string, object: unknown): SchemaProblem[] | undefined {
  const version = apiVersion.slice(GATEWAY_API_GROUP.length + 1);
  const versions = kinds().kinds[kind]?.versions;
  // own keys only: "gateway.networking.k8s.io/constructor" is not a served version
  const name = versions && Object.hasOwn(versions, version) ? versions[version] : undefined;
  if (!name) return undefined;
  const v = (loaded() as unknown as Record<string, ValidateFunction>)[name]!;
  return v(object) ? [] : schemaProblems(v.errors);
}

export function gatewayScope(kind: string): 'Cluster' | 'Namespaced' | undefined {
  return kinds().kinds[kind]?.scope;
}

/** Served versions of a kind, for the message when an object names another. */
export function gatewayVersions(kind: string): string[] {
  return Object.keys(kinds().kinds[kind]?.versions ?? {});
}
