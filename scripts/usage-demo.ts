// `npm run usage:demo [-- --format markdown ...]`: runs `aksnet usage` against the recorded estate
// (test/fixtures/usage/: two stacks, the recorded Azure responses, six weeks of history) served on
// loopback by the replay server, through the Azure SDK's real pipeline. docs/usage.md shows its output.
// The history is copied to a temporary file first (the command appends to it) and removed after.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../cli/main';
import { loadRecording, startReplay, testCredential } from '../test/usageReplay';

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'usage');

async function demo(extra: string[]): Promise<number> {
  const home = process.cwd();
  const server = await startReplay(loadRecording());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-usage-demo-'));
  try {
    // run where a user would: in a folder holding the stack files and the history
    for (const f of ['Pulumi.shop.yaml', 'Pulumi.payments.yaml']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    fs.copyFileSync(path.join(FIXTURES, 'history.jsonl'), path.join(dir, 'usage-history.jsonl'));
    process.chdir(dir);
    const args = ['usage', 'Pulumi.shop.yaml', 'Pulumi.payments.yaml', '--arm-endpoint', server.base, '--history', 'usage-history.jsonl', '--today', '2026-12-04', ...extra];
    process.stderr.write(`$ aksnet ${args.join(' ').replace(server.base, 'https://127.0.0.1:PORT')}\n`);
    return await main(args, { credential: testCredential, agent: server.agent });
  } finally {
    process.chdir(home);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

demo(process.argv.slice(2)).then((code) => {
  process.stderr.write(`(exit status ${code})\n`);
  process.exitCode = code;
});
