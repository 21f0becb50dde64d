// docs/configuration.md documents every key the config schemas accept: a key added to a schema
// without a line in the reference fails here. Keys are read from the zod schemas themselves
// (planner/config.ts, design/clusterConfig.ts, netpol/policyConfig.ts, design/ingress/config.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { load } from 'js-yaml';
import { networkConfigSchema } from '../planner/config';
import { planNetwork } from '../planner/plan';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { clusterConfigSchema } from '../design/clusterConfig';
import { policyConfigSchema } from '../netpol/policyConfig';
import { ingressConfigSchema } from '../design/ingress/config';

const ROOT = path.resolve(__dirname, '..');

/** Every object key anywhere in a zod (v4) schema, walking through optional, array, union, record, pipe. */
export function schemaKeys(schema: unknown, out = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return out;
  seen.add(schema);
  const def = (schema as { _zod?: { def?: Record<string, any> } })._zod?.def;
  if (!def) return out;
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
      out.add(key);
      schemaKeys(value, out, seen);
    }
  }
  for (const inner of [def.innerType, def.element, def.valueType, def.in, def.out, def.left, def.right, ...(def.options ?? [])]) {
    schemaKeys(inner, out, seen);
  }
  if (def.type === 'lazy' && typeof def.getter === 'function') schemaKeys(def.getter(), out, seen);
  return out;
}

/** Words inside the inline code spans of the page's prose and tables (a YAML example does not count). */
function codeWords(markdown: string): Set<string> {
  const words = new Set<string>();
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) for (const w of m[1].split(/[^A-Za-z0-9_]+/)) if (w) words.add(w);
  return words;
}

describe('docs/configuration.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'configuration.md'), 'utf8');
  const documented = codeWords(doc);

  it('reads the keys from the schemas (the walker is not vacuous)', () => {
    const keys = schemaKeys(networkConfigSchema());
    // keys at three depths: top level, subnets[], nodePools[], byoCni, userDefinedRouting
    for (const k of ['addressSpace', 'prefixLength', 'maxSurge', 'blockSize', 'nextHopIp']) expect(keys, k).to.include(k);
    expect([...codeWords('a `{ name, cidr? }` and `apiServer.private`\n```yaml\nhidden: 1\n```\n')]).to.deep.equal(['name', 'cidr', 'apiServer', 'private']);
  });

  const schemas: [string, unknown][] = [
    ['aks-networking:network', networkConfigSchema()],
    ['aks-networking:cluster', clusterConfigSchema()],
    ['aks-networking:policy', policyConfigSchema],
    ['aks-networking:ingress', ingressConfigSchema()],
  ];
  for (const [key, schema] of schemas) {
    it(`documents every key of ${key}`, () => {
      expect(doc).to.include(`\`${key}\``);
      const missing = [...schemaKeys(schema)].filter((k) => !documented.has(k));
      expect(missing, `keys of ${key} missing from docs/configuration.md`).to.deep.equal([]);
    });
  }

  it('shows YAML examples the schemas accept, one per key', () => {
    const blocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => load(m[1]) as Record<string, unknown>);
    const shown = new Set<string>();
    for (const block of blocks) {
      for (const [key, value] of Object.entries(block)) {
        const schema = schemas.find(([k]) => k === key)?.[1] as { safeParse(v: unknown): { success: boolean; error?: unknown } } | undefined;
        expect(schema, `a YAML example under an unknown key ${key}`).to.not.equal(undefined);
        const result = schema!.safeParse(value);
        expect(result.success, `${key}: ${JSON.stringify(result.error)}`).to.equal(true);
        shown.add(key);
        if (key === 'aks-networking:network') {
          // and it is a green plan, not only well-formed
          const v = validateNetworkConfig(value);
          expect(v.ok, JSON.stringify(v)).to.equal(true);
          const plan = planNetwork((v as { network: ResolvedNetwork }).network);
          expect(plan.findings.filter((f) => f.severity === 'error')).to.deep.equal([]);
        }
      }
    }
    expect([...shown].sort()).to.deep.equal(schemas.map(([k]) => k).sort());
  });

  it('documents the secret and the region the program reads', () => {
    expect(doc).to.include('`aks-networking:windowsAdminPassword`');
    expect(doc).to.include('`azure-native:location`');
  });
});

describe('docs: pinned charts', () => {
  // the chart tables in docs/network-policy.md and docs/configuration.md name the versions the code pins
  it('state the chart versions and repositories design/ pins', async () => {
    const { CNI_CHARTS } = await import('../design/cniCharts');
    const { HAPROXY_CHART } = await import('../design/ingress/haproxy');
    const { NGINX_CHART } = await import('../design/ingress/nginx');
    const netpol = fs.readFileSync(path.join(ROOT, 'docs', 'network-policy.md'), 'utf8');
    const config = fs.readFileSync(path.join(ROOT, 'docs', 'configuration.md'), 'utf8');
    for (const pin of Object.values(CNI_CHARTS)) {
      expect(netpol, pin.chart).to.include(`\`${pin.chart}\` (\`${pin.repo}\`, \`${pin.version}\`)`);
    }
    for (const pin of [HAPROXY_CHART, NGINX_CHART]) expect(config, pin.chart).to.include(`chart ${pin.version}`);
  });
});
