// Used against planned, per range and per pool: what the config plans at every pool's maxCount plus
// upgrade surge (the planner's demand), what Azure reports in use now, and the gap between them.
// Pure: the live estate comes in as data (usage/live.ts).
import { configNameOf } from '../design/liveCluster';
import { azureUsable, parseCidr, size } from '../planner/cidr';
import { formatCount as num } from '../planner/findings';
import type { Plan } from '../planner/types';
import { poolDrift, profileDrift, subnetDrift } from './drift';
import { usageFinding, type UsageFinding } from './findings';
import type { AzureProblem, LiveAks, LiveStack } from './live';
import { ALERT_DAYS, fitTrend, type Trend, type UsagePoint } from './trend';

/** A subnet (in addresses) or an overlay/kubenet pod range (in per-node blocks). */
export interface RangeUsage {
  /** "subnet aks-nodes" or "podCidr": the key of the range in the history */
  key: string;
  kind: 'subnet' | 'pod-range';
  name: string;
  /** config path of the range */
  path: string;
  /** the range in Azure when read, else the planned one */
  cidr: string | null;
  unit: 'addresses' | 'blocks';
  /** what the range can hand out: a subnet's usable addresses, a pod range's /24 (or other) blocks */
  capacity: number | null;
  /** the plan's demand at every pool's maxCount plus surge */
  planned: number;
  /** in use now (IP configurations; blocks = nodes now); null when unread */
  used: number | null;
  /** planned - used: addresses still to be taken as the pools grow to their maximum (negative: over plan) */
  gap: number | null;
  trend?: Trend;
}

export interface PoolUsage {
  name: string;
  /** the Azure agent pools this config pool owns (two while a replacement is under way) */
  agentPools: string[];
  /** nodes running now (sum over its agent pools); null when the cluster was not read */
  nodes: number | null;
  autoscale: boolean;
  minCount: number;
  maxCount: number;
  liveMinCount?: number;
  liveMaxCount?: number;
  maxPods: number;
  liveMaxPods?: number;
}

export interface StackUsage {
  stack: string;
  file: string;
  vnet?: { name: string; id: string; subscriptionId: string } | null;
  cluster?: { name: string; id: string; subscriptionId: string } | null;
  /** false when an Azure read failed: the figures are partial */
  complete: boolean;
  ranges: RangeUsage[];
  pools: PoolUsage[];
  findings: UsageFinding[];
  problems: AzureProblem[];
}

export interface StackTarget {
  stack: string;
  file: string;
  plan: Plan;
  /** the names the program deploys under (cluster config, design/azureNames.ts) */
  vnetName: string;
  clusterName: string;
  resourceGroupName: string;
}

export function stackUsage(target: StackTarget, live: LiveStack): StackUsage {
  const { plan } = target;
  const findings: UsageFinding[] = [];
  if (live.vnet === null) findings.push(usageFinding('warning', 'NOT_DEPLOYED', 'addressSpace', `VNet ${target.vnetName} was not found in resource group ${target.resourceGroupName} of the subscriptions read`));
  if (live.cluster === null) findings.push(usageFinding('warning', 'NOT_DEPLOYED', '', `cluster ${target.clusterName} was not found in resource group ${target.resourceGroupName} of the subscriptions read`));
  if (live.vnet) findings.push(...subnetDrift(plan, live.vnet));
  if (live.cluster) findings.push(...profileDrift(plan, live.cluster), ...poolDrift(plan, live.cluster));
  for (const p of live.problems) {
    findings.push(usageFinding('error', 'AZURE_READ_FAILED', '', `${p.message}${p.action ? ` (missing permission: ${p.action}; the Reader role has it)` : ''} [${p.code}]: this stack's figures are partial`));
  }
  const ranges = [...subnetRanges(plan, live), ...podRanges(plan, live.cluster)];
  return {
    stack: target.stack,
    file: target.file,
    ...(live.vnet !== undefined ? { vnet: live.vnet && { name: live.vnet.name, id: live.vnet.id, subscriptionId: live.vnet.subscriptionId } } : {}),
    ...(live.cluster !== undefined ? { cluster: live.cluster && { name: live.cluster.name, id: live.cluster.id, subscriptionId: live.cluster.subscriptionId } } : {}),
    complete: live.problems.length === 0,
    ranges,
    pools: poolUsage(plan, live.cluster),
    findings,
    problems: live.problems,
  };
}

function subnetRanges(plan: Plan, live: LiveStack): RangeUsage[] {
  return plan.subnets.map((s, i) => {
    const l = live.vnet?.subnets.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
    const liveCidr = l?.addressPrefix;
    const parsed = liveCidr ? parseCidr(liveCidr) : undefined;
    const capacity = l?.usable ?? (parsed?.ok ? azureUsable(parsed.cidr.prefix) : live.vnet === null || !l ? s.usable : null);
    const used = l ? l.used : null;
    return {
      key: `subnet ${s.name}`,
      kind: 'subnet',
      name: s.name,
      path: `subnets[${i}]`,
      cidr: liveCidr ?? s.cidr,
      unit: 'addresses',
      capacity,
      planned: s.demand,
      used,
      gap: used === null ? null : s.demand - used,
    };
  });
}

/** Overlay and kubenet: one block per node from the pod CIDR, so blocks in use = nodes now. */
function podRanges(plan: Plan, cluster: LiveAks | null | undefined): RangeUsage[] {
  if (plan.network.plugin !== 'azure-cni-overlay' && plan.network.plugin !== 'kubenet') return [];
  return plan.podRanges.map((r) => {
    const liveCidr = cluster?.networkProfile.podCidr;
    const parsed = parseCidr(liveCidr ?? r.cidr);
    const capacity = parsed.ok && parsed.cidr.prefix <= r.blockPrefixLength ? size(parsed.cidr.prefix) / size(r.blockPrefixLength) : r.totalBlocks;
    const used = cluster ? cluster.pools.reduce((sum, p) => sum + (p.count ?? 0), 0) : null;
    return {
      key: r.name,
      kind: 'pod-range',
      name: r.name,
      path: 'podCidr',
      cidr: liveCidr ?? r.cidr,
      unit: 'blocks',
      capacity,
      planned: r.demandBlocks,
      used,
      gap: used === null ? null : r.demandBlocks - used,
    };
  });
}

function poolUsage(plan: Plan, cluster: LiveAks | null | undefined): PoolUsage[] {
  return plan.pools.map((p) => {
    const mine = cluster ? cluster.pools.filter((l) => configNameOf(l, plan.pools) === p.name) : [];
    const first = mine[0];
    return {
      name: p.name,
      agentPools: mine.map((l) => l.name),
      nodes: cluster ? mine.reduce((sum, l) => sum + (l.count ?? 0), 0) : null,
      autoscale: p.autoscale,
      minCount: p.minNodes,
      maxCount: p.maxNodes,
      ...(first?.enableAutoScaling && first.minCount !== undefined ? { liveMinCount: first.minCount } : {}),
      ...(first ? { liveMaxCount: (first.enableAutoScaling ? first.maxCount : first.count) ?? 0 } : {}),
      maxPods: p.maxPods,
      ...(first?.maxPods !== undefined ? { liveMaxPods: first.maxPods } : {}),
    };
  });
}

/**
 * Raise the capacity findings (a full range, more in use than planned) and, with a history, fit each
 * range's points (earlier runs' and today's) and flag a forecast within ALERT_DAYS.
 */
export function withTrends(usage: StackUsage, history: ((key: string) => UsagePoint[]) | undefined, today: string): StackUsage {
  const findings = [...usage.findings];
  const ranges = usage.ranges.map((r) => {
    if (r.used === null || r.capacity === null) return r;
    const what = r.kind === 'subnet' ? `subnet ${r.name} (${r.cidr})` : `pod range ${r.name} (${r.cidr})`;
    if (r.used >= r.capacity) {
      findings.push(usageFinding('error', 'USAGE_RANGE_FULL', r.path, `${what} has ${num(r.used)} of ${num(r.capacity)} ${r.unit} in use: full now; new nodes${r.kind === 'subnet' ? ' and pods' : ''} cannot start there`));
    } else if (r.used > r.planned) {
      findings.push(usageFinding('warning', 'USAGE_ABOVE_PLAN', r.path, `${what} has ${num(r.used)} ${r.unit === 'blocks' ? 'block' : 'address'}${r.used === 1 ? '' : r.unit === 'blocks' ? 's' : 'es'} in use, more than the ${num(r.planned)} the plan counts at every pool's maxCount plus surge: something the config does not declare takes addresses there (set reservedIps, or declare it)`));
    }
    // without --history there is no trend to fit (a single day says nothing about a rate)
    if (!history) return r;
    const trend = fitTrend([...history(r.key), { date: today, used: r.used }], r.capacity, today);
    if (trend.status === 'dated' && trend.daysLeft! <= ALERT_DAYS) {
      findings.push(usageFinding('error', 'USAGE_RUNS_OUT_SOON', r.path, `at this rate ${what} runs out around ${trend.runsOutOn} (in ${trend.daysLeft} days, within ${ALERT_DAYS}; ${num(r.used)} of ${num(r.capacity)} ${r.unit} in use, +${Math.round(trend.slopePerDay! * 100) / 100} a day, fit over ${trend.spanDays} days, R² ${Math.round(trend.rSquared! * 100) / 100}): enlarge it or cap the pools growing in it`));
    }
    return { ...r, trend };
  });
  return { ...usage, ranges, findings };
}

export function usageOk(stacks: readonly StackUsage[]): boolean {
  return stacks.every((s) => s.findings.every((f) => f.severity !== 'error'));
}
