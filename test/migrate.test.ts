// planner/migrate.ts: the move to Azure CNI Overlay, planned. Expected values come from the docs and
// the arithmetic written next to them, never from running the planner.
// Sources: https://learn.microsoft.com/azure/aks/update-azure-cni (conditions, kubenet pod CIDR,
// route table, one-way, all pools reimaged at once), https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay
// (a /24 per node; pod CIDR must not overlap connected networks), Azure/AKS#4467 (maxCount + 1 /24s).
import { expect } from 'chai';
import fc from 'fast-check';
import { parseCidr } from '../planner/cidr';
import { daysUntil, planMigration, type MigrationPlan, type PreconditionCode } from '../planner/migrate';
import { planFromConfig } from '../planner/plan';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { net, sysPool, userPool, type Json } from './plannerHelpers';

const TODAY = new Date('2026-11-29T12:00:00Z');

function resolved(raw: Json): ResolvedNetwork {
  const result = validateNetworkConfig(raw);
  if (!result.ok) throw new Error(`config rejected: ${JSON.stringify(result.issues)}`);
  return result.network;
}

function migrate(raw: Json, opts: { others?: Record<string, Json>; podCidr?: string; clusterVersion?: string } = {}): MigrationPlan {
  const given = opts.podCidr ? parseCidr(opts.podCidr) : undefined;
  if (given && !given.ok) throw new Error(given.reason);
  return planMigration({
    stack: 'this',
    network: resolved(raw),
    others: Object.entries(opts.others ?? {}).map(([stack, other]) => ({ stack, network: resolved(other) })),
    to: 'azure-cni-overlay',
    ...(given?.ok ? { podCidr: given.cidr } : {}),
    ...(opts.clusterVersion ? { kubernetesVersion: opts.clusterVersion } : {}),
    today: TODAY,
  });
}

function precondition(plan: MigrationPlan, code: PreconditionCode) {
  const found = plan.preconditions.find((p) => p.code === code);
  if (!found) throw new Error(`no precondition ${code} in ${JSON.stringify(plan.preconditions.map((p) => p.code))}`);
  return found;
}

/** kubenet, Kubernetes 1.33, no policy engine, pod CIDR 10.244.0.0/16: everything in order. */
function kubenet(over: Json = {}): Json {
  return net({ plugin: 'kubenet', kubernetesVersion: '1.33', podCidr: '10.244.0.0/16', ...over });
}

/** node-subnet Azure CNI with the same shape. */
function classic(over: Json = {}): Json {
  return net({ plugin: 'azure-cni', kubernetesVersion: '1.33', ...over });
}

describe('aksnet migrate: planning the move to Azure CNI Overlay', () => {
  describe('preconditions, each passing and failing', () => {
    it('MIGRATION_PATH: kubenet and azure-cni move in place; pod-subnet modes and BYO CNIs need a new cluster; overlay has nothing to move', () => {
      expect(precondition(migrate(kubenet()), 'MIGRATION_PATH').ok).to.equal(true);
      expect(precondition(migrate(classic()), 'MIGRATION_PATH').ok).to.equal(true);
      const podSubnet = (plugin: string) =>
        migrate(net({ plugin, subnets: [{ name: 'nodes' }, { name: 'pods', prefixLength: 22, purpose: 'pods' }], nodePools: [sysPool({ podSubnet: 'pods' })] }));
      for (const plan of [podSubnet('azure-cni-static-block'), migrate(net({ plugin: 'none', byoCni: { type: 'calico' } }))]) {
        expect(precondition(plan, 'MIGRATION_PATH').ok).to.equal(false);
        expect(plan.ok).to.equal(false);
        expect(plan.config).to.equal(null);
      }
      const overlay = migrate(net());
      expect(overlay.ok).to.equal(true);
      expect(overlay.config).to.equal(null);
      expect(overlay.steps).to.deep.equal([]);
    });

    it('DYNAMIC_POD_SUBNET: dynamic pod IP allocation cannot move; the answer is a new cluster', () => {
      const dynamic = migrate(net({ plugin: 'azure-cni-dynamic', subnets: [{ name: 'nodes' }, { name: 'pods', prefixLength: 22, purpose: 'pods' }], nodePools: [sysPool({ podSubnet: 'pods' })] }));
      expect(precondition(dynamic, 'DYNAMIC_POD_SUBNET').ok).to.equal(false);
      expect(dynamic.ok).to.equal(false);
      expect(dynamic.steps.join(' ')).to.match(/new azure-cni-overlay cluster/);
      expect(precondition(migrate(kubenet()), 'DYNAMIC_POD_SUBNET').ok).to.equal(true);
    });

    it('KUBERNETES_VERSION: 1.27 or later; the cluster config is read when the network has no version; unknown is a doubt, not a failure', () => {
      expect(precondition(migrate(kubenet({ kubernetesVersion: '1.27' })), 'KUBERNETES_VERSION').ok).to.equal(true);
      const old = migrate(kubenet({ kubernetesVersion: '1.26' }));
      expect(precondition(old, 'KUBERNETES_VERSION').ok).to.equal(false);
      expect(old.ok).to.equal(false);
      expect(precondition(migrate(kubenet({ kubernetesVersion: undefined }), { clusterVersion: '1.26' }), 'KUBERNETES_VERSION').ok).to.equal(false);
      const unknown = precondition(migrate(kubenet({ kubernetesVersion: undefined })), 'KUBERNETES_VERSION');
      expect(unknown.ok).to.equal(true);
      expect(unknown.message).to.match(/cannot check/);
    });

    it('NETWORK_POLICY: no engine during the move (update-azure-cni, fact sheet §14.9): uninstall, move, reinstall', () => {
      expect(precondition(migrate(kubenet()), 'NETWORK_POLICY').ok).to.equal(true);
      const calico = migrate(kubenet({ networkPolicy: 'calico' }));
      expect(precondition(calico, 'NETWORK_POLICY').ok).to.equal(false);
      expect(calico.ok).to.equal(false);
      // the config is the one for the move itself: no engine
      expect(calico.config!.networkPolicy).to.equal('none');
      expect(calico.steps[0]).to.match(/^First resolve|^Uninstall/);
      expect(calico.steps.some((s) => /^Uninstall the policy engine: set networkPolicy: none/.test(s))).to.equal(true);
      expect(calico.steps.some((s) => /^Reinstall the policy engine: set networkPolicy: calico/.test(s))).to.equal(true);
      // uninstall comes before the paste, reinstall after the update
      const at = (re: RegExp) => calico.steps.findIndex((s) => re.test(s));
      expect(at(/^Uninstall/)).to.be.lessThan(at(/^Replace aks-networking:network/));
      expect(at(/^Reinstall/)).to.be.greaterThan(at(/^Run `pulumi up/));
    });

    it('WINDOWS_POOLS: Windows pools move (containerd since Kubernetes 1.24); before 1.24 they may run Docker, which the move refuses', () => {
      const win = (version: string) => migrate(classic({ kubernetesVersion: version, nodePools: [sysPool(), userPool('win', { osType: 'Windows' })] }));
      expect(precondition(migrate(classic()), 'WINDOWS_POOLS').ok).to.equal(true);
      const current = precondition(win('1.33'), 'WINDOWS_POOLS');
      expect(current.ok).to.equal(true);
      expect(current.path).to.equal('nodePools[1].osType');
      expect(precondition(win('1.23'), 'WINDOWS_POOLS').ok).to.equal(false);
    });

    it('CONTROL_PLANE_IDENTITY: the program always builds a user-assigned identity, and says so', () => {
      for (const plan of [migrate(kubenet()), migrate(classic())]) {
        const identity = precondition(plan, 'CONTROL_PLANE_IDENTITY');
        expect(identity.ok).to.equal(true);
        expect(identity.message).to.match(/user-assigned/);
      }
    });

    it('OUTBOUND_ROUTE: kubenet with userDefinedRouting keeps its default route in the route table the move detaches', () => {
      // without userDefinedRouting.nextHopIp there is no route for the overlay program to rebuild
      const bare = migrate(kubenet({ outboundType: 'userDefinedRouting' }));
      expect(precondition(bare, 'OUTBOUND_ROUTE').ok).to.equal(false);
      expect(bare.ok).to.equal(false);
      const udr = { outboundType: 'userDefinedRouting', userDefinedRouting: { nextHopIp: '10.10.255.4' }, subnets: [{ name: 'nodes' }, { name: 'AzureFirewallSubnet', cidr: '10.10.255.0/26', purpose: 'other' }] };
      const withHop = migrate(kubenet(udr));
      expect(precondition(withHop, 'OUTBOUND_ROUTE').ok).to.equal(true);
      expect(precondition(withHop, 'OUTBOUND_ROUTE').message).to.include('10.10.255.4');
      expect(withHop.config!.userDefinedRouting).to.deep.equal({ nextHopIp: '10.10.255.4' });
      expect(precondition(migrate(kubenet()), 'OUTBOUND_ROUTE').ok).to.equal(true);
      expect(precondition(migrate(classic(udr)), 'OUTBOUND_ROUTE').ok).to.equal(true);
    });

    it('CILIUM_DATAPLANE: Cilium is a separate, later step; a cluster already on Cilium is not moved', () => {
      const later = precondition(migrate(kubenet()), 'CILIUM_DATAPLANE');
      expect(later.ok).to.equal(true);
      expect(later.message).to.match(/separate/);
      expect(migrate(kubenet()).config!.networkPolicy ?? 'none').to.equal('none');
      const onCilium = migrate(classic({ networkPolicy: 'cilium' }));
      expect(precondition(onCilium, 'CILIUM_DATAPLANE').ok).to.equal(false);
      expect(precondition(onCilium, 'NETWORK_POLICY').ok).to.equal(false);
      expect(onCilium.steps.join(' ')).to.match(/new azure-cni-overlay cluster/);
      // Windows pools: Cilium is Linux only, so no Cilium step is offered
      const win = migrate(classic({ nodePools: [sysPool(), userPool('win', { osType: 'Windows' })] }));
      expect(win.steps.some((s) => /Cilium/.test(s))).to.equal(false);
    });

    it('REIMAGE_CAPACITY: every pool surges at once, so all surges must fit together', () => {
      // a /28 has 16 - 5 = 11 usable addresses. Two pools of 5 nodes, each surging 1: 5+1 + 5+1 = 12 > 11
      const pinned = { subnets: [{ name: 'nodes', cidr: '10.10.0.0/28' }] };
      const both = migrate(kubenet({ ...pinned, nodePools: [sysPool({ count: 5 }), userPool('apps', { count: 5 })] }));
      const capacity = precondition(both, 'REIMAGE_CAPACITY');
      expect(capacity.ok).to.equal(false);
      expect(capacity.message).to.match(/SUBNET_EXHAUSTED/);
      expect(both.ok).to.equal(false);
      // one pool upgrading in place (maxSurge 0, maxUnavailable 1): 5+1 + 5+0 = 11 <= 11
      const one = migrate(kubenet({ ...pinned, nodePools: [sysPool({ count: 5 }), userPool('apps', { count: 5, maxSurge: 0, maxUnavailable: 1 })] }));
      const fits = precondition(one, 'REIMAGE_CAPACITY');
      expect(fits.ok).to.equal(true);
      // the figures it prints are the after plan's, the numbers the check decided on
      expect(fits.message).to.include('subnet nodes 11 of 11 addresses');
      expect(one.after!.subnets[0].demand).to.equal(11);
    });

    it('AFTER_PLAN: any other error in the plan after the move', () => {
      const noSystemPool = migrate(kubenet({ nodePools: [userPool('apps')] }));
      const other = precondition(noSystemPool, 'AFTER_PLAN');
      expect(other.ok).to.equal(false);
      expect(other.message).to.match(/SYSTEM_POOL/);
      expect(precondition(migrate(kubenet()), 'AFTER_PLAN').ok).to.equal(true);
    });
  });

  describe('the pod CIDR', () => {
    it('is kept when it holds every pool at maxCount + surge (at least + 1) as /24s', () => {
      // system: 3 nodes + 1 surge = 4 /24s; a /16 holds 2^(24-16) = 256
      const plan = migrate(kubenet());
      expect(plan.config!.podCidr).to.equal('10.244.0.0/16');
      expect(precondition(plan, 'POD_CIDR').message).to.include('4 of its 256 /24s');
      expect(plan.changes.some((c) => c.startsWith('podCidr'))).to.equal(false);
    });

    it('counts maxCount + 1 /24s per pool even when maxSurge is 0 (Azure/AKS#4467)', () => {
      // /22 = 4 /24s; pool count 4, maxSurge 0, maxUnavailable 1: AKS still counts 4 + 1 = 5 > 4, so it grows to a /21
      const plan = migrate(kubenet({ podCidr: '10.244.0.0/22', nodePools: [sysPool({ count: 4, maxSurge: 0, maxUnavailable: 1, mode: 'User' }), sysPool({ name: 'sys', count: 3 })] }));
      // demand: (4 + 1) + (3 + 1) = 9 /24s -> ceil(log2 9) = 4 bits -> /20
      expect(plan.config!.podCidr).to.equal('10.244.0.0/20');
    });

    it('grows a kubenet range into the smallest range that contains it', () => {
      // a /20 holds 16 /24s; 20 nodes + 1 surge = 21 > 16 -> 5 bits -> /19, the one containing 10.244.0.0/20
      const plan = migrate(kubenet({ podCidr: '10.244.16.0/20', nodePools: [sysPool({ count: 20 })] }));
      expect(plan.config!.podCidr).to.equal('10.244.0.0/19');
      const pod = precondition(plan, 'POD_CIDR');
      expect(pod.ok).to.equal(true);
      expect(pod.message).to.match(/grows to 10\.244\.0\.0\/19, which contains it/);
      expect(plan.after!.podRanges[0].totalBlocks).to.equal(32);
      expect(plan.after!.podRanges[0].demandBlocks).to.equal(21);
      expect(precondition(plan, 'REIMAGE_CAPACITY').ok).to.equal(true);
    });

    it('fails when the only range containing kubenet\'s would overlap the VNet', () => {
      // VNet 10.10.0.0/16; kubenet pods 10.11.0.0/24 (1 /24) with 1 + 1 = 2 nodes -> /23 10.11.0.0/23: fine;
      // with 200 + 1 nodes -> 8 bits -> /16 10.11.0.0/16: fine; 300 + 1 -> 9 bits -> /15 10.10.0.0/15 contains the VNet
      const ok = migrate(kubenet({ podCidr: '10.11.0.0/24', nodePools: [sysPool({ count: 200 })] }));
      expect(ok.config!.podCidr).to.equal('10.11.0.0/16');
      const clash = migrate(kubenet({ podCidr: '10.11.0.0/24', nodePools: [sysPool({ count: 300 })] }));
      const pod = precondition(clash, 'POD_CIDR');
      expect(pod.ok).to.equal(false);
      expect(pod.message).to.include('10.10.0.0/15');
      expect(clash.config).to.equal(null);
    });

    it('is chosen for node-subnet Azure CNI: a /16 as AKS defaults to, clear of every range of the stacks read with a margin', () => {
      // 3 + 1 = 4 /24s would fit a /22, but an overlay range is private to the cluster: AKS's default
      // size, a /16, at AKS's default place, 10.244.0.0/16 [learn.microsoft.com/azure/aks/azure-cni-overlay]
      const alone = migrate(classic());
      expect(alone.config!.podCidr).to.equal('10.244.0.0/16');
      expect(precondition(alone, 'POD_CIDR').message).to.include("AKS's default overlay pod CIDR size").and.include('256 node /24s for 4');
      // the plan after the move has room: 4 of 256 /24s, no LOW_HEADROOM
      expect(alone.after!.findings.filter((f) => f.code === 'LOW_HEADROOM')).to.deep.equal([]);
      // another stack uses 10.244.0.0/16 for pods, 10.20.0.0/16 for its VNet; this VNet is 10.10.0.0/16 and both
      // service ranges 172.16.0.0/16. With one /16 of margin on each side, 10.244/16 is taken and the
      // search moves on to 10.0.0.0/8, whose first /16, 10.0.0.0/16, is clear of 10.9-10.11 and 10.19-10.21
      const other = net({ addressSpace: ['10.20.0.0/16'], podCidr: '10.244.0.0/16' });
      const plan = migrate(classic(), { others: { other } });
      expect(plan.config!.podCidr).to.equal('10.0.0.0/16');
      expect(precondition(plan, 'POD_CIDR').ok).to.equal(true);
      expect(precondition(plan, 'POD_CIDR').message).to.include('with a margin of one range on either side');
    });

    it('keeps a margin from a service range: never the /16 right beside it', () => {
      // this stack's services sit in 10.0.0.0/16 and another's pods in 10.244.0.0/16: 10.1.0.0/16 abuts
      // 10.0.0.0/16, so the first /16 with a margin is 10.2.0.0/16 (VNet 10.10/16 and its neighbours aside)
      const other = net({ addressSpace: ['10.20.0.0/16'], podCidr: '10.244.0.0/16' });
      const plan = migrate(classic({ serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10' }), { others: { other } });
      expect(plan.config!.podCidr).to.equal('10.2.0.0/16');
    });

    it('chooses larger than a /16 when the plan needs it, leaving at least 20% free', () => {
      // a /14 does not fit in AKS's 10.244.0.0/16, so the search goes on in 10.0.0.0/8: its first /14,
      // 10.0.0.0/14 (10.0-10.3), is clear of the VNet 10.10/16 with its margin (10.9-10.11)
      const big = (name: string) => userPool(name, { count: 200, mode: 'User' });
      const plan = migrate(classic({ subnets: [{ name: 'nodes', prefixLength: 20 }], nodePools: [sysPool(), big('a'), big('b'), big('c')] }));
      // (3 + 1) + 3 x (200 + 1) = 607 /24s; 607 / 0.8 = 758.75 -> 759 -> 1,024: /14
      expect(plan.config!.podCidr).to.equal('10.0.0.0/14');
      expect(precondition(plan, 'POD_CIDR').message).to.include('larger than AKS\'s default /16');
    });

    it('refuses a kept kubenet range that overlaps a peered VNet, and notes one that overlaps an unpeered one', () => {
      const peer = net({ addressSpace: ['10.244.0.0/20'], podCidr: '100.64.0.0/16' });
      const peered = migrate(kubenet({ peers: ['peer'] }), { others: { peer } });
      expect(precondition(peered, 'POD_CIDR').ok).to.equal(false);
      expect(precondition(peered, 'POD_CIDR').message).to.include('peered stack "peer"');
      const unpeered = migrate(kubenet(), { others: { peer } });
      expect(precondition(unpeered, 'POD_CIDR').ok).to.equal(true);
      expect(unpeered.notes.join(' ')).to.include('10.244.0.0/20');
    });

    it('notes peers that are not among the stacks read', () => {
      expect(migrate(kubenet({ peers: ['hub'] })).notes.join(' ')).to.match(/peer "hub" is not among the stacks read/);
    });

    it('--pod-cidr overrides, and is validated: size, overlaps, and for kubenet the old range inside it', () => {
      const given = migrate(classic(), { podCidr: '192.168.0.0/16' });
      expect(given.config!.podCidr).to.equal('192.168.0.0/16');
      expect(precondition(given, 'POD_CIDR').ok).to.equal(true);
      // kubenet may only grow: 10.244.0.0/15 contains 10.244.0.0/16, 192.168.0.0/16 does not
      expect(migrate(kubenet(), { podCidr: '10.244.0.0/15' }).config!.podCidr).to.equal('10.244.0.0/15');
      const moved = migrate(kubenet(), { podCidr: '192.168.0.0/16' });
      expect(precondition(moved, 'POD_CIDR').ok).to.equal(false);
      expect(precondition(moved, 'POD_CIDR').message).to.match(/does not contain kubenet's pod CIDR 10\.244\.0\.0\/16/);
      // on the VNet (10.10.0.0/16)
      expect(precondition(migrate(classic(), { podCidr: '10.10.0.0/16' }), 'POD_CIDR').ok).to.equal(false);
      // a /24 holds one node's /24; 3 + 1 = 4 are needed
      const small = migrate(classic(), { podCidr: '192.168.0.0/24' });
      expect(precondition(small, 'POD_CIDR').ok).to.equal(false);
      expect(precondition(small, 'REIMAGE_CAPACITY').ok).to.equal(false);
      // AKS-reserved 172.30.0.0/16
      expect(precondition(migrate(classic(), { podCidr: '172.30.0.0/16' }), 'POD_CIDR').ok).to.equal(false);
    });
  });

  describe('the config after the move', () => {
    it('changes the plugin and pins what the plugins would otherwise default or carve differently', () => {
      const raw = kubenet({ subnets: [{ name: 'nodes', prefixLength: 24 }], nodePools: [sysPool({ maxPods: undefined }), userPool('apps', { maxPods: 50 })] });
      const plan = migrate(raw);
      const config = plan.config!;
      expect(config.plugin).to.equal('azure-cni-overlay');
      // carved subnet pinned to the range it was deployed with
      expect(config.subnets[0]).to.deep.equal({ name: 'nodes', cidr: plan.before.subnets[0].cidr });
      // kubenet's default maxPods is 110; overlay's would be 250 and rename (replace) the pool
      expect(config.nodePools[0].maxPods).to.equal(110);
      expect(config.nodePools[1].maxPods).to.equal(50);
      expect(plan.changes).to.include('plugin: kubenet -> azure-cni-overlay');
      const again = planFromConfig(config);
      expect(again.ok).to.equal(true);
      // the after plan is the plan of exactly this config
      expect(again.ok && again.plan).to.deep.equal(plan.after);
    });

    it('node-subnet Azure CNI keeps its default of 30 pods per node', () => {
      expect(migrate(classic({ nodePools: [sysPool({ maxPods: undefined })] })).config!.nodePools[0].maxPods).to.equal(30);
    });
  });

  describe('reclaimed addresses', () => {
    it('node-subnet Azure CNI: Σ n·P pod addresses leave each node subnet', () => {
      // system: count 3 + surge 1 = 4 nodes x 30 pods = 120; apps: maxCount 10 + ceil(50% of 10) = 5 -> 15 nodes x 50 = 750
      const plan = migrate(classic({ nodePools: [sysPool(), userPool('apps', { count: undefined, minCount: 1, maxCount: 10, maxPods: 50, maxSurge: '50%' })] }));
      expect(plan.reclaimed).to.deep.equal({ nodes: 120 + 750 });
      // what the report prints is what the two plans say
      expect(plan.before.subnets[0].demand - plan.after!.subnets[0].demand).to.equal(870);
    });

    it('kubenet gets nothing back: its pods never took VNet addresses', () => {
      expect(migrate(kubenet()).reclaimed).to.deep.equal({});
    });
  });

  describe('days before kubenet retires (31 March 2028)', () => {
    it('counts whole UTC days', () => {
      // 2026-11-29 -> 2027-11-29: 365; -> 2028-02-29: 30 + 31 + 31 = 92 (2028 is a leap year); -> 2028-03-31: 31
      expect(daysUntil('2028-03-31', new Date('2026-11-29T23:59:00Z'))).to.equal(365 + 92 + 31);
      expect(daysUntil('2028-03-31', new Date('2028-03-31T08:00:00Z'))).to.equal(0);
      expect(daysUntil('2028-03-31', new Date('2028-04-01T00:00:00Z'))).to.equal(-1);
      expect(migrate(kubenet()).daysLeft).to.equal(488);
      expect(migrate(classic()).daysLeft).to.equal(undefined);
    });
  });

  describe('the figures it prints agree with the checks that decide', () => {
    it('POD_CIDR and REIMAGE_CAPACITY count the /24s the plan after the move counts, and pass exactly when it fits', () => {
      const pools = fc.array(
        fc.record({ count: fc.integer({ min: 1, max: 60 }), maxSurge: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('10%', '33%', '100%')) }),
        { minLength: 1, maxLength: 4 },
      );
      const podPrefix = fc.integer({ min: 17, max: 24 });
      fc.assert(
        fc.property(pools, podPrefix, fc.boolean(), (specs, prefix, given) => {
          const nodePools = specs.map((p, i) =>
            i === 0 ? sysPool({ count: p.count, maxSurge: p.maxSurge === 0 ? 1 : p.maxSurge }) : userPool(`p${i}`, { count: p.count, maxSurge: p.maxSurge, ...(p.maxSurge === 0 ? { maxUnavailable: 1 } : {}) }),
          );
          const podCidr = `100.64.0.0/${prefix}`;
          // given: a fixed pod CIDR that may be too small; otherwise kubenet's own, kept or grown
          const plan = given ? migrate(classic({ nodePools }), { podCidr }) : migrate(kubenet({ podCidr, nodePools }));
          const after = plan.after!;
          const range = after.podRanges[0];
          const pod = precondition(plan, 'POD_CIDR');
          const capacity = precondition(plan, 'REIMAGE_CAPACITY');
          const exhausted = after.findings.some((f) => f.code === 'POD_CIDR_EXHAUSTED');
          expect(capacity.ok).to.equal(!after.findings.some((f) => f.severity === 'error' && ['SUBNET_EXHAUSTED', 'POD_CIDR_EXHAUSTED', 'ADDRESS_SPACE_EXHAUSTED', 'VNET_IP_LIMIT', 'NODE_LIMIT'].includes(f.code)));
          expect(pod.ok).to.equal(!exhausted);
          if (pod.ok) expect(pod.message).to.include(`${range.demandBlocks.toLocaleString('en-US')} of its ${range.totalBlocks.toLocaleString('en-US')} /24s`);
          else expect(pod.message).to.include(`needs ${range.demandBlocks.toLocaleString('en-US')}`);
          // kubenet never ends up short: it keeps or grows its range
          if (!given) expect(exhausted).to.equal(false);
        }),
        { numRuns: 150 },
      );
    });
  });
});
