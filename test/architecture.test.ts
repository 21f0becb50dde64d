// The layering rules of .dependency-cruiser.cjs, run by dependency-cruiser itself (not by scanning
// imports by hand): the project has no violation, and each rule fires on the fixture that breaks it.
import { expect } from 'chai';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const fixtures = path.join(root, 'test/fixtures/architecture');
const LAYERS = ['index.ts', 'planner', 'netpol', 'design', 'usage', 'components', 'report', 'cli', 'policies', 'findings'];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

// dependency-cruiser is an ES module; ts-node compiles `import()` to require(), so load it through
// a real dynamic import.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

async function cruiseFrom(baseDir: string, entries: string[]): Promise<Violation[]> {
  const { cruise } = await importEsm('dependency-cruiser');
  const config = require(path.join(root, '.dependency-cruiser.cjs'));
  const cwd = process.cwd();
  // dependency-cruiser reports paths relative to the working directory; the rules are written for
  // paths relative to the project root, so cruise from the tree being checked.
  process.chdir(baseDir);
  try {
    const result = await cruise(entries, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, tsConfig: { fileName: path.join(root, 'tsconfig.json') } });
    return (result.output.summary.violations as Violation[]).map((v) => ({ rule: { name: v.rule.name }, from: v.from, to: v.to }));
  } finally {
    process.chdir(cwd);
  }
}

describe('architecture (dependency-cruiser)', function () {
  this.timeout(60_000);

  it('the project breaks none of the layering rules', async () => {
    const violations = await cruiseFrom(root, LAYERS);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).to.deep.equal([]);
  });

  it('each rule fires on the fixture that breaks it', async () => {
    const violations = await cruiseFrom(fixtures, ['index.ts', 'planner', 'netpol', 'design', 'usage', 'components', 'report', 'cli', 'findings']);
    const fired = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => v.from);
    expect(fired('planner-is-self-contained')).to.deep.equal(['planner/importsDesign.ts']);
    expect(fired('findings-imports-nothing')).to.deep.equal(['findings/importsPlanner.ts']);
    expect(fired('netpol-only-planner')).to.deep.equal(['netpol/importsDesign.ts']);
    expect(fired('design-only-planner-netpol')).to.deep.equal(['design/importsComponents.ts']);
    expect(fired('report-not-components')).to.include('report/importsComponents.ts');
    // index.ts, components/importsPulumi.ts and cli/synth.ts load @pulumi/pulumi too, and are allowed
    expect(fired('pulumi-only-in-components').sort()).to.deep.equal(['cli/importsPulumi.ts', 'design/importsPulumi.ts']);
    expect(fired('pulumi-sdk-types-only-outside-components').sort()).to.deep.equal(['design/importsPulumi.ts', 'report/importsPulumiType.ts']);
    expect(fired('no-circular-across-folders')).to.deep.equal(['cli/cycleA.ts']);
    expect(fired('usage-only-planner-design')).to.deep.equal(['usage/importsReport.ts']);
    expect(fired('azure-sdk-only-in-usage-command')).to.deep.equal(['cli/importsAzure.ts']);
  });
});
