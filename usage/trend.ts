// The runs-out forecast: a straight line fitted by least squares through the addresses a range has
// used over time (the --history snapshots), and the day that line reaches the range's capacity.
//
// A date is given only when the data can carry one: enough points over enough days, a line that
// rises, and a fit that explains most of the movement (R², the share of the variance of the used
// count that the line accounts for). Otherwise the forecast says why there is no date. Pure.

/** One history point: a day and the addresses in use that day. */
export interface UsagePoint {
  date: string;
  used: number;
}

export type TrendStatus = 'dated' | 'full' | 'too-few-points' | 'too-short' | 'flat' | 'shrinking' | 'too-noisy' | 'beyond-horizon';

export interface Trend {
  status: TrendStatus;
  /** points fitted (one per day) */
  points: number;
  /** days from the first point to the last */
  spanDays: number;
  /** the fitted line: used = intercept + slopePerDay × (days since the first point) */
  slopePerDay?: number;
  intercept?: number;
  /** coefficient of determination of the fit, 0..1 (absent when every point is equal) */
  rSquared?: number;
  /** status dated: the day the line reaches capacity */
  runsOutOn?: string;
  /** days from today to runsOutOn (0 when already at capacity) */
  daysLeft?: number;
  /** why there is no date, for people */
  reason?: string;
}

/** At least this many points (days) before a line is fitted: two or three points fit anything. */
export const MIN_POINTS = 5;
/** ...spread over at least this many days, so a weekly cycle is not taken for a trend. */
export const MIN_SPAN_DAYS = 14;
/** A fit explaining less of the variance than this is noise, not a trend. */
export const MIN_R_SQUARED = 0.8;
/** No date further out than this: a line fitted over weeks says nothing about years ahead. */
export const HORIZON_DAYS = 3 * 365;
/** A range forecast to run out within this many days makes `aksnet usage` exit 1. */
export const ALERT_DAYS = 90;

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Fit `points` (one per date; the last one of a date wins) and forecast when `capacity` is reached.
 * `today` is the day the forecast is counted from (YYYY-MM-DD).
 */
export function fitTrend(points: readonly UsagePoint[], capacity: number, today: string): Trend {
  const byDay = new Map<number, number>();
  for (const p of points) byDay.set(dayNumber(p.date), p.used);
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const n = days.length;
  const spanDays = n ? days[n - 1] - days[0] : 0;
  const latest = n ? byDay.get(days[n - 1])! : 0;
  if (n && latest >= capacity) {
    return { status: 'full', points: n, spanDays, runsOutOn: today, daysLeft: 0, reason: `in use ${latest} of ${capacity}: full now` };
  }
  if (n < MIN_POINTS) return { status: 'too-few-points', points: n, spanDays, reason: `${n} point${n === 1 ? '' : 's'} in the history; a trend needs ${MIN_POINTS} days` };
  if (spanDays < MIN_SPAN_DAYS) return { status: 'too-short', points: n, spanDays, reason: `the history spans ${spanDays} days; a trend needs ${MIN_SPAN_DAYS}` };

  // least squares over x = days since the first point: slope = Sxy / Sxx, intercept = ȳ - slope·x̄
  const xs = days.map((d) => d - days[0]);
  const ys = days.map((d) => byDay.get(d)!);
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - meanX) ** 2;
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    syy += (ys[i] - meanY) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const base = { points: n, spanDays, slopePerDay: slope, intercept };
  if (syy === 0) return { ...base, status: 'flat', reason: `${ys[0]} in use on every day: no growth to extrapolate` };
  // R² = 1 - SSres/SStot; for a least-squares line through the mean that is Sxy² / (Sxx·Syy)
  const rSquared = (sxy * sxy) / (sxx * syy);
  const fit = { ...base, rSquared };
  if (slope <= 0) return { ...fit, status: 'shrinking', reason: `usage falls by ${round(-slope)} a day: not running out` };
  if (rSquared < MIN_R_SQUARED) return { ...fit, status: 'too-noisy', reason: `the line explains ${round(rSquared)} of the variance (R²; ${MIN_R_SQUARED} needed): too noisy to date` };
  // the line reaches capacity at x* = (capacity - intercept) / slope days after the first point
  const reachDay = days[0] + Math.ceil((capacity - intercept) / slope);
  const todayDay = dayNumber(today);
  const daysLeft = Math.max(0, reachDay - todayDay);
  if (daysLeft > HORIZON_DAYS) return { ...fit, status: 'beyond-horizon', reason: `at ${round(slope)} a day it would take more than ${Math.round(HORIZON_DAYS / 365)} years` };
  return { ...fit, status: 'dated', runsOutOn: dateOfDay(Math.max(reachDay, todayDay)), daysLeft };
}

/** A dated forecast (or a full range) that comes within ALERT_DAYS. */
export function trendAlerts(trend: Trend | undefined): boolean {
  return !!trend && (trend.status === 'full' || (trend.status === 'dated' && trend.daysLeft! <= ALERT_DAYS));
}

/** "at this rate, runs out around 2027-05 (fit over 42 days, R² 0.97)", or why there is no date. */
export function trendText(trend: Trend | undefined): string {
  if (!trend) return 'no history (--history FILE)';
  if (trend.status === 'full') return 'full now';
  if (trend.status === 'dated') return `at this rate, runs out around ${trend.runsOutOn!.slice(0, 7)} (${trend.runsOutOn}, in ${trend.daysLeft} days; fit over ${trend.spanDays} days, R² ${round(trend.rSquared!)})`;
  return `no date: ${trend.reason}`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
