// `aksnet synth`: the real program under mocks, printed. The dev stack's output is a golden file.
//
// To regenerate the golden files after an intended change, run
//   UPDATE_GOLDEN=1 npx mocha test/synth.test.ts
// and review the diff: every CIDR must be the plan's (`npm run plan -- --stack dev`), every pool's
// maxPods and subnet the config's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { redact } from '../components/mocks';
import { renderSynthJson, renderSynthText, synthStack, type SynthResource } from '../cli/synth';
import * as pulumi from '@pulumi/pulumi';
import { aksnet, hasStackTrace, scratchDir, writeStack } from './cliHarness';
import { clone, loadStack, planOf, ROOT } from './componentsHelpers';

const GOLDEN = path.join(ROOT, 'test', 'golden');

function expectGolden(file: string, actual: string): void {
  const target = path.join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(target, actual);
  }
  expect(fs.existsSync(target), `${target} is missing; run UPDATE_GOLDEN=1 npx mocha test/synth.test.ts`).to.equal(true);
  expect(actual, `synth output differs from ${path.relative(ROOT, target)}; if the change is intended, run UPDATE_GOLDEN=1 npx mocha test/synth.test.ts and review the diff`).to.equal(
    fs.readFileSync(target, 'utf8'),
  );
}

async function synth(stack: string): Promise<SynthResource[]> {
  const { network, cluster, ingress, policy } = loadStack(stack);
  const result = await synthStack({ networkRaw: network, clusterRaw: cluster, ingressRaw: ingress, policyRaw: policy, stack });
  if (!result.ok) throw new Error(result.message);
  return result.resources;
}

describe('aksnet synth', () => {
  describe('--stack dev (golden)', () => {
    let resources: SynthResource[];
    before(async () => {
      resources = await synth('dev');
    });

    it('prints the resource tree (text)', () => expectGolden('synth-dev.txt', renderSynthText(resources)));
    it('prints the resource list (json)', () => expectGolden('synth-dev.json', renderSynthJson(resources)));

    it('shows every planned subnet with its planned CIDR, and each pool with its maxPods', () => {
      const plan = planOf(loadStack('dev').network);
      const text = renderSynthText(resources);
      for (const s of plan.subnets) expect(text).to.include(`name=${s.name} cidr=${s.cidr}`);
      for (const p of plan.pools) expect(text).to.match(new RegExp(`pool ${p.name.slice(0, 7)}[0-9a-f]{5}\\b.* maxPods=${p.maxPods} `));
      expect(text).to.include(`podCidr=${plan.network.podCidr} serviceCidr=${plan.network.serviceCidr} dnsServiceIP=${plan.network.dnsServiceIP}`);
    });
  });

  it('`aksnet synth --stack dev` prints the golden tree', () => {
    const run = aksnet(['synth', '--stack', 'dev']);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.equal(fs.readFileSync(path.join(GOLDEN, 'synth-dev.txt'), 'utf8'));
  });

  it('`aksnet synth Pulumi.dev.yaml` infers the stack from the file name, as plan does (no --stack)', () => {
    const run = aksnet(['synth', path.join(ROOT, 'Pulumi.dev.yaml')]);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.equal(fs.readFileSync(path.join(GOLDEN, 'synth-dev.txt'), 'utf8'));
    // without FILE or --stack, in a folder of two stacks: which one is a question, exit 2
    const none = aksnet(['synth']);
    expect(none.status).to.equal(2);
    expect(none.stderr).to.match(/synth runs one stack and 2 are here \(dev, prod\).*\[INVALID_ARGUMENT\]/);
  });

  describe('both bundled stacks deploy as a first real `pulumi up` needs (issue: first real pulumi up)', () => {
    for (const stack of ['dev', 'prod']) {
      it(`${stack}: Entra ID + Azure RBAC + local accounts off, a Kubernetes version AKS fully supports, kubelogin sign-in`, async () => {
        const text = renderSynthText(await synth(stack));
        expect(text).to.contain('sign-in: Entra ID + Azure RBAC, local accounts off');
        // 1.35 and 1.36 are in community support on 2026-12-04 (AKS release calendar; planner/lifecycle.ts)
        expect(text).to.match(/kubernetes=1\.3[56] /);
        expect(text).to.contain('sign-in: kubelogin get-token --login azurecli (no stored credential)');
        expect(text).to.not.contain('STATIC credential');
      });
    }
    it('prod: the six HAProxy CRDs come before the chart, whose Service publishes only 80/TCP and 443/TCP', async () => {
      const resources = await synth('prod');
      const crds = resources.map((r, i) => [r, i] as const).filter(([r]) => r.type === 'kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition');
      const chartAt = resources.findIndex((r) => r.type === 'kubernetes:helm.sh/v4:Chart');
      expect(crds).to.have.length(6);
      for (const [, i] of crds) expect(i).to.be.lessThan(chartAt);
      expect(renderSynthText(resources)).to.contain('service ports (chart template): http 80/TCP, https 443/TCP\n');
    });
  });

  describe('--stack prod', () => {
    let resources: SynthResource[];
    before(async () => {
      resources = await synth('prod');
    });

    it('prints the full graph: network, NAT gateway, private cluster and its three pools', () => {
      const text = renderSynthText(resources);
      const plan = planOf(loadStack('prod').network);
      for (const s of plan.subnets) expect(text).to.include(`name=${s.name} cidr=${s.cidr}`);
      expect(text).to.include('azure-native:network:NatGateway');
      expect(text).to.include('api server: private');
      const pools = text.split('\n').filter((l) => /pool [a-z0-9]+(?: \(created with the cluster\))?: /.test(l));
      expect(pools).to.have.length(3);
      for (const line of pools) expect(line).to.include('podSubnet=aks-pods podIPs=DynamicIndividual');
      expect(text.trimEnd().split('\n').pop()).to.equal(`${resources.length} resources`);
    });

    it('lists every resource once in JSON, with parents that exist and sorted keys', () => {
      const parsed = JSON.parse(renderSynthJson(resources)) as Record<string, unknown>[];
      expect(parsed).to.have.length(resources.length);
      const names = new Set(parsed.map((r) => r.name));
      for (const r of parsed) {
        expect(Object.keys(r)).to.deep.equal(Object.keys(r).sort());
        expect(Object.keys(r)).to.include.members(['type', 'name', 'inputs']);
        expect(Object.keys(r)).not.to.include('options');
        if (r.parent !== undefined) expect(names.has(r.parent)).to.equal(true);
      }
    });
  });

  it('is deterministic: two runs print the same', async () => {
    expect(renderSynthJson(await synth('prod'))).to.equal(renderSynthJson(await synth('prod')));
  });

  it('refuses a config with plan errors: ok false, the findings and the message for stderr', async () => {
    const { network, cluster } = loadStack('dev');
    // 10 + 1 surge nodes, plus reservedIps 10, cannot fit a /29 (8 - 5 = 3 usable) [§1]
    const tight = { ...network, subnets: network.subnets.map((s: any) => (s.name === 'aks-nodes' ? { ...s, prefixLength: undefined, cidr: '10.20.0.0/29' } : s)) };
    const result = await synthStack({ networkRaw: tight, clusterRaw: cluster, stack: 'dev' });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.code)).to.include('SUBNET_EXHAUSTED');
    expect(result.message).to.match(/^stack "dev": the config has \d+ errors?; nothing was deployed\n {2}error SUBNET_EXHAUSTED aks-networking:network\.subnets\[0\]: /);
  });

  it('leaves no unhandled rejection behind when it refuses a config (it would kill the CLI)', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const result = await synthStack({ networkRaw: { addressSpace: ['10.0.0.0/16'], plugin: 'kubenet' }, clusterRaw: {}, stack: 'dev' });
      expect(result.ok).to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(unhandled).to.deep.equal([]);
  });

  it('shows what a change to a deployed stack would do, given its deployedSettings', async () => {
    const { network, cluster } = loadStack('dev');
    const first = await synthStack({ networkRaw: network, clusterRaw: cluster, stack: 'dev' });
    if (!first.ok) throw new Error(first.message);
    const changed = { ...network, podCidr: '10.128.0.0/16' };
    const result = await synthStack({ networkRaw: changed, clusterRaw: cluster, stack: 'dev', deployedSettings: first.deployedSettings });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.message).to.include('error CLUSTER_REPLACEMENT aks-networking:network.podCidr');
  });

  describe('--previous FILE (the deployedSettings output)', () => {
    let dir: string;
    let previous: string;
    before(async () => {
      dir = scratchDir();
      const { network, cluster } = loadStack('prod');
      const first = await synthStack({ networkRaw: network, clusterRaw: cluster, stack: 'prod' });
      if (!first.ok) throw new Error(first.message);
      // what `pulumi stack output deployedSettings --json` prints
      previous = path.join(dir, 'deployed.json');
      fs.writeFileSync(previous, JSON.stringify(first.deployedSettings, null, 2));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const withAppsMaxPods = (maxPods: number) => {
      const { network, cluster } = loadStack('prod');
      const changed = clone(network);
      changed.nodePools.find((p: any) => p.name === 'apps').maxPods = maxPods;
      return writeStack(dir, 'prod', changed, { 'azure-native:location': 'westeurope', 'aks-networking:cluster': cluster });
    };

    it('shows a rotation on stderr and the new graph on stdout (text and JSON), exit 0', () => {
      // apps maxPods 50 -> 100: new and old apps pools fit together (arithmetic in components.deploy.test.ts)
      const file = withAppsMaxPods(100);
      for (const format of ['text', 'json']) {
        const run = aksnet(['synth', file, '--stack', 'prod', '--format', format, '--previous', previous]);
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stderr).to.match(/info POOL_ROTATION config\.aks-networking:network\.nodePools\[1\]: pool "apps" \(maxPods 50 -> 100\)/);
        if (format === 'json') expect(JSON.parse(run.stdout)).to.be.an('array');
      }
    });

    it('refuses a rotation the subnets cannot hold while both pools exist, exit 1', () => {
      const run = aksnet(['synth', withAppsMaxPods(120), '--stack', 'prod', '--previous', previous]);
      expect(run.status, run.stderr).to.equal(1);
      expect(run.stderr).to.include('error SUBNET_EXHAUSTED aks-networking:network.subnets[1]: while pools rotate');
      expect(run.stdout).to.equal('');
    });

    it('shows a change that needs a new cluster, exit 1', () => {
      const { network, cluster } = loadStack('prod');
      const file = writeStack(dir, 'prod', { ...network, serviceCidr: '172.21.0.0/16', dnsServiceIP: '172.21.0.10' }, { 'aks-networking:cluster': cluster });
      const run = aksnet(['synth', file, '--stack', 'prod', '--previous', previous]);
      expect(run.status).to.equal(1);
      expect(run.stderr).to.include('error CLUSTER_REPLACEMENT aks-networking:network.serviceCidr');
    });

    it('reads a bad FILE as an input error, exit 2', () => {
      const notJson = path.join(dir, 'bad.json');
      fs.writeFileSync(notJson, '{ nope');
      const other = path.join(dir, 'other.json');
      fs.writeFileSync(other, JSON.stringify({ version: 2 }));
      for (const [file, code] of [[path.join(dir, 'missing.json'), 'FILE_NOT_FOUND'], [dir, 'INVALID_ARGUMENT'], [notJson, 'INVALID_JSON'], [other, 'INVALID_ARGUMENT']]) {
        const run = aksnet(['synth', '--stack', 'dev', '--previous', file]);
        expect(run.status, file).to.equal(2);
        expect(run.stderr).to.include(`[${code}]`);
        expect(hasStackTrace(run.stderr)).to.equal(false);
      }
    });
  });

  it('never prints a secret', () => {
    const secret = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: 'hunter2' };
    expect(redact({ a: secret, b: [secret, 'plain'], c: { d: 1 } })).to.deep.equal({ a: '[secret]', b: ['[secret]', 'plain'], c: { d: 1 } });
  });
});
