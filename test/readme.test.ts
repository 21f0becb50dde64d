// README.md and docs/*.md (issues 7 and 14): a link may point at a public URL, an anchor that exists,
// or a file of this repository that exists; never outside it (nothing outside the repository ships
// with it). The README stays an entry page: at most 300 lines, with the two commands a new user runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';

const root = path.resolve(__dirname, '..');

/** README.md and every Markdown page under docs/, as paths relative to the root. */
function docPages(): string[] {
  const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The Markdown outside fenced code blocks (a `](x)` inside a code block is not a link). */
function prose(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m && (fence === null || (m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]))) {
      fence = fence === null ? m[1] : null;
      continue;
    }
    if (fence === null) out.push(line);
  }
  return out.join('\n');
}

/** Inline link and image targets, `[text](target)`, and reference definitions, `[id]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '``'); // inline code is not a link either
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const refs = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((m) => m[1]);
  return [...inline, ...refs];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(markdown).matchAll(/^ {0,3}(?:>\s*)?#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Links that are neither public URLs nor existing files and anchors inside the repository. */
function badLinks(file: string, text = read(file)): string[] {
  const dir = path.dirname(path.join(root, file));
  return linkTargets(text).filter((t) => {
    if (/^(https?:|mailto:)/.test(t)) return false;
    const [target, anchor] = t.split('#');
    if (!target) return anchor !== undefined && !anchors(text).has(decodeURIComponent(anchor)); // same page
    const resolved = path.resolve(dir, decodeURIComponent(target));
    if (!resolved.startsWith(root + path.sep) || !fs.existsSync(resolved)) return true;
    if (anchor === undefined) return false;
    if (!resolved.endsWith('.md')) return true; // an anchor into a non-Markdown file cannot be checked
    return !anchors(fs.readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor));
  });
}

describe('README and docs links', () => {
  it('finds the links and anchors it checks (the parsers are not vacuous)', () => {
    expect(linkTargets('see [a](https://x.example/a), [b](docs/b.md#c) and\n[c]: ../shared/x.md "t"\n```\n[d](no.md)\n```\n`[e](no.md)`\n')).to.deep.equal([
      'https://x.example/a',
      'docs/b.md#c',
      '../shared/x.md',
    ]);
    expect([...anchors('# CLI reference: `aksnet`\n## aksnet plan\n## aksnet plan\n### Network (`aks-networking:network`)\n```\n# not a heading\n```\n')]).to.deep.equal([
      'cli-reference-aksnet',
      'aksnet-plan',
      'aksnet-plan-1',
      'network-aks-networkingnetwork',
    ]);
    expect(linkTargets(read('README.md')).length).to.be.greaterThan(10);
    expect(docPages().length).to.be.greaterThan(5);
  });

  for (const file of docPages()) {
    it(`${file}: points only at public URLs, or files and anchors inside the repository that exist`, () => {
      expect(badLinks(file)).to.deep.equal([]);
    });
  }

  it('a link outside the repository, to a missing file or to a missing anchor is caught', () => {
    const text = '[x](../../shared/reference/aks-networking-rules.md) [y](nope.md) [z](cli.md#no-such-heading) [ok](cli.md#aksnet-plan) [self](#top)\n# Top\n';
    expect(badLinks('docs/example.md', text)).to.deep.equal(['../../shared/reference/aks-networking-rules.md', 'nope.md', 'cli.md#no-such-heading']);
  });
});

describe('README and docs text', () => {
  it('README.md is an entry page: at most 300 lines, with the quick start commands', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).to.be.at.most(300);
    expect(readme).to.include('npm ci && npm run plan');
    expect(readme).to.include('npm test');
  });

  it('name only repository files that exist (`planner/plan.ts`, `test/fixtures/...` in backticks)', () => {
    const folders = 'planner|netpol|design|components|report|cli|policies|findings|test|examples|bench|scripts|docs|\\.github';
    const pathLike = new RegExp(`^(?:${folders})/[\\w./-]*$`);
    const missing: string[] = [];
    for (const file of docPages()) {
      for (const m of read(file).matchAll(/`([^`\s]+)`/g)) {
        const p = m[1].replace(/[.,:;]+$/, '');
        if (pathLike.test(p) && !fs.existsSync(path.join(root, p))) missing.push(`${file}: ${p}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('cite no private document: no `§` sections and no ../shared paths, in prose or in shown output', () => {
    for (const file of docPages()) {
      const text = read(file);
      expect(text, file).not.to.include('§');
      expect(text, file).not.to.include('../shared');
    }
  });
});
