// `aksnet usage` reports: text, JSON and Markdown (the HTML page is report/usageHtml.ts). Per stack:
// used against planned per range, the pools' live node counts against their config, the trend, and
// the findings (drift, capacity, Azure reads that failed).
import type { PoolUsage, RangeUsage, StackUsage } from '../usage/compare';
import type { UsageFinding } from '../usage/findings';
import { trendText } from '../usage/trend';
import { explainLine, explainLineMarkdown } from '../planner/explainHint';
import { num } from './format';
import { mdTable } from './markdownTable';
import { renderTable } from './table';

export interface UsageReport {
  /** the day the report counts from (--today, else today in UTC) */
  today: string;
  cloud: string;
  armEndpoint: string;
  /** true when any Azure read failed: the figures are partial */
  partial: boolean;
  ok: boolean;
  /** the --history file, when one was kept */
  history?: string;
  stacks: StackUsage[];
}

const orDash = (n: number | null | undefined) => (n === null || n === undefined ? '-' : num(n));
/** the gap to the plan's maximum, or "-N (over plan)"; the same words in every format */
export const gapText = (r: RangeUsage) => (r.gap === null ? '-' : r.gap >= 0 ? num(r.gap) : `-${num(-r.gap)} (over plan)`);
export const usedShare = (r: RangeUsage) => (r.used === null || !r.capacity ? '-' : `${Math.round((r.used / r.capacity) * 100)}%`);
const liveRange = (p: PoolUsage) => (p.liveMaxCount === undefined ? '-' : p.liveMinCount !== undefined ? `${p.liveMinCount}..${p.liveMaxCount}` : `${p.liveMaxCount}`);
const configRange = (p: PoolUsage) => (p.autoscale ? `${p.minCount}..${p.maxCount}` : `${p.maxCount}`);

function where(s: StackUsage): string {
  const vnet = s.vnet === undefined ? 'VNet unread' : s.vnet === null ? 'VNet not found' : `VNet ${s.vnet.name} (subscription ${s.vnet.subscriptionId})`;
  const cluster = s.cluster === undefined ? 'cluster unread' : s.cluster === null ? 'cluster not found' : `cluster ${s.cluster.name}`;
  return `${vnet}, ${cluster}`;
}

const severityRank = { error: 0, warning: 1, info: 2 } as const;
const sorted = (f: readonly UsageFinding[]) => [...f].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);

export function renderUsageText(report: UsageReport): string {
  const out: string[] = [];
  const errors = report.stacks.flatMap((s) => s.findings).filter((f) => f.severity === 'error').length;
  out.push(`aksnet usage: ${report.stacks.length} stack${report.stacks.length === 1 ? '' : 's'} on ${report.today}, ${report.cloud} (${report.armEndpoint})${report.partial ? ' — PARTIAL: some Azure reads failed' : ''}`);
  out.push(`${report.ok ? 'OK' : 'ATTENTION'}: ${errors} error${errors === 1 ? '' : 's'}; planned = every pool at maxCount plus upgrade surge${report.history ? `; history ${report.history}` : ''}`);
  for (const s of report.stacks) {
    out.push('', `${s.stack} (${s.file}): ${where(s)}${s.complete ? '' : ' [partial]'}`);
    out.push(
      renderTable(s.ranges, [
        { title: 'Range', value: (r) => (r.kind === 'subnet' ? r.name : `${r.name} (pods)`) },
        { title: 'CIDR', value: (r) => r.cidr ?? '-' },
        { title: 'Unit', value: (r) => r.unit },
        { title: 'Used now', value: (r) => orDash(r.used), align: 'right' },
        { title: 'Planned max', value: (r) => num(r.planned), align: 'right' },
        { title: 'Capacity', value: (r) => orDash(r.capacity), align: 'right' },
        { title: 'Used', value: usedShare, align: 'right' },
        { title: 'Gap to plan', value: gapText, align: 'right' },
      ]),
    );
    out.push('', renderTable(s.pools, [
      { title: 'Pool', value: (p) => p.name },
      { title: 'Agent pools', value: (p) => p.agentPools.join(', ') || '-' },
      { title: 'Nodes now', value: (p) => orDash(p.nodes), align: 'right' },
      { title: 'Config min..max', value: configRange, align: 'right' },
      { title: 'Live min..max', value: liveRange, align: 'right' },
      { title: 'maxPods', value: (p) => p.maxPods, align: 'right' },
      { title: 'Live maxPods', value: (p) => orDash(p.liveMaxPods), align: 'right' },
    ]));
    const trends = s.ranges.filter((r) => r.trend);
    if (trends.length) {
      out.push('', '  Trend:');
      for (const r of trends) out.push(`    ${r.key}: ${trendText(r.trend)}`);
    }
    if (s.findings.length) {
      out.push('', '  Findings:');
      for (const f of sorted(s.findings)) out.push(`    ${f.severity} ${f.code}${f.path ? ` ${f.path}` : ''}: ${f.message}`);
    }
  }
  const explain = explainLine(shownCodes(report));
  if (explain) out.push('', explain);
  return `${out.join('\n')}\n`;
}

/** The codes of the report's findings, errors first, as the stacks list them. */
function shownCodes(report: UsageReport): string[] {
  return report.stacks.flatMap((s) => sorted(s.findings).map((f) => f.code));
}

export function renderUsageJson(report: UsageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderUsageMarkdown(report: UsageReport): string {
  const out: string[] = [`## aksnet usage: ${report.ok ? 'OK' : 'attention needed'} (${report.today})`];
  if (report.partial) out.push('', '> **Partial**: some Azure reads failed; see the findings.');
  for (const s of report.stacks) {
    out.push('', `### ${s.stack}`, '', `${where(s)}${s.complete ? '' : ' (partial)'}`, '');
    out.push(mdTable(['Range', 'CIDR', 'Unit', 'Used now', 'Planned max', 'Capacity', 'Used', 'Gap to plan', 'Trend'], s.ranges.map((r) => [r.key, r.cidr ?? '-', r.unit, orDash(r.used), num(r.planned), orDash(r.capacity), usedShare(r), gapText(r), r.trend ? trendText(r.trend) : '-']), [3, 4, 5, 6, 7]));
    out.push('', mdTable(['Pool', 'Agent pools', 'Nodes now', 'Config min..max', 'Live min..max', 'maxPods', 'Live maxPods'], s.pools.map((p) => [p.name, p.agentPools.join(', ') || '-', orDash(p.nodes), configRange(p), liveRange(p), p.maxPods, orDash(p.liveMaxPods)]), [2, 5, 6]));
    if (s.findings.length) out.push('', ...sorted(s.findings).map((f) => `- **${f.severity}** \`${f.code}\`${f.path ? ` \`${f.path}\`` : ''}: ${f.message}`));
  }
  const explain = explainLineMarkdown(shownCodes(report));
  if (explain) out.push('', explain);
  return `${out.join('\n')}\n`;
}
