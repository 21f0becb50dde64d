// Without a network policy engine, Kubernetes NetworkPolicy objects are accepted and ignored: every
// pod reaches every pod. AKS installs Azure NPM, Calico or Cilium (https://learn.microsoft.com/azure/aks/use-network-policies); Azure CNI powered by
// Cilium enforces policy through its data plane. With plugin "none" the CNI you install brings the
// engine, which the cluster resource cannot show, so such clusters are not judged here.
import { pluginOf, read, str, UNKNOWN } from '../resources';

const ENGINES = new Set(['azure', 'calico', 'cilium']);

/** The violation message for a ManagedCluster's inputs, or undefined when an engine is set. */
export function networkPolicyEngineViolation(cluster: Record<string, any>): string | undefined {
  const profileRead = read(() => cluster.networkProfile);
  if (profileRead === UNKNOWN) return undefined;
  const profile = profileRead as Record<string, any> | undefined;
  if (pluginOf(profile) === 'none') return undefined;
  const policy = str(() => profile?.networkPolicy)?.toLowerCase();
  const dataplane = str(() => profile?.networkDataplane)?.toLowerCase();
  if ((policy && ENGINES.has(policy)) || dataplane === 'cilium') return undefined;
  return `networkProfile.networkPolicy is ${policy ?? 'not set'}: NetworkPolicy objects would be ignored. Set it to cilium (with networkDataplane cilium), calico or azure.`;
}
