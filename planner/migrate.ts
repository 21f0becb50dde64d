// Planning the move of a cluster onto Azure CNI Overlay, before anything reaches Azure. Pure: a
// resolved network and the stacks around it in, the verdict, the config after the move and the
// steps out.
//
// AKS moves kubenet and node-subnet Azure CNI clusters to overlay in place (`az aks update
// --network-plugin azure --network-plugin-mode overlay`), one way, reimaging every pool at once,
// under preconditions users otherwise meet one failed update at a time (https://learn.microsoft.com/azure/aks/update-azure-cni):
// https://learn.microsoft.com/azure/aks/update-azure-cni
import type { Cidr } from './cidr';
import type { NetworkConfig, Plugin } from './config';
import type { StackNetwork } from './crossStack';
import { podRangeNodesFor } from './demand';
import type { Finding } from './findings';
import { countOf, formatCount } from './findings';
import { planFromConfig, planNetwork, sum } from './plan';
import { choosePodCidr, type EstateRange, type PodCidrChoice } from './podCidrChoice';
import type { Plan } from './types';
import type { ResolvedNetwork } from './validate';

export const MIGRATION_TARGETS = ['azure-cni-overlay'] as const;
export type MigrationTarget = (typeof MIGRATION_TARGETS)[number];

/** kubenet retires on 31 March 2028 (https://learn.microsoft.com/azure/aks/configure-kubenet). */
export const KUBENET_RETIREMENT = { date: '2028-03-31', label: '31 March 2028' } as const;

/** The oldest Kubernetes minor AKS moves to overlay (https://learn.microsoft.com/azure/aks/update-azure-cni). */
export const MIGRATION_MIN_MINOR = 27;
/** Kubernetes 1.24 removed dockershim: from then on Windows nodes run containerd, never Docker. */
const CONTAINERD_ONLY_MINOR = 24;

export const PRECONDITION_CODES = [
  'MIGRATION_PATH',
  'DYNAMIC_POD_SUBNET',
  'KUBERNETES_VERSION',
  'NETWORK_POLICY',
  'WINDOWS_POOLS',
  'CONTROL_PLANE_IDENTITY',
  'OUTBOUND_ROUTE',
  'CILIUM_DATAPLANE',
  'POD_CIDR',
  'REIMAGE_CAPACITY',
  'AFTER_PLAN',
] as const;
export type PreconditionCode = (typeof PRECONDITION_CODES)[number];

export interface Precondition {
  code: PreconditionCode;
  ok: boolean;
  message: string;
  /** config path inside the network object */
  path?: string;
}

export interface MigrationRequest {
  stack: string;
  network: ResolvedNetwork;
  /** the other stacks read with it: their ranges are avoided, and peers are found among them */
  others: readonly StackNetwork[];
  to: MigrationTarget;
  /** `--pod-cidr`: the pod CIDR to move to instead of the one the planner picks */
  podCidr?: Cidr;
  /** the cluster config's kubernetesVersion, used when the network object has none */
  kubernetesVersion?: string;
  /** today's date, for the days left before kubenet retires */
  today: Date;
}

export interface MigrationPlan {
  /** every precondition holds: pasting `config` and running `pulumi up` performs the move */
  ok: boolean;
  stack: string;
  from: Plugin;
  to: MigrationTarget;
  /** whole days from today to kubenet's retirement (kubenet stacks only; negative once past) */
  daysLeft?: number;
  preconditions: Precondition[];
  /** the network object after the move; null when AKS cannot move this cluster, or it need not move */
  config: NetworkConfig | null;
  /** what `config` changes in the stack's network object, one line each */
  changes: string[];
  before: Plan;
  after: Plan | null;
  /** node subnet -> addresses it gets back (node-subnet Azure CNI: the pods' pre-reserved addresses) */
  reclaimed: Record<string, number>;
  /** what to do, in order */
  steps: string[];
  /** doubts: overlaps overlay tolerates, peers not among the stacks read */
  notes: string[];
}

/** Findings of the plan after the move that mean the reimage does not fit. */
const CAPACITY_CODES = new Set(['SUBNET_EXHAUSTED', 'POD_CIDR_EXHAUSTED', 'ADDRESS_SPACE_EXHAUSTED', 'VNET_IP_LIMIT', 'NODE_LIMIT']);

export function planMigration(request: MigrationRequest): MigrationPlan {
  const { network, stack, to } = request;
  const before = planNetwork(network);
  const from = network.plugin;
  const base = {
    stack,
    from,
    to,
    ...(from === 'kubenet' ? { daysLeft: daysUntil(KUBENET_RETIREMENT.date, request.today) } : {}),
    before,
    reclaimed: {},
    notes: [] as string[],
    changes: [] as string[],
  };

  if (from === 'azure-cni-overlay') {
    return {
      ...base,
      ok: true,
      preconditions: [{ code: 'MIGRATION_PATH', ok: true, message: 'the cluster already runs Azure CNI Overlay: nothing to move', path: 'plugin' }],
      config: null,
      after: null,
      steps: [],
    };
  }
  if (from !== 'kubenet' && from !== 'azure-cni') {
    const dynamic = from === 'azure-cni-dynamic';
    return {
      ...base,
      ok: false,
      preconditions: [
        {
          code: 'MIGRATION_PATH',
          ok: false,
          message: `AKS moves only kubenet and node-subnet Azure CNI (azure-cni) clusters to overlay in place; ${from} -> ${to} needs a new cluster`,
          path: 'plugin',
        },
        {
          code: 'DYNAMIC_POD_SUBNET',
          ok: !dynamic,
          message: dynamic
            ? 'the cluster uses dynamic pod IP allocation (a pod subnet), which AKS cannot move to overlay: build a new azure-cni-overlay cluster and move the workloads'
            : `no dynamic pod IP allocation (the plugin is ${from})`,
          path: 'plugin',
        },
      ],
      config: null,
      after: null,
      steps: [`Build a new ${to} cluster (a new stack, or this one with cluster.allowClusterReplacement), move the workloads to it, then retire this one: AKS does not move ${from} clusters in place.`],
    };
  }

  const notes: string[] = [];
  const preconditions: Precondition[] = [
    { code: 'MIGRATION_PATH', ok: true, message: `${from} -> ${to} happens in place, one way: there is no way back to ${from}`, path: 'plugin' },
    { code: 'DYNAMIC_POD_SUBNET', ok: true, message: `no dynamic pod IP allocation (the plugin is ${from})`, path: 'plugin' },
    kubernetesVersion(network, request.kubernetesVersion),
    networkPolicy(network),
    windowsPools(network, request.kubernetesVersion),
    {
      code: 'CONTROL_PLANE_IDENTITY',
      ok: true,
      message:
        from === 'kubenet'
          ? 'the program gives every cluster a user-assigned control-plane identity, with Network Contributor on the subnets and the route table; AKS needs one to detach the kubenet route table (a system-assigned identity is refused)'
          : 'the program gives every cluster a user-assigned control-plane identity; node-subnet Azure CNI does not need one to move, kubenet would',
    },
    outboundRoute(network),
    cilium(network),
  ];

  const demandBlocks = sum(network.pools.map((p) => podRangeNodesFor(to, p.maxNodes, p.surgeNodes)));
  const estate = estateRanges(stack, network, request.others, notes);
  const choice = choosePodCidr({ network, demandBlocks, estate, ...(request.podCidr ? { given: request.podCidr } : {}) });
  notes.push(...choice.notes);
  preconditions.push(podCidrPrecondition(choice, network, demandBlocks));

  let config: NetworkConfig | null = null;
  let after: Plan | null = null;
  if (choice.cidr) {
    config = configAfterMove(network, before, choice.cidr, to);
    const planned = planFromConfig(config);
    // the config is the resolved one with four keys changed: it cannot fail to validate
    if (!planned.ok) throw new Error(`the config after the move does not validate: ${planned.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    after = planned.plan;
    preconditions.push(reimageCapacity(after), afterPlan(after));
  }
  const reclaimed = after && from === 'azure-cni' ? reclaimedAddresses(before, after) : {};
  const ok = preconditions.every((p) => p.ok);
  const changes = config ? configChanges(network, config) : [];
  return { ...base, ok, preconditions, config, changes, after, reclaimed, notes, steps: migrationSteps({ stack, network, before, after, config, reclaimed, ok, preconditions }) };
}

/** Whole days from `today` (UTC) to a date; 0 on the day itself, negative after it. */
export function daysUntil(isoDate: string, today: Date): number {
  const target = Date.parse(`${isoDate}T00:00:00Z`);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((target - start) / 86_400_000);
}

function minorOf(version: string | undefined): number | undefined {
  return version ? Number(version.split('.')[1]) : undefined;
}

function kubernetesVersion(network: ResolvedNetwork, clusterVersion: string | undefined): Precondition {
  const version = network.config.kubernetesVersion ?? clusterVersion;
  const minor = minorOf(version);
  if (minor === undefined) {
    return { code: 'KUBERNETES_VERSION', ok: true, message: `kubernetesVersion is not set, so the planner cannot check it: the move needs 1.${MIGRATION_MIN_MINOR} or later; check the cluster's version (az aks show --query kubernetesVersion)`, path: 'kubernetesVersion' };
  }
  const ok = minor >= MIGRATION_MIN_MINOR;
  return {
    code: 'KUBERNETES_VERSION',
    ok,
    message: ok ? `Kubernetes ${version} (the move needs 1.${MIGRATION_MIN_MINOR} or later)` : `Kubernetes ${version}: the move needs 1.${MIGRATION_MIN_MINOR} or later; upgrade the cluster first`,
    path: 'kubernetesVersion',
  };
}

/**
 * The migration page (https://learn.microsoft.com/azure/aks/update-azure-cni) wants no policy engine during the move; another page
 * (https://learn.microsoft.com/azure/aks/use-network-policies) describes kubenet with Calico moving with Calico.
 * The planner follows the migration page: remove the engine, move, then install it again.
 */
function networkPolicy(network: ResolvedNetwork): Precondition {
  const policy = network.networkPolicy;
  if (policy === 'none') return { code: 'NETWORK_POLICY', ok: true, message: 'no network policy engine installed', path: 'networkPolicy' };
  if (policy === 'cilium') {
    return {
      code: 'NETWORK_POLICY',
      ok: false,
      message: 'the move needs no network policy engine installed, and the Cilium data plane cannot be removed in place: this cluster moves to overlay only as a new cluster',
      path: 'networkPolicy',
    };
  }
  return {
    code: 'NETWORK_POLICY',
    ok: false,
    message: `network policy ${policy} must be uninstalled before the move: deploy networkPolicy: none first (AKS reimages every pool; NetworkPolicies are not enforced until the engine is back), then move, then set ${policy} again in a separate deploy`,
    path: 'networkPolicy',
  };
}

function windowsPools(network: ResolvedNetwork, clusterVersion: string | undefined): Precondition {
  const windows = network.pools.filter((p) => p.osType === 'Windows');
  if (windows.length === 0) return { code: 'WINDOWS_POOLS', ok: true, message: 'no Windows node pools' };
  const names = windows.map((p) => p.name).join(', ');
  const path = `nodePools[${windows[0].index}].osType`;
  const minor = minorOf(network.config.kubernetesVersion ?? clusterVersion);
  if (minor !== undefined && minor < CONTAINERD_ONLY_MINOR) {
    return { code: 'WINDOWS_POOLS', ok: false, message: `Windows pools ${names} may run Docker (Kubernetes before 1.24), which the move does not support: upgrade first`, path };
  }
  return {
    code: 'WINDOWS_POOLS',
    ok: true,
    message: `Windows pools ${names} run containerd (Docker left Kubernetes in 1.24), as the move requires; use Windows build 20348.1668 or later, and after the move the pod CIDR cannot grow in place while Windows pools exist`,
    path,
  };
}

/**
 * kubenet + userDefinedRouting: the default route sits in the kubenet route table, which the move
 * detaches. With `userDefinedRouting.nextHopIp` the overlay program builds its own egress route
 * table with the same route, and the subnets swap tables in the update after the cluster has moved.
 */
function outboundRoute(network: ResolvedNetwork): Precondition {
  const path = 'outboundType';
  if (network.outboundType !== 'userDefinedRouting') return { code: 'OUTBOUND_ROUTE', ok: true, message: `egress (${network.outboundType}) does not depend on the kubenet route table`, path };
  if (network.plugin !== 'kubenet') return { code: 'OUTBOUND_ROUTE', ok: true, message: 'userDefinedRouting: the default route stays where it is; the move does not touch it', path };
  if (!network.egressRoute?.nextHopText) {
    return { code: 'OUTBOUND_ROUTE', ok: false, message: 'userDefinedRouting needs userDefinedRouting.nextHopIp (kubenet keeps the default route in the table the move removes)', path: 'userDefinedRouting' };
  }
  return {
    code: 'OUTBOUND_ROUTE',
    ok: true,
    message: `the default route to ${network.egressRoute.nextHopText} moves from the kubenet route table to a route table of its own, which the subnets take in the same update, after the cluster has moved; egress keeps its route throughout`,
    path,
  };
}

function cilium(network: ResolvedNetwork): Precondition {
  if (network.networkPolicy === 'cilium') {
    return { code: 'CILIUM_DATAPLANE', ok: false, message: 'this cluster already runs the Cilium data plane; the program does not move a Cilium cluster to overlay (see NETWORK_POLICY)', path: 'networkPolicy' };
  }
  const windows = network.pools.some((p) => p.osType === 'Windows');
  const later = windows
    ? 'Cilium supports Linux pools only, so it stays out of reach while Windows pools exist'
    : 'to adopt it later, set networkPolicy: cilium and deploy again once the move is done (another reimage)';
  return {
    code: 'CILIUM_DATAPLANE',
    ok: true,
    message: `the move keeps the current data plane: AKS changes the IPAM mode and the data plane in separate operations${network.plugin === 'kubenet' ? ', and kubenet cannot go to Cilium directly' : ''}; ${later}`,
  };
}

function podCidrPrecondition(choice: PodCidrChoice, network: ResolvedNetwork, demandBlocks: number): Precondition {
  const path = 'podCidr';
  if (!choice.cidr || choice.problems.length > 0) {
    return { code: 'POD_CIDR', ok: false, message: choice.problems.join('; '), path };
  }
  const c = choice.cidr;
  const holds = c.prefix > 24 ? 0 : 2 ** (24 - c.prefix);
  if (holds < demandBlocks) {
    return { code: 'POD_CIDR', ok: false, message: `${c.text} holds ${formatCount(holds)} /24s; every pool at maxCount plus surge needs ${formatCount(demandBlocks)}`, path };
  }
  const need = `${formatCount(demandBlocks)} of its ${formatCount(holds)} /24s at full scale`;
  const why = (source: NonNullable<PodCidrChoice['source']>): string => {
    switch (source) {
      case 'kept':
        return `kubenet's pod CIDR ${c.text} is kept: it is large enough (${need})`;
      case 'grown':
        return `kubenet's pod CIDR ${network.podCidr?.text} is too small and grows to ${c.text}, which contains it (${need})`;
      case 'chosen':
        return `${choice.reason ?? `${c.text}: ${need}`}; node-subnet Azure CNI must bring a new pod CIDR (https://learn.microsoft.com/azure/aks/update-azure-cni)`;
      case 'given':
        return `${c.text} from --pod-cidr (${need})`;
    }
  };
  return { code: 'POD_CIDR', ok: true, message: why(choice.source!), path };
}

function reimageCapacity(after: Plan): Precondition {
  const problems = after.findings.filter((f) => f.severity === 'error' && CAPACITY_CODES.has(f.code));
  if (problems.length > 0) {
    return { code: 'REIMAGE_CAPACITY', ok: false, message: `every pool reimages at once and the plan after the move does not fit: ${problems.map((f) => `${f.code} ${f.path}: ${f.message}`).join('; ')}`, path: problems[0].path };
  }
  const nodeSubnets = after.subnets.filter((s) => s.role === 'nodes' || s.role === 'nodes+pods');
  const range = after.podRanges[0];
  return {
    code: 'REIMAGE_CAPACITY',
    ok: true,
    message:
      `every pool reimages at once, and at maxCount plus every pool's surge (${formatCount(after.totals.maxNodes)} + ${formatCount(after.totals.surgeNodes)} nodes) it fits: ` +
      [
        ...nodeSubnets.map((s) => `subnet ${s.name} ${formatCount(s.demand)} of ${formatCount(s.usable)} addresses`),
        ...(range ? [`pod CIDR ${range.cidr} ${formatCount(range.demandBlocks)} of ${formatCount(range.totalBlocks)} /24s`] : []),
      ].join(', '),
  };
}

function afterPlan(after: Plan): Precondition {
  const claimed = (f: Finding) => CAPACITY_CODES.has(f.code) || f.path === 'podCidr';
  const errors = after.findings.filter((f) => f.severity === 'error' && !claimed(f));
  if (errors.length === 0) return { code: 'AFTER_PLAN', ok: true, message: 'the plan after the move has no other error' };
  return { code: 'AFTER_PLAN', ok: false, message: errors.map((f) => `${f.code} ${f.path}: ${f.message}`).join('; '), path: errors[0].path };
}

/**
 * Ranges the new pod CIDR must not touch: this cluster's VNet and service range, and every range of
 * the other stacks read. Peered VNets (and routable BYO pod pools in them) are connected networks.
 */
function estateRanges(stack: string, network: ResolvedNetwork, others: readonly StackNetwork[], notes: string[]): EstateRange[] {
  const ranges: EstateRange[] = [
    ...network.addressSpace.map((cidr): EstateRange => ({ cidr, what: `this stack's VNet ${cidr.text}`, reach: 'connected' })),
    { cidr: network.serviceCidr, what: `this stack's service CIDR ${network.serviceCidr.text}`, reach: 'connected' },
  ];
  for (const other of others) {
    const peered = network.peers.includes(other.stack) || other.network.peers.includes(stack);
    const of = `of ${peered ? 'peered ' : ''}stack "${other.stack}"`;
    const reach = peered ? 'connected' : 'estate';
    for (const cidr of other.network.addressSpace) ranges.push({ cidr, what: `the VNet ${cidr.text} ${of}`, reach });
    ranges.push({ cidr: other.network.serviceCidr, what: `the service CIDR ${other.network.serviceCidr.text} ${of}`, reach: 'estate' });
    const pods = other.network.podCidr ?? other.network.byoCni?.pool;
    // BYO CNI pods are routed on the VNet; overlay and kubenet pods never leave their cluster
    if (pods) ranges.push({ cidr: pods, what: `the pod range ${pods.text} ${of}`, reach: peered && other.network.byoCni ? 'connected' : 'estate' });
  }
  const known = new Set(others.map((o) => o.stack));
  for (const peer of network.peers.filter((p) => !known.has(p))) {
    notes.push(`peer "${peer}" is not among the stacks read, so the pod CIDR was not checked against its VNet; name its stack file too`);
  }
  return ranges;
}

/**
 * The network object after the move: the new plugin and pod CIDR, no policy engine, and everything
 * else exactly as deployed. Carved subnets are pinned to their planned CIDR (overlay needs fewer
 * addresses, so carving again would move them) and every pool's maxPods is pinned (the plugins'
 * defaults differ: 110 kubenet, 30 azure-cni, 250 overlay), so no subnet changes and no pool is
 * renamed, which would replace it.
 */
export function configAfterMove(network: ResolvedNetwork, before: Plan, podCidr: Cidr, to: MigrationTarget): NetworkConfig {
  const source = network.config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'podCidr') continue;
    out[key] = value;
    if (key === 'plugin') {
      out.plugin = to;
      out.podCidr = podCidr.text;
    }
  }
  if (network.networkPolicy !== 'none') out.networkPolicy = 'none';
  out.subnets = source.subnets.map((subnet, i) => {
    const planned = before.subnets[i]?.cidr;
    if (!planned) return { ...subnet };
    const { prefixLength: _carvedSize, cidr: _old, name, ...rest } = subnet;
    return { name, cidr: planned, ...rest };
  });
  out.nodePools = source.nodePools.map((pool, i) => ({ ...pool, maxPods: network.pools.find((p) => p.index === i)?.maxPods ?? pool.maxPods }));
  return JSON.parse(JSON.stringify(out)) as NetworkConfig;
}

/** What the config after the move changes, for people reviewing it: "plugin: kubenet -> azure-cni-overlay". */
export function configChanges(network: ResolvedNetwork, after: NetworkConfig): string[] {
  const source = network.config;
  const changes: string[] = [];
  const shown = (value: unknown, resolved?: string | number) => (value === undefined ? `(default${resolved === undefined ? '' : ` ${resolved}`})` : String(value));
  changes.push(`plugin: ${source.plugin} -> ${after.plugin}`);
  if (source.podCidr !== after.podCidr) changes.push(`podCidr: ${shown(source.podCidr, network.podCidr?.text)} -> ${after.podCidr}`);
  if ((source.networkPolicy ?? 'none') !== (after.networkPolicy ?? 'none')) changes.push(`networkPolicy: ${source.networkPolicy} -> ${after.networkPolicy} (for the move)`);
  source.subnets.forEach((s, i) => {
    const pinned = after.subnets[i];
    if (s.cidr !== pinned.cidr) changes.push(`subnets[${i}] ${s.name}: cidr pinned to ${pinned.cidr}, as planned${s.prefixLength !== undefined ? ` (was prefixLength ${s.prefixLength})` : ''}`);
  });
  source.nodePools.forEach((p, i) => {
    const pinned = after.nodePools[i];
    if (p.maxPods !== pinned.maxPods) changes.push(`nodePools[${i}] ${p.name}: maxPods pinned to ${pinned.maxPods} (${network.plugin}'s default; ${after.plugin} would default to another value and replace the pool)`);
  });
  return changes;
}

/** Addresses each node subnet gets back: the demand before minus the demand after, where it falls. */
export function reclaimedAddresses(before: Plan, after: Plan): Record<string, number> {
  const afterDemand = new Map(after.subnets.map((s) => [s.name, s.demand]));
  const out: Record<string, number> = {};
  for (const s of before.subnets) {
    const freed = s.demand - (afterDemand.get(s.name) ?? s.demand);
    if (freed > 0) out[s.name] = freed;
  }
  return out;
}

interface StepContext {
  stack: string;
  network: ResolvedNetwork;
  before: Plan;
  after: Plan | null;
  config: NetworkConfig | null;
  reclaimed: Record<string, number>;
  ok: boolean;
  preconditions: Precondition[];
}

function migrationSteps(ctx: StepContext): string[] {
  const { stack, network, before, after, config } = ctx;
  const failed = (code: PreconditionCode) => ctx.preconditions.some((p) => p.code === code && !p.ok);
  const steps: string[] = [];
  const policy = network.networkPolicy;
  const fixFirst = ctx.preconditions.filter((p) => !p.ok && p.code !== 'NETWORK_POLICY');
  if (fixFirst.length > 0) steps.push(`First resolve ${fixFirst.map((p) => p.code).join(', ')} (see the preconditions), then run aksnet migrate again.`);
  if (policy !== 'none' && policy !== 'cilium') {
    steps.push(`Uninstall the policy engine: set networkPolicy: none in Pulumi.${stack}.yaml and run \`pulumi up --stack ${stack}\` (AKS reimages every pool; NetworkPolicies are not enforced until the engine is reinstalled below).`);
  }
  if (failed('NETWORK_POLICY') && policy === 'cilium') return [...steps, 'Build a new azure-cni-overlay cluster and move the workloads: a Cilium cluster cannot leave its data plane in place.'];
  if (!config || !after) return steps;
  const nodes = `${countOf(after.totals.maxNodes, 'node')} at full scale plus ${formatCount(after.totals.surgeNodes)} surge`;
  steps.push(
    `Replace aks-networking:network in Pulumi.${stack}.yaml with \`config\`: plugin azure-cni-overlay, podCidr ${config.podCidr}; every subnet keeps its CIDR and every pool its maxPods, so no subnet moves and no node pool is replaced.`,
    `Run \`pulumi preview --stack ${stack}\`: expect the IN_PLACE_MIGRATION warning and an update (not a replacement) of the managed cluster's networkProfile to networkPlugin azure, networkPluginMode overlay, podCidr ${config.podCidr}.`,
    `Run \`pulumi up --stack ${stack}\`: AKS moves the cluster in place and reimages every node pool at the same time (${nodes}); expect disruption like a node image upgrade. There is no way back to ${network.plugin}.`,
  );
  if (network.plugin === 'kubenet') {
    const detached = before.subnets.filter((s) => s.role === 'nodes' || s.role === 'nodes+pods' || s.purpose === 'appgateway').map((s) => s.name);
    const swap = network.outboundType === 'userDefinedRouting' ? ', gives them the egress route table with the same default route,' : '';
    steps.push(
      `In the same update, only after the cluster has moved, the program detaches the kubenet route table from ${detached.join(', ')}${swap} and deletes it with its role assignment (AKS has already removed the pod routes).`,
    );
  } else {
    const freed = Object.entries(ctx.reclaimed).map(([name, n]) => `${name} ${formatCount(n)}`);
    if (freed.length > 0) steps.push(`The pods' pre-reserved addresses leave the node subnets (${freed.join(', ')} addresses at full scale); keep the subnets as they are, or plan new pools into the room.`);
  }
  if (policy !== 'none' && policy !== 'cilium') steps.push(`Reinstall the policy engine: set networkPolicy: ${policy} and run \`pulumi up --stack ${stack}\` again (another reimage of every pool).`);
  const windows = network.pools.some((p) => p.osType === 'Windows');
  if (!windows) steps.push(`Later, if wanted, a separate step: the Cilium data plane (networkPolicy: cilium; another reimage; Linux pools only).`);
  if (!ctx.ok && steps.length === 0) steps.push('Resolve the failed preconditions first.');
  return steps;
}
