// `aksnet migrate` as a user runs it: the JSON contract, several stacks, text and Markdown, exit
// statuses 0 (every stack can move) / 1 (one cannot) / 2 (unusable input), and the kubenet warning
// of `aksnet plan` pointing at it. https://learn.microsoft.com/azure/aks/update-azure-cni
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { aksnet, aksnetInProcess, hasStackTrace, ROOT, scratchDir, writeStack } from './cliHarness';

const EXAMPLE = path.join(ROOT, 'examples', 'kubenet');

function kubenetNetwork(over: Record<string, unknown> = {}) {
  return {
    addressSpace: ['10.30.0.0/16'],
    plugin: 'kubenet',
    kubernetesVersion: '1.33',
    podCidr: '10.244.0.0/16',
    subnets: [{ name: 'nodes', prefixLength: 24 }],
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, subnet: 'nodes' }],
    ...over,
  };
}

describe('aksnet migrate (CLI)', () => {
  let dir: string;
  beforeEach(() => (dir = scratchDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers for the kubenet example: one JSON object with the contract fields, exit 0', async () => {
    // a real process: the migrate bundle in dist/
    const r = aksnet(['migrate', '--stack', 'legacy', '--to', 'azure-cni-overlay', '--format', 'json', '--today', '2026-11-29'], EXAMPLE);
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out).to.include.keys('ok', 'stack', 'from', 'to', 'preconditions', 'config', 'before', 'after', 'reclaimed', 'steps');
    expect(out).to.include({ ok: true, stack: 'legacy', from: 'kubenet', to: 'azure-cni-overlay' });
    // 2026-11-29 -> 2028-03-31: 365 + 92 + 31 days
    expect(out.daysLeft).to.equal(488);
    for (const p of out.preconditions) expect(p).to.include.keys('code', 'ok', 'message');
    // before and after are plan objects, as `aksnet plan --format json` prints them
    const plan = JSON.parse((await aksnetInProcess(['plan', '--stack', 'legacy', '--format', 'json'], EXAMPLE)).stdout);
    // (the top-level `stack` of a one-stack plan is the migrate object's own `stack`)
    expect(Object.keys(out.before)).to.deep.equal(Object.keys(plan).filter((k) => k !== 'stack'));
    expect(out.before.subnets).to.deep.equal(plan.subnets);
    expect(out.after.network.plugin).to.equal('azure-cni-overlay');
  });

  it('speaks of kubenet\'s retirement only when a kubenet stack is in the report (Markdown and text)', () => {
    const classic = { addressSpace: ['10.40.0.0/16'], plugin: 'azure-cni', kubernetesVersion: '1.33', subnets: [{ name: 'nodes' }], nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3, subnet: 'nodes' }] };
    writeStack(dir, 'classic', classic);
    writeStack(dir, 'blue', kubenetNetwork());
    for (const format of ['markdown', 'text']) {
      const alone = aksnet(['migrate', '--stack', 'classic', '--format', format, '--today', '2026-11-29'], dir);
      expect(alone.status, alone.stderr).to.equal(0);
      expect(alone.stdout, format).not.to.match(/retire|2028/);
      // kubenet retires on 31 March 2028 (https://learn.microsoft.com/azure/aks/configure-kubenet)
      expect(aksnet(['migrate', '--stack', 'blue', '--format', format, '--today', '2026-11-29'], dir).stdout, format).to.include('kubenet retires');
    }
  });

  it('the printed config, pasted into the stack file, is a plan with nothing left to move', async () => {
    const file = path.join(dir, 'Pulumi.legacy.yaml');
    fs.copyFileSync(path.join(EXAMPLE, 'Pulumi.legacy.yaml'), file);
    const text = await aksnetInProcess(['migrate', '--stack', 'legacy', '--today', '2026-11-29'], dir);
    expect(text.status, text.stderr).to.equal(0);
    // the YAML block in the text output is the stack file's `config:` with the new network object,
    // followed by a blank line and the report's closing lines (the explain line, the verdict)
    const yaml = text.stdout.slice(text.stdout.indexOf('\nconfig:\n') + 1, text.stdout.lastIndexOf('\n\nExplain a code: '));
    const pasted = load(yaml) as { config: Record<string, unknown> };
    const doc = load(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
    doc.config['aks-networking:network'] = pasted.config['aks-networking:network'];
    writeStack(dir, 'legacy', doc.config['aks-networking:network'], { 'aks-networking:cluster': doc.config['aks-networking:cluster'] });
    const plan = await aksnetInProcess(['plan', '--stack', 'legacy', '--format', 'json'], dir);
    expect(plan.status, plan.stderr).to.equal(0);
    expect(JSON.parse(plan.stdout).network.plugin).to.equal('azure-cni-overlay');
    const again = await aksnetInProcess(['migrate', '--stack', 'legacy'], dir);
    expect(again.status).to.equal(0);
    expect(again.stdout).to.match(/legacy\s+azure-cni-overlay\s+-\s+nothing to move/);
  });

  it('several stacks: { ok, stacks }, a line per stack in text, exit 1 when one cannot move', async () => {
    writeStack(dir, 'blue', kubenetNetwork());
    writeStack(dir, 'green', kubenetNetwork({ addressSpace: ['10.31.0.0/16'], networkPolicy: 'calico' }));
    const json = await aksnetInProcess(['migrate', '--format', 'json', '--today', '2028-04-02'], dir);
    expect(json.status, json.stderr).to.equal(1);
    const out = JSON.parse(json.stdout);
    expect(out.ok).to.equal(false);
    expect(Object.keys(out.stacks)).to.deep.equal(['blue', 'green']);
    expect(out.stacks.blue.ok).to.equal(true);
    expect(out.stacks.green.ok).to.equal(false);
    // two days past 31 March 2028
    expect(out.stacks.blue.daysLeft).to.equal(-2);

    const text = await aksnetInProcess(['migrate', '--today', '2026-11-29'], dir);
    expect(text.status).to.equal(1);
    expect(text.stdout).to.match(/^ {2}blue +kubenet +488 days left +can move$/m);
    expect(text.stdout).to.match(/^ {2}green +kubenet +488 days left +cannot move: NETWORK_POLICY$/m);
    expect(text.stdout).to.match(/FAILED: 1 of 2 stacks cannot move/);
  });

  it('exit 0 only when every stack can move', async () => {
    writeStack(dir, 'blue', kubenetNetwork());
    writeStack(dir, 'green', kubenetNetwork({ addressSpace: ['10.31.0.0/16'] }));
    expect((await aksnetInProcess(['migrate'], dir)).status).to.equal(0);
  });

  it('avoids the ranges of the other stacks in the folder when it picks a pod CIDR', async () => {
    const classic = { addressSpace: ['10.40.0.0/16'], plugin: 'azure-cni', kubernetesVersion: '1.33', subnets: [{ name: 'nodes' }], nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3, subnet: 'nodes' }] };
    writeStack(dir, 'classic', classic);
    // another stack's overlay pods sit in 10.244.0.0/16, AKS's default range
    writeStack(dir, 'other', kubenetNetwork());
    const r = await aksnetInProcess(['migrate', '--stack', 'classic', '--format', 'json'], dir);
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    // a /16 (AKS's default size) clear of every range with one range of margin each side: 10.244/16
    // is the other stack's pods, 10.0.0.0/16 both stacks' default service range (so 10.1/16 abuts it),
    // 10.30/16 and 10.40/16 their VNets: the first free /16 of 10/8 with its margin is 10.2.0.0/16
    expect(out.config.podCidr).to.equal('10.2.0.0/16');
    // node-subnet CNI gets its pods' addresses back: (3 + 1) nodes x 30 pods
    expect(out.reclaimed).to.deep.equal({ nodes: 120 });
  });

  it('--help says the default pod CIDR is a /16, as migrate chooses', async () => {
    const r = await aksnetInProcess(['migrate', '--help'], ROOT);
    expect(r.stdout.replace(/\s+/g, ' ')).to.match(/--pod-cidr <cidr> .*kubenet range is kept, or grown .*Azure CNI gets a free private \/16, the AKS default size/);
    expect(r.stdout).to.not.contain('smallest free');
  });

  it('--pod-cidr overrides; a kubenet range it does not contain is a failed precondition (exit 1)', async () => {
    writeStack(dir, 'blue', kubenetNetwork());
    const grown = JSON.parse((await aksnetInProcess(['migrate', '--stack', 'blue', '--pod-cidr', '10.244.0.0/15', '--format', 'json'], dir)).stdout);
    expect(grown.config.podCidr).to.equal('10.244.0.0/15');
    const r = await aksnetInProcess(['migrate', '--stack', 'blue', '--pod-cidr', '192.168.0.0/16', '--format', 'json'], dir);
    expect(r.status).to.equal(1);
    expect(JSON.parse(r.stdout).preconditions.find((p: { code: string }) => p.code === 'POD_CIDR').ok).to.equal(false);
  });

  it('unusable input exits 2 with a message, never a stack trace', async () => {
    writeStack(dir, 'blue', kubenetNetwork());
    writeStack(dir, 'green', kubenetNetwork());
    const cases: [string[], RegExp][] = [
      [['migrate', '--stack', 'blue', '--pod-cidr', '10.244.0.1/16'], /--pod-cidr: .*host bits.*\[INVALID_CIDR\]/],
      [['migrate', '--pod-cidr', '10.244.0.0/15'], /one stack.*\[INVALID_ARGUMENT\]/],
      [['migrate', '--stack', 'blue', '--today', '2026-02-30'], /--today.*\[INVALID_ARGUMENT\]/],
      [['migrate', '--stack', 'nope'], /\[FILE_NOT_FOUND\]/],
      [['migrate', '--stack', 'blue', '--to', 'kubenet'], /invalid/],
      [['migrate', '--stack', 'blue', '--out', 'no/such/folder/out.md'], /--out.*\[INVALID_ARGUMENT\]/],
    ];
    for (const [args, message] of cases) {
      const r = await aksnetInProcess(args, dir);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr, args.join(' ')).to.match(message);
      expect(hasStackTrace(r.stderr + r.stdout)).to.equal(false);
    }
    fs.writeFileSync(path.join(dir, 'Pulumi.bad.yaml'), 'config:\n  aks-networking:network:\n    plugin: [\n');
    const bad = await aksnetInProcess(['migrate', '--stack', 'bad'], dir);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.match(/Pulumi\.bad\.yaml:\d+:\d+: .*\[INVALID_YAML\]/);
  });

  it('an unreadable stack file that was not named is a note, not a failure', async () => {
    writeStack(dir, 'blue', kubenetNetwork());
    fs.writeFileSync(path.join(dir, 'Pulumi.broken.yaml'), 'config: [\n');
    const r = await aksnetInProcess(['migrate', '--stack', 'blue', '--format', 'json'], dir);
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout).notes.join(' ')).to.match(/Pulumi\.broken\.yaml cannot be read/);
  });

  it('Markdown for the pull request, and --out', async () => {
    writeStack(dir, 'blue', kubenetNetwork({ networkPolicy: 'calico' }));
    const out = path.join(dir, 'migrate.md');
    const r = await aksnetInProcess(['migrate', '--stack', 'blue', '--format', 'markdown', '--out', out, '--today', '2026-11-29'], dir);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal('');
    const md = fs.readFileSync(out, 'utf8');
    expect(md).to.match(/^## ❌ aksnet migrate: blue kubenet → azure-cni-overlay/);
    expect(md).to.include('| blue | kubenet | 488 days left | ❌ cannot move: NETWORK_POLICY |');
    expect(md).to.include('| ❌ | `NETWORK_POLICY` |');
    expect(md).to.match(/```yaml\nconfig:\n {2}aks-networking:network:\n/);
    expect(md).to.match(/^1\. Uninstall the policy engine/m);
  });

  it('aksnet plan on a kubenet stack names the command that plans the move', async () => {
    writeStack(dir, 'blue', kubenetNetwork());
    const r = await aksnetInProcess(['plan', '--stack', 'blue', '--format', 'json'], dir);
    const warning = JSON.parse(r.stdout).findings.find((f: { code: string }) => f.code === 'KUBENET_RETIREMENT');
    expect(warning.severity).to.equal('warning');
    expect(warning.message).to.include('`aksnet migrate --stack blue` plans the move');
    // a file outside the current folder is named by its path
    const other = await aksnetInProcess(['plan', path.join(dir, 'Pulumi.blue.yaml'), '--format', 'json'], ROOT);
    expect(JSON.parse(other.stdout).findings.find((f: { code: string }) => f.code === 'KUBENET_RETIREMENT').message).to.match(/`aksnet migrate \S+Pulumi\.blue\.yaml` plans the move/);
  });

  it('docs/cli.md shows the real output for the kubenet example', async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
    const command = '$ cd examples/kubenet && aksnet migrate --stack legacy --today 2026-11-29\n';
    const start = readme.indexOf(command);
    expect(start, 'docs/cli.md block').to.be.greaterThan(-1);
    const shown = readme.slice(start + command.length, readme.indexOf('\n```', start));
    const r = await aksnetInProcess(['migrate', '--stack', 'legacy', '--today', '2026-11-29'], EXAMPLE);
    expect(r.stdout.trimEnd()).to.equal(shown);
  });

  it('lives in its own bundle: `aksnet plan` does not load the migration planner', async () => {
    expect((await aksnetInProcess(['migrate', '--stack', 'legacy'], EXAMPLE)).status).to.equal(0);
    const main = fs.readFileSync(path.join(ROOT, 'dist', 'aksnet.js'), 'utf8');
    const migrate = fs.readFileSync(path.join(ROOT, 'dist', 'migrate.js'), 'utf8');
    expect(migrate).to.include('REIMAGE_CAPACITY');
    expect(main).to.not.include('REIMAGE_CAPACITY');
  });
});
