// docs/findings.md is generated from the catalog: it must be exactly what `npm run docs:findings`
// writes now, so an entry changed without regenerating the doc fails here.
import { expect } from 'chai';
import * as fs from 'node:fs';
import { CATALOG } from '../findings/catalog';
import { catalogMarkdown } from '../findings/render';
import { FINDINGS_DOC } from '../scripts/findingsDoc';

describe('docs/findings.md', () => {
  it('is up to date with the catalog (run npm run docs:findings)', () => {
    const onDisk = fs.readFileSync(FINDINGS_DOC, 'utf8');
    expect(onDisk === catalogMarkdown(), 'docs/findings.md is stale: run npm run docs:findings').to.equal(true);
  });

  it('has a section for every code', () => {
    const doc = catalogMarkdown();
    for (const e of CATALOG) expect(doc, e.code).to.include(`\n### ${e.code}\n`);
  });
});
