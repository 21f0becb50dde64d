// The upstream AdminNetworkPolicy / BaselineAdminNetworkPolicy conformance suite
// (kubernetes-sigs/network-policy-api v0.1.7, standard channel; test/fixtures/network-policy-api)
// run against the reachability engine with Calico semantics: the same policies, the same rule
// swaps and patches in the same order, every probe with the answer upstream expects of a conforming
// implementation. The expected answers come from the upstream tests (scenarios.json), not from here.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAll } from 'js-yaml';
import { buildReach, ipEndpointsOf, answerProbes } from '../netpol/reach';
import { parsePods, parseProbes } from '../netpol/reachInput';
import { validateObjects } from '../netpol/validate';

const DIR = path.join(__dirname, 'fixtures', 'network-policy-api');
interface Probe {
  from: string;
  to: string;
  protocol: string;
  port: number;
  expect: boolean;
}
type Mutation = { swap: 'ingress' | 'egress'; a: number; b: number } | { manual: string };
interface Scenario {
  manifests: string[];
  subtests: { name: string; mutations: Mutation[]; probes: Probe[] }[];
}
const SCENARIOS = JSON.parse(fs.readFileSync(path.join(DIR, 'scenarios.json'), 'utf8')) as Record<string, Scenario>;

const HOUSES: [string, string][] = [
  ['gryffindor', 'harry-potter'],
  ['slytherin', 'draco-malfoy'],
  ['hufflepuff', 'cedric-diggory'],
  ['ravenclaw', 'luna-lovegood'],
];
const ns = (house: string) => `network-policy-conformance-${house}`;
/** conformance/base/manifests.yaml: two pods per house, labelled like their namespace */
const ipOf = (house: number, replica: number) => `10.244.${house + 1}.${replica + 10}`;
const PODS = parsePods({
  namespaces: Object.fromEntries(HOUSES.map(([h]) => [ns(h), { 'conformance-house': h }])),
  pods: HOUSES.flatMap(([h, name], i) =>
    [0, 1].map((r) => ({
      namespace: ns(h),
      name: `${name}-${r}`,
      labels: { 'conformance-house': h },
      ip: ipOf(i, r),
      ports: [
        { port: 80, protocol: 'TCP', name: 'web' },
        { port: 8080, protocol: 'TCP' },
        { port: 53, protocol: 'UDP', name: 'dns' },
        { port: 5353, protocol: 'UDP' },
        { port: 9003, protocol: 'SCTP' },
        { port: 9005, protocol: 'SCTP' },
      ],
    })),
  ),
});
const podIp = (id: string) => PODS.pods.find((p) => `${p.namespace}/${p.name}` === id)!.ip!;

type Obj = Record<string, any>;
const isAdmin = (o: Obj) => o.kind === 'AdminNetworkPolicy' || o.kind === 'BaselineAdminNetworkPolicy';

/** The patches upstream applies that are not a rule swap, by the Go line that does it. */
function manual(objects: Obj[], line: string): Obj[] {
  const named = (name: string) => objects.find((o) => o.metadata.name === name)!;
  switch (line) {
    // inline-cidr tests: a first rule allowing luna-lovegood-0 and cedric-diggory-0 by their /32
    case 'mutate.Spec.Egress = append(newRule, mutate.Spec.Egress...)': {
      const policy = objects.find(isAdmin)!;
      policy.spec.egress.unshift({
        name: 'allow-egress-to-specific-podIPs',
        action: 'Allow',
        to: [{ networks: [`${podIp(`${ns('ravenclaw')}/luna-lovegood-0`)}/32`, `${podIp(`${ns('hufflepuff')}/cedric-diggory-0`)}/32`] }],
      });
      return objects;
    }
    case 'mutate.Spec.Ingress[0].Action = v1alpha1.AdminNetworkPolicyRuleActionPass':
      named('pass-example').spec.ingress[0].action = 'Pass';
      return objects;
    case 'mutate.Spec.Egress[0].Action = v1alpha1.AdminNetworkPolicyRuleActionPass':
      named('pass-example').spec.egress[0].action = 'Pass';
      return objects;
    case 'err = s.Client.Delete(ctx, np)':
      return objects.filter((o) => o.metadata.name !== 'allow-gress-from-to-slytherin-to-gryffindor');
    case 'mutate.Spec.Priority = 40':
      named('old-priority-60-new-priority-40-example').spec.priority = 40;
      return objects;
    default:
      throw new Error(`no port of upstream mutation: ${line}`);
  }
}

function apply(objects: Obj[], m: Mutation): Obj[] {
  if ('manual' in m) return manual(objects, m.manual);
  // a swap of two rules of the file's one admin policy
  const rules = objects.find(isAdmin)!.spec[m.swap];
  [rules[m.a], rules[m.b]] = [rules[m.b], rules[m.a]];
  return objects;
}

describe('reach: AdminNetworkPolicy and BaselineAdminNetworkPolicy, upstream conformance (network-policy-api v0.1.7)', () => {
  it('ports every standard-channel test of the suite (18 tests)', () => {
    expect(Object.keys(SCENARIOS)).to.have.length(18);
  });
  for (const [test, scenario] of Object.entries(SCENARIOS)) {
    describe(test, () => {
      let objects: Obj[] = scenario.manifests.flatMap((m) => loadAll(fs.readFileSync(path.join(DIR, m), 'utf8')) as Obj[]);
      it('its manifests validate (CRD schema, NetworkPolicy with podSelector: null)', () => {
        expect(validateObjects(objects).filter((f) => f.severity === 'error')).to.deep.equal([]);
      });
      for (const sub of scenario.subtests) {
        it(sub.name, () => {
          for (const m of sub.mutations) objects = apply(objects, m);
          const probes = parseProbes(sub.probes.map((p) => ({ from: p.from, to: p.to, port: p.port, protocol: p.protocol })));
          const model = buildReach(objects, PODS, ipEndpointsOf(probes), { engine: 'calico' });
          const got = answerProbes(model, probes).map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: ${r.allowed}`);
          expect(got).to.deep.equal(sub.probes.map((p) => `${p.from} -> ${p.to} ${p.port}/${p.protocol}: ${p.expect}`));
        });
      }
    });
  }
});
