// The whole Pulumi program, as a function: index.ts calls it with the stack config, and the tests
// and `aksnet synth` call the very same function under mocks.
//
//   buildStack(networkRaw, clusterRaw, options?) -> Promise<StackOutputs>
//
// Order: read what this stack deployed last time, design (plan + cluster config + comparison),
// refuse with one readable error if anything is an error, else build the network, then the cluster.
import * as pulumi from '@pulumi/pulumi';
import * as containerservice from '@pulumi/azure-native/containerservice';
import type { IngressBackend } from '../netpol/baseline';
import { validateClusterConfig } from '../design/clusterConfig';
import { AksCluster } from './cluster';
import { AksCni } from './cni';
import { DEPLOYED_SETTINGS_OUTPUT, type DeployedSettings } from '../design/deployedSettings';
import { designStack, type StackDesign } from '../design/stackDesign';
import { AksIngress } from './ingress/component';
import { ingressComponentName } from '../design/ingress/ingressDesign';
import { ingressBackendsFor } from '../design/ingress/policy';
import { clusterKubernetesProvider } from './kubernetesProvider';
import type { LiveCluster, LiveClusterRead } from '../design/liveCluster';
import { AksNetwork } from './network';
import { AksPolicy } from './policy';
import { designInCluster } from '../design/policyDesign';
import { formatFinding, refusalMessage, type StackFinding } from '../design/stackFindings';
import type { IngressPlan } from '../planner/types';

export interface BuildOptions {
  /** stack name (default: the running stack) */
  stack?: string;
  /**
   * The `deployedSettings` output of this stack's last deployment. Default: read through a
   * StackReference to this very stack. Synth and tests pass their own.
   */
  readPrevious?: (stack: string) => Promise<unknown>;
  /**
   * The cluster as Azure reports it, read only when there is no previous deployedSettings (a first
   * `pulumi up` that failed after creating the cluster). Default: getManagedCluster.
   */
  readLiveCluster?: (cluster: { name: string; resourceGroupName: string }) => Promise<LiveClusterRead>;
  /** the provider's region (default: stack config `azure-native:location`) */
  providerLocation?: string;
  /** where warnings and notes go (default: the Pulumi log, so `pulumi preview` shows them) */
  onFinding?: (finding: StackFinding) => void;
  /** `aks-networking:ingress` (undefined: no ingress controller) */
  ingressRaw?: unknown;
  /** `aks-networking:ingressRetiring`: the Ingress controller kept during a move to the Gateway API */
  ingressRetiringRaw?: unknown;
  /** `aks-networking:policy` (undefined: no policy objects) */
  policyRaw?: unknown;
  /** `aks-networking:windowsAdminPassword`, a secret (needed when the cluster config has `windows`) */
  windowsAdminPassword?: pulumi.Input<string>;
  /** backends the baseline lets an ingress controller reach; default: those of `aks-networking:ingress` */
  ingressBackends?: readonly IngressBackend[];
}

export interface PlanSummary {
  plugin: string;
  addressSpace: string[];
  subnets: { name: string; cidr: string; usable: number; demand: number; free: number; headroomNodes: number | null }[];
  podRanges: { name: string; cidr: string; freeBlocks: number; headroomNodes: number }[];
  pools: { name: string; agentPoolName: string; createdWithCluster: boolean; maxPods: number; maxNodes: number; headroomNodes: number; limitedBy: string }[];
  /** warnings and notes, one line each (pool rotations, in-place migrations, mapped outbound type) */
  notes: string[];
  /** the ingress controller and the address the plan reserved for it */
  ingress?: IngressPlan;
}

export interface StackOutputs {
  resourceGroupName: pulumi.Output<string>;
  vnetId: pulumi.Output<string>;
  subnetIds: Record<string, pulumi.Output<string>>;
  clusterName: pulumi.Output<string>;
  kubeconfig: pulumi.Output<string>;
  planSummary: PlanSummary;
  /** read back by the next deployment to spot changes that need a new cluster */
  deployedSettings: DeployedSettings;
}

/** The program refuses the config: every error finding, no stack trace (a Pulumi RunError). */
export class StackConfigError extends pulumi.RunError {
  readonly findings: StackFinding[];
  constructor(stack: string, findings: StackFinding[]) {
    super(refusalMessage(stack, findings));
    this.name = 'StackConfigError';
    this.findings = findings;
  }
}

export async function buildStack(networkRaw: unknown, clusterRaw: unknown, options: BuildOptions = {}): Promise<StackOutputs> {
  const stack = options.stack ?? pulumi.getStack();
  const previousRaw = await (options.readPrevious ?? readOwnDeployedSettings)(stack);
  const providerLocation = 'providerLocation' in options ? options.providerLocation : new pulumi.Config('azure-native').get('location');
  const live = previousRaw === undefined ? await readLiveFor(clusterRaw, stack, options.readLiveCluster ?? readLiveCluster) : undefined;
  const result = designStack({
    stack,
    networkRaw,
    clusterRaw,
    previousRaw,
    ingressRaw: options.ingressRaw,
    ...(options.ingressRetiringRaw !== undefined ? { ingressRetiringRaw: options.ingressRetiringRaw } : {}),
    policyRaw: options.policyRaw,
    windowsAdminPasswordSet: options.windowsAdminPassword !== undefined,
    ...(providerLocation ? { providerLocation } : {}),
    ...(live ? { live } : {}),
  });
  if (!result.ok) throw new StackConfigError(stack, result.findings);
  const { design } = result;
  // each routed backend gets its allow-from-the-controller rule in the baseline
  const ingressBackends = options.ingressBackends ?? [design.ingress, design.ingressRetiring].flatMap((d) => (d ? ingressBackendsFor(d.settings, d.plan) : []));
  // side by side, HTTP(S) reaches the nodes from wherever either load balancer takes it
  const httpSources = [design.ingress?.nodeHttpSource, design.ingressRetiring?.nodeHttpSource];
  const nodeHttpSource = httpSources.includes('Internet') ? 'Internet' : httpSources.find((s) => s !== undefined);
  const inCluster = designInCluster(design.plan, options.policyRaw, ingressBackends, { privateApiServer: design.cluster.apiServer.private });
  if (!inCluster.ok) throw new StackConfigError(stack, [...design.findings, ...inCluster.findings]);
  [...design.findings, ...inCluster.design.findings].forEach(options.onFinding ?? logFinding);

  // kubenet -> overlay: the route table leaves the subnets only after the cluster has moved
  const clusterBuilt = deferred<pulumi.Resource>();
  const net = new AksNetwork(`${design.cluster.name}-network`, {
    plan: design.plan,
    namePrefix: design.cluster.name,
    names: design.names,
    resourceGroupName: design.cluster.resourceGroupName,
    existingResourceGroup: design.cluster.existingResourceGroup,
    ...(design.cluster.location ? { location: design.cluster.location } : {}),
    egress: design.aks.egress,
    tags: design.cluster.tags,
    ...(design.routeTableDetach.length > 0 ? { routeTableDetach: { subnets: design.routeTableDetach, after: clusterBuilt.promise } } : {}),
    ...(nodeHttpSource ? { nodeHttpSource } : {}),
  });
  let cluster: AksCluster;
  try {
    cluster = new AksCluster(`${design.cluster.name}-cluster`, {
      design,
      resourceGroupName: net.resourceGroupName,
      subnetIds: net.clusterSubnetIds,
      ...(net.routeTableId ? { routeTableId: net.routeTableId } : {}),
      egressDependencies: net.egressDependencies,
      ...(options.windowsAdminPassword !== undefined ? { windowsAdminPassword: options.windowsAdminPassword } : {}),
    });
  } catch (e) {
    clusterBuilt.reject(e);
    throw e;
  }
  clusterBuilt.resolve(cluster);

  // Inside the cluster, on one Kubernetes provider: the BYO CNI first (nodes stay NotReady without
  // it), then the policy objects and the ingress controller with its routes.
  const { cni: cniChart, objects, namespaces } = inCluster.design;
  if (cniChart || objects.length > 0 || design.ingress) {
    // the resource group and name identify the cluster: the provider is replaced only if they change
    const provider = clusterKubernetesProvider(design.cluster.name, cluster.kubeconfig, `${design.cluster.resourceGroupName}/${design.cluster.name}`);
    // every object waits until the deploy identity's data-plane role has taken effect
    const clusterReady = [cluster, cluster.dataPlaneReady];
    const cni = cniChart ? new AksCni(`${design.cluster.name}-cni`, { chart: cniChart, provider }, { dependsOn: clusterReady }) : undefined;
    const inClusterReady = cni ? [...clusterReady, cni.ready] : clusterReady;
    // the routes' namespaces may be the baseline's: Ingress objects wait for them
    const policy = objects.length > 0 ? new AksPolicy(`${design.cluster.name}-policy`, { objects, namespaces, provider }, { dependsOn: inClusterReady }) : undefined;
    // during a move the new ingress comes after the retiring one, whose route namespaces it reuses
    const created = policy ? [...namespaces] : [];
    let earlier: AksIngress | undefined;
    for (const ingress of [design.ingressRetiring, design.ingress]) {
      if (!ingress) continue;
      const component: AksIngress = new AksIngress(ingressComponentName(design.cluster.name, ingress), {
        design: ingress,
        provider,
        clusterPrincipalId: cluster.identityPrincipalId,
        ...(design.cluster.location ? { location: design.cluster.location } : {}),
        tags: design.cluster.tags,
        dependsOn: [...inClusterReady, ...(policy ? [policy] : []), ...(earlier ? [earlier] : [])],
        createdNamespaces: [...created],
        ...(ingress.install.kind === 'add-on' && ingress.install.gateway
          ? { agic: { principalId: cluster.agicPrincipalId, subnetId: net.subnetIds[ingress.install.gateway.subnet] } }
          : {}),
        ...(ingress.install.kind === 'gateway' && ingress.install.agc
          ? {
              agc: {
                subnetId: net.subnetIds[ingress.install.agc.subnet],
                resourceGroupName: net.resourceGroupName,
                identityName: `${design.cluster.name}-alb-controller`,
                oidcIssuerUrl: cluster.oidcIssuerUrl,
                nodeResourceGroup: cluster.nodeResourceGroup,
              },
            }
          : {}),
      });
      created.push(...component.createdNamespaces);
      earlier = component;
    }
  }

  return {
    resourceGroupName: net.resourceGroupName,
    vnetId: net.vnetId,
    subnetIds: net.subnetIds,
    clusterName: cluster.clusterName,
    kubeconfig: cluster.kubeconfig,
    planSummary: planSummary(design),
    deployedSettings: design.settings,
  };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // a refused cluster is reported by the program's own error
  return { promise, resolve, reject };
}

async function readLiveFor(clusterRaw: unknown, stack: string, read: NonNullable<BuildOptions['readLiveCluster']>): Promise<LiveClusterRead | undefined> {
  const cluster = validateClusterConfig(clusterRaw, stack);
  // a config the design will refuse anyway names no cluster worth reading
  return cluster.ok ? read(cluster.settings) : undefined;
}

/** getManagedCluster: the cluster, absent (404), or unreadable (any other failure: a doubt, not an error). */
export async function readLiveCluster(cluster: { name: string; resourceGroupName: string }): Promise<LiveClusterRead> {
  try {
    const found = await containerservice.getManagedCluster({ resourceGroupName: cluster.resourceGroupName, resourceName: cluster.name });
    return { found: true, cluster: found as unknown as LiveCluster };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/ResourceNotFound|ResourceGroupNotFound|NotFound|\b404\b|could not be found/i.test(message)) return { found: false };
    return { found: 'unknown', reason: message.split('\n')[0] };
  }
}

function logFinding(finding: StackFinding): void {
  if (finding.severity === 'warning') pulumi.log.warn(formatFinding(finding));
  else pulumi.log.info(formatFinding(finding));
}

/**
 * This stack's own last `deployedSettings` output. A StackReference to the running stack reads the
 * outputs of its last successful update (none on the first one), so the comparison needs no
 * state of its own and `pulumi preview` already refuses a change that needs a new cluster.
 */
export async function readOwnDeployedSettings(stack: string): Promise<unknown> {
  const self = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/${stack}`);
  const details = await self.getOutputDetails(DEPLOYED_SETTINGS_OUTPUT);
  return details.value ?? details.secretValue;
}

export function planSummary(design: StackDesign): PlanSummary {
  const { plan } = design;
  return {
    plugin: plan.network.plugin,
    addressSpace: plan.network.addressSpace,
    subnets: plan.subnets.map((s) => ({ name: s.name, cidr: s.cidr!, usable: s.usable, demand: s.demand, free: s.free, headroomNodes: s.headroomNodes })),
    podRanges: plan.podRanges.map((r) => ({ name: r.name, cidr: r.cidr, freeBlocks: r.freeBlocks, headroomNodes: r.headroomNodes })),
    pools: design.pools.map((p) => ({
      name: p.plan.name,
      agentPoolName: p.agentPoolName,
      createdWithCluster: p.bootstrap,
      maxPods: p.plan.maxPods,
      maxNodes: p.plan.maxNodes,
      headroomNodes: p.plan.headroomNodes,
      limitedBy: p.plan.limitedBy,
    })),
    notes: design.findings.map(formatFinding),
    ...(plan.ingress ? { ingress: plan.ingress } : {}),
  };
}
