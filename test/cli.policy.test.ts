// `aksnet synth` through the real CLI with aks-networking:policy: bad policy config is unusable input
// (exit 2, file and config path, no stack trace); a policy the program refuses exits 1.
import * as fs from 'node:fs';
import { expect } from 'chai';
import { aksnet, hasStackTrace, scratchDir, writeStack } from './cliHarness';
import { loadStack } from './componentsHelpers';

describe('aksnet synth with aks-networking:policy', () => {
  let dir: string;
  before(async () => {
    dir = scratchDir();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 2 on a namespace name Kubernetes refuses, naming the file and config path', async () => {
    const { network, cluster } = loadStack('dev');
    const file = writeStack(dir, 'bad', network, { 'aks-networking:cluster': cluster, 'aks-networking:policy': { namespaces: { Shop: {} } } });
    const run = aksnet(['synth', file, '--stack', 'bad']);
    expect(run.status, run.stderr).to.equal(2);
    expect(run.stderr).to.match(/Pulumi\.bad\.yaml: config\.aks-networking:policy\.namespaces\.Shop: invalid key: a DNS-1123 label.* \[INVALID_CONFIG\]/);
    expect(hasStackTrace(run.stderr)).to.equal(false);
  });

  it('exits 1 when the program refuses the policy (Calico objects on Cilium)', async () => {
    const { network, cluster } = loadStack('dev');
    const file = writeStack(dir, 'mismatch', network, { 'aks-networking:cluster': cluster, 'aks-networking:policy': { global: { imds: {} } } });
    const run = aksnet(['synth', file, '--stack', 'mismatch']);
    expect(run.status, run.stderr).to.equal(1);
    expect(run.stderr).to.include('error POLICY_ENGINE_MISMATCH aks-networking:policy.global');
  });
});
