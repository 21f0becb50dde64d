// Reading stack files: `Pulumi.<stack>.yaml` (the network object under config."aks-networking:network")
// or a standalone YAML/JSON file holding only the network object.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { load, YAMLException } from 'js-yaml';
import { InputError } from './inputError';
import { readInputFile } from './readObjects';
import { readYamlSubset, UNSUPPORTED } from './yamlSubset';

export const NETWORK_KEY = 'aks-networking:network';
export const CLUSTER_KEY = 'aks-networking:cluster';
export const INGRESS_KEY = 'aks-networking:ingress';
export const INGRESS_RETIRING_KEY = 'aks-networking:ingressRetiring';
export const POLICY_KEY = 'aks-networking:policy';

export interface StackInput {
  stack: string;
  file: string;
  /** prefix of config paths in messages: "config.aks-networking:network" for stack files, "" for standalone */
  pathPrefix: string;
  networkRaw: unknown;
  clusterRaw: unknown;
  /** `aks-networking:ingress` of a stack file (undefined: none, or a standalone network file) */
  ingressRaw?: unknown;
  /** `aks-networking:ingressRetiring`: the Ingress controller kept side by side during a move to the Gateway API */
  ingressRetiringRaw?: unknown;
  /** `aks-networking:policy` (undefined when the stack declares none) */
  policyRaw?: unknown;
  /** the stack's `azure-native:location`, when a stack file sets it */
  providerLocation?: string;
  /** the stack file sets the secret `aks-networking:windowsAdminPassword` (its value stays encrypted) */
  windowsAdminPasswordSet?: boolean;
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** Every `Pulumi.<stack>.yaml` in a directory, sorted by stack name. */
export function findStackFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => STACK_FILE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function stackFileFor(dir: string, stack: string): string {
  const yaml = join(dir, `Pulumi.${stack}.yaml`);
  return existsSync(yaml) || !existsSync(join(dir, `Pulumi.${stack}.yml`)) ? yaml : join(dir, `Pulumi.${stack}.yml`);
}

export function stackNameOf(file: string): string {
  const base = basename(file);
  return STACK_FILE.exec(base)?.[1] ?? base.replace(/\.(ya?ml|json)$/i, '');
}

export function loadStack(file: string, stackName?: string): StackInput {
  const { shown, text } = readInputFile(file, 'a Pulumi.<stack>.yaml or a YAML/JSON network file');
  const data = /\.json$/i.test(file) ? parseJson(text, shown) : parseYaml(text, shown);
  const stack = stackName ?? stackNameOf(file);
  if (isObject(data) && 'config' in data) {
    const config = data.config;
    if (!isObject(config) || !(NETWORK_KEY in config)) {
      throw new InputError([{ code: 'INVALID_CONFIG', file: shown, path: `config.${NETWORK_KEY}`, message: 'missing: the stack file has no network object to plan' }]);
    }
    const location = config['azure-native:location'];
    return {
      stack,
      file: shown,
      pathPrefix: `config.${NETWORK_KEY}`,
      networkRaw: config[NETWORK_KEY],
      clusterRaw: config[CLUSTER_KEY] ?? {},
      ...(config[INGRESS_KEY] !== undefined ? { ingressRaw: config[INGRESS_KEY] } : {}),
      ...(config[INGRESS_RETIRING_KEY] !== undefined ? { ingressRetiringRaw: config[INGRESS_RETIRING_KEY] } : {}),
      policyRaw: config[POLICY_KEY],
      ...(typeof location === 'string' ? { providerLocation: location } : {}),
      ...(config['aks-networking:windowsAdminPassword'] !== undefined ? { windowsAdminPasswordSet: true } : {}),
    };
  }
  if (!isObject(data)) {
    throw new InputError([{ code: 'INVALID_CONFIG', file: shown, message: 'expected a Pulumi stack file or a network object (a mapping at the top level)' }]);
  }
  return { stack, file: shown, pathPrefix: '', networkRaw: data, clusterRaw: {} };
}

function parseYaml(text: string, file: string): unknown {
  // stack files are nearly always plain block YAML, which the subset reader takes in a fraction of
  // js-yaml's time; anything else (and every error) is js-yaml's
  const quick = readYamlSubset(text);
  if (quick !== UNSUPPORTED) return quick;
  try {
    // js-yaml: YAML 1.2 core schema, duplicate keys refused; about 4x faster to start than 'yaml'
    return load(text, { filename: file });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const where = e.mark ? `${file}:${e.mark.line + 1}:${e.mark.column + 1}` : file;
    return badYaml(where, e.reason || e.message);
  }
}

function badYaml(file: string, message: string): never {
  throw new InputError([{ code: 'INVALID_YAML', file, message }]);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError([{ code: 'INVALID_JSON', file, message: (e as Error).message }]);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
