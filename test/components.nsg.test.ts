// Every NSG rule of every subnet purpose, by name, priority, protocol, port and source. The dev golden
// file has no Application Gateway or pod subnet, so these are the only guard for those.
//
// Sources: Application Gateway v2 needs GatewayManager on 65200-65535 and Azure Load Balancer probes
// allowed (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#network-security-groups,
// rules §11); AKS nodes need traffic from the VNet and the Azure Load Balancer
// (https://learn.microsoft.com/azure/aks/concepts-network#network-security-groups); overlay and BYO
// pods keep their pod-range source addresses inside the cluster (rules §3.3).
import { expect } from 'chai';
import { nsgRulesFor } from '../components/network';
import type { Plan } from '../planner/types';
import { planOf } from './componentsHelpers';

type Rule = [name: string, priority: number, access: string, protocol: string, source: string, ports: string];

/** [name, priority, access, protocol, source, ports] of every rule, in order. */
function rulesOf(plan: Plan, subnet: string, nodeHttpSource?: 'Internet' | 'VirtualNetwork'): Rule[] {
  const s = plan.subnets.find((x) => x.name === subnet)!;
  return nsgRulesFor(s, plan, nodeHttpSource).map((r: any) => {
    expect(r.direction).to.equal('Inbound');
    expect([r.sourcePortRange, r.destinationAddressPrefix]).to.deep.equal(['*', '*']);
    return [r.name, r.priority, r.access, r.protocol, r.sourceAddressPrefix, r.destinationPortRanges ? r.destinationPortRanges.join(',') : r.destinationPortRange];
  });
}

const DENY_ALL: Rule = ['deny-all-inbound', 4096, 'Deny', '*', '*', '*'];
/** the two rules every subnet with nodes, pods or nothing special starts with, at 100 and 110 */
const VNET_AND_PROBES: Rule[] = [
  ['allow-vnet-inbound', 100, 'Allow', '*', 'VirtualNetwork', '*'],
  ['allow-azure-lb-inbound', 110, 'Allow', '*', 'AzureLoadBalancer', '*'],
];

/** Every purpose in one network: dynamic pod subnet, ingress, Application Gateway, other. */
function everyPurpose(plugin: 'azure-cni-dynamic' | 'azure-cni-overlay'): Plan {
  const dynamic = plugin === 'azure-cni-dynamic';
  return planOf({
    addressSpace: ['10.30.0.0/16'],
    plugin,
    ...(dynamic ? {} : { podCidr: '10.244.0.0/16' }),
    subnets: [
      { name: 'nodes', purpose: 'nodes' },
      ...(dynamic ? [{ name: 'pods', purpose: 'pods' }] : []),
      { name: 'ingress', purpose: 'ingress', prefixLength: 27 },
      { name: 'appgw', purpose: 'appgateway' },
      { name: 'endpoints', purpose: 'other', prefixLength: 28 },
    ],
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4ds_v5', count: 3, maxPods: 30, subnet: 'nodes', ...(dynamic ? { podSubnet: 'pods' } : {}) }],
  });
}

describe('components: NSG rules per subnet purpose', () => {
  const dynamic = everyPurpose('azure-cni-dynamic');
  const overlay = everyPurpose('azure-cni-overlay');

  // HTTP(S) to the nodes follows the ingress exposure (aks-networking:ingress): from the Internet only
  // behind a public ingress load balancer, from the VNet behind an internal one, nothing without one.
  it('nodes without an ingress: VNet, Azure Load Balancer, deny the rest (no HTTP(S) rule)', () => {
    expect(rulesOf(dynamic, 'nodes')).to.deep.equal([...VNET_AND_PROBES, DENY_ALL]);
  });

  it('nodes behind a public ingress: HTTP(S) from the Internet', () => {
    expect(rulesOf(dynamic, 'nodes', 'Internet')).to.deep.equal([
      ...VNET_AND_PROBES,
      ['allow-ingress-http-inbound', 120, 'Allow', 'Tcp', 'Internet', '80,443'],
      DENY_ALL,
    ]);
  });

  it('nodes behind an internal ingress: HTTP(S) from the VNet, never the Internet', () => {
    expect(rulesOf(dynamic, 'nodes', 'VirtualNetwork')).to.deep.equal([
      ...VNET_AND_PROBES,
      ['allow-ingress-http-inbound', 120, 'Allow', 'Tcp', 'VirtualNetwork', '80,443'],
      DENY_ALL,
    ]);
  });

  it('nodes with a private pod range (overlay): the pod range is allowed too, before HTTP(S)', () => {
    expect(rulesOf(overlay, 'nodes', 'Internet')).to.deep.equal([
      ...VNET_AND_PROBES,
      ['allow-pod-range-inbound', 120, 'Allow', '*', '10.244.0.0/16', '*'],
      ['allow-ingress-http-inbound', 130, 'Allow', 'Tcp', 'Internet', '80,443'],
      DENY_ALL,
    ]);
    expect(rulesOf(overlay, 'nodes')).to.deep.equal([...VNET_AND_PROBES, ['allow-pod-range-inbound', 120, 'Allow', '*', '10.244.0.0/16', '*'], DENY_ALL]);
  });

  it('the exposure never opens pod subnets', () => {
    expect(rulesOf(dynamic, 'pods', 'Internet')).to.deep.equal(rulesOf(dynamic, 'pods'));
  });

  it('pods (dynamic pod subnet): VNet and Azure Load Balancer, nothing from the Internet', () => {
    expect(rulesOf(dynamic, 'pods')).to.deep.equal([...VNET_AND_PROBES, DENY_ALL]);
  });

  it('ingress (internal load balancer front ends): HTTP(S) from the VNet and probes only', () => {
    expect(rulesOf(dynamic, 'ingress')).to.deep.equal([
      ['allow-vnet-http-inbound', 100, 'Allow', 'Tcp', 'VirtualNetwork', '80,443'],
      ['allow-azure-lb-inbound', 110, 'Allow', '*', 'AzureLoadBalancer', '*'],
      DENY_ALL,
    ]);
  });

  it('appgateway: GatewayManager 65200-65535 (v2), probes, HTTP(S) from the Internet and the VNet', () => {
    expect(rulesOf(dynamic, 'appgw')).to.deep.equal([
      ['allow-gateway-manager-inbound', 100, 'Allow', 'Tcp', 'GatewayManager', '65200-65535'],
      ['allow-azure-lb-inbound', 110, 'Allow', '*', 'AzureLoadBalancer', '*'],
      ['allow-http-inbound', 120, 'Allow', 'Tcp', 'Internet', '80,443'],
      ['allow-vnet-http-inbound', 130, 'Allow', 'Tcp', 'VirtualNetwork', '80,443'],
      DENY_ALL,
    ]);
  });

  it('other: the VNet and probes', () => {
    expect(rulesOf(dynamic, 'endpoints')).to.deep.equal([...VNET_AND_PROBES, DENY_ALL]);
  });

  it('gives every rule of a subnet its own priority (Azure refuses duplicates), inside 100-4096', () => {
    for (const plan of [dynamic, overlay]) {
      for (const s of plan.subnets) {
        const priorities = rulesOf(plan, s.name, 'Internet').map((r) => r[1]);
        expect(new Set(priorities).size, s.name).to.equal(priorities.length);
        for (const p of priorities) expect(p).to.be.within(100, 4096);
      }
    }
  });
});
