// Dated output follows `--today`, not the clock (the developers' guide: anything dated compares with
// today's date; `--today` pins it). The same command at two dates must give each date's own day
// counts: a check that read the clock somewhere would print the same count twice.
import { expect } from 'chai';
import * as path from 'node:path';
import { aksnetInProcess, ROOT } from './cliHarness';

const SHOP = path.join(ROOT, 'examples', 'gateway-api');
const KUBENET = path.join(ROOT, 'examples', 'kubenet');

interface PlanJson {
  findings: { code: string; message: string }[];
}

async function findingMessage(today: string, code: string): Promise<string> {
  const r = await aksnetInProcess(['plan', '--stack', 'shop', '--today', today, '--format', 'json'], SHOP);
  const found = (JSON.parse(r.stdout) as PlanJson).findings.find((f) => f.code === code);
  expect(found, `${code} at ${today}`).to.not.equal(undefined);
  return found!.message;
}

describe('--today pins every dated check (not the clock)', function () {
  this.timeout(120_000);

  // app-routing's managed NGINX: Azure support ended on 2026-11-30 (design/ingress/lifecycle.ts).
  // 2026-11-30 -> 2026-12-04: 4 days. 2026-11-30 -> 2028-05-01: 31 (to 2026-12-31) + 365 (2027)
  // + 31 + 29 + 31 + 30 (Jan-Apr 2028, a leap year) + 1 = 518 days.
  it('aksnet plan: the program\'s ingress end-of-support finding counts from --today', async () => {
    expect(await findingMessage('2026-12-04', 'INGRESS_APP_ROUTING_NGINX_RETIRED')).to.include('ended on 2026-11-30 (4 days ago)');
    expect(await findingMessage('2028-05-01', 'INGRESS_APP_ROUTING_NGINX_RETIRED')).to.include('ended on 2026-11-30 (518 days ago)');
  });

  // kubenet retires on 2028-03-31 (planner/migrate.ts). 2026-12-04 -> 2028-03-31: 27 (to 2026-12-31)
  // + 365 (2027) + 31 + 29 + 31 (Jan-Mar 2028) = 483 days; 2028-04-02 is 2 days after it: -2.
  it('aksnet migrate: the days left before kubenet retires count from --today', async () => {
    const daysLeft = async (today: string) => {
      const r = await aksnetInProcess(['migrate', '--stack', 'legacy', '--today', today, '--format', 'json'], KUBENET);
      return (JSON.parse(r.stdout) as { daysLeft?: number }).daysLeft;
    };
    expect(await daysLeft('2026-12-04')).to.equal(483);
    expect(await daysLeft('2028-04-02')).to.equal(-2);
  });
});
