// Routes -> `networking.k8s.io/v1` Ingress objects for the chosen controller, and the findings that
// would otherwise surprise at run time. Pure.
//
//   ingressObjects(routes, driver) -> { objects: [{ route: index, object }], findings }
//   routeBackends(routes)          -> the Services the controller must reach (for the policy baseline)
//
// One Ingress per route: controllers read rewrite annotations per Ingress object, so a route's
// rewrite never leaks onto another route's paths.
import { sha256Hex } from '../sha256';
import { INGRESS_KEY, type StackFinding } from '../stackFindings';
import type { IngressRoute } from './config';
import type { ControllerDriver } from './driver';
import type { IngressFindingCode } from './findingCodes';

export interface IngressObject {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'Ingress';
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    ingressClassName: string;
    tls?: { hosts: string[]; secretName: string }[];
    rules: {
      host: string;
      http: { paths: { path: string; pathType: string; backend: { service: { name: string; port: { number: number } | { name: string } } } }[] };
    }[];
  };
}

/** An Ingress object and the index of the route it came from. */
export interface RoutedIngress {
  route: number;
  object: IngressObject;
}

/** A Service the ingress controller sends traffic to. */
export interface RouteBackend {
  namespace: string;
  service: string;
  port: number | string;
}

export function ingressFinding(severity: StackFinding['severity'], code: IngressFindingCode, path: string, message: string): StackFinding {
  return { severity, code, config: INGRESS_KEY, path, message };
}

export function ingressObjects(routes: readonly IngressRoute[], driver: ControllerDriver): { objects: RoutedIngress[]; findings: StackFinding[] } {
  const findings: StackFinding[] = [];
  const objects: RoutedIngress[] = [];
  const claimed = new Map<string, IngressRoute>();
  for (const route of routes) {
    const at = `routes[${route.index}]`;
    for (const finding of [routeConflict(route, claimed, 'the controller'), tlsSecretMissing(route)]) if (finding) findings.push(finding);
    const translated = driver.translate(route);
    if ('unsupported' in translated) {
      findings.push(ingressFinding('error', 'INGRESS_REWRITE_UNSUPPORTED', `${at}.rewrite`, `${driver.kind} cannot rewrite ${route.host}${route.path}: ${translated.unsupported}`));
      continue;
    }
    const annotations = translated.annotations;
    objects.push({ route: route.index, object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: ingressName(route),
        namespace: route.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'aksnet' },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: {
        ingressClassName: driver.ingressClassName,
        ...(route.tls?.secretName ? { tls: [{ hosts: [route.host], secretName: route.tls.secretName }] } : {}),
        rules: [
          {
            host: route.host,
            http: {
              paths: [
                {
                  path: translated.path,
                  pathType: translated.pathType,
                  backend: { service: { name: route.service, port: typeof route.port === 'number' ? { number: route.port } : { name: route.port } } },
                },
              ],
            },
          },
        ],
      },
    } });
  }
  if (driver.rewriteAffectsHost) findings.push(...regexHostFindings(routes));
  return { objects, findings };
}

/** NGINX: a rewrite (use-regex) makes every path of its host a case-insensitive regex location (https://kubernetes.github.io/ingress-nginx/examples/rewrite/). */
function regexHostFindings(routes: readonly IngressRoute[]): StackFinding[] {
  const findings: StackFinding[] = [];
  for (const rewritten of routes.filter((r) => r.rewrite)) {
    const others = routes.filter((r) => r.host === rewritten.host && !r.rewrite);
    if (others.length === 0) continue;
    findings.push(
      ingressFinding(
        'warning',
        'INGRESS_REGEX_HOST',
        `routes[${rewritten.index}].rewrite`,
        `the rewrite on ${rewritten.host}${rewritten.path} makes NGINX match every path of ${rewritten.host} as a case-insensitive regex, including ${others.map((o) => o.path).join(', ')}`,
      ),
    );
  }
  return findings;
}

/**
 * A host and path that an earlier route already claimed is a conflict (the route is then not
 * claimed again); otherwise the route claims it. `decider` names what would pick one of two
 * conflicting routes ("the controller", "the Gateway"). Both APIs check routes this way.
 */
export function routeConflict(route: IngressRoute, claimed: Map<string, IngressRoute>, decider: string): StackFinding | undefined {
  const key = `${route.host} ${normalizedPath(route.path)}`;
  const first = claimed.get(key);
  if (!first) {
    claimed.set(key, route);
    return undefined;
  }
  return ingressFinding('error', 'INGRESS_ROUTE_CONFLICT', `routes[${route.index}].path`, `${route.host}${route.path} is already routed by routes[${first.index}] (${first.namespace}/${first.service}); ${decider} would pick one of them`);
}

/** TLS on a route needs the name of the Secret that holds its certificate. */
export function tlsSecretMissing(route: IngressRoute): StackFinding | undefined {
  if (!route.tls || route.tls.secretName) return undefined;
  return ingressFinding('error', 'INGRESS_TLS_SECRET_MISSING', `routes[${route.index}].tls`, `TLS for ${route.host} needs the name of the Secret holding its certificate (in namespace ${route.namespace}): tls: <secret name>`);
}

/** /api and /api/ are the same route for every controller's prefix match. */
export function normalizedPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** `<service>-<hash of host and path>`: stable when routes are reordered, unique per route. */
export function ingressName(route: Pick<IngressRoute, 'service' | 'host' | 'path'>): string {
  const hash = sha256Hex(`${route.host} ${normalizedPath(route.path)}`).slice(0, 8);
  return `${route.service.slice(0, 54)}-${hash}`;
}

/** Every Service the routes send traffic to, once each. */
export function routeBackends(routes: readonly IngressRoute[]): RouteBackend[] {
  const seen = new Map<string, RouteBackend>();
  for (const r of routes) seen.set(`${r.namespace}/${r.service}/${r.port}`, { namespace: r.namespace, service: r.service, port: r.port });
  return [...seen.values()];
}

/**
 * Routes into namespaces the policy baseline closes to the ingress controller (a namespace it
 * isolates and will not open for routed backends): the controller's traffic would be dropped.
 */
export function closedNamespaceFindings(routes: readonly IngressRoute[], closedNamespaces: ReadonlySet<string>): StackFinding[] {
  return routes
    .filter((r) => closedNamespaces.has(r.namespace))
    .map((r) =>
      ingressFinding('error', 'INGRESS_NAMESPACE_CLOSED', `routes[${r.index}].namespace`, `${r.host}${r.path} routes to namespace ${r.namespace}, which the policy baseline closes to the ingress controller: its traffic would be dropped`),
    );
}
