// Bad input: planFromConfig answers { ok: false, issues } with a stable code (INVALID_CONFIG for shape and
// meaning, INVALID_CIDR for addresses) and the config path inside the network object.
import { expect } from 'chai';
import { planFromConfig } from '../planner/plan';
import type { ConfigIssue, ConfigIssueCode } from '../planner/validate';
import { type Json, net, sysPool, userPool } from './plannerHelpers';

function issuesOf(raw: unknown): ConfigIssue[] {
  const result = planFromConfig(raw);
  expect(result.ok, `expected the config to be rejected: ${JSON.stringify(raw)}`).to.equal(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.issues.length).to.be.above(0);
  for (const issue of result.issues) expect(issue.message, 'every issue says what is wrong').to.be.a('string').and.not.equal('');
  return result.issues;
}

/** The config is rejected with (at least) this code at this path. */
function expectIssue(raw: unknown, code: ConfigIssueCode, path: string): ConfigIssue {
  const issues = issuesOf(raw);
  const hit = issues.find((i) => i.code === code && i.path === path);
  expect(hit, `expected ${code} at "${path}", got ${JSON.stringify(issues)}`).to.not.equal(undefined);
  return hit!;
}

const withPool = (over: Json, extra: Json = {}) => net({ nodePools: [sysPool(over)], ...extra });

describe('planner: validation of bad input', () => {
  it('accepts the baseline config (the fixtures below differ from it in one place)', () => {
    expect(planFromConfig(net()).ok).to.equal(true);
  });

  describe('wrong types (INVALID_CONFIG)', () => {
    it('not an object at all', () => {
      for (const raw of [null, undefined, 42, 'network', []]) expectIssue(raw, 'INVALID_CONFIG', '');
    });

    it('addressSpace given as a string instead of a list', () => {
      expectIssue(net({ addressSpace: '10.10.0.0/16' }), 'INVALID_CONFIG', 'addressSpace');
    });

    it('a count given as a string', () => {
      expectIssue(withPool({ count: undefined, minCount: 1, maxCount: '5' }), 'INVALID_CONFIG', 'nodePools[0].maxCount');
      expectIssue(withPool({ count: '3' }), 'INVALID_CONFIG', 'nodePools[0].count');
    });

    it('a fractional count or maxPods', () => {
      expectIssue(withPool({ count: 2.5 }), 'INVALID_CONFIG', 'nodePools[0].count');
      expectIssue(withPool({ maxPods: 30.5 }), 'INVALID_CONFIG', 'nodePools[0].maxPods');
    });

    it('an unknown plugin, policy, tier or purpose', () => {
      expectIssue(net({ plugin: 'calico' }), 'INVALID_CONFIG', 'plugin');
      expectIssue(net({ networkPolicy: 'weave' }), 'INVALID_CONFIG', 'networkPolicy');
      expectIssue(net({ tier: 'gold' }), 'INVALID_CONFIG', 'tier');
      expectIssue(net({ subnets: [{ name: 'nodes', purpose: 'database' }] }), 'INVALID_CONFIG', 'subnets[0].purpose');
    });

    it('a missing required field', () => {
      const { plugin: _plugin, ...noPlugin } = net();
      expectIssue(noPlugin, 'INVALID_CONFIG', 'plugin');
      const { vmSize: _vm, ...noVm } = sysPool();
      expectIssue(net({ nodePools: [noVm] }), 'INVALID_CONFIG', 'nodePools[0].vmSize');
    });

    it('empty lists where one entry is needed', () => {
      expectIssue(net({ addressSpace: [] }), 'INVALID_CONFIG', 'addressSpace');
      expectIssue(net({ subnets: [] }), 'INVALID_CONFIG', 'subnets');
      expectIssue(net({ nodePools: [] }), 'INVALID_CONFIG', 'nodePools');
    });

    it('a misspelt key is rejected, not ignored', () => {
      expectIssue(withPool({ maxpods: 30 }), 'INVALID_CONFIG', 'nodePools[0]');
      expectIssue(net({ servicecidr: '10.0.0.0/16' }), 'INVALID_CONFIG', '');
    });

    it('pool names: 1-12 lowercase letters or digits, starting with a letter', () => {
      expectIssue(withPool({ name: 'System' }), 'INVALID_CONFIG', 'nodePools[0].name');
      expectIssue(withPool({ name: '1pool' }), 'INVALID_CONFIG', 'nodePools[0].name');
      expectIssue(withPool({ name: 'averyverylongname' }), 'INVALID_CONFIG', 'nodePools[0].name');
    });

    it('maxSurge: a node count or 1%..100%', () => {
      for (const bad of ['0%', '101%', '33', 'ten', -1]) expectIssue(withPool({ maxSurge: bad }), 'INVALID_CONFIG', 'nodePools[0].maxSurge');
      for (const good of ['1%', '33%', '100%', 0, 5]) expect(planFromConfig(withPool({ maxSurge: good })).ok, String(good)).to.equal(true);
    });

    it('kubernetesVersion looks like 1.33 or 1.33.2', () => {
      expectIssue(net({ kubernetesVersion: 'v1.33' }), 'INVALID_CONFIG', 'kubernetesVersion');
      expect(planFromConfig(net({ kubernetesVersion: '1.33.2' })).ok).to.equal(true);
    });

    it('subnet prefixLength is 2..29, Calico blockSize 20..32', () => {
      expectIssue(net({ subnets: [{ name: 'nodes', prefixLength: 30 }] }), 'INVALID_CONFIG', 'subnets[0].prefixLength');
      expectIssue(net({ plugin: 'none', byoCni: { type: 'calico', blockSize: 19 } }), 'INVALID_CONFIG', 'byoCni.blockSize');
    });
  });

  describe('negative counts (INVALID_CONFIG)', () => {
    it('count, minCount, maxCount, maxSurge, maxUnavailable, reservedIps', () => {
      expectIssue(withPool({ count: -1 }), 'INVALID_CONFIG', 'nodePools[0].count');
      expectIssue(withPool({ count: undefined, minCount: -1, maxCount: 3 }), 'INVALID_CONFIG', 'nodePools[0].minCount');
      expectIssue(withPool({ count: undefined, minCount: 1, maxCount: -3 }), 'INVALID_CONFIG', 'nodePools[0].maxCount');
      expectIssue(withPool({ maxUnavailable: -1 }), 'INVALID_CONFIG', 'nodePools[0].maxUnavailable');
      expectIssue(net({ subnets: [{ name: 'nodes', reservedIps: -5 }] }), 'INVALID_CONFIG', 'subnets[0].reservedIps');
    });

    it('the path points into the right pool', () => {
      const raw = net({ nodePools: [sysPool(), userPool('user', { count: undefined, minCount: 1, maxCount: -2 })] });
      expectIssue(raw, 'INVALID_CONFIG', 'nodePools[1].maxCount');
    });
  });

  describe('pool sizing (INVALID_CONFIG)', () => {
    it('minCount larger than maxCount', () => {
      const issue = expectIssue(withPool({ count: undefined, minCount: 5, maxCount: 3 }), 'INVALID_CONFIG', 'nodePools[0].minCount');
      expect(issue.message).to.contain('5').and.to.contain('3');
    });

    it('only one of minCount / maxCount', () => {
      expectIssue(withPool({ count: undefined, minCount: 2 }), 'INVALID_CONFIG', 'nodePools[0].maxCount');
      expectIssue(withPool({ count: undefined, maxCount: 2 }), 'INVALID_CONFIG', 'nodePools[0].minCount');
    });

    it('count outside minCount..maxCount', () => {
      expectIssue(withPool({ count: 9, minCount: 1, maxCount: 5 }), 'INVALID_CONFIG', 'nodePools[0].count');
    });

    it('no count and no autoscaler range', () => {
      expectIssue(withPool({ count: undefined }), 'INVALID_CONFIG', 'nodePools[0].count');
    });

    it('duplicate pool and subnet names', () => {
      expectIssue(net({ nodePools: [sysPool(), sysPool({ mode: 'User' })] }), 'INVALID_CONFIG', 'nodePools[1].name');
      expectIssue(net({ subnets: [{ name: 'nodes' }, { name: 'nodes', cidr: '10.10.9.0/24' }] }), 'INVALID_CONFIG', 'subnets[1].name');
    });
  });

  describe('malformed CIDRs and addresses (INVALID_CIDR)', () => {
    const malformed = ['10.10.0/16', '10.10.0.256/24', '10.10.0.0/33', '10.10.0.0', 'banana', '10.10.0.0/-1', ''];

    for (const bad of malformed) {
      it(`"${bad}" as address space, subnet, service CIDR and pod CIDR`, () => {
        expectIssue(net({ addressSpace: [bad] }), 'INVALID_CIDR', 'addressSpace[0]');
        expectIssue(net({ subnets: [{ name: 'nodes', cidr: bad }] }), 'INVALID_CIDR', 'subnets[0].cidr');
        expectIssue(net({ serviceCidr: bad }), 'INVALID_CIDR', 'serviceCidr');
        expectIssue(net({ podCidr: bad }), 'INVALID_CIDR', 'podCidr');
      });
    }

    it('the second address space entry is named by its index', () => {
      expectIssue(net({ addressSpace: ['10.10.0.0/16', '10.20.0.0.0/16'] }), 'INVALID_CIDR', 'addressSpace[1]');
    });

    it('a BYO pool CIDR', () => {
      expectIssue(net({ plugin: 'none', byoCni: { type: 'calico', poolCidr: '192.168.0.0/33' } }), 'INVALID_CIDR', 'byoCni.poolCidr');
    });

    it('dnsServiceIP that is not an address', () => {
      for (const bad of ['172.16.0', '172.16.0.300', '172.16.0.10/32', 'dns']) expectIssue(net({ dnsServiceIP: bad }), 'INVALID_CIDR', 'dnsServiceIP');
    });
  });

  describe('host bits set (INVALID_CIDR)', () => {
    it('names the network address it should have been', () => {
      const issue = expectIssue(net({ addressSpace: ['10.10.0.1/16'] }), 'INVALID_CIDR', 'addressSpace[0]');
      expect(issue.message).to.contain('10.10.0.0/16');
      const sub = expectIssue(net({ subnets: [{ name: 'nodes', cidr: '10.10.1.128/24' }] }), 'INVALID_CIDR', 'subnets[0].cidr');
      expect(sub.message).to.contain('10.10.1.0/24');
      expectIssue(net({ serviceCidr: '172.16.5.0/16' }), 'INVALID_CIDR', 'serviceCidr');
      expectIssue(net({ podCidr: '10.244.1.0/16' }), 'INVALID_CIDR', 'podCidr');
    });
  });

  describe('IPv6 where IPv4 is required (INVALID_CIDR)', () => {
    // Rules §6: dual-stack defaults exist (fd12:3456:789a::/64 pods, fd12:3456:789a:1::/108 services), but
    // the planner plans IPv4 only, and says so instead of misreading them.
    it('address space, service CIDR, pod CIDR, subnet, dnsServiceIP', () => {
      const v6 = expectIssue(net({ addressSpace: ['fd00::/8'] }), 'INVALID_CIDR', 'addressSpace[0]');
      expect(v6.message).to.match(/IPv6/);
      expectIssue(net({ serviceCidr: 'fd12:3456:789a:1::/108' }), 'INVALID_CIDR', 'serviceCidr');
      expectIssue(net({ podCidr: 'fd12:3456:789a::/64' }), 'INVALID_CIDR', 'podCidr');
      expectIssue(net({ subnets: [{ name: 'nodes', cidr: 'fd00::/64' }] }), 'INVALID_CIDR', 'subnets[0].cidr');
      expectIssue(net({ dnsServiceIP: 'fd12:3456:789a:1::10' }), 'INVALID_CIDR', 'dnsServiceIP');
    });
  });

  describe('references and plugin-specific fields (INVALID_CONFIG)', () => {
    it('a pool on an unknown subnet', () => {
      const issue = expectIssue(withPool({ subnet: 'nope' }), 'INVALID_CONFIG', 'nodePools[0].subnet');
      expect(issue.message).to.contain('nope');
    });

    it('a pool with an unknown pod subnet', () => {
      expectIssue(net({ plugin: 'azure-cni-dynamic', nodePools: [sysPool({ podSubnet: 'nope' })] }), 'INVALID_CONFIG', 'nodePools[0].podSubnet');
    });

    // Rules §3.1/§3.2: dynamic and static block take pod IPs from a pod subnet, one per pool.
    it('azure-cni-dynamic and azure-cni-static-block without a podSubnet', () => {
      expectIssue(net({ plugin: 'azure-cni-dynamic' }), 'INVALID_CONFIG', 'nodePools[0].podSubnet');
      expectIssue(net({ plugin: 'azure-cni-static-block' }), 'INVALID_CONFIG', 'nodePools[0].podSubnet');
    });

    it('a podSubnet with a plugin that has none', () => {
      expectIssue(net({ subnets: [{ name: 'nodes' }, { name: 'pods' }], nodePools: [sysPool({ podSubnet: 'pods' })] }), 'INVALID_CONFIG', 'nodePools[0].podSubnet');
    });

    it('podCidr with a plugin that takes pod IPs from the VNet', () => {
      expectIssue(net({ plugin: 'azure-cni', podCidr: '10.244.0.0/16' }), 'INVALID_CONFIG', 'podCidr');
    });

    // Rules §3.3: BYO CNI needs to know which CNI owns the pod range.
    it('plugin none without byoCni; byoCni with a managed plugin; settings of another CNI', () => {
      expectIssue(net({ plugin: 'none' }), 'INVALID_CONFIG', 'byoCni');
      expectIssue(net({ byoCni: { type: 'calico' } }), 'INVALID_CONFIG', 'byoCni');
      expectIssue(net({ plugin: 'none', byoCni: { type: 'flannel', blockSize: 26 } }), 'INVALID_CONFIG', 'byoCni.blockSize');
      expectIssue(net({ plugin: 'none', byoCni: { type: 'calico', subnetLen: 24 } }), 'INVALID_CONFIG', 'byoCni.subnetLen');
      expectIssue(net({ plugin: 'none', byoCni: { type: 'flannel', maskSize: 24 } }), 'INVALID_CONFIG', 'byoCni.maskSize');
    });

    it('a subnet no pool uses needs a cidr or a prefixLength', () => {
      expectIssue(net({ subnets: [{ name: 'nodes' }, { name: 'spare' }] }), 'INVALID_CONFIG', 'subnets[1]');
      expect(planFromConfig(net({ subnets: [{ name: 'nodes' }, { name: 'spare', prefixLength: 26 }] })).ok).to.equal(true);
    });

    it('prefixLength that disagrees with cidr', () => {
      expectIssue(net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/24', prefixLength: 25 }] }), 'INVALID_CONFIG', 'subnets[0].prefixLength');
    });
  });

  it('reports every problem at once, each with its own path', () => {
    const issues = issuesOf(
      net({
        addressSpace: ['10.10.0.1/16'],
        serviceCidr: 'fd00::/108',
        nodePools: [sysPool({ subnet: 'nope' }), userPool('user', { count: undefined, minCount: 4, maxCount: 2 })],
      }),
    );
    expect(issues.map((i) => `${i.code} ${i.path}`).sort()).to.include.members([
      'INVALID_CIDR addressSpace[0]',
      'INVALID_CIDR serviceCidr',
      'INVALID_CONFIG nodePools[0].subnet',
      'INVALID_CONFIG nodePools[1].minCount',
    ]);
  });
});
