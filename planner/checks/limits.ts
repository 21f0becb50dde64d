// Counts AKS enforces: maxPods, nodes per pool and cluster, surge settings, system pools.
import { poolsToCheck, totalsOf, type PlanContext } from '../context';
import { error, formatCount as fmt, warning, type Finding } from '../findings';
import { LIMITS, MODELS } from '../models';

export function checkLimits(ctx: PlanContext): Finding[] {
  const { network, demands } = ctx;
  const findings: Finding[] = [];
  const model = MODELS[network.plugin];

  const pools = poolsToCheck(ctx);
  // indexed: every re-plan of the forecast runs this, in the interpreter
  for (let k = 0; k < pools.length; k++) {
    const { pool, nodes } = pools[k];
    const path = `nodePools[${pool.index}]`;
    if (pool.maxPods < LIMITS.minMaxPods || pool.maxPods > LIMITS.maxMaxPods) {
      findings.push(error('MAX_PODS_OUT_OF_RANGE', `${path}.maxPods`, `maxPods ${pool.maxPods} is outside AKS's ${LIMITS.minMaxPods}..${LIMITS.maxMaxPods}: set maxPods between ${LIMITS.minMaxPods} and ${LIMITS.maxMaxPods}`));
    } else if (pool.maxPods < LIMITS.podsPerPoolFloor && pool.minNodes * pool.maxPods < LIMITS.podsPerPoolFloor) {
      const need = Math.ceil(LIMITS.podsPerPoolFloor / pool.maxPods);
      findings.push(error('MAX_PODS_OUT_OF_RANGE', `${path}.maxPods`, `with maxPods ${pool.maxPods} a pool must hold ${LIMITS.podsPerPoolFloor} pods, so at least ${need} nodes; minimum is ${pool.minNodes}`));
    }
    if (pool.osType === 'Windows' && pool.maxPods > LIMITS.windowsRecommendedMaxPods) {
      findings.push(warning('MAX_PODS_OUT_OF_RANGE', `${path}.maxPods`, `Windows nodes are recommended at most ${LIMITS.windowsRecommendedMaxPods} pods; maxPods is ${pool.maxPods}`));
    }
    if (pool.maxPodsDefaulted && model.defaultMaxPodsDoubtful) {
      findings.push(warning('MAX_PODS_DEFAULTED', `${path}.maxPods`, `maxPods not set; planned with ${pool.maxPods}, but the documented default for ${network.plugin} is ambiguous: set it explicitly`));
    }
    if (pool.maxNodes > LIMITS.nodesPerPool) {
      findings.push(error('NODE_LIMIT', path, `pool "${pool.name}" allows ${fmt(pool.maxNodes)} nodes; a node pool holds at most ${fmt(LIMITS.nodesPerPool)}: lower its count/maxCount to ${fmt(LIMITS.nodesPerPool)} or fewer, or split it into two pools`));
    } else if (nodes > LIMITS.nodesPerPool) {
      findings.push(error('NODE_LIMIT', `${path}.maxSurge`, `pool "${pool.name}" at ${fmt(pool.maxNodes)} nodes plus ${pool.surgeNodes} surge exceeds ${fmt(LIMITS.nodesPerPool)} instances, so AKS rejects its upgrade`));
    }
    if (pool.surgeNodes === 0 && pool.maxUnavailable === 0 && pool.maxNodes > 0) {
      findings.push(error('SURGE_SETTING', `${path}.maxSurge`, 'maxSurge is 0 and maxUnavailable is 0: AKS needs one of them above 0 to upgrade'));
    }
    if (pool.mode === 'System' && pool.maxUnavailable > 0) {
      findings.push(error('SURGE_SETTING', `${path}.maxUnavailable`, 'system pools cannot use maxUnavailable'));
    }
    if (pool.mode === 'System') {
      if (pool.osType === 'Windows') findings.push(error('SYSTEM_POOL', `${path}.osType`, 'system pools must run Linux'));
      if (pool.minNodes < 1) findings.push(error('SYSTEM_POOL', path, `system pool "${pool.name}" must keep at least 1 node; it may drop to ${pool.minNodes}: set its count (or minCount) to 1 or more, 2 or more recommended`));
      else if (pool.minNodes < 2) findings.push(warning('SYSTEM_POOL', path, `system pool "${pool.name}" may drop to ${pool.minNodes} node; AKS recommends at least 2`));
    }
  }
  const totals = totalsOf(ctx);
  if (totals.systemPools === 0) {
    findings.push(error('SYSTEM_POOL', 'nodePools', 'a cluster needs at least one pool with mode: System'));
  }

  const { maxNodes, nodes: withSurge, pods } = totals;
  if (demands.length > LIMITS.poolsPerCluster) {
    findings.push(error('NODE_LIMIT', 'nodePools', `${demands.length} node pools; a cluster holds at most ${LIMITS.poolsPerCluster}: merge pools of the same VM size and OS`));
  }
  if (maxNodes > LIMITS.nodesPerCluster) {
    findings.push(error('NODE_LIMIT', 'nodePools', `the pools add up to ${fmt(maxNodes)} nodes; a cluster holds at most ${fmt(LIMITS.nodesPerCluster)}: lower the pools' count/maxCount, or spread the workload over more clusters`));
  } else if (withSurge > LIMITS.nodesPerCluster) {
    // surge nodes count against the cluster limit too: a cluster at 5,000 nodes can't upgrade (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling, https://learn.microsoft.com/azure/aks/best-practices-performance-scale-large)
    findings.push(
      error('NODE_LIMIT', 'nodePools', `the pools add up to ${fmt(maxNodes)} nodes plus ${fmt(withSurge - maxNodes)} surge, more than the ${fmt(LIMITS.nodesPerCluster)} a cluster holds, so AKS cannot upgrade it at full scale`),
    );
  }
  if (network.tier === 'free') {
    if (maxNodes > LIMITS.nodesPerFreeTierCluster) findings.push(error('NODE_LIMIT', 'tier', `the free tier supports up to ${fmt(LIMITS.nodesPerFreeTierCluster)} nodes; the pools add up to ${fmt(maxNodes)}`));
    else if (maxNodes > LIMITS.freeTierRecommendedNodes) findings.push(warning('NODE_LIMIT', 'tier', `the free tier is recommended for fewer than ${LIMITS.freeTierRecommendedNodes} nodes; the pools add up to ${fmt(maxNodes)}`));
  }
  if (network.plugin === 'kubenet' && withSurge > LIMITS.kubenetRoutes) {
    findings.push(error('NODE_LIMIT', 'nodePools', `kubenet needs one route per node and a route table holds ${LIMITS.kubenetRoutes}; the pools reach ${fmt(withSurge)} nodes with surge: keep them at ${LIMITS.kubenetRoutes} nodes or fewer with surge, or move to azure-cni-overlay (aksnet migrate), which needs no route table`));
  }
  if (network.networkPolicy === 'azure' && (maxNodes > LIMITS.azureNpmNodes || pods > 20_000)) {
    findings.push(warning('NODE_LIMIT', 'networkPolicy', `Azure NPM is not recommended beyond ${LIMITS.azureNpmNodes} nodes or 20,000 pods (out-of-memory risk); this cluster reaches ${fmt(maxNodes)} nodes, ${fmt(pods)} pods`));
  }
  if (pods > LIMITS.podsPerCluster) {
    findings.push(warning('POD_LIMIT', 'nodePools', `the pools allow ${fmt(pods)} pods; AKS guidance is at most ${fmt(LIMITS.podsPerCluster)} per cluster`));
  }
  return findings;
}
