// docs/cli.md documents every command and every option the CLI declares (cli/main.ts): a command or
// flag added without its reference fails here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { aksnet } from './cliHarness';

const ROOT = path.resolve(__dirname, '..');

/** Commands and option flags as declared in a commander program's source. */
export function declaredInterface(source: string): { commands: string[]; options: Map<string, string[]> } {
  const options = new Map<string, string[]>();
  const commands: string[] = [];
  // each `.command('x')` opens a section that runs to the next one (or to the end of the program)
  const program = source.split(/\n\s*return cli;/)[0];
  const parts = program.split(/\.command\(\s*'/).slice(1);
  for (const part of parts) {
    const name = /^([\w-]+)'/.exec(part)?.[1];
    if (!name) continue;
    commands.push(name);
    options.set(name, [...new Set([...part.matchAll(/['"](--[a-z][\w-]*)(?:\s+[<[][^>\]]+[>\]])?['"]/g)].map((m) => m[1]))]);
  }
  return { commands, options };
}

describe('docs/cli.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  const { commands, options } = declaredInterface(fs.readFileSync(path.join(ROOT, 'cli', 'main.ts'), 'utf8'));

  it('reads the commands and options from cli/main.ts (the reader is not vacuous)', () => {
    expect(commands).to.include.members(['plan', 'size', 'synth', 'diff', 'validate', 'reach', 'migrate']);
    expect(options.get('plan')).to.include.members(['--stack', '--format', '--out']);
    expect(options.get('migrate')).to.include('--today');
    const parsed = declaredInterface(".command('a')\n.option('--x <n>', 'd')\n.requiredOption('--y', 'e')\n.command('b')\n.addOption(new Option('--z <f>', 'g'))");
    expect(parsed.commands).to.deep.equal(['a', 'b']);
    expect([...parsed.options.entries()]).to.deep.equal([
      ['a', ['--x', '--y']],
      ['b', ['--z']],
    ]);
  });

  it('has a section per command, with its synopsis naming every option', () => {
    const missing: string[] = [];
    for (const command of commands) {
      const start = doc.indexOf(`\n## aksnet ${command}\n`);
      if (start < 0) {
        missing.push(`## aksnet ${command}`);
        continue;
      }
      const end = doc.indexOf('\n## ', start + 1);
      const section = doc.slice(start, end < 0 ? undefined : end);
      for (const flag of options.get(command) ?? []) if (!section.includes(flag)) missing.push(`aksnet ${command} ${flag}`);
    }
    expect(missing).to.deep.equal([]);
  });

  it('names every field of the plan JSON the bundled stacks produce', () => {
    const run = aksnet(['plan', 'Pulumi.dev.yaml', 'Pulumi.prod.yaml', 'examples/kubenet/Pulumi.legacy.yaml', '--format', 'json']);
    expect(run.status, run.stderr).to.be.oneOf([0, 1]);
    const start = doc.indexOf('\n## aksnet plan\n');
    const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
    const fields = new Set<string>();
    const add = (o: unknown) => Object.keys((o ?? {}) as object).forEach((k) => fields.add(k));
    const stacks = Object.values(JSON.parse(run.stdout).stacks) as Record<string, unknown[] | object>[];
    expect(stacks.length).to.equal(3);
    for (const plan of stacks) {
      add(plan);
      for (const key of ['network', 'totals', 'ingress']) add(plan[key]);
      for (const key of ['findings', 'subnets', 'podRanges', 'pools', 'connectivity']) for (const item of (plan[key] ?? []) as unknown[]) add(item);
    }
    expect(fields.size).to.be.greaterThan(50);
    expect([...fields].filter((f) => !section.includes(`"${f}"`))).to.deep.equal([]);
  });
});
