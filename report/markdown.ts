// Markdown for a pull-request comment: a verdict first, then one collapsible section per stack.
import type { Finding } from '../planner/findings';
import { bySeverity, countBySeverity, nodeRange, num, percent, signed } from './format';
import { ingressSummary } from './ingress';
import { type PlanReport, reportOk } from './model';

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
const cell = (s: string | number) => String(s).replace(/\|/g, '\\|');
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][], right: number[] = []) =>
  [row(head), `|${head.map((_, i) => (right.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(row)].join('\n');

export function renderMarkdown(report: PlanReport): string {
  const all = [...report.stacks.flatMap((s) => s.plan.findings), ...report.crossStackFindings];
  const { errors, warnings } = countBySeverity(all);
  const out = [
    `## ${reportOk(report) ? '✅' : '❌'} aksnet plan: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    '',
    table(
      ['Stack', 'Plugin', 'Nodes (max + surge)', 'Tightest range', 'Used at full scale', 'Result'],
      report.stacks.map(({ stack, plan }) => {
        const tight = tightest(plan);
        return [stack, plan.network.plugin, `${num(plan.totals.maxNodes)} + ${num(plan.totals.surgeNodes)}`, tight.name, tight.used, plan.ok ? '✅' : '❌'];
      }),
    ),
  ];
  for (const { stack, file, plan } of report.stacks) {
    out.push('', `<details${plan.ok ? '' : ' open'}><summary><b>${stack}</b> (${file}): ${plan.network.pluginLabel}</summary>`, '');
    out.push(`VNet \`${plan.network.addressSpace.join(', ')}\` · services \`${plan.network.serviceCidr}\`${plan.network.podCidr ? ` · pods \`${plan.network.podCidr}\`` : ''}`, '');
    out.push(
      table(
        ['Subnet', 'CIDR', 'Usable', 'Demand', 'Used', 'Headroom (nodes)'],
        plan.subnets.map((s) => [s.name, s.cidr ? `\`${s.cidr}\`${s.carved ? ' (carved)' : ''}` : 'unplaced', num(s.usable), num(s.demand), percent(s.utilization), signed(s.headroomNodes)]),
        [2, 3, 4, 5],
      ),
    );
    if (plan.ingress) out.push('', `Ingress: ${ingressSummary(plan.ingress, (s) => `\`${s}\``)}`);
    if (plan.podRanges.length) {
      out.push('', table(
        ['Pod range', 'CIDR', 'Blocks', 'Demand', 'Used', 'Headroom (nodes)'],
        plan.podRanges.map((r) => [r.name, `\`${r.cidr}\``, `${num(r.totalBlocks)} × /${r.blockPrefixLength}`, num(r.demandBlocks), percent(r.utilization), signed(r.headroomNodes)]),
        [2, 3, 4, 5],
      ));
    }
    out.push('', table(
      ['Pool', 'Mode', 'Nodes', 'Surge', 'maxPods', 'Node IPs', 'Pod IPs', 'Headroom', 'Runs out at', 'Safe maxCount', 'Limited by'],
      plan.pools.map((p) => [p.name, p.mode, nodeRange(p), p.surgeNodes, p.maxPods, num(p.nodeIps), num(p.podIps), signed(p.headroomNodes), num(p.runsOutAtNodes), `**${num(p.maxSafeMaxCount)}**`, `${p.limitedBy} \`${p.limitedByPath}\``]),
      [2, 3, 4, 5, 6, 7, 8, 9],
    ));
    if (plan.findings.length) out.push('', findingsList(plan.findings));
    out.push('', '</details>');
  }
  if (report.crossStackFindings.length) out.push('', '### Across stacks', '', findingsList(report.crossStackFindings));
  return out.join('\n') + '\n';
}

function findingsList(findings: readonly Finding[]): string {
  return bySeverity(findings).map((f) => `- ${ICON[f.severity]} **${f.code}** \`${f.path}\`: ${f.message}`).join('\n');
}

function tightest(plan: PlanReport['stacks'][number]['plan']): { name: string; used: string } {
  const ranges = [
    ...plan.subnets.filter((s) => s.demand > 0).map((s) => ({ name: `subnet ${s.name}`, u: s.utilization })),
    ...plan.podRanges.map((r) => ({ name: r.name, u: r.utilization })),
  ];
  if (ranges.length === 0) return { name: '-', used: '-' };
  const worst = ranges.reduce((a, b) => ((b.u ?? Infinity) > (a.u ?? Infinity) ? b : a));
  return { name: worst.name, used: percent(worst.u) };
}
