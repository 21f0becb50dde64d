// Markdown for a pull-request comment: a verdict and one summary row per stack, then per stack its
// findings first (what a reviewer must act on), then subnets with utilization and pools with
// headroom. Stacks with many rows fold their tables into <details> so the comment stays short.
import type { Finding } from '../planner/findings';
import type { Plan } from '../planner/types';
import { bySeverity, countBySeverity, findingWhere, headroomCell, limitedByText, nodeRange, num, percent, roleText, runsOutCell, safeMaxCell } from './format';
import { mdTable } from './markdownTable';
import { ingressSummary } from './ingress';
import { type PlanReport, reportOk } from './model';
import { explainLineMarkdown } from '../planner/explainHint';

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/** Subnets, pod ranges and pools together above this many rows are folded. */
export const FOLD_ROWS = 8;


export function renderMarkdown(report: PlanReport): string {
  const all = [...report.stacks.flatMap((s) => s.plan.findings), ...report.crossStackFindings];
  const { errors, warnings } = countBySeverity(all);
  const out = [
    `## ${reportOk(report) ? '✅' : '❌'} aksnet plan: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    '',
    mdTable(
      ['Stack', 'Plugin', 'Nodes (max + surge)', 'Tightest range', 'Used at full scale', 'Result'],
      report.stacks.map(({ stack, plan }) => {
        const tight = tightest(plan);
        return [stack, plan.network.plugin, `${num(plan.totals.maxNodes)} + ${num(plan.totals.surgeNodes)}`, tight.name, tight.used, plan.ok ? '✅' : '❌'];
      }),
    ),
  ];
  if (report.crossStackFindings.length) out.push('', '### Across stacks', '', findingsList(report.crossStackFindings));
  for (const { stack, file, plan } of report.stacks) {
    const n = plan.network;
    out.push('', `### ${plan.ok ? '✅' : '❌'} ${stack}: ${n.pluginLabel}`, '');
    out.push(`\`${file}\` · VNet \`${n.addressSpace.join(', ')}\` · services \`${n.serviceCidr}\`${n.podCidr ? ` · pods \`${n.podCidr}\`` : ''}`);
    if (plan.ingress) out.push('', `Ingress: ${ingressSummary(plan.ingress, (s) => `\`${s}\``)}`);
    if (plan.findings.length) out.push('', findingsList(plan.findings));
    const tables = stackTables(plan);
    const rows = plan.subnets.length + plan.podRanges.length + plan.pools.length;
    if (rows > FOLD_ROWS) {
      out.push('', `<details${plan.ok ? '' : ' open'}><summary>${plan.subnets.length} subnets, ${plan.pools.length} pools</summary>`, '', tables, '', '</details>');
    } else {
      out.push('', tables);
    }
  }
  const explain = explainLineMarkdown([...bySeverity(report.crossStackFindings), ...report.stacks.flatMap((s) => bySeverity(s.plan.findings))].map((f) => f.code));
  if (explain) out.push('', explain);
  return out.join('\n') + '\n';
}

function stackTables(plan: Plan): string {
  const parts = [
    mdTable(
      ['Subnet', 'CIDR', 'Role', 'Used', 'Demand / usable', 'Headroom (nodes)', 'Runs out at (maxCount)'],
      plan.subnets.map((s) => [s.name, s.cidr ? `\`${s.cidr}\`${s.carved ? ' (carved)' : ''}` : 'unplaced', roleText(s, plan.ingress), percent(s.utilization), `${num(s.demand)} / ${num(s.usable)}`, headroomCell(s, false), runsOutCell(s, s.forecastPool)]),
      [3, 4, 5, 6],
    ),
  ];
  if (plan.podRanges.length) {
    parts.push(mdTable(
      ['Pod range', 'CIDR', 'Used', 'Blocks (demand / total)', 'Headroom (nodes)', 'Runs out at (maxCount)'],
      plan.podRanges.map((r) => [r.name, `\`${r.cidr}\``, percent(r.utilization), `${num(r.demandBlocks)} / ${num(r.totalBlocks)} × /${r.blockPrefixLength}`, headroomCell(r, false), runsOutCell(r, r.forecastPool)]),
      [2, 3, 4, 5],
    ));
  }
  const t = plan.routeTable;
  if (t) {
    parts.push(mdTable(
      ['Route table (kubenet)', 'Used', 'Routes (used / limit)', 'Headroom (nodes)', 'Runs out at (maxCount)'],
      [['one route per node, surge included', percent(t.utilization), `${num(t.used)} / ${num(t.limit)}`, headroomCell(t, false), runsOutCell(t, t.forecastPool)]],
      [1, 2, 3, 4],
    ));
  }
  parts.push(mdTable(
    ['Pool', 'Nodes', 'Surge', 'maxPods', 'Headroom (nodes)', 'Runs out at', 'Safe maxCount', 'Limited by'],
    plan.pools.map((p) => [`${p.name}${p.mode === 'System' ? ' (System)' : ''}`, nodeRange(p), p.surgeNodes, p.maxPods, headroomCell(p, false), runsOutCell(p), `**${safeMaxCell(p)}**`, limitedByText(p, plan.subnets)]),
    [1, 2, 3, 4, 5, 6],
  ));
  return parts.join('\n\n');
}

function findingsList(findings: readonly Finding[]): string {
  return bySeverity(findings).map((f) => `- ${ICON[f.severity]} **${f.code}** \`${findingWhere(f)}\`: ${f.message}`).join('\n');
}

function tightest(plan: Plan): { name: string; used: string } {
  const ranges = [
    ...plan.subnets.filter((s) => s.demand > 0).map((s) => ({ name: `subnet ${s.name}`, u: s.utilization })),
    ...plan.podRanges.map((r) => ({ name: r.name, u: r.utilization })),
    ...(plan.routeTable ? [{ name: 'route table', u: plan.routeTable.utilization }] : []),
  ];
  if (ranges.length === 0) return { name: '-', used: '-' };
  const worst = ranges.reduce((a, b) => ((b.u ?? Infinity) > (a.u ?? Infinity) ? b : a));
  return { name: worst.name, used: percent(worst.u) };
}
