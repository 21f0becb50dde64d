// `aksnet validate` and `aksnet reach` through the real CLI (issue 8 contract): output lines, JSON
// shapes, exit statuses 0/1/2, no stack traces, and no Pulumi in the bundles these commands load.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { dump, load } from 'js-yaml';
import { aksnet, aksnetInProcess, hasStackTrace, ROOT, scratchDir } from './cliHarness';

const CALICO = path.join(ROOT, 'test', 'fixtures', 'calico');
const REACH = path.join(ROOT, 'test', 'fixtures', 'reach');
const calicoFiles = () => fs.readdirSync(CALICO).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(CALICO, f));

describe('aksnet validate', () => {
  let dir: string;
  beforeEach(() => (dir = scratchDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on the Calico examples and says how many objects it read', async () => {
    const r = aksnet(['validate', ...calicoFiles()]); // a real process: the netpol bundle in dist/
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('6 objects in 6 files: 0 errors, 0 warnings\n');
  });

  it('exits 1 with lines "file: doc N kind/name path: message [CODE]" (N counted from 1)', async () => {
    const objs = calicoFiles().map((f) => load(fs.readFileSync(f, 'utf8')) as Record<string, any>);
    objs[1].spec.egress[0].destination.selecter = 'x == "y"';
    objs[2].apiVersion = 'projectcalico.org/v3';
    const file = path.join(dir, 'all.yaml');
    fs.writeFileSync(file, objs.map((o) => dump(o)).join('---\n'));
    const r = await aksnetInProcess(['validate', 'all.yaml'], dir);
    expect(r.status).to.equal(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).to.deep.equal([
      'all.yaml: doc 2 GlobalNetworkPolicy/default.allow-dns-egress-kube-dns spec.egress[0].destination.selecter: unknown field "selecter" [CALICO_SCHEMA]',
      'all.yaml: doc 3 GlobalNetworkPolicy/default.deny-azure-imds-egress apiVersion: projectcalico.org/v3 is served only by the Calico API server, which AKS does not run; write apiVersion: crd.projectcalico.org/v1 (same kind and spec) [CALICO_V3_API]',
      // one closing line names `aksnet explain` and the codes above, in the order shown
      'Explain a code: aksnet explain CODE (codes here: CALICO_SCHEMA, CALICO_V3_API)',
      '6 objects in 1 file: 2 errors, 0 warnings',
    ]);
  });

  it('reads JSON: one object, an array, a kind: List; --format json lists findings with file and doc', async () => {
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'a' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Sideways'] } };
    fs.writeFileSync(path.join(dir, 'one.json'), JSON.stringify(np));
    fs.writeFileSync(path.join(dir, 'many.json'), JSON.stringify([{ ...np, metadata: { name: 'y', namespace: 'a' } }, { ...np, metadata: { name: 'z', namespace: 'a' } }]));
    fs.writeFileSync(path.join(dir, 'list.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ ...np, metadata: { name: 'w', namespace: 'a' } }] }));
    const r = await aksnetInProcess(['validate', 'one.json', 'many.json', 'list.json', '--format', 'json'], dir);
    expect(r.status).to.equal(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).to.equal(false);
    expect(out.files).to.deep.equal([{ file: 'one.json', objects: 1 }, { file: 'many.json', objects: 2 }, { file: 'list.json', objects: 1 }]);
    // documents count from 1 in JSON as in text; an array's or List's objects are items of their document
    expect(out.findings.map((f: any) => [f.file, f.doc, f.item, f.code, f.path])).to.deep.equal([
      ['one.json', 1, undefined, 'K8S_SCHEMA', 'spec.policyTypes[1]'],
      ['many.json', 1, 1, 'K8S_SCHEMA', 'spec.policyTypes[1]'],
      ['many.json', 1, 2, 'K8S_SCHEMA', 'spec.policyTypes[1]'],
      ['list.json', 1, 1, 'K8S_SCHEMA', 'spec.policyTypes[1]'],
    ]);
  });

  it('numbers YAML documents, not objects: a List of two before a bad document leaves it doc 2', () => {
    const np = (name: string, policyTypes: string[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'a' }, spec: { podSelector: {}, policyTypes } });
    const list = { apiVersion: 'v1', kind: 'List', items: [np('a', ['Ingress']), np('b', ['Sideways'])] };
    fs.writeFileSync(path.join(dir, 'docs.yaml'), [dump(list), dump(np('c', ['Sideways']))].join('---\n'));
    const text = aksnet(['validate', 'docs.yaml'], dir);
    expect(text.stdout.split('\n').filter((l) => l.includes('[K8S_SCHEMA]')).map((l) => l.split(' NetworkPolicy')[0])).to.deep.equal(['docs.yaml: doc 1 item 2', 'docs.yaml: doc 2']);
    const json = JSON.parse(aksnet(['validate', 'docs.yaml', '--format', 'json'], dir).stdout);
    expect(json.findings.map((f: any) => [f.doc, f.item, f.name])).to.deep.equal([[1, 2, 'b'], [2, undefined, 'c']]);
  });

  it('exits 0 with warnings only (CALICO_TYPES_MISSING)', async () => {
    const np = load(fs.readFileSync(path.join(CALICO, '04-np-allow-ingress-from-ingress-nginx.yaml'), 'utf8')) as Record<string, any>;
    delete np.spec.types;
    fs.writeFileSync(path.join(dir, 'np.yaml'), dump(np));
    const r = await aksnetInProcess(['validate', 'np.yaml'], dir);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/^np\.yaml: doc 1 NetworkPolicy\/default\.allow-ingress-from-ingress-nginx spec\.types: warning: .*\[CALICO_TYPES_MISSING\]$/m);
  });

  it('exits 2 for a missing file, YAML that does not parse or a directory, with the file named and no stack trace', async () => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [\n');
    fs.mkdirSync(path.join(dir, 'folder.yaml'), { recursive: true });
    for (const [file, code] of [['missing.yaml', 'FILE_NOT_FOUND'], ['bad.yaml', 'INVALID_YAML'], ['folder.yaml', 'NOT_A_FILE']]) {
      const r = await aksnetInProcess(['validate', file], dir);
      expect(r.status, file).to.equal(2);
      expect(r.stderr).to.include(file).and.include(`[${code}]`);
      expect(hasStackTrace(r.stderr)).to.equal(false);
    }
  });
});

/** Each command exits 2 with a message matching its pattern, and no stack trace. */
async function expectUnusable(cases: [string[], RegExp][], dir: string): Promise<void> {
  for (const [argv, want] of cases) {
    const r = await aksnetInProcess(argv, dir);
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr).to.match(want);
    expect(hasStackTrace(r.stderr)).to.equal(false);
  }
}

describe('aksnet reach', () => {
  const args = ['reach', '--policies', path.join(REACH, 'policies.yaml'), '--pods', path.join(REACH, 'pods.json')];

  it('answers the probes in order as {...probe, allowed, reasons} (JSON), reasons naming policy and rule per direction', async () => {
    const probes = JSON.parse(fs.readFileSync(path.join(REACH, 'probes.json'), 'utf8'));
    const r = await aksnetInProcess([...args, '--probes', path.join(REACH, 'probes.json'), '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out).to.have.length(probes.length);
    out.forEach((o: any, i: number) => {
      expect(o).to.deep.include(probes[i]);
      expect(o.reasons).to.have.length(2);
    });
    // expected from the policies in the fixture, read by hand:
    // web -> db 5432: web-egress egress[0] allows; web-to-db ingress[0] allows
    // db -> web 8080: shop/default-deny selects both, nothing allows: denied
    // web -> api 8443: web-egress egress[1] (namespace team=pay, named port https = 8443 on api)
    // web -> coredns 53/UDP: allow-dns; api -> IMDS: platform.deny-imds egress[0] denies; external -> api: api unselected
    expect(out.map((o: any) => o.allowed)).to.deep.equal([true, false, true, true, false, true]);
    expect(out[0].reasons).to.deep.equal([
      'egress from shop/web: allowed by NetworkPolicy shop/web-egress egress[0] (Allow) (after: passed by GlobalNetworkPolicy platform.deny-imds egress[1])',
      'ingress to shop/db: allowed by NetworkPolicy shop/web-to-db ingress[0] (Allow)',
    ]);
    expect(out[4].reasons[0]).to.equal('egress from payments/api: denied by GlobalNetworkPolicy platform.deny-imds egress[0] (Deny)');
  });

  it('exits 1 when a probe carries "expect" and the answer differs', async () => {
    const dir = scratchDir();
    try {
      fs.writeFileSync(path.join(dir, 'p.json'), JSON.stringify([{ from: 'shop/db', to: 'shop/web', port: 8080, protocol: 'TCP', expect: true }]));
      const r = await aksnetInProcess([...args, '--probes', path.join(dir, 'p.json')]);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.match(/^DENY  shop\/db -> shop\/web 8080\/TCP  \[expected ALLOW\]$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the from x to matrix over all pods and declared ports without --probes', async () => {
    const r = aksnet(args); // a real process: the netpol bundle in dist/
    expect(r.status, r.stderr).to.equal(0);
    // 4 pods; 5 declared ports (web 8080, db 5432, api 8443, coredns 53/UDP + 53/TCP) -> 4 x 5 = 20 cells
    expect(r.stdout).to.include('  [3] payments/api 8443/TCP (https)');
    // a pod to its own port is ○: allowed whatever the policies say (kubernetes.io: "a pod cannot
    // block access to itself"); shop/web's 8080 is closed to everyone else (default deny)
    expect(r.stdout).to.match(/^shop\/web +○ ✓ ✓ ✓ ✓$/m);
    expect(r.stdout).to.match(/^shop\/db +· ○ · ✓ ✓$/m);
    expect(r.stdout).to.match(/ of 20 connections allowed/);
    // the count printed is the count of ✓ and ○ cells (minus the legend's one of each)
    const ticks = (r.stdout.match(/✓/g) ?? []).length - 1;
    const circles = (r.stdout.match(/○/g) ?? []).length - 1;
    expect(circles).to.equal(5); // each pod's own ports: web 8080, db 5432, api 8443, coredns 53/UDP and 53/TCP
    expect(r.stdout).to.include(`${ticks + circles} of 20 connections allowed`);
  });

  it('--base-policies: the connections lost and gained', async () => {
    const r = await aksnetInProcess(['reach', '--policies', path.join(REACH, 'policies-next.yaml'), '--base-policies', path.join(REACH, 'policies.yaml'), '--pods', path.join(REACH, 'pods.json'), '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.gained).to.deep.equal([]);
    expect(diff.lost.map((c: any) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`)).to.deep.equal(['shop/web -> payments/api 8443/TCP']);
  });

  it('--stack prod evaluates the baseline the prod stack deploys (Pulumi.prod.yaml aks-networking:policy)', async () => {
    const r = await aksnetInProcess(['reach', '--stack', 'prod', '--pods', path.join(REACH, 'prod-pods.yaml'), '--probes', path.join(REACH, 'prod-probes.json'), '--format', 'json']);
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    // Pulumi.prod.yaml: storefront web -> orders app=orders-api on 8080 (allow rule web-to-orders);
    // baselines deny the rest and allow DNS; orders-api -> 10.40.0.0/16 on 5432 only; the platform
    // tier denies 169.254.169.254 except kube-system, calico-system, tigera-operator.
    expect(out.map((o: any) => `${o.from} -> ${o.to} ${o.port}: ${o.allowed}`)).to.deep.equal([
      'storefront/web -> orders/api 8080: true',
      'storefront/web -> kube-system/coredns 53: true',
      'tools/debug -> orders/api 8080: false',
      'orders/api -> ip:10.40.3.4 5432: true',
      'orders/api -> ip:10.40.3.4 22: false',
      'tools/debug -> ip:169.254.169.254 80: false',
      'kube-system/coredns -> ip:169.254.169.254 80: true',
    ]);
    expect(out[5].reasons[0]).to.match(/denied by GlobalNetworkPolicy platform\.deny-imds-egress/);
  });

  it('--stack with --base-policies: what the files change on top of the stack baseline', async () => {
    const dir = scratchDir();
    try {
      fs.writeFileSync(path.join(dir, 'open.yaml'), dump({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'open-orders', namespace: 'orders' }, spec: { podSelector: {}, ingress: [{}] } }));
      // a base that changes nothing of the stack's (an empty file is refused: NO_OBJECTS)
      fs.writeFileSync(path.join(dir, 'none.yaml'), dump({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'nothing', namespace: 'elsewhere' }, spec: { podSelector: { matchLabels: { none: 'none' } }, ingress: [{}] } }));
      const r = await aksnetInProcess(['reach', '--stack', 'prod', '--policies', path.join(dir, 'open.yaml'), '--base-policies', path.join(dir, 'none.yaml'), '--pods', path.join(REACH, 'prod-pods.yaml'), '--format', 'json']);
      expect(r.status, r.stderr).to.equal(0);
      const diff = JSON.parse(r.stdout);
      // opening orders' ingress to everyone: coredns and debug gain orders/api 8080 (their egress is
      // not isolated); storefront/web already had it; orders/api's own egress is isolated by its baseline
      expect(diff.gained.map((c: any) => `${c.from} -> ${c.to} ${c.port}`)).to.deep.equal(['kube-system/coredns -> orders/api 8080', 'tools/debug -> orders/api 8080']);
      expect(diff.lost).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 for unusable input: bad pods file, unknown probe endpoint, invalid policy', async () => {
    const dir = scratchDir();
    try {
      fs.writeFileSync(path.join(dir, 'pods.json'), JSON.stringify({ pods: [{ namespace: 'a', name: 'b', ports: [{ port: 'http' }] }] }));
      fs.writeFileSync(path.join(dir, 'probes.json'), JSON.stringify([{ from: 'shop/nope', to: 'shop/web', port: 80, protocol: 'TCP' }]));
      fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata: {name: x}\nspec: {selector: "a = b", types: [Ingress]}\n');
      const cases: [string[], RegExp][] = [
        [['reach', '--policies', path.join(REACH, 'policies.yaml'), '--pods', 'pods.json'], /pods\.json: pods\[0\]\.ports\[0\]\.port: expected a port number.*\[INVALID_PODS\]/],
        [[...args, '--probes', 'probes.json'], /probes\.json: \[0\]\.from: "shop\/nope" is not a pod.*\[INVALID_PROBES\]/],
        [['reach', '--policies', 'bad.yaml', '--pods', path.join(REACH, 'pods.json')], /bad\.yaml: doc 1 spec\.selector: .*\[CALICO_SELECTOR_INVALID\] \[INVALID_POLICY\]/],
        [['reach', '--pods', 'pods.json'], /--policies/],
      ];
      await expectUnusable(cases, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on a misspelled pods-file key or a bad address, naming the file and path (a typo must not change the answer silently)', async () => {
    const dir = scratchDir();
    try {
      const pod = { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.1.10', ports: [{ port: 8080, protocol: 'TCP' }] };
      fs.writeFileSync(path.join(dir, 'label.json'), JSON.stringify({ pods: [{ ...pod, labels: undefined, label: { app: 'web' } }] }));
      fs.writeFileSync(path.join(dir, 'portkey.json'), JSON.stringify({ pods: [{ ...pod, ports: [{ prot: 8080 }] }] }));
      fs.writeFileSync(path.join(dir, 'ip.json'), JSON.stringify({ pods: [{ ...pod, ip: '10.244.1.999' }] }));
      fs.writeFileSync(path.join(dir, 'probes.json'), JSON.stringify([{ from: 'ip:nope', to: 'shop/web', port: 8080, protocol: 'TCP' }]));
      const reach = (pods: string, more: string[] = []) => ['reach', '--policies', path.join(REACH, 'policies.yaml'), '--pods', pods, ...more];
      const cases: [string[], RegExp][] = [
        [reach('label.json'), /label\.json: pods\[0\]\.label: unknown field "label".*\[INVALID_PODS\]/],
        [reach('portkey.json'), /portkey\.json: pods\[0\]\.ports\[0\]\.prot: unknown field "prot".*\[INVALID_PODS\]/],
        [reach('ip.json'), /ip\.json: pods\[0\]\.ip: "10\.244\.1\.999" is not an IP address \[INVALID_PODS\]/],
        [reach(path.join(REACH, 'pods.json'), ['--probes', 'probes.json']), /probes\.json: \[0\]\.from: "nope" is not an IP address \[INVALID_PROBES\]/],
      ];
      await expectUnusable(cases, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('validate and reach load no Pulumi; plan does not load netpol', () => {
  it('the netpol bundle requires no @pulumi package and the main bundle holds no ajv schemas or kubernetes-models', async () => {
    aksnet(['--version']); // builds dist/ when stale
    const netpol = fs.readFileSync(path.join(ROOT, 'dist', 'netpol.js'), 'utf8');
    const main = fs.readFileSync(path.join(ROOT, 'dist', 'aksnet.js'), 'utf8');
    expect(netpol).to.not.match(/require\(["']@pulumi/);
    expect(main).to.not.match(/require\(["']@pulumi/);
    expect(main).to.not.include('kubernetes-models');
    expect(main).to.not.include('x-kubernetes-int-or-string'); // the CRD schemas and their validators
    expect(netpol).to.include('x-kubernetes-int-or-string');
    // the CRD validators are generated code (netpol/schemas/generate-validators.js): of ajv the bundle
    // requires the runtime helpers that code calls, never the compiler
    expect(netpol.match(/require\("ajv[^"]*"\)/g) ?? []).to.satisfy((rs: string[]) => rs.length > 0 && rs.every((r) => r.startsWith('require("ajv/dist/runtime/')));
  });

  it('dist/netpol.js runs on its own, and validating Calico, AdminNetworkPolicy, Gateway API and Kubernetes objects loads no schema compiler, no schema JSON and nothing the schemas do not use', () => {
    aksnet(['--version']); // builds dist/ when stale
    const dir = scratchDir();
    try {
      const gateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'api', namespace: 'shop' }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', port: 8080 }] }] } };
      fs.writeFileSync(path.join(dir, 'route.yaml'), dump(gateway));
      const files = [...calicoFiles(), path.join(ROOT, 'test', 'fixtures', 'network-policy-api', 'api_integration', 'standard-anp-np-banp.yaml'), path.join(dir, 'route.yaml')];
      const script = `const cli = require(${JSON.stringify(path.join(ROOT, 'dist', 'netpol.js'))});
        process.exitCode = cli.runValidate(${JSON.stringify(files)}, { format: 'text' });
        process.stderr.write(Object.keys(require.cache).join('\\n'));`;
      const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^10 objects in 8 files: 0 errors, 0 warnings\n$/);
      const loaded = r.stderr.split('\n');
      expect(loaded.filter((m) => /[/\\]ajv[/\\]dist[/\\]runtime[/\\]/.test(m))).to.not.deep.equal([]); // the check did run the generated validators
      expect(loaded.filter((m) => /[/\\]ajv[/\\]dist[/\\](ajv|core|compile)/.test(m) || /-crds\.json$/.test(m))).to.deep.equal([]);
      // kubernetes-models checked the NetworkPolicy without the formats and locales no Kubernetes schema uses (netpol/k8sModelsRuntime.ts)
      expect(loaded.filter((m) => /[/\\]kubernetes-models[/\\]networking\.k8s\.io[/\\]v1[/\\]NetworkPolicy\.js$/.test(m))).to.have.length(1);
      expect(loaded.filter((m) => /[/\\](ajv-formats-draft2019|ajv-i18n|uri-js|smtp-address-parser|is-cidr)[/\\]/.test(m))).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aksnet validate and reach: what a cluster can hold, and whose semantics decide', () => {
  let dir: string;
  beforeEach(() => (dir = scratchDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const np = (ns: string, name: string, spec: unknown = { podSelector: {}, policyTypes: ['Ingress'] }) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
  const write = (name: string, objects: unknown[]) => {
    fs.writeFileSync(path.join(dir, name), objects.map((o) => dump(o)).join('---\n'));
    return path.join(dir, name);
  };

  it('two objects with one (kind, namespace, name) across the inputs: OBJECT_DUPLICATE naming both places (validate exit 1, reach exit 2)', () => {
    write('a.yaml', [np('shop', 'deny'), np('pay', 'deny')]);
    write('b.yaml', [np('shop', 'deny', { podSelector: {}, ingress: [{}] })]);
    const r = aksnet(['validate', 'a.yaml', 'b.yaml'], dir);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include('b.yaml: doc 1 NetworkPolicy/deny metadata.name: NetworkPolicy shop/deny is also a.yaml: doc 1; the API server keeps one object per kind, namespace and name (the later apply replaces the first) [OBJECT_DUPLICATE]');
    const reach = aksnet(['reach', '--policies', 'a.yaml', 'b.yaml', '--pods', path.join(REACH, 'pods.json')], dir);
    expect(reach.status).to.equal(2);
    expect(reach.stderr).to.match(/b\.yaml: doc 1 metadata\.name: NetworkPolicy shop\/deny is also a\.yaml: doc 1.*\[OBJECT_DUPLICATE\] \[INVALID_POLICY\]/);
    expect(hasStackTrace(reach.stderr)).to.equal(false);
  });

  it('an input file with no objects is an error of its own (NO_OBJECTS, exit 2): a bad glob in CI does not pass', () => {
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '# nothing here\n');
    fs.writeFileSync(path.join(dir, 'list.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }));
    for (const f of ['empty.yaml', 'list.json']) {
      const r = aksnet(['validate', f], dir);
      expect(r.status, f).to.equal(2);
      expect(r.stderr).to.match(new RegExp(`^aksnet: ${f.replace('.', '\\.')}: holds no objects .*\\[NO_OBJECTS\\]$`, 'm'));
    }
  });

  it('--engine cilium: an ipBlock over pod addresses selects no pod (warning ENGINE_IPBLOCK_CLUSTER); calico allows the same probe', () => {
    write('p.yaml', [np('shop', 'web-egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] })]);
    fs.writeFileSync(path.join(dir, 'probes.json'), JSON.stringify([{ from: 'shop/web', to: 'shop/db', port: 5432 }]));
    const pods = path.join(REACH, 'pods.json');
    const calico = aksnet(['reach', '--policies', 'p.yaml', '--pods', pods, '--probes', 'probes.json', '--format', 'json'], dir);
    const cilium = aksnet(['reach', '--engine', 'cilium', '--policies', 'p.yaml', '--pods', pods, '--probes', 'probes.json', '--format', 'json'], dir);
    expect(calico.status, calico.stderr).to.equal(0);
    expect(cilium.status, cilium.stderr).to.equal(0);
    expect(JSON.parse(calico.stdout)[0].allowed).to.equal(true);
    expect(JSON.parse(cilium.stdout)[0].allowed).to.equal(false);
    expect(cilium.stderr).to.match(/p\.yaml: doc 1 NetworkPolicy\/web-egress spec\.egress\[0\]\.to\[0\]\.ipBlock: warning: 10\.244\.0\.0\/16 covers shop\/web, shop\/db.*\[ENGINE_IPBLOCK_CLUSTER\]/);
  });

  it('Calico objects or AdminNetworkPolicy with --engine cilium or azure-npm: exit 2 (ENGINE_UNSUPPORTED_KIND); --stack takes the engine from the stack', () => {
    const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'x' }, spec: { priority: 1, subject: { namespaces: {} }, ingress: [{ name: 'r', action: 'Deny', from: [{ namespaces: {} }] }] } };
    write('anp.yaml', [anp]);
    const pods = path.join(REACH, 'pods.json');
    for (const engine of ['cilium', 'azure-npm']) {
      const r = aksnet(['reach', '--engine', engine, '--policies', 'anp.yaml', path.join(CALICO, '05-tier-platform.yaml'), '--pods', pods], dir);
      expect(r.status, engine).to.equal(2);
      expect(r.stderr).to.match(/anp\.yaml: doc 1 kind: AdminNetworkPolicy: .*\[ENGINE_UNSUPPORTED_KIND\]/);
      expect(r.stderr).to.match(/05-tier-platform\.yaml: doc 1 apiVersion: Tier .* is a Calico object.*\[ENGINE_UNSUPPORTED_KIND\]/);
    }
    expect(aksnet(['reach', '--engine', 'calico', '--calico-version', '3.28', '--policies', 'anp.yaml', '--pods', pods], dir).stderr).to.match(/Calico enforces it from 3\.29.*\[ENGINE_UNSUPPORTED_KIND\]/);
    expect(aksnet(['reach', '--engine', 'calico', '--calico-version', '3.29', '--policies', 'anp.yaml', '--pods', pods], dir).status).to.equal(0);
    // dev runs Cilium (networkPolicy: cilium): its engine refuses the ANP; naming another engine is refused too
    const dev = aksnet(['reach', '--stack', 'dev', '--policies', path.join(dir, 'anp.yaml'), '--pods', pods]);
    expect(dev.status).to.equal(2);
    expect(dev.stderr).to.match(/Cilium does not implement it/);
    const both = aksnet(['reach', '--stack', 'dev', '--engine', 'calico', '--pods', pods]);
    expect(both.status).to.equal(2);
    expect(both.stderr).to.match(/stack dev runs cilium.*\[INVALID_ARGUMENT\]/);
  });

  it('AdminNetworkPolicy and BaselineAdminNetworkPolicy with NetworkPolicies and Calico tiers: the fixture probes answer as they expect (exit 0)', () => {
    const r = aksnet(['reach', '--policies', 'policies.yaml', 'admin-policies.yaml', '--pods', 'pods.json', '--probes', 'admin-probes.json'], REACH);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.match(/^      ingress to payments\/api: denied by AdminNetworkPolicy shop-not-to-payments ingress\[0\] "deny-from-shop" \(Deny\)$/m);
  });

  it('--stack dev (Cilium): storefront/web -> tools/dbg 80 through an egress ipBlock over the pod range is denied, as Cilium denies it', () => {
    // Pulumi.dev.yaml: networkPolicy cilium, podCidr 10.244.0.0/16; its baseline isolates storefront
    fs.writeFileSync(path.join(dir, 'pods.json'), JSON.stringify({ pods: [{ namespace: 'storefront', name: 'web', labels: { app: 'web' }, ip: '10.244.1.5', ports: [{ port: 8080 }] }, { namespace: 'tools', name: 'dbg', ip: '10.244.2.7', ports: [{ port: 80 }] }] }));
    write('ipblock.yaml', [np('storefront', 'to-pod-range', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] })]);
    fs.writeFileSync(path.join(dir, 'probes.json'), JSON.stringify([{ from: 'storefront/web', to: 'tools/dbg', port: 80, expect: false }]));
    const r = aksnet(['reach', '--stack', 'dev', '--policies', path.join(dir, 'ipblock.yaml'), '--pods', path.join(dir, 'pods.json'), '--probes', path.join(dir, 'probes.json')]);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^DENY  storefront\/web -> tools\/dbg 80\/TCP$/m);
    expect(r.stderr).to.match(/\[ENGINE_IPBLOCK_CLUSTER\]/);
  });

  it('the matrix has a row per node of the pods file; a node reaches its own pods (○) whatever the policies say', () => {
    fs.writeFileSync(path.join(dir, 'pods.json'), JSON.stringify({ nodes: { n1: { ip: '10.224.0.4' } }, pods: [{ namespace: 'a', name: 'p', node: 'n1', ip: '10.244.0.9', ports: [{ port: 80 }] }, { namespace: 'a', name: 'q', ip: '10.244.0.10', ports: [{ port: 80 }] }] }));
    write('deny.yaml', [np('a', 'deny')]);
    const r = aksnet(['reach', '--policies', 'deny.yaml', '--pods', 'pods.json'], dir);
    expect(r.status, r.stderr).to.equal(0);
    // columns a/p 80, a/q 80; a/p -> itself ○; node n1 -> a/p ○ (p runs on n1), -> a/q denied
    expect(r.stdout).to.match(/^a\/p +○ ·$/m);
    expect(r.stdout).to.match(/^a\/q +· ○$/m);
    expect(r.stdout).to.match(/^node:n1 +○ ·$/m);
    expect(r.stdout).to.include('3 of 6 connections allowed');
  });
});
