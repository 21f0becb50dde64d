// The runs-out forecast (usage/trend.ts) on synthetic histories whose answers are worked out by hand
// in the comments: least squares slope = Sxy/Sxx, intercept = ȳ - slope·x̄, R² = Sxy²/(Sxx·Syy),
// run-out day = first day + ceil((capacity - intercept) / slope).
import { expect } from 'chai';
import { ALERT_DAYS, fitTrend, MIN_POINTS, MIN_R_SQUARED, MIN_SPAN_DAYS, trendAlerts, type UsagePoint } from '../usage/trend';

/** Points at `days` after `start`, with `used` values. */
function history(start: string, days: number[], used: number[]): UsagePoint[] {
  const base = Date.parse(`${start}T00:00:00Z`);
  return days.map((d, i) => ({ date: new Date(base + d * 86_400_000).toISOString().slice(0, 10), used: used[i] }));
}

describe('usage trend: least squares fit and runs-out date', () => {
  it('a perfect line: 400 + 5/day over 49 days reaches 1,019 on day 124 = 2027-02-17, 75 days after 2026-12-04', () => {
    // x = 0, 7, ..., 49 from 2026-10-16; y = 400 + 5x exactly: slope 5, intercept 400, R² 1.
    // (1019 - 400) / 5 = 123.8 -> day 124 -> 2026-10-16 + 124 days = 2027-02-17 (Oct 15 + Nov 30 + Dec 31 + Jan 31 + 17 = 124).
    // today 2026-12-04 is day 49: 124 - 49 = 75 days left, within 90.
    const days = [0, 7, 14, 21, 28, 35, 42, 49];
    const t = fitTrend(history('2026-10-16', days, days.map((d) => 400 + 5 * d)), 1019, '2026-12-04');
    expect(t.status).to.equal('dated');
    expect(t.slopePerDay).to.be.closeTo(5, 1e-9);
    expect(t.intercept).to.be.closeTo(400, 1e-9);
    expect(t.rSquared).to.be.closeTo(1, 1e-12);
    expect(t.runsOutOn).to.equal('2027-02-17');
    expect(t.daysLeft).to.equal(75);
    expect(t.spanDays).to.equal(49);
    expect(trendAlerts(t)).to.equal(true);
  });

  it('a noisy but clear rise: slope 3.2, intercept 97.2, R² 0.966, capacity 251 reached 2026-12-20', () => {
    // x = 0,7,14,21,28 (from 2026-11-01); y = 100,114,149,156,191. x̄ = 14, ȳ = 710/5 = 142.
    // dx = -14,-7,0,7,14; dy = -42,-28,7,14,49.
    // Sxx = 196+49+0+49+196 = 490; Sxy = 588+196+0+98+686 = 1568; Syy = 1764+784+49+196+2401 = 5194.
    // slope = 1568/490 = 3.2; intercept = 142 - 3.2·14 = 97.2; R² = 1568²/(490·5194) = 2458624/2545060 = 0.96604.
    // (251 - 97.2)/3.2 = 48.06 -> day 49 -> 2026-11-01 + 49 = 2026-12-20; today 2026-11-29 (day 28): 21 days left.
    const t = fitTrend(history('2026-11-01', [0, 7, 14, 21, 28], [100, 114, 149, 156, 191]), 251, '2026-11-29');
    expect(t.status).to.equal('dated');
    expect(t.slopePerDay).to.be.closeTo(3.2, 1e-9);
    expect(t.intercept).to.be.closeTo(97.2, 1e-9);
    expect(t.rSquared).to.be.closeTo(2458624 / 2545060, 1e-9);
    expect(t.runsOutOn).to.equal('2026-12-20');
    expect(t.daysLeft).to.equal(21);
  });

  it('flat: the same count every day gives no date', () => {
    const t = fitTrend(history('2026-10-16', [0, 7, 14, 21, 28, 35, 42], [13, 13, 13, 13, 13, 13, 13]), 256, '2026-12-04');
    expect(t.status).to.equal('flat');
    expect(t.runsOutOn).to.equal(undefined);
    expect(trendAlerts(t)).to.equal(false);
  });

  it('noisy: R² 0.0055 is far under 0.8, no date', () => {
    // x = 0..42 step 7, y = 20,26,18,25,19,24,22: x̄ = 21, ȳ = 154/7 = 22.
    // dx = -21,-14,-7,0,7,14,21; dy = -2,4,-4,3,-3,2,0.
    // Sxy = 42-56+28+0-21+28+0 = 21; Sxx = 1372; Syy = 4+16+16+9+9+4+0 = 58; R² = 441/(1372·58) = 0.00554.
    const t = fitTrend(history('2026-10-16', [0, 7, 14, 21, 28, 35, 42], [20, 26, 18, 25, 19, 24, 22]), 251, '2026-11-27');
    expect(t.status).to.equal('too-noisy');
    expect(t.rSquared).to.be.closeTo(441 / (1372 * 58), 1e-9);
    expect(t.rSquared).to.be.below(MIN_R_SQUARED);
    expect(t.runsOutOn).to.equal(undefined);
  });

  it('too few points, too short a span, shrinking, beyond the horizon: no date, each says why', () => {
    expect(fitTrend(history('2026-11-01', [0, 10, 20, 30], [1, 2, 3, 4]), 100, '2026-12-01').status).to.equal('too-few-points');
    expect(MIN_POINTS).to.equal(5);
    // five points over 4 days: under the 14-day minimum
    expect(fitTrend(history('2026-11-01', [0, 1, 2, 3, 4], [1, 2, 3, 4, 5]), 100, '2026-11-05').status).to.equal('too-short');
    expect(MIN_SPAN_DAYS).to.equal(14);
    expect(fitTrend(history('2026-11-01', [0, 7, 14, 21, 28], [50, 45, 40, 35, 30]), 100, '2026-11-29').status).to.equal('shrinking');
    // +0.1 a day from 10 towards 1,019: (1019-10)/0.1 = 10,090 days, beyond 3 years
    expect(fitTrend(history('2026-11-01', [0, 10, 20, 30, 40], [10, 11, 12, 13, 14]), 1019, '2026-12-11').status).to.equal('beyond-horizon');
  });

  it('full now is reported whatever the history', () => {
    const t = fitTrend([{ date: '2026-12-04', used: 251 }], 251, '2026-12-04');
    expect(t.status).to.equal('full');
    expect(t.daysLeft).to.equal(0);
    expect(trendAlerts(t)).to.equal(true);
  });

  it('two lines of one day: the later wins', () => {
    // the same perfect line as above, with a stray earlier reading of day 49 that the later one replaces
    const days = [0, 7, 14, 21, 28, 35, 42];
    const points = [...history('2026-10-16', days, days.map((d) => 400 + 5 * d)), { date: '2026-12-04', used: 999 }, { date: '2026-12-04', used: 645 }];
    const t = fitTrend(points, 1019, '2026-12-04');
    expect(t.points).to.equal(8);
    expect(t.runsOutOn).to.equal('2027-02-17');
  });

  it('alerts within 90 days only', () => {
    expect(ALERT_DAYS).to.equal(90);
    // 5/day from 0 at day 0..42 (2026-01-01): capacity 1000 reached on day 200 -> 2026-07-20; today day 42 -> 158 days left
    const days = [0, 7, 14, 21, 28, 35, 42];
    const t = fitTrend(history('2026-01-01', days, days.map((d) => 5 * d)), 1000, '2026-02-12');
    expect(t.runsOutOn).to.equal('2026-07-20');
    expect(t.daysLeft).to.equal(158);
    expect(trendAlerts(t)).to.equal(false);
  });
});
