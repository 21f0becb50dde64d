// Everything the program decides about the ingress before it creates a resource, as plain data:
// the controller (chart and values, or add-on), its front end, every Ingress object or Gateway API
// object, and the findings. Pure; components/ingress/component.ts only turns it into resources.
import type { IngressPlan, Plan } from '../../planner/types';
import type { StackFinding } from '../stackFindings';
import { agic, agicAddonProfile } from './agic';
import { appRouting, appRoutingIngressProfile, nginxIngressController } from './appRouting';
import { agcLimitsExceeded, agcPlacement, ALB_CHART, ALB_RELEASE, albControllerValues, albSubject, applicationGatewayForContainers } from './appGwForContainers';
import { approutingIstio, approutingIstioRefusal } from './approutingIstio';
import { isGatewayController, type GatewayControllerKind, type IngressControllerKind, type IngressSettings } from './config';
import type { ControllerDriver } from './driver';
import {
  ENVOY_GATEWAY_CHART,
  ENVOY_GATEWAY_CRDS_CHART,
  ENVOY_GATEWAY_RELEASE,
  envoyGateway,
  envoyGatewayClass,
  envoyGatewayCrdValues,
  envoyGatewayPlacement,
  envoyGatewayValues,
  envoyProxy,
} from './envoyGateway';
import { gatewayObjects, type GatewayImplementation, type GatewayPlacement, type RoutedGatewayObject } from './gateway';
import { validateGatewayObjects } from './gatewaySchema';
import { CONTROLLER_ENDS, endPhrase } from './lifecycle';
import { HAPROXY_CHART, HAPROXY_CRDS, HAPROXY_RELEASE, haproxy, haproxyValues, type HaproxyValues } from './haproxy';
import type { FrontEnd } from './loadBalancer';
import { NGINX_CHART, NGINX_RELEASE, nginx, nginxValues, type NginxValues } from './nginx';
import { closedNamespaceFindings, ingressFinding, ingressObjects, routeBackends, type RouteBackend, type RoutedIngress } from './routes';
import { validateIngressObjects } from './schema';

export const DRIVERS: Record<Exclude<IngressControllerKind, GatewayControllerKind>, ControllerDriver> = { haproxy, nginx, 'app-routing': appRouting, agic };
export const GATEWAY_IMPLEMENTATIONS: Record<GatewayControllerKind, GatewayImplementation> = {
  agc: applicationGatewayForContainers,
  'envoy-gateway': envoyGateway,
  'approuting-istio': approutingIstio,
};

/** A pinned Helm chart and the values this project sets. */
export interface ChartInstall {
  kind: 'chart';
  /**
   * helm.v4.Chart renders the chart and lets Pulumi own every object, but leaves out Helm hooks;
   * helm.v3.Release runs Helm itself, hooks included.
   */
  resource: 'helm.v4.Chart' | 'helm.v3.Release';
  release: string;
  /** a chart name in `repo`, or a full oci:// reference */
  chart: string;
  repo?: string;
  version: string;
  namespace: string;
  values: HaproxyValues | NginxValues | Record<string, unknown>;
  /** helm.v3.Release: leave the chart's crds/ folder out (its CRDs come from another chart) */
  skipCrds?: boolean;
  /** the vendored CustomResourceDefinitions applied as plain objects before the chart (it waits for them) */
  crds?: typeof HAPROXY_CRDS;
}

/** A Gateway API implementation: its charts in install order and the objects it needs before the Gateway. */
export interface GatewayInstall {
  kind: 'gateway';
  implementation: GatewayControllerKind;
  charts: ChartInstall[];
  /** GatewayClass, EnvoyProxy (objects the Gateway names) */
  controllerObjects: Record<string, any>[];
  /** agc: the ALB controller's identity (federated to `subject`) and the association subnet */
  agc?: { subnet: string; subject: string; namespace: string };
  /** approuting-istio: the cluster's ingress profile would turn it on (refused: see INGRESS_SDK_UNSUPPORTED) */
  refused?: string;
}

/** An AKS add-on: properties of the managed cluster, plus (app-routing) its controller object. */
export interface AddonInstall {
  kind: 'add-on';
  /** ManagedCluster.ingressProfile (app-routing) */
  ingressProfile?: ReturnType<typeof appRoutingIngressProfile>;
  /** app-routing: the NginxIngressController object */
  controllerObject?: ReturnType<typeof nginxIngressController>;
  /** agic: the gateway AKS creates, and the planned subnet it goes in */
  gateway?: { name: string; subnet: string };
}

export interface IngressDesign {
  settings: IngressSettings;
  plan: IngressPlan;
  /** the IngressClass, or the GatewayClass of a Gateway API implementation */
  ingressClassName: string;
  install: ChartInstall | AddonInstall | GatewayInstall;
  /** the load balancer front end of a chart controller or app-routing */
  frontEnd?: FrontEnd;
  /** public chart controllers and app-routing: the static public IP the program creates */
  publicIp?: { name: string; resourceGroupName: string };
  objects: RoutedIngress[];
  /** Gateway API implementations: the Gateway, its HTTPRoutes, redirects and ReferenceGrants */
  gatewayObjects: RoutedGatewayObject[];
  /** every Service the routes reach (what a policy baseline must open to the controller) */
  backends: RouteBackend[];
  /**
   * HTTP(S) into node subnets: from the Internet behind a public load balancer, from the VNet behind
   * an internal one; AGIC's gateway sits in the VNet (covered by the VNet rule), so none.
   */
  nodeHttpSource?: 'Internet' | 'VirtualNetwork';
  findings: StackFinding[];
}

export interface IngressDesignInput {
  settings: IngressSettings;
  plan: Plan;
  clusterName: string;
  resourceGroupName: string;
  /** the stack name, for the migrate command findings name */
  stack?: string;
  /** namespaces the policy baseline closes to the ingress controller (none without a baseline) */
  closedNamespaces?: ReadonlySet<string>;
  /** the date end-of-support findings count from (the caller reads the clock: `--today`, or buildStack) */
  today: Date;
}

export function designIngress(input: IngressDesignInput): IngressDesign {
  const { settings, plan, clusterName } = input;
  const ingressPlan = plan.ingress ?? { controller: settings.controller, exposure: settings.exposure };
  const findings: StackFinding[] = [];
  const { today } = input;
  const end = CONTROLLER_ENDS[settings.controller];
  if (end) {
    findings.push(
      ingressFinding(
        'warning',
        settings.controller === 'nginx' ? 'INGRESS_NGINX_RETIRED' : 'INGRESS_APP_ROUTING_NGINX_RETIRED',
        'controller',
        `${end.what} ${endPhrase(end, today)} (${end.source}). It still deploys for existing stacks; move to the Gateway API with \`aksnet migrate --ingress --stack ${input.stack ?? '<stack>'} --to envoy-gateway\` (or --to agc)`,
      ),
    );
  }
  if (isGatewayController(settings.controller)) return designGateway(input, ingressPlan, findings);
  const driver = DRIVERS[settings.controller];
  if (settings.controller === 'agic') {
    if (settings.exposure === 'internal') {
      findings.push(ingressFinding('error', 'INGRESS_UNSUPPORTED', 'exposure', 'the AGIC add-on creates an Application Gateway with a public front end; for an internal ingress use haproxy, nginx or app-routing'));
    }
    if (plan.network.plugin === 'none') {
      findings.push(ingressFinding('error', 'INGRESS_UNSUPPORTED', 'controller', 'AGIC supports kubenet, Azure CNI and Azure CNI Overlay, not a bring-your-own CNI (plugin none)'));
    }
  }

  let frontEnd: FrontEnd | undefined;
  let publicIp: IngressDesign['publicIp'];
  if (settings.controller !== 'agic') {
    if (settings.exposure === 'internal') {
      if (ingressPlan.ip && settings.subnet) frontEnd = { exposure: 'internal', subnet: settings.subnet, ip: ingressPlan.ip };
    } else {
      publicIp = { name: `${clusterName}-ingress-ip`, resourceGroupName: input.resourceGroupName };
      frontEnd = { exposure: 'public', resourceGroupName: publicIp.resourceGroupName, publicIpName: publicIp.name };
    }
  }

  const { objects, findings: routeFindings } = ingressObjects(settings.routes, driver);
  const ingressClassName = driver.ingressClassName;
  findings.push(...routeFindings, ...closedNamespaceFindings(settings.routes, input.closedNamespaces ?? new Set()), ...validateIngressObjects(objects));

  return {
    settings,
    plan: ingressPlan,
    ingressClassName,
    install: installFor(settings, frontEnd, clusterName),
    ...(frontEnd ? { frontEnd } : {}),
    ...(publicIp ? { publicIp } : {}),
    objects,
    gatewayObjects: [],
    backends: routeBackends(settings.routes),
    ...(settings.controller === 'agic' ? {} : { nodeHttpSource: settings.exposure === 'public' ? ('Internet' as const) : ('VirtualNetwork' as const) }),
    findings,
  };
}

/** The in-cluster front end: the planned internal IP, or a static public IP the program creates. */
function frontEndFor(settings: IngressSettings, ingressPlan: IngressPlan, input: IngressDesignInput): { frontEnd?: FrontEnd; publicIp?: IngressDesign['publicIp'] } {
  if (settings.exposure === 'internal') {
    return ingressPlan.ip && settings.subnet ? { frontEnd: { exposure: 'internal', subnet: settings.subnet, ip: ingressPlan.ip } } : {};
  }
  // a Gateway's IP has its own name: during a move it exists next to the retiring controller's
  const publicIp = { name: `${input.clusterName}-${isGatewayController(settings.controller) ? 'gateway' : 'ingress'}-ip`, resourceGroupName: input.resourceGroupName };
  return { publicIp, frontEnd: { exposure: 'public', resourceGroupName: publicIp.resourceGroupName, publicIpName: publicIp.name } };
}

/** agc, envoy-gateway, approuting-istio: the implementation, its Gateway and HTTPRoutes. */
function designGateway(input: IngressDesignInput, ingressPlan: IngressPlan, findings: StackFinding[]): IngressDesign {
  const { settings, plan } = input;
  const kind = settings.controller as GatewayControllerKind;
  const implementation = GATEWAY_IMPLEMENTATIONS[kind];
  let placement: GatewayPlacement;
  let install: GatewayInstall;
  let fe: ReturnType<typeof frontEndFor> = {};
  const chart = (release: string, c: { chart: string; version: string }, resource: ChartInstall['resource'], values: Record<string, unknown>, skipCrds?: boolean): ChartInstall => ({
    kind: 'chart',
    resource,
    release,
    ...c,
    namespace: settings.namespace,
    values,
    ...(skipCrds ? { skipCrds } : {}),
  });

  if (kind === 'agc') {
    if (settings.exposure === 'internal') {
      findings.push(
        ingressFinding('error', 'INGRESS_UNSUPPORTED', 'exposure', 'Application Gateway for Containers frontends are public only ("Private IP addresses aren\'t currently supported", https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components; private frontends: https://github.com/Azure/AKS/issues/5739): for an internal entry point use envoy-gateway or haproxy with exposure internal'),
      );
    }
    if (plan.network.plugin === 'kubenet' || plan.network.plugin === 'none') {
      findings.push(
        ingressFinding('error', 'INGRESS_UNSUPPORTED', 'controller', `Application Gateway for Containers supports Azure CNI (dynamic and static block) and Azure CNI Overlay, not ${plan.network.plugin === 'kubenet' ? 'kubenet' : 'a bring-your-own CNI (plugin none)'} (https://learn.microsoft.com/azure/application-gateway/for-containers/container-networking): move the stack with \`aksnet migrate --to azure-cni-overlay\` first`),
      );
    }
    placement = agcPlacement(settings);
    install = {
      kind: 'gateway',
      implementation: kind,
      // helm.v3.Release: what the documented `helm install` runs, hooks included. The release's own
      // namespace is `default`, as in the quickstart: the chart creates albController.namespace itself
      charts: [{ ...chart(ALB_RELEASE, ALB_CHART, 'helm.v3.Release', albControllerValues(settings, '<identity client ID>')), namespace: 'default' }],
      controllerObjects: [],
      agc: { subnet: settings.subnet ?? '', subject: albSubject(settings.namespace), namespace: settings.namespace },
    };
  } else if (kind === 'envoy-gateway') {
    fe = frontEndFor(settings, ingressPlan, input);
    const frontEnd: FrontEnd = fe.frontEnd ?? { exposure: 'internal', subnet: settings.subnet ?? '', ip: '' };
    placement = envoyGatewayPlacement(settings);
    install = {
      kind: 'gateway',
      implementation: kind,
      charts: [
        chart(`${ENVOY_GATEWAY_RELEASE}-crds`, ENVOY_GATEWAY_CRDS_CHART, 'helm.v4.Chart', envoyGatewayCrdValues()),
        chart(ENVOY_GATEWAY_RELEASE, ENVOY_GATEWAY_CHART, 'helm.v3.Release', envoyGatewayValues(settings), true),
      ],
      controllerObjects: [envoyGatewayClass(), envoyProxy(settings, frontEnd)],
    };
  } else {
    const refused = approutingIstioRefusal();
    findings.push(ingressFinding('error', 'INGRESS_SDK_UNSUPPORTED', 'controller', refused));
    placement = { name: 'aksnet', namespace: settings.namespace };
    install = { kind: 'gateway', implementation: kind, charts: [], controllerObjects: [], refused };
  }

  const { objects, findings: routeFindings } = gatewayObjects(settings.routes, implementation, placement);
  findings.push(...routeFindings, ...closedNamespaceFindings(settings.routes, input.closedNamespaces ?? new Set()));
  if (kind === 'agc') {
    const gateway = objects.find((o) => o.object.kind === 'Gateway')?.object;
    const usage = {
      associations: 1,
      frontends: objects.filter((o) => o.object.kind === 'Gateway').length,
      routes: objects.filter((o) => o.object.kind === 'HTTPRoute').length,
      certificates: ((gateway?.spec.listeners ?? []) as { tls?: unknown }[]).filter((l) => l.tls).length,
    };
    for (const [what, used, limit] of agcLimitsExceeded(usage)) {
      findings.push(ingressFinding('error', 'INGRESS_GATEWAY_LIMIT', 'routes', `Application Gateway for Containers takes at most ${limit} ${what} per gateway; this stack needs ${used} (https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components)`));
    }
  }
  findings.push(...validateGatewayObjects([...install.controllerObjects.filter((o) => o.kind === 'GatewayClass').map((object) => ({ object })), ...objects]));

  return {
    settings,
    plan: ingressPlan,
    ingressClassName: implementation.gatewayClassName,
    install,
    ...(fe.frontEnd ? { frontEnd: fe.frontEnd } : {}),
    ...(fe.publicIp ? { publicIp: fe.publicIp } : {}),
    objects: [],
    gatewayObjects: objects,
    backends: routeBackends(settings.routes),
    // Envoy's LoadBalancer Service keeps client addresses (Local) like the chart controllers; AGC
    // reaches pods from its subnet inside the VNet (covered by the VNet rule)
    ...(kind === 'envoy-gateway' ? { nodeHttpSource: settings.exposure === 'public' ? ('Internet' as const) : ('VirtualNetwork' as const) } : {}),
    findings,
  };
}

function installFor(settings: IngressSettings, frontEnd: FrontEnd | undefined, clusterName: string): ChartInstall | AddonInstall {
  // Without a front end (an internal IP the plan could not place) the stack has an error finding
  // and is never built; the placeholder keeps the design total.
  const fe: FrontEnd = frontEnd ?? { exposure: 'internal', subnet: settings.subnet ?? '', ip: '' };
  switch (settings.controller) {
    case 'haproxy':
      // helm.v4.Chart, so Pulumi owns, diffs and policy-checks every object the chart renders. It
      // drops Helm hooks, and the chart's only hook is the Job that installs the controller's CRDs
      // (templates/controller-crdjob.yaml): those are applied here as plain objects instead.
      return { kind: 'chart', resource: 'helm.v4.Chart', release: HAPROXY_RELEASE, ...HAPROXY_CHART, namespace: settings.namespace, values: haproxyValues(settings, fe), crds: HAPROXY_CRDS };
    case 'nginx':
      // helm.v3.Release: the admission webhook's certificate is made by pre-install/post-install hook
      // Jobs, which helm.v4.Chart leaves out (the webhook would then refuse every Ingress).
      return { kind: 'chart', resource: 'helm.v3.Release', release: NGINX_RELEASE, ...NGINX_CHART, namespace: settings.namespace, values: nginxValues(settings, fe) };
    case 'app-routing':
      return { kind: 'add-on', ingressProfile: appRoutingIngressProfile(), controllerObject: nginxIngressController(settings, fe) };
    default:
      return { kind: 'add-on', gateway: { name: `${clusterName}-appgw`, subnet: settings.subnet ?? '' } };
  }
}

/** The Pulumi component name of an ingress: Gateway API implementations and Ingress controllers differ, so both can run during a move. */
export function ingressComponentName(clusterName: string, design: IngressDesign): string {
  return `${clusterName}-${design.install.kind === 'gateway' ? 'gateway' : 'ingress-controller'}`;
}

/** Both ingresses' cluster properties (the new implementation's and the retiring controller's add-ons). */
export function clusterIngressPropertiesOf<Id>(designs: (IngressDesign | undefined)[], subnetIds: Record<string, Id>) {
  return Object.assign({}, ...designs.map((d) => clusterIngressProperties(d, subnetIds))) as ReturnType<typeof clusterIngressProperties<Id>>;
}

/** The ManagedCluster properties the ingress sets (add-ons); `subnetIds` by planned subnet name. */
export function clusterIngressProperties<Id>(design: IngressDesign | undefined, subnetIds: Record<string, Id>) {
  // AGC's controller signs in with a workload identity: the cluster issues OIDC tokens and runs the webhook
  if (design?.install.kind === 'gateway' && design.install.agc) return { oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: true } } };
  if (!design || design.install.kind !== 'add-on') return {};
  const { ingressProfile, gateway } = design.install;
  return {
    ...(ingressProfile ? { ingressProfile } : {}),
    ...(gateway ? { addonProfiles: agicAddonProfile(gateway.name, subnetIds[gateway.subnet]) } : {}),
  };
}
