// The inputs of `aksnet reach`, checked: the pods file (namespaces with their labels, pods with
// labels, IP and declared ports) and the probes file (connections to decide). Pure: parsed data in,
// typed data out, or a ReachInputError naming the path of the first bad value.

import { parseAddress } from './ip';
import { labelKeyProblem, labelValueProblem } from './labels';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export interface PodPort {
  port: number;
  protocol: Protocol;
  name?: string;
}

export interface Pod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip?: string;
  ports: PodPort[];
  /** the node the pod runs on (a key of PodsInput.nodes): traffic from that node is always allowed */
  node?: string;
}

export interface Node {
  name: string;
  ip?: string;
  /** default linux; Azure NPM on Windows nodes lacks some NetworkPolicy features (engineSupport.ts) */
  os?: 'linux' | 'windows';
}

export interface PodsInput {
  namespaces: Record<string, Record<string, string>>;
  pods: Pod[];
  /** the nodes pods run on, by name; each becomes a "node:<name>" endpoint */
  nodes?: Record<string, Node>;
}

export interface Probe {
  /** "<namespace>/<pod>", "node:<name>" or "ip:<address>" */
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** optional expectation: reach exits 1 when a probe's answer differs */
  expect?: boolean;
  [extra: string]: unknown;
}

export class ReachInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function fail(path: string, message: string): never {
  throw new ReachInputError(path, message);
}

/** A misspelled key ("label", "port") would silently change the answer (a pod without labels, no
 *  declared port): the pods file is closed, like the objects `validate` checks. */
function onlyKeys(o: Obj, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(path ? `${path}.${key}` : key, `unknown field "${key}" (one of ${allowed.join(', ')})`);
  }
}

function addressAt(text: string, path: string): void {
  if (!parseAddress(text)) fail(path, `"${text}" is not an IP address`);
}

function labelsAt(v: unknown, path: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(path, 'labels must be a mapping of strings');
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') fail(`${path}.${k}`, `label values are strings (quote ${JSON.stringify(val)})`);
    const problem = labelKeyProblem(k) ?? labelValueProblem(val);
    if (problem) fail(`${path}.${k}`, `${problem} (Kubernetes refuses it)`);
  }
  return v as Record<string, string>;
}

function portNumber(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) fail(path, `expected a port number 1-65535, got ${JSON.stringify(v)}`);
  return v;
}

export function protocolAt(v: unknown, path: string): Protocol {
  if (v === undefined) return 'TCP';
  const p = String(v).toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(p)) fail(path, `expected ${PROTOCOLS.join(', ')}, got ${JSON.stringify(v)}`);
  return p as Protocol;
}

export function parsePods(data: unknown): PodsInput {
  if (!isObj(data)) fail('', 'expected { "namespaces": {...}, "pods": [...] }');
  onlyKeys(data, ['namespaces', 'pods', 'nodes'], '');
  const nodes: Record<string, Node> = {};
  if (data.nodes !== undefined && !isObj(data.nodes)) fail('nodes', 'expected a mapping of node name to { "ip"?, "os"? }');
  for (const [name, n] of Object.entries((data.nodes as Obj | undefined) ?? {})) {
    const at = `nodes.${name}`;
    if (n !== null && !isObj(n)) fail(at, 'expected { "ip"?, "os"? }');
    const node = (n ?? {}) as Obj;
    onlyKeys(node, ['ip', 'os'], at);
    if (node.os !== undefined && node.os !== 'linux' && node.os !== 'windows') fail(`${at}.os`, `expected linux or windows, got ${JSON.stringify(node.os)}`);
    if (node.ip !== undefined && typeof node.ip !== 'string') fail(`${at}.ip`, 'expected an IP address string');
    if (typeof node.ip === 'string') addressAt(node.ip, `${at}.ip`);
    nodes[name] = { name, ...(typeof node.ip === 'string' ? { ip: node.ip } : {}), ...(node.os ? { os: node.os as 'linux' | 'windows' } : {}) };
  }
  const namespaces: Record<string, Record<string, string>> = {};
  if (data.namespaces !== undefined && !isObj(data.namespaces)) fail('namespaces', 'expected a mapping of namespace name to its labels');
  for (const [ns, labels] of Object.entries((data.namespaces as Obj | undefined) ?? {})) namespaces[ns] = labelsAt(labels, `namespaces.${ns}`);
  if (!Array.isArray(data.pods)) fail('pods', 'expected a list of pods');
  const seen = new Set<string>();
  const pods = data.pods.map((p, i): Pod => {
    const at = `pods[${i}]`;
    if (!isObj(p)) fail(at, 'expected { "namespace", "name", "labels", "ip", "ports" }');
    onlyKeys(p, ['namespace', 'name', 'labels', 'ip', 'ports', 'node'], at);
    if (p.node !== undefined && (typeof p.node !== 'string' || !p.node)) fail(`${at}.node`, 'expected the name of a node');
    // a node named only by its pods is still a node (without an address)
    if (typeof p.node === 'string' && nodes[p.node] === undefined) nodes[p.node] = { name: p.node };
    if (typeof p.namespace !== 'string' || !p.namespace) fail(`${at}.namespace`, 'expected a namespace name');
    if (typeof p.name !== 'string' || !p.name) fail(`${at}.name`, 'expected a pod name');
    const id = `${p.namespace}/${p.name}`;
    if (seen.has(id)) fail(`${at}.name`, `pod ${id} is listed twice`);
    seen.add(id);
    if (p.ip !== undefined && typeof p.ip !== 'string') fail(`${at}.ip`, 'expected an IP address string');
    if (typeof p.ip === 'string') addressAt(p.ip, `${at}.ip`);
    if (p.ports !== undefined && !Array.isArray(p.ports)) fail(`${at}.ports`, 'expected a list of { "port", "protocol", "name"? }');
    const ports = ((p.ports as unknown[] | undefined) ?? []).map((q, j): PodPort => {
      const pat = `${at}.ports[${j}]`;
      if (!isObj(q)) fail(pat, 'expected { "port", "protocol", "name"? }');
      onlyKeys(q, ['port', 'protocol', 'name'], pat);
      if (q.name !== undefined && typeof q.name !== 'string') fail(`${pat}.name`, 'expected a port name');
      return { port: portNumber(q.port, `${pat}.port`), protocol: protocolAt(q.protocol, `${pat}.protocol`), ...(q.name ? { name: q.name as string } : {}) };
    });
    if (namespaces[p.namespace] === undefined) namespaces[p.namespace] = {};
    return { namespace: p.namespace, name: p.name, labels: labelsAt(p.labels, `${at}.labels`), ...(p.ip ? { ip: p.ip as string } : {}), ports, ...(p.node ? { node: p.node as string } : {}) };
  });
  return { namespaces, pods, ...(Object.keys(nodes).length ? { nodes } : {}) };
}

export function parseProbes(data: unknown): Probe[] {
  if (!Array.isArray(data)) fail('', 'expected a list of { "from", "to", "port", "protocol" }');
  return data.map((p, i): Probe => {
    const at = `[${i}]`;
    if (!isObj(p)) fail(at, 'expected { "from", "to", "port", "protocol" }');
    for (const end of ['from', 'to'] as const) {
      if (typeof p[end] !== 'string' || !/^(ip:.+|node:[^/\s]+|[^/\s]+\/[^/\s]+)$/.test(p[end] as string)) fail(`${at}.${end}`, 'expected "<namespace>/<pod>", "node:<name>" or "ip:<address>"');
      if ((p[end] as string).startsWith('ip:')) addressAt((p[end] as string).slice(3), `${at}.${end}`);
    }
    if (p.expect !== undefined && typeof p.expect !== 'boolean') fail(`${at}.expect`, 'expected true (allowed) or false (denied)');
    return { ...p, from: p.from as string, to: p.to as string, port: portNumber(p.port, `${at}.port`), protocol: protocolAt(p.protocol, `${at}.protocol`) };
  });
}
