// AksCluster: the managed cluster, its node pools and its control-plane identity, as designed.
// The network profile, every maxPods and every subnet come from the design (the Plan); this file
// only says how AKS wants them written.
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as containerservice from '@pulumi/azure-native/containerservice';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as time from '@pulumiverse/time';
import type * as azureInputs from '@pulumi/azure-native/types/input';
import type { DesignedPool, StackDesign } from '../design/stackDesign';
import { clusterIngressPropertiesOf } from '../design/ingress/ingressDesign';
import { AKS_RBAC_CLUSTER_ADMIN_ROLE, clusterAccessProperties, deployerPrincipalType, kubeloginKubeconfig } from '../design/clusterAccess';

/** Built-in role "Network Contributor" (the same GUID in every Azure cloud). */
export const NETWORK_CONTRIBUTOR_ROLE = '4d97b98b-1d4f-4787-a291-c67834d212e7';

export interface AksClusterArgs {
  design: StackDesign;
  resourceGroupName: pulumi.Input<string>;
  /** every planned subnet's ID, by subnet name */
  subnetIds: Record<string, pulumi.Input<string>>;
  /** kubenet's route table, which AKS writes routes into */
  routeTableId?: pulumi.Input<string>;
  /** userDefinedRouting: the default route and the subnets carrying it, which AKS checks at create (https://learn.microsoft.com/azure/aks/egress-udr) */
  egressDependencies?: pulumi.Resource[];
  /** sent as a secret in windowsProfile when the cluster config has `windows` (design.ts refuses one without the other) */
  windowsAdminPassword?: pulumi.Input<string>;
}

export class AksCluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  /** the cluster's server and CA with a kubelogin exec user: no credential in it (design/clusterAccess.ts) */
  readonly kubeconfig: pulumi.Output<string>;
  /** Kubernetes objects wait for this: the deploy identity's data-plane role has taken effect */
  readonly dataPlaneReady: pulumi.Resource;
  /** the cluster's resource ID */
  readonly clusterId: pulumi.Output<string>;
  readonly identityPrincipalId: pulumi.Output<string>;
  /** Azure node pool name by config pool name */
  readonly agentPoolNames: Record<string, string>;
  /** the cluster's OIDC issuer URL (set when the ingress needs workload identity: AGC) */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** the node resource group AKS manages (MC_...) */
  readonly nodeResourceGroup: pulumi.Output<string>;
  /** the AGIC add-on's own identity (object ID), when the add-on is on */
  readonly agicPrincipalId: pulumi.Output<string | undefined>;

  constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aks-networking:cluster:AksCluster', name, {}, opts);
    const { design, resourceGroupName, subnetIds } = args;
    const { cluster: settings, plan } = design;
    const parent = { parent: this };
    const common = { ...(settings.location ? { location: settings.location } : {}), ...(Object.keys(settings.tags).length > 0 ? { tags: settings.tags } : {}) };

    // A user-assigned identity exists before the cluster, so its permissions on the subnets can be
    // granted before AKS first touches them (a system-assigned one would be born with the cluster).
    // kubenet also needs it to detach its route table when migrating to overlay (https://learn.microsoft.com/azure/aks/update-azure-cni).
    const identity = new managedidentity.UserAssignedIdentity(
      `${settings.name}-identity`,
      { resourceGroupName, resourceName: design.names.identity, ...common },
      parent,
    );
    this.identityPrincipalId = identity.principalId;

    const subscriptionId = authorization.getClientConfigOutput(parent).subscriptionId;
    const roleDefinitionId = pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR_ROLE}`;
    // The control plane joins node NICs and pod IPs to these subnets and puts internal load balancer
    // front ends into ingress subnets; with kubenet it writes node routes into the route table.
    const scopes: [string, pulumi.Input<string>][] = plan.subnets
      .filter((s) => s.role !== 'other' || s.purpose === 'ingress')
      .map((s) => [`subnet-${s.name}`, subnetIds[s.name]]);
    if (args.routeTableId) scopes.push(['route-table', args.routeTableId]);
    const grants = scopes.map(
      ([label, scope]) =>
        new authorization.RoleAssignment(
          `${settings.name}-network-contributor-${label}`,
          // ServicePrincipal: skips the directory lookup that fails for a just-created identity
          { principalId: identity.principalId, principalType: 'ServicePrincipal', roleDefinitionId, scope },
          parent,
        ),
    );

    // Grants take minutes to reach Azure Resource Manager; a cluster created before they do fails
    // with LinkedAuthorizationFailed or CustomRouteTableMissingPermission (https://learn.microsoft.com/azure/aks/aks-service-permissions). The Sleep waits
    // once after the grants are made; a new or replaced grant (triggers) makes it wait again before
    // the pools that use it.
    const grantsEffective = new time.Sleep(
      `${settings.name}-role-propagation`,
      { createDuration: settings.rolePropagationWait, triggers: Object.fromEntries(grants.map((g, i) => [scopes[i][0], g.id])) },
      { ...parent, dependsOn: grants },
    );

    const bootstrap = design.pools.find((p) => p.bootstrap)!;
    const profile = design.aks.profile;
    const apiServerAccessProfile = settings.apiServer.private
      ? { enablePrivateCluster: true }
      : settings.apiServer.authorizedIpRanges.length > 0
        ? { authorizedIPRanges: settings.apiServer.authorizedIpRanges }
        : undefined;

    const managedCluster = new containerservice.ManagedCluster(
      settings.name,
      {
        resourceGroupName,
        resourceName: settings.name,
        ...common,
        dnsPrefix: settings.dnsPrefix,
        ...(design.kubernetesVersion ? { kubernetesVersion: design.kubernetesVersion } : {}),
        enableRBAC: true,
        // Entra ID sign-in, Azure RBAC authorization, no static admin certificate
        ...clusterAccessProperties(settings.access),
        identity: { type: 'UserAssigned', userAssignedIdentities: [identity.id] },
        sku: { name: 'Base', tier: TIERS[plan.network.tier] ?? 'Standard' },
        // Premium and Long Term Support go together; Free and Standard take the community plan (https://learn.microsoft.com/azure/aks/long-term-support)
        supportPlan: plan.network.tier === 'premium' ? 'AKSLongTermSupport' : 'KubernetesOfficial',
        // Only the pool the cluster is created with: AKS adds and removes pools through the agent
        // pool API, never through the cluster (pulumi/pulumi-azure-native#579).
        agentPoolProfiles: [{ name: bootstrap.agentPoolName, ...poolSpec(bootstrap, design, subnetIds) }],
        networkProfile: { ...profile },
        ...(apiServerAccessProfile ? { apiServerAccessProfile } : {}),
        // Windows pools need it, and AKS takes it only at creation (https://learn.microsoft.com/azure/aks/windows-vs-linux-containers)
        ...(settings.windows ? { windowsProfile: { adminUsername: settings.windows.adminUsername, adminPassword: pulumi.secret(args.windowsAdminPassword!) } } : {}),
        // app-routing (ingressProfile) and AGIC (addonProfiles) are add-ons of the cluster
        ...clusterIngressPropertiesOf([design.ingress, design.ingressRetiring], subnetIds),
      },
      {
        ...parent,
        dependsOn: [grantsEffective, ...(args.egressDependencies ?? [])],
        // A replacement the config allowed (cluster.allowClusterReplacement) reuses the Azure name, so
        // the old cluster goes first. Any other replacement fails on the existing name instead of
        // deleting a cluster nobody agreed to lose.
        ...(design.replaceOnChanges.length > 0 ? { replaceOnChanges: design.replaceOnChanges, deleteBeforeReplace: true } : {}),
        ...(profile.podCidr === undefined ? { transformations: [withoutSdkDefaultPodCidr] } : {}),
        // the autoscaler owns the node count
        ...(bootstrap.plan.autoscale ? { ignoreChanges: ['agentPoolProfiles[0].count'] } : {}),
      },
    );
    this.clusterName = managedCluster.name;
    this.agicPrincipalId = managedCluster.addonProfiles.apply((profiles) => profiles?.ingressApplicationGateway?.identity?.objectId);
    this.oidcIssuerUrl = managedCluster.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? '');
    this.nodeResourceGroup = managedCluster.nodeResourceGroup.apply((group) => group ?? '');

    this.agentPoolNames = Object.fromEntries(design.pools.map((p) => [p.plan.name, p.agentPoolName]));
    // AKS runs one operation per cluster at a time ("another operation is in progress"), so pools
    // are created one after another.
    let previous: pulumi.Resource = managedCluster;
    for (const pool of design.pools.filter((p) => !p.bootstrap)) {
      previous = new containerservice.AgentPool(
        // Named by the Azure name: a pool whose fixed settings change is a new resource, created
        // during the update; the old one is deleted at its end, after every create.
        `${settings.name}-${pool.agentPoolName}`,
        { resourceGroupName, resourceName: managedCluster.name, agentPoolName: pool.agentPoolName, ...poolSpec(pool, design, subnetIds) },
        {
          ...parent,
          dependsOn: [previous, grantsEffective],
          deleteBeforeReplace: false,
          ...(pool.plan.autoscale ? { ignoreChanges: ['count'] } : {}),
          // a new cluster brings none of the old pools; deleting the cluster deletes its pools
          replaceWith: [managedCluster],
          deletedWith: managedCluster,
        },
      );
    }

    this.clusterId = managedCluster.id;
    // The deploy identity's data-plane role: the program creates Namespaces, CRDs, cluster RBAC and
    // Calico objects, which only RBAC Cluster Admin covers among the built-in roles. Scoped to this
    // cluster. The identity is whoever runs `pulumi up` (getClientConfig's objectId): the CI deployer,
    // or a person on a laptop (then the grant moves to that person until CI runs again; set
    // access.grantDeployer: false and assign the role outside the stack to avoid that).
    if (settings.access.grantDeployer) {
      const deployer = authorization.getClientConfigOutput(parent);
      const grant = new authorization.RoleAssignment(
        `${settings.name}-deployer-rbac-cluster-admin`,
        {
          principalId: deployer.objectId,
          principalType: deployerPrincipalType(process.env),
          roleDefinitionId: pulumi.interpolate`/subscriptions/${deployer.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AKS_RBAC_CLUSTER_ADMIN_ROLE}`,
          scope: managedCluster.id,
        },
        parent,
      );
      // "role assignments can take up to 5 minutes to take effect" (learn.microsoft.com/azure/aks/manage-azure-rbac)
      this.dataPlaneReady = new time.Sleep(`${settings.name}-data-plane-role-propagation`, { createDuration: '5m', triggers: { grant: grant.id } }, { ...parent, dependsOn: [grant] });
    } else {
      this.dataPlaneReady = managedCluster;
    }

    // listClusterUserCredential: on an Entra cluster this kubeconfig carries no secret; only its
    // cluster entry (server, CA) is kept, with a kubelogin user (design/clusterAccess.ts).
    const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName, resourceName: managedCluster.name }, parent);
    this.kubeconfig = credentials.kubeconfigs.apply((configs) => {
      const first = configs?.[0]?.value;
      if (!first) throw new Error(`AKS returned no user kubeconfig for cluster ${settings.name}`);
      return kubeloginKubeconfig(Buffer.from(first, 'base64').toString('utf8'), settings.access.kubelogin);
    });

    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, identityPrincipalId: this.identityPrincipalId });
  }
}

/**
 * The SDK fills a missing networkProfile.podCidr with the API default 10.244.0.0/16
 * (containerServiceNetworkProfileArgsProvideDefaults), whatever the plugin. Node-subnet and
 * pod-subnet Azure CNI have no pod CIDR (az aks create refuses --pod-cidr without overlay,
 * Azure/azure-cli#26237) and the planner's overlap checks never saw one, so it is taken out again.
 * A transformation sees the inputs after the SDK's defaults; it runs in the SDK, so mocks see it too.
 */
export function withoutSdkDefaultPodCidr(args: pulumi.ResourceTransformationArgs): pulumi.ResourceTransformationResult {
  const networkProfile = pulumi.output(args.props.networkProfile).apply((p: Record<string, unknown> | undefined) => {
    if (!p) return p;
    const { podCidr: _sdkDefault, ...rest } = p;
    return rest;
  });
  return { props: { ...args.props, networkProfile }, opts: args.opts };
}

const TIERS: Record<string, 'Free' | 'Standard' | 'Premium'> = { free: 'Free', standard: 'Standard', premium: 'Premium' };

type PoolSpec = Omit<azureInputs.containerservice.ManagedClusterAgentPoolProfileArgs, 'name'>;

/** One pool as AKS reads it; the same fields inline (the bootstrap pool) and as an AgentPool. */
function poolSpec(pool: DesignedPool, design: StackDesign, subnetIds: Record<string, pulumi.Input<string>>): PoolSpec {
  const p = pool.plan;
  return {
    mode: p.mode,
    osType: p.osType,
    type: 'VirtualMachineScaleSets',
    vmSize: p.vmSize,
    ...(design.kubernetesVersion ? { orchestratorVersion: design.kubernetesVersion } : {}),
    count: p.minNodes,
    ...(p.autoscale ? { enableAutoScaling: true, minCount: p.minNodes, maxCount: p.maxNodes } : { enableAutoScaling: false }),
    maxPods: p.maxPods,
    vnetSubnetID: subnetIds[p.subnet],
    ...(p.podSubnet ? { podSubnetID: subnetIds[p.podSubnet] } : {}),
    ...(pool.podIpAllocation ? { podIPAllocationMode: pool.podIpAllocation } : {}),
    upgradeSettings: {
      maxSurge: String(p.maxSurge),
      ...(p.maxUnavailable ? { maxUnavailable: String(p.maxUnavailable) } : {}),
    },
  };
}
