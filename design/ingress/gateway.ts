// Routes -> Gateway API objects (gateway.networking.k8s.io/v1, standard channel): one Gateway in the
// platform namespace with a listener per host and protocol, one HTTPRoute per route in the backend's
// namespace, an HTTP->HTTPS redirect route per TLS host, and the ReferenceGrants the cross-namespace
// references need. Pure.
//
//   gatewayObjects(routes, implementation, gateway) -> { objects: [{ route?, object }], findings }
//
// Facts (https://gateway-api.sigs.k8s.io/reference/spec/, v1.6.1):
// - listeners: at most 64; HTTPS with tls.mode Terminate needs certificateRefs; allowedRoutes.namespaces
//   (Same | All | Selector) is the only control of which namespaces' routes attach: parentRefs across
//   namespaces need no ReferenceGrant (https://gateway-api.sigs.k8s.io/api-types/referencegrant/);
// - a listener's certificateRefs to a Secret in another namespace needs a ReferenceGrant in the
//   Secret's namespace from the Gateway; an HTTPRoute's backendRef to a Service in its own namespace
//   needs none;
// - URLRewrite with path ReplacePrefixMatch (Extended, feature HTTPRoutePathRewrite) replaces the matched
//   prefix and is valid only with a PathPrefix match: /api + replacePrefixMatch / turns /api/x into /x;
// - RequestRedirect {scheme: https, statusCode: 301} on the HTTP listener is the HTTP->HTTPS pattern
//   (https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/); redirect and rewrite never share a rule;
// - backendRefs[].port is a number (the Service port): a named port cannot be written.
import { sha256Hex } from '../sha256';
import type { StackFinding } from '../stackFindings';
import type { GatewayControllerKind, IngressRoute } from './config';
import { ingressFinding, ingressName, normalizedPath, routeConflict, tlsSecretMissing } from './routes';

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
const GROUP = 'gateway.networking.k8s.io';
/** gateways CRD: spec.listeners maxItems */
export const MAX_LISTENERS = 64;
const MANAGED = { 'app.kubernetes.io/managed-by': 'aksnet' };

/** What an implementation brings to the generated objects. */
export interface GatewayImplementation {
  kind: GatewayControllerKind;
  gatewayClassName: string;
  /** claims HTTPRoutePathRewrite in its conformance report (URLRewrite ReplacePrefixMatch) */
  pathRewrite: boolean;
  /** where its Gateway API support is documented (for messages) */
  source: string;
}

/** The Gateway this stack gets: where it lives and what the implementation adds to it. */
export interface GatewayPlacement {
  name: string;
  namespace: string;
  annotations?: Record<string, string>;
  /** spec.infrastructure (e.g. Envoy Gateway's parametersRef to its EnvoyProxy) */
  infrastructure?: Record<string, unknown>;
}

export interface GatewayApiObject {
  apiVersion: string;
  kind: 'Gateway' | 'HTTPRoute' | 'ReferenceGrant' | 'GatewayClass';
  metadata: { name: string; namespace?: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, any>;
}

/** A generated object and the route it came from (undefined: the Gateway, grants, redirects). */
export interface RoutedGatewayObject {
  route?: number;
  object: GatewayApiObject;
}

interface Listener {
  name: string;
  hostname: string;
  port: 80 | 443;
  protocol: 'HTTP' | 'HTTPS';
  tls?: { mode: 'Terminate'; certificateRefs: { group: ''; kind: 'Secret'; name: string; namespace?: string }[] };
  allowedRoutes: Record<string, unknown>;
}

/** A host and protocol as a listener (section) name: `https-shop.example.com`, `*` as `wildcard`. */
export function listenerName(protocol: 'http' | 'https', host: string): string {
  const name = `${protocol}-${host.replace(/^\*/, 'wildcard')}`;
  // SectionName is at most 253 characters; a longer one keeps its start and a hash of the host
  return name.length <= 253 ? name : `${name.slice(0, 244)}-${hash(host)}`;
}

const hash = (text: string) => sha256Hex(text).slice(0, 8);

function onlyNamespaces(namespaces: string[]): Record<string, unknown> {
  return {
    namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: namespaces }] } },
    kinds: [{ group: GROUP, kind: 'HTTPRoute' }],
  };
}

export function gatewayObjects(
  routes: readonly IngressRoute[],
  implementation: GatewayImplementation,
  placement: GatewayPlacement,
): { objects: RoutedGatewayObject[]; findings: StackFinding[] } {
  const findings: StackFinding[] = [];
  const gwNs = placement.namespace;
  const usable: IngressRoute[] = [];
  const claimed = new Map<string, IngressRoute>();

  for (const route of routes) {
    const at = `routes[${route.index}]`;
    const conflict = routeConflict(route, claimed, 'the Gateway');
    if (conflict) {
      findings.push(conflict);
      continue;
    }
    let ok = true;
    const tls = tlsSecretMissing(route);
    if (tls) findings.push(tls);
    if (route.pathType === 'ImplementationSpecific') {
      ok = false;
      findings.push(ingressFinding('error', 'INGRESS_PATH_TYPE_UNSUPPORTED', `${at}.pathType`, `${route.host}${route.path}: the Gateway API matches paths by PathPrefix or Exact (RegularExpression is implementation-specific); ImplementationSpecific has no equivalent: set pathType Prefix or Exact`));
    }
    if (typeof route.port === 'string') {
      ok = false;
      findings.push(ingressFinding('error', 'INGRESS_NAMED_PORT', `${at}.port`, `${route.host}${route.path}: an HTTPRoute backendRef takes the Service port number, not the name "${route.port}": set port to the number of ${route.namespace}/${route.service}'s "${route.port}" port`));
    }
    if (route.rewrite !== undefined) {
      if (!implementation.pathRewrite) {
        ok = false;
        findings.push(ingressFinding('error', 'INGRESS_REWRITE_UNSUPPORTED', `${at}.rewrite`, `${implementation.kind} does not support the URLRewrite filter's ReplacePrefixMatch (HTTPRoutePathRewrite, ${implementation.source}); ${route.host}${route.path} would reach ${route.service} unrewritten: choose an implementation that does, or drop the rewrite`));
      } else if (route.pathType === 'Exact') {
        ok = false;
        findings.push(ingressFinding('error', 'INGRESS_REWRITE_UNSUPPORTED', `${at}.rewrite`, `${route.host}${route.path}: ReplacePrefixMatch is valid only with a PathPrefix match (an Exact match makes the route Accepted=False): drop pathType Exact`));
      }
    }
    if (ok) usable.push(route);
  }

  // Hosts in the order routes name them; a host is HTTPS when any of its routes has a certificate.
  const hosts = [...new Set(usable.map((r) => r.host))];
  const certificate = new Map<string, IngressRoute>();
  for (const r of usable.filter((r) => r.tls?.secretName)) {
    const first = certificate.get(r.host);
    if (!first) certificate.set(r.host, r);
    else if (first.tls!.secretName !== r.tls!.secretName || first.namespace !== r.namespace) {
      findings.push(
        ingressFinding('warning', 'INGRESS_TLS_CONFLICT', `routes[${r.index}].tls`, `${r.host} has one HTTPS listener, which serves the certificate of routes[${first.index}] (${first.namespace}/${first.tls!.secretName}); ${r.namespace}/${r.tls!.secretName} is not used: name the same Secret on every route of ${r.host}`),
      );
    }
  }

  const listeners: Listener[] = [];
  const redirects: RoutedGatewayObject[] = [];
  const grants = new Map<string, Set<string>>();
  for (const host of hosts) {
    const namespaces = [...new Set(usable.filter((r) => r.host === host).map((r) => r.namespace))].sort();
    const cert = certificate.get(host);
    if (!cert) {
      listeners.push({ name: listenerName('http', host), hostname: host, port: 80, protocol: 'HTTP', allowedRoutes: onlyNamespaces(namespaces) });
      continue;
    }
    const secret = cert.tls!.secretName!;
    const crossNamespace = cert.namespace !== gwNs;
    if (crossNamespace) grants.set(cert.namespace, (grants.get(cert.namespace) ?? new Set()).add(secret));
    listeners.push({
      name: listenerName('https', host),
      hostname: host,
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: secret, ...(crossNamespace ? { namespace: cert.namespace } : {}) }] },
      allowedRoutes: onlyNamespaces(namespaces),
    });
    // plain HTTP on a TLS host only redirects: its listener admits the redirect route, in the Gateway's namespace
    listeners.push({ name: listenerName('http', host), hostname: host, port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: GROUP, kind: 'HTTPRoute' }] } });
    redirects.push({
      object: {
        apiVersion: GATEWAY_API_VERSION,
        kind: 'HTTPRoute',
        metadata: { name: `https-redirect-${hash(host)}`, namespace: gwNs, labels: { ...MANAGED } },
        spec: {
          parentRefs: [{ group: GROUP, kind: 'Gateway', name: placement.name, sectionName: listenerName('http', host) }],
          hostnames: [host],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
        },
      },
    });
  }
  if (listeners.length > MAX_LISTENERS) {
    findings.push(
      ingressFinding('error', 'INGRESS_GATEWAY_LIMIT', 'routes', `the routes need ${listeners.length} listeners (one per plain host, two per TLS host: HTTPS and its redirect), more than the ${MAX_LISTENERS} a Gateway holds: use a wildcard host or fewer hosts`),
    );
  }

  const gateway: RoutedGatewayObject = {
    object: {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'Gateway',
      metadata: { name: placement.name, namespace: gwNs, labels: { ...MANAGED }, ...(placement.annotations ? { annotations: placement.annotations } : {}) },
      spec: {
        gatewayClassName: implementation.gatewayClassName,
        ...(placement.infrastructure ? { infrastructure: placement.infrastructure } : {}),
        listeners,
      },
    },
  };

  const httpRoutes: RoutedGatewayObject[] = usable.map((route) => {
    const tlsHost = certificate.has(route.host);
    const prefix = route.pathType !== 'Exact';
    const rewrite = route.rewrite !== undefined ? normalizedPath(route.rewrite) : undefined;
    return {
      route: route.index,
      object: {
        apiVersion: GATEWAY_API_VERSION,
        kind: 'HTTPRoute',
        metadata: { name: ingressName(route), namespace: route.namespace, labels: { ...MANAGED } },
        spec: {
          parentRefs: [{ group: GROUP, kind: 'Gateway', name: placement.name, namespace: gwNs, sectionName: listenerName(tlsHost ? 'https' : 'http', route.host) }],
          hostnames: [route.host],
          rules: [
            {
              matches: [{ path: { type: prefix ? 'PathPrefix' : 'Exact', value: normalizedPath(route.path) } }],
              ...(rewrite !== undefined ? { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: rewrite } } }] } : {}),
              backendRefs: [{ group: '', kind: 'Service', name: route.service, port: route.port as number }],
            },
          ],
        },
      },
    };
  });

  const referenceGrants: RoutedGatewayObject[] = [...grants.entries()].map(([namespace, secrets]) => ({
    object: {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'ReferenceGrant',
      metadata: { name: `aksnet-gateway-certificates-${hash(`${gwNs}/${placement.name}`)}`, namespace, labels: { ...MANAGED } },
      spec: {
        from: [{ group: GROUP, kind: 'Gateway', namespace: gwNs }],
        to: [...secrets].sort().map((name) => ({ group: '', kind: 'Secret', name })),
      },
    },
  }));

  // a Gateway holds at least one listener: without routes only the implementation is installed
  return { objects: listeners.length > 0 ? [gateway, ...referenceGrants, ...httpRoutes, ...redirects] : [], findings };
}
