// The connectivity summary `aksnet plan --format json` carries for a stack with
// `aks-networking:policy`, for `aksnet diff` to show the reachability a change gains and loses.
// It is the reach matrix (buildReach, the evaluator `aksnet reach` runs) over representative
// endpoints derived from the stack's own config, not a live inventory of the cluster:
//  - in each baselined namespace, one pod per distinct pod-label set the policy config (allow
//    rules, local or naming that namespace) and the ingress backends' pod selectors name there, and one unlabeled pod;
//  - each in-cluster ingress controller's pod, in its namespace with its selector labels;
//  - CoreDNS in kube-system (k8s-app: kube-dns, 53/UDP and 53/TCP);
//  - ip:169.254.169.254 (Azure IMDS, 80/TCP), as an egress destination only.
// Every pod but CoreDNS listens on every port the rules and backends name (numbered ports; the first of a range)
// plus 53/UDP, 53/TCP, 80/TCP and 443/TCP. Pure.
//
// `aksnet diff` must not compare two matrices over different endpoints: a pod that stops being named
// on one side would look like lost connections that still work. The plan therefore carries its
// inputs too (ReachSummary: engine, objects, representative pods), and diffReachSummaries evaluates
// both sides over ONE endpoint set, the union of both sides' representative pods and their ports.
import type { IngressBackend } from './baseline';
import type { Endpoint, PolicyConfig } from './policyConfig';
import { buildReach } from './reach';
import type { Pod, PodPort, PodsInput, Protocol } from './reachInput';
import type { ReachEngine } from './reachPolicies';

/** What the plan JSON carries so `aksnet diff` can evaluate both sides over the same endpoints. */
export interface ReachSummary {
  engine: ReachEngine;
  objects: unknown[];
  pods: PodsInput;
}

export interface Connection {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

export const IMDS = 'ip:169.254.169.254';
export const COREDNS: Pod = { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] };
const ALWAYS: PodPort[] = [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }];

const byKey = (labels: Record<string, string>) => Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const labelKey = (labels: Record<string, string>) => JSON.stringify(byKey(labels));
/** "app=web,tier=front"; the unlabeled pod is "unlabeled" */
const podName = (labels: Record<string, string>) => byKey(labels).map(([k, v]) => `${k}=${v}`).join(',') || 'unlabeled';

/** The namespace whose pods an endpoint names, or undefined (a CIDR, a namespace selector). */
function namespaceOf(ns: string, e: Endpoint | undefined): string | undefined {
  if (!e || e.cidr !== undefined || e.namespaceLabels !== undefined) return undefined;
  return e.namespace ?? ns;
}

/** The representative pods (see the header) and the ports they listen on. */
export function representativePods(config: PolicyConfig, backends: readonly IngressBackend[]): PodsInput {
  const baselined = Object.keys(config.namespaces ?? {}).sort();
  const labelSets = new Map<string, Map<string, Record<string, string>>>(baselined.map((ns) => [ns, new Map([[labelKey({}), {}]])]));
  const name = (ns: string | undefined, labels: Record<string, string> | undefined) => {
    if (ns !== undefined && labels && labelSets.has(ns)) labelSets.get(ns)!.set(labelKey(labels), labels);
  };
  const ports = new Map<string, PodPort>(ALWAYS.map((p) => [`${p.port}/${p.protocol}`, p]));
  for (const [ns, baseline] of Object.entries(config.namespaces ?? {})) {
    for (const rule of baseline.allow ?? []) {
      name(namespaceOf(ns, rule.from), rule.from?.podLabels);
      name(namespaceOf(ns, rule.to), rule.to?.podLabels);
      for (const p of rule.ports ?? []) if (typeof p.port === 'number') ports.set(`${p.port}/${p.protocol ?? 'TCP'}`, { port: p.port, protocol: p.protocol ?? 'TCP' });
    }
  }
  for (const b of backends) {
    name(b.namespace, b.podSelector);
    if (typeof b.port === 'number') ports.set(`${b.port}/TCP`, { port: b.port, protocol: 'TCP' });
  }
  const listens = [...ports.values()].sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
  const pods: Pod[] = baselined.flatMap((ns) => [...labelSets.get(ns)!.values()].map((labels) => ({ namespace: ns, name: podName(labels), labels, ports: listens })));
  const controllers = new Map<string, Pod>();
  for (const b of backends) {
    if (b.controllerCidr !== undefined) continue;
    const pod: Pod = { namespace: b.controllerNamespace, name: 'ingress-controller', labels: b.controllerPodLabels, ports: listens };
    if (!pods.some((p) => p.namespace === pod.namespace && labelKey(p.labels) === labelKey(pod.labels))) controllers.set(`${pod.namespace}/${pod.name}`, pod);
  }
  return { namespaces: {}, pods: [...pods, ...controllers.values(), COREDNS] };
}

/** Every representative pod to every pod port, and to IMDS on 80/TCP. */
export function connectivity(objects: readonly unknown[], config: PolicyConfig, backends: readonly IngressBackend[], engine: ReachEngine = 'calico'): Connection[] {
  return connectivityOver(objects, representativePods(config, backends), engine);
}

/** Every pod of `pods` to every pod port, and to IMDS on 80/TCP, under `objects`. */
export function connectivityOver(objects: readonly unknown[], input: PodsInput, engine: ReachEngine): Connection[] {
  const model = buildReach(objects, input, [IMDS], { engine });
  const pods = model.endpoints.flatMap((e, i) => (e.pod ? [i] : []));
  const imds = model.index.get(IMDS)!;
  const out: Connection[] = [];
  for (const src of pods) {
    const cell = (dst: number, port: number, protocol: Protocol) => out.push({ from: model.endpoints[src].id, to: model.endpoints[dst].id, port, protocol, allowed: model.allowed(src, dst, port, protocol) });
    for (const dst of pods) for (const p of model.endpoints[dst].ports) cell(dst, p.port, p.protocol);
    cell(imds, 80, 'TCP');
  }
  return out;
}

/**
 * Both sides' pods, one per "<namespace>/<name>" (a representative pod's name is its label set, so
 * the same name is the same pod), each listening on the ports either side gives it.
 */
export function unionPods(a: PodsInput, b: PodsInput): PodsInput {
  const pods = new Map<string, Pod>();
  for (const p of [...a.pods, ...b.pods]) {
    const id = `${p.namespace}/${p.name}`;
    const seen = pods.get(id);
    if (!seen) {
      pods.set(id, { ...p, ports: [...p.ports] });
      continue;
    }
    for (const q of p.ports) if (!seen.ports.some((x) => x.port === q.port && x.protocol === q.protocol)) seen.ports.push(q);
    seen.ports.sort((x, y) => x.port - y.port || (x.protocol < y.protocol ? -1 : x.protocol > y.protocol ? 1 : 0));
  }
  return { namespaces: { ...a.namespaces, ...b.namespaces }, pods: [...pods.values()] };
}

/**
 * The connections that really change: base and head evaluated over the union of their endpoints
 * (each side with its own engine), a connection gained when head allows what base denied, lost
 * the other way round.
 */
export function diffReachSummaries(base: ReachSummary, head: ReachSummary): { gained: Connection[]; lost: Connection[] } {
  const pods = unionPods(base.pods, head.pods);
  const before = connectivityOver(base.objects, pods, base.engine);
  const after = connectivityOver(head.objects, pods, head.engine);
  // same pods, same order: cell i is the same connection on both sides
  return {
    gained: after.filter((c, i) => c.allowed && !before[i].allowed),
    lost: before.filter((c, i) => c.allowed && !after[i].allowed).map((c) => ({ ...c, allowed: false })),
  };
}
