// `npm run docs:findings`: writes docs/findings.md from the findings catalog (findings/*.ts).
// test/findings.doc.test.ts fails when the file is not what this script would write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogMarkdown } from '../findings/render';

export const FINDINGS_DOC = path.resolve(__dirname, '..', 'docs', 'findings.md');

if (require.main === module) {
  fs.writeFileSync(FINDINGS_DOC, catalogMarkdown());
  process.stdout.write(`wrote ${path.relative(process.cwd(), FINDINGS_DOC)}\n`);
}
