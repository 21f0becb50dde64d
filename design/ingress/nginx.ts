// ingress-nginx: the kubernetes/ingress-nginx chart, pinned, and how NGINX reads routes (shared with
// app-routing, which is managed NGINX). Pure.
//
// Facts (https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/, https://kubernetes.github.io/ingress-nginx/examples/rewrite/; chart values.yaml at
// https://github.com/kubernetes/ingress-nginx, chart 4.15.1 = controller v1.15.1):
// - upstream maintenance ended in March 2026 (kubernetes.io/blog/2025/11/11/ingress-nginx-retirement):
//   still deployable, with a warning recommending app-routing or Gateway API;
// - a prefix-stripping rewrite is a regex path `/foo(/|$)(.*)` with `use-regex: "true"` and
//   `rewrite-target: /$2`, and pathType ImplementationSpecific: from v1.12 the admission webhook
//   refuses regex characters in Prefix and Exact paths (strict-validate-path-type);
// - `use-regex` on one Ingress makes every path of that host a case-insensitive regex;
// - the PodDisruptionBudget (`controller.minAvailable`) exists only with more than one replica;
// - `defaultBackend.enabled` deploys the default backend; `controller.metrics.enabled` the metrics port.
import type { IngressSettings } from './config';
import { type ControllerDriver, prefixRewrite, type RouteTranslation } from './driver';
import { type FrontEnd, serviceAnnotations, zoneSpread } from './loadBalancer';

export const NGINX_CHART = {
  chart: 'ingress-nginx',
  repo: 'https://kubernetes.github.io/ingress-nginx',
  /** chart 4.15.1 = controller v1.15.1, the last release */
  version: '4.15.1',
} as const;

export const NGINX_RELEASE = 'ingress-nginx';
const POD_LABELS = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': NGINX_RELEASE, 'app.kubernetes.io/component': 'controller' };

export const NGINX_ANNOTATIONS = {
  useRegex: 'nginx.ingress.kubernetes.io/use-regex',
  rewriteTarget: 'nginx.ingress.kubernetes.io/rewrite-target',
} as const;

/** NGINX's route syntax under an IngressClass name (ingress-nginx's, or app-routing's). */
export function nginxDriver(kind: 'nginx' | 'app-routing', ingressClassName: string): ControllerDriver {
  return {
    kind,
    ingressClassName,
    rewriteAffectsHost: true,
    translate(route): RouteTranslation | { unsupported: string } {
      if (!route.rewrite) return { path: route.path, pathType: route.pathType ?? 'Prefix', annotations: {} };
      if (route.pathType === 'Prefix' || route.pathType === 'Exact') {
        return {
          unsupported: `NGINX rewrites match a regex path, which needs pathType ImplementationSpecific; the admission webhook refuses regex in a ${route.pathType} path (strict-validate-path-type, controller 1.12+): drop pathType or use ImplementationSpecific`,
        };
      }
      const { pattern, restGroup, target } = prefixRewrite(route);
      return {
        path: pattern,
        pathType: 'ImplementationSpecific',
        annotations: { [NGINX_ANNOTATIONS.useRegex]: 'true', [NGINX_ANNOTATIONS.rewriteTarget]: `${target}$${restGroup}` },
      };
    },
  };
}

export const nginx = nginxDriver('nginx', 'nginx');

export interface NginxValues {
  controller: {
    replicaCount: number;
    minAvailable: number;
    ingressClass: string;
    ingressClassResource: { name: string; enabled: boolean; default: boolean };
    resources: { requests: { cpu: string; memory: string } };
    topologySpreadConstraints: Record<string, unknown>[];
    metrics: { enabled: boolean };
    service: { type: 'LoadBalancer'; externalTrafficPolicy: 'Local'; annotations: Record<string, string> };
  };
  defaultBackend: { enabled: boolean; replicaCount: number; minAvailable: number };
}

export function nginxValues(settings: IngressSettings, frontEnd: FrontEnd): NginxValues {
  return {
    controller: {
      replicaCount: settings.replicas,
      minAvailable: settings.replicas - 1,
      ingressClass: nginx.ingressClassName,
      ingressClassResource: { name: nginx.ingressClassName, enabled: true, default: false },
      // the chart's default request, kept explicit: requests keep probes answering on busy nodes
      resources: { requests: { cpu: '100m', memory: '90Mi' } },
      topologySpreadConstraints: zoneSpread(POD_LABELS),
      metrics: { enabled: true },
      service: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations: serviceAnnotations(frontEnd, 'Local') },
    },
    // two replicas for the default backend too: it answers every unmatched request
    defaultBackend: { enabled: true, replicaCount: 2, minAvailable: 1 },
  };
}
