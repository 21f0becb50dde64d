// One validation path: `aksnet plan` runs every check the Pulumi program (synth, pulumi preview) runs
// on the same files, with the same codes and exit codes (2: unusable config, 1: error findings), and
// a property test over generated stack configs: whenever synth refuses a stack, plan does not say OK.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import * as fc from 'fast-check';
import { load } from 'js-yaml';
import { synthStack } from '../cli/synth';
import { buildReport, withStackChecks } from '../cli/planCommand';
import { isInputError } from '../cli/inputError';
import type { StackInput } from '../cli/loadStacks';
import { validateNetworkConfig } from '../planner/validate';
import { ingressNeed, validateIngressConfig } from '../design/ingress/config';
import { reportOk } from '../report/model';
import { aksnet, hasStackTrace, scratchDir } from './cliHarness';
import { clone, ROOT } from './componentsHelpers';

const TODAY = '2026-12-04';
const stackConfig = (stack: string) => (load(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8')) as { config: Record<string, any> }).config;

describe('aksnet plan runs the checks synth and pulumi preview run (same codes, same exit codes)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = scratchDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (stack: string, config: Record<string, unknown>) => fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), JSON.stringify({ config }));
  const both = (stack: string) => ({ plan: aksnet(['plan', '--stack', stack, '--today', TODAY], dir), synth: aksnet(['synth', '--stack', stack], dir) });

  it('the bundled stacks plan clean of errors on 2026-12-04 (exit 0) and synth them', () => {
    const run = aksnet(['plan', '--today', TODAY]);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^OK: 0 errors/m);
  });

  it('an unknown key in aks-networking:policy: both exit 2 with INVALID_CONFIG at the key (plan used to exit 0)', () => {
    const config = clone(stackConfig('dev'));
    config['aks-networking:policy'].namespaces.orders.allowz = [];
    write('dev', config);
    const { plan, synth } = both('dev');
    for (const run of [plan, synth]) {
      expect(run.status, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.contain('INVALID_CONFIG').and.contain('aks-networking:policy');
      expect(hasStackTrace(run.stderr)).to.equal(false);
    }
  });

  it('a baseline on kube-system: both exit 1 with POLICY_SYSTEM_NAMESPACE', () => {
    const config = clone(stackConfig('dev'));
    config['aks-networking:policy'].namespaces['kube-system'] = {};
    write('dev', config);
    const { plan, synth } = both('dev');
    expect(synth.status, synth.stderr).to.equal(1);
    expect(synth.stderr).to.contain('POLICY_SYSTEM_NAMESPACE');
    expect(plan.status, plan.stdout + plan.stderr).to.equal(1);
    expect(plan.stdout).to.contain('POLICY_SYSTEM_NAMESPACE').and.contain('aks-networking:policy.namespaces.kube-system');
  });

  it('a misspelled key in aks-networking:cluster: both exit 2 with INVALID_CONFIG', () => {
    const config = clone(stackConfig('prod'));
    config['aks-networking:cluster'].apiServer = { privat: true };
    write('prod', config);
    const { plan, synth } = both('prod');
    for (const run of [plan, synth]) {
      expect(run.status, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.contain('INVALID_CONFIG').and.contain('config.aks-networking:cluster.apiServer');
    }
  });

  it('a stack without ingress or policy (checked without the netpol bundle): same refusals', () => {
    const config = clone(stackConfig('prod'));
    delete config['aks-networking:ingress'];
    delete config['aks-networking:policy'];
    config['aks-networking:cluster'].acess = {};
    write('prod', config);
    const { plan, synth } = both('prod');
    for (const run of [plan, synth]) {
      expect(run.status, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.contain('INVALID_CONFIG').and.contain('config.aks-networking:cluster');
    }
  });

  it('a documentation range in authorizedIpRanges: both refuse (exit 1, API_SERVER_RANGE), and plan says what to fill in', () => {
    const config = clone(stackConfig('dev'));
    config['aks-networking:cluster'].apiServer = { authorizedIpRanges: ['203.0.113.0/24'] };
    write('dev', config);
    const { plan, synth } = both('dev');
    expect(synth.status).to.equal(1);
    expect(plan.status).to.equal(1);
    expect(plan.stdout).to.contain('API_SERVER_RANGE').and.contain('aks-networking:cluster.apiServer.authorizedIpRanges[0]').and.contain('egress address of the runner');
  });

  it('Kubernetes 1.33 on tier standard on 2026-12-04: plan exits 1 (KUBERNETES_VERSION_LTS_ONLY); --today pins the date (1.33 was fine on 2026-04-01)', () => {
    const config = clone(stackConfig('dev'));
    config['aks-networking:cluster'].kubernetesVersion = '1.33';
    config['aks-networking:network'].kubernetesVersion = '1.33';
    write('dev', config);
    const now = aksnet(['plan', '--stack', 'dev', '--today', TODAY], dir);
    expect(now.status).to.equal(1);
    expect(now.stdout).to.contain('KUBERNETES_VERSION_LTS_ONLY');
    // 2026-04-01 -> 2026-07-31 is 121 days: no warning yet
    expect(aksnet(['plan', '--stack', 'dev', '--today', '2026-04-01'], dir).stdout).to.not.contain('KUBERNETES_VERSION');
    const bad = aksnet(['plan', '--stack', 'dev', '--today', '2026-13-01'], dir);
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain('INVALID_ARGUMENT').and.contain('--today');
  });
});

describe('property: whenever synth refuses a generated stack, plan does not say OK', function () {
  this.timeout(600_000);
  const base = stackConfig('dev');
  // each mutation is something synth or preview may refuse; fast-check picks any subset
  const mutations: Record<string, (c: Record<string, any>) => void> = {
    policyUnknownKey: (c) => (c['aks-networking:policy'].namespaces.orders.allowz = []),
    policySystemNamespace: (c) => (c['aks-networking:policy'].namespaces['kube-system'] = {}),
    policyBadPort: (c) => (c['aks-networking:policy'].namespaces.storefront.allow[0].ports = [{ port: 70000 }]),
    clusterMisspelledKey: (c) => (c['aks-networking:cluster'].resourceGroupNam = 'rg'),
    clusterBadName: (c) => (c['aks-networking:cluster'].name = '-aks-'),
    clusterVersionDisagrees: (c) => (c['aks-networking:cluster'].kubernetesVersion = '1.35'),
    clusterDocumentationRange: (c) => (c['aks-networking:cluster'].apiServer = { authorizedIpRanges: ['198.51.100.0/24'] }),
    clusterPrivateWithRanges: (c) => (c['aks-networking:cluster'].apiServer = { private: true, authorizedIpRanges: ['20.1.2.0/24'] }),
    clusterAccessNotGuid: (c) => (c['aks-networking:cluster'].access = { adminGroupObjectIds: ['admins'] }),
    windowsPoolWithoutProfile: (c) => c['aks-networking:network'].nodePools.push({ name: 'win', mode: 'User', osType: 'Windows', vmSize: 'Standard_D4ds_v5', count: 1, maxPods: 30, subnet: 'aks-nodes' }),
    ingressRouteToUnknownPort: (c) => (c['aks-networking:ingress'].routes[0].port = 0),
    ingressDuplicateRoute: (c) => c['aks-networking:ingress'].routes.push(clone(c['aks-networking:ingress'].routes[0])),
    oldKubernetes: (c) => {
      c['aks-networking:cluster'].kubernetesVersion = '1.31';
      c['aks-networking:network'].kubernetesVersion = '1.31';
    },
    tinyNodeSubnet: (c) => (c['aks-networking:network'].subnets[0].prefixLength = 28),
  };

  async function synthRefuses(config: Record<string, any>): Promise<boolean> {
    const result = await synthStack({ networkRaw: config['aks-networking:network'], clusterRaw: config['aks-networking:cluster'], ingressRaw: config['aks-networking:ingress'], policyRaw: config['aks-networking:policy'], stack: 'dev', providerLocation: 'westeurope' });
    return !result.ok;
  }

  function planOk(config: Record<string, any>): boolean {
    const input: StackInput = {
      stack: 'dev',
      file: 'Pulumi.dev.yaml',
      pathPrefix: 'config.aks-networking:network',
      networkRaw: config['aks-networking:network'],
      clusterRaw: config['aks-networking:cluster'],
      ingressRaw: config['aks-networking:ingress'],
      policyRaw: config['aks-networking:policy'],
      providerLocation: 'westeurope',
    };
    const network = validateNetworkConfig(input.networkRaw);
    if (!network.ok) return false; // exit 2
    const ingress = validateIngressConfig(input.ingressRaw, network.network);
    if (!ingress.ok) return false; // exit 2
    try {
      const report = withStackChecks(buildReport([input], [network.network], [ingressNeed(ingress.settings)]), [input], new Date(`${TODAY}T00:00:00Z`));
      return reportOk(report);
    } catch (e) {
      if (isInputError(e)) return false; // exit 2
      throw e;
    }
  }

  it('holds over generated combinations of refusable changes (and synth does refuse some of them)', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.subarray(Object.keys(mutations), { minLength: 0, maxLength: 3 }), async (names) => {
        const config = clone(base);
        for (const name of names) mutations[name](config);
        if (await synthRefuses(config)) {
          refused++;
          expect(planOk(config), `synth refuses ${names.join(' + ')}, plan says OK`).to.equal(false);
        }
      }),
      { numRuns: 40, seed: 20261204 },
    );
    expect(refused).to.be.greaterThan(10);
  });

  it('every single mutation alone: synth refuses it (except the dated version check, which only plan makes), and so does plan', async () => {
    // the Kubernetes lifecycle needs today's date: plan (and the deploy workflow's verify job) check it
    const planOnly = new Set(['oldKubernetes']);
    for (const [name, mutate] of Object.entries(mutations)) {
      const config = clone(base);
      mutate(config);
      expect(await synthRefuses(config), `synth ${planOnly.has(name) ? 'refuses' : 'accepts'} ${name}`).to.equal(!planOnly.has(name));
      expect(planOk(config), name).to.equal(false);
    }
  });
});

describe('plan: a network-only stack file is checked without the netpol bundle, with the same findings', function () {
  this.timeout(120_000);
  it('onlyNetwork stacks: the light findings equal the program\'s (managedNATGateway mapped, a Windows pool, a plain stack)', () => {
    const { onlyNetwork, networkOnlyFindings } = require('../cli/stackChecks') as typeof import('../cli/stackChecks');
    const { programFindings } = require('../cli/programChecks') as typeof import('../cli/programChecks');
    const { planNetwork } = require('../planner/plan') as typeof import('../planner/plan');
    const base = stackConfig('prod')['aks-networking:network'];
    const variants: Record<string, any>[] = [clone(base), { ...clone(base), outboundType: 'managedNATGateway' }];
    const withWindows = clone(base);
    withWindows.nodePools.push({ name: 'win', mode: 'User', osType: 'Windows', vmSize: 'Standard_D4ds_v5', count: 1, maxPods: 30, subnet: 'aks-nodes', podSubnet: 'aks-pods' });
    variants.push(withWindows);
    for (const networkRaw of variants) {
      const network = validateNetworkConfig(networkRaw);
      if (!network.ok) throw new Error(JSON.stringify(network.issues));
      const plan = planNetwork(network.network);
      const input: StackInput = { stack: 'prod', file: 'Pulumi.prod.yaml', pathPrefix: 'config.aks-networking:network', networkRaw, clusterRaw: {} };
      expect(onlyNetwork(input, plan)).to.equal(true);
      const planCodes = new Set(plan.findings.map((f) => `${f.code} ${f.path}`));
      const program = programFindings(input, new Date(`${TODAY}T00:00:00Z`)).filter((f) => !planCodes.has(`${f.code} ${f.path}`)).map((f) => `${f.severity} ${f.code} ${f.config} ${f.path}`);
      const light = networkOnlyFindings(plan).map((f) => `${f.severity} ${f.code} ${f.config} ${f.path}`);
      expect(light.sort()).to.deep.equal(program.sort());
    }
  });
});
