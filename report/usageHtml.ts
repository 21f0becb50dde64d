// `aksnet usage --format html`: one self-contained page (inline CSS and SVG, no script). Per stack,
// the tables of the text report and, per range, a chart of the addresses (or blocks) in use over the
// days of the --history file, with the planned maximum and the capacity drawn as lines and, when the
// trend is dated, the fitted line carried on to the day it reaches capacity.
import type { Snapshot } from '../usage/history';
import { seriesOf } from '../usage/history';
import type { RangeUsage, StackUsage } from '../usage/compare';
import { dateOfDay, dayNumber, trendText } from '../usage/trend';
import { num } from './format';
import { esc } from './html';
import type { UsageReport } from './usage';
import { gapText, usedShare } from './usage';

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1f2933;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 4px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#52606d;margin:0 0 8px}
table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid #e4e7eb;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font:12px ui-monospace,monospace}
ul.findings{padding-left:18px}li.error{color:#b71c1c}li.warning{color:#8d5b00}
svg text{font:11px system-ui,sans-serif;fill:#1f2933}.ok{color:#2e7d32}.bad{color:#c62828}
.legend span{display:inline-block;width:18px;height:0;border-top:2px solid;margin:0 6px 3px 12px}
`;

export function renderUsageHtml(report: UsageReport, history: readonly Snapshot[]): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>aksnet usage ${esc(report.today)}</title><style>${STYLE}</style></head>
<body>
<h1>aksnet usage <span class="${report.ok ? 'ok' : 'bad'}">${report.ok ? 'OK' : 'attention needed'}</span></h1>
<p class="meta">${esc(report.today)} · ${esc(report.cloud)} <code>${esc(report.armEndpoint)}</code>${report.partial ? ' · <b class="bad">partial: some Azure reads failed</b>' : ''} · planned = every pool at maxCount plus upgrade surge</p>
${report.stacks.map((s) => stackHtml(s, history, report.today)).join('\n')}
</body></html>
`;
}

function stackHtml(s: StackUsage, history: readonly Snapshot[], today: string): string {
  const findings = s.findings.length
    ? `<ul class="findings">${s.findings.map((f) => `<li class="${f.severity}"><b>${esc(f.code)}</b>${f.path ? ` <code>${esc(f.path)}</code>` : ''}: ${esc(f.message)}</li>`).join('')}</ul>`
    : '<p class="ok">No findings.</p>';
  const ranges = s.ranges.map((r) => `<tr data-range="${esc(r.key)}"><td>${esc(r.key)}</td><td><code>${esc(r.cidr ?? '-')}</code></td><td>${r.unit}</td><td class="n">${r.used === null ? '-' : num(r.used)}</td><td class="n">${num(r.planned)}</td><td class="n">${r.capacity === null ? '-' : num(r.capacity)}</td><td class="n">${usedShare(r)}</td><td class="n${r.gap !== null && r.gap < 0 ? ' bad' : ''}" data-gap="${r.gap ?? ''}">${esc(gapText(r))}</td><td>${esc(r.trend ? trendText(r.trend) : '-')}</td></tr>`).join('');
  const pools = s.pools.map((p) => `<tr data-pool="${esc(p.name)}"><td>${esc(p.name)}</td><td>${esc(p.agentPools.join(', ') || '-')}</td><td class="n">${p.nodes === null ? '-' : p.nodes}</td><td class="n">${p.autoscale ? `${p.minCount}..${p.maxCount}` : p.maxCount}</td><td class="n">${p.liveMaxCount === undefined ? '-' : p.liveMinCount !== undefined ? `${p.liveMinCount}..${p.liveMaxCount}` : p.liveMaxCount}</td><td class="n">${p.maxPods}</td><td class="n">${p.liveMaxPods ?? '-'}</td></tr>`).join('');
  return `<section class="stack" data-stack="${esc(s.stack)}">
<h2>${esc(s.stack)}${s.complete ? '' : ' <span class="bad">(partial)</span>'}</h2>
<p class="meta"><code>${esc(s.file)}</code></p>
${findings}
<h3>Ranges: in use now against the plan</h3>
<table class="ranges"><thead><tr><th>Range</th><th>CIDR</th><th>Unit</th><th class="n">Used now</th><th class="n">Planned max</th><th class="n">Capacity</th><th class="n">Used</th><th class="n">Gap to plan</th><th>Trend</th></tr></thead><tbody>${ranges}</tbody></table>
<h3>Node pools</h3>
<table class="pools"><thead><tr><th>Pool</th><th>Agent pools</th><th class="n">Nodes now</th><th class="n">Config min..max</th><th class="n">Live min..max</th><th class="n">maxPods</th><th class="n">Live maxPods</th></tr></thead><tbody>${pools}</tbody></table>
<h3>Used over time</h3>
<p class="legend"><span style="border-color:#1565c0"></span>in use <span style="border-color:#2e7d32;border-top-style:dashed"></span>planned maximum <span style="border-color:#c62828;border-top-style:dashed"></span>capacity <span style="border-color:#6a1b9a;border-top-style:dotted"></span>fitted trend</p>
${s.ranges.filter((r) => r.used !== null && r.capacity !== null).map((r) => rangeChart(r, seriesOf(history, s.stack, r.key), today)).join('\n')}
</section>`;
}

const W = 720;
const H = 220;
const PAD = { left: 60, right: 16, top: 22, bottom: 30 };

/**
 * x: days, from the first point to today (or to the forecast date when it is later); y: 0 to a
 * little above the larger of capacity and planned. data-* attributes carry the scale for readers.
 */
function rangeChart(r: RangeUsage, points: { date: string; used: number }[], today: string): string {
  const capacity = r.capacity!;
  const pts = points.length ? points : [{ date: today, used: r.used! }];
  const first = dayNumber(pts[0].date);
  const runsOut = r.trend?.status === 'dated' ? dayNumber(r.trend.runsOutOn!) : undefined;
  const last = Math.max(dayNumber(today), runsOut ?? 0, first + 1);
  const top = Math.max(capacity, r.planned, ...pts.map((p) => p.used)) * 1.08 || 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const X = (day: number) => PAD.left + ((day - first) / (last - first)) * plotW;
  const Y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const f = (n: number) => String(Math.round(n * 10) / 10);
  // the capacity's label on the right, the plan's on the left: the two lines are often close
  const hline = (v: number, color: string, dash: string, cls: string, label: string, right: boolean) =>
    `<line class="${cls}" data-value="${v}" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(Y(v))}" y2="${f(Y(v))}" stroke="${color}" stroke-dasharray="${dash}"/><text x="${right ? W - PAD.right : PAD.left + 4}" y="${f(Y(v) - 4)}" text-anchor="${right ? 'end' : 'start'}">${esc(label)}</text>`;
  const path = pts.map((p, i) => `${i ? 'L' : 'M'}${f(X(dayNumber(p.date)))},${f(Y(p.used))}`).join(' ');
  const dots = pts.map((p) => `<circle cx="${f(X(dayNumber(p.date)))}" cy="${f(Y(p.used))}" r="2.5" fill="#1565c0"><title>${esc(`${p.date}: ${num(p.used)} in use`)}</title></circle>`).join('');
  const t = r.trend;
  const fitted = t?.slopePerDay !== undefined && t.intercept !== undefined && (t.status === 'dated' || t.status === 'too-noisy' || t.status === 'beyond-horizon' || t.status === 'shrinking')
    ? `<line class="trend" x1="${f(X(first))}" y1="${f(Y(t.intercept))}" x2="${f(X(last))}" y2="${f(Y(Math.max(0, t.intercept + t.slopePerDay * (last - first))))}" stroke="#6a1b9a" stroke-dasharray="2 3"/>`
    : '';
  const marker = runsOut !== undefined ? `<circle class="runs-out" data-date="${esc(r.trend!.runsOutOn!)}" cx="${f(X(runsOut))}" cy="${f(Y(capacity))}" r="5" fill="#c62828"><title>${esc(`runs out around ${r.trend!.runsOutOn}`)}</title></circle>` : '';
  const axis = `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#9aa5b1"/><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#9aa5b1"/>` +
    `<text x="${PAD.left}" y="${H - 8}">${esc(dateOfDay(first))}</text><text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${esc(dateOfDay(last))}</text>` +
    `<text x="${PAD.left - 6}" y="${f(Y(0) + 4)}" text-anchor="end">0</text>`;
  return `<figure><figcaption><b>${esc(r.key)}</b> <code>${esc(r.cidr ?? '')}</code>: ${esc(trendText(r.trend))}</figcaption>
<svg class="usage-chart" data-range="${esc(r.key)}" data-first-day="${esc(dateOfDay(first))}" data-last-day="${esc(dateOfDay(last))}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${r.key} in use over time`)}">${axis}` +
    hline(capacity, '#c62828', '6 4', 'capacity', `capacity ${num(capacity)} ${r.unit}`, true) +
    hline(r.planned, '#2e7d32', '4 4', 'planned', `planned max ${num(r.planned)}`, false) +
    `${fitted}<path class="used" d="${path}" fill="none" stroke="#1565c0" stroke-width="2"/>${dots}${marker}</svg></figure>`;
}
