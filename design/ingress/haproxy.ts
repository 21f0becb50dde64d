// HAProxy Kubernetes Ingress Controller: the haproxytech `kubernetes-ingress` chart, pinned, and how
// it reads routes. Pure.
//
// Facts (chart values.yaml and templates of
// https://github.com/haproxytech/helm-charts/tree/main/kubernetes-ingress):
// - the chart's Service is NodePort by default: LoadBalancer here, with the Azure annotations;
//   `externalTrafficPolicy` unset means Cluster (client addresses lost): Local here;
// - PodDisruptionBudget is off by default (`controller.PodDisruptionBudget.enable`);
// - IngressClass `haproxy` (controller `haproxy.org/ingress-controller/haproxy`);
// - rewrite: `haproxy.org/path-rewrite: "<regex> <replacement>"`; `^/foo(/|$)(.*) /\2` strips /foo
//   and also matches a bare /foo.
import type { IngressSettings } from './config';
import { type ControllerDriver, prefixRewrite, type RouteTranslation } from './driver';
import { type FrontEnd, serviceAnnotations, zoneSpread } from './loadBalancer';

export const HAPROXY_CHART = {
  chart: 'kubernetes-ingress',
  repo: 'https://haproxytech.github.io/helm-charts',
  /** chart 1.52.1 = controller 3.2.12 */
  version: '1.52.1',
} as const;

/** Chart v4 release name; the chart's pod selector is name kubernetes-ingress + this instance. */
export const HAPROXY_RELEASE = 'haproxy';
const POD_LABELS = { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': HAPROXY_RELEASE };

export const haproxy: ControllerDriver = {
  kind: 'haproxy',
  ingressClassName: 'haproxy',
  rewriteAffectsHost: false,
  translate(route): RouteTranslation {
    const pathType = route.pathType ?? 'Prefix';
    if (!route.rewrite) return { path: route.path, pathType, annotations: {} };
    const { pattern, restGroup, target } = prefixRewrite(route);
    return { path: route.path, pathType, annotations: { 'haproxy.org/path-rewrite': `^${pattern} ${target}\\${restGroup}` } };
  },
};

/** The chart values this project sets (everything else is the chart's default). */
export interface HaproxyValues {
  controller: {
    kind: 'Deployment';
    replicaCount: number;
    ingressClass: string;
    ingressClassResource: { name: string; default: boolean };
    resources: { requests: { cpu: string; memory: string } };
    PodDisruptionBudget: { enable: boolean; minAvailable: number };
    topologySpreadConstraints: Record<string, unknown>[];
    podAnnotations: Record<string, string>;
    service: {
      type: 'LoadBalancer';
      externalTrafficPolicy: 'Local';
      annotations: Record<string, string>;
      /** the stats/metrics port stays off the load balancer */
      enablePorts: { http: boolean; https: boolean; stat: boolean };
    };
  };
}

export function haproxyValues(settings: IngressSettings, frontEnd: FrontEnd): HaproxyValues {
  return {
    controller: {
      kind: 'Deployment',
      replicaCount: settings.replicas,
      ingressClass: haproxy.ingressClassName,
      ingressClassResource: { name: haproxy.ingressClassName, default: false },
      // the chart's own default request. Unmatched requests get HAProxy's built-in default backend
      // (documentation/controller.md: without --default-backend-service HAProxy answers them itself)
      resources: { requests: { cpu: '250m', memory: '400Mi' } },
      PodDisruptionBudget: { enable: true, minAvailable: settings.replicas - 1 },
      topologySpreadConstraints: zoneSpread(POD_LABELS),
      // HAProxy serves Prometheus metrics on the stat port (1024, /metrics); scraped from the pods,
      // never through the load balancer
      podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '1024', 'prometheus.io/path': '/metrics' },
      service: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        annotations: serviceAnnotations(frontEnd),
        enablePorts: { http: true, https: true, stat: false },
      },
    },
  };
}
