// The shape of stack config key `aks-networking:ingress`: which controller a cluster gets, how it is
// exposed, and the routes that become Ingress objects (haproxy, nginx, app-routing, agic) or Gateway
// API objects (agc, envoy-gateway, approuting-istio). One key for both APIs: a stack has one entry
// point, the routes mean the same under either, and `aksnet migrate --ingress` moves a stack by
// changing `controller` and nothing else that is not reported. Pure (zod, no Pulumi), so `aksnet plan` reads
// it too: the internal ingress IP is part of the address plan.
//
//   validateIngressConfig(raw, network) -> { ok: true; settings } | { ok: false; issues }
//
// Like the other config keys, the type check reports a path for every problem (INVALID_CONFIG), and
// meaning that needs the network (which subnet, which address) is checked afterwards with the same code.
import * as z from 'zod/mini';
import { parseIPv4 } from '../../planner/cidr';
import type { IngressNeed } from '../../planner/types';
import { formatPath, type ConfigIssue, type ResolvedNetwork } from '../../planner/validate';
import { labelKeyProblem, labelValueProblem } from '../../netpol/labels';
import { builtOnFirstUse } from '../../planner/builtOnFirstUse';

export const INGRESS_CONTROLLERS = ['haproxy', 'nginx', 'app-routing', 'agic', 'agc', 'envoy-gateway', 'approuting-istio'] as const;
export type IngressControllerKind = (typeof INGRESS_CONTROLLERS)[number];
/** Implementations of the Gateway API: routes become a Gateway and HTTPRoutes, not Ingress objects. */
export const GATEWAY_CONTROLLERS = ['agc', 'envoy-gateway', 'approuting-istio'] as const;
export type GatewayControllerKind = (typeof GATEWAY_CONTROLLERS)[number];
export function isGatewayController(kind: IngressControllerKind): kind is GatewayControllerKind {
  return (GATEWAY_CONTROLLERS as readonly string[]).includes(kind);
}
export const EXPOSURES = ['public', 'internal'] as const;
export type Exposure = (typeof EXPOSURES)[number];
export const PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;
export type PathType = (typeof PATH_TYPES)[number];

// The schema is built on first use: every command loads this module, and building it (its regular
// expressions, routes and unions) cost about 1.5 ms of CPU at each start, while only stacks with
// `aks-networking:ingress` are checked against it.
function buildIngressConfigSchema() {
  // RFC 1123 subdomain, optionally with one leading wildcard label (Ingress `host` rules).
  const host = z.string().check(
    z.regex(/^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/, 'host is a lowercase DNS name such as shop.example.com, optionally starting with "*."'),
    z.maxLength(253),
  );
  // Plain URL paths only: the controllers' rewrite syntax is generated from them, so no regex here.
  const urlPath = z.string().check(z.regex(/^\/[A-Za-z0-9._~\/-]*$/, 'path is an absolute URL path of letters, digits, ".", "_", "~", "-" and "/", e.g. /api'));
  // RFC 1123 label: namespace and service names.
  const dnsLabel = z.string().check(z.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'names are lowercase letters, digits and "-" (at most 63), starting and ending with a letter or digit'));
  const portName = z.string().check(z.regex(/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, 'a port name is at most 15 lowercase letters, digits and "-"'));

  const route = z.strictObject({
    host,
    path: urlPath,
    /** default Prefix; NGINX rewrites use ImplementationSpecific (regex paths) */
    pathType: z.optional(z.enum(PATH_TYPES)),
    namespace: dnsLabel,
    service: dnsLabel,
    /** service port: number or name */
    port: z.union([z.int().check(z.minimum(1), z.maximum(65535)), portName]),
    /** strip `path` and send the rest under this prefix: path /api + rewrite / turns /api/users into /users */
    rewrite: z.optional(urlPath),
    /** the Secret holding the certificate: its name, or { secretName } (true or {} alone is a finding) */
    tls: z.optional(z.union([z.string(), z.boolean(), z.strictObject({ secretName: z.optional(z.string()) })])),
    /** the labels of the Service's backend pods (its selector): the policy baseline opens only these to the controller */
    podLabels: z.optional(z.record(z.string(), z.string())),
    /** the port the backend pods listen on (the Service's targetPort, a number or a container port name): the baseline opens only it */
    targetPort: z.optional(z.union([z.int().check(z.minimum(1), z.maximum(65535)), portName])),
  });

  return z.strictObject({
    controller: z.enum(INGRESS_CONTROLLERS),
    /** default public; internal puts the load balancer on a private IP the planner reserves */
    exposure: z.optional(z.enum(EXPOSURES)),
    /** internal: the subnet of the front-end IP (default: the one `purpose: ingress` subnet); agic: the gateway subnet (default: the one `appgateway` subnet); agc: the association subnet (default: the one `agc` subnet) */
    subnet: z.optional(z.string().check(z.minLength(1))),
    /** internal: the front-end IP (default: the subnet's last usable address) */
    ip: z.optional(z.string()),
    /** namespace of a chart-based controller (default ingress-<controller>) */
    namespace: z.optional(dnsLabel),
    /** controller replicas, spread across zones (default 2, never fewer) */
    replicas: z.optional(z.int().check(z.minimum(2), z.maximum(100))),
    routes: z.optional(z.array(route)),
  });
}

/** The zod schema of `aks-networking:ingress`. */
export const ingressConfigSchema = builtOnFirstUse(buildIngressConfigSchema);

export type IngressConfig = z.infer<ReturnType<typeof buildIngressConfigSchema>>;
export type RouteConfig = NonNullable<IngressConfig['routes']>[number];

export interface IngressRoute {
  /** index in `routes`, for finding paths */
  index: number;
  host: string;
  path: string;
  /** undefined: the controller's default (Prefix, or ImplementationSpecific for an NGINX rewrite) */
  pathType?: PathType;
  namespace: string;
  service: string;
  port: number | string;
  rewrite?: string;
  /** undefined: plain HTTP; { secretName: undefined }: TLS asked for without a secret (a finding) */
  tls?: { secretName?: string };
  /** the backend pods' labels (the Service's selector), when the route names them */
  podLabels?: Record<string, string>;
  /** the backend pods' port (the Service's targetPort), when the route names it */
  targetPort?: number | string;
}

/** `aks-networking:ingress` with every default applied and checked against the network. */
export interface IngressSettings {
  controller: IngressControllerKind;
  exposure: Exposure;
  /** internal: the front-end subnet; agic: the gateway subnet; otherwise undefined */
  subnet?: string;
  ip?: string;
  namespace: string;
  replicas: number;
  routes: IngressRoute[];
}

export type IngressValidationResult = { ok: true; settings: IngressSettings } | { ok: false; issues: ConfigIssue[] };

/** `raw` is `aks-networking:ingress` (undefined: no ingress, and `ok: true` with settings undefined is not returned). */
export function validateIngressConfig(raw: unknown, network: ResolvedNetwork): IngressValidationResult {
  const parsed = z.safeParse(ingressConfigSchema(), raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ code: 'INVALID_CONFIG', path: formatPath(issue.path), message: issue.message })) };
  }
  const config = parsed.data;
  const issues: ConfigIssue[] = [];
  const invalid = (path: string, message: string) => issues.push({ code: 'INVALID_CONFIG', path, message });
  const exposure = config.exposure ?? 'public';
  const agic = config.controller === 'agic';
  const agc = config.controller === 'agc';
  // AGIC and AGC own a dedicated subnet whatever the exposure (AGC's internal exposure is refused by
  // the design, with the reason, after the subnet is known)
  const ownSubnet = agic || agc;

  // The subnet is named for an internal front end (the load balancer's private IP), for AGIC (the
  // gateway's dedicated subnet) and for AGC (the association subnet); a public in-cluster
  // controller needs none.
  let subnet: string | undefined;
  const wanted = agic ? 'appgateway' : agc ? 'agc' : 'ingress';
  const what = agic ? 'AGIC needs a dedicated Application Gateway subnet' : 'Application Gateway for Containers needs its own association subnet, delegated to Microsoft.ServiceNetworking/trafficControllers';
  if (ownSubnet || exposure === 'internal') {
    if (config.subnet !== undefined) {
      const named = network.subnets.find((s) => s.name === config.subnet);
      if (!named) invalid('subnet', `unknown subnet "${config.subnet}"; subnets are: ${network.subnets.map((s) => s.name).join(', ')}`);
      else if (ownSubnet && named.purpose !== wanted) invalid('subnet', `${what} (purpose: ${wanted}); "${named.name}" is purpose ${named.purpose}`);
      subnet = config.subnet;
    } else {
      const candidates = network.subnets.filter((s) => s.purpose === wanted);
      if (candidates.length === 1) subnet = candidates[0].name;
      else invalid('subnet', `${ownSubnet ? config.controller : 'an internal ingress'} needs a subnet with purpose: ${wanted}; ${candidates.length === 0 ? 'there is none' : `there are ${candidates.length} (${candidates.map((s) => s.name).join(', ')})`}: name one`);
    }
  } else if (config.subnet !== undefined) {
    invalid('subnet', 'a public ingress takes no subnet: its load balancer front end is a public IP');
  }

  if (config.ip !== undefined) {
    if (exposure !== 'internal' || ownSubnet) invalid('ip', 'ip is the private front-end IP of an internal in-cluster controller (haproxy, nginx, app-routing, envoy-gateway)');
    else if (parseIPv4(config.ip) === undefined) issues.push({ code: 'INVALID_CIDR', path: 'ip', message: `"${config.ip}" is not an IPv4 address: give a free private IP of the ingress subnet, such as 10.0.2.10` });
  }
  (config.routes ?? []).forEach((r, i) => {
    for (const [k, v] of Object.entries(r.podLabels ?? {})) {
      const problem = labelKeyProblem(k) ?? labelValueProblem(v);
      if (problem) invalid(`routes[${i}].podLabels.${k}`, problem);
    }
    if (r.podLabels !== undefined && Object.keys(r.podLabels).length === 0) invalid(`routes[${i}].podLabels`, 'name at least one label of the backend pods (an empty set would select every pod of the namespace)');
  });
  if (config.namespace !== undefined && (config.controller === 'app-routing' || agic || config.controller === 'approuting-istio')) {
    invalid('namespace', `${config.controller} is an AKS add-on: AKS chooses its namespace`);
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      controller: config.controller,
      exposure,
      ...(subnet !== undefined ? { subnet } : {}),
      ...(config.ip !== undefined ? { ip: config.ip } : {}),
      namespace: config.namespace ?? defaultIngressNamespace(config.controller),
      replicas: config.replicas ?? 2,
      routes: (config.routes ?? []).map((r, index) => resolveRoute(r, index)),
    },
  };
}

/** Where the add-ons run (AKS decides) and where the charts go (our default). */
export function defaultIngressNamespace(controller: IngressControllerKind): string {
  switch (controller) {
    case 'app-routing':
      return 'app-routing-system';
    case 'agic':
      return 'kube-system';
    // the charts' documented namespaces (ALB controller quickstart, Envoy Gateway install-helm)
    case 'agc':
      return 'azure-alb-system';
    case 'envoy-gateway':
      return 'envoy-gateway-system';
    // the add-on's gateways are created in the Gateway's namespace: ours is this one
    case 'approuting-istio':
      return 'gateway-system';
    default:
      return `ingress-${controller}`;
  }
}

function resolveRoute(r: RouteConfig, index: number): IngressRoute {
  let tls: IngressRoute['tls'];
  if (typeof r.tls === 'string') tls = { secretName: r.tls || undefined };
  else if (r.tls === true) tls = {};
  else if (typeof r.tls === 'object') tls = { secretName: r.tls.secretName || undefined };
  return {
    index,
    host: r.host,
    path: r.path,
    ...(r.pathType ? { pathType: r.pathType } : {}),
    namespace: r.namespace,
    service: r.service,
    port: r.port,
    ...(r.rewrite !== undefined ? { rewrite: r.rewrite } : {}),
    ...(tls ? { tls } : {}),
    ...(r.podLabels ? { podLabels: { ...r.podLabels } } : {}),
    ...(r.targetPort !== undefined ? { targetPort: r.targetPort } : {}),
  };
}

/** What the planner must reserve for this ingress: a private front-end IP, or the AGIC gateway subnet. */
export function ingressNeed(settings: IngressSettings): IngressNeed {
  return {
    controller: settings.controller,
    exposure: settings.exposure,
    ...(settings.subnet !== undefined ? { subnet: settings.subnet } : {}),
    ...(settings.ip !== undefined ? { ip: settings.ip } : {}),
  };
}
