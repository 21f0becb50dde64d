// The endpoints of a reachability question: every pod of the pods file, each node the pods file
// names ("node:<name>", the kubelet's address: its probes come from there), and each "ip:<address>"
// a probe names. Each carries the labels policies look at:
//  - Kubernetes: pod labels, and namespace labels plus kubernetes.io/metadata.name, which the API
//    server sets on every namespace (kubernetes.io/docs/reference/labels-annotations-taints/).
//  - Calico: pod labels plus Calico's automatic labels projectcalico.org/namespace and
//    projectcalico.org/orchestrator, and the namespace's labels inherited through its profile as
//    pcns.<key> (with pcns.projectcalico.org/name = the namespace)
//    (docs.tigera.io/calico/latest/network-policy/get-started/calico-policy/calico-labels);
//    an address inside a NetworkSet or GlobalNetworkSet also carries that set's labels.
import { netContains, parseAddress, type IpAddress } from './ip';
import type { Pod, PodPort, PodsInput } from './reachInput';
import type { NetworkSet } from './reachPolicies';
import type { Labels } from './selector';

export interface Endpoint {
  /** "<namespace>/<pod>", "node:<name>" or "ip:<address>" */
  id: string;
  pod?: Pod;
  /** set on a node endpoint: the node's name (a node is no pod: no pod policy applies to it) */
  node?: string;
  namespace?: string;
  labels: Labels;
  namespaceLabels: Labels;
  ip?: IpAddress;
  ports: readonly PodPort[];
  /** label sets Calico selectors see for this address: the pod's own first, then network sets */
  calicoLabelSets: Labels[];
}

export class EndpointError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function namespaceLabels(input: PodsInput, ns: string): Labels {
  return { ...(input.namespaces[ns] ?? {}), 'kubernetes.io/metadata.name': ns };
}

function profileLabels(ns: string, nsLabels: Labels): Record<string, string> {
  const out: Record<string, string> = { 'pcns.projectcalico.org/name': ns };
  for (const [k, v] of Object.entries(nsLabels)) out[`pcns.${k}`] = v;
  return out;
}

function setLabelSets(sets: readonly NetworkSet[], ip: IpAddress | undefined, input: PodsInput): Labels[] {
  if (!ip) return [];
  return sets
    .filter((s) => s.nets.some((n) => netContains(n, ip)))
    .map((s) => (s.namespace === undefined ? { ...s.labels } : { ...s.labels, 'projectcalico.org/namespace': s.namespace, ...profileLabels(s.namespace, namespaceLabels(input, s.namespace)) }));
}

/** Pods first (index i = input.pods[i]), then the nodes, then the ip: endpoints in the order given. */
export function buildEndpoints(input: PodsInput, ipEndpoints: readonly string[], sets: readonly NetworkSet[]): Endpoint[] {
  // a namespace's labels and profile labels, once per namespace, and a pod's own Calico label set
  // once per namespace and labels (pods of a Deployment share them; nothing writes to them)
  const perNamespace = new Map<string, { nsLabels: Labels; profile: Labels }>();
  const ownSets = new Map<string, Labels>();
  const namespaceOf = (ns: string) => {
    let n = perNamespace.get(ns);
    if (n === undefined) {
      const nsLabels = namespaceLabels(input, ns);
      perNamespace.set(ns, (n = { nsLabels, profile: profileLabels(ns, nsLabels) }));
    }
    return n;
  };
  const pods = input.pods.map((pod, i): Endpoint => {
    const ip = pod.ip === undefined ? undefined : parseAddress(pod.ip);
    if (pod.ip !== undefined && !ip) throw new EndpointError(`pods[${i}].ip`, `"${pod.ip}" is not an IP address`);
    const { nsLabels, profile } = namespaceOf(pod.namespace);
    const key = `${pod.namespace}\n${JSON.stringify(pod.labels)}`;
    let own = ownSets.get(key);
    if (own === undefined) ownSets.set(key, (own = { ...pod.labels, 'projectcalico.org/namespace': pod.namespace, 'projectcalico.org/orchestrator': 'k8s', ...profile }));
    return { id: `${pod.namespace}/${pod.name}`, pod, namespace: pod.namespace, labels: pod.labels, namespaceLabels: nsLabels, ip, ports: pod.ports, calicoLabelSets: [own, ...setLabelSets(sets, ip, input)] };
  });
  const nodes = Object.values(input.nodes ?? {}).map((n): Endpoint => {
    const ip = n.ip === undefined ? undefined : parseAddress(n.ip);
    return { id: `node:${n.name}`, node: n.name, labels: {}, namespaceLabels: {}, ip, ports: [], calicoLabelSets: setLabelSets(sets, ip, input) };
  });
  const externals = ipEndpoints.map((id): Endpoint => {
    const ip = parseAddress(id.slice(3));
    if (!ip) throw new EndpointError(id, `"${id.slice(3)}" is not an IP address`);
    return { id, labels: {}, namespaceLabels: {}, ip, ports: [], calicoLabelSets: setLabelSets(sets, ip, input) };
  });
  return [...pods, ...nodes, ...externals];
}
