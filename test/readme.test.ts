// README links (issue 7): a link may point at a public URL, an anchor, or a file of this repository;
// never outside it (the fact sheet under ../shared does not ship with the repository).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** Inline link and image targets, `[text](target)`, and reference definitions, `[id]: target`. */
function linkTargets(markdown: string): string[] {
  const inline = [...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const refs = [...markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((m) => m[1]);
  return [...inline, ...refs];
}

describe('README links', () => {
  it('finds the links it checks (the parser is not vacuous)', () => {
    expect(linkTargets('see [a](https://x.example/a), [b](docs/b.md#c) and\n[c]: ../shared/x.md "t"\n')).to.deep.equal([
      'https://x.example/a',
      'docs/b.md#c',
      '../shared/x.md',
    ]);
    expect(linkTargets(readme).length).to.be.greaterThan(10);
  });

  it('points only at public URLs, anchors, or files inside the repository that exist', () => {
    const bad = linkTargets(readme)
      .filter((t) => !/^(https?:|mailto:|#)/.test(t))
      .filter((t) => {
        const file = path.resolve(root, decodeURIComponent(t.split('#')[0]));
        return !file.startsWith(root + path.sep) || !fs.existsSync(file);
      });
    expect(bad).to.deep.equal([]);
  });
});
