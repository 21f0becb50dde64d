// `connectivity` in `aksnet plan --format json` (netpol/connectivity.ts) through the real CLI: it
// agrees with `aksnet reach --stack` on the same representative pods, and a policy change that
// removes an allow shows up in `aksnet diff` as lost reachability (plan JSON of both configs -> diff).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { dump } from 'js-yaml';
import { representativePods } from '../netpol/connectivity';
import { validatePolicyConfig } from '../netpol/policyConfig';
import { aksnetInProcess, scratchDir, writeStack } from './cliHarness';
import { loadStack } from './componentsHelpers';

interface Conn {
  from: string;
  to: string;
  port: number;
  protocol: string;
  allowed: boolean;
}

const planJson = async (args: string[], cwd?: string): Promise<{ connectivity?: Conn[] }> => {
  const run = await aksnetInProcess(['plan', '--today', '2026-12-04', ...args, '--format', 'json'], cwd);
  expect(run.status, run.stderr).to.be.oneOf([0, 1]);
  return JSON.parse(run.stdout);
};
const answer = (c: Conn[], from: string, to: string, port: number, protocol = 'TCP') => {
  const hit = c.find((x) => x.from === from && x.to === to && x.port === port && x.protocol === protocol);
  expect(hit, `${from} -> ${to} ${port}/${protocol} in connectivity`).to.not.equal(undefined);
  return hit!.allowed;
};

describe('aksnet plan --format json: connectivity of a stack with aks-networking:policy', () => {
  let dir: string;
  before(async () => {
    dir = scratchDir();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries the reach answers of the prod stack (Calico, IMDS denied) on its representative pods', async () => {
    const c = (await planJson(['--stack', 'prod'])).connectivity!;
    // Pulumi.prod.yaml baselines storefront and orders; its rules name app=web (storefront) and
    // app=orders-api (orders); plus one unlabeled pod each, the HAProxy controller and CoreDNS
    const pods = [...new Set(c.map((x) => x.from))].sort();
    expect(pods).to.deep.equal(['ingress-haproxy/ingress-controller', 'kube-system/coredns', 'orders/app=orders-api', 'orders/unlabeled', 'storefront/app=web', 'storefront/unlabeled']);
    // each pod: the other five (CoreDNS: 53/UDP and 53/TCP; the rest: 53/UDP, 53/TCP, 80, 443 and the
    // rules' 8080 and 5432 = 6 ports) and IMDS on 80 -> 5 x 6 + 2 + 1 = 33 answers; 6 pods -> 198
    expect(c.length).to.equal(6 * (5 * 6 + 2 + 1));
    // a baselined namespace denies by default; only the web-to-orders rule opens web -> orders-api on 8080
    // (https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic)
    expect(answer(c, 'storefront/unlabeled', 'orders/unlabeled', 8080)).to.equal(false);
    expect(answer(c, 'storefront/unlabeled', 'orders/app=orders-api', 8080)).to.equal(false);
    expect(answer(c, 'storefront/app=web', 'orders/app=orders-api', 443)).to.equal(false);
    expect(answer(c, 'storefront/app=web', 'orders/app=orders-api', 8080)).to.equal(true);
    // the baseline keeps DNS to kube-dns open (dns defaults to true)
    expect(answer(c, 'storefront/unlabeled', 'kube-system/coredns', 53, 'UDP')).to.equal(true);
    expect(answer(c, 'orders/app=orders-api', 'kube-system/coredns', 53, 'TCP')).to.equal(true);
    // global.imds: Calico denies 169.254.169.254 (https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service)
    for (const from of pods.filter((p) => !p.startsWith('kube-system/'))) expect(answer(c, from, 'ip:169.254.169.254', 80), from).to.equal(false);
  });

  it('agrees with `aksnet reach --stack prod` on every entry (probes expecting the plan answer exit 0)', async () => {
    const c = (await planJson(['--stack', 'prod'])).connectivity!;
    const { policy } = loadStack('prod');
    const config = validatePolicyConfig(policy);
    if (!config.ok) throw new Error('prod policy does not validate');
    // the controller's backends (HAProxy in ingress-haproxy, as Pulumi.prod.yaml's ingress says)
    const pods = representativePods(config.config, [{ controllerNamespace: 'ingress-haproxy', controllerPodLabels: { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': 'haproxy' }, namespace: 'storefront' }]);
    fs.writeFileSync(path.join(dir, 'pods.yaml'), dump(pods));
    fs.writeFileSync(path.join(dir, 'probes.json'), JSON.stringify(c.map((x) => ({ from: x.from, to: x.to, port: x.port, protocol: x.protocol, expect: x.allowed }))));
    const run = await aksnetInProcess(['reach', '--stack', 'prod', '--pods', path.join(dir, 'pods.yaml'), '--probes', path.join(dir, 'probes.json'), '--format', 'json']);
    expect(run.status, run.stdout.slice(0, 2000) + run.stderr).to.equal(0);
    const answers = JSON.parse(run.stdout) as Conn[];
    expect(answers.map((a) => a.allowed)).to.deep.equal(c.map((x) => x.allowed));
    // and the answers are not all one value: the comparison can fail
    expect(new Set(answers.map((a) => a.allowed)).size).to.equal(2);
  });

  it('leaves connectivity out for a stack without policy', async () => {
    const { network, cluster } = loadStack('prod');
    writeStack(dir, 'nopolicy', network, { 'aks-networking:cluster': cluster });
    expect(await planJson([path.join(dir, 'Pulumi.nopolicy.yaml')])).to.not.have.property('connectivity');
  });

  describe('aksnet diff of two plans whose policy changed', () => {
    const stackWith = (name: string, namespaces: unknown) => {
      const { network, cluster, ingress, policy } = loadStack('prod');
      return writeStack(dir, name, network, { 'aks-networking:cluster': cluster, 'aks-networking:ingress': ingress, 'aks-networking:policy': { ...policy, namespaces } });
    };
    const diffOf = async (baseNs: unknown, headNs: unknown) => {
      const base = await aksnetInProcess(['plan', '--today', '2026-12-04', stackWith('base', baseNs), '--format', 'json', '--out', path.join(dir, 'base.json')]);
      const head = await aksnetInProcess(['plan', '--today', '2026-12-04', stackWith('head', headNs), '--format', 'json', '--out', path.join(dir, 'head.json')]);
      expect(base.status, base.stderr).to.equal(0);
      expect(head.status, head.stderr).to.equal(0);
      const run = await aksnetInProcess(['diff', path.join(dir, 'base.json'), path.join(dir, 'head.json'), '--format', 'json']);
      expect(run.status, run.stderr).to.equal(0);
      const out = JSON.parse(run.stdout) as { stacks: { connectivity?: { gained: Conn[]; lost: Conn[] } }[] };
      return out.stacks[0].connectivity!;
    };
    const id = (x: Conn) => `${x.from} -> ${x.to} ${x.port}/${x.protocol}`;
    const web = { podLabels: { app: 'web' } };
    const api = { namespace: 'orders', podLabels: { app: 'orders-api' } };
    // the same pods and ports on both sides: app=web and app=orders-api stay named, 8080 and 443 stay named
    const storefront = (rules: unknown[]) => ({ storefront: { allow: rules }, orders: { allow: [{ name: 'api-to-web', from: { podLabels: { app: 'orders-api' } }, to: { namespace: 'storefront', podLabels: { app: 'web' } }, ports: [{ port: 8080 }] }] } });
    const https = { name: 'web-to-orders-https', from: web, to: api, ports: [{ port: 443 }] };
    const http = { name: 'web-to-orders', from: web, to: api, ports: [{ port: 8080 }] };

    it('shows the removed allow rule as lost reachability, and nothing gained', async () => {
      const d = await diffOf(storefront([http, https]), storefront([https]));
      expect(d.lost.map(id)).to.deep.equal(['storefront/app=web -> orders/app=orders-api 8080/TCP']);
      expect(d.gained).to.deep.equal([]);
    });

    it("removing prod's web-to-orders rule (app=web and 8080 no longer named): only the connection that really changes is lost", async () => {
      const { policy } = loadStack('prod');
      const ns = (policy as { namespaces: Record<string, unknown> }).namespaces;
      const d = await diffOf(ns, { ...ns, storefront: {} });
      // both sides over the union of their pods and ports: storefront/app=web and port 8080 exist on
      // both, so web keeps DNS (aksnet-allow-dns selects every pod), the controller keeps the
      // storefront backends, and only the rule's own connection goes (the README example
      // listed 14, 13 of which still worked)
      expect(d.lost.map(id)).to.deep.equal(['storefront/app=web -> orders/app=orders-api 8080/TCP']);
      expect(d.gained).to.deep.equal([]);
    });

    it('shows a namespace losing DNS (dns: false) as lost 53/UDP and 53/TCP from each of its pods', async () => {
      const base = storefront([http]);
      const head = { ...base, storefront: { ...base.storefront, dns: false } };
      const d = await diffOf(base, head);
      // storefront's two pods (app=web, unlabeled) x 53/UDP, 53/TCP to CoreDNS = 4
      expect(d.lost.map(id).sort()).to.deep.equal(['storefront/app=web -> kube-system/coredns 53/TCP', 'storefront/app=web -> kube-system/coredns 53/UDP', 'storefront/unlabeled -> kube-system/coredns 53/TCP', 'storefront/unlabeled -> kube-system/coredns 53/UDP']);
      expect(d.gained).to.deep.equal([]);
    });
  });
});
