// Each distinct address test of a policy set (a Kubernetes ipBlock, Calico nets/notNets, an
// AdminNetworkPolicy's networks) is evaluated over the endpoints once and shared by every rule that
// repeats it (reachPolicies addressTest): rules with other networks in the same set must keep their
// own answers. Two rules per set, each on its own networks; expected values from the CIDRs.
import { expect } from 'chai';
import { decide, gnp, k8s, pods } from './netpolHelpers';

// shop/client (10.3.0.9) reaches three pods: one in 10.1.0.0/16, one in 10.2.0.0/16 and 10.2.0.0/24,
// one in neither (10.4.0.5)
const input = pods(
  { shop: {}, apps: {} },
  {
    'shop/client': { labels: { app: 'client' }, ip: '10.3.0.9' },
    'apps/one': { ip: '10.1.0.5' },
    'apps/two': { ip: '10.2.0.5' },
    'apps/four': { ip: '10.4.0.5' },
  },
);
const PROBES = ['shop/client -> apps/one 80', 'shop/client -> apps/two 80', 'shop/client -> apps/four 80'];

describe('reach: address tests shared within a policy set keep each their networks', () => {
  it('two Kubernetes ipBlocks (one with except, one without) in two policies', () => {
    const egress = (name: string, ipBlock: unknown) => k8s('shop', name, { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock }] }] });
    // one: in 10.1.0.0/16 -> allowed; two: in 10.2.0.0/16 -> allowed; four: in neither -> denied
    expect(decide([egress('to-one', { cidr: '10.1.0.0/16' }), egress('to-two', { cidr: '10.2.0.0/16' })], input, PROBES)).to.deep.equal([true, true, false]);
    // 10.2.0.5 is in the except 10.2.0.0/24 of the same CIDR -> denied; the plain /16 elsewhere still allows one
    expect(decide([egress('to-one', { cidr: '10.1.0.0/16' }), egress('to-two', { cidr: '10.2.0.0/16', except: ['10.2.0.0/24'] })], input, PROBES)).to.deep.equal([true, false, false]);
  });

  it('Calico rules with other nets, and nets with notNets against notNets alone', () => {
    const client = (egress: unknown[]) => [gnp('default.client-egress', { selector: 'app == "client"', types: ['Egress'], egress })];
    // one: Deny (rule 0); two: Allow (rule 1); four: no rule matches -> end-of-tier deny
    const twoNets = [
      { action: 'Deny', destination: { nets: ['10.1.0.0/16'] } },
      { action: 'Allow', destination: { nets: ['10.2.0.0/16'] } },
    ];
    expect(decide(client(twoNets), input, PROBES)).to.deep.equal([false, true, false]);
    // rule 0 allows 10.2.0.0/16 but 10.2.0.0/24 (none of the three: two is in the /24); rule 1
    // allows everything but 10.2.0.0/24: one and four
    const sameNotNets = [
      { action: 'Allow', destination: { nets: ['10.2.0.0/16'], notNets: ['10.2.0.0/24'] } },
      { action: 'Allow', destination: { notNets: ['10.2.0.0/24'] } },
    ];
    expect(decide(client(sameNotNets), input, PROBES)).to.deep.equal([true, false, true]);
  });

  it('AdminNetworkPolicy egress networks, two rules', () => {
    const anp = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'client-egress' },
      spec: {
        priority: 1,
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'client' } } } },
        egress: [
          { name: 'allow-one', action: 'Allow', to: [{ networks: ['10.1.0.0/16'] }] },
          { name: 'deny-two', action: 'Deny', to: [{ networks: ['10.2.0.0/16'] }] },
        ],
      },
    };
    // one: Allow; two: Deny; four: no rule -> the admin tier passes -> no other policy -> allowed
    expect(decide([anp], input, PROBES)).to.deep.equal([true, false, true]);
  });
});
