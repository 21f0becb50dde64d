// `aksnet explain CODE`: what a finding code means, why, the fix and public sources, from the
// findings catalog (findings/). Its own bundle (dist/explain.js), loaded only when it runs: the
// catalog is text `plan` does not need at start-up.
import { closestCodes, findEntry } from '../findings/catalog';
import { entryJson, entryText } from '../findings/render';
import { InputError } from './inputError';

export const EXPLAIN_FORMATS = ['text', 'json'] as const;

export interface ExplainOptions {
  format: (typeof EXPLAIN_FORMATS)[number];
}

/** Prints the entry and returns 0; an unknown code is an InputError (exit 2) naming the closest codes. */
export function runExplain(code: string, options: ExplainOptions): number {
  const entry = findEntry(code);
  if (!entry) {
    const near = closestCodes(code);
    const hint = near.length > 0 ? `; closest: ${near.join(', ')}` : '; docs/findings.md lists every code';
    throw new InputError([{ code: 'UNKNOWN_CODE', message: `no finding code "${code}" in the catalog${hint}` }]);
  }
  process.stdout.write(options.format === 'json' ? entryJson(entry) : entryText(entry));
  return 0;
}
