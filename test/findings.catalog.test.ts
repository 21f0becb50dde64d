// The findings catalog (findings/) is complete, has no stale entries, and `aksnet explain` answers
// for every code.
//  - Completeness is checked twice: by the compiler (each emitter's code union must be a subset of
//    CatalogCode, below) and by a scan of every source file for codes written as string literals
//    ('SUBNET_EXHAUSTED', "[INVALID_ARGUMENT]") and for the policy pack's rule names.
//  - An entry that no source names is stale, unless it says who emits it (emittedBy).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InputErrorCode } from '../cli/inputError';
import type { StackFindingCode } from '../design/stackFindings';
import type { IngressFindingCode } from '../design/ingress/findingCodes';
import { CATALOG, closestCodes, editDistance, findEntry, type CatalogCode } from '../findings/catalog';
import { entryText } from '../findings/render';
import type { PolicyFindingCode } from '../netpol/baseline';
import type { FindingCode as ObjectCheckCode } from '../netpol/validate';
import type { FindingCode } from '../planner/findings';
import type { PreconditionCode } from '../planner/migrate';
import type { ConfigIssueCode } from '../planner/validate';
import type { DiffFindingCode } from '../report/diff';
import type { UsageCode } from '../usage/findings';
import type { AzureProblemCode } from '../usage/live';
import { aksnet, hasStackTrace, ROOT } from './cliHarness';
import { typeScriptFiles } from './sourceFiles';

// Compile-time completeness: `tsc --noEmit` (npm test) fails with "Type '"NEW_CODE"' does not
// satisfy the constraint" when an emitter's union gains a code the catalog lacks.
type Cataloged<C extends CatalogCode> = C;
export type CatalogCovers = [
  Cataloged<FindingCode>,
  Cataloged<StackFindingCode>,
  Cataloged<IngressFindingCode>,
  Cataloged<PolicyFindingCode>,
  Cataloged<ObjectCheckCode>,
  Cataloged<PreconditionCode>,
  Cataloged<InputErrorCode>,
  Cataloged<ConfigIssueCode>,
  Cataloged<DiffFindingCode>,
  Cataloged<UsageCode>,
  Cataloged<AzureProblemCode>,
];

/** Where the product's code lives (findings/ itself excluded: it names every code). */
const SOURCE_ROOTS = ['index.ts', 'planner', 'netpol', 'design', 'usage', 'components', 'report', 'cli', 'policies'];

/** UPPER_SNAKE string literals in the sources that are not finding codes, and why. */
const NOT_CODES: Record<string, string> = {};

function sourceFiles(): string[] {
  return typeScriptFiles(SOURCE_ROOTS);
}

/**
 * Codes a source file can emit: quoted UPPER_SNAKE literals, and "[CODE]" in message text (but not
 * `[NETWORK_KEY]` or `nets: [IMDS_CIDR]`, where the name is a constant the file declares or imports).
 */
export function codesIn(text: string): string[] {
  const codes = new Set<string>();
  for (const m of text.matchAll(/(['"`])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\1/g)) codes.add(m[2]);
  for (const m of text.matchAll(/\[([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\]/g)) {
    const declared = new RegExp(`\\b(const|let|var)\\s+${m[1]}\\b|\\bimport\\s[^;]*\\b${m[1]}\\b`).test(text);
    if (!declared) codes.add(m[1]);
  }
  return [...codes];
}

/** The policy pack's rule names (policies/pack.ts: `name: 'aks-subnet-capacity'`). */
function policyRuleNames(): string[] {
  const pack = fs.readFileSync(path.join(ROOT, 'policies/pack.ts'), 'utf8');
  return [...pack.matchAll(/\bname:\s*'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]);
}

function emittedCodes(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const code of codesIn(text)) where.set(code, [...(where.get(code) ?? []), file]);
  }
  for (const name of policyRuleNames()) where.set(name, [...(where.get(name) ?? []), 'policies/pack.ts']);
  for (const code of Object.keys(NOT_CODES)) where.delete(code);
  return where;
}

describe('findings catalog', () => {
  const emitted = emittedCodes();

  it('has an entry for every code any source file emits', () => {
    const missing = [...emitted.keys()].filter((code) => !findEntry(code) || findEntry(code)!.code !== code).map((code) => `${code} (${emitted.get(code)!.join(', ')})`);
    expect(missing, 'add these codes to findings/<area>.ts').to.deep.equal([]);
    // the scan sees the codes of every area, and the policy pack's 8 rules
    expect(emitted.has('SUBNET_EXHAUSTED') && emitted.has('INVALID_ARGUMENT') && emitted.has('CALICO_V3_API') && emitted.has('aks-subnet-capacity')).to.equal(true);
    expect(policyRuleNames()).to.have.length(9);
  });

  it('has no stale entry: every code is emitted by some source file (or says who emits it)', () => {
    const stale = CATALOG.filter((e) => !emitted.has(e.code) && !e.emittedBy).map((e) => e.code);
    expect(stale, 'remove these entries, or set emittedBy').to.deep.equal([]);
  });

  it('lists each code once, with a one-line title, meaning, fix and public sources', () => {
    const codes = CATALOG.map((e) => e.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).to.deep.equal([]);
    for (const e of CATALOG) {
      expect(e.code, e.code).to.match(/^([A-Z][A-Z0-9]*(_[A-Z0-9]+)*|[a-z][a-z0-9]*(-[a-z0-9]+)+)$/);
      expect(e.title, e.code).to.match(/^[^\n]{10,120}$/);
      expect(e.meaning.length, e.code).to.be.greaterThan(40);
      expect(e.fix.length, e.code).to.be.greaterThan(10);
      // CLI input codes (a missing file, a bad option) have no outside source; every other code cites one
      if (e.area !== 'cli') expect(e.sources.length, `${e.code} cites no source`).to.be.greaterThan(0);
      for (const s of e.sources) expect(s, e.code).to.match(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
      expect(`${e.title} ${e.meaning} ${e.fix}`, e.code).not.to.match(/§|shared\/reference|\[[a-z][a-z-]*\]/);
    }
  });

  it('finds a code case-insensitively, and suggests the closest codes for a typo', () => {
    expect(findEntry('subnet-exhausted')?.code).to.equal('SUBNET_EXHAUSTED');
    expect(findEntry('NO_SUCH_CODE')).to.equal(undefined);
    // "SUBNET_EXHAUST" is a prefix of SUBNET_EXHAUSTED only
    expect(closestCodes('SUBNET_EXHAUST')).to.deep.equal(['SUBNET_EXHAUSTED']);
    // one letter off: CIDR_OVERLAP (distance 1)
    expect(closestCodes('CIDR_OVERLAPP')[0]).to.equal('CIDR_OVERLAP');
    // "kitten" -> "sitting": 3 edits (the textbook example)
    expect(editDistance('KITTEN', 'SITTING')).to.equal(3);
    expect(closestCodes('XYZ')).to.deep.equal([]);
  });

  it('prints every entry as text with its title, meaning, fix and sources', () => {
    for (const e of CATALOG) {
      const text = entryText(e);
      expect(text.startsWith(`${e.code} (${e.severity}): ${e.title}\n`), e.code).to.equal(true);
      for (const s of e.sources) expect(text, e.code).to.include(`  ${s}\n`);
    }
  });
});

describe('aksnet explain', () => {
  it('prints an entry as text, and as JSON with --format json', () => {
    const text = aksnet(['explain', 'SUBNET_EXHAUSTED']);
    expect(text.status).to.equal(0);
    expect(text.stdout).to.equal(entryText(findEntry('SUBNET_EXHAUSTED')!));
    const json = aksnet(['explain', 'aks-subnet-capacity', '--format', 'json']);
    expect(json.status).to.equal(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).to.include({ code: 'aks-subnet-capacity', area: 'policy', severity: 'error' });
    expect(parsed.sources).to.include('https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning');
    expect(Object.keys(parsed)).to.deep.equal(['code', 'area', 'severity', 'title', 'meaning', 'fix', 'sources']);
  });

  it('exits 2 with UNKNOWN_CODE for an unknown code and names the closest codes', () => {
    const r = aksnet(['explain', 'SUBNET_EXHAUST']);
    expect(r.status).to.equal(2);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal('aksnet: no finding code "SUBNET_EXHAUST" in the catalog; closest: SUBNET_EXHAUSTED [UNKNOWN_CODE]\n');
    expect(hasStackTrace(r.stderr)).to.equal(false);
    const far = aksnet(['explain', 'XYZ']);
    expect(far.status).to.equal(2);
    expect(far.stderr).to.match(/no finding code "XYZ" in the catalog; docs\/findings\.md lists every code \[UNKNOWN_CODE\]/);
  });

  it('answers for every code of the catalog, as text and as JSON (in-process, through the CLI parser)', async function () {
    this.timeout(30_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../cli/main') as typeof import('../cli/main');
    const run = async (argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> => {
      let stdout = '';
      let stderr = '';
      const out = process.stdout.write;
      const err = process.stderr.write;
      process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
      process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
      try {
        return { status: await main(argv), stdout, stderr };
      } finally {
        process.stdout.write = out;
        process.stderr.write = err;
      }
    };
    const failures: string[] = [];
    for (const e of CATALOG) {
      const text = await run(['explain', e.code]);
      if (text.status !== 0 || text.stdout !== entryText(e) || text.stderr !== '') failures.push(`${e.code} (text): exit ${text.status} ${text.stderr}`);
      const json = await run(['explain', e.code, '--format', 'json']);
      if (json.status !== 0 || JSON.parse(json.stdout || '{}').code !== e.code) failures.push(`${e.code} (json): exit ${json.status} ${json.stderr}`);
    }
    expect(failures).to.deep.equal([]);
    expect(CATALOG.length).to.be.greaterThan(100);
    const unknown = await run(['explain', 'CIDR_OVERLAPP']);
    expect(unknown.status).to.equal(2);
    expect(unknown.stderr).to.match(/^aksnet: no finding code "CIDR_OVERLAPP" in the catalog; closest: CIDR_OVERLAP\b.*\[UNKNOWN_CODE\]\n$/);
  });

  it('keeps the catalog out of the main bundle: plan does not load it', () => {
    // bin/aksnet.js has just (re)built dist/; the catalog's text is in dist/explain.js only
    const main = fs.readFileSync(path.join(ROOT, 'dist/aksnet.js'), 'utf8');
    const explain = fs.readFileSync(path.join(ROOT, 'dist/explain.js'), 'utf8');
    const sample = findEntry('SUBNET_EXHAUSTED')!.title;
    expect(explain).to.include(sample);
    expect(main).not.to.include(sample);
  });
});
