// Everything the program decides about the ingress before it creates a resource, as plain data:
// the controller (chart and values, or add-on), its front end, every Ingress object, and the
// findings. Pure; components/ingress/component.ts only turns it into resources.
import type { IngressPlan, Plan } from '../../planner/types';
import { componentLifecycle } from '../../planner/lifecycle';

const NGINX_LIFECYCLE = componentLifecycle('ingress-nginx');
import type { StackFinding } from '../stackFindings';
import { agic, agicAddonProfile } from './agic';
import { appRouting, appRoutingIngressProfile, nginxIngressController } from './appRouting';
import type { IngressControllerKind, IngressSettings } from './config';
import type { ControllerDriver } from './driver';
import { HAPROXY_CHART, HAPROXY_CRDS, HAPROXY_RELEASE, haproxy, haproxyValues, type HaproxyValues } from './haproxy';
import type { FrontEnd } from './loadBalancer';
import { NGINX_CHART, NGINX_RELEASE, nginx, nginxValues, type NginxValues } from './nginx';
import { closedNamespaceFindings, ingressFinding, ingressObjects, routeBackends, type RouteBackend, type RoutedIngress } from './routes';

export const DRIVERS: Record<IngressControllerKind, ControllerDriver> = { haproxy, nginx, 'app-routing': appRouting, agic };

/** A pinned Helm chart and the values this project sets. */
export interface ChartInstall {
  kind: 'chart';
  /**
   * helm.v4.Chart renders the chart and lets Pulumi own every object, but leaves out Helm hooks;
   * helm.v3.Release runs Helm itself, hooks included.
   */
  resource: 'helm.v4.Chart' | 'helm.v3.Release';
  release: string;
  chart: string;
  repo: string;
  version: string;
  namespace: string;
  values: HaproxyValues | NginxValues;
  /** the vendored CustomResourceDefinitions applied as plain objects before the chart (it waits for them) */
  crds?: typeof HAPROXY_CRDS;
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
  ingressClassName: string;
  install: ChartInstall | AddonInstall;
  /** the load balancer front end of a chart controller or app-routing */
  frontEnd?: FrontEnd;
  /** public chart controllers and app-routing: the static public IP the program creates */
  publicIp?: { name: string; resourceGroupName: string };
  objects: RoutedIngress[];
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
  /** namespaces the policy baseline closes to the ingress controller (none without a baseline) */
  closedNamespaces?: ReadonlySet<string>;
  /**
   * the schema check of the generated Ingress objects (design/ingress/schema.ts validateIngressObjects).
   * Passed in rather than imported, so `aksnet plan`'s bundle, which designs stacks without an
   * ingress, does not carry the schema validators (ajv, kubernetes-models).
   */
  validateObjects: (objects: readonly RoutedIngress[]) => StackFinding[];
}

export function designIngress(input: IngressDesignInput): IngressDesign {
  const { settings, plan, clusterName } = input;
  const ingressPlan = plan.ingress ?? { controller: settings.controller, exposure: settings.exposure };
  const driver = DRIVERS[settings.controller];
  const findings: StackFinding[] = [];

  if (settings.controller === 'nginx') {
    findings.push(
      // the date and the next step come from the one lifecycle table (planner/lifecycle.ts)
      ingressFinding('warning', 'INGRESS_NGINX_RETIRED', 'controller', `ingress-nginx is retired: ${NGINX_LIFECYCLE.event}. It still deploys; ${NGINX_LIFECYCLE.nextStep} (${NGINX_LIFECYCLE.source})`),
    );
  }
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
  findings.push(...routeFindings, ...closedNamespaceFindings(settings.routes, input.closedNamespaces ?? new Set()), ...input.validateObjects(objects));

  return {
    settings,
    plan: ingressPlan,
    ingressClassName: driver.ingressClassName,
    install: installFor(settings, frontEnd, clusterName),
    ...(frontEnd ? { frontEnd } : {}),
    ...(publicIp ? { publicIp } : {}),
    objects,
    backends: routeBackends(settings.routes),
    ...(settings.controller === 'agic' ? {} : { nodeHttpSource: settings.exposure === 'public' ? ('Internet' as const) : ('VirtualNetwork' as const) }),
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
    case 'agic':
      return { kind: 'add-on', gateway: { name: `${clusterName}-appgw`, subnet: settings.subnet ?? '' } };
  }
}

/** The ManagedCluster properties the ingress sets (add-ons); `subnetIds` by planned subnet name. */
export function clusterIngressProperties<Id>(design: IngressDesign | undefined, subnetIds: Record<string, Id>) {
  if (!design || design.install.kind !== 'add-on') return {};
  const { ingressProfile, gateway } = design.install;
  return {
    ...(ingressProfile ? { ingressProfile } : {}),
    ...(gateway ? { addonProfiles: agicAddonProfile(gateway.name, subnetIds[gateway.subnet]) } : {}),
  };
}
