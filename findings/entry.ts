// The shape of one catalog entry. findings/ imports nothing of the project (dependency-cruiser rule
// findings-imports-nothing), so `aksnet explain` and docs/findings.md load only this folder.

export type CatalogSeverity = 'error' | 'warning' | 'info';

/** Which part of the project emits a code: the docs group entries by it. */
export type CatalogArea = 'planner' | 'stack' | 'ingress' | 'diff' | 'netpol' | 'migrate' | 'usage' | 'cli' | 'policy';

export interface CatalogEntryBody {
  /** the severity the code has unless the message says otherwise (several codes are an error in one case and a warning in another) */
  severity: CatalogSeverity;
  /** one line */
  title: string;
  /** what it means, and why Azure, Kubernetes or the CNI behaves so */
  meaning: string;
  /** what to change */
  fix: string;
  /** public URLs: Microsoft Learn, kubernetes.io, docs.tigera.io, GitHub issues */
  sources: readonly string[];
  /**
   * Set only when no source file names the code as a literal (the stale-entry test then trusts this
   * note instead of finding the emitter).
   */
  emittedBy?: string;
}

export interface CatalogEntry extends CatalogEntryBody {
  code: string;
  area: CatalogArea;
}

/** The entries of one area, keyed by code: a code can appear only once per file. */
export type AreaEntries = Readonly<Record<string, CatalogEntryBody>>;

export function entriesOf(area: CatalogArea, entries: AreaEntries): CatalogEntry[] {
  return Object.entries(entries).map(([code, body]) => ({ code, area, ...body }));
}
