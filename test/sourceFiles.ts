// The TypeScript files of the product, for tests that read the sources themselves (the catalog's
// code scan, the user-facing text check).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

/** Every .ts file at or below each root (paths relative to the repository, node_modules skipped). */
export function typeScriptFiles(roots: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (p: string) => {
    const full = path.join(ROOT, p);
    if (fs.statSync(full).isDirectory()) {
      for (const f of fs.readdirSync(full)) if (f !== 'node_modules') visit(path.join(p, f));
    } else if (p.endsWith('.ts')) files.push(p);
  };
  roots.forEach(visit);
  return files;
}
