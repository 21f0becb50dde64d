// Everything the program decides before it creates a resource, as plain data: the plan, the cluster
// settings, the AKS profile, each pool's Azure name, the settings to export, and every finding.
// Pure, so the decisions are testable without Pulumi; program.ts only turns a design into resources.
import type { Plan, PoolPlan } from '../planner/types';
import { kubenetRetirementMessage } from '../planner/checks/compatibility';
import { planNetwork } from '../planner/plan';
import { apiServerRangeFindings } from '../planner/apiServerRanges';
import { validateNetworkConfig } from '../planner/validate';
import { aksProfileFor, kubernetesVersionFindings, type AksProfile } from './aksProfile';
import { azureNames, nameFindings, type AzureNames } from './azureNames';
import { validateClusterConfig, type ClusterSettings } from './clusterConfig';
import { chooseBootstrapPool, compareDeployedSettings, parseDeployedSettings, type DeployedPool, type DeployedSettings } from './deployedSettings';
import { agentPoolName, poolIdentity } from './nodePoolName';
import { liveComparisonBase, type LiveClusterRead } from './liveCluster';
import { leavingPools, rotationFindings } from './rotationPlan';
import { ingressNeed, isGatewayController, validateIngressConfig, type IngressSettings } from './ingress/config';
import { designIngress, type IngressDesign } from './ingress/ingressDesign';
import { closedToIngress } from './ingress/policy';
import { windowsProfileFindings } from './windowsProfile';
import { CLUSTER_KEY, errorsIn, fromConfigIssue, fromPlanFinding, INGRESS_KEY, INGRESS_RETIRING_KEY, NETWORK_KEY, stackFinding, type StackFinding } from './stackFindings';

export interface DesignedPool {
  plan: PoolPlan;
  /** the Azure node pool name: config name prefix + hash of the settings Azure cannot change in place */
  agentPoolName: string;
  /** created inline with the cluster (AKS needs one System pool to create a cluster) */
  bootstrap: boolean;
  podIpAllocation?: 'DynamicIndividual' | 'StaticBlock';
}

export interface StackDesign {
  stack: string;
  plan: Plan;
  cluster: ClusterSettings;
  aks: AksProfile;
  /** the Azure name of every resource the components create */
  names: AzureNames;
  kubernetesVersion?: string;
  pools: DesignedPool[];
  /** what this deployment exports for the next one to compare against */
  settings: DeployedSettings;
  /** ManagedCluster property paths to replace on (only non-empty when cluster replacement is allowed and needed) */
  replaceOnChanges: string[];
  /** kubenet -> overlay: subnets that drop the kubenet route table once the cluster has moved */
  routeTableDetach: string[];
  /** the ingress controller and its routes (`aks-networking:ingress`); undefined without one */
  ingress?: IngressDesign;
  /** `aks-networking:ingressRetiring`: the Ingress controller still running until the DNS cutover */
  ingressRetiring?: IngressDesign;
  /** every finding; none of them an error */
  findings: StackFinding[];
}

export type DesignResult = { ok: true; design: StackDesign } | { ok: false; findings: StackFinding[] };

export interface DesignInput {
  stack: string;
  /** `aks-networking:network` */
  networkRaw: unknown;
  /** `aks-networking:cluster` */
  clusterRaw: unknown;
  /** the `deployedSettings` output of the last deployment of this stack (undefined: none) */
  previousRaw?: unknown;
  /** `aks-networking:ingress` (undefined: the stack has no ingress) */
  ingressRaw?: unknown;
  /** `aks-networking:ingressRetiring`: the Ingress controller kept side by side during a move to the Gateway API */
  ingressRetiringRaw?: unknown;
  /** the date end-of-support findings count from (`--today`, or the clock read once by buildStack; tests pin it) */
  today: Date;
  /** `aks-networking:policy`: which namespaces its baseline closes to the ingress controller */
  policyRaw?: unknown;
  /** the provider's region (`azure-native:location`), used when the cluster config names none */
  providerLocation?: string;
  /** whether the secret `aks-networking:windowsAdminPassword` is set (cluster.windows needs it) */
  windowsAdminPasswordSet?: boolean;
  /** the cluster as Azure reports it, read when there is no previous deployedSettings (liveCluster.ts) */
  live?: LiveClusterRead;
}

export function designStack(input: DesignInput): DesignResult {
  const findings: StackFinding[] = [];
  const validated = validateNetworkConfig(input.networkRaw);
  if (!validated.ok) findings.push(...validated.issues.map((i) => fromConfigIssue(i, NETWORK_KEY)));
  const clusterResult = validateClusterConfig(input.clusterRaw, input.stack);
  if (!clusterResult.ok) findings.push(...clusterResult.issues.map((i) => fromConfigIssue(i, CLUSTER_KEY)));
  let ingressSettings: IngressSettings | undefined;
  if (validated.ok && input.ingressRaw !== undefined) {
    const ingressResult = validateIngressConfig(input.ingressRaw, validated.network);
    if (ingressResult.ok) ingressSettings = ingressResult.settings;
    else findings.push(...ingressResult.issues.map((i) => fromConfigIssue(i, INGRESS_KEY)));
  }
  let retiringSettings: IngressSettings | undefined;
  if (validated.ok && input.ingressRetiringRaw !== undefined) {
    const retiring = validateIngressConfig(input.ingressRetiringRaw, validated.network);
    if (!retiring.ok) findings.push(...retiring.issues.map((i) => fromConfigIssue(i, INGRESS_RETIRING_KEY)));
    else if (isGatewayController(retiring.settings.controller) || !ingressSettings || !isGatewayController(ingressSettings.controller)) {
      findings.push({
        severity: 'error',
        code: 'INVALID_CONFIG',
        config: INGRESS_RETIRING_KEY,
        path: 'controller',
        message: 'aks-networking:ingressRetiring keeps an Ingress controller (haproxy, nginx, app-routing, agic) running next to a Gateway API implementation in aks-networking:ingress (envoy-gateway, agc) until the DNS cutover; see aksnet migrate --ingress',
      });
    } else retiringSettings = retiring.settings;
  }
  if (!validated.ok || !clusterResult.ok || errorsIn(findings).length > 0) return { ok: false, findings };

  // the ingress's private IP (or AGIC's subnet) is part of the address plan
  const planOptions = ingressSettings ? { ingress: ingressNeed(ingressSettings) } : {};
  const plan = planNetwork(validated.network, planOptions);
  const cluster = clusterResult.settings;
  // `pulumi preview` knows the stack: the kubenet warning names the command that plans its move
  findings.push(...plan.findings.map((f) => fromPlanFinding(f.code === 'KUBENET_RETIREMENT' ? { ...f, message: kubenetRetirementMessage(`aksnet migrate --stack ${input.stack}`) } : f)));
  findings.push(...kubernetesVersionFindings(plan.network.kubernetesVersion, cluster.kubernetesVersion));
  const aks = aksProfileFor(plan);
  findings.push(...aks.findings);
  const ingress = ingressSettings
    ? designIngress({
        settings: ingressSettings,
        plan,
        clusterName: cluster.name,
        resourceGroupName: cluster.resourceGroupName,
        closedNamespaces: closedToIngress(ingressSettings, plan, input.policyRaw),
        stack: input.stack,
        today: input.today,
      })
    : undefined;
  if (ingress) findings.push(...ingress.findings);
  // side by side: the retiring controller is designed as it was deployed (its own address plan), so
  // its resources stay exactly as they are until the key is removed
  const ingressRetiring = retiringSettings
    ? designIngress({
        settings: retiringSettings,
        plan: planNetwork(validated.network, { ingress: ingressNeed(retiringSettings) }),
        clusterName: cluster.name,
        resourceGroupName: cluster.resourceGroupName,
        closedNamespaces: closedToIngress(retiringSettings, plan, input.policyRaw),
        stack: input.stack,
        today: input.today,
      })
    : undefined;
  if (ingressRetiring) {
    findings.push(...ingressRetiring.findings.map((f) => ({ ...f, config: INGRESS_RETIRING_KEY })));
    if (ingress?.plan.ip && ingress.plan.ip === ingressRetiring.plan.ip) {
      findings.push({
        severity: 'error',
        code: 'INGRESS_IP_CONFLICT',
        config: INGRESS_KEY,
        path: 'ip',
        message: `the Gateway and the retiring ${ingressRetiring.settings.controller} both want ${ingress.plan.ip}: while both run, give the Gateway another address (ip), as aksnet migrate --ingress does`,
      });
    }
  }
  findings.push(...nameFindings(cluster, plan, cluster.location ?? input.providerLocation));
  if (cluster.access.localAccounts) {
    findings.push(stackFinding('warning', 'LOCAL_ACCOUNTS_ENABLED', CLUSTER_KEY, 'access.localAccounts', 'local accounts stay on: `az aks get-credentials --admin` hands out a static cluster-admin certificate that bypasses Entra ID and is not auditable (https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad); remove access.localAccounts to turn them off'));
  }
  // errors and warnings; the note about a public API server without ranges is aksnet plan's (cli/stackChecks.ts)
  findings.push(...apiServerRangeFindings(cluster.apiServer.authorizedIpRanges, true).map(fromPlanFinding));
  findings.push(...windowsProfileFindings(plan.pools, cluster.windows, input.windowsAdminPasswordSet ?? false));

  let previous: DeployedSettings | undefined;
  const parsedPrevious = parseDeployedSettings(input.previousRaw);
  if (parsedPrevious.ok) previous = parsedPrevious.settings;
  else findings.push(cluster.allowClusterReplacement ? { ...parsedPrevious.finding, severity: 'warning' } : parsedPrevious.finding);
  if (parsedPrevious.ok && !previous && input.live) {
    const fromLive = liveComparisonBase(input.live, cluster, plan);
    previous = fromLive.previous;
    findings.push(...fromLive.findings);
  }

  if (errorsIn(findings).length > 0) return { ok: false, findings };

  const bootstrapName = chooseBootstrapPool(plan.pools, previous);
  const pools: DesignedPool[] = plan.pools.map((pool) => ({
    plan: pool,
    agentPoolName: agentPoolName(poolIdentity(pool, aks.podIpAllocation)),
    bootstrap: pool.name === bootstrapName,
    ...(aks.podIpAllocation ? { podIpAllocation: aks.podIpAllocation } : {}),
  }));
  const kubernetesVersion = plan.network.kubernetesVersion ?? cluster.kubernetesVersion;
  const settings: DeployedSettings = {
    version: 1,
    cluster: {
      name: cluster.name,
      resourceGroupName: cluster.resourceGroupName,
      dnsPrefix: cluster.dnsPrefix,
      ...(cluster.location ? { location: cluster.location } : {}),
      privateCluster: cluster.apiServer.private,
      ...(cluster.windows ? { windows: true } : {}),
    },
    plugin: plan.network.plugin,
    profile: aks.profile,
    ...(kubernetesVersion ? { kubernetesVersion } : {}),
    subnets: plan.subnets.map((s) => ({ name: s.name, cidr: s.cidr! })),
    bootstrapPool: bootstrapName,
    pools: pools.map((p): DeployedPool => ({ ...poolIdentity(p.plan, p.podIpAllocation), agentPoolName: p.agentPoolName, maxNodes: p.plan.maxNodes })),
  };
  const comparison = compareDeployedSettings(previous, settings, { allowClusterReplacement: cluster.allowClusterReplacement });
  findings.push(...comparison.findings);
  findings.push(...rotationFindings(input.networkRaw, plan, leavingPools(previous, settings, plan), planOptions));
  if (errorsIn(findings).length > 0) return { ok: false, findings };

  return {
    ok: true,
    design: {
      stack: input.stack,
      plan,
      cluster,
      aks,
      names: azureNames(cluster, plan),
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      pools,
      settings,
      replaceOnChanges: comparison.replaceOnChanges,
      routeTableDetach: routeTableDetachSubnets(previous, plan),
      ...(ingress ? { ingress } : {}),
      ...(ingressRetiring ? { ingressRetiring } : {}),
      findings,
    },
  };
}

/**
 * The subnets that carry the kubenet route table when a kubenet cluster moves to overlay: every
 * deployed subnet the kubenet program attached it to (node and Application Gateway subnets, see
 * network.ts). AKS detaches the table during the move with the cluster's identity (https://learn.microsoft.com/azure/aks/update-azure-cni); the program
 * drops it only after the cluster update, so pods keep their routes until then.
 */
export function routeTableDetachSubnets(previous: DeployedSettings | undefined, plan: Plan): string[] {
  if (previous?.plugin !== 'kubenet' || plan.network.plugin !== 'azure-cni-overlay') return [];
  const deployed = new Set(previous.subnets.map((s) => s.name));
  const previousNodeSubnets = new Set(previous.pools.map((p) => p.subnet));
  return plan.subnets
    .filter((s) => deployed.has(s.name) && (previousNodeSubnets.has(s.name) || s.role === 'nodes' || s.role === 'nodes+pods' || s.purpose === 'appgateway'))
    .map((s) => s.name);
}

