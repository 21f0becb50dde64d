// Envoy Gateway: the open-source, conformance-tested Gateway API implementation, through its pinned
// charts. Pure.
//
// Facts (https://gateway.envoyproxy.io/docs/install/install-helm/, v1.9; the Gateway API
// conformance report experimental-v1.9.0-default-report.yaml at
// https://github.com/kubernetes-sigs/gateway-api/tree/main/conformance/reports/v1.6/envoy-gateway):
// - v1.9.0 (2026-08-15, end of life 2027-02-14) is built against Gateway API v1.6.1 and needs its CRDs;
//   it passes HTTPRoutePathRewrite (URLRewrite ReplacePrefixMatch) and HTTPRouteSchemeRedirect;
// - `gateway-helm` puts the Gateway API CRDs of the *experimental* channel in its crds/ folder, and
//   makes the control plane's certificates in a Helm hook Job (certgen);
// - `gateway-crds-helm` renders the CRDs as templates: crds.gatewayAPI.enabled/channel and
//   crds.envoyGateway.enabled;
// - the controller is `gateway.envoyproxy.io/gatewayclass-controller`; the proxies run in the
//   controller's namespace, labelled app.kubernetes.io/name=envoy, app.kubernetes.io/component=proxy,
//   app.kubernetes.io/managed-by=envoy-gateway and gateway.envoyproxy.io/owning-gateway-name/-namespace;
// - the proxy Service is shaped by an EnvoyProxy (gateway.envoyproxy.io/v1alpha1) referenced from the
//   Gateway's spec.infrastructure.parametersRef: its envoyService.annotations carry the Azure load
//   balancer annotations. EG 1.9 does not support GatewayInfrastructurePropagation, so annotations on
//   the Gateway itself would never reach the Service.
//
// How the CRDs are installed, and why: the standard-channel Gateway API CRDs and EG's own come from
// `gateway-crds-helm` through helm.v4.Chart (they are templates there, so Pulumi owns them: it diffs,
// upgrades and policy-checks them; a chart's crds/ folder is installed once by Helm and never upgraded).
// Then `gateway-helm` through helm.v3.Release with skipCrds, because helm.v4.Chart leaves out the
// certgen hook Job the controller cannot start without. AKS's managed Gateway API CRDs stay off: AKS
// supports them only with its own implementations (https://learn.microsoft.com/azure/aks/managed-gateway-api),
// and its v1.5.1 bundle is older than the v1.6.1 EG 1.9 needs.
import type { IngressSettings } from './config';
import type { GatewayImplementation, GatewayPlacement } from './gateway';
import { frontEndAnnotations, type FrontEnd } from './loadBalancer';

export const ENVOY_GATEWAY_VERSION = 'v1.9.0';
/** Pulumi's Helm resources take an OCI chart as the full reference (no repo) */
export const ENVOY_GATEWAY_CHART = { chart: 'oci://docker.io/envoyproxy/gateway-helm', version: ENVOY_GATEWAY_VERSION } as const;
export const ENVOY_GATEWAY_CRDS_CHART = { chart: 'oci://docker.io/envoyproxy/gateway-crds-helm', version: ENVOY_GATEWAY_VERSION } as const;
export const ENVOY_GATEWAY_RELEASE = 'eg';
export const ENVOY_GATEWAY_CLASS = 'envoy-gateway';
export const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
export const GATEWAY_NAME = 'aksnet';
const ENVOY_PROXY_NAME = 'aksnet-proxy';

export const envoyGateway: GatewayImplementation = {
  kind: 'envoy-gateway',
  gatewayClassName: ENVOY_GATEWAY_CLASS,
  pathRewrite: true,
  source: 'https://gateway.envoyproxy.io/docs/tasks/traffic/http-urlrewrite/',
};

/** The proxies' pods: what a backend's allow rule admits (and nothing else of the namespace). */
export function envoyProxyPodLabels(gatewayNamespace: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'envoy',
    'app.kubernetes.io/component': 'proxy',
    'app.kubernetes.io/managed-by': 'envoy-gateway',
    'gateway.envoyproxy.io/owning-gateway-name': GATEWAY_NAME,
    'gateway.envoyproxy.io/owning-gateway-namespace': gatewayNamespace,
  };
}

export function envoyGatewayCrdValues() {
  return { crds: { gatewayAPI: { enabled: true, channel: 'standard' }, envoyGateway: { enabled: true } } };
}

export function envoyGatewayValues(settings: IngressSettings) {
  return { deployment: { replicas: settings.replicas } };
}

export function envoyGatewayClass() {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass' as const,
    metadata: { name: ENVOY_GATEWAY_CLASS, labels: { 'app.kubernetes.io/managed-by': 'aksnet' } },
    spec: { controllerName: ENVOY_GATEWAY_CONTROLLER },
  };
}

/**
 * The EnvoyProxy that shapes the proxies' LoadBalancer Service: the front end's annotations (the
 * planned internal IP in its subnet, or our static public IP), replicas, and Local traffic policy so
 * client addresses survive (as for the chart controllers).
 */
export function envoyProxy(settings: IngressSettings, frontEnd: FrontEnd) {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'EnvoyProxy',
    metadata: { name: ENVOY_PROXY_NAME, namespace: settings.namespace },
    spec: {
      provider: {
        type: 'Kubernetes',
        kubernetes: {
          envoyDeployment: { replicas: settings.replicas },
          envoyService: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations: frontEndAnnotations(frontEnd) },
        },
      },
    },
  };
}

export function envoyGatewayPlacement(settings: IngressSettings): GatewayPlacement {
  return {
    name: GATEWAY_NAME,
    namespace: settings.namespace,
    infrastructure: { parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: ENVOY_PROXY_NAME } },
  };
}
