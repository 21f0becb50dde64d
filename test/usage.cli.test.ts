// `aksnet usage` end to end against the recorded estate (test/fixtures/usage/estate.json) replayed on
// loopback: the Azure SDK's real pipeline does the paging (nextLink, $skipToken), the retry on 429
// with Retry-After, and the error handling. No network: the server listens on 127.0.0.1 only.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../cli/main';
import { namedCloud } from '../cli/azureClouds';
import { estateQuery } from '../cli/azureEstate';
import type { UsageReport } from '../report/usage';
import { ROOT } from './cliHarness';
import { makeTempDir, removeTempDir } from './tmp';
import { loadRecording, type Recording, type ReplayServer, startReplay, testCredential } from './usageReplay';

const FIXTURES = path.join(__dirname, 'fixtures', 'usage');
const SHOP = path.join(FIXTURES, 'Pulumi.shop.yaml');
const PAYMENTS = path.join(FIXTURES, 'Pulumi.payments.yaml');
const B = '/subscriptions/22222222-2222-2222-2222-222222222222';
const PAYMENTS_CLUSTER = `GET ${B}/resourcegroups/rg-payments/providers/Microsoft.ContainerService/managedClusters/aks-payments`;
const PAYMENTS_PODS = `GET ${B}/resourceGroups/rg-payments/providers/Microsoft.Network/virtualNetworks/aks-payments-vnet/subnets/aks-pods`;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

let dir: string;
before(() => (dir = makeTempDir()));
after(() => removeTempDir(dir));

const GRAPH = 'POST /providers/Microsoft.ResourceGraph/resources';

/** The recording without its opening 429 (only the paging test waits out its Retry-After). */
function unthrottled(): Recording {
  const recording = loadRecording();
  recording[GRAPH] = recording[GRAPH].filter((r) => r.status !== 429);
  return recording;
}

/** Runs `aksnet usage` in this process against a replay of `recording`, capturing stdout and stderr. */
async function usage(args: string[], recording: Recording = unthrottled(), files = [SHOP, PAYMENTS], credential: typeof testCredential = testCredential): Promise<Run & { server: ReplayServer }> {
  const server = await startReplay(recording);
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const status = await main(['usage', ...files, '--arm-endpoint', server.base, '--today', '2026-12-04', ...args], { credential, agent: server.agent });
    return { status, stdout: out.join(''), stderr: err.join(''), server };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    await server.close();
  }
}

const json = (r: Run) => JSON.parse(r.stdout) as UsageReport;
const stackOf = (report: UsageReport, name: string) => report.stacks.find((s) => s.stack === name)!;
const codesOf = (report: UsageReport, name: string) => stackOf(report, name).findings.map((f) => f.code);

describe('aksnet usage against the recorded estate (loopback replay)', function () {
  this.timeout(60_000);

  it('reads used vs planned per subnet, pool and pod range, through paging and a 429', async () => {
    const scopes = new Set<string>();
    const recorder = { getToken: async (s: string | string[]) => ([s].flat().forEach((x) => scopes.add(x)), testCredential.getToken()) };
    const r = await usage(['--format', 'json'], loadRecording(), [SHOP, PAYMENTS], recorder as typeof testCredential);
    // the token is asked for the audience the endpoint's metadata names (its first), + "/.default"
    expect([...scopes]).to.deep.equal(['https://management.core.windows.net/.default']);
    expect(r.stderr).to.equal('');
    const report = json(r);
    expect(report.partial).to.equal(false);
    const shop = stackOf(report, 'shop');
    // the recording: aks-nodes 23 of 251 in use; planned (4+1)+(20+1) nodes + 10 reservedIps = 36
    expect(shop.ranges.find((x) => x.key === 'subnet aks-nodes')).to.include({ used: 23, capacity: 251, planned: 36, gap: 13 });
    // pod range: 3 + 9 + 1 (debug) nodes now = 13 blocks of 2^(24-16) = 256; planned 26 = 5 + 21 nodes
    expect(shop.ranges.find((x) => x.key === 'podCidr')).to.include({ used: 13, capacity: 256, planned: 26 });
    // the second agentPools page (nextLink) holds apps840b2: 9 nodes, autoscaling 1..20, maxPods 110
    expect(shop.pools.find((p) => p.name === 'apps')).to.deep.include({ agentPools: ['apps840b2'], nodes: 9, liveMinCount: 1, liveMaxCount: 20, liveMaxPods: 110 });
    const payments = stackOf(report, 'payments');
    // aks-pods: 645 of 1,019 (a /22 less Azure's 5); the plan's demand is 896
    expect(payments.ranges.find((x) => x.key === 'subnet aks-pods')).to.include({ used: 645, capacity: 1019, planned: 896, gap: 251 });
    // Resource Graph: 429 first (Retry-After: 1), then two pages joined by $skipToken: 3 POSTs, one query
    const graph = r.server.log.filter((l) => l.startsWith(GRAPH));
    expect(graph).to.have.length(3);
    // nextLink pages were followed: the usages and agentPools second pages carry $skiptoken=2
    expect(r.server.log.filter((l) => l.includes('skiptoken=2'))).to.have.length(2);
    // no --history: no trend is fitted to a single day
    expect(report.stacks.flatMap((s) => s.ranges).every((x) => x.trend === undefined)).to.equal(true);
    expect(r.status).to.equal(0);
  });

  it('where the usage API has no figure (-1, as for a gateway subnet), the IP configurations are counted', async () => {
    const recording = unthrottled();
    const usages = `GET ${B}/resourceGroups/rg-payments/providers/Microsoft.Network/virtualNetworks/aks-payments-vnet/usages`;
    const page = recording[usages][0].body as { value: { currentValue: number; limit: number }[] };
    page.value[0] = { ...page.value[0], currentValue: -1, limit: -1 };
    const payments = stackOf(json(await usage(['--format', 'json'], recording)), 'payments');
    // the recorded subnets.get of aks-nodes lists 11 ipConfigurations; its /24 holds 256 - 5 = 251
    expect(payments.ranges.find((x) => x.key === 'subnet aks-nodes')).to.include({ used: 11, capacity: 251 });
  });

  it('the same VNet and cluster names in two subscriptions: AZURE_AMBIGUOUS, name one with --subscription', async () => {
    const recording = unthrottled();
    const graph = recording[GRAPH];
    const page2 = graph[1].body as { data: Record<string, unknown>[] };
    const twin = (graph[0].body as { data: Record<string, unknown>[] }).data.map((row) => ({ ...row, subscriptionId: '33333333-3333-3333-3333-333333333333', id: String(row.id).replace('11111111-1111-1111-1111-111111111111', '33333333-3333-3333-3333-333333333333') }));
    page2.data = [...page2.data, ...twin];
    const shop = stackOf(json(await usage(['--format', 'json'], recording)), 'shop');
    expect(shop.problems.map((p) => p.code)).to.deep.equal(['AZURE_AMBIGUOUS', 'AZURE_AMBIGUOUS']);
    expect(shop.problems[0].message).to.contain('11111111-1111-1111-1111-111111111111, 33333333-3333-3333-3333-333333333333').and.contain('--subscription');
    expect(shop.complete).to.equal(false);
  });

  it('reports the drifted estate with stable codes', async () => {
    const report = json(await usage(['--format', 'json']));
    expect(codesOf(report, 'shop')).to.have.members(['DRIFT_SUBNET_MISSING_IN_CONFIG', 'DRIFT_POOL_ONLY_LIVE', 'DRIFT_POOL_MAXPODS', 'USAGE_ABOVE_PLAN']);
    expect(codesOf(report, 'payments')).to.deep.equal([]);
  });

  it('with history: appends a dated snapshot per stack and dates the run-out (exit 1 within 90 days)', async () => {
    const history = path.join(dir, 'history.jsonl');
    fs.copyFileSync(path.join(FIXTURES, 'history.jsonl'), history);
    const before = fs.readFileSync(history, 'utf8').trim().split('\n').length;
    const r = await usage(['--history', history]);
    const lines = fs.readFileSync(history, 'utf8').trim().split('\n');
    expect(lines.length).to.equal(before + 2);
    expect(JSON.parse(lines[lines.length - 1])).to.include({ date: '2026-12-04', stack: 'payments', partial: false });
    // aks-pods in the history: 400 + 5/day from 2026-10-16, and 645 today (day 49): 1,019 reached on
    // day ceil(619/5) = 124 = 2027-02-17, 75 days from 2026-12-04 (test/usage.trend.test.ts works it out)
    expect(r.stdout).to.contain('subnet aks-pods: at this rate, runs out around 2027-02 (2027-02-17, in 75 days; fit over 49 days, R² 1)');
    expect(r.stdout).to.match(/error USAGE_RUNS_OUT_SOON subnets\[1\]: at this rate subnet aks-pods \(10\.30\.4\.0\/22\) runs out around 2027-02-17/);
    // shop's aks-nodes history is noise, its pod range flat: no date for either
    expect(r.stdout).to.contain('subnet aks-nodes: no date: the line explains');
    expect(r.stdout).to.contain('podCidr: no date: 13 in use on every day');
    expect(r.status).to.equal(1);
  });

  it('a 403 on one subscription: the resource and the missing action are named, the rest is read, the report is partial', async () => {
    const recording = unthrottled();
    recording[PAYMENTS_CLUSTER] = [{
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: `The client 'usage-reader' with object id '00000000-0000-0000-0000-000000000001' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '${B}/resourcegroups/rg-payments/providers/Microsoft.ContainerService/managedClusters/aks-payments' or the scope is invalid. If access was recently granted, please refresh your credentials.` } },
    }];
    const r = await usage(['--format', 'json'], recording);
    const report = json(r);
    expect(report.partial).to.equal(true);
    expect(stackOf(report, 'shop').complete).to.equal(true);
    const payments = stackOf(report, 'payments');
    expect(payments.complete).to.equal(false);
    expect(payments.cluster).to.equal(undefined);
    expect(payments.problems).to.deep.equal([{ code: 'AZURE_AUTHORIZATION_FAILED', resource: `${B}/resourceGroups/rg-payments/providers/Microsoft.ContainerService/managedClusters/aks-payments`, action: 'Microsoft.ContainerService/managedClusters/read', status: 403, message: `cannot read cluster ${B}/resourceGroups/rg-payments/providers/Microsoft.ContainerService/managedClusters/aks-payments: 403 AuthorizationFailed` }]);
    const finding = payments.findings.find((f) => f.code === 'AZURE_READ_FAILED')!;
    expect(finding.message).to.contain('missing permission: Microsoft.ContainerService/managedClusters/read');
    // the VNet of the same stack was still read
    expect(payments.ranges.find((x) => x.key === 'subnet aks-pods')!.used).to.equal(645);
    expect(r.status).to.equal(1);
  });

  it('a 403 whose message names no action: the action the read needs is named', async () => {
    const recording = unthrottled();
    recording[PAYMENTS_CLUSTER] = [{ status: 403, body: { error: { code: 'AuthorizationFailed', message: 'Forbidden.' } } }];
    const payments = stackOf(json(await usage(['--format', 'json'], recording)), 'payments');
    expect(payments.problems[0].action).to.equal('Microsoft.ContainerService/managedClusters/read');
  });

  it('a subnet deleted between the usage list and its read (404): reported gone, the report partial', async () => {
    const recording = unthrottled();
    recording[PAYMENTS_PODS] = [{ status: 404, body: { error: { code: 'NotFound', message: "Resource '/subscriptions/…/subnets/aks-pods' not found." } } }];
    const r = await usage(['--format', 'json'], recording);
    const payments = stackOf(json(r), 'payments');
    expect(payments.problems.map((p) => p.code)).to.deep.equal(['AZURE_NOT_FOUND']);
    expect(payments.problems[0].message).to.contain('deleted while it was read');
    expect(payments.findings.map((f) => `${f.code} ${f.path}`)).to.include('DRIFT_SUBNET_MISSING_LIVE subnets[1]');
    expect(payments.ranges.find((x) => x.key === 'subnet aks-pods')!.used).to.equal(null);
    expect(r.status).to.equal(1);
  });

  it('the HTML page draws used over time with the planned maximum, the capacity and the run-out day', async () => {
    const history = path.join(dir, 'history-html.jsonl');
    fs.copyFileSync(path.join(FIXTURES, 'history.jsonl'), history);
    const r = await usage(['--history', history, '--format', 'html']);
    const chart = /<svg class="usage-chart" data-range="subnet aks-pods"[\s\S]*?<\/svg>/.exec(r.stdout)![0];
    expect(chart).to.contain('class="capacity" data-value="1019"');
    expect(chart).to.contain('class="planned" data-value="896"');
    expect(chart).to.contain('class="runs-out" data-date="2027-02-17"');
    // 8 days of points: the 7 of the history and today's
    expect(chart.match(/<circle cx=/g)).to.have.length(8);
    // the table carries the share used and the gap to the plan, as text and Markdown do:
    // aks-pods 645 of 1,019 = 63%, gap 896 - 645 = 251; shop's ingress 1 in use against 0 planned
    expect(r.stdout).to.match(/<tr data-range="subnet aks-pods">.*<td class="n">63%<\/td><td class="n" data-gap="251">251<\/td>/);
    expect(r.stdout).to.match(/<tr data-range="subnet ingress">.*<td class="n bad" data-gap="-1">-1 \(over plan\)<\/td>/);
    expect(r.stdout).to.not.match(/<script|https?:\/\/(?!127\.0\.0\.1)[^"<]*\.(js|css)/);
  });

  it('bad input is exit 2 with a code, before Azure is asked', async () => {
    const cases: [string[], RegExp][] = [
      [['--today', '2026-13-01'], /--today: "2026-13-01" is not a date: use YYYY-MM-DD \[INVALID_ARGUMENT\]/],
      [['--subscription', 'not-a-guid'], /--subscription: not-a-guid: a subscription ID is a GUID/],
      [['--cloud', 'AzureChinaCloud'], /--cloud and --arm-endpoint both name the cloud/],
    ];
    for (const [args, message] of cases) {
      const r = await usage(args);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr).to.match(message);
      expect(r.server.log.filter((l) => !l.includes('/metadata/'))).to.deep.equal([]);
    }
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, '{"version":1,"date":"2026-12-01","stack":"shop","partial":false,"ranges":[]}\nnot json\n');
    const r = await usage(['--history', bad]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/bad\.jsonl:2: not JSON: .* \[INVALID_HISTORY\]/);
  });

  it('no credential: exit 2 with AZURE_CREDENTIAL_UNAVAILABLE, not a partial report', async () => {
    // what DefaultAzureCredential throws when no source has a credential (@azure/identity CredentialUnavailableError)
    const none = { getToken: async (): Promise<never> => Promise.reject(Object.assign(new Error('DefaultAzureCredential: no credential in the environment, no managed identity, no az login'), { name: 'CredentialUnavailableError' })) };
    const r = await usage([], unthrottled(), [SHOP], none as unknown as typeof testCredential);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^aksnet: no Azure credential for custom: DefaultAzureCredential: no credential .* \[AZURE_CREDENTIAL_UNAVAILABLE\]\n$/);
    expect(r.stdout).to.equal('');
  });

  it('--arm-endpoint must be https: tokens never travel in clear', async () => {
    const err: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await main(['usage', SHOP, '--arm-endpoint', 'http://127.0.0.1:9', '--today', '2026-12-04'], { credential: testCredential })).to.equal(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).to.equal('aksnet: --arm-endpoint: http://127.0.0.1:9: Azure Resource Manager is reached over https only [INVALID_ARGUMENT]\n');
  });

  it('docs/usage.md shows the real output against the recorded estate (npm run usage:demo)', async () => {
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'usage.md'), 'utf8');
    const shown = /\n\$ aksnet usage Pulumi\.shop\.yaml Pulumi\.payments\.yaml --arm-endpoint https:\/\/127\.0\.0\.1:PORT --history usage-history\.jsonl --today 2026-12-04\n([\s\S]*?)\n```/.exec(docs)![1];
    // as the demo runs it: in a folder with the two stack files and the six weeks of history
    const work = fs.mkdtempSync(path.join(dir, 'demo-'));
    for (const f of ['Pulumi.shop.yaml', 'Pulumi.payments.yaml']) fs.copyFileSync(path.join(FIXTURES, f), path.join(work, f));
    fs.copyFileSync(path.join(FIXTURES, 'history.jsonl'), path.join(work, 'usage-history.jsonl'));
    const home = process.cwd();
    process.chdir(work);
    try {
      const r = await usage(['--history', 'usage-history.jsonl'], loadRecording(), ['Pulumi.shop.yaml', 'Pulumi.payments.yaml']);
      const port = (text: string) => text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
      expect(port(r.stdout).trimEnd()).to.equal(port(shown));
      expect(r.status).to.equal(1);
    } finally {
      process.chdir(home);
    }
  });

  it('the Resource Graph query is one query over the estate, names escaped', () => {
    const q = estateQuery([{ stack: 's', file: 'f', plan: {} as never, vnetName: "v'1", clusterName: 'c', resourceGroupName: 'rg' }]);
    expect(q).to.contain("name in~ ('v\\'1', 'c')").and.contain("resourceGroup in~ ('rg')").and.contain("type in~ ('microsoft.network/virtualnetworks', 'microsoft.containerservice/managedclusters')");
  });

  it('--cloud names the sovereign clouds with their Resource Manager endpoint, authority and scope', () => {
    expect(namedCloud('AzureUSGovernment')).to.deep.equal({ cloud: 'AzureUSGovernment', armEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', scope: 'https://management.usgovcloudapi.net/.default' });
    expect(namedCloud('azurechinacloud').authorityHost).to.equal('https://login.chinacloudapi.cn');
    expect(namedCloud('AzureCloud').cloud).to.equal('AzurePublicCloud');
    expect(() => namedCloud('Mars')).to.throw(/unknown cloud "Mars"/);
  });
});

describe('aksnet usage stays out of the offline commands', function () {
  this.timeout(60_000);

  it('the aksnet bundle holds no Azure SDK, and `aksnet plan` loads none', () => {
    const built = spawnSync(process.execPath, ['-e', "require('./scripts/build.js').isStale() && require('./scripts/build.js').build()"], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status).to.equal(0);
    expect(fs.readFileSync(path.join(ROOT, 'dist', 'aksnet.js'), 'utf8')).to.not.contain('@azure');
    const script = "require('./dist/aksnet.js').main(['plan', 'Pulumi.dev.yaml']).then(() => process.stderr.write('loaded:' + Object.keys(require.cache).filter((k) => k.includes('@azure')).length))";
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).to.contain('loaded:0');
  });
});
