// AksIngress: the ingress controller and its routes, exactly as designed (design/ingress/ingressDesign.ts).
// Azure side: the static public IP of a public controller, and the cluster identity's right to use
// it; for Application Gateway for Containers the ALB controller's identity, its federated credential
// and roles. Cluster side (through the cluster's Kubernetes provider): the charts, or app-routing's
// NginxIngressController, then one Ingress object per route, or the Gateway API objects. Add-ons themselves are properties of
// the managed cluster (components/cluster.ts).
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as network from '@pulumi/azure-native/network';
import { CustomResource } from '@pulumi/kubernetes/apiextensions';
import { CustomResourceDefinition } from '@pulumi/kubernetes/apiextensions/v1';
import { Namespace } from '@pulumi/kubernetes/core/v1';
import { Release } from '@pulumi/kubernetes/helm/v3';
import { Chart } from '@pulumi/kubernetes/helm/v4';
import { Ingress } from '@pulumi/kubernetes/networking/v1';
import type { Provider } from '@pulumi/kubernetes/provider';
import { NETWORK_CONTRIBUTOR_ROLE } from '../cluster';
import { AGC_ROLES, albControllerValues, applicationLoadBalancer } from '../../design/ingress/appGwForContainers';
import type { ChartInstall, IngressDesign } from '../../design/ingress/ingressDesign';
import { HAPROXY_CRDS } from '../../design/ingress/haproxy';
import haproxyCrds from './haproxy-crds/ingress.v3.haproxy.org.json';

/** Vendored CRD sets by name (source, version and licence: haproxy-crds/README.md). */
export const VENDORED_CRDS: Record<typeof HAPROXY_CRDS, readonly { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> }[]> = {
  [HAPROXY_CRDS]: haproxyCrds,
};

export interface AksIngressArgs {
  design: IngressDesign;
  /** the cluster's Kubernetes provider (components/kubernetesProvider.ts) */
  provider: Provider;
  /** the cluster's control-plane identity, which builds the load balancer */
  clusterPrincipalId: pulumi.Input<string>;
  /** Azure location and tags of the public IP */
  location?: string;
  tags: Record<string, string>;
  /** what the controller waits for (the cluster and its node pools) */
  dependsOn?: pulumi.Resource[];
  /** namespaces another component of the stack creates (the policy baseline's), which the routes' objects wait for through dependsOn */
  createdNamespaces?: readonly string[];
  /** AGIC: the add-on's identity and the planned gateway subnet's ID */
  agic?: { principalId: pulumi.Input<string | undefined>; subnetId: pulumi.Input<string> };
  /** AGC: the association subnet, where the controller's identity lives, and the cluster's OIDC issuer and node resource group */
  agc?: {
    subnetId: pulumi.Input<string>;
    resourceGroupName: pulumi.Input<string>;
    identityName: string;
    oidcIssuerUrl: pulumi.Input<string>;
    nodeResourceGroup: pulumi.Input<string>;
  };
}

export class AksIngress extends pulumi.ComponentResource {
  /** the static public IP of a public controller */
  readonly publicIpAddress?: pulumi.Output<string | undefined>;
  /** the routes' namespaces this component creates (a second ingress during a move must not create them again) */
  readonly createdNamespaces: string[];

  constructor(name: string, args: AksIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aks-networking:ingress:AksIngress', name, {}, opts);
    const { design, provider } = args;
    const parent = { parent: this };
    const k8s = { parent: this, provider };
    const waits: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    let subscription: pulumi.Output<string> | undefined;
    const subscriptionId = () => (subscription ??= authorization.getClientConfigOutput(parent).subscriptionId);
    // ServicePrincipal: skips the directory lookup that fails for a just-created identity
    const grant = (grantName: string, principalId: pulumi.Input<string>, scope: pulumi.Input<string>, role: string) =>
      new authorization.RoleAssignment(
        grantName,
        {
          principalId,
          principalType: 'ServicePrincipal',
          roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
          scope,
        },
        parent,
      );
    const networkContributor = (grantName: string, principalId: pulumi.Input<string>, scope: pulumi.Input<string>) => grant(grantName, principalId, scope, NETWORK_CONTRIBUTOR_ROLE);

    if (design.publicIp) {
      // Standard SKU, static: what a Standard load balancer takes. It lives in the stack's resource
      // group, outside the node resource group, so the cluster identity needs Network Contributor on
      // that group and the Service names it (azure-load-balancer-resource-group) (https://learn.microsoft.com/azure/aks/static-ip).
      const { name: ipName, resourceGroupName } = design.publicIp;
      const ip = new network.PublicIPAddress(
        ipName,
        {
          resourceGroupName,
          publicIpAddressName: ipName,
          ...(args.location ? { location: args.location } : {}),
          ...(Object.keys(args.tags).length > 0 ? { tags: args.tags } : {}),
          sku: { name: 'Standard' },
          publicIPAllocationMethod: 'Static',
        },
        parent,
      );
      this.publicIpAddress = ip.ipAddress;
      const ipGrant = networkContributor(`${name}-network-contributor-ip-group`, args.clusterPrincipalId, pulumi.interpolate`/subscriptions/${subscriptionId()}/resourceGroups/${resourceGroupName}`);
      waits.push(ip, ipGrant);
    }

    if (args.agic) {
      // The add-on creates its gateway in our subnet, outside the node resource group: its identity
      // must join that subnet (Network Contributor), or the gateway deployment fails with
      // LinkedAuthorizationFailed (https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview, https://learn.microsoft.com/azure/application-gateway/tutorial-ingress-controller-add-on-existing).
      networkContributor(`${name}-agic-network-contributor-subnet`, pulumi.output(args.agic.principalId).apply((id) => id ?? ''), args.agic.subnetId);
    }

    let controller: pulumi.Resource | undefined;
    const install = design.install;
    let namespace: Namespace | undefined;
    const deployChart = (chart: ChartInstall, values: pulumi.Input<Record<string, unknown>>, after: pulumi.Resource[]): pulumi.Resource => {
      const chartArgs = { chart: chart.chart, version: chart.version, ...(chart.repo ? { repositoryOpts: { repo: chart.repo } } : {}), namespace: chart.namespace, values };
      if (chart.resource === 'helm.v4.Chart') {
        namespace ??= new Namespace(`${name}-namespace`, { metadata: { name: chart.namespace } }, { ...k8s, dependsOn: waits });
        // CRDs the chart would install from a Helm hook, which Chart v4 drops: plain objects, before it
        const crds = (chart.crds ? VENDORED_CRDS[chart.crds] : []).map(
          (crd) => new CustomResourceDefinition(`${name}-crd-${crd.metadata.name}`, crd as unknown as ConstructorParameters<typeof CustomResourceDefinition>[1], { ...k8s, dependsOn: waits }),
        );
        return new Chart(`${name}-${chart.release}`, { ...chartArgs, name: chart.release }, { ...k8s, dependsOn: [namespace, ...crds, ...after] });
      }
      // atomic: a failed install or upgrade rolls back instead of leaving a half-configured controller
      return new Release(
        `${name}-${chart.release}`,
        { ...chartArgs, name: chart.release, createNamespace: namespace === undefined, atomic: true, ...(chart.skipCrds ? { skipCrds: true } : {}) },
        { ...k8s, dependsOn: [...waits, ...(namespace ? [namespace] : []), ...after] },
      );
    };
    if (install.kind === 'chart') {
      controller = deployChart(install, install.values as Record<string, unknown>, []);
    } else if (install.kind === 'gateway') {
      // approuting-istio is refused with an error finding before anything is built
      let values: (chart: ChartInstall) => pulumi.Input<Record<string, unknown>> = (chart) => chart.values as Record<string, unknown>;
      const azureReady: pulumi.Resource[] = [];
      if (install.agc && args.agc) {
        const agc = args.agc;
        // The ALB controller signs in as this identity through its service account's federated token,
        // and creates the AGC resource in the node resource group, associated with our subnet.
        const identity = new managedidentity.UserAssignedIdentity(
          `${name}-alb-identity`,
          { resourceGroupName: agc.resourceGroupName, resourceName: agc.identityName, ...(args.location ? { location: args.location } : {}), ...(Object.keys(args.tags).length > 0 ? { tags: args.tags } : {}) },
          parent,
        );
        const credential = new managedidentity.FederatedIdentityCredential(
          `${name}-alb-federated-credential`,
          {
            resourceGroupName: agc.resourceGroupName,
            resourceName: identity.name,
            federatedIdentityCredentialResourceName: 'alb-controller',
            issuer: agc.oidcIssuerUrl,
            subject: install.agc.subject,
            audiences: ['api://AzureADTokenExchange'],
          },
          parent,
        );
        const nodeGroup = pulumi.interpolate`/subscriptions/${subscriptionId()}/resourceGroups/${agc.nodeResourceGroup}`;
        azureReady.push(
          identity,
          credential,
          grant(`${name}-alb-reader-node-group`, identity.principalId, nodeGroup, AGC_ROLES.reader),
          grant(`${name}-alb-configuration-manager-node-group`, identity.principalId, nodeGroup, AGC_ROLES.configurationManager),
          grant(`${name}-alb-network-contributor-subnet`, identity.principalId, agc.subnetId, AGC_ROLES.networkContributor),
        );
        values = () => albControllerValues(design.settings, identity.clientId) as pulumi.Input<Record<string, unknown>>;
        const release = deployChart(install.charts[0], values(install.charts[0]), azureReady);
        const { apiVersion, kind, metadata, spec } = applicationLoadBalancer(design.settings, agc.subnetId);
        controller = new CustomResource(`${name}-application-load-balancer`, { apiVersion, kind, metadata, spec }, { ...k8s, dependsOn: [release] });
      } else if (install.charts.length > 0) {
        let previous: pulumi.Resource[] = [];
        for (const chart of install.charts) previous = [deployChart(chart, values(chart), previous)];
        const objects = install.controllerObjects.map(
          ({ apiVersion, kind, metadata, spec }) =>
            new CustomResource(`${name}-${kind.toLowerCase()}-${metadata.name}`, { apiVersion, kind, metadata, spec }, { ...k8s, dependsOn: previous }),
        );
        controller = objects[objects.length - 1] ?? previous[0];
        if (objects.length > 1) waits.push(...objects);
      }
    } else if (install.controllerObject) {
      const { apiVersion, kind, metadata, spec } = install.controllerObject;
      controller = new CustomResource(`${name}-nginx-controller`, { apiVersion, kind, metadata, spec }, { ...k8s, dependsOn: waits });
    }

    // A route's Ingress, HTTPRoute or ReferenceGrant lives in its backend's namespace. The stack creates
    // the cluster, so at the first `pulumi up` no application namespace exists and the object would fail
    // with "namespaces ... not found": create each one nobody else creates, and keep it when the stack
    // is deleted (the applications live there), as the policy baseline does with its namespaces.
    const platform = new Set([...(install.kind === 'chart' ? [install.namespace] : []), ...(install.kind === 'gateway' ? [...install.charts.map((c) => c.namespace), ...(install.agc ? [install.agc.namespace] : [])] : [])]);
    const alwaysThere = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', ...(args.createdNamespaces ?? [])]);
    const routeNamespaces = new Map<string, Namespace>();
    for (const ns of new Set(design.settings.routes.map((r) => r.namespace))) {
      if (platform.has(ns) || alwaysThere.has(ns)) continue;
      routeNamespaces.set(ns, new Namespace(`${name}-ns-${ns}`, { metadata: { name: ns } }, { ...k8s, dependsOn: waits, retainOnDelete: true }));
    }
    this.createdNamespaces = [...routeNamespaces.keys()];
    const inNamespace = (ns: string | undefined) => (ns && routeNamespaces.has(ns) ? [routeNamespaces.get(ns)!] : []);

    // An Ingress waits for its controller: ingress-nginx's admission webhook must be up to accept it.
    for (const { object } of design.objects) {
      new Ingress(`${name}-${object.metadata.namespace}-${object.metadata.name}`, object, { ...k8s, dependsOn: [...(controller ? [controller] : waits), ...inNamespace(object.metadata.namespace)] });
    }
    // The Gateway, its grants and routes wait for the implementation (its CRDs, GatewayClass, EnvoyProxy
    // or ApplicationLoadBalancer); routes wait for their Gateway only by name, so all go together.
    for (const { object } of design.gatewayObjects) {
      const { apiVersion, kind, metadata, spec } = object;
      new CustomResource(`${name}-${kind.toLowerCase()}-${metadata.namespace}-${metadata.name}`, { apiVersion, kind, metadata, spec }, { ...k8s, dependsOn: [...(controller ? [controller, ...waits] : waits), ...inNamespace(metadata.namespace)] });
    }

    this.registerOutputs({ publicIpAddress: this.publicIpAddress });
  }
}
