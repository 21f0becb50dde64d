// The examples in README.md and docs/*.md are real output: every marked block (see test/docExamples.ts
// for the markers) is run through the CLI and compared with what it shows. To refresh the blocks after
// an intended change of output, run
//   UPDATE_DOCS=1 npx mocha --no-config -r ts-node/register/transpile-only -r test/setup.ts --extension ts test/docExamples.test.ts
// and review the diff (excerpt blocks, those with a `…` line, are never rewritten: edit them by hand).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { dump, load } from 'js-yaml';
import { synthStack } from '../cli/synth';
import { makeTempDir, removeTempDir } from './tmp';
import { expandGlobs, matchesShown, outputLines, scanMarkdown, shellWords, WILDCARD, type DocExample, type DocScan } from './docExamples';

const ROOT = path.resolve(__dirname, '..');

export function docFiles(): string[] {
  const docs = fs.existsSync(path.join(ROOT, 'docs'))
    ? fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)
    : [];
  return ['README.md', ...docs];
}

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

function scanAll(): DocScan {
  const all: DocScan = { examples: [], notRun: [], unmarked: [], problems: [] };
  for (const file of docFiles()) {
    const s = scanMarkdown(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
    all.examples.push(...s.examples);
    all.notRun.push(...s.notRun);
    all.unmarked.push(...s.unmarked);
    all.problems.push(...s.problems);
  }
  return all;
}

interface RunnerCommand {
  /** absolute folder */
  cwd: string;
  argv: string[];
}

/** A scratch setup: writes files into dir, returns commands to run first (their output is not shown). */
type ScratchSetup = (dir: string) => Promise<RunnerCommand[]>;

type Yaml = Record<string, any>;
const readStack = (stack: string): Yaml => load(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8')) as Yaml;
const writeYaml = (file: string, doc: Yaml) => fs.writeFileSync(file, dump(doc));
const poolOf = (doc: Yaml, name: string) => doc.config['aks-networking:network'].nodePools.find((p: Yaml) => p.name === name);

/** The examples about a change: a stack edited in a scratch folder, planned before and after. */
const SCRATCH: Record<string, ScratchSetup> = {
  // a pull request that grows prod's apps pool (maxCount 60 -> 90) and batch's maxPods (30 -> 50)
  'grow-prod': async (dir) => {
    const prod = readStack('prod');
    expect(poolOf(prod, 'apps').maxCount).to.equal(60);
    expect(poolOf(prod, 'batch').maxPods).to.equal(30);
    poolOf(prod, 'apps').maxCount = 90;
    poolOf(prod, 'batch').maxPods = 50;
    writeYaml(path.join(dir, 'Pulumi.prod.yaml'), prod);
    fs.copyFileSync(path.join(ROOT, 'Pulumi.dev.yaml'), path.join(dir, 'Pulumi.dev.yaml'));
    const both = ['Pulumi.dev.yaml', 'Pulumi.prod.yaml', '--format', 'json', '--out'];
    return [
      { cwd: ROOT, argv: ['plan', ...both, path.join(dir, 'base.json')] },
      { cwd: dir, argv: ['plan', ...both, 'head.json'] },
    ];
  },
  // prod without its web-to-orders allow rule
  'no-web-to-orders': async (dir) => {
    const prod = readStack('prod');
    const storefront = prod.config['aks-networking:policy'].namespaces.storefront;
    const before = storefront.allow.length;
    storefront.allow = storefront.allow.filter((r: Yaml) => r.name !== 'web-to-orders');
    expect(storefront.allow.length).to.equal(before - 1);
    writeYaml(path.join(dir, 'Pulumi.prod.yaml'), prod);
    return [
      { cwd: ROOT, argv: ['plan', 'Pulumi.prod.yaml', '--format', 'json', '--out', path.join(dir, 'base.json')] },
      { cwd: dir, argv: ['plan', 'Pulumi.prod.yaml', '--format', 'json', '--out', 'head.json'] },
    ];
  },
  // prod deployed as it is (deployed.json: its deployedSettings output), then apps' maxPods 50 -> 120
  rotation: async (dir) => {
    const prod = readStack('prod');
    const c = prod.config;
    const first = await synthStack({
      stack: 'prod',
      networkRaw: c['aks-networking:network'],
      clusterRaw: c['aks-networking:cluster'],
      ingressRaw: c['aks-networking:ingress'],
      policyRaw: c['aks-networking:policy'],
      providerLocation: c['azure-native:location'],
    });
    if (!first.ok) throw new Error(first.message);
    fs.writeFileSync(path.join(dir, 'deployed.json'), JSON.stringify(first.deployedSettings, null, 2));
    expect(poolOf(prod, 'apps').maxPods).to.equal(50);
    poolOf(prod, 'apps').maxPods = 120;
    writeYaml(path.join(dir, 'Pulumi.prod.yaml'), prod);
    return [];
  },
};

/** Every aksnet command of every example, run in one child process (scratch setups first). */
async function runAll(examples: DocExample[], scratchRoot: string): Promise<RunResult[][]> {
  const hidden: RunnerCommand[] = [];
  const folders = new Map<string, string>();
  for (const name of new Set(examples.map((e) => e.scratch).filter((n): n is string => !!n))) {
    const setup = SCRATCH[name];
    if (!setup) throw new Error(`no scratch setup named ${name} in test/docExamples.test.ts`);
    const dir = fs.mkdtempSync(path.join(scratchRoot, `${name}-`));
    folders.set(name, dir);
    hidden.push(...(await setup(dir)));
  }
  const shown = examples.flatMap((e) =>
    e.commands
      .filter((c) => c.argv)
      .map((c) => {
        const cwd = path.join(e.scratch ? folders.get(e.scratch)! : ROOT, c.cwd);
        return { cwd, argv: expandGlobs(c.argv!, cwd) };
      }),
  );
  // the same command shown in several places runs once (synth takes about a second each)
  const keyOf = (c: RunnerCommand) => JSON.stringify([c.cwd, c.argv]);
  const unique = new Map<string, RunnerCommand>();
  for (const c of shown) if (!unique.has(keyOf(c))) unique.set(keyOf(c), c);
  const r = spawnSync(process.execPath, [path.join(__dirname, 'docExampleRunner.js')], {
    cwd: ROOT,
    input: JSON.stringify([...hidden, ...unique.values()]),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`docExampleRunner failed (${r.status}): ${r.stderr}`);
  const ran = JSON.parse(r.stdout) as RunResult[];
  const byKey = new Map([...unique.keys()].map((k, i) => [k, ran[hidden.length + i]]));
  const all = [...ran.slice(0, hidden.length), ...shown.map((c) => byKey.get(keyOf(c))!)];
  hidden.forEach((h, i) => expect(all[i].status, `setup: aksnet ${h.argv.join(' ')}\n${all[i].output}`).to.be.oneOf([0, 1]));
  const flat = all.slice(hidden.length);
  let k = 0;
  return examples.map((e) => e.commands.filter((c) => c.argv).map(() => flat[k++]));
}

/** What a command's block shows: the output, with `echo $?` lines answered from the previous status. */
function actualFor(example: DocExample, results: RunResult[]): string[][] {
  let k = 0;
  let last: number | null = null;
  return example.commands.map((c) => {
    if (!c.argv) return [String(last)];
    const r = results[k++];
    last = r.status;
    return outputLines(example.kind === 'single' ? r.stdout : r.output);
  });
}

function sameAsShown(example: DocExample, shown: string[], actual: string[]): boolean {
  if (example.kind === 'single' && example.lang === 'json') {
    try {
      expect(JSON.parse(actual.join('\n'))).to.deep.equal(JSON.parse(shown.join('\n')));
      return true;
    } catch {
      return false;
    }
  }
  return matchesShown(shown, actual);
}

describe('documentation examples', () => {
  const scan = scanAll();

  it('every marker is followed by a fenced block of commands it can run', () => {
    expect(scan.problems).to.deep.equal([]);
  });

  it('every block that shows an aksnet command is marked: example, or not-run with a reason', () => {
    expect(scan.unmarked.map((u) => `${u.file}:${u.line}`)).to.deep.equal([]);
    for (const n of scan.notRun) expect(n.reason, `${n.file}:${n.line}`).to.match(/\S{3}/);
  });

  it('finds the examples it checks (README tour and the docs)', () => {
    const where = new Set(scan.examples.map((e) => e.file));
    expect(where).to.include('README.md');
    expect(scan.examples.length).to.be.greaterThan(10);
  });

  describe('each marked block is the real output of its commands', function () {
    this.timeout(120000);
    let results: RunResult[][] = [];
    let scratchRoot = '';
    before(async () => {
      scratchRoot = makeTempDir();
      results = await runAll(scan.examples, scratchRoot);
    });
    after(() => {
      if (scratchRoot) removeTempDir(scratchRoot);
      if (process.env.UPDATE_DOCS === '1') rewriteBlocks(scan.examples, results);
    });
    for (const [i, example] of scan.examples.entries()) {
      it(`${example.file}:${example.line} ${example.commands.map((c) => c.line).join(' ; ')}`, () => {
        const actual = actualFor(example, results[i]);
        example.commands.forEach((c, k) => {
          const same = sameAsShown(example, c.expected, actual[k]);
          if (!same && process.env.UPDATE_DOCS === '1') return;
          expect(same, `${example.file}:${example.line} \`${c.line}\` printed:\n${actual[k].join('\n')}\n`).to.equal(true);
        });
      });
    }
  });
});

/** UPDATE_DOCS=1: write the real output into blocks without wildcards. */
function rewriteBlocks(examples: DocExample[], results: RunResult[][]): void {
  const byFile = new Map<string, { example: DocExample; actual: string[][] }[]>();
  examples.forEach((e, i) => {
    if (e.commands.some((c) => c.expected.some((l) => WILDCARD.test(l)))) return;
    const list = byFile.get(e.file) ?? [];
    list.push({ example: e, actual: actualFor(e, results[i]) });
    byFile.set(e.file, list);
  });
  for (const [file, list] of byFile) {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    // from the last block up, so earlier line numbers stay valid
    for (const { example, actual } of list.sort((a, b) => b.example.bodyStart - a.example.bodyStart)) {
      if (example.commands.every((c, k) => sameAsShown(example, c.expected, actual[k]))) continue;
      const body =
        example.kind === 'single' ? actual[0] : example.commands.flatMap((c, k) => [`$ ${c.line}`, ...actual[k]]);
      lines.splice(example.bodyStart, example.bodyEnd - example.bodyStart, ...body);
    }
    fs.writeFileSync(path.join(ROOT, file), lines.join('\n'));
  }
}

describe('documentation examples: the checker itself', () => {
  it('splits words like a shell and expands * in a path', () => {
    expect(shellWords(`plan --stack prod --format 'a b' "c"`)).to.deep.equal(['plan', '--stack', 'prod', '--format', 'a b', 'c']);
    const calico = expandGlobs(['validate', 'test/fixtures/calico/*.yaml'], ROOT);
    expect(calico.length).to.equal(7); // 'validate' + the six fixture files
    expect(calico[1]).to.equal('test/fixtures/calico/01-gnp-default-deny-non-system.yaml');
  });

  it('compares exactly, or around `…` lines', () => {
    expect(matchesShown(['a', 'b'], ['a', 'b'])).to.equal(true);
    expect(matchesShown(['a', 'b'], ['a', 'b', 'c'])).to.equal(false);
    expect(matchesShown(['a', '…', 'c'], ['a', 'x', 'y', 'c'])).to.equal(true);
    expect(matchesShown(['a', '…', 'c'], ['a', 'c'])).to.equal(true);
    expect(matchesShown(['a', '…', 'c'], ['a', 'c', 'd'])).to.equal(false);
    expect(matchesShown(['…', 'b', '…'], ['a', 'b', 'c'])).to.equal(true);
    expect(matchesShown(['…', 'z', '…'], ['a', 'b', 'c'])).to.equal(false);
    expect(matchesShown(['a', '...', 'b', '...', 'c'], ['a', 'c', 'b', 'c'])).to.equal(true);
    expect(matchesShown(['a', '...', 'b', '...', 'c'], ['a', 'c', 'c'])).to.equal(false);
  });

  it('reads markers, sessions and unmarked blocks', () => {
    const md = [
      '<!-- example -->',
      '```text',
      '$ cd examples/kubenet && aksnet plan',
      'out',
      '$ cd .. && aksnet plan --stack x',
      'more',
      '$ echo $?',
      '0',
      '```',
      '<!-- example: aksnet size --plugin kubenet --nodes 3 --max-pods 30 --format json -->',
      '```json',
      '{}',
      '```',
      '```sh',
      '$ aksnet plan',
      '```',
      '<!-- not-run: checked by test/x.test.ts -->',
      '```',
      '$ aksnet diff a b',
      '```',
      '<!-- example -->',
      'text',
    ].join('\n');
    const s = scanMarkdown('x.md', md);
    expect(s.examples.map((e) => e.kind)).to.deep.equal(['session', 'single']);
    expect(scanMarkdown('y.md', '<!-- example (scratch: grow-prod): aksnet diff a.json b.json -->\n```markdown\nx\n```').examples[0]).to.include({
      scratch: 'grow-prod',
      kind: 'single',
    });
    expect(s.examples[0].commands).to.deep.equal([
      { line: 'cd examples/kubenet && aksnet plan', cwd: 'examples/kubenet', argv: ['plan'], expected: ['out'] },
      { line: 'cd .. && aksnet plan --stack x', cwd: 'examples', argv: ['plan', '--stack', 'x'], expected: ['more'] }, // cd holds, as in a shell
      { line: 'echo $?', cwd: 'examples', argv: null, expected: ['0'] },
    ]);
    expect(s.examples[1].commands[0].argv).to.deep.equal(['size', '--plugin', 'kubenet', '--nodes', '3', '--max-pods', '30', '--format', 'json']);
    expect(s.unmarked).to.deep.equal([{ file: 'x.md', line: 14 }]);
    expect(s.notRun).to.deep.equal([{ file: 'x.md', line: 17, reason: 'checked by test/x.test.ts' }]);
    expect(s.problems).to.deep.equal(['x.md:21: marker not followed by a fenced block']);
  });
});
