// The --history file (usage/history.ts): one JSON line per stack per run, read back line by line with
// a problem per bad line, and the text, Markdown and JSON renderers of the report (report/usage.ts).
import { expect } from 'chai';
import { parseHistory, seriesOf, snapshotLine, snapshotOf } from '../usage/history';
import type { StackUsage } from '../usage/compare';
import { renderUsageJson, renderUsageMarkdown, renderUsageText, type UsageReport } from '../report/usage';

const stack: StackUsage = {
  stack: 'payments',
  file: 'Pulumi.payments.yaml',
  vnet: { name: 'aks-payments-vnet', id: '/subscriptions/s/vnet', subscriptionId: 's' },
  complete: false,
  ranges: [
    { key: 'subnet aks-pods', kind: 'subnet', name: 'aks-pods', path: 'subnets[1]', cidr: '10.30.4.0/22', unit: 'addresses', capacity: 1019, planned: 896, used: 645, gap: 251 },
    { key: 'subnet aks-nodes', kind: 'subnet', name: 'aks-nodes', path: 'subnets[0]', cidr: '10.30.0.0/24', unit: 'addresses', capacity: null, planned: 15, used: null, gap: null },
  ],
  pools: [],
  findings: [{ severity: 'error', code: 'AZURE_READ_FAILED', path: '', message: 'cannot read cluster X: 403 AuthorizationFailed (missing permission: Microsoft.ContainerService/managedClusters/read; the Reader role has it) [AZURE_AUTHORIZATION_FAILED]: the figures below are partial' }],
  problems: [{ code: 'AZURE_AUTHORIZATION_FAILED', resource: 'X', status: 403, action: 'Microsoft.ContainerService/managedClusters/read', message: 'cannot read cluster X: 403 AuthorizationFailed' }],
};

describe('usage history (JSON Lines)', () => {
  it('a snapshot keeps the ranges that were read, and says the run was partial', () => {
    const s = snapshotOf(stack, '2026-12-04');
    expect(s).to.deep.equal({ version: 1, date: '2026-12-04', stack: 'payments', partial: true, ranges: [{ key: 'subnet aks-pods', cidr: '10.30.4.0/22', unit: 'addresses', used: 645, capacity: 1019, planned: 896 }] });
    expect(snapshotLine(s).endsWith('}\n')).to.equal(true);
    expect(snapshotLine(s).split('\n')).to.have.length(2);
  });

  it('reads its own lines back; a bad line is a problem with its line number', () => {
    const good = snapshotLine(snapshotOf(stack, '2026-12-04'));
    const text = `${good}\n{"version":2,"date":"2026-12-05","stack":"x","ranges":[]}\n{"version":1,"date":"05/12/2026","stack":"x","ranges":[]}\n[1]\n{"version":1,"date":"2026-12-05","stack":"x","ranges":[{"key":"k","used":"1","capacity":2,"planned":3}]}\n`;
    const { snapshots, problems } = parseHistory(text);
    expect(snapshots).to.have.length(1);
    expect(problems).to.deep.equal([
      { line: 3, message: 'version 2: this aksnet reads version 1' },
      { line: 4, message: 'date must be YYYY-MM-DD' },
      { line: 5, message: 'a snapshot is a JSON object' },
      { line: 6, message: 'each range needs key, used, capacity and planned' },
    ]);
  });

  it('a series is one stack and one range, oldest first', () => {
    const at = (date: string, used: number) => ({ ...snapshotOf(stack, date), ranges: [{ key: 'subnet aks-pods', cidr: null, unit: 'addresses' as const, used, capacity: 1019, planned: 896 }] });
    const other = { ...at('2026-12-01', 1), stack: 'shop' };
    expect(seriesOf([at('2026-12-03', 30), other, at('2026-12-01', 10)], 'payments', 'subnet aks-pods').map((p) => [p.date, p.used])).to.deep.equal([['2026-12-01', 10], ['2026-12-03', 30]]);
  });
});

describe('usage report renderers', () => {
  const report: UsageReport = { today: '2026-12-04', cloud: 'AzurePublicCloud', armEndpoint: 'https://management.azure.com', partial: true, ok: false, stacks: [stack] };

  it('text: a partial report says so at the top and on the stack; unread figures are dashes', () => {
    const text = renderUsageText(report);
    expect(text.split('\n')[0]).to.equal('aksnet usage: 1 stack on 2026-12-04, AzurePublicCloud (https://management.azure.com) — PARTIAL: some Azure reads failed');
    expect(text).to.contain('payments (Pulumi.payments.yaml): VNet aks-payments-vnet (subscription s), cluster unread [partial]');
    expect(text).to.match(/aks-nodes\s+10\.30\.0\.0\/24\s+addresses\s+-\s+15\s+-\s+-\s+-/);
    expect(text).to.contain('error AZURE_READ_FAILED: cannot read cluster X');
  });

  it('Markdown and JSON carry the partial mark too', () => {
    expect(renderUsageMarkdown(report)).to.contain('> **Partial**: some Azure reads failed');
    expect(JSON.parse(renderUsageJson(report))).to.deep.include({ partial: true, ok: false });
  });
});
