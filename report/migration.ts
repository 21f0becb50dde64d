// `aksnet migrate` reports: JSON (the contract), text for a terminal, Markdown for the pull request
// that performs the move.
import { dump } from 'js-yaml';
import { KUBENET_RETIREMENT, type MigrationPlan } from '../planner/migrate';
import { num } from './format';
import { planToJson } from './json';
import { row } from './markdownTable';
import { explainLine, explainLineMarkdown } from '../planner/explainHint';

export interface MigrationReport {
  /** the stacks, in the order they were read */
  stacks: { file: string; plan: MigrationPlan }[];
  to: string;
  /** the date the days left count from, YYYY-MM-DD */
  today: string;
}

export function migrationReportOk(report: MigrationReport): boolean {
  return report.stacks.every((s) => s.plan.ok);
}

function planJson(plan: MigrationPlan): Record<string, unknown> {
  const { ok, stack, from, to, daysLeft, preconditions, config, changes, before, after, reclaimed, steps, notes } = plan;
  return {
    ok,
    stack,
    from,
    to,
    ...(daysLeft !== undefined ? { daysLeft } : {}),
    preconditions,
    config,
    changes,
    before: planToJson(before),
    after: after ? planToJson(after) : null,
    reclaimed,
    steps,
    notes,
  };
}

export function renderMigrationJson(report: MigrationReport): string {
  if (report.stacks.length === 1) return JSON.stringify(planJson(report.stacks[0].plan), null, 2);
  const stacks = Object.fromEntries(report.stacks.map((s) => [s.plan.stack, planJson(s.plan)]));
  return JSON.stringify({ ok: migrationReportOk(report), stacks }, null, 2);
}

/** kubenet's retirement date concerns a report only when one of its stacks runs kubenet. */
function anyKubenet(report: MigrationReport): boolean {
  return report.stacks.some((s) => s.plan.from === 'kubenet');
}

/** "can move", "nothing to move", or "cannot move: CODE, CODE". */
export function verdict(plan: MigrationPlan): string {
  if (plan.from === plan.to) return 'nothing to move';
  if (plan.ok) return 'can move';
  return `cannot move: ${plan.preconditions.filter((p) => !p.ok).map((p) => p.code).join(', ')}`;
}

export function daysLeftText(plan: MigrationPlan): string {
  if (plan.daysLeft === undefined) return '-';
  if (plan.daysLeft < 0) return `retired ${num(-plan.daysLeft)} days ago`;
  return `${num(plan.daysLeft)} days left`;
}

/** The config as it sits in Pulumi.<stack>.yaml: under `config:`, so it pastes in place. */
export function configYaml(plan: MigrationPlan): string {
  return dump({ config: { 'aks-networking:network': plan.config } }, { lineWidth: -1, noRefs: true });
}

export function renderMigrationText(report: MigrationReport): string {
  const width = Math.max(...report.stacks.map((s) => s.plan.stack.length));
  const fromWidth = Math.max(...report.stacks.map((s) => s.plan.from.length));
  const dayWidth = Math.max(...report.stacks.map((s) => daysLeftText(s.plan).length));
  const out = [
    `aksnet migrate -> ${report.to} (${report.today}${anyKubenet(report) ? `; kubenet retires ${KUBENET_RETIREMENT.label}` : ''})`,
    ...report.stacks.map(({ plan }) => `  ${plan.stack.padEnd(width)}  ${plan.from.padEnd(fromWidth)}  ${daysLeftText(plan).padEnd(dayWidth)}  ${verdict(plan)}`),
  ];
  for (const { file, plan } of report.stacks) {
    if (plan.from === plan.to) continue;
    out.push('', `Stack ${plan.stack} (${file}): ${plan.from} -> ${plan.to}, ${verdict(plan)}`, 'Preconditions');
    for (const p of plan.preconditions) out.push(`  ${p.ok ? 'ok' : 'x '} ${p.code}${p.path ? `  ${p.path}` : ''}`, `      ${p.message}`);
    if (plan.changes.length) out.push('Changes', ...plan.changes.map((c) => `  - ${c}`));
    const reclaimed = Object.entries(plan.reclaimed);
    if (reclaimed.length) out.push('Reclaimed (addresses each node subnet gets back at full scale)', ...reclaimed.map(([name, n]) => `  ${name}: ${num(n)}`));
    if (plan.steps.length) out.push('Steps', ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`));
    if (plan.notes.length) out.push('Notes', ...plan.notes.map((n) => `  - ${n}`));
    if (plan.config) {
      out.push(`Network config after the move (replace aks-networking:network in Pulumi.${plan.stack}.yaml):`, '', configYaml(plan).trimEnd());
    }
  }
  const ok = migrationReportOk(report);
  out.push('', ...[explainLine(shownCodes(report))].filter((l) => l !== undefined), ok ? 'OK: every stack can move' : `FAILED: ${report.stacks.filter((s) => !s.plan.ok).length} of ${report.stacks.length} stacks cannot move`);
  return out.join('\n') + '\n';
}

export function renderMigrationMarkdown(report: MigrationReport): string {
  const ok = migrationReportOk(report);
  const moving = report.stacks.filter((s) => s.plan.from !== s.plan.to);
  const out = [
    `## ${ok ? '✅' : '❌'} aksnet migrate: ${moving.length === 1 ? `${moving[0].plan.stack} ${moving[0].plan.from} → ${report.to}` : `${moving.length} stack${moving.length === 1 ? '' : 's'} → ${report.to}`}`,
    '',
    ...(anyKubenet(report)
      ? [
          `kubenet retires on ${KUBENET_RETIREMENT.label} (counted from ${report.today}).`,
          '',
          row(['Stack', 'Plugin', 'Before kubenet retires', 'Verdict']),
          '| --- | --- | ---: | --- |',
          ...report.stacks.map(({ plan }) => row([plan.stack, plan.from, daysLeftText(plan), `${plan.ok ? '✅' : '❌'} ${verdict(plan)}`])),
        ]
      : [row(['Stack', 'Plugin', 'Verdict']), '| --- | --- | --- |', ...report.stacks.map(({ plan }) => row([plan.stack, plan.from, `${plan.ok ? '✅' : '❌'} ${verdict(plan)}`]))]),
  ];
  for (const { file, plan } of moving) {
    out.push('', `<details${plan.ok ? '' : ' open'}><summary><b>${plan.stack}</b> (${file}): ${plan.from} → ${plan.to}</summary>`, '');
    out.push(row(['', 'Precondition', 'Why']), '| --- | --- | --- |', ...plan.preconditions.map((p) => row([p.ok ? '✅' : '❌', `\`${p.code}\``, p.message])));
    if (plan.changes.length) out.push('', '**What this change does to the stack file**', '', ...plan.changes.map((c) => `- ${c}`));
    const reclaimed = Object.entries(plan.reclaimed);
    if (reclaimed.length) out.push('', '**Addresses the node subnets get back** (at full scale)', '', row(['Subnet', 'Addresses']), '| --- | ---: |', ...reclaimed.map(([name, n]) => row([name, num(n)])));
    if (plan.steps.length) out.push('', '**Steps**', '', ...plan.steps.map((s, i) => `${i + 1}. ${s}`));
    if (plan.notes.length) out.push('', '**Notes**', '', ...plan.notes.map((n) => `- ⚠️ ${n}`));
    if (plan.config) out.push('', `<details><summary>Network config after the move (Pulumi.${plan.stack}.yaml)</summary>`, '', '```yaml', configYaml(plan).trimEnd(), '```', '', '</details>');
    out.push('', '</details>');
  }
  const explain = explainLineMarkdown(shownCodes(report));
  if (explain) out.push('', explain);
  return out.join('\n') + '\n';
}

/** The precondition codes a report lists: those of every stack that moves. */
function shownCodes(report: MigrationReport): string[] {
  return report.stacks.filter((s) => s.plan.from !== s.plan.to).flatMap((s) => s.plan.preconditions.map((p) => p.code));
}
