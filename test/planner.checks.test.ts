// The checks, one rule at a time. Sources are the sections of /work/shared/reference/aks-networking-rules.md
// (which name the Microsoft Learn pages); expected numbers are worked out in the comments.
import { expect } from 'chai';
import { crossStackFindings } from '../planner/crossStack';
import { FINDING_CODES, type Severity } from '../planner/findings';
import type { PlanOptions } from '../planner/plan';
import { validateNetworkConfig } from '../planner/validate';
import {
  expectFinding,
  expectNoFinding,
  findings,
  type Json,
  net,
  planOk,
  prefixOf,
  subnet,
  sysPool,
  userPool,
} from './plannerHelpers';

describe('planner: checks', () => {
  describe('reserved and forbidden ranges (rules §5, §1)', () => {
    // https://learn.microsoft.com/azure/aks/concepts-network-cni-overview prerequisites: AKS refuses
    // 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24 for service CIDR, pod CIDR and VNet.
    for (const reserved of ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24']) {
      it(`${reserved} is refused as pod CIDR, service CIDR and address space`, () => {
        expectFinding(planOk(net({ podCidr: reserved })), 'RESERVED_RANGE', 'error', 'podCidr');

        const dns = reserved.replace(/0\/\d+$/, '10');
        expectFinding(planOk(net({ serviceCidr: reserved, dnsServiceIP: dns })), 'RESERVED_RANGE', 'error', 'serviceCidr');

        expectFinding(planOk(net({ addressSpace: [reserved] })), 'RESERVED_RANGE', 'error', 'addressSpace[0]');
      });
    }

    // Same page: a range that merely contains a reserved one fails too — 172.16.0.0/12 as pod CIDR
    // includes 172.30/16 and 172.31/16.
    it('172.16.0.0/12 as pod CIDR contains 172.30/16 and 172.31/16', () => {
      const plan = planOk(net({ podCidr: '172.16.0.0/12', serviceCidr: '192.168.0.0/16', dnsServiceIP: '192.168.0.10' }));
      const hits = findings(plan, 'RESERVED_RANGE').filter((f) => f.path === 'podCidr');
      expect(hits.length).to.equal(2);
      expect(hits.map((h) => h.message).join(' ')).to.contain('172.30.0.0/16').and.to.contain('172.31.0.0/16');
      expect(plan.ok).to.equal(false);
    });

    it('a neighbour of a reserved range is fine (172.29.0.0/16 pod CIDR)', () => {
      expectNoFinding(planOk(net({ podCidr: '172.29.0.0/16' })), 'RESERVED_RANGE');
    });

    // https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq "What address ranges can I use":
    // 224.0.0.0/4, 255.255.255.255/32, 127.0.0.0/8, 169.254.0.0/16, 168.63.129.16/32 are forbidden in a VNet.
    it('VNet-level exclusions: 168.63.129.16 and 127.0.0.0/8 inside the address space', () => {
      expectFinding(planOk(net({ addressSpace: ['168.63.128.0/22'] })), 'RESERVED_RANGE', 'error', 'addressSpace[0]');
      expectFinding(planOk(net({ addressSpace: ['127.0.0.0/16'] })), 'RESERVED_RANGE', 'error', 'addressSpace[0]');
    });

    // The same FAQ list holds for the service and pod ranges: their addresses are routed through the
    // VNet's nodes, and loopback, multicast, link-local and 168.63.129.16 never are (rules §1, §5). Each
    // is an error naming Azure as the one who refuses it.
    for (const [range, forbidden] of [
      ['127.0.0.0/16', '127.0.0.0/8'],
      ['224.1.0.0/16', '224.0.0.0/4'],
      ['168.63.0.0/16', '168.63.129.16/32'],
      ['255.255.255.0/24', '255.255.255.255/32'],
    ]) {
      it(`${range} is refused as service CIDR and pod CIDR (it overlaps ${forbidden})`, () => {
        const dns = range.replace(/0\/\d+$/, '10');
        const svc = expectFinding(planOk(net({ serviceCidr: range, dnsServiceIP: dns })), 'RESERVED_RANGE', 'error', 'serviceCidr');
        // the message names the range and the forbidden block, and the fix: a range outside that block
        expect(svc.message).to.equal(`service CIDR ${range} overlaps ${forbidden}, which Azure forbids in a VNet: choose a range outside ${forbidden}`);
        const pods = expectFinding(planOk(net({ podCidr: range })), 'RESERVED_RANGE', 'error', 'podCidr');
        expect(pods.message).to.equal(`podCidr ${range} overlaps ${forbidden}, which Azure forbids in a VNet: choose a range outside ${forbidden}`);
        const byo = expectFinding(planOk(net({ plugin: 'none', byoCni: { type: 'flannel', poolCidr: range }, nodePools: [sysPool({ maxPods: 110 })] })), 'RESERVED_RANGE', 'error', 'byoCni.poolCidr');
        expect(byo.message).to.contain('Azure forbids in a VNet');
      });
    }

    it('169.254.0.0/16, on both lists, is named once, as AKS refuses it', () => {
      const hits = findings(planOk(net({ podCidr: '169.254.0.0/16' })), 'RESERVED_RANGE');
      expect(hits.map((h) => h.message)).to.deep.equal(['podCidr 169.254.0.0/16 overlaps 169.254.0.0/16, which AKS does not accept: choose a range outside 169.254.0.0/16']);
    });

    // Rules §5: public pod ranges aren't blocked but aren't supported; rules §1 via the VNet FAQ.
    it('NON_PRIVATE_RANGE warns for public address spaces and pod CIDRs', () => {
      expectFinding(planOk(net({ addressSpace: ['20.10.0.0/16'] })), 'NON_PRIVATE_RANGE', 'warning', 'addressSpace[0]');
      expectFinding(planOk(net({ podCidr: '20.244.0.0/16' })), 'NON_PRIVATE_RANGE', 'warning', 'podCidr');
      // RFC 6598 100.64.0.0/10 counts as private for overlay (rules §5)
      expectNoFinding(planOk(net({ podCidr: '100.64.0.0/16' })), 'NON_PRIVATE_RANGE');
    });

    // Rules §14.4: warn when a VNet is larger than /8.
    it('VNET_TOO_LARGE warns above /8', () => {
      expectFinding(planOk(net({ addressSpace: ['10.0.0.0/7'], podCidr: '100.64.0.0/16' })), 'VNET_TOO_LARGE', 'warning', 'addressSpace[0]');
      expectNoFinding(planOk(net({ addressSpace: ['10.0.0.0/8'], podCidr: '100.64.0.0/16' })), 'VNET_TOO_LARGE');
    });
  });

  describe('service CIDR and dnsServiceIP (rules §6)', () => {
    // https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning: "smaller than /12";
    // rules §14.6 treats /12 or wider as invalid.
    it('SERVICE_CIDR_SIZE for /12 and wider, not for /13', () => {
      const wide = expectFinding(planOk(net({ serviceCidr: '10.128.0.0/12', dnsServiceIP: '10.128.0.10' })), 'SERVICE_CIDR_SIZE', 'error', 'serviceCidr');
      // the value (/12), the limit (smaller than /12) and the fix (/13 or longer)
      expect(wide.message).to.equal('service CIDR 10.128.0.0/12 is /12; AKS needs a service CIDR smaller than /12: use /13 or a longer prefix, such as a /16');
      expectFinding(planOk(net({ serviceCidr: '10.128.0.0/9', dnsServiceIP: '10.128.0.10' })), 'SERVICE_CIDR_SIZE', 'error', 'serviceCidr');
      expectNoFinding(planOk(net({ serviceCidr: '10.128.0.0/13', dnsServiceIP: '10.128.0.10' })), 'SERVICE_CIDR_SIZE');
    });

    // https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni: dnsServiceIP must be inside the
    // service CIDR and not its first address (.1, kubernetes.default); the planner also rejects .0 (§14.12).
    it('DNS_IP_OUTSIDE_SERVICE_CIDR when dnsServiceIP is outside', () => {
      const outside = expectFinding(planOk(net({ dnsServiceIP: '172.17.0.10' })), 'DNS_IP_OUTSIDE_SERVICE_CIDR', 'error', 'dnsServiceIP');
      expect(outside.message).to.match(/^dnsServiceIP 172\.17\.0\.10 is not inside the service CIDR \S+: use an address inside it, usually its \.10 address$/);
    });

    // The broadcast address of the range can't be assigned to a Service either: 172.16.0.0/16 ends at
    // 172.16.255.255; .254 is the last assignable address.
    it('DNS_IP_RESERVED for the broadcast address; the one before it is fine', () => {
      const f = expectFinding(planOk(net({ dnsServiceIP: '172.16.255.255' })), 'DNS_IP_RESERVED', 'error', 'dnsServiceIP');
      expect(f.message).to.contain('the broadcast address of 172.16.0.0/16');
      expectNoFinding(planOk(net({ dnsServiceIP: '172.16.255.254' })), 'DNS_IP_RESERVED');
      // a /28 service range: 172.16.0.0 - 172.16.0.15
      expectFinding(planOk(net({ serviceCidr: '172.16.0.0/28', dnsServiceIP: '172.16.0.15' })), 'DNS_IP_RESERVED', 'error', 'dnsServiceIP');
    });

    it('DNS_IP_RESERVED for the .0 and .1 addresses; .10 is fine', () => {
      expectFinding(planOk(net({ dnsServiceIP: '172.16.0.0' })), 'DNS_IP_RESERVED', 'error', 'dnsServiceIP');
      expectFinding(planOk(net({ dnsServiceIP: '172.16.0.1' })), 'DNS_IP_RESERVED', 'error', 'dnsServiceIP');
      const ok = planOk(net({ dnsServiceIP: '172.16.0.10' }));
      expectNoFinding(ok, 'DNS_IP_RESERVED');
      expectNoFinding(ok, 'DNS_IP_OUTSIDE_SERVICE_CIDR');
    });

    // Defaults (rules §6): serviceCidr 10.0.0.0/16, dnsServiceIP 10.0.0.10, podCidr 10.244.0.0/16.
    it('applies the AKS defaults', () => {
      const plan = planOk({ ...net(), serviceCidr: undefined, dnsServiceIP: undefined });
      expect(plan.network.serviceCidr).to.equal('10.0.0.0/16');
      expect(plan.network.dnsServiceIP).to.equal('10.0.0.10');
      expect(plan.network.podCidr).to.equal('10.244.0.0/16');
    });
  });

  describe('CIDR_OVERLAP (rules §1, §5, §6, §12)', () => {
    // https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq: subnets must not overlap.
    it('two pinned subnets that overlap', () => {
      const plan = planOk(
        net({
          subnets: [
            { name: 'nodes', cidr: '10.10.0.0/23' },
            { name: 'more', cidr: '10.10.1.0/24' },
          ],
          nodePools: [sysPool(), userPool('user', { subnet: 'more' })],
        }),
      );
      expectFinding(plan, 'CIDR_OVERLAP', 'error', 'subnets[1]');
    });

    // Rules §6 / §14.5: the service CIDR overlapping a subnet is an error...
    it('service CIDR over a subnet is an error', () => {
      const plan = planOk(
        net({ serviceCidr: '10.10.0.0/16', dnsServiceIP: '10.10.0.10', subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }] }),
      );
      expectFinding(plan, 'CIDR_OVERLAP', 'error', 'serviceCidr');
    });

    // ...inside the VNet but touching no subnet is "possible but not recommended": a warning.
    it('service CIDR inside the VNet but on no subnet is a warning', () => {
      const plan = planOk(
        net({ serviceCidr: '10.10.128.0/17', dnsServiceIP: '10.10.128.10', subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }] }),
      );
      expectFinding(plan, 'CIDR_OVERLAP', 'warning', 'serviceCidr');
      expect(findings(plan, 'CIDR_OVERLAP', 'error')).to.deep.equal([]);
    });

    // https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay "Pods": the pod CIDR must not
    // overlap the cluster subnet or the VNet.
    it('pod CIDR inside the VNet', () => {
      expectFinding(planOk(net({ podCidr: '10.10.128.0/17' })), 'CIDR_OVERLAP', 'error', 'podCidr');
    });

    // Rules §6: the service CIDR must not overlap the pod CIDR.
    it('pod CIDR over the service CIDR', () => {
      expectFinding(planOk(net({ podCidr: '172.16.0.0/16' })), 'CIDR_OVERLAP', 'error', 'podCidr');
    });

    it('BYO pool over the VNet', () => {
      const plan = planOk(net({ plugin: 'none', byoCni: { type: 'calico', poolCidr: '10.10.0.0/16' } }));
      expectFinding(plan, 'CIDR_OVERLAP', 'error', 'byoCni.poolCidr');
    });

    it('address spaces that overlap each other', () => {
      expectFinding(planOk(net({ addressSpace: ['10.10.0.0/16', '10.10.128.0/17'] })), 'CIDR_OVERLAP', 'error', 'addressSpace[1]');
    });

    it('a clean layout has no overlap at all', () => {
      expectNoFinding(planOk(net()), 'CIDR_OVERLAP');
    });
  });

  describe('subnet placement (rules §1, §7)', () => {
    // https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq: each subnet must lie inside the
    // VNet address space; rules §7: pool subnets must be in the cluster's VNet.
    it('SUBNET_OUTSIDE_VNET for a pinned subnet outside every address space', () => {
      expectFinding(planOk(net({ subnets: [{ name: 'nodes', cidr: '10.20.0.0/24' }] })), 'SUBNET_OUTSIDE_VNET', 'error', 'subnets[0].cidr');
      // straddling the edge is outside too
      expectFinding(
        planOk(net({ addressSpace: ['10.10.0.0/24'], subnets: [{ name: 'nodes', cidr: '10.10.0.0/23' }] })),
        'SUBNET_OUTSIDE_VNET',
        'error',
        'subnets[0].cidr',
      );
    });

    it('a subnet in the second address space is inside the VNet', () => {
      const plan = planOk(net({ addressSpace: ['10.10.0.0/24', '10.20.0.0/24'], subnets: [{ name: 'nodes', cidr: '10.20.0.0/25' }] }));
      expectNoFinding(plan, 'SUBNET_OUTSIDE_VNET');
    });

    // Rules §1: the smallest Azure subnet is /29; rules §3.2: a static-block pod subnet is at most /12.
    it('SUBNET_SIZE for a /30 and for a static-block pod subnet wider than /12', () => {
      expectFinding(planOk(net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/30' }] })), 'SUBNET_SIZE', 'error', 'subnets[0].cidr');
      const wide = planOk(
        net({
          plugin: 'azure-cni-static-block',
          addressSpace: ['10.0.0.0/8'],
          serviceCidr: '172.16.0.0/16',
          subnets: [
            { name: 'pods', cidr: '10.0.0.0/11' },
            { name: 'nodes', cidr: '10.128.0.0/24' },
          ],
          nodePools: [sysPool({ podSubnet: 'pods' })],
        }),
      );
      expectFinding(wide, 'SUBNET_SIZE', 'error', 'subnets[0]');
    });

    it('ADDRESS_SPACE_EXHAUSTED when no free block of the needed size is left', () => {
      // classic: (7 + 1) x 31 = 248 -> a /24, but the VNet is a /25
      const plan = planOk(net({ plugin: 'azure-cni', addressSpace: ['10.10.0.0/25'], nodePools: [sysPool({ count: 7 })] }));
      expectFinding(plan, 'ADDRESS_SPACE_EXHAUSTED', 'error', 'subnets[0]');
      expect(subnet(plan, 'nodes').cidr).to.equal(null);
    });

    it('SUBNET_EXHAUSTED when no Azure subnet (largest /2) holds the demand', () => {
      // /2 holds 2^30 - 5 addresses; a subnet reserving 2^30 addresses cannot exist
      const plan = planOk(net({ subnets: [{ name: 'nodes', reservedIps: 2 ** 30 }] }));
      expectFinding(plan, 'SUBNET_EXHAUSTED', 'error', 'subnets[0]');
    });

    // Regression: carving used to avoid only the subnets declared before, so a carved subnet listed
    // first landed on a pinned one listed after it (rules §1: subnets must not overlap).
    it('a carved subnet avoids a pinned subnet declared after it', () => {
      const plan = planOk(
        net({ subnets: [{ name: 'nodes' }, { name: 'fixed', cidr: '10.10.0.0/24', purpose: 'other' }] }),
      );
      // 3 + 1 = 4 nodes -> a /28; 10.10.0.0/24 is taken, so the first free /28 is 10.10.1.0/28
      expect(subnet(plan, 'nodes').cidr).to.equal('10.10.1.0/28');
      expectNoFinding(plan, 'CIDR_OVERLAP');
    });

    // Regression: a service CIDR inside the VNet is a warning (rules §6, §14.5); carving a subnet onto it
    // made it an error. 10.0.0.0/8 with the default 10.0.0.0/16 is the common case.
    it('a carved subnet avoids a service CIDR inside the VNet', () => {
      const plan = planOk({ ...net({ addressSpace: ['10.0.0.0/8'], podCidr: '100.64.0.0/16' }), serviceCidr: undefined, dnsServiceIP: undefined });
      // 10.0.0.0/16 is the service range, so the first free /28 is 10.1.0.0/28
      expect(subnet(plan, 'nodes').cidr).to.equal('10.1.0.0/28');
      expect(findings(plan, 'CIDR_OVERLAP').map((f) => f.severity)).to.deep.equal(['warning']);
      expect(plan.ok).to.equal(true);
    });

    // https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation FAQ: VMs can't be
    // deployed in a pod subnet (rules §3.1).
    it('SUBNET_ROLE_CONFLICT: one subnet as node subnet and pod subnet', () => {
      const plan = planOk(net({ plugin: 'azure-cni-dynamic', nodePools: [sysPool({ podSubnet: 'nodes' })] }));
      expectFinding(plan, 'SUBNET_ROLE_CONFLICT', 'error', 'subnets[0]');
      const apart = planOk(net({ plugin: 'azure-cni-dynamic', subnets: [{ name: 'nodes' }, { name: 'pods' }], nodePools: [sysPool({ podSubnet: 'pods' })] }));
      expectNoFinding(apart, 'SUBNET_ROLE_CONFLICT');
    });

    // https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure: the Application
    // Gateway subnet is dedicated, only Application Gateways may go in it (rules §11).
    it('SUBNET_ROLE_CONFLICT: a node pool in the Application Gateway subnet', () => {
      const plan = planOk(net({ subnets: [{ name: 'nodes', purpose: 'appgateway' }] }));
      expectFinding(plan, 'SUBNET_ROLE_CONFLICT', 'error', 'subnets[0]');
      const podsThere = planOk(
        net({
          plugin: 'azure-cni-dynamic',
          subnets: [{ name: 'nodes' }, { name: 'appgw', purpose: 'appgateway' }],
          nodePools: [sysPool({ podSubnet: 'appgw' })],
        }),
      );
      expectFinding(podsThere, 'SUBNET_ROLE_CONFLICT', 'error', 'subnets[1]');
      // an appgateway subnet no pool uses is what it should be
      expectNoFinding(planOk(net({ subnets: [{ name: 'nodes' }, { name: 'appgw', purpose: 'appgateway' }] })), 'SUBNET_ROLE_CONFLICT');
    });

    // Rules §11: Application Gateway v2 recommends a /24 for its dedicated subnet.
    it('an unused appgateway subnet is carved as a /24', () => {
      const plan = planOk(net({ subnets: [{ name: 'nodes' }, { name: 'appgw', purpose: 'appgateway' }] }));
      expect(prefixOf(subnet(plan, 'appgw').cidr)).to.equal(24);
    });
  });

  describe('capacity (rules §2, §3, §12)', () => {
    // Rules §3: "sum the results over every pool that shares a subnet". Classic: n x (1 + P) per pool.
    it('several pools sharing a subnet add up to SUBNET_EXHAUSTED', () => {
      const cfg = (userCount: number, reservedIps = 0) =>
        net({
          plugin: 'azure-cni',
          subnets: [{ name: 'nodes', cidr: '10.10.0.0/24', reservedIps }],
          nodePools: [sysPool({ count: 3, maxPods: 30 }), userPool('user', { count: userCount, maxPods: 30 })],
        });
      // (3 + 1) x 31 + (3 + 1) x 31 = 248 <= 251
      const fits = planOk(cfg(3));
      expect(subnet(fits, 'nodes').demand).to.equal(248);
      expectNoFinding(fits, 'SUBNET_EXHAUSTED');
      // (3 + 1) x 31 + (4 + 1) x 31 = 279 > 251, though each pool alone would fit
      const over = planOk(cfg(4));
      expect(subnet(over, 'nodes').demand).to.equal(279);
      expectFinding(over, 'SUBNET_EXHAUSTED', 'error', 'subnets[0]');
      // rules §1: other resources (internal load balancers) use addresses too: 248 + 4 = 252 > 251
      const lb = planOk(cfg(3, 4));
      expect(subnet(lb, 'nodes').demand).to.equal(252);
      expectFinding(lb, 'SUBNET_EXHAUSTED', 'error', 'subnets[0]');
    });

    it('a dynamic pod subnet shared by two pools adds up', () => {
      const plan = planOk(
        net({
          plugin: 'azure-cni-dynamic',
          subnets: [{ name: 'nodes' }, { name: 'pods', cidr: '10.10.8.0/24' }],
          nodePools: [sysPool({ count: 3, maxPods: 40, podSubnet: 'pods' }), userPool('user', { count: 1, maxPods: 40, podSubnet: 'pods' })],
        }),
      );
      // 48 per node (40 mod 16 = 8): (4 + 2) x 48 = 288 > 251
      expect(subnet(plan, 'pods').demand).to.equal(288);
      expectFinding(plan, 'SUBNET_EXHAUSTED', 'error', 'subnets[1]');
    });

    // LOW_HEADROOM: less than 20% of usable addresses free at full scale. /24: 251 usable, 20% = 50.2.
    it('LOW_HEADROOM below 20% free, not at 20.3%', () => {
      const cfg = (count: number) => net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count })] });
      // 199 + 1 = 200 used, 51 free: 51 >= 50.2
      expectNoFinding(planOk(cfg(199)), 'LOW_HEADROOM', 'subnets[0]');
      // 200 + 1 = 201 used, 50 free: 50 < 50.2
      expectFinding(planOk(cfg(200)), 'LOW_HEADROOM', 'warning', 'subnets[0]');
    });

    it('LOW_HEADROOM for the pod CIDR too', () => {
      // /21 pod CIDR = 8 /24s; 6 + 1 = 7 used, 1 free < 20% of 8 = 1.6
      expectFinding(planOk(net({ podCidr: '10.244.0.0/21', nodePools: [sysPool({ count: 6 })] })), 'LOW_HEADROOM', 'warning', 'podCidr');
      // 5 + 1 = 6 used, 2 free >= 1.6
      expectNoFinding(planOk(net({ podCidr: '10.244.0.0/21', nodePools: [sysPool({ count: 5 })] })), 'LOW_HEADROOM', 'podCidr');
    });

    // A node's block must hold maxPods: Flannel SubnetLen 25 -> 128 - 2 = 126 pods per node.
    it('POD_CIDR_EXHAUSTED when a per-node block is smaller than maxPods', () => {
      const plan = planOk(net({ plugin: 'none', byoCni: { type: 'flannel', subnetLen: 25 }, nodePools: [sysPool({ maxPods: 200 })] }));
      expectFinding(plan, 'POD_CIDR_EXHAUSTED', 'error', 'nodePools[0].maxPods');
      expectNoFinding(planOk(net({ plugin: 'none', byoCni: { type: 'flannel', subnetLen: 25 }, nodePools: [sysPool({ maxPods: 110 })] })), 'POD_CIDR_EXHAUSTED');
    });

    // https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning table "Azure Virtual Network":
    // "65,536 configured IP address limit". Classic and dynamic count every IP; a static /28 block counts once
    // (rules §3.2, [sb]).
    describe('VNET_IP_LIMIT', () => {
      const big = { addressSpace: ['10.0.0.0/11'], serviceCidr: '172.16.0.0/16', dnsServiceIP: '172.16.0.10' };

      it('classic: every node and pod IP counts', () => {
        // 251 IPs per node (1 + 250): 261 x 251 = 65,511 <= 65,536; 262 x 251 = 65,762 > 65,536
        const under = planOk(net({ ...big, plugin: 'azure-cni', nodePools: [sysPool({ count: 260, maxPods: 250 })] }));
        expect(under.totals.vnetIps).to.equal(261 * 251);
        expectNoFinding(under, 'VNET_IP_LIMIT');
        const over = planOk(net({ ...big, plugin: 'azure-cni', nodePools: [sysPool({ count: 261, maxPods: 250 })] }));
        expect(over.totals.vnetIps).to.equal(262 * 251);
        expectFinding(over, 'VNET_IP_LIMIT', 'error', 'nodePools');
      });

      it('dynamic: node IP + every allocated pod IP counts', () => {
        // P = 40 -> 48 pod IPs + 1 node IP = 49 per node; 1,337 x 49 = 65,513; 1,338 x 49 = 65,562
        const cfg = (second: number) =>
          net({
            ...big,
            plugin: 'azure-cni-dynamic',
            subnets: [{ name: 'nodes' }, { name: 'pods' }],
            nodePools: [sysPool({ count: 668, maxPods: 40, podSubnet: 'pods' }), userPool('user', { count: second, maxPods: 40, podSubnet: 'pods' })],
          });
        const under = planOk(cfg(667)); // 669 + 668 = 1,337 nodes
        expect(under.totals.vnetIps).to.equal(1337 * 49);
        expectNoFinding(under, 'VNET_IP_LIMIT');
        const over = planOk(cfg(668)); // 669 + 669 = 1,338 nodes
        expect(over.totals.vnetIps).to.equal(1338 * 49);
        expectFinding(over, 'VNET_IP_LIMIT', 'error', 'nodePools');
      });

      it('static block: a /28 block counts once', () => {
        // P = 250 -> 16 blocks + 1 node IP = 17 per node; 3,855 x 17 = 65,535; 3,856 x 17 = 65,552.
        // Counted per IP, the same pools would need 3,856 x 257 = 990,992: far over.
        const cfg = (last: number) =>
          net({
            ...big,
            plugin: 'azure-cni-static-block',
            subnets: [{ name: 'nodes' }, { name: 'pods' }],
            nodePools: [
              sysPool({ count: 963, maxPods: 250, podSubnet: 'pods' }),
              userPool('usera', { count: 963, maxPods: 250, podSubnet: 'pods' }),
              userPool('userb', { count: 963, maxPods: 250, podSubnet: 'pods' }),
              userPool('userc', { count: last, maxPods: 250, podSubnet: 'pods' }),
            ],
          });
        const under = planOk(cfg(962)); // 3 x 964 + 963 = 3,855 nodes
        expect(under.totals.vnetIps).to.equal(3855 * 17);
        expectNoFinding(under, 'VNET_IP_LIMIT');
        const over = planOk(cfg(963)); // 4 x 964 = 3,856 nodes
        expect(over.totals.vnetIps).to.equal(3856 * 17);
        expectFinding(over, 'VNET_IP_LIMIT', 'error', 'nodePools');
        // 3,856 x 256 = 987,136 pod IPs = 61,696 blocks; a /12 holds 2^16 - 2 = 65,534 whole blocks and
        // 1,048,571 usable addresses, a /13 only 524,283: the pod subnet is a /12, the widest static allows.
        expect(subnet(over, 'pods').demand).to.equal(987_136);
        expect(prefixOf(subnet(over, 'pods').cidr)).to.equal(12);
        expectNoFinding(over, 'SUBNET_SIZE');
      });

      it('overlay: only node IPs count', () => {
        const plan = planOk(net({ podCidr: '100.64.0.0/14', nodePools: [sysPool({ count: 999, maxPods: 250 })] }));
        expect(plan.totals.vnetIps).to.equal(1000);
      });
    });
  });

  describe('node and pool limits (rules §7, §2)', () => {
    const bigOverlay = (pools: Json[]) => net({ podCidr: '100.64.0.0/10', nodePools: pools });

    // https://learn.microsoft.com/azure/aks/quotas-skus-regions: 1,000 nodes per pool.
    it('NODE_LIMIT: more than 1,000 nodes in a pool', () => {
      const plan = planOk(bigOverlay([sysPool(), userPool('big', { count: undefined, minCount: 0, maxCount: 1001, maxUnavailable: 1, maxSurge: 0 })]));
      expectFinding(plan, 'NODE_LIMIT', 'error', 'nodePools[1]');
    });

    // https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling: AKS rejects the upgrade when
    // pool size + surge > 1,000.
    it('NODE_LIMIT: 1,000 nodes + surge 1 = 1,001 instances', () => {
      const surge = planOk(bigOverlay([sysPool(), userPool('big', { count: 1000 })]));
      expectFinding(surge, 'NODE_LIMIT', 'error', 'nodePools[1].maxSurge');
      // with maxUnavailable instead of surge, 1,000 is fine
      const inPlace = planOk(bigOverlay([sysPool(), userPool('big', { count: 1000, maxSurge: 0, maxUnavailable: 1 })]));
      expect(findings(inPlace, 'NODE_LIMIT').filter((f) => f.path.startsWith('nodePools[1]'))).to.deep.equal([]);
    });

    // Rules §7: 5,000 nodes per cluster across all pools.
    it('NODE_LIMIT: more than 5,000 nodes in the cluster', () => {
      const users = (n: number) =>
        Array.from({ length: 5 }, (_, i) => userPool(`user${i}`, { count: i === 4 ? n : 1000, maxSurge: 0, maxUnavailable: 1 }));
      // 1 + 4 x 1,000 + 1,000 = 5,001 > 5,000
      const over = planOk(bigOverlay([sysPool({ count: 1 }), ...users(1000)]));
      expectFinding(over, 'NODE_LIMIT', 'error', 'nodePools');
      expect(over.totals.maxNodes).to.equal(5001);
      // the message names the sum and the limit, with thousands separators, and the fix
      expect(findings(over, 'NODE_LIMIT').map((f) => f.message)).to.deep.equal(["the pools add up to 5,001 nodes; a cluster holds at most 5,000: lower the pools' count/maxCount, or spread the workload over more clusters"]);
    });

    // Rules §2 "Upgrade guards" (https://learn.microsoft.com/azure/aks/best-practices-performance-scale-large
    // "Cluster upgrade considerations"): a cluster at the 5,000-node limit can't upgrade, because the surge
    // nodes come on top.
    it('NODE_LIMIT: 5,000 nodes plus surge cannot upgrade', () => {
      // system pools can't use maxUnavailable, so the system pool always surges by 1
      const cfg = (last: number) =>
        bigOverlay([
          sysPool({ count: 1 }),
          ...Array.from({ length: 5 }, (_, i) => userPool(`user${i}`, { count: i === 4 ? last : 1000, maxSurge: 0, maxUnavailable: 1 })),
        ]);
      // 1 + 4 x 1,000 + 999 = 5,000 nodes, + 1 surge = 5,001
      const at = planOk(cfg(999));
      expect(at.totals.maxNodes).to.equal(5000);
      expectFinding(at, 'NODE_LIMIT', 'error', 'nodePools');
      // 1 + 4 x 1,000 + 998 = 4,999 nodes, + 1 surge = 5,000
      const under = planOk(cfg(998));
      expect(findings(under, 'NODE_LIMIT').filter((f) => f.path === 'nodePools')).to.deep.equal([]);
    });

    // Rules §7: 100 node pools per cluster.
    it('NODE_LIMIT: more than 100 pools', () => {
      const pools = [sysPool({ count: 1 }), ...Array.from({ length: 100 }, (_, i) => userPool(`u${i}`, { count: 1 }))];
      expectFinding(planOk(bigOverlay(pools)), 'NODE_LIMIT', 'error', 'nodePools');
      expect(findings(planOk(bigOverlay(pools.slice(0, 100))), 'NODE_LIMIT').filter((f) => f.path === 'nodePools')).to.deep.equal([]);
    });

    // https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers: free tier up to 1,000 nodes,
    // recommended for fewer than 10.
    it('NODE_LIMIT on the free tier', () => {
      expectFinding(planOk(net({ tier: 'free', nodePools: [sysPool({ count: 20 })] })), 'NODE_LIMIT', 'warning', 'tier');
      // 600 + 401 = 1,001 > 1,000
      const over = planOk(net({ tier: 'free', podCidr: '100.64.0.0/10', nodePools: [sysPool({ count: 600 }), userPool('u', { count: 401 })] }));
      expectFinding(over, 'NODE_LIMIT', 'error', 'tier');
    });

    // https://learn.microsoft.com/azure/aks/use-network-policies: Azure NPM (Linux) not beyond 250 nodes.
    it('NODE_LIMIT warning for Azure NPM beyond 250 nodes', () => {
      expectFinding(planOk(net({ networkPolicy: 'azure', nodePools: [sysPool({ count: 251 })] })), 'NODE_LIMIT', 'warning', 'networkPolicy');
      expect(findings(planOk(net({ networkPolicy: 'azure', nodePools: [sysPool({ count: 250 })] })), 'NODE_LIMIT')).to.deep.equal([]);
    });

    // Rules §7, §14.10: 200,000 pods per cluster. 2 x 401 x 250 = 200,500 > 200,000.
    it('POD_LIMIT above 200,000 pods', () => {
      const plan = planOk(bigOverlay([sysPool({ count: 401, maxPods: 250 }), userPool('u', { count: 401, maxPods: 250 })]));
      expectFinding(plan, 'POD_LIMIT', 'warning', 'nodePools');
      // 2 x 400 x 250 = 200,000: at the limit, not above it
      expectNoFinding(planOk(bigOverlay([sysPool({ count: 400, maxPods: 250 }), userPool('u', { count: 400, maxPods: 250 })])), 'POD_LIMIT');
    });
  });

  describe('pools: system pools and surge settings (rules §2, §7, §14.11)', () => {
    it('SYSTEM_POOL: a cluster needs a System pool', () => {
      expectFinding(planOk(net({ nodePools: [userPool('user')] })), 'SYSTEM_POOL', 'error', 'nodePools');
    });

    it('SYSTEM_POOL: error below 1 node, warning below 2', () => {
      expectFinding(planOk(net({ nodePools: [sysPool({ count: undefined, minCount: 0, maxCount: 3 })] })), 'SYSTEM_POOL', 'error', 'nodePools[0]');
      expectFinding(planOk(net({ nodePools: [sysPool({ count: 1 })] })), 'SYSTEM_POOL', 'warning', 'nodePools[0]');
      expectNoFinding(planOk(net({ nodePools: [sysPool({ count: 2 })] })), 'SYSTEM_POOL');
    });

    it('SYSTEM_POOL: system pools run Linux', () => {
      expectFinding(planOk(net({ nodePools: [sysPool({ osType: 'Windows', maxPods: 30 })] })), 'SYSTEM_POOL', 'error', 'nodePools[0].osType');
    });

    // https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling: with maxUnavailable = 0, maxSurge
    // must be > 0; system pools can't use maxUnavailable.
    it('SURGE_SETTING: maxSurge 0 with maxUnavailable 0', () => {
      expectFinding(planOk(net({ nodePools: [sysPool(), userPool('u', { maxSurge: 0 })] })), 'SURGE_SETTING', 'error', 'nodePools[1].maxSurge');
    });

    it('SURGE_SETTING: maxUnavailable on a system pool', () => {
      expectFinding(planOk(net({ nodePools: [sysPool({ maxUnavailable: 1 })] })), 'SURGE_SETTING', 'error', 'nodePools[0].maxUnavailable');
      expectNoFinding(planOk(net({ nodePools: [sysPool(), userPool('u', { maxUnavailable: 1 })] })), 'SURGE_SETTING');
    });

    // Rules §4: Windows nodes are recommended at most 110 pods.
    it('MAX_PODS_OUT_OF_RANGE warning for Windows pools above 110', () => {
      const plan = planOk(net({ nodePools: [sysPool(), userPool('win', { osType: 'Windows', maxPods: 250 })] }));
      expectFinding(plan, 'MAX_PODS_OUT_OF_RANGE', 'warning', 'nodePools[1].maxPods');
    });
  });

  describe('compatibility (rules §8, §10, §3.2)', () => {
    // https://learn.microsoft.com/azure/aks/configure-kubenet: kubenet supports only Calico, no Windows pools.
    it('UNSUPPORTED_COMBINATION: kubenet with Azure NPM or Cilium, and Windows on kubenet', () => {
      expectFinding(planOk(net({ plugin: 'kubenet', networkPolicy: 'azure' })), 'UNSUPPORTED_COMBINATION', 'error', 'networkPolicy');
      expectFinding(planOk(net({ plugin: 'kubenet', networkPolicy: 'cilium' })), 'UNSUPPORTED_COMBINATION', 'error', 'networkPolicy');
      expectNoFinding(planOk(net({ plugin: 'kubenet', networkPolicy: 'calico' })), 'UNSUPPORTED_COMBINATION');
      const win = planOk(net({ plugin: 'kubenet', nodePools: [sysPool(), userPool('win', { osType: 'Windows' })] }));
      expectFinding(win, 'UNSUPPORTED_COMBINATION', 'error', 'nodePools[1].osType');
    });

    // https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium: Linux only, Azure CNI only.
    // Rules §15.2: https://learn.microsoft.com/azure/aks/windows-vs-linux-containers lists BYO CNI as "Not
    // supported" for Windows; Azure/AKS#2839: "Windows agent pools can only be added to AKS clusters using Azure-CNI".
    it('UNSUPPORTED_COMBINATION: a Windows pool with your own CNI (plugin none)', () => {
      const byo = (os: string) =>
        planOk(net({ plugin: 'none', byoCni: { type: 'calico' }, nodePools: [sysPool({ maxPods: 110 }), userPool('win', { osType: os, maxPods: 110 })] }));
      const f = expectFinding(byo('Windows'), 'UNSUPPORTED_COMBINATION', 'error', 'nodePools[1].osType');
      expect(f.message).to.contain('only with Azure CNI');
      expectNoFinding(byo('Linux'), 'UNSUPPORTED_COMBINATION');
    });

    // Rules §15.2: Azure CNI Overlay runs Windows Server 2022 and 2025 pools ([ovlc] comparison table); 110
    // pods per node is the recommended maximum, so 250 is a warning, not an error.
    it('Windows on overlay plans (the recommended 110 pods is a warning), one /24 per node like Linux', () => {
      const plan = planOk(net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/24' }], nodePools: [sysPool({ count: 3 }), userPool('win', { osType: 'Windows', count: 4, maxPods: 250 })] }));
      expect(plan.ok).to.equal(true);
      expectNoFinding(plan, 'UNSUPPORTED_COMBINATION');
      expectFinding(plan, 'MAX_PODS_OUT_OF_RANGE', 'warning', 'nodePools[1].maxPods');
      // (3 + 1) + (4 + 1) = 9 /24s and 9 node addresses
      expect(plan.podRanges[0].demandBlocks).to.equal(9);
      expect(plan.subnets[0].demand).to.equal(9);
    });

    it('UNSUPPORTED_COMBINATION: Cilium policy with Windows pools or a BYO CNI', () => {
      expectFinding(planOk(net({ networkPolicy: 'cilium', nodePools: [sysPool(), userPool('win', { osType: 'Windows' })] })), 'UNSUPPORTED_COMBINATION', 'error', 'nodePools[1].osType');
      expectFinding(planOk(net({ plugin: 'none', byoCni: { type: 'calico' }, networkPolicy: 'cilium' })), 'UNSUPPORTED_COMBINATION', 'error', 'networkPolicy');
    });

    // https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation "Limitations": Kubernetes >= 1.28.
    it('UNSUPPORTED_COMBINATION: static block before Kubernetes 1.28', () => {
      const cfg = (v: string) =>
        net({ plugin: 'azure-cni-static-block', kubernetesVersion: v, subnets: [{ name: 'nodes' }, { name: 'pods' }], nodePools: [sysPool({ podSubnet: 'pods' })] });
      expectFinding(planOk(cfg('1.27')), 'UNSUPPORTED_COMBINATION', 'error', 'kubernetesVersion');
      expectNoFinding(planOk(cfg('1.28')), 'UNSUPPORTED_COMBINATION');
    });

    // https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay "Limitations": with your own
    // subnet, the subnet name becomes a node label and must be <= 63 characters (rules §12).
    it('UNSUPPORTED_COMBINATION: overlay node subnet names longer than 63 characters', () => {
      const cfg = (name: string, plugin = 'azure-cni-overlay') => net({ plugin, subnets: [{ name }], nodePools: [sysPool({ subnet: name })] });
      expectFinding(planOk(cfg('n'.repeat(64))), 'UNSUPPORTED_COMBINATION', 'error', 'subnets[0].name');
      expectNoFinding(planOk(cfg('n'.repeat(63))), 'UNSUPPORTED_COMBINATION');
      // the label limit is an overlay limitation; other plugins keep Azure's 80
      expectNoFinding(planOk(cfg('n'.repeat(64), 'azure-cni')), 'UNSUPPORTED_COMBINATION');
    });

    // https://learn.microsoft.com/azure/aks/use-network-policies: Azure NPM on Windows ended 30 Sep 2026.
    it('UNSUPPORTED_COMBINATION warning: Azure NPM with Windows pools', () => {
      const plan = planOk(net({ networkPolicy: 'azure', nodePools: [sysPool(), userPool('win', { osType: 'Windows' })] }));
      expectFinding(plan, 'UNSUPPORTED_COMBINATION', 'warning', 'nodePools[1].osType');
    });
  });

  // https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components
  // and .../container-networking: the association subnet is delegated to
  // Microsoft.ServiceNetworking/trafficControllers (nothing else in it), each association takes 256
  // addresses (/24), and with Azure CNI Overlay it must be exactly /24.
  describe('Application Gateway for Containers subnet (purpose agc)', () => {
    const agc = (plugin: string, extra: Json = {}) => net({ plugin, subnets: [{ name: 'nodes' }, { name: 'agc', purpose: 'agc', ...extra }] });
    it('no prefixLength and no pool: a /24 (256 addresses) is carved and counted in the address map', () => {
      const plan = planOk(agc('azure-cni-overlay'));
      const subnet = plan.subnets.find((s) => s.name === 'agc')!;
      expect(subnet.cidr?.endsWith('/24')).to.equal(true);
      expect(subnet.purpose).to.equal('agc');
      expectNoFinding(plan, 'AGC_SUBNET_SIZE');
    });
    it('a /25 holds 2^(32-25) = 128 addresses, fewer than one association needs', () => {
      const f = findings(planOk(agc('azure-cni', { prefixLength: 25 })), 'AGC_SUBNET_SIZE', 'error');
      expect(f).to.have.length(1);
      expect(f[0].message).to.include('has 128 addresses; an association needs 256');
    });
    it('a /23 is refused with Azure CNI Overlay (exactly /24) and accepted with Azure CNI', () => {
      expectFinding(planOk(agc('azure-cni-overlay', { prefixLength: 23 })), 'AGC_SUBNET_SIZE', 'error', 'subnets[1]');
      expectNoFinding(planOk(agc('azure-cni', { prefixLength: 23 })), 'AGC_SUBNET_SIZE');
    });
    it('a pool in the delegated subnet is SUBNET_ROLE_CONFLICT', () => {
      const plan = planOk(net({ subnets: [{ name: 'agc', purpose: 'agc' }], nodePools: [sysPool({ subnet: 'agc' })] }));
      const f = findings(plan, 'SUBNET_ROLE_CONFLICT', 'error');
      expect(f.map((x) => x.message).join()).to.include('delegated to Microsoft.ServiceNetworking/trafficControllers');
    });
  });

  // https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
  // (Microsoft.Network virtualNetworks/subnets): alphanumerics, underscores, periods and hyphens; start
  // with an alphanumeric, end with an alphanumeric or underscore. Azure uses the name as written, so the
  // plan refuses what Azure would (it was found only by synth/pulumi up before).
  describe('INVALID_NAME: subnet names Azure refuses', () => {
    const named = (name: string) => planOk(net({ subnets: [{ name }], nodePools: [sysPool({ subnet: name })] }));
    for (const bad of ['nodes.', 'nodes-', '-nodes', '_nodes', 'aks nodes', 'nodes!', 'nödes']) {
      it(`refuses "${bad}" at subnets[0].name`, () => expectFinding(named(bad), 'INVALID_NAME', 'error', 'subnets[0].name'));
    }
    for (const good of ['n', 'nodes_', 'aks-nodes.v2_', 'A1.b-c_d']) {
      it(`accepts "${good}"`, () => expectNoFinding(named(good), 'INVALID_NAME'));
    }
  });

  // Every finding code is reachable. The table is typed Record<FindingCode, ...>, so adding a code to
  // FINDING_CODES without a trigger here fails the type check.
  describe('every finding code has a trigger', () => {
    const triggers: Record<(typeof FINDING_CODES)[number], { severity: Severity; config: Json; options?: PlanOptions }> = {
      SUBNET_EXHAUSTED: { severity: 'error', config: net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/29' }] }) }, // 4 nodes > 3
      POD_CIDR_EXHAUSTED: { severity: 'error', config: net({ podCidr: '10.244.0.0/23', nodePools: [sysPool({ count: 2 })] }) }, // 3 /24s > 2
      ADDRESS_SPACE_EXHAUSTED: { severity: 'error', config: net({ addressSpace: ['10.10.0.0/29'], nodePools: [sysPool({ count: 5 })] }) },
      CIDR_OVERLAP: { severity: 'error', config: net({ podCidr: '10.10.0.0/16' }) },
      RESERVED_RANGE: { severity: 'error', config: net({ podCidr: '169.254.0.0/16' }) },
      NON_PRIVATE_RANGE: { severity: 'warning', config: net({ podCidr: '8.8.0.0/16' }) },
      SUBNET_OUTSIDE_VNET: { severity: 'error', config: net({ subnets: [{ name: 'nodes', cidr: '10.11.0.0/24' }] }) },
      SUBNET_SIZE: { severity: 'error', config: net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/31' }] }) },
      SUBNET_ROLE_CONFLICT: {
        severity: 'error',
        config: net({ plugin: 'azure-cni-dynamic', nodePools: [sysPool({ podSubnet: 'nodes' })] }),
      },
      SERVICE_CIDR_SIZE: { severity: 'error', config: net({ serviceCidr: '172.16.0.0/12', dnsServiceIP: '172.16.0.10' }) },
      DNS_IP_OUTSIDE_SERVICE_CIDR: { severity: 'error', config: net({ dnsServiceIP: '10.0.0.10' }) },
      DNS_IP_RESERVED: { severity: 'error', config: net({ dnsServiceIP: '172.16.0.1' }) },
      MAX_PODS_OUT_OF_RANGE: { severity: 'error', config: net({ nodePools: [sysPool({ maxPods: 5 })] }) },
      MAX_PODS_DEFAULTED: { severity: 'warning', config: net({ plugin: 'none', byoCni: { type: 'calico' }, nodePools: [sysPool({ maxPods: undefined })] }) },
      NODE_LIMIT: { severity: 'error', config: net({ plugin: 'kubenet', podCidr: '10.244.0.0/14', nodePools: [sysPool({ count: 400 })] }) },
      POD_LIMIT: { severity: 'warning', config: net({ podCidr: '100.64.0.0/10', nodePools: [sysPool({ count: 900, maxPods: 250 })] }) },
      SYSTEM_POOL: { severity: 'error', config: net({ nodePools: [userPool('only')] }) },
      SURGE_SETTING: { severity: 'error', config: net({ nodePools: [sysPool({ maxSurge: 0 })] }) },
      VNET_IP_LIMIT: {
        severity: 'error',
        config: net({ plugin: 'azure-cni', addressSpace: ['10.0.0.0/12'], nodePools: [sysPool({ count: 300, maxPods: 250 })] }),
      },
      VNET_TOO_LARGE: { severity: 'warning', config: net({ addressSpace: ['0.0.0.0/1'] }) },
      LOW_HEADROOM: { severity: 'warning', config: net({ subnets: [{ name: 'nodes', cidr: '10.10.0.0/28' }], nodePools: [sysPool({ count: 9 })] }) },
      UNSUPPORTED_COMBINATION: { severity: 'error', config: net({ plugin: 'kubenet', networkPolicy: 'azure' }) },
      BYO_POOL_REQUIRED: { severity: 'error', config: net({ plugin: 'none', byoCni: { type: 'cilium' } }) },
      KUBENET_RETIREMENT: { severity: 'warning', config: net({ plugin: 'kubenet' }) },
      WEAVE_UNMAINTAINED: { severity: 'warning', config: net({ plugin: 'none', byoCni: { type: 'weave' } }) },
      // 10.10.1.0 is the network address of the ingress subnet, one of Azure's 5
      INGRESS_IP_CONFLICT: {
        severity: 'error',
        config: net({ subnets: [{ name: 'nodes' }, { name: 'ingress', purpose: 'ingress', cidr: '10.10.1.0/28' }] }),
        options: { ingress: { controller: 'haproxy', exposure: 'internal', subnet: 'ingress', ip: '10.10.1.0' } },
      },
      OUTBOUND_ROUTE_REQUIRED: { severity: 'error', config: net({ outboundType: 'userDefinedRouting' }) },
      AGC_SUBNET_SIZE: { severity: 'error', config: net({ subnets: [{ name: 'nodes' }, { name: 'agc', purpose: 'agc', prefixLength: 25 }] }) },
      INVALID_NAME: { severity: 'error', config: net({ subnets: [{ name: 'nodes.' }], nodePools: [sysPool({ subnet: 'nodes.' })] }) },
    };

    it('the table covers FINDING_CODES exactly', () => {
      expect(Object.keys(triggers).sort()).to.deep.equal([...FINDING_CODES].sort());
    });

    for (const code of FINDING_CODES) {
      it(code, () => {
        const { severity, config, options } = triggers[code];
        expectFinding(planOk(config, options), code, severity);
      });
    }
  });
  // Rules §5 (https://learn.microsoft.com/azure/aks/configure-kubenet "Virtual network peering"): pod, service
  // and node ranges must not overlap peered networks; §12 ([ovlc] "Pods"): overlay pod CIDRs must not overlap
  // any directly connected network.
  describe('across stacks: pod ranges against peered VNets', () => {
    const resolved = (raw: Json) => {
      const v = validateNetworkConfig(raw);
      if (!v.ok) throw new Error(JSON.stringify(v.issues));
      return v.network;
    };
    const hub = (peers: string[] = []) => resolved(net({ addressSpace: ['10.244.0.0/16'], subnets: [{ name: 'nodes' }], peers }));
    for (const [plugin, extra, path] of [
      ['azure-cni-overlay', { podCidr: '10.244.0.0/16' }, 'podCidr'],
      ['kubenet', { podCidr: '10.244.0.0/16' }, 'podCidr'],
      ['none', { byoCni: { type: 'flannel', poolCidr: '10.244.0.0/16' } }, 'podCidr'],
    ] as const) {
      it(`${plugin}: the pod range over a peered VNet is an error, over an unpeered one nothing`, () => {
        const spoke = resolved(net({ plugin, ...extra, nodePools: [sysPool({ maxPods: 110 })], peers: ['hub'] }));
        const peered = crossStackFindings([{ stack: 'spoke', network: spoke }, { stack: 'hub', network: hub() }]);
        const hit = peered.find((f) => f.path === `stacks.spoke.${path}`);
        expect(hit?.severity).to.equal('error');
        expect(hit?.message).to.equal('pod range 10.244.0.0/16 of "spoke" overlaps 10.244.0.0/16, the VNet of peered stack "hub"');
        const lone = resolved(net({ plugin, ...extra, nodePools: [sysPool({ maxPods: 110 })] }));
        expect(crossStackFindings([{ stack: 'spoke', network: lone }, { stack: 'hub', network: hub() }])).to.deep.equal([]);
      });
    }
  });
});
