// Pre-deploy checks of Kubernetes and Calico objects, pure (objects in, findings out). Used by
// `aksnet validate` and by the Pulumi program before it creates an object.
//  - Kubernetes kinds: the OpenAPI schema (kubernetes-models), then what the API server's own
//    validation refuses for NetworkPolicy (names, ipBlock, endPort, label selector operators).
//  - Calico crd.projectcalico.org/v1 kinds: the CRD schema, closed against unknown fields, then the
//    rules of Calico's validator (libcalico-go/lib/validator/v3), which on AKS nothing runs: no Calico
//    API server, no calicoctl. Anything written straight to the CRDs reaches Felix unchecked.
import { adminSchemaProblems, isAdminSchemaKind } from './adminSchema';
import { gatewayApiBundle, GATEWAY_API_GROUP, gatewaySchemaProblems, gatewayScope, gatewayVersions } from './gatewaySchema';
import { calicoSchemaProblems, calicoScope, isCalicoKind, type CalicoKind } from './calicoSchema';
import { labelKeyProblem, labelValueProblem } from './labels';
import { parseNet, netWithin } from './ip';
import { k8sSchemaProblems } from './k8sSchema';
import { joinPath } from './schemaErrors';
import { isExactlyGlobal, parseSelector, SelectorError } from './selector';

export interface ObjectFinding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** 0-based index of the object in the input */
  doc: number;
  kind?: string;
  name?: string;
  /** where in the object, e.g. spec.ingress[0].from[1] */
  path: string;
}

export type FindingCode =
  | 'OBJECT_INVALID'
  | 'UNKNOWN_KIND'
  | 'K8S_SCHEMA'
  | 'K8S_NAME_INVALID'
  | 'K8S_VALUE_INVALID'
  | 'K8S_UNKNOWN_FIELD'
  | 'CALICO_V3_API'
  | 'CALICO_SCHEMA'
  | 'CALICO_SELECTOR_INVALID'
  | 'CALICO_TYPES_MISSING'
  | 'CALICO_VALUE_INVALID'
  | 'CALICO_NAME_INVALID'
  | 'CALICO_SCOPE'
  | 'CALICO_GLOBAL_SELECTOR'
  | 'K8S_LABEL_INVALID'
  | 'ADMIN_SCHEMA'
  | 'ADMIN_VALUE_INVALID'
  | 'GATEWAY_API_SCHEMA'
  | 'GATEWAY_API_VERSION'
  | 'GATEWAY_API_SCOPE';

export const ADMIN_API_VERSION = 'policy.networking.k8s.io/v1alpha1';

export const CALICO_V1 = 'crd.projectcalico.org/v1';
const CALICO_V3 = 'projectcalico.org/v3';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** RFC 1123 subdomain (most Kubernetes object names) and label. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** Calico: GlobalNetworkPolicy names are `[<tier>.]<name>`, each a DNS label (validator.go). */
const CALICO_POLICY_NAME = new RegExp(`^(${DNS_LABEL}\\.)?${DNS_LABEL}$`);
/** IANA service name, the form of a named port (Kubernetes and Calico). */
const PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const CALICO_ACTIONS = ['Allow', 'Deny', 'Log', 'Pass'];
const CALICO_PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];
/** Protocols with ports: TCP 6, UDP 17, SCTP 132, UDPLite 136. */
const PORTED_PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'UDPLite', 6, 17, 132, 136];

class Findings {
  readonly list: ObjectFinding[] = [];
  constructor(
    private readonly doc: number,
    private readonly kind?: string,
    private readonly name?: string,
  ) {}
  add(severity: ObjectFinding['severity'], code: FindingCode, path: string, message: string): void {
    this.list.push({ severity, code, message, doc: this.doc, ...(this.kind ? { kind: this.kind } : {}), ...(this.name ? { name: this.name } : {}), path });
  }
  error(code: FindingCode, path: string, message: string): void {
    this.add('error', code, path, message);
  }
}

export function validateObjects(objects: unknown[]): ObjectFinding[] {
  return objects.flatMap((o, i) => validateObject(o, i));
}

export function validateObject(object: unknown, doc: number): ObjectFinding[] {
  if (!isObj(object)) {
    const f = new Findings(doc);
    f.error('OBJECT_INVALID', '', `expected an object with apiVersion and kind, got ${object === null ? 'null' : Array.isArray(object) ? 'an array' : typeof object}`);
    return f.list;
  }
  const apiVersion = str(object.apiVersion);
  const kind = str(object.kind);
  const metadata = isObj(object.metadata) ? object.metadata : undefined;
  const f = new Findings(doc, kind, str(metadata?.name));
  if (!apiVersion || !kind) {
    f.error('OBJECT_INVALID', apiVersion ? 'kind' : 'apiVersion', 'every object needs apiVersion and kind (strings)');
    return f.list;
  }
  if (apiVersion === CALICO_V3) {
    f.error('CALICO_V3_API', 'apiVersion', `${CALICO_V3} is served only by the Calico API server, which AKS does not run; write apiVersion: ${CALICO_V1} (same kind and spec)`);
    // the rest of the object is checked as it would be once the apiVersion is changed
    if (isCalicoKind(kind)) validateCalico({ ...object, apiVersion: CALICO_V1 }, kind, f);
  } else if (apiVersion === CALICO_V1) {
    if (isCalicoKind(kind)) validateCalico(object, kind, f);
    else f.add('warning', 'UNKNOWN_KIND', 'kind', `${kind} is not a Calico policy kind this tool checks (${['GlobalNetworkPolicy', 'NetworkPolicy', 'GlobalNetworkSet', 'NetworkSet', 'Tier'].join(', ')}); not validated`);
  } else if (apiVersion === ADMIN_API_VERSION && isAdminSchemaKind(kind)) {
    for (const p of adminSchemaProblems(kind, object)) f.error('ADMIN_SCHEMA', p.path, p.message);
    validateAdmin(object, f);
  } else if (apiVersion.startsWith(`${GATEWAY_API_GROUP}/`)) {
    validateGatewayApi(object, apiVersion, kind, f);
  } else {
    // `podSelector:` with no value is null in YAML; the API server decodes it as the empty selector
    // (every pod of the namespace), so it is checked as {} (the OpenAPI schema would say "must be object")
    const k8s: Obj = apiVersion === 'networking.k8s.io/v1' && kind === 'NetworkPolicy' && isObj(object.spec) && object.spec.podSelector === null ? { ...object, spec: { ...object.spec, podSelector: {} } } : object;
    const problems = k8sSchemaProblems(apiVersion, kind, k8s);
    if (problems === undefined) {
      f.add('warning', 'UNKNOWN_KIND', 'kind', `${apiVersion} ${kind} is not a Kubernetes kind known to kubernetes-models 4.5; not validated`);
      return f.list;
    }
    for (const p of problems) f.error('K8S_SCHEMA', p.path, p.message);
    validateK8sName(k8s, kind, f);
    if (apiVersion === 'networking.k8s.io/v1' && kind === 'NetworkPolicy') validateK8sNetworkPolicy(k8s, f);
  }
  return f.list;
}

// ---------- Kubernetes ----------

function validateK8sName(object: Obj, kind: string, f: Findings): void {
  const metadata = isObj(object.metadata) ? object.metadata : {};
  const name = str(metadata.name);
  if (name === undefined) {
    if (metadata.generateName === undefined) f.error('K8S_NAME_INVALID', 'metadata.name', `a ${kind} needs metadata.name`);
    return;
  }
  // Services are DNS labels (RFC 1035: starts with a letter, 63 characters); the rest DNS subdomains
  if (kind === 'Service' ? !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63 : !DNS_SUBDOMAIN.test(name) || name.length > 253) {
    f.error('K8S_NAME_INVALID', 'metadata.name', `"${name}" is not a valid ${kind} name (lower-case letters, digits, '-'${kind === 'Service' ? ', starting with a letter, at most 63 characters' : " and '.', at most 253 characters"})`);
  }
}

/** Label keys and values in the syntax Kubernetes accepts (netpol/labels.ts). */
function validateLabels(labels: unknown, path: string, f: Findings): void {
  if (!isObj(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    const problem = labelKeyProblem(k) ?? (typeof v === 'string' ? labelValueProblem(v) : undefined);
    if (problem) f.error('K8S_LABEL_INVALID', joinPath(path, k), problem);
  }
}

function validateLabelSelector(sel: unknown, path: string, f: Findings): void {
  if (!isObj(sel)) return;
  validateLabels(sel.matchLabels, `${path}.matchLabels`, f);
  arr(sel.matchExpressions).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}.matchExpressions[${i}]`;
    const values = arr(e.values);
    if (typeof e.key === 'string') {
      const problem = labelKeyProblem(e.key);
      if (problem) f.error('K8S_LABEL_INVALID', `${p}.key`, problem);
    }
    values.forEach((v, j) => {
      const problem = typeof v === 'string' ? labelValueProblem(v) : undefined;
      if (problem) f.error('K8S_LABEL_INVALID', `${p}.values[${j}]`, problem);
    });
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) f.error('K8S_VALUE_INVALID', `${p}.values`, `operator ${e.operator} needs at least one value`);
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) f.error('K8S_VALUE_INVALID', `${p}.values`, `operator ${e.operator} takes no values`);
    } else {
      f.error('K8S_VALUE_INVALID', `${p}.operator`, `"${String(e.operator)}" is not a label selector operator (In, NotIn, Exists, DoesNotExist)`);
    }
  });
}

// The fields of networking.k8s.io/v1 NetworkPolicy (API reference, network-policy-v1). The packaged
// OpenAPI schema leaves objects open, so a misspelled key would pass it; kubectl's strict field
// validation refuses it and other clients drop it silently, changing what the policy allows.
const LABEL_SELECTOR = { matchLabels: null, matchExpressions: { key: null, operator: null, values: null } };
const PEER = { podSelector: LABEL_SELECTOR, namespaceSelector: LABEL_SELECTOR, ipBlock: { cidr: null, except: null } };
const PORT = { port: null, endPort: null, protocol: null };
type Shape = { [key: string]: Shape | null };
const NETWORK_POLICY_SHAPE: Shape = {
  apiVersion: null,
  kind: null,
  metadata: null,
  status: null,
  spec: { podSelector: LABEL_SELECTOR, policyTypes: null, ingress: { from: PEER, ports: PORT }, egress: { to: PEER, ports: PORT } },
};

function unknownFields(value: unknown, shape: Shape, path: string, f: Findings): void {
  const items = Array.isArray(value) ? value.map((v, i) => [v, `${path}[${i}]`] as const) : [[value, path] as const];
  for (const [item, at] of items) {
    if (!isObj(item)) continue;
    for (const [k, v] of Object.entries(item)) {
      if (!(k in shape)) f.error('K8S_UNKNOWN_FIELD', joinPath(at, k), `unknown field "${k}" (one of ${Object.keys(shape).join(', ')})`);
      else if (shape[k]) unknownFields(v, shape[k] as Shape, joinPath(at, k), f);
    }
  }
}

function validateK8sNetworkPolicy(object: Obj, f: Findings): void {
  unknownFields(object, NETWORK_POLICY_SHAPE, '', f);
  if (isObj(object.metadata)) validateLabels(object.metadata.labels, 'metadata.labels', f);
  const spec = isObj(object.spec) ? object.spec : undefined;
  if (!spec) {
    f.error('K8S_SCHEMA', 'spec', 'a NetworkPolicy needs spec (spec.podSelector: {} selects every pod of the namespace)');
    return;
  }
  // the OpenAPI schema may already say it (at spec): one finding per mistake
  const schemaSaidIt = f.list.some((x) => x.code === 'K8S_SCHEMA' && (x.path === 'spec.podSelector' || x.message.includes('"podSelector"')));
  if (!isObj(spec.podSelector) && !schemaSaidIt) f.error('K8S_SCHEMA', 'spec.podSelector', 'required field "podSelector" is missing ({} selects every pod of the namespace)');
  validateLabelSelector(spec.podSelector, 'spec.podSelector', f);
  // policyTypes values and port protocols are enums in the OpenAPI schema (K8S_SCHEMA)
  for (const dir of ['ingress', 'egress'] as const) {
    arr(spec[dir]).forEach((rule, r) => {
      if (!isObj(rule)) return;
      const base = `spec.${dir}[${r}]`;
      arr(rule.ports).forEach((port, i) => {
        if (!isObj(port)) return;
        const p = `${base}.ports[${i}]`;
        if (typeof port.port === 'string' && !PORT_NAME.test(port.port)) f.error('K8S_VALUE_INVALID', `${p}.port`, `"${port.port}" is not a port name (IANA service name: 1-15 lower-case letters, digits, '-')`);
        if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535)) f.error('K8S_VALUE_INVALID', `${p}.port`, `port ${port.port} is outside 1-65535`);
        if (port.endPort !== undefined) {
          if (typeof port.port !== 'number') f.error('K8S_VALUE_INVALID', `${p}.endPort`, 'endPort needs a numeric port (not a named port)');
          else if (typeof port.endPort === 'number' && (port.endPort < port.port || port.endPort > 65535)) f.error('K8S_VALUE_INVALID', `${p}.endPort`, `endPort ${port.endPort} must be between port ${port.port} and 65535`);
        }
      });
      arr(rule[dir === 'ingress' ? 'from' : 'to']).forEach((peer, i) => {
        if (!isObj(peer)) return;
        const p = `${base}.${dir === 'ingress' ? 'from' : 'to'}[${i}]`;
        if (peer.podSelector == null && peer.namespaceSelector == null && peer.ipBlock == null) {
          f.error('K8S_VALUE_INVALID', p, 'a peer needs podSelector, namespaceSelector or ipBlock (the API server refuses an empty peer; to allow everyone, leave out from/to)');
        }
        validateLabelSelector(peer.podSelector, `${p}.podSelector`, f);
        validateLabelSelector(peer.namespaceSelector, `${p}.namespaceSelector`, f);
        if (peer.ipBlock !== undefined && (peer.podSelector !== undefined || peer.namespaceSelector !== undefined)) {
          f.error('K8S_VALUE_INVALID', p, 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer');
        }
        if (isObj(peer.ipBlock)) {
          const cidr = parseNet(String(peer.ipBlock.cidr));
          if (!cidr || !String(peer.ipBlock.cidr).includes('/')) {
            f.error('K8S_VALUE_INVALID', `${p}.ipBlock.cidr`, `"${String(peer.ipBlock.cidr)}" is not a CIDR such as 10.0.0.0/16`);
            return;
          }
          arr(peer.ipBlock.except).forEach((e, j) => {
            const ex = parseNet(String(e));
            if (!ex || !String(e).includes('/')) f.error('K8S_VALUE_INVALID', `${p}.ipBlock.except[${j}]`, `"${String(e)}" is not a CIDR`);
            else if (!netWithin(ex, cidr) || (ex.first === cidr.first && ex.last === cidr.last)) f.error('K8S_VALUE_INVALID', `${p}.ipBlock.except[${j}]`, `${String(e)} must be a strict subset of ${cidr.text}`);
          });
        }
      });
    });
  }
}

// ---------- AdminNetworkPolicy, BaselineAdminNetworkPolicy ----------

/** What the schema cannot say: selector operators and label syntax, one subject, one peer kind. */
function validateAdmin(object: Obj, f: Findings): void {
  if (isObj(object.metadata)) validateLabels(object.metadata.labels, 'metadata.labels', f);
  const spec = isObj(object.spec) ? object.spec : {};
  const selectors = (v: unknown, path: string) => {
    if (!isObj(v)) return;
    if (isObj(v.namespaces)) validateLabelSelector(v.namespaces, `${path}.namespaces`, f);
    if (isObj(v.pods)) {
      validateLabelSelector(v.pods.namespaceSelector, `${path}.pods.namespaceSelector`, f);
      validateLabelSelector(v.pods.podSelector, `${path}.pods.podSelector`, f);
    }
    if (isObj(v.nodes)) validateLabelSelector(v.nodes, `${path}.nodes`, f);
  };
  selectors(spec.subject, 'spec.subject');
  for (const dir of ['ingress', 'egress'] as const) {
    arr(spec[dir]).forEach((rule, i) => {
      if (!isObj(rule)) return;
      arr(rule[dir === 'ingress' ? 'from' : 'to']).forEach((peer, j) => selectors(peer, `spec.${dir}[${i}].${dir === 'ingress' ? 'from' : 'to'}[${j}]`));
      arr(rule.ports).forEach((port, j) => {
        if (isObj(port) && isObj(port.portRange) && Number(port.portRange.start) > Number(port.portRange.end)) {
          f.error('ADMIN_VALUE_INVALID', `spec.${dir}[${i}].ports[${j}].portRange`, `start ${String(port.portRange.start)} is above end ${String(port.portRange.end)}`);
        }
      });
    });
  }
}

// ---------- Gateway API ----------

function validateGatewayApi(object: Obj, apiVersion: string, kind: string, f: Findings): void {
  const scope = gatewayScope(kind);
  if (!scope) {
    f.add('warning', 'UNKNOWN_KIND', 'kind', `${kind} is not a Gateway API standard-channel kind this tool checks (Gateway, GatewayClass, HTTPRoute, GRPCRoute, ReferenceGrant; Gateway API ${gatewayApiBundle()}); not validated`);
    return;
  }
  const problems = gatewaySchemaProblems(apiVersion, kind, object);
  if (!problems) {
    f.error('GATEWAY_API_VERSION', 'apiVersion', `${apiVersion} does not serve ${kind} in the Gateway API ${gatewayApiBundle()} standard channel; write ${gatewayVersions(kind).map((v) => `${GATEWAY_API_GROUP}/${v}`).join(' or ')}`);
    return;
  }
  for (const p of problems) f.error('GATEWAY_API_SCHEMA', p.path, p.message);
  validateK8sName(object, kind, f);
  const metadata = isObj(object.metadata) ? object.metadata : {};
  if (scope === 'Cluster' && metadata.namespace !== undefined) f.add('warning', 'GATEWAY_API_SCOPE', 'metadata.namespace', `${kind} is cluster-scoped: metadata.namespace is ignored`);
}

// ---------- Calico ----------

function checkSelector(value: unknown, path: string, f: Findings, globalAllowed: boolean): void {
  if (typeof value !== 'string') return; // the schema reports a non-string
  try {
    const s = parseSelector(value);
    if (s.usesGlobal && !(globalAllowed && isExactlyGlobal(value))) {
      f.error('CALICO_SELECTOR_INVALID', path, `global() is allowed only as the whole namespaceSelector of a rule's source or destination: "${value}"`);
    }
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    f.error('CALICO_SELECTOR_INVALID', path, `${e.message}: "${value}"`);
  }
}

function checkNets(list: unknown, path: string, f: Findings): void {
  arr(list).forEach((n, i) => {
    if (typeof n === 'string' && !parseNet(n)) f.error('CALICO_VALUE_INVALID', `${path}[${i}]`, `"${n}" is not an IP address or CIDR`);
  });
}

/** A Calico port: 1-65535, "a:b" with a <= b, or a port name. */
function portProblem(port: unknown): string | undefined {
  if (typeof port === 'number') return Number.isInteger(port) && port >= 0 && port <= 65535 ? undefined : `port ${port} is outside 0-65535`;
  if (typeof port !== 'string') return undefined;
  const range = /^(\d+):(\d+)$/.exec(port);
  if (range) return Number(range[1]) <= Number(range[2]) && Number(range[2]) <= 65535 ? undefined : `"${port}" is not a port range first:last within 0-65535`;
  if (/^\d+$/.test(port)) return Number(port) <= 65535 ? undefined : `port ${port} is outside 0-65535`;
  return PORT_NAME.test(port) ? undefined : `"${port}" is neither a port, a range such as "8080:8090", nor a port name`;
}

const isNumericPort = (p: unknown) => typeof p === 'number' || (typeof p === 'string' && /^\d+(:\d+)?$/.test(p));

function checkProtocol(value: unknown, path: string, f: Findings): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' ? Number.isInteger(value) && value >= 1 && value <= 255 : CALICO_PROTOCOLS.includes(String(value)) || (/^\d+$/.test(String(value)) && Number(value) >= 1 && Number(value) <= 255);
  if (!ok) f.error('CALICO_VALUE_INVALID', path, `protocol "${String(value)}" is not one of ${CALICO_PROTOCOLS.join(', ')} or 1-255`);
}

function checkEntity(entity: unknown, path: string, protocol: unknown, kind: CalicoKind, f: Findings): void {
  if (!isObj(entity)) return;
  checkSelector(entity.selector, `${path}.selector`, f, false);
  checkSelector(entity.notSelector, `${path}.notSelector`, f, false);
  checkSelector(entity.namespaceSelector, `${path}.namespaceSelector`, f, true);
  // the CRD documents global() for NetworkPolicy rules; Calico's validator accepts it in a
  // GlobalNetworkPolicy too, where a selector without namespaceSelector already reaches global sets
  if (kind === 'GlobalNetworkPolicy' && typeof entity.namespaceSelector === 'string' && isExactlyGlobal(entity.namespaceSelector)) {
    f.add('warning', 'CALICO_GLOBAL_SELECTOR', `${path}.namespaceSelector`, 'global() is documented for NetworkPolicy rules; in a GlobalNetworkPolicy it limits the rule to non-namespaced sets and host endpoints (leave namespaceSelector out to match pods and sets alike)');
  }
  if (isObj(entity.serviceAccounts)) checkSelector(entity.serviceAccounts.selector, `${path}.serviceAccounts.selector`, f, false);
  checkNets(entity.nets, `${path}.nets`, f);
  checkNets(entity.notNets, `${path}.notNets`, f);
  for (const key of ['ports', 'notPorts'] as const) {
    arr(entity[key]).forEach((p, i) => {
      const problem = portProblem(p);
      if (problem) f.error('CALICO_VALUE_INVALID', `${path}.${key}[${i}]`, problem);
      else if (isNumericPort(p) && !PORTED_PROTOCOLS.includes(protocol as string)) {
        f.error('CALICO_VALUE_INVALID', `${path}.${key}[${i}]`, `numeric ports need protocol TCP, UDP, SCTP or UDPLite on the rule${protocol === undefined ? ' (none is set)' : ` (it is ${String(protocol)})`}`);
      }
    });
  }
}

function validateCalicoPolicy(spec: Obj, kind: CalicoKind, name: string | undefined, f: Findings): void {
  checkSelector(spec.selector, 'spec.selector', f, false);
  checkSelector(spec.namespaceSelector, 'spec.namespaceSelector', f, false);
  checkSelector(spec.serviceAccountSelector, 'spec.serviceAccountSelector', f, false);
  if (spec.types === undefined) {
    f.add('warning', 'CALICO_TYPES_MISSING', 'spec.types', 'no types: on AKS nothing fills in the documented default (no Calico API server or calicoctl), and Felix then applies the policy to ingress AND egress; set types explicitly');
  }
  arr(spec.types).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') f.error('CALICO_VALUE_INVALID', `spec.types[${i}]`, `"${String(t)}" is not a policy type (Ingress, Egress)`);
  });
  for (const dir of ['ingress', 'egress'] as const) {
    arr(spec[dir]).forEach((rule, r) => {
      if (!isObj(rule)) return;
      const base = `spec.${dir}[${r}]`;
      if (!CALICO_ACTIONS.includes(String(rule.action))) f.error('CALICO_VALUE_INVALID', `${base}.action`, `action "${String(rule.action)}" is not one of ${CALICO_ACTIONS.join(', ')}`);
      checkProtocol(rule.protocol, `${base}.protocol`, f);
      checkProtocol(rule.notProtocol, `${base}.notProtocol`, f);
      checkEntity(rule.source, `${base}.source`, rule.protocol, kind, f);
      checkEntity(rule.destination, `${base}.destination`, rule.protocol, kind, f);
    });
  }
  // tiers: a policy outside the default tier is named <tier>.<name> (Calico v3.29+ naming rule)
  const tier = str(spec.tier) ?? 'default';
  if (name !== undefined) {
    if (kind === 'GlobalNetworkPolicy' && !CALICO_POLICY_NAME.test(name)) f.error('CALICO_NAME_INVALID', 'metadata.name', `"${name}" is not a GlobalNetworkPolicy name ([<tier>.]<name>, lower-case DNS labels)`);
    if (tier !== 'default' && !name.startsWith(`${tier}.`)) f.error('CALICO_NAME_INVALID', 'metadata.name', `a policy in tier "${tier}" must be named "${tier}.<name>", not "${name}"`);
  }
}

function validateCalico(object: Obj, kind: CalicoKind, f: Findings): void {
  for (const p of calicoSchemaProblems(kind, object)) f.error('CALICO_SCHEMA', p.path, p.message);
  const metadata = isObj(object.metadata) ? object.metadata : {};
  const name = str(metadata.name);
  if (name === undefined) f.error('CALICO_NAME_INVALID', 'metadata.name', `a ${kind} needs metadata.name`);
  else if (!DNS_SUBDOMAIN.test(name) || name.length > 253) f.error('CALICO_NAME_INVALID', 'metadata.name', `"${name}" is not a valid name (lower-case letters, digits, '-', '.')`);
  if (calicoScope(kind) === 'Cluster' && metadata.namespace !== undefined) {
    f.add('warning', 'CALICO_SCOPE', 'metadata.namespace', `${kind} is cluster-scoped: metadata.namespace is ignored (did you mean a namespaced ${kind === 'GlobalNetworkPolicy' ? 'NetworkPolicy' : kind === 'GlobalNetworkSet' ? 'NetworkSet' : 'kind'}?)`);
  }
  const spec = isObj(object.spec) ? object.spec : undefined;
  if (!spec) return;
  if (kind === 'GlobalNetworkPolicy' || kind === 'NetworkPolicy') validateCalicoPolicy(spec, kind, name, f);
  if (kind === 'GlobalNetworkSet' || kind === 'NetworkSet') checkNets(spec.nets, 'spec.nets', f);
  for (const [k, v] of Object.entries(isObj(metadata.labels) ? metadata.labels : {})) {
    // Kubernetes' label syntax (the API server refuses the object otherwise): key and value
    const problem = labelKeyProblem(k) ?? (typeof v === 'string' ? labelValueProblem(v) : undefined);
    if (problem) f.error('CALICO_VALUE_INVALID', joinPath('metadata.labels', k), problem);
    if (typeof v !== 'string') f.error('CALICO_SCHEMA', joinPath('metadata.labels', k), 'label values must be strings');
  }
}
