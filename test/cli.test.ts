// The aksnet CLI contract (issue #3): commands, JSON fields, exit statuses 0/1/2, messages on stderr.
// Expected numbers come from the arithmetic written next to them (formulas in
// ../shared/reference/aks-networking-rules.md §1-§3), never from running the planner.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { aksnet, aksnetInProcess, hasStackTrace, scratchDir, writeStack } from './cliHarness';
import { useTempDir } from './tmp';

/** A small valid classic Azure CNI network; tests change one thing at a time. */
function classic(overrides: Record<string, unknown> = {}) {
  return {
    addressSpace: ['10.1.0.0/16'],
    plugin: 'azure-cni',
    subnets: [{ name: 'nodes', cidr: '10.1.0.0/22' }],
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 2, maxCount: 5, maxPods: 30, subnet: 'nodes' }],
    ...overrides,
  };
}

describe('aksnet plan', () => {
  const scratch = useTempDir(); // a fresh folder per test, removed after it
  it('plans every bundled stack (npm run plan) and exits 0', async () => {
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).to.equal(true);
    expect(Object.keys(out.stacks)).to.have.members(['dev', 'prod']);
    expect(out.findings).to.be.an('array');
  });

  it('prints one plan object with the contract fields for --stack', async () => {
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'prod', '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).to.include.keys('ok', 'findings', 'subnets', 'pools');
    for (const s of plan.subnets) expect(s).to.include.keys('name', 'cidr', 'total', 'reserved', 'usable', 'demand', 'free', 'utilization');
    for (const p of plan.pools) expect(p).to.include.keys('name', 'subnet', 'maxNodes', 'surgeNodes', 'maxPods', 'nodeIps', 'podIps', 'headroomNodes');
    // prod apps pool: maxCount 60, maxSurge 33% -> ceil(19.8) = 20 surge nodes [rules §2]
    const apps = plan.pools.find((p: { name: string }) => p.name === 'apps');
    expect(apps.maxNodes).to.equal(60);
    expect(apps.surgeNodes).to.equal(20);
    // dynamic pod subnet: 16 * ceil((50 + 8) / 16) = 64 per node, 80 nodes -> 5,120 pod IPs [rules §3.1]
    expect(apps.podIps).to.equal(5120);
  });

  it('renders a readable text table and Markdown for PR comments', async () => {
    const text = await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev']);
    expect(text.status).to.equal(0);
    expect(text.stdout).to.match(/Subnets/).and.match(/Node pools/).and.match(/aks-nodes/);
    const md = await aksnetInProcess(['plan', '--today', '2026-12-04', '--format', 'markdown']);
    expect(md.stdout).to.match(/^## ✅ aksnet plan/);
    expect(md.stdout).to.include('| Subnet | CIDR |');
  });

  it("text and Markdown show each pool's runs-out-at and safe maxCount: the JSON's figures", async () => {
    const json = JSON.parse((await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev', '--format', 'json'])).stdout) as { pools: { name: string; runsOutAtNodes: number; maxSafeMaxCount: number; limitedBy: string }[] };
    const text = (await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev'])).stdout;
    const md = (await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev', '--format', 'markdown'])).stdout;
    // dev's apps pool: safe up to 177, fails at 178 (worked out in planner.forecast.test.ts)
    expect(json.pools.find((p) => p.name === 'apps')).to.include({ runsOutAtNodes: 178, maxSafeMaxCount: 177 });
    for (const p of json.pools) {
      const row = text.split('\n').find((l) => l.trim().startsWith(`${p.name} `));
      expect(row, p.name).to.match(new RegExp(`\\s${p.runsOutAtNodes}\\s+${p.maxSafeMaxCount}\\s+${p.limitedBy}\\b`));
      expect(md).to.include(`| ${p.runsOutAtNodes} | **${p.maxSafeMaxCount}** | ${p.limitedBy} `);
    }
  });

  it('writes the report to --out and nothing to stdout', async () => {
    const dir = scratch();
    const out = path.join(dir, 'plan.json');
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev', '--format', 'json', '--out', out]);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.equal('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).ok).to.equal(true);
  });

  it('exits 1 with SUBNET_EXHAUSTED when a subnet runs out at maxCount plus surge', async () => {
    const dir = scratch();
    // (10 + 1 surge) x (1 + 30) = 341 addresses > 251 usable in a /24 (256 - 5) [rules §1, §3]
    const file = writeStack(dir, 'full', classic({
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
      nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 2, maxCount: 10, maxPods: 30, subnet: 'nodes' }],
    }));
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', file, '--format', 'json']);
    expect(r.status).to.equal(1);
    const plan = JSON.parse(r.stdout);
    expect(plan.ok).to.equal(false);
    const f = plan.findings.find((x: { code: string }) => x.code === 'SUBNET_EXHAUSTED');
    expect(f.severity).to.equal('error');
    expect(f.path).to.equal('subnets[0]');
    expect(plan.subnets[0]).to.include({ total: 256, reserved: 5, usable: 251, demand: 341, free: -90 });
  });

  it('reads a standalone JSON file holding only the network object', async () => {
    const dir = scratch();
    const file = path.join(dir, 'network.json');
    fs.writeFileSync(file, JSON.stringify(classic()));
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', file, '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    // (5 + 1) x 31 = 186 of 1,019 usable in a /22 (1,024 - 5)
    expect(JSON.parse(r.stdout).subnets[0]).to.include({ usable: 1019, demand: 186 });
  });

  describe('bad input: exit 2, file + config path + code on stderr, no stack trace', () => {
    const cases: { name: string; content: string | object; code: string; where: RegExp }[] = [
      { name: 'malformed YAML', content: 'config:\n  aks-networking:network: {\n    plugin: azure-cni\n', code: 'INVALID_YAML', where: /bad\.yaml:\d+:\d+/ },
      { name: 'malformed JSON', content: '{"addressSpace": [', code: 'INVALID_JSON', where: /bad\.json/ },
      { name: 'a wrong type', content: classic({ nodePools: [{ name: 'system', mode: 'System', vmSize: 'x', minCount: 2, maxCount: 'ten', subnet: 'nodes' }] }), code: 'INVALID_CONFIG', where: /config\.aks-networking:network\.nodePools\[0\]\.maxCount/ },
      { name: 'a negative count', content: classic({ nodePools: [{ name: 'system', mode: 'System', vmSize: 'x', count: -3, subnet: 'nodes' }] }), code: 'INVALID_CONFIG', where: /nodePools\[0\]\.count/ },
      { name: 'a malformed CIDR', content: classic({ addressSpace: ['10.1.0.0/33'] }), code: 'INVALID_CIDR', where: /addressSpace\[0\]/ },
      { name: 'a CIDR with host bits', content: classic({ subnets: [{ name: 'nodes', cidr: '10.1.1.0/22' }] }), code: 'INVALID_CIDR', where: /subnets\[0\]\.cidr/ },
      { name: 'IPv6 where IPv4 is required', content: classic({ serviceCidr: 'fd00::/108' }), code: 'INVALID_CIDR', where: /serviceCidr/ },
      { name: 'an unknown subnet reference', content: classic({ nodePools: [{ name: 'system', mode: 'System', vmSize: 'x', count: 3, maxPods: 30, subnet: 'nope' }] }), code: 'INVALID_CONFIG', where: /nodePools\[0\]\.subnet/ },
      { name: 'an unknown plugin', content: classic({ plugin: 'azure-cni-turbo' }), code: 'INVALID_CONFIG', where: /plugin/ },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const dir = scratch();
        let file: string;
        if (typeof c.content === 'string') {
          file = path.join(dir, c.code === 'INVALID_JSON' ? 'bad.json' : 'bad.yaml');
          fs.writeFileSync(file, c.content);
        } else {
          file = writeStack(dir, 'bad', c.content);
        }
        // a real process: what a user sees, with no stack trace from an escaped exception
        const r = aksnet(['plan', '--today', '2026-12-04', file]);
        expect(r.status, r.stdout + r.stderr).to.equal(2);
        expect(r.stderr).to.include(`[${c.code}]`);
        expect(r.stderr).to.match(c.where);
        expect(r.stderr).to.include(path.basename(file));
        expect(hasStackTrace(r.stderr), r.stderr).to.equal(false);
        expect(r.stdout).to.equal('');
      });
    }

    it('a missing file', async () => {
      const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '/nonexistent/Pulumi.x.yaml']);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.include('[FILE_NOT_FOUND]');
    });

    it('an unknown option', async () => {
      const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--formt', 'json']);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.match(/^aksnet: unknown option '--formt'.* \[INVALID_ARGUMENT\]\n$/);
      expect(hasStackTrace(r.stderr)).to.equal(false);
    });

    it('an unknown format', async () => {
      const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev', '--format', 'xml']);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.match(/^aksnet: .*'xml' is invalid.* \[INVALID_ARGUMENT\]\n$/);
      expect(r.stdout).to.equal('');
    });

    it('--out into a folder that does not exist', async () => {
      const dir = scratchDir();
      try {
        const out = path.join(dir, 'missing', 'plan.md');
        const r = await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'dev', '--out', out]);
        expect(r.status, r.stderr).to.equal(2);
        expect(r.stderr).to.match(/^aksnet: --out: cannot write .*missing.* \[INVALID_ARGUMENT\]\n$/);
        expect(fs.existsSync(path.join(dir, 'missing'))).to.equal(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a directory as FILE', async () => {
      const dir = scratchDir();
      try {
        const r = await aksnetInProcess(['plan', '--today', '2026-12-04', dir]);
        expect(r.status).to.equal(2);
        expect(r.stderr).to.match(/is a directory.* \[NOT_A_FILE\]\n$/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('several bad files: every file\'s error, whatever its kind', async () => {
      const dir = scratchDir();
      try {
        const yaml = path.join(dir, 'Pulumi.a.yaml');
        fs.writeFileSync(yaml, 'config:\n  aks-networking:network: {\n');
        const config = writeStack(dir, 'b', classic({ plugin: 'nope' }));
        const missing = path.join(dir, 'Pulumi.c.yaml');
        const r = await aksnetInProcess(['plan', '--today', '2026-12-04', yaml, config, missing]);
        expect(r.status).to.equal(2);
        expect(r.stderr).to.include('Pulumi.a.yaml').and.to.include('[INVALID_YAML]');
        expect(r.stderr).to.include('Pulumi.b.yaml').and.to.include('[INVALID_CONFIG]');
        expect(r.stderr).to.include('Pulumi.c.yaml').and.to.include('[FILE_NOT_FOUND]');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('several stacks together', () => {
    it('warns when unpeered stacks overlap and fails when peered ones do', async () => {
      const dir = scratch();
      const a = writeStack(dir, 'a', classic());
      const b = writeStack(dir, 'b', classic());
      const loose = await aksnetInProcess(['plan', '--today', '2026-12-04', a, b, '--format', 'json']);
      expect(loose.status, loose.stderr).to.equal(0);
      const looseOut = JSON.parse(loose.stdout);
      expect(looseOut.findings.map((f: { code: string; severity: string }) => `${f.code}/${f.severity}`)).to.deep.equal(['CIDR_OVERLAP/warning']);

      const peered = writeStack(dir, 'c', classic({ peers: ['a'] }));
      const strict = await aksnetInProcess(['plan', '--today', '2026-12-04', a, peered, '--format', 'json']);
      expect(strict.status).to.equal(1);
      const strictOut = JSON.parse(strict.stdout);
      expect(strictOut.ok).to.equal(false);
      expect(strictOut.findings.some((f: { code: string; severity: string }) => f.code === 'CIDR_OVERLAP' && f.severity === 'error')).to.equal(true);
    });
  });
});

describe('aksnet size', () => {
  const size = async (args: string[]) => {
    const r = await aksnetInProcess(['size', ...args, '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    return JSON.parse(r.stdout);
  };

  it('classic Azure CNI: 50 nodes x 30 pods + 1 surge = 1,581 IPs -> /21 (rules §1 worked example)', async () => {
    // (50 + 1) x (1 + 30) = 1,581; a /21 has 2,043 usable, a /22 only 1,019
    expect((await size(['--plugin', 'azure-cni', '--nodes', '50', '--max-pods', '30']))).to.deep.equal({
      ok: true,
      plugin: 'azure-cni',
      nodes: 51,
      nodeSubnet: { ips: 1581, prefixLength: 21 },
      findings: [],
    });
  });

  it('overlay: one /24 per node from the pod CIDR', async () => {
    const out = await size(['--plugin', 'azure-cni-overlay', '--nodes', '100', '--max-pods', '250']);
    // 101 nodes: a /25 has 123 usable (>= 101), a /26 only 59
    expect(out.nodes).to.equal(101);
    expect(out.nodeSubnet).to.deep.equal({ ips: 101, prefixLength: 25 });
    // 101 /24s: 2^7 = 128 >= 101 > 64, so 24 - 7 = /17
    expect(out.podCidr).to.include({ perNodePrefixLength: 24, prefixLength: 17 });
    expect(out).to.not.have.key('podSubnet');
  });

  it('dynamic pod subnet: batches of 16', async () => {
    // maxPods 40: 40 mod 16 = 8, where the tight and the literal batch readings agree (rules §14.8)
    const out = await size(['--plugin', 'azure-cni-dynamic', '--nodes', '10', '--max-pods', '40']);
    // 11 nodes x 16 x ceil((40 + 8) / 16) = 11 x 48 = 528 -> /22 (1,019 usable; a /23 has 507)
    expect(out.podSubnet).to.deep.equal({ ips: 528, prefixLength: 22 });
    expect(out.nodeSubnet).to.deep.equal({ ips: 11, prefixLength: 28 });
  });

  it('static block: /28 blocks per node', async () => {
    // maxPods 31 -> ceil(32 / 16) = 2 blocks = 32 IPs per node; 11 nodes -> 352 -> /23
    const out = await size(['--plugin', 'azure-cni-static-block', '--nodes', '10', '--max-pods', '31']);
    expect(out.podSubnet).to.deep.equal({ ips: 352, prefixLength: 23 });
  });

  it('percentage surge rounds up: 33% of 10 = 4 (rules §2)', async () => {
    expect((await size(['--plugin', 'kubenet', '--nodes', '10', '--max-pods', '110', '--surge', '33%'])).nodes).to.equal(14);
  });

  it('bad arguments exit 2 without a stack trace, as aksnet: message [CODE]', async () => {
    for (const args of [
      ['--plugin', 'azure-cni', '--nodes', '-4', '--max-pods', '30'],
      ['--plugin', 'bogus', '--nodes', '4', '--max-pods', '30'],
      ['--plugin', 'azure-cni', '--max-pods', '30'],
      ['--plugin', 'azure-cni', '--nodes', '4', '--max-pods', '30', '--format', 'xml'],
      ['--plugin', 'azure-cni', '--nodes', '4', '--max-pods', '30', '--bogus'],
    ]) {
      const r = await aksnetInProcess(['size', ...args]);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr, args.join(' ')).to.match(/^aksnet: .+ \[INVALID_ARGUMENT\]\n$/);
      expect(hasStackTrace(r.stderr)).to.equal(false);
    }
  });

  it('refuses numbers out of range with INVALID_ARGUMENT (exit 2), never an internal error', () => {
    // 10^23 is beyond 2^40 nodes (the flag's range); maxPods beyond 100,000
    for (const [args, message] of [
      [['--nodes', '99999999999999999999999', '--max-pods', '30'], '--nodes: 99999999999999999999999 is out of range: expected a whole number from 0 to 1,099,511,627,776'],
      [['--nodes', '10', '--max-pods', '99999999999'], '--max-pods: 99999999999 is out of range: expected a whole number from 0 to 100,000'],
      [['--nodes', '10', '--max-pods', '30', '--surge', '99999999999999999999'], '--surge: 99999999999999999999 is out of range'],
    ] as const) {
      const r = aksnet(['size', '--plugin', 'azure-cni', ...args]);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr).to.include(message).and.match(/\[INVALID_ARGUMENT\]\n$/);
    }
    // the largest values still plan, and fail as findings (exit 1) on every plugin
    for (const plugin of ['azure-cni', 'azure-cni-dynamic', 'azure-cni-overlay', 'kubenet', 'none']) {
      expect(aksnet(['size', '--plugin', plugin, '--nodes', String(2 ** 40), '--max-pods', '100000', '--surge', '100%']).status, plugin).to.equal(1);
    }
  });

  it('--surge: the same words as plan, percentages accepted, and a cap said aloud', async () => {
    // plan's message for maxSurge (planner/config.ts): "a node count or a percentage from 1% to 100%"
    for (const bad of ['150%', '0%', '-1', 'lots']) {
      const r = await aksnetInProcess(['size', '--plugin', 'azure-cni', '--nodes', '10', '--max-pods', '30', '--surge', bad]);
      expect(r.status, bad).to.equal(2);
      expect(r.stderr, bad).to.include('--surge: expected a node count or a percentage from 1% to 100%').and.include('[INVALID_ARGUMENT]');
    }
    // 33% of 10 = 3.3, rounded up: 4 surge nodes [learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling]
    expect((await size(['--plugin', 'azure-cni', '--nodes', '10', '--max-pods', '30', '--surge', '33%'])).nodes).to.equal(14);
    // 50 surge nodes on a 10-node pool: counted as 10, and said
    const capped = await aksnetInProcess(['size', '--plugin', 'azure-cni', '--nodes', '10', '--max-pods', '30', '--surge', '50']);
    expect(capped.status).to.equal(0);
    expect(capped.stdout).to.include('10 nodes + 10 surge = 20 nodes').and.include("note: --surge 50 is more than the pool's 10 nodes");
    expect((await size(['--plugin', 'azure-cni', '--nodes', '10', '--max-pods', '30', '--surge', '50'])).surgeCapped).to.deep.equal({ asked: 50, used: 10 });
    // "1 node", not "1 nodes"
    expect((await aksnetInProcess(['size', '--plugin', 'azure-cni', '--nodes', '1', '--max-pods', '30'])).stdout).to.match(/^azure-cni: 1 node \+ 1 surge = 2 nodes/);
  });

  // Exit 1 when no Azure subnet or range fits, or a limit plan checks is broken: size applies the plan's
  // checks to the one pool. Sources: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
  // (largest subnet /2), https://learn.microsoft.com/azure/aks/quotas-skus-regions#service-quotas-and-limits
  // (1,000 nodes per pool, 5,000 per cluster), https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
  // (maxPods 10-250, 65,536 VNet IPs), https://learn.microsoft.com/azure/aks/configure-kubenet (400 routes).
  describe('exit 1 when it does not fit', () => {
    const refused = async (args: string[]) => {
      const r = await aksnetInProcess(['size', ...args, '--format', 'json']);
      expect(r.status, r.stderr).to.equal(1);
      const out = JSON.parse(r.stdout);
      expect(out.ok).to.equal(false);
      return out as { nodeSubnet: { prefixLength: number | null }; podSubnet?: { ips: number; prefixLength: number | null }; podCidr?: { prefixLength: number | null }; findings: { code: string; severity: string; message: string }[] };
    };
    const codes = (out: Awaited<ReturnType<typeof refused>>) => out.findings.filter((f) => f.severity === 'error').map((f) => f.code);

    it('a pod subnet larger than any Azure subnet: 100,000,000 nodes x 48 > 2^30 - 5 usable in a /2', async () => {
      // dynamic, maxPods 30: 16 x ceil(38 / 16) = 48 per node; 100,000,001 x 48 = 4,800,000,048 > 1,073,741,819
      const out = await refused(['--plugin', 'azure-cni-dynamic', '--nodes', '100000000', '--max-pods', '30']);
      expect(out.podSubnet).to.deep.equal({ ips: 4_800_000_048, prefixLength: null });
      expect(codes(out)).to.include('SUBNET_EXHAUSTED');
    });

    it('dynamic, 5,000,000 nodes: the pool and cluster node limits and the VNet IP limit', async () => {
      const out = await refused(['--plugin', 'azure-cni-dynamic', '--nodes', '5000000', '--max-pods', '30']);
      expect(codes(out)).to.deep.equal(['NODE_LIMIT', 'NODE_LIMIT', 'VNET_IP_LIMIT']);
    });

    it('an overlay pod CIDR beyond the IPv4 space is null, not a negative prefix', async () => {
      // 2^33 /24s would need a /-9
      const out = await refused(['--plugin', 'azure-cni-overlay', '--nodes', String(2 ** 33), '--max-pods', '30']);
      expect(out.podCidr?.prefixLength).to.equal(null);
      expect(codes(out)).to.include('POD_CIDR_EXHAUSTED');
      const text = await aksnetInProcess(['size', '--plugin', 'azure-cni-overlay', '--nodes', String(2 ** 33), '--max-pods', '30']);
      expect(text.status).to.equal(1);
      expect(text.stdout).to.not.match(/\/-\d/);
    });

    it('maxPods 10-250 on every plugin, BYO included (maxPods 300 with plugin none)', async () => {
      expect(codes(await refused(['--plugin', 'none', '--nodes', '10', '--max-pods', '300']))).to.deep.equal(['MAX_PODS_OUT_OF_RANGE']);
      expect(codes(await refused(['--plugin', 'azure-cni', '--nodes', '10', '--max-pods', '9']))).to.deep.equal(['MAX_PODS_OUT_OF_RANGE']);
    });

    it('1,000 nodes per pool, surge included: 1,000 + 1 fails, 999 + 1 fits', async () => {
      expect(codes(await refused(['--plugin', 'azure-cni-overlay', '--nodes', '1000', '--max-pods', '30']))).to.deep.equal(['NODE_LIMIT']);
      expect((await aksnetInProcess(['size', '--plugin', 'azure-cni-overlay', '--nodes', '999', '--max-pods', '30'])).status).to.equal(0);
    });

    it('the VNet IP limit: classic 511 + 1 nodes x 128 = 65,536 fits, 512 + 1 x 128 = 65,664 does not', async () => {
      expect((await aksnetInProcess(['size', '--plugin', 'azure-cni', '--nodes', '511', '--max-pods', '127'])).status).to.equal(0);
      expect(codes(await refused(['--plugin', 'azure-cni', '--nodes', '512', '--max-pods', '127']))).to.deep.equal(['VNET_IP_LIMIT']);
    });

    it('kubenet: 400 + 1 nodes exceed 400 routes', async () => {
      expect(codes(await refused(['--plugin', 'kubenet', '--nodes', '400', '--max-pods', '110']))).to.deep.equal(['NODE_LIMIT']);
    });
  });
});

describe('aksnet synth (exit statuses through the CLI)', () => {
  const scratch = useTempDir();
  it('prints the prod graph and exits 0', async () => {
    const r = aksnet(['synth', '--stack', 'prod', '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const resources = JSON.parse(r.stdout) as { type: string }[];
    expect(resources.filter((x) => x.type === 'azure-native:network:Subnet')).to.have.length(4);
  });

  it('exits 1 with the findings on stderr when the program refuses the config', async () => {
    const dir = scratch();
    // (10 + 1) x 31 = 341 > 251 usable in the /24: SUBNET_EXHAUSTED
    writeStack(dir, 'full', classic({
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
      nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', minCount: 2, maxCount: 10, maxPods: 30, subnet: 'nodes' }],
    }));
    const r = aksnet(['synth', '--stack', 'full'], dir);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.include('SUBNET_EXHAUSTED');
    expect(r.stdout).to.equal('');
    expect(hasStackTrace(r.stderr)).to.equal(false);
  });

  it('exits 2 naming the cluster config path when the cluster config is unusable', async () => {
    const dir = scratch();
    writeStack(dir, 'badcluster', classic(), { 'aks-networking:cluster': { name: 'not a valid name!' } });
    const r = aksnet(['synth', '--stack', 'badcluster'], dir);
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr).to.include('Pulumi.badcluster.yaml');
    expect(r.stderr).to.include('config.aks-networking:cluster.name');
    expect(r.stderr).to.include('[INVALID_CONFIG]');
    expect(hasStackTrace(r.stderr)).to.equal(false);
  });
});

describe('bin/aksnet.js: one code cache per command', () => {
  it('names every command of cli/main.ts, so none shares the catch-all cache', () => {
    const root = path.join(__dirname, '..');
    const bin = fs.readFileSync(path.join(root, 'bin', 'aksnet.js'), 'utf8');
    const listed = JSON.parse((/const COMMANDS = (\[[^\]]*\]);/.exec(bin)?.[1] ?? '[]').replace(/'/g, '"')) as string[];
    const registered = [...fs.readFileSync(path.join(root, 'cli', 'main.ts'), 'utf8').matchAll(/\.command\('([a-z]+)'\)/g)].map((m) => m[1]);
    expect(registered.length).to.be.greaterThan(5);
    expect([...listed].sort()).to.deep.equal([...registered].sort());
  });
});

describe('scripts/build.js: dist/ is stale when any source is newer', () => {
  it('walks every file under the source folders and each listed source file', () => {
    const root = path.join(__dirname, '..');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const builder = require('../scripts/build.js') as { sourceFiles(): string[]; SOURCE_DIRS: string[]; SOURCE_FILES: string[] };
    // the same walk written plainly: every file below each folder (recursive readdir), and each listed file
    const expected: string[] = [];
    for (const d of [...builder.SOURCE_DIRS, ...builder.SOURCE_FILES]) {
      const p = path.join(root, d);
      if (!fs.existsSync(p)) continue;
      if (!fs.statSync(p).isDirectory()) expected.push(p);
      else for (const f of fs.readdirSync(p, { recursive: true }) as string[]) if (fs.statSync(path.join(p, f)).isFile()) expected.push(path.join(p, f));
    }
    expect(expected.length).to.be.greaterThan(150);
    expect(builder.sourceFiles().map((f) => path.normalize(f)).sort()).to.deep.equal(expected.sort());
  });
});

describe('bin/aksnet.js: built-in modules load before the optimizer is turned off', () => {
  const scratch = useTempDir();
  it('aksnet plan --format json requires no built-in after --no-opt (V8 would refuse their code cache)', () => {
    // a preload that notes which built-ins Node loads after bin/aksnet.js sets --no-opt
    const probe = path.join(scratch(), 'after-no-opt.js');
    fs.writeFileSync(
      probe,
      `const v8 = require('node:v8'); const set = v8.setFlagsFromString; let from = -1;
v8.setFlagsFromString = (f) => { if (f === '--no-opt') from = process.moduleLoadList.length; return set(f); };
process.on('exit', () => { require('node:fs').writeFileSync(${JSON.stringify(path.join(scratch(), 'after.json'))}, JSON.stringify(process.moduleLoadList.slice(from).filter((m) => m.startsWith('NativeModule ')))); });\n`,
    );
    const root = path.join(__dirname, '..');
    // a stack without policy: the netpol bundle's packages (ajv, kubernetes-models) bring the loader's
    // package-exports modules, which no require before the flip can load
    const args = ['plan', 'examples/kubenet/Pulumi.legacy.yaml', '--format', 'json', '--today', '2026-12-04'];
    const r = spawnSync(process.execPath, ['-r', probe, path.join(root, 'bin', 'aksnet.js'), ...args], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).to.be.oneOf([0, 1]);
    expect(r.stdout).to.match(/"agentPoolName"/); // the report hashed pool names (node:crypto)
    expect(JSON.parse(fs.readFileSync(path.join(scratch(), 'after.json'), 'utf8'))).to.deep.equal([]);
  });
});
