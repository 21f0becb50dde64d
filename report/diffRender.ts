// Renderers of `aksnet diff`: text for a terminal, Markdown for the pull-request comment, JSON.
// Text and Markdown draw the same rows (diffRows) so they cannot disagree.
import type { Change, DiffFinding, PlanDiff, StackDiff } from './diff';
import type { Connection, PlanFinding } from './diffInput';
import { headroomCell, num, percent, runsOutCell, signed } from './format';
import { mdTable } from './markdownTable';
import { renderTable } from './table';
import { explainLine, explainLineMarkdown } from '../planner/explainHint';

/** Said under the reachability of plans without `reach` (written before it existed). */
const COMMON_BASIS = 'compared on the connections both plans list: a plan without `reach` cannot be evaluated over both sides\' endpoints; write both plans with this aksnet for the full comparison';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function renderDiff(diff: PlanDiff, format: DiffFormat): string {
  if (format === 'json') return JSON.stringify(diff, null, 2) + '\n';
  return (format === 'markdown' ? diffMarkdown(diff) : diffText(diff)) + '\n';
}

/** "a -> b", or just "a" when nothing changed. */
function arrow<T>(c: Change<T>, show: (v: T) => string, sep = ' → '): string {
  return c.before === c.after ? show(c.before) : `${show(c.before)}${sep}${show(c.after)}`;
}

const nodes = (n: number | null) => (n === null ? '-' : num(n));
const headroom = (n: number | null) => signed(n);

interface Rows {
  subnets: string[][];
  pools: string[][];
}

const SUBNET_HEAD = ['Subnet', 'Change', 'CIDR', 'Used', 'Headroom (nodes)', 'Runs out at (maxCount)'];
const POOL_HEAD = ['Pool', 'Change', 'Headroom (nodes)', 'Runs out at (maxCount)', 'Limited by'];

function diffRows(s: StackDiff, sep: string, code: (t: string) => string): Rows {
  const a = <T>(c: Change<T>, show: (v: T) => string) => arrow(c, show, sep);
  const cidr = (c: string | null) => (c === null ? 'unplaced' : code(c));
  const subnets: string[][] = [];
  for (const x of s.subnets.added) subnets.push([x.name, 'added', cidr(x.cidr), '', '', '']);
  for (const x of s.subnets.removed) subnets.push([x.name, 'removed', cidr(x.cidr), '', '', '']);
  const flagged = new Map(s.diffFindings.map((f) => [f.path, f]));
  for (const kind of ['moved', 'resized'] as const) {
    for (const x of s.subnets[kind]) {
      const f = flagged.get(`subnets.${x.name}`);
      subnets.push([x.name, `${f ? (f.severity === 'error' ? 'ERROR ' : 'warning ') : ''}${kind}`, a(x.cidr, cidr), '', '', '']);
    }
  }
  for (const x of s.subnets.capacity) {
    const row = subnets.find((r) => r[0] === x.name);
    const values = [a(x.utilization, percent), a(x.headroomNodes, headroom), `${x.forecastPool ? `${x.forecastPool} at ` : ''}${a(x.runsOutAtNodes, nodes)}`];
    if (row) row.splice(3, 3, ...values);
    else subnets.push([x.name, `demand ${num(x.demand.before)}${sep}${num(x.demand.after)}`, cidr(x.cidr), ...values]);
  }
  for (const r of s.podRanges) {
    subnets.push([r.name, `demand ${num(r.demandBlocks.before)}${sep}${num(r.demandBlocks.after)} blocks`, a(r.cidr, code), a(r.utilization, percent), a(r.headroomNodes, headroom), `${r.forecastPool ? `${r.forecastPool} at ` : ''}${a(r.runsOutAtNodes, nodes)}`]);
  }
  const rt = s.routeTable;
  if (rt) {
    // kubenet: one route per node (surge included) against the route table's limit
    subnets.push(['route table', `routes ${num(rt.used.before)}${sep}${num(rt.used.after)} of ${a(rt.limit, num)}`, '-', a(rt.utilization, percent), a(rt.headroomNodes, headroom), `${rt.forecastPool ? `${rt.forecastPool} at ` : ''}${a(rt.runsOutAtNodes, nodes)}`]);
  }
  const pools: string[][] = [];
  const addedHeadroom = new Map((s.pools.addedHeadroom ?? []).map((h) => [h.name, h]));
  for (const name of s.pools.added) {
    const h = addedHeadroom.get(name);
    pools.push(h ? [name, 'added', headroomCell(h, false), runsOutCell(h), h.limitedBy] : [name, 'added', '', '', '']);
  }
  for (const name of s.pools.removed) pools.push([name, 'removed', '', '', '']);
  const rotated = new Map(s.pools.rotated.map((r) => [r.name, r]));
  const updated = new Map(s.pools.updated.map((u) => [u.name, u]));
  for (const h of s.pools.headroom) {
    const r = rotated.get(h.name);
    const u = updated.get(h.name);
    const moved = h.headroomNodes.before !== h.headroomNodes.after || h.runsOutAtNodes.before !== h.runsOutAtNodes.after || h.blockedBy?.before !== h.blockedBy?.after;
    if (!r && !u && !moved) continue;
    const what = [
      ...(r ? [`rotated (${r.changes.join(', ')})${r.agentPoolName.before && r.agentPoolName.after ? `: ${code(r.agentPoolName.before)}${sep}${code(r.agentPoolName.after)}` : ''}`] : []),
      ...(u ? u.changes : []),
    ].join('; ');
    // a side that blocks the pool says so instead of its numbers
    const side = (n: Change<number>, show: (v: number, blocked: string | null) => string) =>
      arrow({ before: show(n.before, h.blockedBy?.before ?? null), after: show(n.after, h.blockedBy?.after ?? null) }, String, sep);
    pools.push([
      h.name,
      (what || 'settings unchanged').replace(/ -> /g, sep),
      side(h.headroomNodes, (v, blocked) => (blocked ? `blocked: ${blocked}` : headroom(v))),
      side(h.runsOutAtNodes, (v, blocked) => (blocked ? 'blocked' : nodes(v))),
      a(h.limitedBy, String),
    ]);
  }
  return { subnets, pools };
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

function verdict(diff: PlanDiff): { ok: boolean; line: string } {
  const changed = diff.stacks.filter((s) => s.status !== 'unchanged').length;
  const errors = diff.stacks.reduce((n, s) => n + s.diffFindings.filter((f) => f.severity === 'error').length, 0);
  const failing = diff.stacks.filter((s) => !s.headOk).map((s) => s.stack);
  const problems = [
    ...(failing.length ? [`HEAD has error findings in ${failing.join(', ')}`] : []),
    ...(errors ? [`${errors} change${errors === 1 ? '' : 's'} Azure refuses`] : []),
  ];
  const summary = `${changed} of ${diff.stacks.length} stack${diff.stacks.length === 1 ? '' : 's'} changed`;
  return { ok: diff.ok, line: problems.length ? `${summary}; ${problems.join('; ')}` : summary };
}

function connectionText(c: Connection, code: (t: string) => string): string {
  const port = c.port !== undefined ? ` ${c.protocol ?? 'TCP'}/${c.port}` : c.protocol ? ` ${c.protocol}` : '';
  return `${code(c.from)} → ${code(c.to)}${port}`;
}

export function diffMarkdown(diff: PlanDiff): string {
  const v = verdict(diff);
  const code = (t: string) => `\`${t}\``;
  const out = [`## ${v.ok ? '✅' : '❌'} aksnet diff: ${v.line}`];
  for (const s of diff.stacks) {
    if (s.status === 'unchanged') {
      out.push('', `**${s.stack}**: no change`);
      continue;
    }
    out.push('', `### ${s.stack}${s.status === 'changed' ? '' : ` (stack ${s.status})`}`);
    if (s.diffFindings.length) out.push('', diffFindingsList(s.diffFindings, (f) => `- ${ICON[f.severity]} **${f.code}**: ${f.message}`));
    const rows = diffRows(s, ' → ', code);
    if (rows.subnets.length) out.push('', mdTable(SUBNET_HEAD, rows.subnets, [3, 4, 5]));
    if (rows.pools.length) out.push('', mdTable(POOL_HEAD, rows.pools, [2, 3]));
    const findings = [
      ...s.findings.new.map((f) => `- new ${ICON[f.severity]} **${f.code}** \`${f.path}\`: ${f.message}`),
      ...s.findings.resolved.map((f) => `- resolved ${ICON[f.severity]} ~~**${f.code}** \`${f.path}\`~~: ${f.message}`),
    ];
    if (findings.length) out.push('', '**Findings**', '', ...findings);
    if (s.connectivity && s.connectivity.gained.length + s.connectivity.lost.length > 0) {
      out.push('', '**Reachability**', '', ...s.connectivity.gained.map((c) => `- gained: ${connectionText(c, code)}`), ...s.connectivity.lost.map((c) => `- lost: ${connectionText(c, code)}`));
      if (s.connectivity.basis === 'common') out.push('', `_${COMMON_BASIS}_`);
    }
  }
  const cross = diff.crossStackFindings;
  if (cross.new.length + cross.resolved.length) {
    out.push('', '### Across stacks', '', ...cross.new.map((f) => `- new ${ICON[f.severity]} **${f.code}**: ${f.message}`), ...cross.resolved.map((f) => `- resolved ~~**${f.code}**~~: ${f.message}`));
  }
  const explain = explainLineMarkdown(diffCodes(diff));
  if (explain) out.push('', explain);
  return out.join('\n');
}

export function diffText(diff: PlanDiff): string {
  const v = verdict(diff);
  const id = (t: string) => t;
  const out: string[] = [];
  for (const s of diff.stacks) {
    if (s.status === 'unchanged') {
      out.push(`Stack ${s.stack}: no change`, '');
      continue;
    }
    out.push(`Stack ${s.stack}${s.status === 'changed' ? '' : ` (stack ${s.status})`}`);
    if (s.diffFindings.length) out.push(diffFindingsList(s.diffFindings, (f) => `  ${f.severity === 'error' ? 'x error  ' : '! warning'} ${f.code}  ${f.message}`));
    const rows = diffRows(s, ' -> ', id);
    const columns = (head: string[], right: number[]) => head.map((title, i) => ({ title: title.toUpperCase(), value: (r: string[]) => r[i], align: right.includes(i) ? ('right' as const) : ('left' as const) }));
    if (rows.subnets.length) out.push('', renderTable(rows.subnets, columns(SUBNET_HEAD, [3, 4, 5])));
    if (rows.pools.length) out.push('', renderTable(rows.pools, columns(POOL_HEAD, [2, 3])));
    const findings = [...s.findings.new.map((f) => findingLine('new', f)), ...s.findings.resolved.map((f) => findingLine('resolved', f))];
    if (findings.length) out.push('', 'Findings', ...findings);
    if (s.connectivity && s.connectivity.gained.length + s.connectivity.lost.length > 0) {
      out.push('', 'Reachability', ...s.connectivity.gained.map((c) => `  + ${connectionText(c, id)}`), ...s.connectivity.lost.map((c) => `  - ${connectionText(c, id)}`));
      if (s.connectivity.basis === 'common') out.push(`  (${COMMON_BASIS})`);
    }
    out.push('');
  }
  const cross = diff.crossStackFindings;
  if (cross.new.length + cross.resolved.length) {
    out.push('Across stacks', ...cross.new.map((f) => findingLine('new', f)), ...cross.resolved.map((f) => findingLine('resolved', f)), '');
  }
  const explain = explainLine(diffCodes(diff));
  if (explain) out.push(explain);
  out.push(`${v.ok ? 'OK' : 'FAILED'}: ${v.line}`);
  return out.join('\n');
}

/** The codes a diff report shows, in the order it shows them. */
function diffCodes(diff: PlanDiff): string[] {
  return [
    ...diff.stacks.flatMap((s) => (s.status === 'unchanged' ? [] : [...diffFindingsList(s.diffFindings, (f) => f.code).split('\n'), ...s.findings.new.map((f) => f.code), ...s.findings.resolved.map((f) => f.code)])),
    ...diff.crossStackFindings.new.map((f) => f.code),
    ...diff.crossStackFindings.resolved.map((f) => f.code),
  ].filter(Boolean);
}

function findingLine(kind: 'new' | 'resolved', f: PlanFinding): string {
  return `  ${kind.padEnd(8)} ${f.severity.padEnd(7)} ${f.code}  ${f.path}\n      ${f.message}`;
}

function diffFindingsList(findings: DiffFinding[], line: (f: DiffFinding) => string): string {
  return [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)).map(line).join('\n');
}
