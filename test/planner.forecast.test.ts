// The forecast, worked examples. A pool's headroomNodes is the largest k such that raising its
// maxCount (or count) by k, everything else unchanged and every subnet pinned where the plan put it,
// plans with no error finding; runsOutAtNodes = maxCount + k + 1; limitedBy is the code that stops it.
// Every expected number below is arithmetic from the cited rule, not output of the planner. The
// property test (planner.forecast.property.test.ts) compares the forecast with the checks on random
// configs.
import { expect } from 'chai';
import { poolDemand } from '../planner/demand';
import { forecastPools } from '../planner/forecast';
import { planAndCheck } from '../planner/pipeline';
import { validateNetworkConfig } from '../planner/validate';
import { expectFinding, expectNoFinding, net, planOk, pool, subnet, sysPool, userPool } from './plannerHelpers';

describe('planner: forecast', () => {
  // Rules §1 (https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq): 2^(32-L) - 5 usable.
  // Rules §2 (https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling): a percentage surge is of
  // the pool's size, rounded up, so it grows with the pool.
  describe('a percentage surge grows with the pool', () => {
    // The dev stack: aks-nodes /24 = 251 usable, 10 reserved; system 4 + 1 surge = 5; apps at m takes
    // m + ceil(0.33 m). Room for apps: 251 - 10 - 5 = 236.
    //   m = 177: 177 + ceil(58.41) = 177 + 59 = 236 <= 236  fits
    //   m = 178: 178 + ceil(58.74) = 178 + 59 = 237 >  236  SUBNET_EXHAUSTED
    // The old forecast divided the 209 free addresses by one per node: +209, 52 too many.
    const dev = () =>
      net({
        addressSpace: ['10.20.0.0/16'],
        subnets: [{ name: 'aks-nodes', prefixLength: 24, reservedIps: 10 }],
        nodePools: [
          sysPool({ count: undefined, minCount: 2, maxCount: 4, maxPods: 110, subnet: 'aks-nodes' }),
          userPool('apps', { count: undefined, minCount: 1, maxCount: 20, maxPods: 110, maxSurge: '33%', subnet: 'aks-nodes' }),
        ],
      });

    it('dev stack, apps at 33%: safe up to maxCount 177, fails at 178 (SUBNET_EXHAUSTED)', () => {
      const plan = planOk(dev());
      const apps = pool(plan, 'apps');
      expect(apps.headroomNodes).to.equal(177 - 20);
      expect(apps.maxSafeMaxCount).to.equal(177);
      expect(apps.runsOutAtNodes).to.equal(178);
      expect(apps.limitedBy).to.equal('SUBNET_EXHAUSTED');
      expect(apps.limitedByPath).to.equal('subnets[0]');
    });

    it('the figure agrees with the checks: 177 plans clean, 178 fails', () => {
      const at = (maxCount: number) => {
        const cfg = dev();
        (cfg.nodePools as Record<string, unknown>[])[1].maxCount = maxCount;
        (cfg.subnets as Record<string, unknown>[])[0] = { name: 'aks-nodes', cidr: '10.20.0.0/24', reservedIps: 10 };
        return planOk(cfg);
      };
      expect(at(177).ok).to.equal(true);
      expectFinding(at(178), 'SUBNET_EXHAUSTED', 'error', 'subnets[0]');
    });

    it('the subnet forecast grows its costliest pool, surge share included: apps, +157 like the pool', () => {
      // both pools take 1 address per node, but one more apps node brings 0.33 of a surge node
      // (1.33 per node) and one more system node none (a fixed surge of 1): apps runs the subnet out
      // first, at 178 as above. Growing system instead would say +209 (214 = m + 1 -> m = 213), 52 more
      // nodes than the subnet holds for apps.
      const s = subnet(planOk(dev()), 'aks-nodes');
      expect(s.forecastPool).to.equal('apps');
      expect(s.headroomNodes).to.equal(177 - 20);
      expect(s.runsOutAtNodes).to.equal(178);
    });

    it('the pod range too: overlay /16 = 256 /24s, system 4 + 1, apps fits while m + ceil(0.33 m) <= 251', () => {
      // m = 188: 188 + ceil(62.04) = 251 fits; m = 189: 189 + ceil(62.37) = 252 does not
      const r = planOk(dev()).podRanges[0];
      expect(r.forecastPool).to.equal('apps');
      expect(r.headroomNodes).to.equal(188 - 20);
      expect(r.runsOutAtNodes).to.equal(189);
    });
  });

  // Rules §3.2 (https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation): a node
  // takes ceil((P + 1) / 16) /28 blocks; only whole aligned /28s count: a /22 holds 2^6 - 2 = 62 blocks.
  it('static block: blocks per node, surge following, in a pinned pod subnet', () => {
    // P = 30 -> 2 blocks = 32 IPs per node. 62 blocks = 31 nodes. Pool at m with 10% surge takes
    // m + ceil(0.1 m) nodes: m = 28 -> 28 + 3 = 31 fits, m = 29 -> 29 + 3 = 32 does not.
    const plan = planOk(
      net({
        plugin: 'azure-cni-static-block',
        kubernetesVersion: '1.30',
        subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }, { name: 'pods', cidr: '10.10.4.0/22' }],
        nodePools: [sysPool({ count: 10, maxPods: 30, maxSurge: '10%', podSubnet: 'pods' })],
      }),
    );
    expect(subnet(plan, 'pods').usable).to.equal(62 * 16);
    expect(pool(plan, 'system').maxSafeMaxCount).to.equal(28);
    expect(pool(plan, 'system').runsOutAtNodes).to.equal(29);
    expect(pool(plan, 'system').limitedBy).to.equal('SUBNET_EXHAUSTED');
    expect(subnet(plan, 'pods').headroomNodes).to.equal(28 - 10);
  });

  describe('hard limits count', () => {
    // https://learn.microsoft.com/azure/aks/configure-kubenet: one route per node, 400 routes per table.
    it('kubenet stops at 400 nodes with surge, not where the pod CIDR runs out', () => {
      // podCidr /14 = 1,024 /24s; node subnet /16. count m + 1 surge <= 400 -> m = 399.
      const plan = planOk(net({ plugin: 'kubenet', podCidr: '10.244.0.0/14', subnets: [{ name: 'nodes', cidr: '10.10.0.0/16' }], nodePools: [sysPool({ count: 100, maxPods: 110 })] }));
      const system = pool(plan, 'system');
      expect(system.maxSafeMaxCount).to.equal(399);
      expect(system.headroomNodes).to.equal(299);
      expect(system.limitedBy).to.equal('NODE_LIMIT');
      expect(system.limitedByPath).to.equal('nodePools');
      // the pod range alone would hold 1,024 - 1 surge = 1,023 nodes of this pool
      expect(plan.podRanges[0].runsOutAtNodes).to.equal(1024);
    });

    // https://learn.microsoft.com/azure/aks/quotas-skus-regions#service-quotas-and-limits: 5,000 nodes per
    // cluster; https://learn.microsoft.com/azure/aks/best-practices-performance-scale-large: surge nodes come
    // on top, so a cluster at 5,000 cannot upgrade.
    it('weave stops at the 5,000-node cluster limit, surge included', () => {
      // Weave's /12 holds 1,048,576 addresses: 9,532 nodes of 110 pods. Five pools of 900 + 1 surge = 4,505;
      // system at m + 1 surge: 4,505 + m + 1 <= 5,000 -> m = 494.
      const weave = (system: number) =>
        planOk(
          net({
            plugin: 'none',
            byoCni: { type: 'weave' },
            subnets: [{ name: 'nodes', cidr: '10.10.0.0/18' }],
            nodePools: [sysPool({ count: system, maxPods: 110 }), ...Array.from({ length: 5 }, (_, i) => userPool(`u${i}`, { count: 900, maxPods: 110 }))],
          }),
        );
      const system = pool(weave(10), 'system');
      expect(system.maxSafeMaxCount).to.equal(494);
      expect(system.limitedBy).to.equal('NODE_LIMIT');
      // the message at 495: 495 + 4,500 = 4,995 nodes plus 6 surge = 5,001
      const grown = weave(495);
      const f = expectFinding(grown, 'NODE_LIMIT', 'error', 'nodePools');
      expect(f.message).to.equal('the pools add up to 4,995 nodes plus 6 surge, more than the 5,000 a cluster holds, so AKS cannot upgrade it at full scale');
    });

    // 1,000 nodes per pool, surge included (rules §7, [rolling]).
    it('a pool stops at 1,000 instances with surge', () => {
      // overlay, /10 pod CIDR (16,384 /24s), /16 node subnet: m + 1 surge <= 1,000 -> m = 999
      const plan = planOk(net({ podCidr: '100.64.0.0/10', subnets: [{ name: 'nodes', cidr: '10.10.0.0/16' }], nodePools: [sysPool({ count: 10 })] }));
      expect(pool(plan, 'system').maxSafeMaxCount).to.equal(999);
      expect(pool(plan, 'system').limitedByPath).to.equal('nodePools[0].maxSurge');
    });

    // https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers: the free tier supports up to 1,000 nodes.
    it('the free tier stops at 1,000 nodes in the cluster', () => {
      // 700 + m <= 1,000 -> m = 300 (the per-pool limit, 999, comes later)
      const plan = planOk(net({ tier: 'free', podCidr: '100.64.0.0/10', subnets: [{ name: 'nodes', cidr: '10.10.0.0/16' }], nodePools: [sysPool({ count: 10 }), userPool('u', { count: 700 })] }));
      expect(pool(plan, 'system').maxSafeMaxCount).to.equal(300);
      expect(pool(plan, 'system').limitedByPath).to.equal('tier');
    });
  });

  // https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning ("65,536 configured IP address
  // limit"); rules §15.8 (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits).
  describe('VNet IP limit at exactly 65,536 and 65,537', () => {
    const big = { plugin: 'azure-cni', addressSpace: ['10.0.0.0/14'] };
    it('65,536 is allowed, and then nothing more fits', () => {
      // classic, P = 127: 128 IPs per node; 511 + 1 surge = 512 nodes x 128 = 65,536
      const plan = planOk(net({ ...big, nodePools: [sysPool({ count: 511, maxPods: 127 })] }));
      expect(plan.totals.vnetIps).to.equal(65_536);
      expectNoFinding(plan, 'VNET_IP_LIMIT');
      expect(plan.ok).to.equal(true);
      expect(pool(plan, 'system').headroomNodes).to.equal(0);
      expect(pool(plan, 'system').limitedBy).to.equal('VNET_IP_LIMIT');
    });

    it('65,537 is refused', () => {
      // 508 + 1 = 509 nodes x 128 = 65,152; with P = 10, 34 + 1 = 35 nodes x 11 = 385; 65,152 + 385 = 65,537
      const plan = planOk(net({ ...big, nodePools: [sysPool({ count: 508, maxPods: 127 }), userPool('small', { count: 34, maxPods: 10 })] }));
      expect(plan.totals.vnetIps).to.equal(65_537);
      expectFinding(plan, 'VNET_IP_LIMIT', 'error', 'nodePools');
      // one node of "small" (11 IPs) too many: take one away
      expect(pool(plan, 'small').headroomNodes).to.equal(-1);
      expect(pool(plan, 'small').runsOutAtNodes).to.equal(34);
    });
  });

  describe('pools sharing a range grow one at a time', () => {
    // Classic CNI, /24 = 251 usable. a: P = 30 -> 31 per node, 2 + 1 = 3 nodes = 93;
    // b: P = 10 -> 11 per node, 3 + 1 = 4 nodes = 44. Demand 137, free 114.
    const plan = () =>
      planOk(
        net({
          plugin: 'azure-cni',
          subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }],
          nodePools: [sysPool({ name: 'a', count: 2, maxPods: 30 }), userPool('b', { count: 3, maxPods: 10 })],
        }),
      );
    it('each pool alone: a gets floor(114 / 31) = 3 more, b floor(114 / 11) = 10 more', () => {
      expect(pool(plan(), 'a').headroomNodes).to.equal(3);
      expect(pool(plan(), 'b').headroomNodes).to.equal(10);
    });
    it('the subnet counts in nodes of the costliest pool, a: runs out at a = 2 + 3 + 1 = 6', () => {
      const s = subnet(plan(), 'nodes');
      expect(s.forecastPool).to.equal('a');
      expect(s.headroomNodes).to.equal(3);
      expect(s.runsOutAtNodes).to.equal(6);
    });
  });

  // https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay: a /24 per node from the pod
  // CIDR; AKS validates maxCount + 1 per pool even with maxSurge 0 (Azure/AKS#4467, rules §3).
  describe('pod range forecast', () => {
    // a /24 node subnet (251 usable) pinned, so that the pod range is what runs out
    const nodes = [{ name: 'nodes', cidr: '10.10.0.0/24' }];
    it('overlay /20 = 16 /24s: a pool of 3 + 1 surge can grow by 12', () => {
      const plan = planOk(net({ podCidr: '10.244.0.0/20', subnets: nodes, nodePools: [sysPool({ count: 3 })] }));
      const r = plan.podRanges[0];
      expect(r.totalBlocks).to.equal(16);
      expect(r.headroomNodes).to.equal(16 - 4);
      expect(r.runsOutAtNodes).to.equal(3 + 12 + 1);
      expect(pool(plan, 'system').limitedBy).to.equal('POD_CIDR_EXHAUSTED');
      expect(pool(plan, 'system').maxSafeMaxCount).to.equal(15);
    });

    it('surge counted the same way: 33% of m rounded up, at least 1 on overlay', () => {
      // m + max(ceil(0.33 m), 1) <= 16: m = 12 -> 12 + 4 = 16 fits; m = 13 -> 13 + 5 = 18 does not
      const plan = planOk(net({ podCidr: '10.244.0.0/20', subnets: nodes, nodePools: [sysPool({ count: 3, maxSurge: '33%' })] }));
      expect(plan.podRanges[0].headroomNodes).to.equal(12 - 3);
      expect(pool(plan, 'system').maxSafeMaxCount).to.equal(12);
    });

    it('maxSurge 0 still takes one /24 on overlay', () => {
      // system 3 + 1 = 4; user m with maxSurge 0 counted m + 1: 4 + m + 1 <= 16 -> m = 11
      const plan = planOk(net({ podCidr: '10.244.0.0/20', subnets: nodes, nodePools: [sysPool({ count: 3 }), userPool('u', { count: 2, maxSurge: 0, maxUnavailable: 1 })] }));
      expect(pool(plan, 'u').maxSafeMaxCount).to.equal(11);
    });
  });

  // The hook for addresses other resources of the stack take in a subnet (an internal ingress IP): the
  // forecast re-plans with them. Overlay /26 = 59 usable; 9 + 1 nodes and 1 extra address leave 48.
  it('addresses other resources take (extraIps) count in the forecast too', () => {
    const v = validateNetworkConfig(net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/26' }], nodePools: [sysPool({ count: 9 })] }));
    if (!v.ok) throw new Error('invalid');
    const demands = v.network.pools.map((p) => poolDemand(v.network, p));
    const checked = planAndCheck(v.network, demands, v.network.subnets, { extraIps: new Map([['nodes', 1]]) });
    expect(checked.context.subnets[0].demand).to.equal(11);
    expect(forecastPools(v.network, checked)[0].headroomNodes).to.equal(59 - 11);
  });

  describe('when the plan already fails', () => {
    it('a pod subnet with no room and an overfull node subnet: the node subnet decides, not the room left', () => {
      // azure-cni-dynamic, VNet 10.0.0.0/22; n0 pinned /29 = 8 - 5 = 3 usable, one address per node;
      // q0 carved, 16 x ceil((30 + 8) / 16) = 48 pod addresses per node. The system pool at count 20
      // with maxSurge 1 has 21 nodes: n0 needs 21 > 3, q0 needs 21 x 48 = 1,008, a /22 (1,019 usable),
      // and the /22 is the whole VNet with n0 in it: no room. The largest block left free is a /23
      // (507 usable), where q0 fits up to count 9 (10 x 48 = 480; 11 x 48 = 528 does not), but n0
      // still needs 10 > 3 there. Both clear only at count 2 (3 nodes in n0, 3 x 48 = 144 in a /24):
      // 18 to take away, and at count 3 n0 runs out again (4 > 3).
      const plan = planOk(
        net({
          addressSpace: ['10.0.0.0/22'],
          plugin: 'azure-cni-dynamic',
          subnets: [{ name: 'n0', cidr: '10.0.0.0/29' }, { name: 'q0' }],
          nodePools: [sysPool({ count: 20, maxPods: 30, maxSurge: 1, subnet: 'n0', podSubnet: 'q0' })],
        }),
      );
      expectFinding(plan, 'ADDRESS_SPACE_EXHAUSTED', 'error', 'subnets[1]');
      const system = pool(plan, 'system');
      expect(system.headroomNodes).to.equal(2 - 20);
      expect(system.runsOutAtNodes).to.equal(3);
      expect([system.limitedBy, system.limitedByPath]).to.deep.equal(['SUBNET_EXHAUSTED', 'subnets[0]']);
    });

    it('an exhausted subnet: the nodes to take away', () => {
      // classic /24: (8 + 1) x 31 = 279 > 251. At 7: 8 x 31 = 248 fits. Take 1 away; it runs out at 8.
      const plan = planOk(net({ plugin: 'azure-cni', subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count: 8, maxPods: 30 })] }));
      expect(subnet(plan, 'nodes').headroomNodes).to.equal(-1);
      expect(pool(plan, 'system').headroomNodes).to.equal(-1);
      expect(pool(plan, 'system').runsOutAtNodes).to.equal(8);
      expect(pool(plan, 'system').limitedBy).to.equal('SUBNET_EXHAUSTED');
    });

    it('an error elsewhere that the pool cannot clear is left out', () => {
      // the user pool's own subnet is full (/29 = 3 usable, 3 + 1 = 4); the system pool's subnet has room
      // for 59 - 4 = 55 more nodes of its own: its figure ignores the other subnet
      const plan = planOk(
        net({
          subnets: [{ name: 'nodes', cidr: '10.10.0.0/26' }, { name: 'tiny', cidr: '10.10.1.0/29' }],
          nodePools: [sysPool({ count: 3 }), userPool('u', { count: 3, subnet: 'tiny' })],
        }),
      );
      expectFinding(plan, 'SUBNET_EXHAUSTED', 'error', 'subnets[1]');
      expect(pool(plan, 'system').headroomNodes).to.equal(55);
      expect(pool(plan, 'u').headroomNodes).to.equal(-1);
    });

    it('a subnet full even without the pool: runs out at 0', () => {
      // /29 = 3 usable, 5 reserved IPs already overfill it: no size of the pool fits
      const plan = planOk(net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/29', reservedIps: 5 }], nodePools: [sysPool({ count: 2 })] }));
      expect(pool(plan, 'system').headroomNodes).to.equal(-3);
      expect(pool(plan, 'system').runsOutAtNodes).to.equal(0);
      expect(pool(plan, 'system').maxSafeMaxCount).to.equal(-1);
    });
  });
});
