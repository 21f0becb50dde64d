// What makes `aksnet synth` fast must not change what it prints (docs/benchmarks.md, third pass):
//  - the built bundle dist/synth.js (the program with the Pulumi SDK inlined, the serializer's
//    packages left to load on first use) prints the golden files the sources print;
//  - the lazy stand-ins for those packages (scripts/lazy) give what the packages give;
//  - the mocks drop the resources' aliases (components/mocks.ts): the program run with them kept
//    records the same resources, inputs and options.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import * as pulumi from '@pulumi/pulumi';
import { runProgram, setAliasesKept } from '../components/mocks';
import { buildStack } from '../components/program';
import { loadStack, ROOT } from './componentsHelpers';

const GOLDEN = path.join(ROOT, 'test', 'golden');

interface BundleRun {
  text: string;
  json: string;
  loaded: string[];
}

/** Runs dist/synth.js in a worker thread: its own globals and module cache, as a CLI process has. */
function synthInWorker(stack: string): Promise<BundleRun> {
  const { network, cluster, ingress, policy } = loadStack(stack);
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const synth = require(workerData.bundle);
    synth.synthStack(workerData.opts).then((r) => {
      if (!r.ok) throw new Error(r.message);
      parentPort.postMessage({ text: synth.renderSynthText(r.resources), json: synth.renderSynthJson(r.resources), loaded: Object.keys(require.cache) });
    });`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { bundle: path.join(ROOT, 'dist', 'synth.js'), opts: { networkRaw: network, clusterRaw: cluster, ingressRaw: ingress, policyRaw: policy, stack } },
    stdout: true, // the bundle's warnings stay out of the test report
    stderr: true,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: BundleRun) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('aksnet synth, as built (dist/synth.js)', () => {
  let run: BundleRun;
  before(async () => {
    run = await synthInWorker('dev'); // dist/ is built by test/setup.ts
  });

  it('prints the golden tree and JSON of the dev stack', () => {
    expect(run.text).to.equal(fs.readFileSync(path.join(GOLDEN, 'synth-dev.txt'), 'utf8'));
    expect(run.json).to.equal(fs.readFileSync(path.join(GOLDEN, 'synth-dev.json'), 'utf8'));
  });

  it('loads the Pulumi SDK from the bundle, and none of the packages its function serializer imports', () => {
    const fromNodeModules = (pkg: string) => run.loaded.filter((f) => f.includes(`${path.sep}node_modules${path.sep}${pkg}${path.sep}`));
    expect(run.loaded).to.include(path.join(ROOT, 'dist', 'synth.js'));
    for (const pkg of ['@pulumi', 'google-protobuf', '@grpc', 'typescript', path.join('@npmcli', 'arborist'), 'normalize-package-data', 'pacote', 'spdx-correct']) {
      expect(fromNodeModules(pkg), pkg).to.deep.equal([]);
    }
    // kubernetes-models is required by kind when an object is checked (netpol/k8sSchema.ts)
    expect(fromNodeModules('kubernetes-models')).to.not.deep.equal([]);
  });

  it('leaves the serializer packages out of the bundle (scripts/build.js aliases them to scripts/lazy)', () => {
    const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'synth.js'), 'utf8');
    // a string of each package's own code: TypeScript's assertion text, arborist's peer-conflict
    // code, normalize-package-data's warning names
    for (const marker of ['Debug Failure.', 'ERESOLVE', 'nonEmailUrlBugsString']) expect(bundle.includes(marker), marker).to.equal(false);
    expect(bundle.includes('pulumi:pulumi:Stack'), 'the SDK itself is in the bundle').to.equal(true);
  });
});

describe('lazy stand-ins of the serializer packages (scripts/lazy)', () => {
  // TypeScript's emitted helpers, as @pulumi/pulumi's CommonJS files use them
  const importStar = (mod: any) => {
    if (mod && mod.__esModule) return mod;
    const result: any = {};
    if (mod != null) for (const k in mod) if (Object.hasOwnProperty.call(mod, k)) result[k] = mod[k];
    result.default = mod;
    return result;
  };
  const importDefault = (mod: any) => (mod && mod.__esModule ? mod : { default: mod });

  it('typescript: the package itself on first use', () => {
    const lazy = require('../scripts/lazy/typescript.js');
    const ts = require('typescript');
    expect(lazy.version).to.equal(ts.version);
    expect(lazy.SyntaxKind).to.equal(ts.SyntaxKind);
    const file = lazy.createSourceFile('f.ts', 'const x = () => 1;', lazy.ScriptTarget.ES2020, true);
    expect(file.statements[0].kind).to.equal(ts.SyntaxKind.VariableStatement);
    expect('createSourceFile' in lazy).to.equal(true);
    expect(Object.keys(lazy)).to.deep.equal(Object.keys(ts));
  });

  it('@npmcli/arborist: imported as codePaths.js does, without loading it; its Arborist on first use', () => {
    const { lazyModule } = require('../scripts/lazy/lazyModule.js');
    let loads = 0;
    const real = require('@npmcli/arborist');
    const lazy = lazyModule(() => (loads++, real), { esModule: true, callable: true });
    const imported = importStar(lazy);
    expect(loads).to.equal(0);
    expect(imported.Arborist).to.equal(real.Arborist);
    expect(loads).to.equal(1);
    expect(require('../scripts/lazy/npmcli-arborist.js').Arborist).to.equal(real.Arborist);
  });

  it('normalize-package-data: imported as codePaths.js does, without loading it; the function on first call', () => {
    const { lazyModule } = require('../scripts/lazy/lazyModule.js');
    let loads = 0;
    const real = require('normalize-package-data');
    const imported = importDefault(lazyModule(() => (loads++, real), { esModule: false, callable: true }));
    expect(loads).to.equal(0);
    const viaLazy = { name: 'x', version: '1.0.0', repository: 'github:o/r' };
    const direct = { ...viaLazy };
    imported.default(viaLazy);
    real(direct);
    expect(viaLazy).to.deep.equal(direct);
    expect(loads).to.equal(1);
    expect(importDefault(require('../scripts/lazy/normalize-package-data.js')).default.fixer).to.equal(real.fixer);
  });
});

describe('the mocks without the resources aliases', () => {
  after(() => setAliasesKept(false));

  it('record the same prod stack as with them: resources, inputs, options, invokes and outputs', async () => {
    const { network, cluster, ingress, policy } = loadStack('prod');
    const program = () => buildStack(network, cluster, { stack: 'prod', ingressRaw: ingress, policyRaw: policy, readPrevious: async () => undefined, onFinding: () => undefined });
    setAliasesKept(true);
    const kept = await runProgram(program);
    setAliasesKept(false);
    const dropped = await runProgram(program);
    expect(dropped.resources).to.have.length.greaterThan(40);
    // an output inside an array of objects is a dependency too: the NAT gateway's publicIpAddresses[].id
    const nat = dropped.resources.find((r) => r.type === 'azure-native:network:NatGateway')!;
    const ip = dropped.resources.find((r) => r.type === 'azure-native:network:PublicIPAddress')!;
    expect(nat.options.inputsFrom).to.include(ip.name);
    expect(dropped.resources).to.deep.equal(kept.resources);
    expect(dropped.calls).to.deep.equal(kept.calls);
    // the stack outputs hold Outputs (distinct objects each run): compare their values
    const values = (outputs: object) => new Promise((resolve) => pulumi.output(outputs).apply(resolve));
    expect(await values(dropped.outputs)).to.deep.equal(await values(kept.outputs));
  });
});
