// The shape of stack config key `aks-networking:policy`: which namespaces get the baseline of
// Kubernetes NetworkPolicy objects, their named allow rules, and (Calico engine only) the
// cluster-wide Calico GlobalNetworkPolicy objects.
//
// Like the network and cluster schemas, unknown keys are refused, the type check reports a path for
// every problem, and meaning (CIDRs, `except` inside its CIDR, one side of a rule being local) is
// checked afterwards; every problem reads INVALID_CONFIG or INVALID_CIDR with its path.
//
// Pure: no Pulumi, no I/O (`aksnet reach --stack` reads it too).
import * as z from 'zod/mini';
import { contains, parseCidr } from '../planner/cidr';
import { formatPath, type ConfigIssue } from '../planner/validate';

// Kubernetes names: namespaces and the rule names that end up in object names are DNS-1123 labels.
const dnsLabel = z.string().check(z.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a DNS-1123 label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'));
// Label keys: an optional DNS subdomain prefix and "/", then 1-63 characters [A-Za-z0-9._-] starting
// and ending alphanumeric; values: empty or the same 63-character form (Kubernetes "Labels and Selectors").
const labelKey = z.string().check(
  z.regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, 'a label key: [prefix/]name, name 1-63 letters, digits, "-", "_" or "."'),
  z.maxLength(316),
);
const labelValue = z.string().check(z.regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, 'a label value: up to 63 letters, digits, "-", "_" or ".", starting and ending alphanumeric'));
const labels = z.record(labelKey, labelValue);

const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
// A named port is an IANA_SVC_NAME: 1-15 lowercase letters, digits and "-", with at least one letter.
const portName = z.string().check(z.regex(/^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, 'a port number or an IANA service name (1-15 lowercase letters, digits or "-", with a letter)'));
const portNumber = z.int().check(z.minimum(1), z.maximum(65535));

const port = z.strictObject({
  port: z.union([portNumber, portName]),
  /** default TCP */
  protocol: z.optional(protocol),
  /** the last port of a range starting at `port` (numeric ports only) */
  endPort: z.optional(portNumber),
});

/**
 * One side of an allow rule. Pods: `podLabels`, in this namespace unless `namespace` names another
 * or `namespaceLabels` selects namespaces. Addresses: `cidr` with optional `except`.
 */
const endpoint = z.strictObject({
  namespace: z.optional(dnsLabel),
  namespaceLabels: z.optional(labels),
  podLabels: z.optional(labels),
  cidr: z.optional(z.string()),
  except: z.optional(z.array(z.string())),
});

const allowRule = z.strictObject({
  /** part of the generated object names */
  name: dnsLabel,
  /** default: every pod of this namespace */
  from: z.optional(endpoint),
  /** default: every pod of this namespace */
  to: z.optional(endpoint),
  /** default: every port */
  ports: z.optional(z.array(port)),
});

const namespaceBaseline = z.strictObject({
  /** allow DNS to CoreDNS (default true; without it nothing in the namespace resolves names) */
  dns: z.optional(z.boolean()),
  allow: z.optional(z.array(allowRule)),
});

const ruleList = z.array(z.record(z.string(), z.unknown()));

const globalPolicy = z.strictObject({
  name: dnsLabel,
  /** lower first; none: after every ordered policy of the tier */
  order: z.optional(z.number()),
  /** Calico selector of the endpoints it applies to */
  selector: z.string(),
  namespaceSelector: z.optional(z.string()),
  /** default: Ingress when it has ingress rules, Egress when it has egress rules (always written out) */
  types: z.optional(z.array(z.enum(['Ingress', 'Egress']))),
  /** Calico rules as written in crd.projectcalico.org/v1 (action Allow | Deny | Pass | Log, ...); checked against the CRD schema */
  ingress: z.optional(ruleList),
  egress: z.optional(ruleList),
});

export const policyConfigSchema = z.strictObject({
  /** namespace name -> its baseline */
  namespaces: z.optional(z.record(dnsLabel, namespaceBaseline)),
  /** Calico engine only: cluster-wide GlobalNetworkPolicy objects */
  global: z.optional(
    z.strictObject({
      /** the cluster's Calico version ("3.30"); a BYO Calico stack knows it from the pinned chart */
      calicoVersion: z.optional(z.string().check(z.regex(/^v?3\.\d+(\.\d+)?$/, 'a Calico 3.x version such as "3.30"'))),
      /** put the global policies in this tier (Calico >= 3.29), evaluated before the default tier */
      tier: z.optional(z.strictObject({ name: dnsLabel, order: z.number() })),
      /** deny pod egress to the instance metadata endpoint 169.254.169.254 (default: deny) */
      imds: z.optional(
        z.strictObject({
          deny: z.optional(z.boolean()),
          /** namespaces whose pods keep IMDS (default kube-system, calico-system, tigera-operator) */
          exceptNamespaces: z.optional(z.array(dnsLabel)),
        }),
      ),
      policies: z.optional(z.array(globalPolicy)),
    }),
  ),
});

export type PolicyConfig = z.infer<typeof policyConfigSchema>;
export type NamespaceBaseline = z.infer<typeof namespaceBaseline>;
export type AllowRule = z.infer<typeof allowRule>;
export type Endpoint = z.infer<typeof endpoint>;
export type PortSpec = z.infer<typeof port>;
export type GlobalPolicyConfig = z.infer<typeof globalPolicy>;

export type PolicyValidationResult = { ok: true; config: PolicyConfig } | { ok: false; issues: ConfigIssue[] };

/** `raw` is the `aks-networking:policy` object; undefined reads as {} (no policy objects). */
export function validatePolicyConfig(raw: unknown): PolicyValidationResult {
  const parsed = z.safeParse(policyConfigSchema, raw ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ code: 'INVALID_CONFIG', path: formatPath(issue.path), message: issueMessage(issue) })) };
  }
  const config = parsed.data;
  const issues: ConfigIssue[] = [];
  for (const [ns, baseline] of Object.entries(config.namespaces ?? {})) {
    (baseline.allow ?? []).forEach((rule, i) => issues.push(...ruleIssues(ns, rule, `namespaces.${ns}.allow[${i}]`)));
    const names = (baseline.allow ?? []).map((r) => r.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) issues.push({ code: 'INVALID_CONFIG', path: `namespaces.${ns}.allow[${i}].name`, message: `rule name "${name}" is used twice in namespace ${ns}` });
    });
  }
  const globals = config.global?.policies ?? [];
  globals.forEach((p, i) => {
    if (globals.findIndex((q) => q.name === p.name) !== i) issues.push({ code: 'INVALID_CONFIG', path: `global.policies[${i}].name`, message: `global policy name "${p.name}" is used twice` });
    if (!p.ingress?.length && !p.egress?.length && !p.types?.length) {
      issues.push({ code: 'INVALID_CONFIG', path: `global.policies[${i}]`, message: 'a global policy needs ingress or egress rules, or types (a policy with types and no rules denies what it selects)' });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}

/** A bad record key (namespace name, label key) says why, not zod's generic "Invalid input". */
function issueMessage(issue: { code: string; message: string; issues?: readonly { message: string }[] }): string {
  return issue.code === 'invalid_key' && issue.issues?.[0] ? `invalid key: ${issue.issues[0].message}` : issue.message;
}

/** True when the endpoint means pods of namespace `ns` (no namespace, namespace selector or CIDR of its own). */
export function isLocal(ns: string, e: Endpoint | undefined): boolean {
  if (!e) return true;
  if (e.cidr !== undefined || e.namespaceLabels !== undefined) return false;
  return e.namespace === undefined || e.namespace === ns;
}

function ruleIssues(ns: string, rule: AllowRule, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const invalid = (where: string, message: string) => issues.push({ code: 'INVALID_CONFIG', path: `${path}.${where}`, message });
  for (const side of ['from', 'to'] as const) {
    const e = rule[side];
    if (!e) continue;
    if (e.cidr !== undefined) {
      if (e.namespace !== undefined || e.namespaceLabels !== undefined || e.podLabels !== undefined) invalid(side, 'a CIDR endpoint cannot also select namespaces or pods (Kubernetes ipBlock stands alone in a peer)');
      const cidr = parseCidr(e.cidr);
      if (!cidr.ok) issues.push({ code: 'INVALID_CIDR', path: `${path}.${side}.cidr`, message: cidr.reason });
      (e.except ?? []).forEach((text, j) => {
        const ex = parseCidr(text);
        if (!ex.ok) issues.push({ code: 'INVALID_CIDR', path: `${path}.${side}.except[${j}]`, message: ex.reason });
        // the API server refuses an except outside its cidr (NetworkPolicy validation)
        else if (cidr.ok && (!contains(cidr.cidr, ex.cidr) || ex.cidr.prefix <= cidr.cidr.prefix)) invalid(`${side}.except[${j}]`, `${text} must lie strictly inside ${e.cidr}`);
      });
    } else if (e.except !== undefined) {
      invalid(`${side}.except`, 'except needs a cidr');
    }
    if (e.namespace !== undefined && e.namespaceLabels !== undefined) invalid(side, 'give namespace or namespaceLabels, not both');
  }
  if (!isLocal(ns, rule.from) && !isLocal(ns, rule.to)) {
    invalid('', `one side of a rule in namespace ${ns} must be pods of ${ns} (leave from or to without namespace, namespaceLabels and cidr)`);
  }
  (rule.ports ?? []).forEach((p, j) => {
    if (p.endPort === undefined) return;
    if (typeof p.port !== 'number') invalid(`ports[${j}].endPort`, 'endPort needs a numeric port');
    else if (p.endPort < p.port) invalid(`ports[${j}].endPort`, `endPort ${p.endPort} is below port ${p.port}`);
  });
  return issues.map((i) => ({ ...i, path: i.path.replace(/\.$/, '') }));
}
