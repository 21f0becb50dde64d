// `aksnet plan --format markdown` (issue 10): the PR comment. Per stack the findings come first, then
// subnets with utilization and pools with headroom; big stacks fold their tables into <details>.
import { expect } from 'chai';
import * as fs from 'node:fs';
import { aksnetInProcess, scratchDir, writeStack } from './cliHarness';

/** A classic Azure CNI stack with `subnets` node subnets and one pool in each. */
function estate(subnets: number, maxCount = 5) {
  return {
    addressSpace: ['10.1.0.0/16'],
    plugin: 'azure-cni',
    subnets: Array.from({ length: subnets }, (_, i) => ({ name: `nodes${i}`, cidr: `10.1.${i}.0/24` })),
    nodePools: Array.from({ length: subnets }, (_, i) => ({
      name: `pool${i}`,
      mode: i === 0 ? 'System' : 'User',
      vmSize: 'Standard_D4s_v5',
      minCount: 2,
      maxCount,
      maxPods: 30,
      subnet: `nodes${i}`,
    })),
  };
}

async function planMarkdown(network: unknown): Promise<{ status: number | null; md: string; json: any }> {
  const dir = scratchDir();
  try {
    const file = writeStack(dir, 'pr', network);
    const md = await aksnetInProcess(['plan', '--today', '2026-12-04', file, '--format', 'markdown']);
    const json = JSON.parse((await aksnetInProcess(['plan', '--today', '2026-12-04', file, '--format', 'json'])).stdout);
    return { status: md.status, md: md.stdout, json };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('aksnet plan --format markdown', () => {
  it('puts a stack\'s findings before its tables', async () => {
    // 5 + 1 surge = 6 nodes x (1 + 30) = 186 of 251 usable in a /24: 74% used, 26% left; maxCount 6:
    // 7 x 31 = 217, 86% used -> LOW_HEADROOM (under 20% left) [rules §1, §3]
    const { md } = await planMarkdown(estate(1, 6));
    const finding = md.indexOf('⚠️ **LOW_HEADROOM** `subnets[0]`');
    expect(finding).to.be.greaterThan(0);
    expect(finding).to.be.lessThan(md.indexOf('| Subnet | CIDR |'));
    expect(md).to.match(/^## ✅ aksnet plan: 0 errors, 1 warning\n/);
  });

  it('shows each subnet\'s utilization and runs-out-at and each pool\'s headroom as the JSON has them', async () => {
    const { md, json } = await planMarkdown(estate(2));
    // pool0: 6 nodes x 31 = 186 of 251 -> 74%; headroom floor((251 - 186) / 31) = 2: runs out when
    // pool0 reaches maxCount 5 + 2 + 1 = 8 (9 nodes x 31 = 279 > 251), the largest safe maxCount is 7
    expect(md).to.include('| nodes0 | `10.1.0.0/24` | nodes | 74% | 186 / 251 | +2 | pool0 at 8 |');
    expect(json.subnets[0]).to.include({ headroomNodes: 2, runsOutAtNodes: 8, forecastPool: 'pool0' });
    expect(md).to.include('| pool0 (System) | 2..5 | 1 | 30 | +2 | 8 | **7** | SUBNET_EXHAUSTED (subnet nodes0) |');
    expect(json.pools[0]).to.include({ headroomNodes: 2, runsOutAtNodes: 8, maxSafeMaxCount: 7, limitedBy: 'SUBNET_EXHAUSTED', limitedByPath: 'subnets[0]' });
  });

  it('folds a big stack into <details> (open when it fails) and leaves a small one unfolded', async () => {
    // 4 subnets + 4 pools = 8 rows: shown; 5 + 5 = 10 rows: folded
    expect((await planMarkdown(estate(4))).md).not.to.include('<details');
    const big = await planMarkdown(estate(5));
    expect(big.md).to.include('<details><summary>5 subnets, 5 pools</summary>');
    expect(big.md.indexOf('<details>')).to.be.lessThan(big.md.indexOf('| Subnet | CIDR |'));
    // maxCount 10: 11 x 31 = 341 > 251 -> SUBNET_EXHAUSTED; the failing stack is folded open
    const failing = await planMarkdown(estate(5, 10));
    expect(failing.status).to.equal(1);
    expect(failing.md).to.match(/^## ❌ aksnet plan/);
    expect(failing.md).to.include('<details open><summary>');
    expect(failing.md.indexOf('❌ **SUBNET_EXHAUSTED**')).to.be.lessThan(failing.md.indexOf('<details open>'));
  });
});
