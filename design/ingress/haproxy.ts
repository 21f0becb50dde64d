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

/**
 * The controller's CRDs (`ingress.v3.haproxy.org`): chart 1.52.x installs them only from a Helm hook
 * Job, and Pulumi's helm.v4.Chart drops hook resources, so the program applies them as plain objects
 * and the chart waits for them. The CRD files are vendored next to the component that applies them
 * (components/ingress/haproxy-crds/, with source, version and licence), so only the Pulumi program
 * and synth load their 330 kB.
 */
export const HAPROXY_CRDS = 'haproxy-ingress-v3' as const;

/** The Service ports of chart 1.52.1 as its values.yaml leaves them (controller.service.*). */
export const HAPROXY_CHART_SERVICE_DEFAULTS = {
  ports: { http: 80, https: 443, stat: 1024, admin: 6060 },
  enablePorts: { http: true, https: true, quic: true, stat: true, admin: true },
  tcpPorts: [] as { name: string; port: number }[],
} as const;

type PortName = keyof typeof HAPROXY_CHART_SERVICE_DEFAULTS.enablePorts;

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
    /** /debug/pprof on the admin port: off (the chart suggests so for production) */
    pprof: { enabled: boolean };
    service: {
      type: 'LoadBalancer';
      externalTrafficPolicy: 'Local';
      annotations: Record<string, string>;
      /** every port the chart can publish, named: only http and https reach the load balancer */
      enablePorts: Record<PortName, boolean>;
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
      // HAProxy's own Prometheus exporter is on the stat frontend (1024, /metrics): scraped from the
      // pods, never through the load balancer
      podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '1024', 'prometheus.io/path': '/metrics' },
      // --pprof serves /debug/pprof on the controller's data port 6060; enablePorts.admin=false only
      // takes the port off the Service (chart README, migration notes 1.50.0)
      pprof: { enabled: false },
      service: {
        type: 'LoadBalancer',
        // Local: client addresses reach HAProxy. The load balancer then probes kube-proxy's health
        // check node port, so no probe-path annotation (loadBalancer.ts)
        externalTrafficPolicy: 'Local',
        annotations: serviceAnnotations(frontEnd, 'Local'),
        // The chart publishes all five by default, on a load balancer the whole VNet (and peered
        // networks, or the Internet) reaches: stat (1024: HAProxy stats page without auth),
        // admin (6060: controller metrics and pprof) and quic (UDP 443, which also adds the QUIC
        // listener) stay off; only HTTP and HTTPS remain.
        enablePorts: { http: true, https: true, quic: false, stat: false, admin: false },
      },
    },
  };
}

/**
 * The ports the chart's Service template (templates/controller-service.yaml at chart 1.52.1) renders
 * for these values: http, https, quic (UDP, on the https port; Kubernetes 1.24+), stat, admin, each
 * when its enablePorts flag is true (the chart default), then every tcpPorts entry.
 */
export function haproxyServicePorts(values: { controller: { service: { enablePorts?: Partial<Record<PortName, boolean>>; tcpPorts?: { name: string; port: number }[] } } }): { name: string; port: number; protocol: 'TCP' | 'UDP' }[] {
  const service = values.controller.service;
  const on = (name: PortName) => service.enablePorts?.[name] ?? HAPROXY_CHART_SERVICE_DEFAULTS.enablePorts[name];
  const { ports } = HAPROXY_CHART_SERVICE_DEFAULTS;
  return [
    ...(on('http') ? [{ name: 'http', port: ports.http, protocol: 'TCP' as const }] : []),
    ...(on('https') ? [{ name: 'https', port: ports.https, protocol: 'TCP' as const }] : []),
    ...(on('quic') ? [{ name: 'quic', port: ports.https, protocol: 'UDP' as const }] : []),
    ...(on('stat') ? [{ name: 'stat', port: ports.stat, protocol: 'TCP' as const }] : []),
    ...(on('admin') ? [{ name: 'admin', port: ports.admin, protocol: 'TCP' as const }] : []),
    ...(service.tcpPorts ?? HAPROXY_CHART_SERVICE_DEFAULTS.tcpPorts).map((p) => ({ name: p.name, port: p.port, protocol: 'TCP' as const })),
  ];
}
