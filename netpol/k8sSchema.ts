// Kubernetes objects against the Kubernetes OpenAPI schema as packaged by kubernetes-models 4.5 (one
// module per apiVersion and kind, loaded on first use: the package is large and most runs need one
// or two kinds).
import { useLightValidateRuntime } from './k8sModelsRuntime';
import { schemaProblems, type SchemaProblem } from './schemaErrors';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const models = new Map<string, ModelClass | null>();

/** The kubernetes-models class for apiVersion/kind, or null when the package has no such kind. */
function modelFor(apiVersion: string, kind: string): ModelClass | null {
  const key = `${apiVersion}/${kind}`;
  if (models.has(key)) return models.get(key) ?? null;
  let model: ModelClass | null = null;
  // the guard keeps the module path inside the package: "group/version" or a core "v1", and a kind name
  if (/^([a-z0-9-]+(\.[a-z0-9-]+)*\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    try {
      useLightValidateRuntime(); // without the formats and locales no Kubernetes schema uses
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass>;
      model = mod[kind] ?? null;
    } catch {
      model = null;
    }
  }
  models.set(key, model);
  return model;
}

export function isKnownK8sKind(apiVersion: string, kind: string): boolean {
  return modelFor(apiVersion, kind) !== null;
}

/** Schema problems of a Kubernetes object; undefined when kubernetes-models does not know the kind. */
export function k8sSchemaProblems(apiVersion: string, kind: string, object: unknown): SchemaProblem[] | undefined {
  const Model = modelFor(apiVersion, kind);
  if (!Model) return undefined;
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: Parameters<typeof schemaProblems>[0] }).errors;
    if (!errors) return [{ path: '', message: e instanceof Error ? e.message : String(e) }];
    return schemaProblems(errors);
  }
}
