// AksIngress: the ingress controller and its routes, exactly as designed (design/ingress/ingressDesign.ts).
// Azure side: the static public IP of a public controller, and the cluster identity's right to use
// it. Cluster side (through the cluster's Kubernetes provider): the chart, or app-routing's
// NginxIngressController, then one Ingress object per route. Add-ons themselves are properties of
// the managed cluster (components/cluster.ts).
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as network from '@pulumi/azure-native/network';
import { CustomResource } from '@pulumi/kubernetes/apiextensions';
import { Namespace } from '@pulumi/kubernetes/core/v1';
import { Release } from '@pulumi/kubernetes/helm/v3';
import { Chart } from '@pulumi/kubernetes/helm/v4';
import { Ingress } from '@pulumi/kubernetes/networking/v1';
import type { Provider } from '@pulumi/kubernetes/provider';
import { NETWORK_CONTRIBUTOR_ROLE } from '../cluster';
import type { IngressDesign } from '../../design/ingress/ingressDesign';

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
  /** AGIC: the add-on's identity and the planned gateway subnet's ID */
  agic?: { principalId: pulumi.Input<string | undefined>; subnetId: pulumi.Input<string> };
}

export class AksIngress extends pulumi.ComponentResource {
  /** the static public IP of a public controller */
  readonly publicIpAddress?: pulumi.Output<string | undefined>;

  constructor(name: string, args: AksIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aks-networking:ingress:AksIngress', name, {}, opts);
    const { design, provider } = args;
    const parent = { parent: this };
    const k8s = { parent: this, provider };
    const waits: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    let subscription: pulumi.Output<string> | undefined;
    const subscriptionId = () => (subscription ??= authorization.getClientConfigOutput(parent).subscriptionId);
    // ServicePrincipal: skips the directory lookup that fails for a just-created identity
    const networkContributor = (grantName: string, principalId: pulumi.Input<string>, scope: pulumi.Input<string>) =>
      new authorization.RoleAssignment(
        grantName,
        {
          principalId,
          principalType: 'ServicePrincipal',
          roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR_ROLE}`,
          scope,
        },
        parent,
      );

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
      const grant = networkContributor(`${name}-network-contributor-ip-group`, args.clusterPrincipalId, pulumi.interpolate`/subscriptions/${subscriptionId()}/resourceGroups/${resourceGroupName}`);
      waits.push(ip, grant);
    }

    if (args.agic) {
      // The add-on creates its gateway in our subnet, outside the node resource group: its identity
      // must join that subnet (Network Contributor), or the gateway deployment fails with
      // LinkedAuthorizationFailed (https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview, https://learn.microsoft.com/azure/application-gateway/tutorial-ingress-controller-add-on-existing).
      networkContributor(`${name}-agic-network-contributor-subnet`, pulumi.output(args.agic.principalId).apply((id) => id ?? ''), args.agic.subnetId);
    }

    let controller: pulumi.Resource | undefined;
    const install = design.install;
    if (install.kind === 'chart') {
      const chartArgs = { chart: install.chart, version: install.version, repositoryOpts: { repo: install.repo }, namespace: install.namespace, values: install.values };
      if (install.resource === 'helm.v4.Chart') {
        const ns = new Namespace(`${name}-namespace`, { metadata: { name: install.namespace } }, { ...k8s, dependsOn: waits });
        controller = new Chart(`${name}-${install.release}`, { ...chartArgs, name: install.release }, { ...k8s, dependsOn: [ns] });
      } else {
        // atomic: a failed install or upgrade rolls back instead of leaving a half-configured controller
        controller = new Release(`${name}-${install.release}`, { ...chartArgs, name: install.release, createNamespace: true, atomic: true }, { ...k8s, dependsOn: waits });
      }
    } else if (install.controllerObject) {
      const { apiVersion, kind, metadata, spec } = install.controllerObject;
      controller = new CustomResource(`${name}-nginx-controller`, { apiVersion, kind, metadata, spec }, { ...k8s, dependsOn: waits });
    }

    // An Ingress waits for its controller: ingress-nginx's admission webhook must be up to accept it.
    for (const { object } of design.objects) {
      new Ingress(`${name}-${object.metadata.namespace}-${object.metadata.name}`, object, { ...k8s, dependsOn: controller ? [controller] : waits });
    }

    this.registerOutputs({ publicIpAddress: this.publicIpAddress });
  }
}
