// Application Gateway for Containers (AGC), managed by the ALB controller: the controller through its
// pinned chart with a workload identity, and an ApplicationLoadBalancer that makes AGC associate with
// the stack's own delegated subnet. Routes become a Gateway (GatewayClass azure-alb-external) and
// HTTPRoutes. Pure.
//
// Facts (https://learn.microsoft.com/azure/application-gateway/for-containers/ : quickstart-deploy-
// application-gateway-for-containers-alb-controller-helm, alb-controller-release-notes,
// quickstart-create-application-gateway-for-containers-managed-by-alb-controller,
// application-gateway-for-containers-components, container-networking, how-to-url-rewrite-gateway-api):
// - chart oci://mcr.microsoft.com/application-lb/charts/alb-controller, latest 1.12.1 (Gateway API
//   v1.5.1, Kubernetes >= 1.32); values albController.namespace and albController.podIdentity.clientID;
//   the chart installs the Gateway API CRDs (albController.installGatewayApiCRDs, default true) and the
//   GatewayClass azure-alb-external (the quickstart's check: kubectl get gatewayclass azure-alb-external);
// - identity: a user-assigned identity federated to system:serviceaccount:<ns>:alb-controller-sa
//   (the cluster needs the OIDC issuer and workload identity), with Reader on the node resource
//   group, AppGw for Containers Configuration Manager on the group that holds AGC (the node resource
//   group when the controller manages it) and Network Contributor on the association subnet;
// - ApplicationLoadBalancer (alb.networking.azure.io/v1) spec.associations: [subnet ID]; a Gateway
//   names it with the alb-namespace and alb-name annotations and gets its own frontend (an FQDN);
// - frontends are public only ("Private IP addresses aren't currently supported"; private frontends are
//   requested in https://github.com/Azure/AKS/issues/5739); kubenet is not supported;
// - limits: 1 association and 5 frontends per AGC, 64 listeners per Gateway, 200 routes,
//   100 certificate references per AGC; listener ports 80 and 443 only;
// - URLRewrite ReplacePrefixMatch and the scheme redirect are supported (conformance report 1.7.9).
import type { IngressSettings } from './config';
import type { GatewayImplementation, GatewayPlacement } from './gateway';
import { GATEWAY_NAME } from './envoyGateway';

export const ALB_CHART = { chart: 'oci://mcr.microsoft.com/application-lb/charts/alb-controller', version: '1.12.1' } as const;
export const ALB_RELEASE = 'alb-controller';
export const ALB_SERVICE_ACCOUNT = 'alb-controller-sa';
export const ALB_NAME = 'aksnet';
export const AGC_CLASS = 'azure-alb-external';
/** Built-in role IDs (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles) */
export const AGC_ROLES = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  configurationManager: 'fbc52c3f-28ad-4303-a892-8a056630b8f1',
  networkContributor: '4d97b98b-1d4f-4787-a291-c67834d212e7',
} as const;

export const AGC_LIMITS = { associations: 1, frontends: 5, routes: 200, certificates: 100 } as const;

export const applicationGatewayForContainers: GatewayImplementation = {
  kind: 'agc',
  gatewayClassName: AGC_CLASS,
  pathRewrite: true,
  source: 'https://learn.microsoft.com/azure/application-gateway/for-containers/how-to-url-rewrite-gateway-api',
};

/** The federated credential's subject: the controller's service account. */
export function albSubject(namespace: string): string {
  return `system:serviceaccount:${namespace}:${ALB_SERVICE_ACCOUNT}`;
}

/** Chart values; clientID is the identity's client ID (an Output in the program, a string in tests). */
export function albControllerValues<Id>(settings: IngressSettings, clientId: Id) {
  return {
    albController: {
      namespace: settings.namespace,
      podIdentity: { clientID: clientId },
      // the chart's own Gateway API CRDs (v1.5.1): AKS's managed CRDs cannot be turned on through the
      // pinned @pulumi/azure-native and AKS supports them only with its add-ons
      installGatewayApiCRDs: true,
    },
  };
}

export function applicationLoadBalancer<Id>(settings: IngressSettings, subnetId: Id) {
  return {
    apiVersion: 'alb.networking.azure.io/v1',
    kind: 'ApplicationLoadBalancer',
    metadata: { name: ALB_NAME, namespace: settings.namespace },
    spec: { associations: [subnetId] },
  };
}

export function agcPlacement(settings: IngressSettings): GatewayPlacement {
  return {
    name: GATEWAY_NAME,
    namespace: settings.namespace,
    annotations: { 'alb.networking.azure.io/alb-namespace': settings.namespace, 'alb.networking.azure.io/alb-name': ALB_NAME },
  };
}

/** What this stack asks of one AGC, against its documented limits. */
export interface AgcUsage {
  associations: number;
  /** one per Gateway that names the ApplicationLoadBalancer */
  frontends: number;
  routes: number;
  certificates: number;
}

/** Each limit exceeded, as [what, used, limit]. */
export function agcLimitsExceeded(usage: AgcUsage): [keyof AgcUsage, number, number][] {
  return (Object.keys(AGC_LIMITS) as (keyof AgcUsage)[]).filter((k) => usage[k] > AGC_LIMITS[k]).map((k) => [k, usage[k], AGC_LIMITS[k]]);
}
