// The ingress through the CLI: `aksnet plan` shows the reserved front-end IP or the AGIC subnet
// (text, JSON, Markdown agree), refuses a malformed aks-networking:ingress with exit 2, and fails on
// an IP clash; `aksnet synth` shows the controller and every Ingress object.
import { expect } from 'chai';
import * as fs from 'node:fs';
import { aksnet, aksnetInProcess, hasStackTrace, scratchDir, writeStack } from './cliHarness';

const network = {
  addressSpace: ['10.1.0.0/16'],
  plugin: 'azure-cni-overlay',
  subnets: [
    { name: 'nodes', cidr: '10.1.0.0/24' },
    { name: 'ingress', purpose: 'ingress', cidr: '10.1.4.0/28' },
    { name: 'appgw', purpose: 'appgateway', cidr: '10.1.8.0/24' },
  ],
  nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, maxPods: 110, subnet: 'nodes' }],
};

describe('aksnet plan: the ingress', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = scratchDir();
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('prod: the internal front-end IP is the last usable address of the ingress subnet, the same in JSON, text and Markdown', async () => {
    const json = await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'prod', '--format', 'json']);
    expect(json.status, json.stderr).to.equal(0);
    const plan = JSON.parse(json.stdout);
    const subnet = plan.subnets.find((s: any) => s.name === 'ingress');
    // a /26 holds 64 addresses; the last (+63) is Azure's, so the last usable one is +62
    const [a, b, c, d] = subnet.cidr.split('/')[0].split('.').map(Number);
    expect(subnet.cidr.endsWith('/26')).to.equal(true);
    expect(plan.ingress).to.deep.equal({ controller: 'haproxy', exposure: 'internal', subnet: 'ingress', cidr: subnet.cidr, ip: `${a}.${b}.${c}.${d + 62}`, ipSource: 'last-usable' });
    expect(subnet.demand).to.equal(1);
    const text = (await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'prod'])).stdout;
    expect(text).to.include(`Ingress: haproxy, internal: front-end IP ${plan.ingress.ip} in subnet ingress (${subnet.cidr}, last usable address, counted in its demand)`);
    expect((await aksnetInProcess(['plan', '--today', '2026-12-04', '--stack', 'prod', '--format', 'markdown'])).stdout).to.include(`front-end IP \`${plan.ingress.ip}\``);
  });

  it('shows the AGIC gateway subnet', async () => {
    const file = writeStack(dir(), 'agic', network, { 'aks-networking:ingress': { controller: 'agic' } });
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', file]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include('Ingress: agic: Application Gateway v2 in subnet appgw (10.1.8.0/24)');
  });

  // the AGC subnet: no cidr, so the planner carves the default /24 after nodes (10.1.0.0/24), ingress
  // (10.1.4.0/28) and appgw (10.1.8.0/24): the first free /24 is 10.1.1.0/24
  it('shows the AGC association subnet and the Gateway address; the Envoy Gateway internal address', () => {
    const agcNet = { ...network, subnets: [...network.subnets, { name: 'agc', purpose: 'agc' }] };
    const agc = aksnet(['plan', '--today', '2026-12-04', writeStack(dir(), 'agc', agcNet, { 'aks-networking:ingress': { controller: 'agc' } })]);
    expect(agc.status, agc.stderr).to.equal(0);
    expect(agc.stdout).to.include('Ingress: agc: Application Gateway for Containers associated with subnet agc (10.1.1.0/24, delegated to Microsoft.ServiceNetworking/trafficControllers)');
    expect(agc.stdout).to.include("the Gateway's address: a public frontend FQDN (*.alb.azure.com), assigned at deploy");
    // 10.1.4.0/28: the last usable address is .14 (.15 is Azure's)
    const eg = aksnet(['plan', '--today', '2026-12-04', writeStack(dir(), 'eg', network, { 'aks-networking:ingress': { controller: 'envoy-gateway', exposure: 'internal' } })]);
    expect(eg.stdout).to.include("Ingress: envoy-gateway, internal: the Gateway's address, front-end IP 10.1.4.14 in subnet ingress");
  });

  it('exits 1 when the configured IP is one of Azure\'s reserved addresses (10.1.4.15 is the last of 10.1.4.0/28)', async () => {
    const file = writeStack(dir(), 'clash', network, { 'aks-networking:ingress': { controller: 'nginx', exposure: 'internal', ip: '10.1.4.15' } });
    const r = await aksnetInProcess(['plan', '--today', '2026-12-04', file, '--format', 'json']);
    expect(r.status).to.equal(1);
    expect(JSON.parse(r.stdout).findings.map((f: any) => [f.code, f.path])).to.deep.include(['INGRESS_IP_CONFLICT', 'ip']);
  });

  for (const [name, ingress, where] of [
    ['a wrong port type', { controller: 'haproxy', routes: [{ host: 'a.example.com', path: '/', namespace: 'a', service: 'a', port: 1.5 }] }, 'config.aks-networking:ingress.routes[0].port'],
    ['an unknown key', { controller: 'haproxy', replica: 3 }, 'config.aks-networking:ingress'],
    ['an unknown subnet', { controller: 'haproxy', exposure: 'internal', subnet: 'nope' }, 'config.aks-networking:ingress.subnet'],
  ] as const) {
    it(`exits 2 on ${name}, naming the file and ${where}`, async () => {
      const file = writeStack(dir(), 'bad', network, { 'aks-networking:ingress': ingress });
      for (const command of [['plan', file], ['synth', file, '--stack', 'bad']]) {
        const r = await aksnetInProcess(command);
        expect(r.status, r.stderr).to.equal(2);
        expect(r.stderr).to.include('Pulumi.bad.yaml').and.include(where).and.include('[INVALID_CONFIG]');
        expect(hasStackTrace(r.stderr), r.stderr).to.equal(false);
      }
    });
  }
});

describe('aksnet synth: the ingress', () => {
  it('prod JSON: the pinned HAProxy chart with its values, and one Ingress per route', async () => {
    const r = aksnet(['synth', '--stack', 'prod', '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const resources = JSON.parse(r.stdout) as { type: string; inputs: any }[];
    const chart = resources.find((x) => x.type === 'kubernetes:helm.sh/v4:Chart')!;
    expect(chart.inputs).to.deep.include({ chart: 'kubernetes-ingress', version: '1.52.1' });
    expect(chart.inputs.values.controller.service.type).to.equal('LoadBalancer');
    const ingresses = resources.filter((x) => x.type === 'kubernetes:networking.k8s.io/v1:Ingress');
    expect(ingresses.map((i) => i.inputs.spec.rules[0].host)).to.deep.equal(['shop.prod.corp.example.com', 'www.prod.corp.example.com']);
  });

  it('prod text: the chart values and each Ingress with class, path, backend, TLS and rewrite', async () => {
    const text = aksnet(['synth', '--stack', 'prod']).stdout;
    expect(text).to.include('chart=kubernetes-ingress version=1.52.1 repo=https://haproxytech.github.io/helm-charts release=haproxy namespace=ingress-haproxy');
    expect(text).to.include('values.controller.service.type=LoadBalancer');
    expect(text).to.include('orders/orders-api-');
    expect(text).to.include('shop.prod.corp.example.com/orders (Prefix) -> orders-api:8080');
    expect(text).to.include('haproxy.org/path-rewrite: ^/orders(/|$)(.*) /\\2');
    expect(text).to.include('tls www.prod.corp.example.com secret=www-prod-tls');
  });
});
