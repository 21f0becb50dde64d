// The example stacks under examples/ are what a new user copies from: those that stand for a working
// stack must plan without an error today (2026-12-04, pinned), so a rule added later that refuses
// them (a retired Kubernetes version, a documentation range, ...) shows up here, not in a user's PR.
// examples/policy-mismatch/ is the one that fails on purpose (docs/network-policy.md).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aksnetInProcess, ROOT } from './cliHarness';

const FAILS_ON_PURPOSE = new Set(['examples/policy-mismatch/Pulumi.demo.yaml']);

function exampleStacks(): string[] {
  const dir = path.join(ROOT, 'examples');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(dir, d.name)).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => `examples/${d.name}/${f}`))
    .sort();
}

describe('example stacks', () => {
  it('finds the examples, including the one that fails on purpose', () => {
    expect(exampleStacks()).to.include.members(['examples/gateway-api/Pulumi.shop.yaml', 'examples/kubenet/Pulumi.legacy.yaml', ...FAILS_ON_PURPOSE]);
  });

  for (const file of exampleStacks()) {
    const purpose = FAILS_ON_PURPOSE.has(file) ? 'is refused, as its docs say' : 'plans with no error on 2026-12-04';
    it(`${file} ${purpose}`, async () => {
      const run = await aksnetInProcess(['plan', file, '--today', '2026-12-04']);
      expect(run.status, run.stdout + run.stderr).to.equal(FAILS_ON_PURPOSE.has(file) ? 1 : 0);
    });
  }
});
