// Terminal report: per stack, the network line, subnets, pod ranges, pools, then findings.
import type { Finding } from '../planner/findings';
import type { Plan, PodRangePlan, PoolPlan, RouteTablePlan, SubnetPlan } from '../planner/types';
import { bySeverity, countBySeverity, findingWhere, headroomCell, limitedByText, nodeRange, num, percent, plural, roleText, runsOutCell, safeMaxCell } from './format';
import { type PlanReport, reportOk } from './model';
import { ingressSummary } from './ingress';
import { renderTable } from './table';
import { explainLine } from '../planner/explainHint';

const MARK = { error: 'x', warning: '!', info: 'i' } as const;

export function renderText(report: PlanReport): string {
  const parts = report.stacks.map((s) => stackText(s.stack, s.file, s.plan));
  if (report.stacks.length > 1) {
    parts.push(report.crossStackFindings.length ? `Across stacks\n${findingsText(report.crossStackFindings)}` : 'Across stacks: no overlapping ranges');
  }
  const all = [...report.stacks.flatMap((s) => s.plan.findings), ...report.crossStackFindings];
  const { errors, warnings } = countBySeverity(all);
  const explain = explainLine([...report.stacks.flatMap((s) => bySeverity(s.plan.findings)), ...bySeverity(report.crossStackFindings)].map((f) => f.code));
  if (explain) parts.push(explain);
  parts.push(`${reportOk(report) ? 'OK' : 'FAILED'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join('\n\n') + '\n';
}

export function stackText(stack: string, file: string, plan: Plan): string {
  const n = plan.network;
  const lines = [
    `Stack ${stack} (${file}): ${n.pluginLabel}`,
    `  VNet ${n.addressSpace.join(', ')} | services ${n.serviceCidr} (DNS ${n.dnsServiceIP})${n.podCidr ? ` | pods ${n.podCidr}` : ''}`,
    `  policy ${n.networkPolicy} | outbound ${n.outboundType} | tier ${n.tier}${n.kubernetesVersion ? ` | Kubernetes ${n.kubernetesVersion}` : ''}`,
    `  full scale: ${plural(plan.totals.maxNodes, 'node')} + ${num(plan.totals.surgeNodes)} surge, up to ${plural(plan.totals.maxPods, 'pod')}, ${plural(plan.totals.vnetIps, 'VNet IP')}`,
    '',
    'Subnets (demand at every pool\'s maxCount plus surge)',
    renderTable<SubnetPlan>(plan.subnets, [
      { title: 'NAME', value: (s) => s.name },
      { title: 'CIDR', value: (s) => (s.cidr ?? 'unplaced') + (s.carved ? ' *' : '') },
      { title: 'ROLE', value: (s) => roleText(s, plan.ingress) },
      { title: 'USABLE', value: (s) => num(s.usable), align: 'right' },
      { title: 'DEMAND', value: (s) => num(s.demand), align: 'right' },
      { title: 'FREE', value: (s) => num(s.free), align: 'right' },
      { title: 'USED', value: (s) => percent(s.utilization), align: 'right' },
      { title: 'HEADROOM', value: (s) => headroomCell(s), align: 'right' },
      { title: 'RUNS OUT AT', value: (s) => runsOutCell(s, s.forecastPool), align: 'right' },
    ]),
  ];
  if (plan.subnets.some((s) => s.carved)) lines.push('  * carved by the planner: pin the cidr in config once deployed');
  if (plan.ingress) lines.push('', `Ingress: ${ingressSummary(plan.ingress)}`);
  if (plan.podRanges.length) {
    lines.push('', 'Pod ranges', renderTable<PodRangePlan>(plan.podRanges, [
      { title: 'NAME', value: (r) => r.name },
      { title: 'CIDR', value: (r) => r.cidr },
      { title: 'BLOCK', value: (r) => `/${r.blockPrefixLength}` },
      { title: 'BLOCKS', value: (r) => num(r.totalBlocks), align: 'right' },
      { title: 'DEMAND', value: (r) => num(r.demandBlocks), align: 'right' },
      { title: 'FREE', value: (r) => num(r.freeBlocks), align: 'right' },
      { title: 'USED', value: (r) => percent(r.utilization), align: 'right' },
      { title: 'HEADROOM', value: (r) => headroomCell(r), align: 'right' },
      { title: 'RUNS OUT AT', value: (r) => runsOutCell(r, r.forecastPool), align: 'right' },
    ]));
  }
  if (plan.routeTable) {
    lines.push('', 'Route table (kubenet: one route per node, surge included)', renderTable<RouteTablePlan>([plan.routeTable], [
      { title: 'ROUTES', value: (t) => num(t.used), align: 'right' },
      { title: 'LIMIT', value: (t) => num(t.limit), align: 'right' },
      { title: 'FREE', value: (t) => num(t.free), align: 'right' },
      { title: 'USED', value: (t) => percent(t.utilization), align: 'right' },
      { title: 'HEADROOM', value: (t) => headroomCell(t), align: 'right' },
      { title: 'RUNS OUT AT', value: (t) => runsOutCell(t, t.forecastPool), align: 'right' },
    ]));
  }
  lines.push('', 'Node pools', renderTable<PoolPlan>(plan.pools, [
    { title: 'NAME', value: (p) => p.name },
    { title: 'MODE', value: (p) => p.mode },
    { title: 'VM SIZE', value: (p) => p.vmSize },
    { title: 'NODES', value: (p) => nodeRange(p), align: 'right' },
    { title: 'SURGE', value: (p) => p.surgeNodes, align: 'right' },
    { title: 'MAXPODS', value: (p) => `${p.maxPods}${p.maxPodsDefaulted ? ' (default)' : ''}`, align: 'right' },
    { title: 'SUBNET', value: (p) => p.subnet + (p.podSubnet ? ` / ${p.podSubnet}` : '') },
    { title: 'NODE IPS', value: (p) => num(p.nodeIps), align: 'right' },
    { title: 'POD IPS', value: (p) => num(p.podIps), align: 'right' },
    { title: 'HEADROOM', value: (p) => headroomCell(p), align: 'right' },
    { title: 'RUNS OUT AT', value: (p) => runsOutCell(p), align: 'right' },
    { title: 'SAFE MAX', value: (p) => safeMaxCell(p), align: 'right' },
    { title: 'LIMITED BY', value: (p) => limitedByText(p, plan.subnets) },
  ]));
  lines.push('  SAFE MAX: the largest maxCount (or count) that still plans without errors; RUNS OUT AT: the first that fails');
  if (plan.pools.some((p) => p.blockedBy)) lines.push('  blocked: an error no pool size clears (or not about capacity) fails the pool; fix the finding LIMITED BY names');
  lines.push('', plan.findings.length ? `Findings\n${findingsText(plan.findings)}` : 'Findings: none');
  return lines.join('\n');
}

function findingsText(findings: readonly Finding[]): string {
  return bySeverity(findings)
    .map((f) => `  ${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.code}  ${findingWhere(f)}\n      ${f.message}`)
    .join('\n');
}
