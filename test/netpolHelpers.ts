// Small builders for reachability tests: pods from "ns/name" with labels, probes as strings.
import { answerProbes, buildReach, ipEndpointsOf } from '../netpol/reach';
import { parsePods, parseProbes, type PodsInput } from '../netpol/reachInput';

export interface PodSpec {
  labels?: Record<string, string>;
  ip?: string;
  ports?: { port: number; protocol?: string; name?: string }[];
}

let nextIp = 10;
/** pods keyed "ns/name"; a pod without ip gets one in 10.244.0.0/16, without ports TCP 80. */
export function pods(namespaces: Record<string, Record<string, string>>, list: Record<string, PodSpec>): PodsInput {
  return parsePods({
    namespaces,
    pods: Object.entries(list).map(([id, p]) => {
      const [namespace, name] = id.split('/');
      return { namespace, name, labels: p.labels ?? {}, ip: p.ip ?? `10.244.0.${nextIp++ % 250}`, ports: p.ports ?? [{ port: 80, protocol: 'TCP' }] };
    }),
  });
}

/** "from -> to port[/protocol]" */
export function probe(text: string) {
  const m = /^(\S+) -> (\S+) (\d+)(?:\/(\w+))?$/.exec(text);
  if (!m) throw new Error(`bad probe ${text}`);
  return { from: m[1], to: m[2], port: Number(m[3]), protocol: m[4] ?? 'TCP' };
}

/** allowed for each probe, in order */
export function decide(policies: unknown[], input: PodsInput, probes: string[]): boolean[] {
  const ps = parseProbes(probes.map(probe));
  return answerProbes(buildReach(policies, input, ipEndpointsOf(ps)), ps).map((r) => r.allowed);
}

/** the full results (with reasons) */
export function explain(policies: unknown[], input: PodsInput, probes: string[]) {
  const ps = parseProbes(probes.map(probe));
  return answerProbes(buildReach(policies, input, ipEndpointsOf(ps)), ps);
}

/** a truth table: each row "probe" -> expected */
export function table(policies: unknown[], input: PodsInput, rows: [string, boolean][]): { got: Record<string, boolean>; want: Record<string, boolean> } {
  const got = decide(policies, input, rows.map(([p]) => p));
  return { got: Object.fromEntries(rows.map(([p], i) => [p, got[i]])), want: Object.fromEntries(rows) };
}

export const k8s = (namespace: string, name: string, spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
export const gnp = (name: string, spec: unknown) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name }, spec });
export const cnp = (namespace: string, name: string, spec: unknown) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
export const tier = (name: string, order: number, defaultAction?: 'Pass' | 'Deny') => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'Tier', metadata: { name }, spec: { order, ...(defaultAction ? { defaultAction } : {}) } });
