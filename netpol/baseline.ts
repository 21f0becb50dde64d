// The policy objects a stack deploys, as plain Kubernetes and Calico objects:
//
//   generatePolicyObjects(config, context) -> { objects, findings, namespaces }
//
//   config   the validated `aks-networking:policy` object (netpol/policyConfig.ts)
//   context  the stack's policy engine, the Calico version where known, and the backends that
//            ingress routes name (wired by the ingress config)
//   objects  networking.k8s.io/v1 NetworkPolicy per baselined namespace; crd.projectcalico.org/v1
//            Tier and GlobalNetworkPolicy for `global` on the Calico engine. Tiers come first.
//   findings what stops or weakens the policy (engine mismatch, nothing enforcing, tiers missing)
//   namespaces  the namespaces the objects live in (they must exist before the objects)
//
// Pure (no Pulumi, no I/O): the Pulumi program deploys these objects, `aksnet reach --stack`
// evaluates them, and both see the same list.
import { overlaps, parseCidr } from '../planner/cidr';
import { isLocal, type AllowRule, type Endpoint, type PolicyConfig, type PortSpec } from './policyConfig';

export type PolicyEngine = 'calico' | 'cilium' | 'azure' | 'none';

/**
 * A backend an ingress route sends traffic to. The route names a Service; a NetworkPolicy cannot
 * select a Service, so the policy allows the controller's pods to reach the pods of the backend's
 * namespace that `podSelector` selects (the Service's selector), or every pod of that namespace
 * when none is given (an approximation: wider than the Service, never narrower).
 */
export interface IngressBackend {
  controllerNamespace: string;
  controllerPodLabels: Record<string, string>;
  /**
   * A controller outside the cluster (AGIC's Application Gateway) reaches pods from its subnet: the
   * ingress rule then allows this CIDR instead of the controller's pods.
   */
  controllerCidr?: string;
  namespace: string;
  /** the routed Service, for findings */
  service?: string;
  /**
   * the port the backend pods listen on: the Service's targetPort, a number or a container port name
   * (policy applies after the Service's DNAT, so the Service's own port would not match). Leave it
   * out when the targetPort is unknown: every port of the selected pods is then open to the controller.
   */
  port?: number | string;
  podSelector?: Record<string, string>;
}

export interface PolicyContext {
  engine: PolicyEngine;
  /** how findings name the engine, e.g. "Cilium (networkPolicy: cilium)" */
  engineLabel?: string;
  /** the cluster's Calico version when the stack knows it (the BYO chart pin); else global.calicoVersion */
  calicoVersion?: string;
  ingressBackends?: readonly IngressBackend[];
  /** the node subnets and pod ranges of the stack (CIDRs), for engine-specific ipBlock limits */
  clusterRanges?: readonly string[];
}

/** Codes are a public contract: add freely, never rename. */
export const POLICY_FINDING_CODES = [
  /** Calico objects declared on a stack whose engine is not Calico */
  'POLICY_ENGINE_MISMATCH',
  /** NetworkPolicy objects declared on a stack where nothing enforces them */
  'POLICY_NOT_ENFORCED',
  /** a baseline on a system namespace (default deny there breaks DNS and the cluster's own pods) */
  'POLICY_SYSTEM_NAMESPACE',
  /** a Calico tier where the cluster's Calico has none (< 3.29) or its version is unknown */
  'CALICO_TIER_UNSUPPORTED',
  /** the IMDS deny covers only the baselined namespaces (no tier to put it in) */
  'POLICY_IMDS_PARTIAL',
  /** an ipBlock over node or pod addresses on Cilium, which matches pods and nodes by identity, not by address */
  'POLICY_IPBLOCK_CLUSTER_RANGE',
  /** an ingress route without podLabels/targetPort: the baseline opens every pod or every port of its namespace to the controller */
  'POLICY_INGRESS_WIDE',
] as const;
export type PolicyFindingCode = (typeof POLICY_FINDING_CODES)[number];

export interface PolicyFinding {
  severity: 'error' | 'warning' | 'info';
  code: PolicyFindingCode;
  /** path inside the `aks-networking:policy` object */
  path: string;
  message: string;
}

export interface PolicyObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}

export interface GeneratedPolicies {
  objects: PolicyObject[];
  findings: PolicyFinding[];
  namespaces: string[];
}

export const K8S_NETWORK_POLICY_API = 'networking.k8s.io/v1';
export const CALICO_API = 'crd.projectcalico.org/v1';
/** every generated object carries it, so `kubectl get netpol -A -l app.kubernetes.io/managed-by=aks-networking` lists them */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'aks-networking' };
export const IMDS_CIDR = '169.254.169.254/32';
/** Namespaces that keep IMDS unless configured otherwise: AKS's own pods and Calico's */
export const DEFAULT_IMDS_EXCEPTIONS = ['kube-system', 'calico-system', 'tigera-operator'];
/** Baselines refused here: a default deny would cut CoreDNS, the CNI or the control plane's agents */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'calico-system', 'tigera-operator', 'gatekeeper-system'];
/** Tiers (and Tier.spec.defaultAction) arrived in open-source Calico 3.29 */
const TIERS_SINCE_MINOR = 29;
/** Set on every namespace since Kubernetes 1.22: the one label that names a namespace */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function generatePolicyObjects(config: PolicyConfig, context: PolicyContext): GeneratedPolicies {
  const findings: PolicyFinding[] = [];
  const engineLabel = context.engineLabel ?? context.engine;
  const baselines = config.namespaces ?? {};
  const baselined = Object.keys(baselines);

  if (baselined.length > 0 && context.engine === 'none') {
    findings.push({
      severity: 'error',
      code: 'POLICY_NOT_ENFORCED',
      path: 'namespaces',
      message: `this stack has no network policy engine (${engineLabel}): the API server would store the NetworkPolicy objects and nothing would enforce them; set networkPolicy (calico, cilium or azure) or use a BYO CNI that enforces policy (Calico, Cilium)`,
    });
  }
  for (const ns of baselined.filter((n) => SYSTEM_NAMESPACES.includes(n))) {
    findings.push({ severity: 'error', code: 'POLICY_SYSTEM_NAMESPACE', path: `namespaces.${ns}`, message: `${ns} is a system namespace: a default deny there cuts CoreDNS, the CNI or AKS's own agents; baseline application namespaces only` });
  }

  if (context.engine === 'cilium') findings.push(...ciliumIpBlockFindings(config, context.clusterRanges ?? []));

  const k8s = new NamespacedObjects();
  for (const ns of baselined) {
    const baseline = baselines[ns];
    k8s.add(ns, 'aksnet-default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    if (baseline.dns !== false) k8s.add(ns, 'aksnet-allow-dns', dnsEgress());
    for (const rule of baseline.allow ?? []) addAllowRule(k8s, ns, rule, baselined);
  }
  addIngressBackends(k8s, context.ingressBackends ?? [], baselined);
  findings.push(...wideIngressFindings(context.ingressBackends ?? [], baselined));

  const calico = config.global ? globalObjects(config, context, engineLabel, baselined, findings) : [];
  const objects = [...calico.filter((o) => o.kind === 'Tier'), ...k8s.objects, ...calico.filter((o) => o.kind !== 'Tier')];
  const namespaces = [...new Set(k8s.objects.map((o) => o.metadata.namespace!))];
  return { objects, findings, namespaces };
}

/**
 * Cilium gives pods and nodes identities, and on AKS an ipBlock cannot select node or pod IPs
 * (https://learn.microsoft.com/azure/aks/use-network-policies, the engine comparison).
 * A rule whose CIDR covers a node subnet or pod range silently misses those peers.
 */
function ciliumIpBlockFindings(config: PolicyConfig, clusterRanges: readonly string[]): PolicyFinding[] {
  const ranges = clusterRanges.map(parseCidr).flatMap((r) => (r.ok ? [r.cidr] : []));
  const findings: PolicyFinding[] = [];
  for (const [ns, baseline] of Object.entries(config.namespaces ?? {})) {
    (baseline.allow ?? []).forEach((rule, i) => {
      for (const side of ['from', 'to'] as const) {
        const text = rule[side]?.cidr;
        const cidr = text === undefined ? undefined : parseCidr(text);
        const hit = cidr?.ok ? ranges.find((r) => overlaps(r, cidr.cidr)) : undefined;
        if (!hit) continue;
        findings.push({
          severity: 'warning',
          code: 'POLICY_IPBLOCK_CLUSTER_RANGE',
          path: `namespaces.${ns}.allow[${i}].${side}.cidr`,
          message: `${text} overlaps the cluster's ${hit.text}: Cilium matches pods and nodes by identity, so ipBlock never selects them; use podLabels/namespace for peers inside the cluster`,
        });
      }
    });
  }
  return findings;
}

/** NetworkPolicy objects, named uniquely per namespace. */
class NamespacedObjects {
  readonly objects: PolicyObject[] = [];
  private readonly names = new Set<string>();

  add(namespace: string, name: string, spec: Record<string, unknown>): void {
    let unique = name;
    for (let n = 2; this.names.has(`${namespace}/${unique}`); n++) unique = `${name}-${n}`;
    this.names.add(`${namespace}/${unique}`);
    this.objects.push({ apiVersion: K8S_NETWORK_POLICY_API, kind: 'NetworkPolicy', metadata: { name: unique, namespace, labels: { ...MANAGED_BY } }, spec });
  }
}

/** UDP and TCP 53 to CoreDNS: pods labelled k8s-app=kube-dns in kube-system (AKS's CoreDNS labels). */
function dnsEgress(): Record<string, unknown> {
  return {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: namespaceNamed('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  };
}

/**
 * A rule allows `from` -> `to`. Under a default deny both ends must agree: ingress where `to`'s
 * pods live, egress where `from`'s pods live. Each half is written in the namespace that owns it,
 * including the far namespace when it has a baseline too, so one rule opens one connection.
 */
function addAllowRule(k8s: NamespacedObjects, ns: string, rule: AllowRule, baselined: readonly string[]): void {
  const ports = portsOf(rule.ports);
  const toLocal = isLocal(ns, rule.to);
  const fromLocal = isLocal(ns, rule.from);
  if (toLocal) {
    k8s.add(ns, `aksnet-${rule.name}-ingress`, { podSelector: selector(rule.to?.podLabels), policyTypes: ['Ingress'], ingress: [{ from: [peer(ns, rule.from)], ...ports }] });
  }
  if (fromLocal) {
    k8s.add(ns, `aksnet-${rule.name}-egress`, { podSelector: selector(rule.from?.podLabels), policyTypes: ['Egress'], egress: [{ to: [peer(ns, rule.to)], ...ports }] });
  }
  const far = !toLocal ? rule.to?.namespace : !fromLocal ? rule.from?.namespace : undefined;
  if (far === undefined || !baselined.includes(far)) return;
  const local = { ...(toLocal ? rule.to : rule.from), namespace: ns };
  if (!toLocal) {
    k8s.add(far, `aksnet-${ns}-${rule.name}-ingress`, { podSelector: selector(rule.to?.podLabels), policyTypes: ['Ingress'], ingress: [{ from: [peer(far, local)], ...ports }] });
  } else {
    k8s.add(far, `aksnet-${ns}-${rule.name}-egress`, { podSelector: selector(rule.from?.podLabels), policyTypes: ['Egress'], egress: [{ to: [peer(far, local)], ...ports }] });
  }
}

/** From the ingress controller's pods to the backends; egress too when the controller's namespace has a baseline. */
function addIngressBackends(k8s: NamespacedObjects, backends: readonly IngressBackend[], baselined: readonly string[]): void {
  // one policy per controller and backend selector; a backend without a port opens every port
  const groups = new Map<string, { backend: IngressBackend; ports: (number | string)[] | 'all' }>();
  for (const b of backends) {
    const key = JSON.stringify([b.controllerNamespace, sorted(b.controllerPodLabels), b.controllerCidr ?? '', b.namespace, sorted(b.podSelector ?? {})]);
    const group = groups.get(key) ?? { backend: b, ports: [] };
    if (b.port === undefined) group.ports = 'all';
    else if (group.ports !== 'all' && !group.ports.includes(b.port)) group.ports.push(b.port);
    groups.set(key, group);
  }
  for (const { backend: b, ports } of groups.values()) {
    const portList = ports === 'all' ? {} : { ports: ports.map((port) => ({ protocol: 'TCP', port })) };
    const controller = b.controllerCidr
      ? { ipBlock: { cidr: b.controllerCidr } }
      : { namespaceSelector: namespaceNamed(b.controllerNamespace), podSelector: { matchLabels: { ...b.controllerPodLabels } } };
    if (baselined.includes(b.namespace)) {
      k8s.add(b.namespace, `aksnet-from-ingress-${b.controllerNamespace}`, { podSelector: selector(b.podSelector), policyTypes: ['Ingress'], ingress: [{ from: [controller], ...portList }] });
    }
    if (!b.controllerCidr && baselined.includes(b.controllerNamespace)) {
      k8s.add(b.controllerNamespace, `aksnet-to-backends-${b.namespace}`, {
        podSelector: { matchLabels: { ...b.controllerPodLabels } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: namespaceNamed(b.namespace), podSelector: selector(b.podSelector) }], ...portList }],
      });
    }
  }
}

/** A backend into a baselined namespace that names no pods or no port: what the baseline then opens. */
function wideIngressFindings(backends: readonly IngressBackend[], baselined: readonly string[]): PolicyFinding[] {
  return backends
    .filter((b) => baselined.includes(b.namespace) && (b.podSelector === undefined || b.port === undefined))
    .map((b) => {
      const controller = b.controllerCidr ?? `the controller pods in ${b.controllerNamespace}`;
      const pods = b.podSelector ? `the pods ${Object.entries(b.podSelector).map(([k, v]) => `${k}=${v}`).join(',')}` : 'every pod';
      const ports = b.port === undefined ? 'on every port' : `on port ${b.port}`;
      return {
        severity: 'warning' as const,
        code: 'POLICY_INGRESS_WIDE' as const,
        path: `namespaces.${b.namespace}`,
        message: `the route to Service ${b.service ?? '?'} in ${b.namespace} names no ${[b.podSelector === undefined ? 'podLabels' : '', b.port === undefined ? 'targetPort' : ''].filter(Boolean).join(' and ')}: the baseline opens ${pods} of ${b.namespace} ${ports} to ${controller} (databases and admin ports included); set podLabels (the Service's selector) and targetPort on the route in aks-networking:ingress`,
      };
    });
}

/** A Kubernetes NetworkPolicyPeer for an endpoint, seen from namespace `ns`. */
function peer(ns: string, e: Endpoint | undefined): Record<string, unknown> {
  if (!e) return { podSelector: {} };
  if (e.cidr !== undefined) return { ipBlock: { cidr: e.cidr, ...(e.except?.length ? { except: [...e.except] } : {}) } };
  if (e.namespaceLabels !== undefined) return { namespaceSelector: { matchLabels: { ...e.namespaceLabels } }, ...(e.podLabels ? { podSelector: selector(e.podLabels) } : {}) };
  if (e.namespace !== undefined && e.namespace !== ns) return { namespaceSelector: namespaceNamed(e.namespace), podSelector: selector(e.podLabels) };
  return { podSelector: selector(e.podLabels) };
}

function portsOf(ports: readonly PortSpec[] | undefined): { ports?: Record<string, unknown>[] } {
  if (!ports?.length) return {};
  return { ports: ports.map((p) => ({ protocol: p.protocol ?? 'TCP', port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) })) };
}

function selector(labels: Record<string, string> | undefined): Record<string, unknown> {
  return labels && Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {};
}

function namespaceNamed(name: string): Record<string, unknown> {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: name } };
}

function sorted(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
}

/** "3.30.2" -> 30; undefined when unknown. */
export function calicoMinor(version: string | undefined): number | undefined {
  const m = version ? /^v?3\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * Calico objects for `global`. With a tier (Calico >= 3.29) the policies live in it, ahead of the
 * default tier, and the tier's defaultAction Pass hands whatever they do not decide on to the
 * Kubernetes policies: the IMDS deny then covers every pod. Without tiers everything sits in the
 * default tier, where a policy that selects a pod and decides nothing leaves it to the end-of-tier
 * deny; the IMDS deny may then only select pods that already have a default deny (the baselined
 * namespaces), or it would cut all their egress.
 */
function globalObjects(config: PolicyConfig, context: PolicyContext, engineLabel: string, baselined: readonly string[], findings: PolicyFinding[]): PolicyObject[] {
  const global = config.global!;
  if (context.engine !== 'calico') {
    findings.push({
      severity: 'error',
      code: 'POLICY_ENGINE_MISMATCH',
      path: 'global',
      message: `global declares Calico GlobalNetworkPolicy objects, but this stack's policy engine is ${engineLabel}: nothing would enforce them; use networkPolicy: calico (or byoCni: calico), or remove global`,
    });
    return [];
  }
  const version = context.calicoVersion ?? global.calicoVersion;
  const minor = calicoMinor(version);
  const tier = global.tier;
  if (tier && (minor === undefined || minor < TIERS_SINCE_MINOR)) {
    findings.push({
      severity: 'error',
      code: 'CALICO_TIER_UNSUPPORTED',
      path: 'global.tier',
      message:
        minor === undefined
          ? `tiers need Calico 3.${TIERS_SINCE_MINOR} or later and this stack does not know its Calico version: set global.calicoVersion (kubectl get installation default -o jsonpath='{.status.calicoVersion}')`
          : `tiers need Calico 3.${TIERS_SINCE_MINOR} or later; this cluster runs Calico ${version}: remove global.tier`,
    });
    return [];
  }
  const prefix = tier ? `${tier.name}.` : 'default.';
  const inTier = tier ? { tier: tier.name } : {};
  const gnp = (name: string, spec: Record<string, unknown>): PolicyObject => ({ apiVersion: CALICO_API, kind: 'GlobalNetworkPolicy', metadata: { name: `${prefix}${name}`, labels: { ...MANAGED_BY } }, spec: { ...inTier, ...spec } });

  const objects: PolicyObject[] = [];
  // defaultAction Pass: the tier decides only what its policies decide; the rest goes on to the default tier
  if (tier) objects.push({ apiVersion: CALICO_API, kind: 'Tier', metadata: { name: tier.name, labels: { ...MANAGED_BY } }, spec: { order: tier.order, defaultAction: 'Pass' } });

  if (global.imds?.deny !== false) {
    const except = global.imds?.exceptNamespaces ?? DEFAULT_IMDS_EXCEPTIONS;
    const deny = { action: 'Deny', destination: { nets: [IMDS_CIDR] } };
    if (tier) {
      objects.push(gnp('deny-imds-egress', { order: 10, selector: `has(projectcalico.org/namespace) && projectcalico.org/namespace not in ${calicoSet(except)}`, types: ['Egress'], egress: [deny, { action: 'Pass' }] }));
    } else {
      const covered = baselined.filter((ns) => !except.includes(ns));
      findings.push({
        severity: 'warning',
        code: 'POLICY_IMDS_PARTIAL',
        path: 'global.imds',
        message:
          covered.length > 0
            ? `without a tier the IMDS deny can only cover the baselined namespaces (${covered.join(', ')}); pods elsewhere still reach 169.254.169.254: set global.tier (Calico 3.${TIERS_SINCE_MINOR}+) to cover every pod`
            : `without a tier the IMDS deny can only cover baselined namespaces, and there are none: no pod is denied 169.254.169.254; set global.tier (Calico 3.${TIERS_SINCE_MINOR}+) or baseline namespaces`,
      });
      if (covered.length > 0) {
        objects.push(gnp('deny-imds-egress', { order: 10, selector: `projectcalico.org/namespace in ${calicoSet(covered)}`, types: ['Egress'], egress: [deny] }));
      }
    }
  }

  for (const p of global.policies ?? []) {
    objects.push(
      gnp(p.name, {
        ...(p.order !== undefined ? { order: p.order } : {}),
        selector: p.selector,
        ...(p.namespaceSelector !== undefined ? { namespaceSelector: p.namespaceSelector } : {}),
        // always written: no Calico API server runs on AKS to apply the documented default
        types: p.types ?? defaultTypes(p.ingress, p.egress),
        ...(p.ingress ? { ingress: p.ingress } : {}),
        ...(p.egress ? { egress: p.egress } : {}),
      }),
    );
  }
  return objects;
}

/** Calico's documented default for a missing `types`: Ingress, plus Egress when there are egress rules; Egress alone when only egress rules. */
export function defaultTypes(ingress: readonly unknown[] | undefined, egress: readonly unknown[] | undefined): ('Ingress' | 'Egress')[] {
  if (egress?.length) return ingress?.length ? ['Ingress', 'Egress'] : ['Egress'];
  return ['Ingress'];
}

function calicoSet(values: readonly string[]): string {
  return `{${values.map((v) => `"${v}"`).join(', ')}}`;
}
