// `aksnet migrate --ingress` reports: JSON (the contract), text for a terminal, Markdown for the pull
// request that performs the move; and the `--from-ingress` conversion as YAML with its notes.
import { dump } from 'js-yaml';
import type { IngressConversion } from '../design/ingress/fromIngress';
import type { IngressMigrationPlan } from '../design/ingress/migrate';
import { explainLine, explainLineMarkdown } from '../planner/explainHint';

export interface IngressMigrationReport {
  to: string;
  today: string;
  stacks: { file: string; plan: IngressMigrationPlan }[];
  /** `--from-ingress`: the converted Ingress files */
  conversion?: { files: string[]; result: IngressConversion };
}

export function ingressMigrationOk(report: IngressMigrationReport): boolean {
  return report.stacks.every((s) => s.plan.ok) && (report.conversion ? report.conversion.result.notes.every((n) => n.kind !== 'not-converted') : true);
}

export function renderIngressMigrationJson(report: IngressMigrationReport): string {
  return JSON.stringify(
    {
      ok: ingressMigrationOk(report),
      to: report.to,
      today: report.today,
      stacks: Object.fromEntries(report.stacks.map((s) => [s.plan.stack, { file: s.file, ...s.plan }])),
      ...(report.conversion ? { fromIngress: { files: report.conversion.files, ingresses: report.conversion.result.ingresses, notes: report.conversion.result.notes, httpRoutes: report.conversion.result.routes } } : {}),
    },
    null,
    2,
  );
}

const yaml = (v: unknown) => dump(v, { lineWidth: -1, noRefs: true }).trimEnd();
const verdict = (plan: IngressMigrationPlan) => (plan.ok ? 'can move' : plan.blockers.length ? 'cannot move' : 'can move once the blocked routes are fixed');

function shownCodes(report: IngressMigrationReport): string[] {
  return report.stacks.flatMap(({ plan }) => [...plan.routes.flatMap((r) => r.codes), ...plan.findings.map((f) => f.code)]);
}

export function conversionYaml(c: IngressConversion): string {
  return c.routes.map((r) => `---\n${yaml(r)}`).join('\n');
}

export function renderIngressMigrationText(report: IngressMigrationReport): string {
  const out = [`aksnet migrate --ingress -> ${report.to} (${report.today})`];
  for (const { file, plan } of report.stacks) {
    out.push('', `Stack ${plan.stack} (${file}): ${plan.from ?? 'no ingress'} -> ${plan.to}, ${verdict(plan)}`);
    if (plan.blockers.length) out.push('Blockers', ...plan.blockers.map((b) => `  x ${b}`));
    if (plan.changes.length) out.push('Changes', ...plan.changes.map((c) => `  - ${c}`));
    if (plan.addressPlan.length) out.push('Address plan', ...plan.addressPlan.map((c) => `  - ${c}`));
    if (plan.routes.length) {
      out.push('Routes');
      for (const r of plan.routes) {
        out.push(`  routes[${r.index}] ${r.host}${r.path}: ${r.status === 'moves' ? 'moves as it is' : r.status === 'changed' ? 'moves, changed' : 'BLOCKED'}`, ...r.reasons.map((x) => `      ${x}`));
      }
    }
    if (plan.findings.length) out.push('Findings', ...plan.findings.map((f) => `  ${f.severity} ${f.code} ${f.config} ${f.path}: ${f.message}`));
    if (plan.steps.length) out.push('Steps (side by side, then DNS cutover)', ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`));
    if (plan.config) out.push(`Config during the move (Pulumi.${plan.stack}.yaml):`, '', yaml({ config: plan.config }));
  }
  if (report.conversion) {
    const { files, result } = report.conversion;
    const missed = result.notes.filter((n) => n.kind === 'not-converted');
    out.push('', `Ingress files ${files.join(', ')}: ${result.ingresses} Ingress objects -> ${result.routes.length} HTTPRoutes, ${missed.length} things not converted`);
    for (const n of result.notes) out.push(`  ${n.kind === 'converted' ? '~' : 'x'} ${n.ingress} ${n.at}: ${n.message}`);
    if (result.routes.length) out.push('', conversionYaml(result));
  }
  const ok = ingressMigrationOk(report);
  out.push('', ...[explainLine(shownCodes(report))].filter((l) => l !== undefined), ok ? 'OK: everything moves' : 'FAILED: something cannot move as it is (see above)');
  return out.join('\n') + '\n';
}

export function renderIngressMigrationMarkdown(report: IngressMigrationReport): string {
  const ok = ingressMigrationOk(report);
  const out = [`## ${ok ? '✅' : '❌'} aksnet migrate --ingress → ${report.to}`];
  for (const { file, plan } of report.stacks) {
    out.push('', `### ${plan.stack} (${file}): ${plan.from ?? 'no ingress'} → ${plan.to}, ${verdict(plan)}`);
    if (plan.blockers.length) out.push('', ...plan.blockers.map((b) => `- ❌ ${b}`));
    if (plan.changes.length) out.push('', '**Changes**', '', ...plan.changes.map((c) => `- ${c}`));
    if (plan.addressPlan.length) out.push('', '**Address plan**', '', ...plan.addressPlan.map((c) => `- ${c}`));
    if (plan.routes.length) {
      out.push('', '| Route | Status | Why |', '| --- | --- | --- |');
      for (const r of plan.routes) out.push(`| \`${r.host}${r.path}\` | ${r.status === 'moves' ? '✅ moves' : r.status === 'changed' ? '⚠️ changed' : '❌ blocked'} | ${r.reasons.join('<br>').replace(/\|/g, '\\|')} |`);
    }
    if (plan.steps.length) out.push('', '**Steps**', '', ...plan.steps.map((s, i) => `${i + 1}. ${s}`));
    if (plan.config) out.push('', '```yaml', yaml({ config: plan.config }), '```');
  }
  if (report.conversion) {
    out.push('', `### Ingress files: ${report.conversion.files.join(', ')}`, '', ...report.conversion.result.notes.map((n) => `- ${n.kind === 'converted' ? '⚠️' : '❌'} \`${n.ingress}\` ${n.at}: ${n.message}`));
    if (report.conversion.result.routes.length) out.push('', '```yaml', conversionYaml(report.conversion.result), '```');
  }
  const explain = explainLineMarkdown(shownCodes(report));
  if (explain) out.push('', explain);
  return out.join('\n') + '\n';
}
