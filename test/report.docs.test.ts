// docs/report.md shows real output: each stack file it lists (a ```yaml block opening with
// "# Pulumi.<stack>.yaml") is planned, and the text block after "`aksnet plan --today 2026-12-04
// Pulumi.<stack>.yaml` prints:" must appear in the output line for line; each `$ aksnet size …` line is run and its
// output (stdout and stderr) compared.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aksnet, ROOT, scratchDir } from './cliHarness';

const TODAY = '2026-12-04';
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'report.md'), 'utf8');

describe('docs/report.md: the output it shows is what the commands print', () => {
  let dir: string;
  before(() => (dir = scratchDir()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const stacks = [...DOC.matchAll(/```yaml\n# (Pulumi\.[\w-]+\.yaml)\n([\s\S]*?)```/g)].map((m) => ({ file: m[1], yaml: m[2] }));
  it('lists stack files (the parser is not vacuous)', () => expect(stacks.map((s) => s.file)).to.deep.equal(['Pulumi.blocked.yaml', 'Pulumi.kube.yaml']));

  for (const { file, yaml } of stacks) {
    it(`aksnet plan ${file}`, () => {
      fs.writeFileSync(path.join(dir, file), yaml);
      // the date is in the marker: what plan prints depends on it (Kubernetes support windows)
      const shown = new RegExp('`aksnet plan --today ' + TODAY + ' ' + file.replace(/\./g, '\\.') + '` prints:\\n\\n```\\n([\\s\\S]*?)```').exec(DOC);
      expect(shown, file).to.not.equal(null);
      const out = aksnet(['plan', '--today', TODAY, file], dir).stdout;
      expect(out).to.include(shown![1].trimEnd());
    });
  }

  it('every `$ aksnet size` example', () => {
    const block = /```\n(\$ aksnet size[\s\S]*?)```/.exec(DOC)![1];
    const runs = block.split(/^\$ /m).filter(Boolean);
    expect(runs.length).to.equal(3);
    for (const run of runs) {
      const [command, ...expected] = run.trimEnd().split('\n');
      const r = aksnet(command.split(' ').slice(1));
      expect(`${r.stdout}${r.stderr}`.trimEnd(), command).to.equal(expected.join('\n'));
    }
  });
});
