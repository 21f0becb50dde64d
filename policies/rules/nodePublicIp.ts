// Nodes with their own public IPs are reachable from the internet around the load balancer and the
// NSGs meant for it; AKS nodes need no public address for egress (the cluster's outbound type does that).
import { items, read, str } from '../resources';

/** Pools of a ManagedCluster (inline) or an AgentPool that ask for node public IPs. */
export function nodePublicIpViolations(type: 'cluster' | 'agentPool', props: Record<string, any>): string[] {
  const pools = type === 'cluster' ? items(() => props.agentPoolProfiles) : [props];
  return pools
    .filter((p) => read(() => p.enableNodePublicIP) === true)
    .map((p, i) => `node pool ${str(() => p.name) ?? str(() => p.agentPoolName) ?? `#${i}`} sets enableNodePublicIP: every node gets a public IP. Remove it; egress goes through the cluster's outbound type.`);
}
