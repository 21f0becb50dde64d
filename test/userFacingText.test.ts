// User-facing text cites no private document: no string in the product's sources (messages, report
// lines, help) contains "§" or a bracketed source key such as "[update]" or "[§9]", and no code
// comment cites a "§" section or the shared fact sheets; comments cite public URLs instead, and a
// finding's sources live in the findings catalog (aksnet explain CODE).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './cliHarness';
import { typeScriptFiles } from './sourceFiles';

const FOLDERS = ['index.ts', 'planner', 'netpol', 'design', 'usage', 'components', 'report', 'cli', 'policies', 'findings'];

/**
 * The short source names of the private fact sheets ([ipplan], [update], …): a string that shows one
 * in brackets or parentheses cites a document users do not have.
 */
const SOURCE_KEYS = [
  'ipplan', 'legacy', 'kubenet', 'ovlc', 'ovl', 'expand', 'podsub', 'dyn', 'sb', 'cniov', 'planpod', 'byo', 'rolling', 'upcap',
  'large', 'quotas', 'tiers', 'pools', 'uniq', 'update', 'netpol', 'cilium-aks', 'ingress', 'approuting', 'approuting-gw',
  'insuff', 'vnetfaq', 'appgw-infra', 'agic-tut', 'calico-ippool', 'flannel-conf', 'cilium-pool', 'cilium-helm', 'egress', 'udr',
  'winc', 'lts', 'perms', 'names', 'aksfaq', 'netlimits', 'ilb', 'staticip', 'lbstd', 'cpa-lb', 'arnginx', 'ingn-retire', 'ingn',
  'agic', 'agic-exist', 'hap-chart', 'rules',
];
const KEY = `(?:${SOURCE_KEYS.join('|')})`;
/** "[update]", "([update])", "[update, netpol]" in square brackets ("(egress)" is plain English; "[rules §1]" has a §) */
const BRACKETED_KEY = new RegExp(`\\[${KEY}(?:[ ,]+${KEY})*\\]`);

function productFiles(): string[] {
  return typeScriptFiles(FOLDERS);
}

/** Every string literal and template text of a file, with its line. */
function stringsOf(file: string, text: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** Every comment of a file, with its line (the scanner sees each once). */
function commentsOf(text: string): { line: number; text: string }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const out: { line: number; text: string }[] = [];
  let line = 1;
  let last = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    // template literals need the rescan to get past `${...}` parts
    if (kind === ts.SyntaxKind.CloseBraceToken) scanner.reScanTemplateToken(false);
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) scanner.reScanSlashToken();
    const start = scanner.getTokenStart();
    line += (text.slice(last, start).match(/\n/g) ?? []).length;
    last = start;
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) out.push({ line, text: scanner.getTokenText() });
  }
  return out;
}

export function privateCitationsIn(text: string): boolean {
  return text.includes('§') || BRACKETED_KEY.test(text);
}

describe('user-facing text cites no private document', () => {
  const files = productFiles().map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));

  it('recognises a citation: "§", "[update]", "([update])", "[rules §1]"; not "[secret]", "nodes[0]" or "(egress)"', () => {
    for (const s of ['see [§9]', 'AKS moves it ([update])', 'reserved [vnetfaq, ovlc]', 'kept [rules §1]']) expect(privateCitationsIn(s), s).to.equal(true);
    for (const s of ['[secret]', 'nodePools[0].maxPods', '[INVALID_ARGUMENT]', 'https://learn.microsoft.com/azure/aks/update-azure-cni', 'the direction (egress)']) expect(privateCitationsIn(s), s).to.equal(false);
  });

  it('no string in the product sources contains "§" or a bracketed source key', () => {
    const hits = files.flatMap(({ file, text }) => stringsOf(file, text).filter((s) => privateCitationsIn(s.text)).map((s) => `${file}:${s.line}: ${s.text}`));
    expect(hits).to.deep.equal([]);
  });

  it('no code comment cites a "§" section or the shared fact sheets (cite the public URL)', () => {
    const hits = files.flatMap(({ file, text }) =>
      commentsOf(text)
        .filter((c) => c.text.includes('§') || /shared\/reference|aks-networking-rules\.md|fact sheet/.test(c.text) || BRACKETED_KEY.test(c.text))
        .map((c) => `${file}:${c.line}: ${c.text.split('\n')[0].slice(0, 120)}`),
    );
    expect(hits).to.deep.equal([]);
  });
});
