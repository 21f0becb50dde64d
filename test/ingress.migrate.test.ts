// Moving a stack's ingress to the Gateway API (`aksnet migrate --ingress`) and converting ingress-nginx
// Ingress files (`--from-ingress`). Expected values from the ingress-nginx rewrite example
// (https://kubernetes.github.io/ingress-nginx/examples/rewrite/), the Gateway API spec and arithmetic.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertIngresses } from '../design/ingress/fromIngress';
import { planIngressMigration, type IngressMigrationTarget } from '../design/ingress/migrate';
import { designStack, type DesignResult } from '../design/stackDesign';

/** The findings of a design, accepted or refused. */
const findingsOf = (d: DesignResult) => (d.ok ? d.design.findings : d.findings);
import { validateObjects } from '../netpol/validate';
import { aksnet, hasStackTrace, ROOT, scratchDir, writeStack } from './cliHarness';
import { net, sysPool, type Json } from './plannerHelpers';

const network = (over: Json = {}): Json =>
  net({ plugin: 'azure-cni', subnets: [{ name: 'nodes', cidr: '10.10.0.0/22' }, { name: 'ingress', purpose: 'ingress', cidr: '10.10.8.0/26' }], nodePools: [sysPool({ maxPods: 30 })], ...over });
const route = (over: Json = {}) => ({ host: 'shop.example.com', path: '/api', namespace: 'shop', service: 'api', port: 8080, ...over });
const today = new Date('2026-12-04T00:00:00Z');
const migrate = (ingressRaw: Json | undefined, to: IngressMigrationTarget = 'envoy-gateway', networkRaw: Json = network()) =>
  planIngressMigration({ stack: 't', networkRaw, ingressRaw, to, clusterName: 'aks-t', resourceGroupName: 'rg-t', today });

describe('migrate --ingress: the plan of a move', () => {
  it('nginx -> envoy-gateway: controller changed, the old config kept as ingressRetiring, every route moves', () => {
    const old = { controller: 'nginx', routes: [route({ tls: 'shop-tls' })] };
    const p = migrate(old);
    expect(p.ok).to.equal(true);
    expect(p.from).to.equal('nginx');
    expect(p.config).to.deep.equal({ 'aks-networking:ingress': { controller: 'envoy-gateway', exposure: 'public', routes: [route({ tls: 'shop-tls' })] }, 'aks-networking:ingressRetiring': old });
    expect(p.routes.map((r) => r.status)).to.deep.equal(['moves']);
    expect(p.steps.join('\n')).to.include('curl --resolve shop.example.com:443:<address>');
  });

  // 10.10.8.0/26: the last usable address is .62 (the old controller keeps it); the Gateway takes .61
  it('internal haproxy -> envoy-gateway: the Gateway takes the next address down while both run', () => {
    const p = migrate({ controller: 'haproxy', exposure: 'internal', routes: [route()] });
    expect(p.ok).to.equal(true);
    expect((p.config!['aks-networking:ingress'] as Json).ip).to.equal('10.10.8.61');
    expect(p.addressPlan).to.deep.equal(['haproxy keeps 10.10.8.62 in subnet ingress until the cutover', 'the Gateway takes 10.10.8.61 in subnet ingress (10.10.8.0/26), counted in its demand']);
  });

  it('internal -> agc is refused: AGC frontends are public only', () => {
    const p = migrate({ controller: 'haproxy', exposure: 'internal', routes: [route()] }, 'agc');
    expect(p.ok).to.equal(false);
    expect(p.blockers[0]).to.include('public only');
    expect(p.config).to.equal(null);
  });

  it('-> agc adds a /24 subnet purpose agc to the network and reports where it lands', () => {
    const p = migrate({ controller: 'app-routing', routes: [route()] }, 'agc');
    expect(p.ok, JSON.stringify(p)).to.equal(true);
    const subnets = (p.config!['aks-networking:network'] as Json).subnets as Json[];
    expect(subnets[subnets.length - 1]).to.deep.equal({ name: 'agc', purpose: 'agc', prefixLength: 24 });
    expect((p.config!['aks-networking:ingress'] as Json).subnet).to.equal('agc');
    // 10.10.0.0/22 and 10.10.8.0/26 are taken: the first free /24 of 10.10.0.0/16 is 10.10.4.0/24
    expect(p.addressPlan[1]).to.equal('+ subnet agc 10.10.4.0/24: 256 addresses for the Application Gateway for Containers association (counted in the address map)');
  });

  it('-> agc on kubenet: the design refuses it, so the move is not ok', () => {
    const p = migrate({ controller: 'nginx', routes: [route()] }, 'agc', network({ plugin: 'kubenet', podCidr: '10.244.0.0/16' }));
    expect(p.ok).to.equal(false);
    expect(p.findings.map((f) => f.code)).to.include('INGRESS_UNSUPPORTED');
  });

  it('each route that cannot move as it is says why: named port blocked, ImplementationSpecific changed, NGINX regex host changed', () => {
    const p = migrate({ controller: 'nginx', routes: [route({ rewrite: '/' }), route({ path: '/web', port: 'http' }), route({ path: '/static', pathType: 'ImplementationSpecific' })] });
    expect(p.ok).to.equal(false);
    expect(p.routes.map((r) => r.status)).to.deep.equal(['changed', 'blocked', 'changed']);
    expect(p.routes[1].reasons.join()).to.include('INGRESS_NAMED_PORT');
    expect(p.routes[2].reasons.join()).to.include('ImplementationSpecific has no Gateway API equivalent');
    expect(p.routes[1].reasons.join()).to.include('case-insensitive regex');
    // the new config drops pathType ImplementationSpecific (a PathPrefix), and keeps the named port for the user to fix
    const routes = (p.config!['aks-networking:ingress'] as Json).routes as Json[];
    expect(routes[2]).to.not.have.property('pathType');
    expect(routes[1].port).to.equal('http');
  });

  it('no ingress, or one already on the Gateway API: nothing to move, said why', () => {
    expect(migrate(undefined).blockers[0]).to.include('no aks-networking:ingress');
    expect(migrate({ controller: 'envoy-gateway' }).blockers[0]).to.include('already uses the Gateway API');
  });

  it('the config during the move designs: both controllers, distinct IPs, both backends', () => {
    const old = { controller: 'haproxy', exposure: 'internal', routes: [route()] };
    const p = migrate(old);
    const d = designStack({ stack: 't', networkRaw: network(), clusterRaw: { name: 'aks-t', resourceGroupName: 'rg-t' }, ingressRaw: p.config!['aks-networking:ingress'], ingressRetiringRaw: old, today });
    expect(d.ok, JSON.stringify(findingsOf(d))).to.equal(true);
    if (!d.ok) return;
    expect([d.design.ingress!.plan.ip, d.design.ingressRetiring!.plan.ip]).to.deep.equal(['10.10.8.61', '10.10.8.62']);
    // the same IP twice is refused
    const clash = designStack({ stack: 't', networkRaw: network(), clusterRaw: { name: 'aks-t', resourceGroupName: 'rg-t' }, ingressRaw: { ...(p.config!['aks-networking:ingress'] as Json), ip: '10.10.8.62' }, ingressRetiringRaw: old, today });
    expect(findingsOf(clash).find((f) => f.code === 'INGRESS_IP_CONFLICT')?.config).to.equal('aks-networking:ingress');
    // a Gateway API implementation cannot be the retiring one
    const wrong = designStack({ stack: 't', networkRaw: network(), clusterRaw: { name: 'aks-t', resourceGroupName: 'rg-t' }, ingressRaw: old, ingressRetiringRaw: { controller: 'envoy-gateway' }, today });
    expect(findingsOf(wrong).map((f) => [f.code, f.config])).to.deep.include(['INVALID_CONFIG', 'aks-networking:ingressRetiring']);
  });
});

describe('migrate --from-ingress: ingress-nginx Ingress objects to HTTPRoutes', () => {
  const ingress = (paths: Json[], annotations: Json = {}, tls = false) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'orders', namespace: 'orders', annotations },
    spec: {
      ...(tls ? { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] } : {}),
      rules: [{ host: 'shop.example.com', http: { paths: paths.map((p) => ({ pathType: 'ImplementationSpecific', backend: { service: { name: 'api', port: { number: 8080 } } }, ...p })) } }],
    },
  });
  const gw = { name: 'aksnet', namespace: 'envoy-gateway-system' };
  const regex = { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' };

  // /api(/|$)(.*) with /$2: /api -> /, /api/x -> /x, which ReplacePrefixMatch "/" on PathPrefix /api also does
  it('the documented prefix strip becomes PathPrefix + ReplacePrefixMatch', () => {
    const c = convertIngresses([ingress([{ path: '/api(/|$)(.*)' }], regex)], gw);
    expect(c.routes).to.have.length(1);
    expect(c.routes[0].spec.rules).to.deep.equal([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
        backendRefs: [{ group: '', kind: 'Service', name: 'api', port: 8080 }],
      },
    ]);
    expect(c.notes.filter((n) => n.kind === 'not-converted')).to.deep.equal([]);
    expect(validateObjects(c.routes)).to.deep.equal([]);
  });

  it('a target prefix is kept: /v1/$2 replaces /api with /v1', () => {
    const c = convertIngresses([ingress([{ path: '/api(/|$)(.*)' }], { ...regex, 'nginx.ingress.kubernetes.io/rewrite-target': '/v1/$2' })], gw);
    expect(c.routes[0].spec.rules[0].filters[0].urlRewrite.path.replacePrefixMatch).to.equal('/v1');
  });

  it('any other regex is reported, not guessed', () => {
    for (const path of ['/v2/(.+)/items', '/api(/|$)(.*)/x', '/[a-z]+']) {
      const c = convertIngresses([ingress([{ path }], regex)], gw);
      expect(c.routes, path).to.deep.equal([]);
      expect(c.notes.filter((n) => n.kind === 'not-converted').map((n) => n.at)).to.deep.equal(['spec.rules[0].http.paths[0]']);
    }
    // capture group 1 with a prefix-strip path is not the documented form either
    const c = convertIngresses([ingress([{ path: '/api(/|$)(.*)' }], { ...regex, 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' })], gw);
    expect(c.routes).to.deep.equal([]);
  });

  it('each annotation it cannot convert is reported with the Ingress and the annotation', () => {
    const c = convertIngresses([ingress([{ path: '/', pathType: 'Prefix' }], { 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8', 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "x: y";' })], gw);
    const missed = c.notes.filter((n) => n.kind === 'not-converted');
    expect(missed.map((n) => [n.ingress, n.at])).to.deep.equal([
      ['orders/orders', 'metadata.annotations.nginx.ingress.kubernetes.io/configuration-snippet'],
      ['orders/orders', 'metadata.annotations.nginx.ingress.kubernetes.io/whitelist-source-range'],
    ]);
    expect(c.routes).to.have.length(1);
  });

  it('TLS hosts attach to the HTTPS listener and get a 308 redirect (ssl-redirect default), unless ssl-redirect is "false"', () => {
    const c = convertIngresses([ingress([{ path: '/', pathType: 'Prefix' }], {}, true)], gw);
    expect(c.routes[0].spec.parentRefs[0].sectionName).to.equal('https-shop.example.com');
    expect(c.routes[1].spec.rules).to.deep.equal([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] }]);
    const off = convertIngresses([ingress([{ path: '/', pathType: 'Prefix' }], { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, true)], gw);
    expect(off.routes).to.have.length(1);
  });

  it('a named port and a rule without host are reported and left out', () => {
    const c = convertIngresses([ingress([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }])], gw);
    expect(c.routes).to.deep.equal([]);
    expect(c.notes[0].message).to.include('not the name "http"');
  });
});

describe('aksnet migrate --ingress (CLI)', () => {
  const EXAMPLE = path.join(ROOT, 'examples', 'gateway-api');
  let dir: string;
  beforeEach(() => (dir = scratchDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the example stack: JSON with the new config; a blocked route makes it exit 1', () => {
    const r = aksnet(['migrate', '--ingress', '--stack', 'shop', '--to', 'envoy-gateway', '--format', 'json', '--today', '2026-12-04'], EXAMPLE);
    expect(r.status, r.stderr).to.equal(1);
    const out = JSON.parse(r.stdout);
    expect(out.stacks.shop.from).to.equal('app-routing');
    expect(out.stacks.shop.routes.map((x: Json) => x.status)).to.deep.equal(['changed', 'blocked', 'changed']);
    expect(out.stacks.shop.config['aks-networking:ingress'].controller).to.equal('envoy-gateway');
  });

  it('a stack whose routes all move: exit 0, and the config pasted in place designs', () => {
    const file = writeStack(dir, 'a', network(), { 'aks-networking:ingress': { controller: 'nginx', routes: [route({ tls: 'shop-tls' })] } });
    const r = aksnet(['migrate', '--ingress', file, '--to', 'agc', '--format', 'json', '--today', '2026-12-04']);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    const cfg = JSON.parse(r.stdout).stacks.a.config;
    const d = designStack({ stack: 'a', networkRaw: cfg['aks-networking:network'], clusterRaw: {}, ingressRaw: cfg['aks-networking:ingress'], ingressRetiringRaw: cfg['aks-networking:ingressRetiring'], today });
    expect(d.ok, JSON.stringify(findingsOf(d))).to.equal(true);
  });

  it('--from-ingress on the example file: HTTPRoutes as YAML, the notes, exit 1 (not everything converts)', () => {
    const r = aksnet(['migrate', '--from-ingress', 'ingress-nginx.yaml', '--to', 'envoy-gateway', '--today', '2026-12-04'], EXAMPLE);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include('2 Ingress objects -> 3 HTTPRoutes, 4 things not converted');
    expect(r.stdout).to.include('replacePrefixMatch: /');
  });

  it('aksnet validate accepts the HTTPRoutes --from-ingress writes (Gateway API CRD schemas): exit 0', () => {
    const r = aksnet(['migrate', '--from-ingress', 'ingress-nginx.yaml', '--to', 'agc', '--format', 'json', '--today', '2026-12-04'], EXAMPLE);
    const file = path.join(dir, 'routes.json');
    fs.writeFileSync(file, JSON.stringify(JSON.parse(r.stdout).fromIngress.httpRoutes));
    const v = aksnet(['validate', file]);
    expect(v.status, v.stdout + v.stderr).to.equal(0);
    expect(v.stdout).to.include('3 objects in 1 file: 0 errors, 0 warnings');
  });

  it('docs/gateway-api.md shows the real output of both migrate examples', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'gateway-api.md'), 'utf8');
    for (const args of [
      ['migrate', '--ingress', 'examples/gateway-api/Pulumi.shop.yaml', '--to', 'envoy-gateway', '--today', '2026-12-04'],
      ['migrate', '--from-ingress', 'examples/gateway-api/ingress-nginx.yaml', '--to', 'envoy-gateway', '--today', '2026-12-04'],
    ]) {
      const r = aksnet(args);
      expect(doc, args.join(' ')).to.include(`$ aksnet ${args.join(' ')}\n${r.stdout.trimEnd()}\n\`\`\``);
    }
  });

  it('bad input: --to a plugin with --ingress, a missing Ingress file: exit 2 with a code, no stack trace', () => {
    for (const args of [
      ['migrate', '--ingress', '--stack', 'shop', '--to', 'azure-cni-overlay'],
      ['migrate', '--from-ingress', 'missing.yaml', '--to', 'agc'],
      ['migrate', '--stack', 'shop', '--to', 'agc'],
    ]) {
      const r = aksnet(args, EXAMPLE);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr).to.match(/\[(INVALID_ARGUMENT|FILE_NOT_FOUND)\]/);
      expect(hasStackTrace(r.stderr)).to.equal(false);
    }
  });
});
