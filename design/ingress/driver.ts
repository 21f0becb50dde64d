// What each ingress controller says about a route: its IngressClass, and how a path (and a
// prefix-stripping rewrite) is written for it. One driver per controller, in its own file.
import type { IngressControllerKind, IngressRoute, PathType } from './config';

/** The path rule and annotations of one route's Ingress object. */
export interface RouteTranslation {
  path: string;
  pathType: PathType;
  annotations: Record<string, string>;
}

export interface ControllerDriver {
  kind: IngressControllerKind;
  ingressClassName: string;
  /** the route for this controller, or why the controller cannot express it */
  translate(route: IngressRoute): RouteTranslation | { unsupported: string };
  /** true when a rewrite changes how every other path of the same host matches (NGINX regex locations) */
  rewriteAffectsHost: boolean;
}

/**
 * A prefix-stripping rewrite as regex pieces. `path` /api, `rewrite` /v1: the match is
 * `/api(/|$)(.*)` (so /api, /api/ and /api/x all match and `(.*)` is what follows the prefix), and
 * the backend sees `/v1/` + that rest. For path `/` the rest is everything after the first slash.
 */
export function prefixRewrite(route: IngressRoute): { pattern: string; restGroup: number; target: string } {
  const base = route.path.replace(/\/+$/, '');
  const target = route.rewrite!.endsWith('/') ? route.rewrite! : `${route.rewrite}/`;
  return base === '' ? { pattern: '/(.*)', restGroup: 1, target } : { pattern: `${base}(/|$)(.*)`, restGroup: 2, target };
}
