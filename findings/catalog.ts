// The findings catalog: every code the project can emit (planner, stack and ingress findings, diff,
// policy objects and baseline, migrate preconditions, live usage and drift, CLI input problems, policy pack rules), with a
// title, what it means and why, the fix, and public sources. `aksnet explain CODE` prints an entry;
// docs/findings.md is generated from it (npm run docs:findings). To add a code, add its entry to the
// file of its area; test/findings.catalog.test.ts fails for an emitted code with no entry.
import { CLI_ENTRIES } from './cli';
import { INGRESS_ENTRIES, STACK_ENTRIES } from './design';
import { DIFF_ENTRIES } from './diff';
import { entriesOf, type CatalogArea, type CatalogEntry } from './entry';
import { MIGRATE_ENTRIES } from './migrate';
import { OBJECT_CHECK_ENTRIES, POLICY_BASELINE_ENTRIES } from './netpol';
import { PLANNER_ENTRIES } from './planner';
import { POLICY_PACK_ENTRIES } from './policies';
import { USAGE_ENTRIES } from './usage';

export type { CatalogArea, CatalogEntry, CatalogSeverity } from './entry';

/** Every code in the catalog, as a type: tests check the emitters' code unions against it. */
export type CatalogCode =
  | keyof typeof PLANNER_ENTRIES
  | keyof typeof STACK_ENTRIES
  | keyof typeof INGRESS_ENTRIES
  | keyof typeof DIFF_ENTRIES
  | keyof typeof OBJECT_CHECK_ENTRIES
  | keyof typeof POLICY_BASELINE_ENTRIES
  | keyof typeof MIGRATE_ENTRIES
  | keyof typeof USAGE_ENTRIES
  | keyof typeof CLI_ENTRIES
  | keyof typeof POLICY_PACK_ENTRIES;

/** In the order the docs list them. */
export const AREAS: readonly { area: CatalogArea; heading: string }[] = [
  { area: 'planner', heading: 'Address planner (aksnet plan, size; the Pulumi program)' },
  { area: 'stack', heading: 'Stack findings of the Pulumi program (pulumi preview, aksnet synth)' },
  { area: 'ingress', heading: 'Ingress (aks-networking:ingress)' },
  { area: 'diff', heading: 'Plan changes (aksnet diff)' },
  { area: 'netpol', heading: 'Policy objects and baseline (aksnet validate, reach; aks-networking:policy)' },
  { area: 'migrate', heading: 'Migration preconditions (aksnet migrate)' },
  { area: 'usage', heading: 'Live usage and drift (aksnet usage)' },
  { area: 'cli', heading: 'Command-line input (exit status 2)' },
  { area: 'policy', heading: 'Policy pack rules (pulumi preview --policy-pack policies)' },
];

export const CATALOG: readonly CatalogEntry[] = [
  ...entriesOf('planner', PLANNER_ENTRIES),
  ...entriesOf('stack', STACK_ENTRIES),
  ...entriesOf('ingress', INGRESS_ENTRIES),
  ...entriesOf('diff', DIFF_ENTRIES),
  ...entriesOf('netpol', OBJECT_CHECK_ENTRIES),
  ...entriesOf('netpol', POLICY_BASELINE_ENTRIES),
  ...entriesOf('migrate', MIGRATE_ENTRIES),
  ...entriesOf('usage', USAGE_ENTRIES),
  ...entriesOf('cli', CLI_ENTRIES),
  ...entriesOf('policy', POLICY_PACK_ENTRIES),
];

const BY_CODE = new Map(CATALOG.map((e) => [e.code, e]));

/** The entry of a code; also found case-insensitively and with "-" for "_" (subnet-exhausted). */
export function findEntry(code: string): CatalogEntry | undefined {
  const exact = BY_CODE.get(code);
  if (exact) return exact;
  const key = normalize(code);
  return CATALOG.find((e) => normalize(e.code) === key);
}

/**
 * The known codes closest to an unknown one: codes it is a prefix or part of first, then those at
 * the smallest edit distance (at most a third of the code's length, so "FOO" suggests nothing far).
 */
export function closestCodes(code: string, limit = 3): string[] {
  const key = normalize(code);
  if (key === '') return [];
  const containing = CATALOG.filter((e) => normalize(e.code).includes(key)).map((e) => e.code);
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  const near = CATALOG.map((e) => ({ code: e.code, d: editDistance(key, normalize(e.code)) }))
    .filter((x) => x.d <= maxDistance && !containing.includes(x.code))
    .sort((a, b) => a.d - b.d || a.code.localeCompare(b.code))
    .map((x) => x.code);
  return [...containing.sort((a, b) => a.length - b.length || a.localeCompare(b)), ...near].slice(0, limit);
}

function normalize(code: string): string {
  return code.trim().toUpperCase().replace(/-/g, '_');
}

/** Levenshtein distance (insert, delete, substitute), one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
