// Gateway API `gateway.networking.k8s.io` objects against the standard-channel CRD schemas
// (netpol/schemas/gateway-api-crds.json: Gateway API v1.6.1, Apache-2.0, The Kubernetes Authors),
// compiled with ajv once per kind and version. Objects are closed against unknown fields as for
// Calico: the API server prunes an unknown field silently, so a misspelled `sectionName` would
// attach a route to every listener without a word.
import Ajv, { type ValidateFunction } from 'ajv';
import { closeSchema } from './calicoSchema';
import crds from './schemas/gateway-api-crds.json';
import { schemaProblems, type SchemaProblem } from './schemaErrors';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
type Schema = Record<string, unknown>;
const CRDS = crds as unknown as { bundleVersion: string; kinds: Record<string, { scope: 'Cluster' | 'Namespaced'; versions: Record<string, Schema> }> };

/** The Gateway API release the schemas come from. */
export const GATEWAY_API_BUNDLE = CRDS.bundleVersion;
export const GATEWAY_API_KINDS = Object.keys(CRDS.kinds);

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** `apiVersion` is gateway.networking.k8s.io/<version>; undefined when this kind or version is not served. */
export function gatewaySchemaProblems(apiVersion: string, kind: string, object: unknown): SchemaProblem[] | undefined {
  const version = apiVersion.slice(GATEWAY_API_GROUP.length + 1);
  const schema = CRDS.kinds[kind]?.versions[version];
  if (!schema) return undefined;
  const key = `${kind}/${version}`;
  let v = compiled.get(key);
  if (!v) {
    // strict: false for the x-kubernetes-* keywords; formats: the min/max bounds are in the schema itself
    ajv ??= new Ajv({ strict: false, allErrors: true, formats: { 'date-time': true, int32: true, int64: true, ipv4: true, ipv6: true } });
    v = ajv.compile(closeSchema(schema) as Schema);
    compiled.set(key, v);
  }
  return v(object) ? [] : schemaProblems(v.errors);
}

export function gatewayScope(kind: string): 'Cluster' | 'Namespaced' | undefined {
  return CRDS.kinds[kind]?.scope;
}

/** Served versions of a kind, for the message when an object names another. */
export function gatewayVersions(kind: string): string[] {
  return Object.keys(CRDS.kinds[kind]?.versions ?? {});
}
