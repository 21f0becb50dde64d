// Worked examples from the documentation the planner implements (/work/shared/reference/aks-networking-rules.md,
// which cites Microsoft Learn and the CNI projects). Every expected number is either quoted from the
// source named in the comment or worked out by the arithmetic written next to it — never copied from
// the planner's output.
import { expect } from 'chai';
import { azurePrefixFor, azureUsable } from '../planner/cidr';
import { dynamicPodIpsPerNode, staticBlocksPerNode } from '../planner/models';
import { surgeNodes } from '../planner/validate';
import { expectFinding, expectNoFinding, findings, net, planOk, pool, prefixOf, subnet, sysPool, userPool } from './plannerHelpers';

describe('planner: documentation worked examples', () => {
  describe('Azure subnet arithmetic', () => {
    // https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq "restrictions on using IP addresses":
    // Azure keeps 5 addresses per subnet, so usable(L) = 2^(32-L) - 5 (rules §1).
    it('usable(L) = 2^(32-L) - 5', () => {
      expect(azureUsable(24)).to.equal(256 - 5); // 251
      expect(azureUsable(29)).to.equal(8 - 5); // 3, the smallest Azure subnet
      expect(azureUsable(21)).to.equal(2048 - 5); // 2,043
    });

    // Rules §1: "1,581 IPs -> /21, because a /21 has 2,043 usable addresses and a /22 has 1,019".
    it('1,581 IPs need a /21 (2,043 usable), a /22 (1,024 - 5 = 1,019) is too small', () => {
      expect(azurePrefixFor(1581)).to.equal(21);
      expect(azurePrefixFor(1019)).to.equal(22); // exactly a /22
      expect(azurePrefixFor(1020)).to.equal(21); // one more and it spills
      expect(azurePrefixFor(3)).to.equal(29); // rules §1: if ips <= 3 the answer is /29
      expect(azurePrefixFor(0)).to.equal(29);
    });
  });

  describe('Azure CNI node subnet (classic, azure-cni)', () => {
    // https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni — a /24 fits 8 nodes x 30 pods:
    // 8 x (1 + 30) = 248 <= 251 usable in a /24.
    it('a /24 fits 8 nodes x 30 pods (248 IPs); 9 nodes (279 IPs) do not', () => {
      const fits = planOk(
        net({ plugin: 'azure-cni', subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count: 7, maxPods: 30 })] }),
      );
      // 7 nodes + default maxSurge 1 = 8 nodes; 8 x (1 + 30) = 248
      expect(subnet(fits, 'nodes').demand).to.equal(8 * (1 + 30));
      expect(subnet(fits, 'nodes').usable).to.equal(256 - 5);
      expectNoFinding(fits, 'SUBNET_EXHAUSTED');

      const over = planOk(
        net({ plugin: 'azure-cni', subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count: 8, maxPods: 30 })] }),
      );
      // 8 + 1 surge = 9 nodes; 9 x 31 = 279 > 251
      expect(subnet(over, 'nodes').demand).to.equal(279);
      expectFinding(over, 'SUBNET_EXHAUSTED', 'error', 'subnets[0]');
      expect(over.ok).to.equal(false);
    });

    // https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning "Azure CNI" subnet sizing:
    // "(number of nodes + max surge nodes) + ((number of nodes + max surge nodes) * maximum pods per node)"
    // "Example for a 50-node cluster: (51) + (51 * 30 (default)) = 1,581 (/21 or larger)".
    it('IP-planning example: 50 nodes, surge 1, default 30 pods -> 1,581 IPs -> /21', () => {
      const plan = planOk(net({ plugin: 'azure-cni', nodePools: [sysPool({ count: 50, maxPods: undefined })] }));
      const p = pool(plan, 'system');
      expect(p.maxPods).to.equal(30); // the classic default (rules §4)
      expect(p.maxPodsDefaulted).to.equal(true);
      expect(p.surgeNodes).to.equal(1); // default maxSurge 1 (rules §2, §14.1)
      expect(subnet(plan, 'nodes').demand).to.equal(51 + 51 * 30); // 1,581
      expect(prefixOf(subnet(plan, 'nodes').cidr)).to.equal(21);
      // classic's default is not disputed, so no MAX_PODS_DEFAULTED warning (rules §4)
      expectNoFinding(plan, 'MAX_PODS_DEFAULTED');
    });

    // Same page: "Example for a 50-node cluster, preparing to scale up an extra 10 nodes with the default
    // max surge of 1 node: (61) + (61 * 30 (default)) = 1,891 (/21 or larger)". Scale-out is maxCount (rules §2).
    it('IP-planning example: 50 nodes scaling to 60, surge 1 -> 1,891 IPs -> /21', () => {
      const plan = planOk(net({ plugin: 'azure-cni', nodePools: [sysPool({ count: undefined, minCount: 50, maxCount: 60, maxPods: 30 })] }));
      expect(subnet(plan, 'nodes').demand).to.equal(61 + 61 * 30); // 1,891
      // /21: 2,043 >= 1,891; /22: 1,019 < 1,891
      expect(prefixOf(subnet(plan, 'nodes').cidr)).to.equal(21);
    });

    // https://learn.microsoft.com/azure/aks/upgrade-capacity-cost-planning "Calculate IP address requirements":
    // Total IPs needed = (current nodes + maxSurge nodes) x (1 + maxPods per node).
    // With 10 nodes, maxSurge 33% (rules §2: rounded up, 33% of 10 -> 4) and 50 pods: (10 + 4) x 51 = 714.
    it('upgrade capacity formula: (10 nodes + 33% surge) x (1 + 50) = 714 -> /22', () => {
      const plan = planOk(net({ plugin: 'azure-cni', nodePools: [sysPool({ count: 10, maxSurge: '33%', maxPods: 50 })] }));
      expect(pool(plan, 'system').surgeNodes).to.equal(4);
      expect(subnet(plan, 'nodes').demand).to.equal((10 + 4) * (1 + 50));
      // /22: 1,019 >= 714; /23: 507 < 714
      expect(prefixOf(subnet(plan, 'nodes').cidr)).to.equal(22);
    });

    // https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/connectivity/insufficientsubnetsize-error-advanced-networking
    // "Symptoms": autoscaled pools are checked at --max-count (rules §2, §12), not at minCount.
    it('autoscaled pools are planned at maxCount, not minCount', () => {
      const plan = planOk(net({ plugin: 'azure-cni', nodePools: [sysPool({ count: undefined, minCount: 2, maxCount: 20, maxPods: 30 })] }));
      expect(subnet(plan, 'nodes').demand).to.equal((20 + 1) * 31); // 651
    });
  });

  describe('kubenet', () => {
    const kubenet = (over: Record<string, unknown>) => net({ plugin: 'kubenet', ...over });

    // https://learn.microsoft.com/azure/aks/configure-kubenet — a /24 holds 251 kubenet nodes
    // (256 - 5 reserved, rules §3, §14.3). Nodes take one address each.
    it('a /24 node subnet fits 251 nodes (250 + 1 surge), not 252', () => {
      const fits = planOk(kubenet({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count: 250, maxPods: 110 })] }));
      expect(subnet(fits, 'nodes').demand).to.equal(250 + 1);
      expectNoFinding(fits, 'SUBNET_EXHAUSTED');

      const over = planOk(kubenet({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count: 251, maxPods: 110 })] }));
      expect(subnet(over, 'nodes').demand).to.equal(252);
      expectFinding(over, 'SUBNET_EXHAUSTED', 'error', 'subnets[0]');
    });

    // Same page: "a /27 ... 20-25 node cluster with enough room to scale and upgrade":
    // usable(/27) = 32 - 5 = 27 >= 25 + 1 surge = 26.
    it('a /27 runs a 20-25 node cluster with room for surge', () => {
      const plan = planOk(
        kubenet({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/27' }], nodePools: [sysPool({ count: undefined, minCount: 20, maxCount: 25, maxPods: 110 })] }),
      );
      expect(subnet(plan, 'nodes').usable).to.equal(27);
      expect(subnet(plan, 'nodes').demand).to.equal(26);
      expectNoFinding(plan, 'SUBNET_EXHAUSTED');
    });

    // Same page: each node gets a /24 from podCidr (default 10.244.0.0/16, rules §6): 256 /24s.
    it('one /24 per node from podCidr; the default 10.244.0.0/16 holds 256', () => {
      const plan = planOk(kubenet({ nodePools: [sysPool({ count: 9, maxPods: 110 })] }));
      expect(plan.network.podCidr).to.equal('10.244.0.0/16');
      expect(plan.pools[0].maxPods).to.equal(110);
      const r = plan.podRanges[0];
      expect(r.blockPrefixLength).to.equal(24);
      expect(r.totalBlocks).to.equal(2 ** (24 - 16)); // 256
      expect(r.demandBlocks).to.equal(9 + 1); // one /24 per node, surge included
      // and the kubenet retirement notice (rules §8)
      expectFinding(plan, 'KUBENET_RETIREMENT', 'warning', 'plugin');
    });

    // Same page: a UDR route table holds 400 routes, so kubenet tops out at 400 nodes (rules §7).
    it('400-node route limit: 400 nodes with surge is fine, 401 is NODE_LIMIT', () => {
      const cfg = (second: number) =>
        kubenet({
          podCidr: '10.244.0.0/15', // 512 /24s, so the pod range is not what fails
          nodePools: [sysPool({ count: 200, maxPods: 110 }), userPool('user', { count: second, maxPods: 110 })],
        });
      // (200 + 1) + (198 + 1) = 400
      const at = planOk(cfg(198));
      expect(findings(at, 'NODE_LIMIT').filter((f) => f.path === 'nodePools')).to.deep.equal([]);
      // (200 + 1) + (199 + 1) = 401
      const over = planOk(cfg(199));
      expectFinding(over, 'NODE_LIMIT', 'error', 'nodePools');
    });
  });

  describe('Azure CNI Overlay', () => {
    // https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay "IP address planning":
    // one /24 per node from the pod CIDR; a /16 holds 2^(24-16) = 256 node /24s (rules §1, §3).
    it('a /16 pod CIDR holds 256 node /24s: 255 + 1 surge fits, 256 + 1 does not', () => {
      const fits = planOk(net({ podCidr: '10.244.0.0/16', nodePools: [sysPool({ count: 255, maxPods: 250 })] }));
      expect(fits.podRanges[0].totalBlocks).to.equal(256);
      expect(fits.podRanges[0].demandBlocks).to.equal(256);
      expectNoFinding(fits, 'POD_CIDR_EXHAUSTED');

      const over = planOk(net({ podCidr: '10.244.0.0/16', nodePools: [sysPool({ count: 256, maxPods: 250 })] }));
      expect(over.podRanges[0].demandBlocks).to.equal(257);
      expectFinding(over, 'POD_CIDR_EXHAUSTED', 'error', 'podCidr');
    });

    // AKS validates the pod CIDR against (maxCount + 1) x /24 per pool (Azure/AKS issue 4467).
    // Azure/AKS-Construction issue 701: "Pre-allocated IPs 1280 exceeds IPs available 1024 in /22" —
    // a /22 is 1,024 addresses = 4 /24s, and 5 nodes x 256 = 1,280.
    it('AKS-Construction 701: maxCount 4 in a /22 pod CIDR needs 5 x 256 = 1,280 > 1,024', () => {
      const plan = planOk(net({ podCidr: '10.244.0.0/22', nodePools: [sysPool({ count: undefined, minCount: 1, maxCount: 4, maxPods: 30 })] }));
      const r = plan.podRanges[0];
      expect(r.totalBlocks).to.equal(1024 / 256); // 4
      expect(r.demandBlocks).to.equal(4 + 1); // 5
      expect(pool(plan, 'system').podIps).to.equal(5 * 256); // 1,280
      expectFinding(plan, 'POD_CIDR_EXHAUSTED', 'error', 'podCidr');
    });

    // Azure/AKS issue 4467: AKS counts maxCount + 1 per pool whatever maxSurge says, so a pool with
    // maxSurge 0 (upgrading with maxUnavailable) still needs maxCount + 1 /24s.
    it('(maxCount + 1) per pool even with maxSurge 0', () => {
      const cfg = (userMax: number) =>
        net({
          podCidr: '10.244.0.0/21', // 8 /24s
          nodePools: [
            sysPool({ count: 2 }), // 2 + 1 surge = 3
            userPool('batch', { count: undefined, minCount: 0, maxCount: userMax, maxSurge: 0, maxUnavailable: 1 }),
          ],
        });
      // 3 + (4 + 1) = 8 <= 8
      const fits = planOk(cfg(4));
      expect(fits.podRanges[0].demandBlocks).to.equal(8);
      expect(pool(fits, 'batch').surgeNodes).to.equal(0);
      expectNoFinding(fits, 'POD_CIDR_EXHAUSTED');
      // 3 + (5 + 1) = 9 > 8 (counting surge 0 would give 3 + 5 = 8 and miss it)
      const over = planOk(cfg(5));
      expect(over.podRanges[0].demandBlocks).to.equal(9);
      expectFinding(over, 'POD_CIDR_EXHAUSTED', 'error', 'podCidr');
    });

    // The overlay node subnet holds only node IPs (rules §3): n = maxCount + surge.
    it('overlay node subnet demand is one address per node', () => {
      const plan = planOk(net({ nodePools: [sysPool({ count: 3, maxPods: 250 })] }));
      expect(subnet(plan, 'nodes').demand).to.equal(4);
      // 4 > usable(/29) = 3, 4 <= usable(/28) = 11
      expect(prefixOf(subnet(plan, 'nodes').cidr)).to.equal(28);
    });
  });

  describe('Azure CNI pod subnet, dynamic allocation', () => {
    // https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation: IPs go to nodes in
    // batches of 16, at least 16 per node; the planner uses 16*ceil((P+8)/16) (rules §3.1, §14.8).
    // Only P with P mod 16 in 1..8 are pinned, where that equals the tight reading 16*ceil(P/16).
    it('batches of 16, at least 16 per node (P mod 16 in 1..8 only)', () => {
      for (const P of [1, 8]) expect(dynamicPodIpsPerNode(P), `P=${P}`).to.equal(16); // one batch
      expect(dynamicPodIpsPerNode(20)).to.equal(16 * Math.ceil(28 / 16)); // 32 (20 mod 16 = 4)
      expect(dynamicPodIpsPerNode(40)).to.equal(16 * Math.ceil(48 / 16)); // 48 (40 mod 16 = 8)
      expect(dynamicPodIpsPerNode(65)).to.equal(16 * Math.ceil(73 / 16)); // 80 (65 mod 16 = 1)
      expect(dynamicPodIpsPerNode(129)).to.equal(16 * Math.ceil(137 / 16)); // 144
      for (let P = 10; P <= 250; P++) {
        if (P % 16 < 1 || P % 16 > 8) continue;
        expect(dynamicPodIpsPerNode(P), `P=${P}`).to.equal(16 * Math.ceil(P / 16));
      }
    });

    it('pod subnet demand = n x batches; node subnet demand = n', () => {
      const plan = planOk(
        net({
          plugin: 'azure-cni-dynamic',
          subnets: [{ name: 'nodes' }, { name: 'pods' }],
          nodePools: [sysPool({ count: 9, maxPods: 20, podSubnet: 'pods' })],
        }),
      );
      // n = 9 + 1 = 10; 10 x 32 = 320 pod IPs
      expect(subnet(plan, 'pods').demand).to.equal(320);
      expect(subnet(plan, 'pods').role).to.equal('pods');
      expect(subnet(plan, 'nodes').demand).to.equal(10);
      // 320: /23 (507) fits, /24 (251) does not; 10: /28 (11) fits, /29 (3) does not
      expect(prefixOf(subnet(plan, 'pods').cidr)).to.equal(23);
      expect(prefixOf(subnet(plan, 'nodes').cidr)).to.equal(28);
    });
  });

  describe('Azure CNI pod subnet, static block allocation', () => {
    // https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation: /28 blocks, one IP per
    // node kept, blocks = ceil((P+1)/16). The docs' own examples: P=30 -> 2, P=31 -> 2, P=32 -> 3 (rules §3.2).
    it('blocks per node: P=30 -> 2, P=31 -> 2, P=32 -> 3, P=250 -> 16 (256 IPs)', () => {
      expect(staticBlocksPerNode(30)).to.equal(2); // 2 x 16 - 1 = 31 >= 30, one IP wasted
      expect(staticBlocksPerNode(31)).to.equal(2); // ideal value 16N - 1
      expect(staticBlocksPerNode(32)).to.equal(3); // 15 wasted
      expect(staticBlocksPerNode(250)).to.equal(16); // ceil(251/16) = 16 -> 16 x 16 = 256 IPs
      expect(16 * staticBlocksPerNode(250)).to.equal(256);
    });

    it('pod subnet demand = n x 16 x blocks', () => {
      const plan = planOk(
        net({
          plugin: 'azure-cni-static-block',
          kubernetesVersion: '1.30',
          subnets: [{ name: 'nodes' }, { name: 'pods' }],
          nodePools: [sysPool({ count: 9, maxPods: 31, podSubnet: 'pods' })],
        }),
      );
      // n = 10, blocks = 2: 10 x 16 x 2 = 320
      expect(subnet(plan, 'pods').demand).to.equal(320);
      expect(pool(plan, 'system').podIps).to.equal(320);
      // 20 blocks: a /23 holds 2^(28-23) - 2 = 30 whole blocks (conservative, rules §3.2) and 507 usable
      // addresses; a /24 holds 14 blocks / 251 addresses. Both readings give /23.
      expect(prefixOf(subnet(plan, 'pods').cidr)).to.equal(23);
    });

    it('P=250: every node takes 256 pod-subnet IPs', () => {
      const plan = planOk(
        net({
          plugin: 'azure-cni-static-block',
          subnets: [{ name: 'nodes' }, { name: 'pods' }],
          nodePools: [sysPool({ count: 3, maxPods: 250, podSubnet: 'pods' })],
        }),
      );
      expect(subnet(plan, 'pods').demand).to.equal((3 + 1) * 256);
    });
  });

  describe('bring your own CNI', () => {
    const byo = (byoCni: Record<string, unknown>, pools = [sysPool({ count: 9, maxPods: 110 })]) =>
      net({ plugin: 'none', byoCni, nodePools: pools });

    // https://docs.tigera.io/calico/latest/reference/resources/ippool: blockSize defaults to 26 (64 addresses);
    // planning estimate blocks >= nodes x ceil(P/64) (rules §3.3).
    it('Calico: /26 blocks, ceil(P/64) per node', () => {
      const plan = planOk(byo({ type: 'calico', poolCidr: '192.168.0.0/16' }));
      const r = plan.podRanges[0];
      expect(r.name).to.equal('calico-pool');
      expect(r.blockPrefixLength).to.equal(26);
      expect(r.totalBlocks).to.equal(2 ** (26 - 16)); // 1,024
      expect(r.demandBlocks).to.equal((9 + 1) * Math.ceil(110 / 64)); // 10 x 2 = 20
      // node subnet only holds nodes (rules §3.3)
      expect(subnet(plan, 'nodes').demand).to.equal(10);
    });

    // https://github.com/flannel-io/flannel/blob/master/Documentation/configuration.md: SubnetLen 24, Network
    // 10.244.0.0/16 in the reference manifest -> 256 /24s, one per node.
    it('Flannel: one /24 per node, 10.244.0.0/16 holds 256 nodes', () => {
      const fits = planOk(byo({ type: 'flannel' }, [sysPool({ count: 255, maxPods: 110 })]));
      expect(fits.network.podCidr).to.equal('10.244.0.0/16');
      expect(fits.podRanges[0].blockPrefixLength).to.equal(24);
      expect(fits.podRanges[0].totalBlocks).to.equal(256);
      expect(fits.podRanges[0].demandBlocks).to.equal(256); // 255 + 1 surge
      expectNoFinding(fits, 'POD_CIDR_EXHAUSTED');

      const over = planOk(byo({ type: 'flannel' }, [sysPool({ count: 256, maxPods: 110 })]));
      expectFinding(over, 'POD_CIDR_EXHAUSTED', 'error');
    });

    // https://docs.cilium.io/en/stable/helm-reference/: clusterPoolIPv4PodCIDRList defaults to 10.0.0.0/8, which
    // overlaps AKS's default service CIDR; the planner requires an explicit pool (rules §3.3).
    it('Cilium: an explicit pool is required (BYO_POOL_REQUIRED); with one, /24 per node', () => {
      const missing = planOk(byo({ type: 'cilium' }));
      expectFinding(missing, 'BYO_POOL_REQUIRED', 'error', 'byoCni.poolCidr');
      expect(missing.ok).to.equal(false);

      const given = planOk(byo({ type: 'cilium', poolCidr: '100.64.0.0/16' }));
      expectNoFinding(given, 'BYO_POOL_REQUIRED');
      expect(given.podRanges[0].blockPrefixLength).to.equal(24);
      expect(given.podRanges[0].totalBlocks).to.equal(256);
    });

    // Weave Net's default IPALLOC_RANGE is 10.32.0.0/12; the project is unmaintained (rules §3.3 via models).
    it('Weave: default 10.32.0.0/12 and a WEAVE_UNMAINTAINED warning', () => {
      const plan = planOk(byo({ type: 'weave' }));
      expect(plan.network.podCidr).to.equal('10.32.0.0/12');
      expectFinding(plan, 'WEAVE_UNMAINTAINED', 'warning', 'byoCni.type');
    });
  });

  describe('maxPods', () => {
    // https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning "Maximum pods per node":
    // 10..250 for every AKS-managed plugin (rules §4).
    it('MAX_PODS_OUT_OF_RANGE below 10 and above 250', () => {
      expectFinding(planOk(net({ nodePools: [sysPool({ maxPods: 9 })] })), 'MAX_PODS_OUT_OF_RANGE', 'error', 'nodePools[0].maxPods');
      expectFinding(planOk(net({ nodePools: [sysPool({ maxPods: 251 })] })), 'MAX_PODS_OUT_OF_RANGE', 'error', 'nodePools[0].maxPods');
      expectNoFinding(planOk(net({ nodePools: [sysPool({ maxPods: 250 })] })), 'MAX_PODS_OUT_OF_RANGE');
    });

    // Same page: the minimum of 10 needs room for 30 pods per pool, so >= 3 nodes (rules §4, §14.11).
    it('maxPods 10 needs minCount >= 3 (30 pods per pool)', () => {
      const two = planOk(net({ nodePools: [sysPool({ count: undefined, minCount: 2, maxCount: 5, maxPods: 10 })] }));
      expectFinding(two, 'MAX_PODS_OUT_OF_RANGE', 'error', 'nodePools[0].maxPods');
      const three = planOk(net({ nodePools: [sysPool({ count: undefined, minCount: 3, maxCount: 5, maxPods: 10 })] }));
      expectNoFinding(three, 'MAX_PODS_OUT_OF_RANGE');
    });

    // Defaults: overlay 250 ([ovlc]), classic 30 ([ipplan]), pod subnet 250 + warning (§14.2),
    // kubenet 110 (§14.2), BYO: kubelet's own 110 with a warning (rules §4).
    const defaults: [string, number, boolean][] = [
      ['azure-cni-overlay', 250, false],
      ['azure-cni', 30, false],
      ['azure-cni-dynamic', 250, true],
      ['azure-cni-static-block', 250, true],
      ['kubenet', 110, false],
      ['none', 110, true],
    ];
    for (const [plugin, expected, warns] of defaults) {
      it(`default maxPods for ${plugin} is ${expected}${warns ? ' (with MAX_PODS_DEFAULTED)' : ''}`, () => {
        const podSubnet = plugin === 'azure-cni-dynamic' || plugin === 'azure-cni-static-block';
        const plan = planOk(
          net({
            plugin,
            ...(plugin === 'none' ? { byoCni: { type: 'calico' } } : {}),
            subnets: podSubnet ? [{ name: 'nodes' }, { name: 'pods' }] : [{ name: 'nodes' }],
            nodePools: [sysPool({ maxPods: undefined, ...(podSubnet ? { podSubnet: 'pods' } : {}) })],
          }),
        );
        expect(plan.pools[0].maxPods).to.equal(expected);
        expect(plan.pools[0].maxPodsDefaulted).to.equal(true);
        if (warns) expectFinding(plan, 'MAX_PODS_DEFAULTED', 'warning', 'nodePools[0].maxPods');
        else expectNoFinding(plan, 'MAX_PODS_DEFAULTED');
      });
    }
  });

  describe('maxSurge', () => {
    // https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling "Customize node surge": default 1
    // (rules §2, §14.1 — not the 10% of the large-cluster page).
    it('default maxSurge is 1 node, also for large pools', () => {
      const plan = planOk(net({ nodePools: [sysPool({ count: 100 })] }));
      expect(pool(plan, 'system').maxSurge).to.equal(1);
      expect(pool(plan, 'system').surgeNodes).to.equal(1);
    });

    // Same page: a percentage is of the pool size, rounded up — 33% of 10 -> ceil(3.3) = 4.
    it('percentage surge rounds up: 33% of 10 -> 4', () => {
      expect(surgeNodes('33%', 10)).to.equal(4);
      expect(surgeNodes('50%', 4)).to.equal(2); // rules §2: 5 pools x 4 nodes at 50% -> 10 extra nodes
      expect(surgeNodes('1%', 10)).to.equal(1); // ceil(0.1)
      expect(surgeNodes('100%', 7)).to.equal(7);
      const plan = planOk(net({ nodePools: [sysPool({ count: 10, maxSurge: '33%' })] }));
      expect(pool(plan, 'system').surgeNodes).to.equal(4);
    });

    // Rules §2: "5 pools x 4 nodes at 50% surge need 10 extra nodes' worth of compute and IPs" — surge adds up.
    it('surge adds up across pools: 5 pools x 4 nodes at 50% -> 10 surge nodes', () => {
      const pools = [sysPool({ count: 4, maxSurge: '50%' }), ...['a', 'b', 'c', 'd'].map((n) => userPool(n, { count: 4, maxSurge: '50%' }))];
      const plan = planOk(net({ nodePools: pools }));
      expect(plan.totals.surgeNodes).to.equal(10);
      expect(subnet(plan, 'nodes').demand).to.equal(5 * 4 + 10); // overlay: one address per node
    });

    // Rules §2: maxUnavailable adds no surge nodes; surge can't exceed the nodes left to upgrade.
    it('maxUnavailable means no surge; surge is capped at the pool size', () => {
      const plan = planOk(net({ nodePools: [sysPool(), userPool('batch', { count: 5, maxUnavailable: 2 }), userPool('tiny', { count: 2, maxSurge: 5 })] }));
      expect(pool(plan, 'batch').surgeNodes).to.equal(0);
      expect(pool(plan, 'tiny').surgeNodes).to.equal(2);
    });
  });
});
