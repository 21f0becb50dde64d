// `aksnet plan --format html`: one self-contained page (inline CSS and SVG, no script, no remote
// anything). Per stack: findings, an address map of the VNet drawn to scale, the pod and service
// ranges beside it, pool headroom, and the forecast chart (report/forecastSeries.ts).
// Every piece of text from a config goes through esc().
import { alignDown, type Cidr, contains, containsAddress, formatCidr, lastAddress, makeCidr, parseCidr, parseIPv4, size } from '../planner/cidr';
import type { Finding } from '../planner/findings';
import type { IngressPlan, Plan, PoolPlan, SubnetPlan } from '../planner/types';
import { bySeverity, countBySeverity, findingWhere, headroomCell, limitedByText, nodeRange, num, percent, plural, roleText, runsOutCell, safeMaxCell } from './format';
import { ingressSummary } from './ingress';
import { forecastSeries, type RangeSeries } from './forecastSeries';
import { type PlanReport, reportOk, type StackReport } from './model';

/** Pixel width of an address bar: a subnet is drawn `MAP_WIDTH × its size / the space's size` wide. */
export const MAP_WIDTH = 960;
const BAR_HEIGHT = 44;

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Utilization colours: green below 60%, amber below 80%, orange up to 100%, red above; grey when nothing is planned in it. */
export function utilizationColor(u: number | null, used: boolean): string {
  if (!used) return '#90a4ae';
  if (u === null || u > 1) return '#c62828';
  if (u >= 0.8) return '#ef6c00';
  if (u >= 0.6) return '#f9a825';
  return '#2e7d32';
}

/** The hatching of free space, defined once per page and used by every bar. */
const FREE_PATTERN = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><pattern id="free" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f5f7fa"/><line x1="0" y1="0" x2="0" y2="8" stroke="#cbd2d9" stroke-width="3"/></pattern></defs></svg>`;

const LEGEND = [
  ['#2e7d32', 'under 60% used'],
  ['#f9a825', 'under 80%'],
  ['#ef6c00', 'up to 100%'],
  ['#c62828', 'over 100%'],
  ['#90a4ae', 'no pool in it'],
].map(([color, text]) => `<span class="swatch" style="background:${color}"></span>${text}`).join(' &nbsp; ') + ' &nbsp; (at every pool\'s maxCount plus surge)';

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1f2933;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 4px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#52606d;margin:0 0 8px}
table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid #e4e7eb;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td{white-space:nowrap}td.wrap{white-space:normal}code{font:12px ui-monospace,monospace}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
ul.findings{padding-left:18px}b.over-full,tr.over td.headroom,tr.blocked td.headroom{color:#c62828}li.error{color:#b71c1c}li.warning{color:#8d5b00}
svg text{font:11px system-ui,sans-serif;fill:#1f2933}svg text.in{fill:#fff}.ok{color:#2e7d32}.bad{color:#c62828}
`;

export function renderHtml(report: PlanReport): string {
  const all = [...report.stacks.flatMap((s) => s.plan.findings), ...report.crossStackFindings];
  const { errors, warnings } = countBySeverity(all);
  const ok = reportOk(report);
  const body = [
    `<h1>aksnet plan <span class="${ok ? 'ok' : 'bad'}">${ok ? 'fits' : 'does not fit'}</span></h1>`,
    `<p class="meta">${report.stacks.length} stack${report.stacks.length === 1 ? '' : 's'} · ${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'} · demand at every pool's maxCount plus upgrade surge</p>`,
    ...(report.crossStackFindings.length ? ['<h3>Across stacks</h3>', findingsHtml(report.crossStackFindings)] : []),
    ...report.stacks.map(stackHtml),
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>aksnet plan: ${esc(report.stacks.map((s) => s.stack).join(', '))}</title><style>${STYLE}</style></head>
<body>
${FREE_PATTERN}
${body.join('\n')}
</body></html>
`;
}

function stackHtml(s: StackReport): string {
  const { plan } = s;
  const n = plan.network;
  return `<section class="stack" data-stack="${esc(s.stack)}">
<h2>${esc(s.stack)}: ${esc(n.pluginLabel)} <span class="${plan.ok ? 'ok' : 'bad'}">${plan.ok ? '✔' : '✘'}</span></h2>
<p class="meta"><code>${esc(s.file)}</code> · policy ${esc(n.networkPolicy)} · outbound ${esc(n.outboundType)} · ${plural(plan.totals.maxNodes, 'node')} + ${num(plan.totals.surgeNodes)} surge</p>
${plan.ingress ? `<p class="ingress">Ingress: ${esc(ingressSummary(plan.ingress))}</p>` : ''}
${plan.findings.length ? findingsHtml(plan.findings) : '<p class="ok">No findings.</p>'}
<h3>Address map</h3>
${addressMap(plan)}
${subnetTable(plan.subnets, plan.ingress)}
<h3>Pod and service ranges${plan.routeTable ? ', route table' : ''}</h3>
${sideRanges(plan)}
<h3>Pool headroom</h3>
${poolTable(plan.pools, plan.subnets)}
<h3>Forecast: addresses used as a pool grows, until each range runs out</h3>
${forecastChart(forecastSeries(plan, s.byoCni))}
</section>`;
}

function findingsHtml(findings: readonly Finding[]): string {
  return `<ul class="findings">${bySeverity(findings).map((f) => `<li class="${f.severity}"><b>${esc(f.code)}</b> <code>${esc(findingWhere(f))}</code>: ${esc(f.message)}</li>`).join('')}</ul>`;
}

/**
 * One bar per VNet address range, every subnet placed at its offset and drawn at its size. Subnets
 * too narrow for their name and CIDR get zoomed bars (still to scale): neighbours are grouped while
 * they sit within an eighth of the bar, and each group is drawn again on the smallest aligned block
 * that holds it (a lone subnet on a block four times its size, to show its neighbourhood), until
 * every subnet is labelled somewhere.
 */
function addressMap(plan: Plan): string {
  const rows: string[] = [];
  // the ingress front end's private IP, marked where it sits
  const frontEndIp = plan.ingress?.ip ? parseIPv4(plan.ingress.ip) : undefined;
  const frontEnd = frontEndIp === undefined ? undefined : { address: frontEndIp, text: `ingress front-end IP ${plan.ingress!.ip} (${plan.ingress!.controller})` };
  let y = 0;
  for (const spaceText of plan.network.addressSpace) {
    const space = parseCidr(spaceText);
    if (!space.ok) continue;
    const inside = plan.subnets.flatMap((s) => {
      const c = s.cidr ? parseCidr(s.cidr) : undefined;
      return c?.ok && contains(space.cidr, c.cidr) ? [{ s, c: c.cidr }] : [];
    });
    rows.push(addressBar('space', space.cidr, inside, y, `${spaceText} (${num(size(space.cidr.prefix))} addresses)`, frontEnd));
    y += BAR_HEIGHT + 30;
    const zoomInto = (range: Cidr, depth: number) => {
      for (const zoom of zoomsFor(range, inside)) {
        const members = inside.filter((i) => contains(zoom, i.c));
        rows.push(addressBar('zoom', zoom, members, y, `zoom on ${formatCidr(zoom.start, zoom.prefix)} (${num(size(zoom.prefix))} addresses), where ${members.map((m) => m.s.name).join(', ')} ${members.length === 1 ? 'is' : 'are'}`, frontEnd));
        y += BAR_HEIGHT + 30;
        if (depth < 4) zoomInto(zoom, depth + 1);
      }
    };
    zoomInto(space.cidr, 0);
  }
  return `<svg class="address-map" width="${MAP_WIDTH}" height="${y}" viewBox="0 0 ${MAP_WIDTH} ${y}" role="img" aria-label="VNet address map">
${rows.join('\n')}</svg>
<p class="meta">${LEGEND}${frontEnd ? ` &nbsp; ▼ ${esc(frontEnd.text)}` : ''}</p>`;
}

/** Pixels a subnet's label needs: its longer line at about 6.6 px a character (11 px type), plus padding. */
function labelWidth(s: SubnetPlan): number {
  return Math.max(s.name.length, (s.cidr ?? '').length) * 6.6 + 8;
}

function widthIn(range: Cidr, c: Cidr): number {
  return (size(c.prefix) / size(range.prefix)) * MAP_WIDTH;
}

/** The blocks to zoom on inside `range` so its unlabelled subnets get room. */
function zoomsFor(range: Cidr, inside: { s: SubnetPlan; c: Cidr }[]): Cidr[] {
  const unlabelled = inside.filter((i) => contains(range, i.c) && widthIn(range, i.c) < labelWidth(i.s)).sort((a, b) => a.c.start - b.c.start);
  const groups: Cidr[][] = [];
  for (const { c } of unlabelled) {
    const last = groups[groups.length - 1];
    if (last && enclosing([...last, c]).prefix >= range.prefix + 3) last.push(c);
    else groups.push([c]);
  }
  const zooms: Cidr[] = [];
  for (const group of groups) {
    let zoom = enclosing(group);
    if (group.length === 1) {
      const prefix = Math.max(range.prefix + 1, zoom.prefix - 2);
      zoom = makeCidr(alignDown(zoom.start, prefix), prefix);
    }
    if (zoom.prefix > range.prefix) zooms.push(zoom);
  }
  return zooms;
}

function addressBar(kind: 'space' | 'zoom', range: Cidr, inside: { s: SubnetPlan; c: Cidr }[], y: number, caption: string, frontEnd?: { address: number; text: string }): string {
  const total = size(range.prefix);
  const x = (start: number) => ((start - range.start) / total) * MAP_WIDTH;
  const cells = inside.map(({ s, c }) => {
    const w = (size(c.prefix) / total) * MAP_WIDTH;
    const color = utilizationColor(s.utilization, s.demand > 0);
    const label = w >= labelWidth(s) ? `<text class="in" x="${fmt(x(c.start) + 4)}" y="${y + 18}">${esc(s.name)}</text><text class="in" x="${fmt(x(c.start) + 4)}" y="${y + 33}">${esc(s.cidr!)}</text>` : '';
    return `<g class="subnet" data-subnet="${esc(s.name)}" data-cidr="${esc(s.cidr!)}" data-size="${size(c.prefix)}"><rect x="${fmt(x(c.start))}" y="${y}" width="${fmt(w)}" height="${BAR_HEIGHT}" fill="${color}" stroke="#fff" stroke-width="0.5"><title>${esc(`${s.name} ${s.cidr} · ${percent(s.utilization)} used (${num(s.demand)} of ${num(s.usable)})`)}</title></rect>${label}</g>`;
  });
  if (frontEnd && containsAddress(range, frontEnd.address)) {
    // a downward triangle on the bar's top edge, at the address
    const fx = x(frontEnd.address) + (MAP_WIDTH / total) / 2;
    cells.push(`<g class="front-end" data-ip="${esc(formatCidr(frontEnd.address, 32).replace('/32', ''))}"><path d="M${fmt(fx - 6)},${y} L${fmt(fx + 6)},${y} L${fmt(fx)},${y + 10} Z" fill="#1f2933"><title>${esc(frontEnd.text)}</title></path></g>`);
  }
  const rangeText = formatCidr(range.start, range.prefix);
  return `<g class="${kind}" data-cidr="${esc(rangeText)}" data-size="${total}"><rect class="free" x="0" y="${y}" width="${MAP_WIDTH}" height="${BAR_HEIGHT}" fill="url(#free)" stroke="#9aa5b1"><title>${esc(`${rangeText}: free where no subnet is drawn`)}</title></rect>${cells.join('')}` +
    `<text x="0" y="${y + BAR_HEIGHT + 14}">${esc(caption)}</text><text x="${MAP_WIDTH}" y="${y + BAR_HEIGHT + 14}" text-anchor="end">hatched: free</text></g>`;
}

/** The smallest aligned block holding every range. */
function enclosing(ranges: Cidr[]): Cidr {
  const first = Math.min(...ranges.map((r) => r.start));
  const last = Math.max(...ranges.map(lastAddress));
  let prefix = 32;
  while (prefix > 0 && lastAddress(makeCidr(alignDown(first, prefix), prefix)) < last) prefix--;
  return makeCidr(alignDown(first, prefix), prefix);
}

function subnetTable(subnets: SubnetPlan[], ingress: IngressPlan | undefined): string {
  const rows = subnets.map(
    (s) =>
      `<tr class="subnet-row" data-subnet="${esc(s.name)}"><td><span class="swatch" style="background:${utilizationColor(s.utilization, s.demand > 0)}"></span>${esc(s.name)}</td><td><code>${esc(s.cidr ?? 'unplaced')}</code>${s.carved ? ' carved' : ''}</td><td class="role">${esc(roleText(s, ingress))}</td>` +
      `<td class="n">${num(s.demand)} / ${num(s.usable)}</td><td class="n">${percent(s.utilization)}</td><td class="n headroom">${esc(headroomCell(s, false))}</td><td class="n">${esc(runsOutCell(s, s.forecastPool))}</td></tr>`,
  );
  return `<table class="subnets"><thead><tr><th>Subnet</th><th>CIDR</th><th>Role</th><th class="n">Demand / usable</th><th class="n">Used</th><th class="n">Headroom (nodes)</th><th class="n">Runs out at (maxCount)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The pod range (demand filled in) and the service range, each a bar on its own scale. */
function sideRanges(plan: Plan): string {
  const bars: string[] = [];
  let y = 0;
  const bar = (kind: string, cidr: string, fill: number, color: string, caption: string) => {
    bars.push(
      `<g class="side-range" data-kind="${kind}" data-cidr="${esc(cidr)}"><rect x="0" y="${y}" width="${MAP_WIDTH}" height="22" fill="url(#free)" stroke="#9aa5b1"/>` +
        `<rect x="0" y="${y}" width="${fmt(Math.min(1, fill) * MAP_WIDTH)}" height="22" fill="${color}"><title>${esc(caption)}</title></rect>` +
        `<text x="0" y="${y + 36}">${esc(caption)}</text></g>`,
    );
    y += 50;
  };
  for (const r of plan.podRanges) {
    bar('pods', r.cidr, r.utilization ?? 1, utilizationColor(r.utilization, r.demandBlocks > 0), `pods ${r.name} ${r.cidr}: ${num(r.demandBlocks)} of ${num(r.totalBlocks)} /${r.blockPrefixLength} blocks (${percent(r.utilization)})`);
  }
  const t = plan.routeTable;
  if (t) {
    bar('routes', `${t.limit} routes`, t.utilization, utilizationColor(t.utilization, t.used > 0), `route table (kubenet): ${num(t.used)} of ${num(t.limit)} routes, one per node with surge (${percent(t.utilization)}); headroom ${headroomCell(t)}, runs out at ${runsOutCell(t, t.forecastPool)}`);
  }
  bar('services', plan.network.serviceCidr, 0, '#90a4ae', `services ${plan.network.serviceCidr} (DNS ${plan.network.dnsServiceIP}): cluster IPs, no VNet addresses taken`);
  return `<svg class="side-ranges" width="${MAP_WIDTH}" height="${y}" viewBox="0 0 ${MAP_WIDTH} ${y}">${bars.join('')}</svg>`;
}

function poolTable(pools: PoolPlan[], subnets: SubnetPlan[]): string {
  const rows = pools.map((p) => {
    const state = p.blockedBy ? 'blocked' : p.headroomNodes < 0 ? 'over' : 'fits';
    return `<tr class="pool-row ${state}" data-pool="${esc(p.name)}" data-state="${state}"><td>${esc(p.name)}</td><td>${esc(p.mode)}</td><td class="n">${nodeRange(p)}</td><td class="n">${p.surgeNodes}</td><td class="n">${p.maxPods}</td><td class="n headroom">${esc(headroomCell(p, false))}</td><td class="n">${esc(runsOutCell(p))}</td><td class="n">${esc(safeMaxCell(p))}</td><td>${poolBar(p)}</td><td class="wrap">${esc(limitedByText(p, subnets))}</td></tr>`;
  });
  return `<table class="pools"><thead><tr><th>Pool</th><th>Mode</th><th class="n">Nodes</th><th class="n">Surge</th><th class="n">maxPods</th><th class="n">Headroom</th><th class="n">Runs out at</th><th class="n">Safe maxCount</th><th>maxCount + surge / runs out at</th><th>Limited by</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * maxCount and surge against where the pool runs out. A pool that fits fills blue up to maxCount and
 * light blue for its surge; an over-full one is red, with the nodes to take away in words; a
 * blocked one is grey with the finding that blocks it.
 */
function poolBar(p: PoolPlan): string {
  const W = 140;
  if (p.blockedBy) {
    return `<svg class="pool-bar" width="${W}" height="14"><rect width="${W}" height="14" fill="#cfd8dc"/><text x="4" y="11">blocked<title>${esc(p.blockedBy)}</title></text></svg>`;
  }
  if (p.headroomNodes < 0) {
    // the safe part of maxCount, then the nodes over it in red, on a scale of maxCount plus surge
    const scale = Math.max(1, p.maxNodes + p.surgeNodes);
    const safe = (Math.max(0, p.maxSafeMaxCount) / scale) * W;
    return `<svg class="pool-bar" width="${W}" height="14"><rect width="${W}" height="14" fill="#c62828"/><rect width="${fmt(safe)}" height="14" fill="#3e7cb1"/><text class="in" x="${W - 4}" y="11" text-anchor="end">over by ${plural(-p.headroomNodes, 'node')}</text></svg>`;
  }
  const scale = Math.max(1, p.runsOutAtNodes);
  const used = Math.min(1, p.maxNodes / scale) * W;
  const surge = Math.min(1, (p.maxNodes + p.surgeNodes) / scale) * W - used;
  return `<svg class="pool-bar" width="${W}" height="14"><rect width="${W}" height="14" fill="#e4e7eb"/><rect width="${fmt(used)}" height="14" fill="#3e7cb1"/><rect x="${fmt(used)}" width="${fmt(Math.max(0, surge))}" height="14" fill="#9fc3e0"/></svg>`;
}

const CHART = { width: MAP_WIDTH, height: 320, left: 56, right: 20, top: 14, bottom: 40 } as const;
const LINE_COLORS = ['#1565c0', '#6a1b9a', '#00838f', '#ad1457', '#4e342e', '#37474f'];

/**
 * Lines of % of capacity used against the maxCount of the pool each range grows. The x scale is
 * written on the <svg> (data-x-origin, data-px-per-node) so a reader (and the browser test) can turn
 * a position back into a maxCount.
 */
function forecastChart(series: RangeSeries[]): string {
  if (series.length === 0) return '<p>No range is used by a pool.</p>';
  // the x axis reaches past both the planned maxCount and the runs-out point of every line
  const maxX = Math.max(...series.map((s) => Math.max(s.exhaustedAtMaxCount, s.planned.maxCount)), 1) * 1.05;
  const maxShare = Math.max(1.1, ...series.map((s) => Math.max(s.planned.used, ...s.points.map((p) => p.used)) / s.capacity)) * 1.02;
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const pxPerNode = plotW / maxX;
  const X = (maxCount: number) => CHART.left + maxCount * pxPerNode;
  const Y = (share: number) => CHART.top + plotH - (share / maxShare) * plotH;
  const parts: string[] = [];
  // above 100%: over capacity, shaded red and said in words
  parts.push(`<rect class="over-capacity" x="${CHART.left}" y="${CHART.top}" width="${plotW}" height="${fmt(Y(1) - CHART.top)}" fill="#c62828" fill-opacity="0.08"/><text class="over-capacity" x="${CHART.left + 4}" y="${CHART.top + 12}" style="fill:#c62828">over capacity (above 100%)</text>`);
  const step = niceStep(maxX / 6);
  for (let nodes = 0; nodes <= maxX; nodes += step) {
    parts.push(`<line x1="${fmt(X(nodes))}" y1="${CHART.top}" x2="${fmt(X(nodes))}" y2="${CHART.top + plotH}" stroke="#eef1f4"/><text x="${fmt(X(nodes))}" y="${CHART.top + plotH + 16}" text-anchor="middle">${num(nodes)}</text>`);
  }
  const shares = [0, 0.25, 0.5, 0.75, 1];
  for (let share = 1.5; share < maxShare; share += 0.5) shares.push(share);
  for (const share of shares) {
    parts.push(`<line x1="${CHART.left}" y1="${fmt(Y(share))}" x2="${CHART.left + plotW}" y2="${fmt(Y(share))}" stroke="${share === 1 ? '#c62828' : '#eef1f4'}"${share === 1 ? ' stroke-dasharray="6 4"' : ''}/><text x="${CHART.left - 6}" y="${fmt(Y(share) + 4)}" text-anchor="end">${Math.round(share * 100)}%</text>`);
  }
  parts.push(`<text x="${CHART.left + plotW / 2}" y="${CHART.height - 4}" text-anchor="middle">maxCount of the pool each range grows (its surge following)</text>`);
  const legend: string[] = [];
  series.forEach((s, i) => {
    const color = LINE_COLORS[i % LINE_COLORS.length];
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${fmt(X(p.maxCount))},${fmt(Y(p.used / s.capacity))}`).join(' ');
    const over = s.planned.used > s.capacity;
    const end = { maxCount: s.exhaustedAtMaxCount, used: s.points.find((p) => p.maxCount === s.exhaustedAtMaxCount)?.used ?? s.planned.used };
    parts.push(
      `<g class="series${over ? ' over' : ''}" data-range="${esc(s.range)}" data-pool="${esc(s.pool)}" data-exhausted-at="${s.exhaustedAtMaxCount}" data-planned="${s.planned.maxCount}"><path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>` +
        `<circle class="exhaustion" cx="${fmt(X(end.maxCount))}" cy="${fmt(Y(end.used / s.capacity))}" r="5" fill="${color}"><title>${esc(`${s.range} runs out when ${s.pool} reaches maxCount ${num(s.exhaustedAtMaxCount)}`)}</title></circle>` +
        `<circle class="planned" cx="${fmt(X(s.planned.maxCount))}" cy="${fmt(Y(s.planned.used / s.capacity))}" r="${over ? 5 : 3.5}" fill="${over ? '#c62828' : '#fff'}" stroke="${color}" stroke-width="2"><title>${esc(`${s.range}: ${s.pool} at maxCount ${num(s.planned.maxCount)} uses ${num(s.planned.used)} of ${num(s.capacity)}${over ? ' (over capacity)' : ''}`)}</title></circle></g>`,
    );
    const verdict = over
      ? `<b class="over-full">over full at the planned maxCount ${num(s.planned.maxCount)}: ${percent(s.planned.used / s.capacity)} used, ${num(s.planned.used - s.capacity)} over</b>; it runs out at maxCount <b class="runs-out" data-range="${esc(s.range)}">${num(s.exhaustedAtMaxCount)}</b>`
      : `planned maxCount ${num(s.planned.maxCount)} (${percent(s.planned.used / s.capacity)} used), runs out at maxCount <b class="runs-out" data-range="${esc(s.range)}">${num(s.exhaustedAtMaxCount)}</b>`;
    legend.push(`<li class="${over ? 'over' : 'fits'}"><span class="swatch" style="background:${color}"></span>${esc(s.range)} <code>${esc(s.cidr)}</code>, growing ${esc(s.pool)}: ${verdict}</li>`);
  });
  return `<svg class="forecast" width="${CHART.width}" height="${CHART.height}" viewBox="0 0 ${CHART.width} ${CHART.height}" data-x-origin="${CHART.left}" data-px-per-node="${pxPerNode}">${parts.join('')}</svg>
<ul class="legend">${legend.join('')}</ul>`;
}

/** A round tick step (1, 2 or 5 times a power of ten) of at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
