// The CrossGuard policy pack (policies/): every policy called the way the Pulumi engine calls it,
// with hand-built resources, no Pulumi CLI. Expected numbers are worked out in the comments from
// the AKS docs (sections of the rules fact sheet name the Microsoft Learn pages).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { load } from 'js-yaml';
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { policies } from '../policies/pack';
import { TYPES } from '../policies/resources';
import { HELM_TYPES } from '../policies/rules/ingressNginx';
import { synthStack, type SynthResource } from '../cli/synth';
import { azurePrefixFor, formatCidr, parseCidr } from '../planner/cidr';
import { planFromConfig } from '../planner/plan';
import { aksProfileFor } from '../design/aksProfile';
import { formatCount } from '../planner/findings';
import { loadStack, planOf, ROOT } from './componentsHelpers';

// the engine's own wrapper: reading a value unknown during preview throws, as in `pulumi preview`
const proxy = require('@pulumi/policy/proxy') as { unknownCheckingProxy<T>(o: T): T; unknownStringValue: string };

const T = { ...TYPES, release: HELM_TYPES[0], chartV4: HELM_TYPES[2] };

interface Reported {
  message: string;
  urn?: string;
}

const urnOf = (type: string, name: string, stack = 'dev') => `urn:pulumi:${stack}::aks-networking::${type}::${name}`;

function res(type: string, name: string, props: Record<string, any>, propertyDependencies: Record<string, PolicyResource[]> = {}, stack = 'dev'): PolicyResource {
  return {
    type,
    name,
    urn: urnOf(type, name, stack),
    props: proxy.unknownCheckingProxy(props),
    opts: {} as PolicyResource['opts'],
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
    isType: () => false,
    asType: () => undefined,
  };
}

function policy<P>(name: string): P {
  const found = policies.find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found as P;
}

function validateStack(name: string, resources: PolicyResource[]): Reported[] {
  const out: Reported[] = [];
  const p = policy<StackValidationPolicy>(name);
  p.validateStack(
    { resources, stackTags: new Map(), getConfig: <T>() => ({}) as T, notApplicable: (reason?: string): never => { throw new Error(reason); } },
    (message, urn) => out.push({ message, urn }),
  );
  return out;
}

function validateResource(
  name: string,
  type: string,
  props: Record<string, any>,
  opts: { stack?: string; stackTags?: Record<string, string>; config?: Record<string, unknown> } = {},
): string[] {
  const out: string[] = [];
  const p = policy<ResourceValidationPolicy>(name);
  const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
  for (const validate of validations) {
    validate(
      {
        type,
        name: 'r',
        urn: urnOf(type, 'r', opts.stack),
        props: proxy.unknownCheckingProxy(props),
        opts: {} as PolicyResource['opts'],
        stackTags: new Map(Object.entries(opts.stackTags ?? {})),
        getConfig: <T>() => (opts.config ?? {}) as T,
        isType: () => false,
        asType: () => undefined,
        notApplicable: (reason?: string): never => {
          throw new Error(reason);
        },
      },
      (message) => out.push(message),
    );
  }
  return out;
}

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets';
const subnet = (name: string, addressPrefix: string, extra: Record<string, any> = {}) =>
  res(T.subnet, name, { subnetName: name, virtualNetworkName: 'vnet', resourceGroupName: 'rg', addressPrefix, ...extra });
const cluster = (networkProfile: Record<string, any>, pools: Record<string, any>[] = [], extra: Record<string, any> = {}) =>
  res(T.cluster, 'aks', { resourceName: 'aks', resourceGroupName: 'rg', networkProfile, agentPoolProfiles: pools, ...extra });
const agentPool = (name: string, props: Record<string, any>, deps: Record<string, PolicyResource[]> = {}) =>
  res(T.agentPool, name, { resourceName: 'aks', resourceGroupName: 'rg', agentPoolName: name, ...props }, deps);

const CLASSIC = { networkPlugin: 'azure', networkPolicy: 'calico', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10' };
const OVERLAY = { networkPlugin: 'azure', networkPluginMode: 'overlay', networkPolicy: 'cilium', networkDataplane: 'cilium', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16' };

describe('policy pack (policies/)', () => {
  describe('aks-subnet-capacity: pools at maxCount + surge fit their subnets', () => {
    // Classic Azure CNI reserves 1 + maxPods addresses per node in the node subnet; a /24 has
    // 256 - 5 = 251 usable addresses and "fits 8 nodes x 30 pods" (248)
    // (https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni, and the capacity formula
    // (nodes + maxSurge) x (1 + maxPods) of https://learn.microsoft.com/azure/aks/upgrade-capacity-cost-planning).
    it('classic CNI: 7 nodes + 1 surge x 31 = 248 fit a /24 (251 usable); 8 + 1 x 31 = 279 do not', () => {
      const nodes = subnet('nodes', '10.1.0.0/24');
      const fits = [nodes, cluster(CLASSIC, [{ name: 'system', mode: 'System', count: 7, maxPods: 30, vnetSubnetID: `${SUB}/nodes` }])];
      expect(validateStack('aks-subnet-capacity', fits)).to.deep.equal([]);

      const tooMany = [nodes, cluster(CLASSIC, [{ name: 'system', mode: 'System', count: 8, maxPods: 30, vnetSubnetID: `${SUB}/nodes` }])];
      const [violation, ...rest] = validateStack('aks-subnet-capacity', tooMany);
      expect(rest).to.deep.equal([]);
      expect(violation.urn).to.equal(nodes.urn);
      expect(violation.message).to.contain('251 usable').and.contain('need 279').and.contain('(8 max + 1 surge) x 31');
    });

    it('maxPods left unset prices classic CNI at its default 30 (rules §4)', () => {
      // 8 + 1 nodes x (1 + 30) = 279 > 251
      const found = validateStack('aks-subnet-capacity', [subnet('nodes', '10.1.0.0/24'), cluster(CLASSIC, [{ name: 'system', count: 8, vnetSubnetID: `${SUB}/nodes` }])]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('need 279');
    });

    // Overlay: one node subnet address per node. A /28 has 16 - 5 = 11 usable addresses.
    // maxCount 10 + surge 1 = 11 fits; surge 33% of 10 = ceil(3.3) = 4 -> 14 does not (rules §2).
    it('overlay: autoscaled maxCount 10 + surge 1 = 11 fit a /28 (11 usable); + 33% (4) = 14 do not', () => {
      const nodes = subnet('nodes', '10.1.0.0/28');
      const pool = (maxSurge: string) =>
        agentPool('apps', { enableAutoScaling: true, count: 1, minCount: 1, maxCount: 10, maxPods: 250, upgradeSettings: { maxSurge }, vnetSubnetID: `${SUB}/nodes` });
      expect(validateStack('aks-subnet-capacity', [nodes, cluster(OVERLAY), pool('1')])).to.deep.equal([]);
      const found = validateStack('aks-subnet-capacity', [nodes, cluster(OVERLAY), pool('33%')]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('11 usable').and.contain('need 14');
    });

    // without a network plugin AKS builds an overlay cluster
    // (https://learn.microsoft.com/azure/aks/azure-cni-overlay "Key parameters"): 1 address per node
    it('no networkPlugin set: priced as overlay, 10 + 1 nodes fit a /28 (11 usable)', () => {
      const found = validateStack('aks-subnet-capacity', [subnet('nodes', '10.1.0.0/28'), cluster({ networkPolicy: 'cilium' }, [{ name: 'system', count: 10, maxPods: 30, vnetSubnetID: `${SUB}/nodes` }])]);
      // as classic CNI it would be 11 x 31 = 341
      expect(found).to.deep.equal([]);
    });

    it('pools sharing a subnet add up: 6 + 1 and 3 + 1 overlay nodes = 11 fit a /28, one more does not', () => {
      const nodes = subnet('nodes', '10.1.0.0/28');
      const stack = (secondCount: number) => [
        nodes,
        cluster(OVERLAY, [{ name: 'system', mode: 'System', count: 6, vnetSubnetID: `${SUB}/nodes` }]),
        agentPool('apps', { count: secondCount, vnetSubnetID: `${SUB}/nodes` }),
      ];
      expect(validateStack('aks-subnet-capacity', stack(3))).to.deep.equal([]);
      expect(validateStack('aks-subnet-capacity', stack(4))[0].message).to.contain('need 12');
    });

    it('maxUnavailable (a count or a percentage) without maxSurge upgrades in place: no surge node is counted (rules §2)', () => {
      // 11 nodes, surge 0 -> 11 = 11 usable in a /28; with the default surge of 1 it would be 12
      for (const maxUnavailable of ['1', '10%']) {
        const found = validateStack('aks-subnet-capacity', [
          subnet('nodes', '10.1.0.0/28'),
          cluster(OVERLAY),
          agentPool('apps', { count: 11, upgradeSettings: { maxUnavailable }, vnetSubnetID: `${SUB}/nodes` }),
        ]);
        expect(found, maxUnavailable).to.deep.equal([]);
      }
    });

    // Dynamic pod subnet: batches of 16, a new one when fewer than 8 are free: 16 x ceil((30 + 8) / 16)
    // = 48 per node (https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation).
    it('dynamic pod subnet: (4 + 1) x 48 = 240 fit a /24 pod subnet; (5 + 1) x 48 = 288 do not', () => {
      const nodes = subnet('nodes', '10.1.0.0/27');
      const pods = subnet('pods', '10.1.1.0/24', { delegations: [{ name: 'aks', serviceName: 'Microsoft.ContainerService/managedClusters' }] });
      const pool = (maxCount: number) =>
        agentPool('apps', { enableAutoScaling: true, count: 1, minCount: 1, maxCount, maxPods: 30, vnetSubnetID: `${SUB}/nodes`, podSubnetID: `${SUB}/pods` });
      expect(validateStack('aks-subnet-capacity', [nodes, pods, cluster(CLASSIC), pool(4)])).to.deep.equal([]);
      const found = validateStack('aks-subnet-capacity', [nodes, pods, cluster(CLASSIC), pool(5)]);
      expect(found).to.have.length(1);
      expect(found[0].urn).to.equal(pods.urn);
      expect(found[0].message).to.contain('need 288').and.contain('48 pod addresses per node');
    });

    // Overlay pod CIDR: a /24 per node, and AKS validates sum(maxCount + 1) /24s even with maxSurge 0
    // (Azure/AKS#4467; https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay).
    it('overlay pod CIDR: a /22 holds 4 /24s: maxCount 3 (+1 AKS counts) fits, maxCount 4 does not', () => {
      const nodes = subnet('nodes', '10.1.0.0/24');
      const stack = (count: number) => [
        nodes,
        cluster({ ...OVERLAY, podCidr: '10.244.0.0/22' }, [{ name: 'system', count, upgradeSettings: { maxSurge: '0', maxUnavailable: '1' }, vnetSubnetID: `${SUB}/nodes` }]),
      ];
      expect(validateStack('aks-subnet-capacity', stack(3))).to.deep.equal([]);
      const found = validateStack('aks-subnet-capacity', stack(4));
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('holds 4 per-node /24 blocks').and.contain('need 5');
    });

    it('preview: a new subnet\'s ID is unknown; the pool\'s subnet is the resource its vnetSubnetID depends on', () => {
      const nodes = subnet('nodes', '10.1.0.0/28');
      const other = subnet('other', '10.1.1.0/24');
      const pool = agentPool('apps', { count: 20, vnetSubnetID: proxy.unknownStringValue }, { vnetSubnetID: [nodes] });
      const found = validateStack('aks-subnet-capacity', [nodes, other, cluster(OVERLAY), pool]);
      expect(found).to.have.length(1);
      expect(found[0].urn).to.equal(nodes.urn);
      // 20 + 1 = 21 > 11
      expect(found[0].message).to.contain('need 21');
    });

    it('preview: an inline pool depending on a node and a delegated pod subnet tells them apart (node subnets cannot be delegated)', () => {
      const nodes = subnet('nodes', '10.1.0.0/28');
      const pods = subnet('pods', '10.1.1.0/24', { delegations: [{ name: 'aks', serviceName: 'Microsoft.ContainerService/managedClusters' }] });
      const aks = res(
        T.cluster,
        'aks',
        { resourceName: 'aks', networkProfile: CLASSIC, agentPoolProfiles: [{ name: 'system', count: 20, maxPods: 30, vnetSubnetID: proxy.unknownStringValue, podSubnetID: proxy.unknownStringValue }] },
        { agentPoolProfiles: [nodes, pods] },
      );
      const found = validateStack('aks-subnet-capacity', [nodes, pods, aks]);
      // nodes: 21 > 11 usable; pods: 21 x 48 = 1,008 > 251
      expect(found.map((v) => v.urn)).to.have.members([nodes.urn, pods.urn]);
    });

    it('deployed resources (outputs: name and ID, no path parameters) are matched by their IDs', () => {
      const nodes = res(T.subnet, 'nodes', { id: `${SUB}/aks-nodes`, name: 'aks-nodes', addressPrefix: '10.1.0.0/28' });
      const aks = res(T.cluster, 'aks', { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', name: 'aks', networkProfile: OVERLAY, agentPoolProfiles: [] });
      const pool = res(T.agentPool, 'apps', {
        id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/agentPools/apps',
        name: 'apps',
        count: 11,
        vnetSubnetID: `${SUB.toUpperCase()}/AKS-NODES`,
      });
      // 11 + 1 = 12 > 11 usable
      const found = validateStack('aks-subnet-capacity', [nodes, aks, pool]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('need 12');
    });

    it('inline VNet subnets count, once when the VNet also reports a standalone subnet', () => {
      const vnet = res(T.vnet, 'vnet', { virtualNetworkName: 'vnet', addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [{ name: 'nodes', addressPrefix: '10.1.0.0/28' }] });
      const found = validateStack('aks-subnet-capacity', [vnet, cluster(OVERLAY, [{ name: 'system', count: 20, vnetSubnetID: `${SUB}/nodes` }])]);
      expect(found).to.have.length(1);
      expect(found[0].urn).to.equal(vnet.urn);
      expect(validateStack('aks-no-overlapping-cidrs', [vnet, subnet('nodes', '10.1.0.0/28')])).to.deep.equal([]);
    });

    // Static block hands out whole /28s: 16 x ceil((15 + 1) / 16) = 16 addresses per node for maxPods 15,
    // and only aligned /28s count: a /24 holds (2^(28-24) - 2) = 14 of them = 224 addresses, not 251
    // (https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation; rules §3.2).
    it('static block pod subnet: (13 + 1) x 16 = 224 fit a /24 (224 in whole /28s); (14 + 1) x 16 = 240 do not', () => {
      const nodes = subnet('nodes', '10.1.0.0/26');
      const pods = subnet('pods', '10.1.1.0/24');
      const pool = (count: number) =>
        agentPool('apps', { count, maxPods: 15, podIPAllocationMode: 'StaticBlock', vnetSubnetID: `${SUB}/nodes`, podSubnetID: `${SUB}/pods` });
      expect(validateStack('aks-subnet-capacity', [nodes, pods, cluster(CLASSIC), pool(13)])).to.deep.equal([]);
      const found = validateStack('aks-subnet-capacity', [nodes, pods, cluster(CLASSIC), pool(14)]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('224 usable').and.contain('need 240');
    });

    it('property: on generated networks the policy refuses exactly the subnets and pod CIDRs the planner finds exhausted', () => {
      const plugins = ['azure-cni', 'azure-cni-dynamic', 'azure-cni-static-block', 'azure-cni-overlay', 'kubenet'] as const;
      const poolArb = fc.record({
        maxCount: fc.integer({ min: 1, max: 60 }),
        maxPods: fc.integer({ min: 10, max: 250 }),
        surge: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 100 }).map((p) => `${p}%`)),
        autoscale: fc.boolean(),
      });
      const configArb = fc.record({
        plugin: fc.constantFrom(...plugins),
        nodePrefix: fc.integer({ min: 20, max: 28 }),
        podPrefix: fc.integer({ min: 18, max: 26 }),
        podCidrPrefix: fc.integer({ min: 14, max: 22 }),
        pools: fc.array(poolArb, { minLength: 1, maxLength: 3 }),
      });
      fc.assert(
        fc.property(configArb, ({ plugin, nodePrefix, podPrefix, podCidrPrefix, pools }) => {
          const podSubnet = plugin === 'azure-cni-dynamic' || plugin === 'azure-cni-static-block';
          const network = {
            addressSpace: ['10.0.0.0/8'],
            plugin,
            networkPolicy: 'calico',
            serviceCidr: '172.20.0.0/16',
            dnsServiceIP: '172.20.0.10',
            ...(plugin === 'azure-cni-overlay' || plugin === 'kubenet' ? { podCidr: `100.64.0.0/${podCidrPrefix}` } : {}),
            subnets: [{ name: 'nodes', cidr: `10.1.0.0/${nodePrefix}` }, ...(podSubnet ? [{ name: 'pods', cidr: `10.64.0.0/${podPrefix}`, purpose: 'pods' }] : [])],
            nodePools: pools.map((p, i) => ({
              name: `pool${i}`,
              mode: i === 0 ? 'System' : 'User',
              vmSize: 'Standard_D4ds_v5',
              ...(p.autoscale ? { minCount: 1, maxCount: p.maxCount } : { count: p.maxCount }),
              maxPods: p.maxPods,
              maxSurge: p.surge,
              ...(p.surge === 0 ? { maxUnavailable: 1 } : {}),
              subnet: 'nodes',
              ...(podSubnet ? { podSubnet: 'pods' } : {}),
            })),
          };
          const result = planFromConfig(network);
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          const plan = result.plan;
          // the resources the program would create for this plan (components/cluster.ts poolSpec)
          const profile = aksProfileFor(plan);
          const subnets = plan.subnets.map((s) => subnet(s.name, s.cidr!));
          const agentPools = plan.pools.map((p) =>
            agentPool(p.name, {
              count: p.minNodes,
              ...(p.autoscale ? { enableAutoScaling: true, minCount: p.minNodes, maxCount: p.maxNodes } : {}),
              maxPods: p.maxPods,
              upgradeSettings: { maxSurge: String(p.maxSurge), ...(p.maxUnavailable ? { maxUnavailable: String(p.maxUnavailable) } : {}) },
              vnetSubnetID: `${SUB}/${p.subnet}`,
              ...(p.podSubnet ? { podSubnetID: `${SUB}/${p.podSubnet}` } : {}),
              ...(profile.podIpAllocation ? { podIPAllocationMode: profile.podIpAllocation } : {}),
            }),
          );
          const violations = validateStack('aks-subnet-capacity', [...subnets, cluster(profile.profile), ...agentPools]);
          const planner = plan.findings.filter((f) => f.code === 'SUBNET_EXHAUSTED').map((f) => plan.subnets[Number(/subnets\[(\d+)\]/.exec(f.path)![1])].name).sort();
          const policy = subnets.filter((s) => violations.some((v) => v.urn === s.urn)).map((s) => s.name).sort();
          expect(policy, JSON.stringify(network)).to.deep.equal(planner);
          const plannerPodCidr = plan.findings.some((f) => f.code === 'POD_CIDR_EXHAUSTED' && f.path === 'podCidr');
          expect(violations.some((v) => v.urn === urnOf(T.cluster, 'aks')), JSON.stringify(network)).to.equal(plannerPodCidr);
          // the figures agree too: the policy's demand is the planner's
          for (const s of plan.subnets.filter((x) => policy.includes(x.name))) {
            expect(violations.find((v) => v.urn === urnOf(T.subnet, s.name))!.message).to.contain(`need ${formatCount(s.demand)} at`);
          }
        }),
        { numRuns: 150 },
      );
    });

    describe('agrees with the planner on the bundled stacks (the same demand, the same verdict)', () => {
      for (const stack of ['dev', 'prod']) {
        it(`${stack}: clean as planned; each pool subnet one prefix smaller than the planner's smallest fit is refused with the planner's demand`, async () => {
          const { network, cluster: clusterConfig, ingress, policy: policyConfig } = loadStack(stack);
          // reservedIps are addresses other resources take; the resources themselves do not show them
          const bare = { ...network, subnets: network.subnets.map(({ reservedIps: _r, ...s }: Record<string, unknown>) => s) };
          // the whole stack: network, cluster, ingress controller and network policies
          const result = await synthStack({ networkRaw: bare, clusterRaw: clusterConfig, ingressRaw: ingress, policyRaw: policyConfig, stack });
          if (!result.ok) throw new Error(result.message);
          const resources = toPolicyResources(result.resources, stack);
          for (const p of policies.filter((x) => 'validateStack' in x)) expect(validateStack(p.name, resources), p.name).to.deep.equal([]);
          for (const r of resources) {
            for (const p of policies.filter((x) => 'validateResource' in x)) {
              expect(validateResource(p.name, r.type, r.props, { stack, config: { productionStacks: ['prod'] } }), `${p.name} on ${r.name}`).to.deep.equal([]);
            }
          }

          const plan = planOf(bare);
          for (const planned of plan.subnets.filter((s) => s.pools.length > 0)) {
            const smallest = azurePrefixFor(planned.demand)!;
            const shrunk = formatCidr(startOf(planned.cidr!), smallest + 1);
            const changed = resources.map((r) =>
              r.type === T.subnet && r.props.subnetName === planned.name ? res(T.subnet, r.name, { ...plainProps(r), addressPrefix: shrunk }, {}, stack) : r,
            );
            const found = validateStack('aks-subnet-capacity', changed);
            expect(found, `${planned.name} at ${shrunk}`).to.have.length(1);
            expect(found[0].message).to.contain(`need ${formatCount(planned.demand)} at`);
            const fitting = resources.map((r) =>
              r.type === T.subnet && r.props.subnetName === planned.name ? res(T.subnet, r.name, { ...plainProps(r), addressPrefix: shrunk.replace(/\/\d+$/, `/${smallest}`) }, {}, stack) : r,
            );
            expect(validateStack('aks-subnet-capacity', fitting), `${planned.name} at /${smallest}`).to.deep.equal([]);
          }
        });
      }
    });
  });

  describe('aks-no-overlapping-cidrs', () => {
    it('two subnets of one VNet overlapping are refused; the same ranges in two VNets are not compared', () => {
      const a = subnet('a', '10.1.0.0/24');
      const b = subnet('b', '10.1.0.128/25');
      const found = validateStack('aks-no-overlapping-cidrs', [a, b]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('10.1.0.128/25').and.contain('10.1.0.0/24');
      const elsewhere = res(T.subnet, 'b2', { subnetName: 'b', virtualNetworkName: 'other-vnet', addressPrefix: '10.1.0.128/25' });
      expect(validateStack('aks-no-overlapping-cidrs', [a, elsewhere])).to.deep.equal([]);
      expect(validateStack('aks-no-overlapping-cidrs', [a, subnet('c', '10.1.1.0/24')])).to.deep.equal([]);
    });

    it('deployed subnets (outputs: ID and name) are grouped by the VNet their IDs name', () => {
      const deployed = (name: string, addressPrefix: string, vnet = 'vnet') =>
        res(T.subnet, name, { id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${name}`, name, addressPrefix });
      expect(validateStack('aks-no-overlapping-cidrs', [deployed('a', '10.1.0.0/24'), deployed('b', '10.1.0.0/25')])).to.have.length(1);
      expect(validateStack('aks-no-overlapping-cidrs', [deployed('a', '10.1.0.0/24'), deployed('b', '10.1.0.0/25', 'other')])).to.deep.equal([]);
    });

    it('a service CIDR overlapping a subnet, and a pod CIDR overlapping the service CIDR, are refused (rules §6)', () => {
      const nodes = subnet('nodes', '10.0.4.0/24');
      expect(validateStack('aks-no-overlapping-cidrs', [nodes, cluster(OVERLAY)])[0].message).to.contain('service CIDR 10.0.0.0/16 overlaps subnet nodes');
      const podOnService = cluster({ ...OVERLAY, podCidr: '10.0.128.0/17' });
      const found = validateStack('aks-no-overlapping-cidrs', [subnet('nodes', '10.1.0.0/24'), podOnService]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('pod CIDR 10.0.128.0/17');
      expect(validateStack('aks-no-overlapping-cidrs', [subnet('nodes', '10.1.0.0/24'), cluster(OVERLAY)])).to.deep.equal([]);
    });

    it('classic CNI ignores podCidr (the SDK fills its default): not compared', () => {
      expect(validateStack('aks-no-overlapping-cidrs', [subnet('nodes', '10.244.0.0/24'), cluster({ ...CLASSIC, podCidr: '10.244.0.0/16' })])).to.deep.equal([]);
      expect(validateStack('aks-no-overlapping-cidrs', [subnet('nodes', '10.244.0.0/24'), cluster({ ...OVERLAY, podCidr: '10.244.0.0/16' })])).to.have.length(1);
    });
  });

  describe('aks-entra-id-only', () => {
    // https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad: local accounts are on by default
    const check = (props: Record<string, any>) => validateResource('aks-entra-id-only', T.cluster, props);
    const entra = { aadProfile: { managed: true, enableAzureRBAC: true }, disableLocalAccounts: true };
    it('passes a cluster with managed Entra ID, Azure RBAC and local accounts off', () => expect(check(entra)).to.deep.equal([]));
    it('flags local accounts on, Azure RBAC off, or no Entra ID at all, naming what is missing', () => {
      expect(check({ ...entra, disableLocalAccounts: false })[0]).to.contain('disableLocalAccounts: true');
      expect(check({ ...entra, aadProfile: { managed: true } })[0]).to.contain('aadProfile.enableAzureRBAC: true');
      const none = check({});
      expect(none).to.have.length(1);
      expect(none[0]).to.contain('aadProfile.managed: true').and.contain('disableLocalAccounts: true');
    });
  });

  describe('aks-network-policy-engine', () => {
    const check = (profile: Record<string, any>) => validateResource('aks-network-policy-engine', T.cluster, { networkProfile: profile });
    it('no engine (unset or none) is refused', () => {
      expect(check({ networkPlugin: 'azure', networkPluginMode: 'overlay' })).to.have.length(1);
      expect(check({ networkPlugin: 'azure', networkPolicy: 'none' })[0]).to.contain('networkPolicy is none');
    });
    it('calico, azure, cilium (or the cilium data plane) pass; BYO CNI (plugin none) is not judged', () => {
      for (const networkPolicy of ['calico', 'azure', 'cilium']) expect(check({ networkPlugin: 'azure', networkPolicy })).to.deep.equal([]);
      expect(check({ networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium' })).to.deep.equal([]);
      expect(check({ networkPlugin: 'none' })).to.deep.equal([]);
    });
    it('other resource types are not judged', () => {
      expect(validateResource('aks-network-policy-engine', T.subnet, { addressPrefix: '10.0.0.0/24' })).to.deep.equal([]);
    });
  });

  describe('aks-no-node-public-ip', () => {
    it('an inline pool or an AgentPool with enableNodePublicIP is refused', () => {
      expect(validateResource('aks-no-node-public-ip', T.cluster, { agentPoolProfiles: [{ name: 'system' }, { name: 'edge', enableNodePublicIP: true }] })[0]).to.contain('node pool edge');
      expect(validateResource('aks-no-node-public-ip', T.agentPool, { agentPoolName: 'edge', enableNodePublicIP: true })).to.have.length(1);
    });
    it('a pool name unknown during preview does not break the message', () => {
      expect(validateResource('aks-no-node-public-ip', T.agentPool, { agentPoolName: proxy.unknownStringValue, enableNodePublicIP: true })[0]).to.contain('node pool #0');
    });
    it('pools without it (or false) pass', () => {
      expect(validateResource('aks-no-node-public-ip', T.cluster, { agentPoolProfiles: [{ name: 'system', enableNodePublicIP: false }] })).to.deep.equal([]);
      expect(validateResource('aks-no-node-public-ip', T.agentPool, { agentPoolName: 'apps' })).to.deep.equal([]);
    });
  });

  describe('aks-production-api-server-access', () => {
    const check = (props: Record<string, any>, opts: Parameters<typeof validateResource>[3]) => validateResource('aks-production-api-server-access', T.cluster, props, opts);
    const open = { resourceName: 'aks-prod' };
    it('a production stack (by name) with a public, unrestricted API server is refused', () => {
      expect(check(open, { stack: 'prod' })[0]).to.contain('no authorized IP ranges');
      expect(check({ apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/0'] } }, { stack: 'prod' })[0]).to.contain('0.0.0.0/0');
    });
    it('private, or authorized ranges, pass; non-production stacks are not judged', () => {
      expect(check({ apiServerAccessProfile: { enablePrivateCluster: true } }, { stack: 'prod' })).to.deep.equal([]);
      expect(check({ apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] } }, { stack: 'prod' })).to.deep.equal([]);
      expect(check(open, { stack: 'dev' })).to.deep.equal([]);
    });
    it('production by stack tag, or by a configured list of stack names', () => {
      expect(check(open, { stack: 'staging', stackTags: { environment: 'production' } })).to.have.length(1);
      expect(check(open, { stack: 'live', config: { productionStacks: ['live'] } })).to.have.length(1);
      expect(check(open, { stack: 'prod', config: { productionStacks: ['live'] } })).to.deep.equal([]);
      expect(check(open, { stack: 'staging', stackTags: { tier: 'prod' }, config: { productionTag: { name: 'tier', value: 'prod' } } })).to.have.length(1);
    });
  });

  describe('aks-kubenet-route-table', () => {
    const kubenet = { networkPlugin: 'kubenet', networkPolicy: 'calico', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16' };
    const pools = [{ name: 'system', count: 3, vnetSubnetID: `${SUB}/nodes` }];
    it('a kubenet node subnet without a route table is refused (rules §9)', () => {
      const nodes = subnet('nodes', '10.1.0.0/24');
      const found = validateStack('aks-kubenet-route-table', [nodes, cluster(kubenet, pools)]);
      expect(found).to.have.length(1);
      expect(found[0].urn).to.equal(nodes.urn);
    });
    it('two kubenet clusters sharing a subnet, or a route table, are refused (rules §7)', () => {
      const kubenetCluster = (name: string, subnetName: string) =>
        res(T.cluster, name, { resourceName: name, networkProfile: kubenet, agentPoolProfiles: [{ name: 'system', count: 3, vnetSubnetID: `${SUB}/${subnetName}` }] });
      const shared = subnet('a', '10.1.0.0/24', { routeTable: { id: '/rt/one' } });
      expect(validateStack('aks-kubenet-route-table', [shared, kubenetCluster('aks1', 'a'), kubenetCluster('aks2', 'a')])[0].message).to.contain('cannot share a subnet');
      const b = subnet('b', '10.1.1.0/24', { routeTable: { id: '/RT/one' } });
      const found = validateStack('aks-kubenet-route-table', [shared, b, kubenetCluster('aks1', 'a'), kubenetCluster('aks2', 'b')]);
      expect(found).to.have.length(1);
      expect(found[0].message).to.contain('share one route table');
      const own = subnet('b', '10.1.1.0/24', { routeTable: { id: '/rt/two' } });
      expect(validateStack('aks-kubenet-route-table', [shared, own, kubenetCluster('aks1', 'a'), kubenetCluster('aks2', 'b')])).to.deep.equal([]);
      // preview: the tables' IDs are unknown; the RouteTable resources they depend on tell them apart
      const table = res(T.routeTable, 'rt', { routeTableName: 'rt' });
      const newA = res(T.subnet, 'a', { subnetName: 'a', virtualNetworkName: 'vnet', addressPrefix: '10.1.0.0/24', routeTable: { id: proxy.unknownStringValue } }, { routeTable: [table] });
      const newB = res(T.subnet, 'b', { subnetName: 'b', virtualNetworkName: 'vnet', addressPrefix: '10.1.1.0/24', routeTable: { id: proxy.unknownStringValue } }, { routeTable: [table] });
      expect(validateStack('aks-kubenet-route-table', [table, newA, newB, kubenetCluster('aks1', 'a'), kubenetCluster('aks2', 'b')])).to.have.length(1);
    });

    it('with a route table (even one whose ID is unknown in preview) it passes; other plugins need none', () => {
      expect(validateStack('aks-kubenet-route-table', [subnet('nodes', '10.1.0.0/24', { routeTable: { id: proxy.unknownStringValue } }), cluster(kubenet, pools)])).to.deep.equal([]);
      expect(validateStack('aks-kubenet-route-table', [subnet('nodes', '10.1.0.0/24'), cluster(OVERLAY, pools)])).to.deep.equal([]);
    });
  });

  describe('nsg-internet-web-only', () => {
    const rule = (r: Record<string, any>) => ({ name: 'r', access: 'Allow', direction: 'Inbound', protocol: 'Tcp', priority: 100, sourcePortRange: '*', destinationAddressPrefix: '*', ...r });
    const nsg = (...rules: Record<string, any>[]) => validateResource('nsg-internet-web-only', T.nsg, { securityRules: rules.map(rule) });
    it('80 and 443 from the internet pass; so does anything from the VNet, deny rules and outbound rules', () => {
      expect(nsg({ sourceAddressPrefix: 'Internet', destinationPortRanges: ['80', '443'] })).to.deep.equal([]);
      expect(nsg({ sourceAddressPrefix: '*', destinationPortRange: '443' })).to.deep.equal([]);
      expect(nsg({ sourceAddressPrefix: 'Internet', destinationPortRange: '443-443' })).to.deep.equal([]);
      expect(nsg({ sourceAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' })).to.deep.equal([]);
      expect(nsg({ sourceAddressPrefix: 'Internet', destinationPortRange: '22', access: 'Deny' })).to.deep.equal([]);
      expect(nsg({ sourceAddressPrefix: 'Internet', destinationPortRange: '22', direction: 'Outbound' })).to.deep.equal([]);
    });
    it('SSH, any port, or a range spanning 80-443 from the internet are refused', () => {
      expect(nsg({ name: 'ssh', sourceAddressPrefix: 'Internet', destinationPortRange: '22' })[0]).to.contain('security rule ssh allows 22');
      expect(nsg({ sourceAddressPrefixes: ['0.0.0.0/0'], destinationPortRange: '*' })).to.have.length(1);
      expect(nsg({ sourceAddressPrefix: '*', destinationPortRange: '80-443' })).to.have.length(1);
      expect(validateResource('nsg-internet-web-only', T.securityRule, rule({ sourceAddressPrefix: 'Internet', destinationPortRange: '3389' }))).to.have.length(1);
    });
    it('allowedPorts is configurable', () => {
      const only443 = { config: { allowedPorts: [443] } };
      expect(validateResource('nsg-internet-web-only', T.nsg, { securityRules: [rule({ sourceAddressPrefix: 'Internet', destinationPortRange: '80' })] }, only443)).to.have.length(1);
      expect(validateResource('nsg-internet-web-only', T.nsg, { securityRules: [rule({ sourceAddressPrefix: 'Internet', destinationPortRange: '443' })] }, only443)).to.deep.equal([]);
    });
  });

  describe('no-ingress-nginx', () => {
    // retired upstream, no releases or fixes after March 2026: https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/
    it('flags the ingress-nginx chart by name, repo/name, OCI reference or packaged chart', () => {
      for (const chart of ['ingress-nginx', 'ingress-nginx/ingress-nginx', 'oci://ghcr.io/example/charts/ingress-nginx', 'https://example.com/ingress-nginx-4.15.1.tgz']) {
        expect(validateResource('no-ingress-nginx', T.release, { chart, repositoryOpts: { repo: 'https://kubernetes.github.io/ingress-nginx' } }), chart).to.have.length(1);
      }
      expect(validateResource('no-ingress-nginx', T.chartV4, { chart: 'ingress-nginx' })).to.have.length(1);
    });
    it('the ingress component\'s own ingress-nginx choice is flagged (dev stack synthesized with controller nginx)', async () => {
      const { network, cluster: clusterConfig, ingress } = loadStack('dev');
      const result = await synthStack({ networkRaw: network, clusterRaw: clusterConfig, ingressRaw: { ...ingress, controller: 'nginx' }, stack: 'dev' });
      if (!result.ok) throw new Error(result.message);
      const flagged = result.resources.filter((r) => validateResource('no-ingress-nginx', r.type, r.inputs as Record<string, any>).length > 0);
      expect(flagged.map((r) => r.type)).to.deep.equal([T.release]);
    });
    it('other charts pass', () => {
      expect(validateResource('no-ingress-nginx', T.release, { chart: 'kubernetes-ingress', repositoryOpts: { repo: 'https://haproxytech.github.io/helm-charts' } })).to.deep.equal([]);
      expect(validateResource('no-ingress-nginx', T.release, { chart: 'nginx-ingress-controller' })).to.deep.equal([]);
    });
  });

  describe('the pack', () => {
    const dir = path.join(ROOT, 'policies');
    it('judges the type tokens the SDKs register (azure-native, kubernetes Helm)', () => {
      const network = require('@pulumi/azure-native/network');
      const containerservice = require('@pulumi/azure-native/containerservice');
      const helm = require('@pulumi/kubernetes/helm');
      expect(TYPES).to.deep.equal({
        subnet: network.Subnet.__pulumiType,
        vnet: network.VirtualNetwork.__pulumiType,
        cluster: containerservice.ManagedCluster.__pulumiType,
        agentPool: containerservice.AgentPool.__pulumiType,
        nsg: network.NetworkSecurityGroup.__pulumiType,
        securityRule: network.SecurityRule.__pulumiType,
        routeTable: network.RouteTable.__pulumiType,
      });
      expect(HELM_TYPES).to.deep.equal([helm.v3.Release.__pulumiType, helm.v3.Chart.__pulumiType, helm.v4.Chart.__pulumiType]);
    });
    it('is a Node.js CrossGuard pack with a versioned package.json depending on @pulumi/policy and @pulumi/pulumi', () => {
      const manifest = load(fs.readFileSync(path.join(dir, 'PulumiPolicy.yaml'), 'utf8')) as Record<string, string>;
      expect(manifest.runtime).to.equal('nodejs');
      expect(manifest.description).to.be.a('string').and.not.equal('');
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(pkg.version).to.match(/^\d+\.\d+\.\d+$/);
      expect(pkg.dependencies).to.have.keys('@pulumi/policy', '@pulumi/pulumi');
      expect(fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')).to.contain('new PolicyPack(');
    });
    it('enforcement levels: every rule mandatory except the ingress-nginx advisory; names unique; docs/policy-pack.md lists each with its level', () => {
      const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
      expect(Object.keys(levels)).to.have.length(policies.length);
      expect(levels).to.deep.equal({
        'aks-subnet-capacity': 'mandatory',
        'aks-no-overlapping-cidrs': 'mandatory',
        'aks-network-policy-engine': 'mandatory',
        'aks-no-node-public-ip': 'mandatory',
        'aks-entra-id-only': 'mandatory',
        'aks-production-api-server-access': 'mandatory',
        'aks-kubenet-route-table': 'mandatory',
        'nsg-internet-web-only': 'mandatory',
        'no-ingress-nginx': 'advisory',
      });
      const readme = fs.readFileSync(path.join(ROOT, 'docs', 'policy-pack.md'), 'utf8');
      for (const [name, level] of Object.entries(levels)) expect(readme, name).to.match(new RegExp(`\\| \`${name}\` \\| ${level} \\|`));
    });
    it('the config file the workflows pass names known policies', () => {
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'policy-config.json'), 'utf8'));
      for (const name of Object.keys(config)) expect(policies.map((p) => p.name)).to.include(name);
    });
  });
});

/** Synth's recorded resources as the policy engine would hand them to a stack policy. */
function toPolicyResources(resources: SynthResource[], stack: string): PolicyResource[] {
  return resources.map((r) => res(r.type, r.name, r.inputs as Record<string, any>, {}, stack));
}

function startOf(cidr: string): number {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr.start;
}

/** The plain props behind a test resource's proxy. */
function plainProps(r: PolicyResource): Record<string, any> {
  return JSON.parse(JSON.stringify(r.props));
}
