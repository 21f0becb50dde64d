// Combinations AKS refuses or advises against: plugin x policy x OS x version, and retirements.
import { poolsToCheck, type PlanContext } from '../context';
import { error, warning, type Finding } from '../findings';
import { LIMITS } from '../models';

/**
 * kubenet retires on 31 March 2028 (https://learn.microsoft.com/azure/aks/configure-kubenet). The planner does not know the stack's name; the CLI, which
 * does, passes the exact command.
 */
export function kubenetRetirementMessage(migrateCommand = 'aksnet migrate'): string {
  return `kubenet retires on 31 March 2028; AKS moves it to azure-cni-overlay in place (az aks update --network-plugin azure --network-plugin-mode overlay): \`${migrateCommand}\` plans the move`;
}

export function checkCompatibility(ctx: PlanContext): Finding[] {
  const { network } = ctx;
  const findings: Finding[] = [];
  // per-pool rules: the forecast's re-plan checks its resized pool alone (PlanContext.onlyPool)
  const windows = poolsToCheck(ctx).filter((d) => d.pool.osType === 'Windows');
  const policy = network.networkPolicy;

  if (network.plugin === 'kubenet') {
    findings.push(warning('KUBENET_RETIREMENT', 'plugin', kubenetRetirementMessage()));
    if (policy === 'azure' || policy === 'cilium') findings.push(error('UNSUPPORTED_COMBINATION', 'networkPolicy', `kubenet supports only the calico network policy engine, not ${policy}`));
    for (const d of windows) findings.push(error('UNSUPPORTED_COMBINATION', `nodePools[${d.pool.index}].osType`, 'kubenet does not support Windows node pools'));
  }
  if (policy === 'cilium') {
    if (network.plugin === 'none') findings.push(error('UNSUPPORTED_COMBINATION', 'networkPolicy', 'Azure CNI Powered by Cilium needs an Azure CNI plugin, not a BYO CNI'));
    for (const d of windows) findings.push(error('UNSUPPORTED_COMBINATION', `nodePools[${d.pool.index}].osType`, 'Cilium network policy supports Linux pools only'));
  }
  if (network.plugin === 'none') {
    // "To use Windows Server node pools, you must use Azure CNI"; BYO CNI: "Not supported" (https://learn.microsoft.com/azure/aks/windows-vs-linux-containers)
    for (const d of windows) findings.push(error('UNSUPPORTED_COMBINATION', `nodePools[${d.pool.index}].osType`, 'AKS runs Windows node pools only with Azure CNI, not with your own CNI (plugin none)'));
  }
  if (network.plugin === 'none' && policy !== 'none' && policy !== 'cilium') {
    findings.push(error('UNSUPPORTED_COMBINATION', 'networkPolicy', `with your own CNI, AKS installs no policy engine: set networkPolicy: none and let ${network.byoCni?.type ?? 'the CNI'} enforce policy`));
  }
  if (policy === 'azure') {
    for (const d of windows) findings.push(warning('UNSUPPORTED_COMBINATION', `nodePools[${d.pool.index}].osType`, 'Azure NPM on Windows reached end of support on 30 September 2026; move to Cilium or Calico'));
  }
  if (network.plugin === 'azure-cni-overlay') {
    // with your own subnet, overlay puts the subnet name in a node label: at most 63 characters (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay)
    for (let k = 0; k < ctx.subnets.length; k++) {
      const s = ctx.subnets[k];
      if (s.role !== 'other' && s.subnet.name.length > 63) {
        findings.push(error('UNSUPPORTED_COMBINATION', `${s.path}.name`, `Azure CNI Overlay turns the node subnet name into a node label, so it must be at most 63 characters; "${s.subnet.name}" has ${s.subnet.name.length}`));
      }
    }
  }
  if (network.plugin === 'azure-cni-static-block' && network.kubernetesMinor !== undefined && network.kubernetesMinor < LIMITS.staticBlockMinMinor) {
    findings.push(error('UNSUPPORTED_COMBINATION', 'kubernetesVersion', `static block allocation needs Kubernetes 1.${LIMITS.staticBlockMinMinor} or later; this stack runs ${network.config.kubernetesVersion}`));
  }
  if (network.byoCni) {
    if (network.byoCni.type === 'weave') findings.push(warning('WEAVE_UNMAINTAINED', 'byoCni.type', 'Weave Net is no longer maintained; prefer Cilium, Calico or Azure CNI Overlay'));
    if (!network.byoCni.pool) {
      findings.push(error('BYO_POOL_REQUIRED', 'byoCni.poolCidr', "Cilium's default pool 10.0.0.0/8 overlaps AKS's default service CIDR and most 10.x VNets: set byoCni.poolCidr"));
    }
  }
  return findings;
}
