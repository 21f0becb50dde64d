// The moment a rotated pool changes Azure node pool: `pulumi up` creates the new pool before it
// deletes the old one, so for that moment HEAD's ranges also hold the old pool at its deployed
// maxCount, without surge (it is drained, not upgraded), in the ranges it was deployed to. The
// program checks this moment in `pulumi preview` (design/rotationPlan.ts, planner/rotation.ts);
// the diff checks it offline from the two plans, priced with the planner's functions.
//
// The pool created with the cluster never rotates (AKS changes it only with a new cluster). The diff
// cannot read the deployment, so it takes BASE's first System pool for it, as a first deployment
// does (design/deployedSettings.ts chooseBootstrapPool), and says so: a warning.
import { chooseBootstrapPool } from '../design/deployedSettings';
import { perNodePrice, podRangeNodesFor } from '../planner/demand';
import { countOf } from '../planner/findings';
import type { ByoCniType, Plugin } from '../planner/config';
import type { ResolvedByoCni } from '../planner/validate';
import type { DiffFinding } from './diff';
import type { StackPlan } from './diffInput';
import { num } from './format';

export function rotationMomentFindings(base: StackPlan, head: StackPlan, rotated: readonly string[]): DiffFinding[] {
  if (rotated.length === 0) return [];
  const findings: DiffFinding[] = [];
  const basePools = new Map(base.pools.map((p) => [p.name, p]));
  const bootstrap = chooseBootstrapPool(base.pools.map((p) => ({ name: p.name, mode: p.mode === 'System' ? 'System' : 'User' })), undefined);
  if (rotated.includes(bootstrap)) {
    findings.push({
      severity: 'warning',
      code: 'CLUSTER_REPLACEMENT',
      path: `nodePools.${bootstrap}`,
      message: `pool "${bootstrap}" is BASE's first System pool, the pool created with the cluster unless an earlier deployment chose another; its fixed settings change only with a new cluster (pulumi preview says which): give changing settings to another pool`,
    });
  }
  const leaving = rotated.filter((name) => name !== bootstrap).map((name) => basePools.get(name)!);
  if (leaving.length === 0) return findings;
  const plugin = base.network.plugin as Plugin;
  const byoCni = byoCniOf(base);
  const during = leaving.map((p) => `${p.name} (${p.agentPoolName ?? 'old pool'}, ${countOf(p.maxNodes, 'node')})`).join(', ');

  const extra = new Map<string, number>();
  const add = (subnet: string, ips: number) => extra.set(subnet, (extra.get(subnet) ?? 0) + ips);
  let extraBlocks = 0;
  for (const p of leaving) {
    const price = perNodePrice(plugin, byoCni, p.maxPods);
    add(p.subnet, p.maxNodes * price.nodeSubnetPerNode);
    if (p.podSubnet) add(p.podSubnet, p.maxNodes * price.podSubnetPerNode);
    if (price.podBlocks) extraBlocks += podRangeNodesFor(plugin, p.maxNodes, 0) * price.podBlocks.blocksPerNode;
  }
  for (const s of head.subnets) {
    const more = extra.get(s.name) ?? 0;
    if (more === 0 || !s.cidr || s.demand > s.usable) continue;
    if (s.demand + more > s.usable) {
      findings.push({
        severity: 'error',
        code: 'ROTATION_EXHAUSTED',
        path: `subnets.${s.name}`,
        message: `while pools rotate, the old pools ${during} still hold ${num(more)} addresses in subnet "${s.name}" next to the new ones: ${num(s.demand)} + ${num(more)} = ${num(s.demand + more)} > ${num(s.usable)} usable; rotate fewer pools at once or grow the subnet first`,
      });
    }
  }
  const range = head.podRanges?.[0];
  if (range && extraBlocks > 0 && range.demandBlocks <= range.totalBlocks && range.demandBlocks + extraBlocks > range.totalBlocks) {
    findings.push({
      severity: 'error',
      code: 'ROTATION_EXHAUSTED',
      path: `podRanges.${range.name}`,
      message: `while pools rotate, the old pools ${during} still hold ${num(extraBlocks)} blocks of ${range.name} ${range.cidr}: ${num(range.demandBlocks)} + ${num(extraBlocks)} > ${num(range.totalBlocks)} blocks; rotate fewer pools at once or grow the range first`,
    });
  }
  return findings;
}

/** A BYO CNI's block settings as BASE's plan shows them (its pod range's block size). */
function byoCniOf(plan: StackPlan): ResolvedByoCni | undefined {
  const type = (plan.network as { byoCni?: ByoCniType }).byoCni;
  if (!type) return undefined;
  const block = plan.podRanges?.[0] ? (plan.podRanges[0] as { blockPrefixLength?: number }).blockPrefixLength : undefined;
  return { type, poolDefaulted: false, ...(block ? { blockSize: block, subnetLen: block, maskSize: block } : {}) };
}

