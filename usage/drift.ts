// Drift: where Azure differs from the config. Subnets are matched by name (Azure uses the config's
// name verbatim); node pools by the Azure name the program gives them (the config name's first
// characters and a hash of the settings, design/nodePoolName.ts). A pool whose settings changed in
// the config since it was deployed still matches by its prefix, and the differences are reported.
// Drift is a warning: the live estate may be mid-change; capacity decides the exit status. Pure.
import { configNameOf, pluginOf } from '../design/liveCluster';
import { countOf } from '../planner/findings';
import type { Plan } from '../planner/types';
import { usageFinding, type UsageFinding } from './findings';
import type { LiveAks, LiveNetwork } from './live';

const lastSegment = (id: string | undefined) => (id ? id.split('/').pop()! : undefined);

export function subnetDrift(plan: Plan, vnet: LiveNetwork): UsageFinding[] {
  const findings: UsageFinding[] = [];
  const live = new Map(vnet.subnets.map((s) => [s.name.toLowerCase(), s]));
  plan.subnets.forEach((s, i) => {
    const l = live.get(s.name.toLowerCase());
    if (!l) {
      findings.push(usageFinding('warning', 'DRIFT_SUBNET_MISSING_LIVE', `subnets[${i}]`, `subnet ${s.name} (${s.cidr ?? 'unplaced'}) is in the config but not in VNet ${vnet.name}: not deployed yet, or deleted outside Pulumi`));
    } else if (l.addressPrefix && s.cidr && l.addressPrefix !== s.cidr) {
      findings.push(usageFinding('warning', 'DRIFT_SUBNET_RANGE', `subnets[${i}]`, `subnet ${s.name} is ${l.addressPrefix} in Azure but ${s.cidr} in the plan: set its cidr to ${l.addressPrefix}, or move it with a planned change (a subnet in use cannot be resized in place)`));
    }
  });
  const planned = new Set(plan.subnets.map((s) => s.name.toLowerCase()));
  for (const l of vnet.subnets) {
    if (planned.has(l.name.toLowerCase())) continue;
    const used = l.used !== null && l.used >= 0 ? `, ${l.used} in use` : '';
    findings.push(usageFinding('warning', 'DRIFT_SUBNET_MISSING_IN_CONFIG', 'subnets', `subnet ${l.name} (${l.addressPrefix ?? 'range unread'}${used}) is in VNet ${vnet.name} but not in the config: the planner does not count its range, so a new subnet could be carved over it; declare it (purpose: other)`));
  }
  return findings;
}

export function poolDrift(plan: Plan, cluster: LiveAks): UsageFinding[] {
  const findings: UsageFinding[] = [];
  const owners = new Map<string, typeof cluster.pools>();
  for (const p of cluster.pools) {
    const owner = configNameOf(p, plan.pools);
    if (!owner) {
      findings.push(usageFinding('warning', 'DRIFT_POOL_ONLY_LIVE', 'nodePools', `agent pool ${p.name} (${p.vmSize ?? '?'}, ${p.count ?? '?'} node${p.count === 1 ? '' : 's'}) is in cluster ${cluster.name} but no config pool owns it: its nodes take addresses the plan does not count`));
      continue;
    }
    owners.set(owner, [...(owners.get(owner) ?? []), p]);
  }
  plan.pools.forEach((pool, i) => {
    const live = owners.get(pool.name);
    const path = `nodePools[${i}]`;
    if (!live) {
      findings.push(usageFinding('warning', 'DRIFT_POOL_ONLY_CONFIG', path, `pool ${pool.name} is in the config but cluster ${cluster.name} has no agent pool for it: not deployed yet, or deleted outside Pulumi`));
      return;
    }
    for (const l of live) {
      if (l.maxPods !== undefined && l.maxPods !== pool.maxPods) {
        findings.push(usageFinding('warning', 'DRIFT_POOL_MAXPODS', `${path}.maxPods`, `pool ${pool.name} (agent pool ${l.name}) runs maxPods ${l.maxPods}; the config plans ${pool.maxPods}: the next \`pulumi up\` replaces the pool`));
      }
      if (l.vmSize && l.vmSize.toLowerCase() !== pool.vmSize.toLowerCase()) {
        findings.push(usageFinding('warning', 'DRIFT_POOL_VM_SIZE', `${path}.vmSize`, `pool ${pool.name} (agent pool ${l.name}) runs ${l.vmSize}; the config says ${pool.vmSize}: the next \`pulumi up\` replaces the pool`));
      }
      const subnet = lastSegment(l.vnetSubnetID);
      if (subnet && subnet.toLowerCase() !== pool.subnet.toLowerCase()) {
        findings.push(usageFinding('warning', 'DRIFT_POOL_SUBNET', `${path}.subnet`, `pool ${pool.name} (agent pool ${l.name}) has its nodes in subnet ${subnet}; the config says ${pool.subnet}`));
      }
      const podSubnet = lastSegment(l.podSubnetID);
      if ((podSubnet ?? '').toLowerCase() !== (pool.podSubnet ?? '').toLowerCase()) {
        findings.push(usageFinding('warning', 'DRIFT_POOL_SUBNET', `${path}.podSubnet`, `pool ${pool.name} (agent pool ${l.name}) has pod subnet ${podSubnet ?? '(none)'}; the config says ${pool.podSubnet ?? '(none)'}`));
      }
      const scale = liveScale(l);
      const planned = pool.autoscale ? `autoscaling ${pool.minNodes}..${pool.maxNodes}` : countOf(pool.maxNodes, 'node');
      if (scale && scale !== planned) {
        findings.push(usageFinding('warning', 'DRIFT_POOL_SCALE', `${path}.maxCount`, `pool ${pool.name} (agent pool ${l.name}) is ${scale} in Azure; the config plans ${planned}: the plan's demand assumes the config`));
      }
    }
  });
  return findings;
}

function liveScale(l: LiveAks['pools'][number]): string | undefined {
  if (l.enableAutoScaling) return l.minCount !== undefined && l.maxCount !== undefined ? `autoscaling ${l.minCount}..${l.maxCount}` : undefined;
  return l.count !== undefined ? countOf(l.count, 'node') : undefined;
}

/** Plugin, mode and the pod and service ranges, as AKS reports them against the plan. */
export function profileDrift(plan: Plan, cluster: LiveAks): UsageFinding[] {
  const n = cluster.networkProfile;
  const net = plan.network;
  const differences: string[] = [];
  const livePlugin = pluginOf(n.networkPlugin, n.networkPluginMode, cluster.pools);
  if (livePlugin !== net.plugin) differences.push(`plugin ${livePlugin} (config ${net.plugin})`);
  const usesPodCidr = net.plugin === 'azure-cni-overlay' || net.plugin === 'kubenet';
  if (usesPodCidr && n.podCidr && net.podCidr && n.podCidr !== net.podCidr) differences.push(`podCidr ${n.podCidr} (config ${net.podCidr})`);
  if (n.serviceCidr && n.serviceCidr !== net.serviceCidr) differences.push(`serviceCidr ${n.serviceCidr} (config ${net.serviceCidr})`);
  if (n.dnsServiceIP && n.dnsServiceIP !== net.dnsServiceIP) differences.push(`dnsServiceIP ${n.dnsServiceIP} (config ${net.dnsServiceIP})`);
  if (differences.length === 0) return [];
  return [usageFinding('warning', 'DRIFT_NETWORK_PROFILE', 'plugin', `cluster ${cluster.name} runs ${differences.join(', ')}: these are fixed when a cluster is created, so the config does not describe what runs (https://learn.microsoft.com/azure/aks/concepts-network)`)];
}
