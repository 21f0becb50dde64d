// The --history file: JSON Lines, one snapshot per stack per run, appended. A snapshot keeps, per
// range, the day, what was in use, the capacity and the planned maximum, so the trend can be fitted
// and drawn later without Azure. Lines are never rewritten: a second run on the same day adds a line,
// and the newest of a day wins when the trend is fitted. Pure: text in, text out.
import type { StackUsage } from './compare';
import type { UsagePoint } from './trend';

export const HISTORY_VERSION = 1;

export interface SnapshotRange {
  key: string;
  cidr: string | null;
  unit: 'addresses' | 'blocks';
  used: number;
  capacity: number;
  planned: number;
}

export interface Snapshot {
  version: typeof HISTORY_VERSION;
  date: string;
  stack: string;
  /** an Azure read failed that run: ranges it could not read are missing */
  partial: boolean;
  ranges: SnapshotRange[];
}

export interface HistoryProblem {
  line: number;
  message: string;
}

export function snapshotOf(usage: StackUsage, date: string): Snapshot {
  const ranges = usage.ranges.flatMap((r): SnapshotRange[] => (r.used === null || r.capacity === null ? [] : [{ key: r.key, cidr: r.cidr, unit: r.unit, used: r.used, capacity: r.capacity, planned: r.planned }]));
  return { version: HISTORY_VERSION, date, stack: usage.stack, partial: !usage.complete, ranges };
}

export const snapshotLine = (s: Snapshot) => `${JSON.stringify(s)}\n`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseHistory(text: string): { snapshots: Snapshot[]; problems: HistoryProblem[] } {
  const snapshots: Snapshot[] = [];
  const problems: HistoryProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      problems.push({ line: i + 1, message: `not JSON: ${(e as Error).message}` });
      return;
    }
    const why = snapshotProblem(value);
    if (why) problems.push({ line: i + 1, message: why });
    else snapshots.push(value as Snapshot);
  });
  return { snapshots, problems };
}

function snapshotProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'a snapshot is a JSON object';
  const s = v as Record<string, unknown>;
  if (s.version !== HISTORY_VERSION) return `version ${JSON.stringify(s.version)}: this aksnet reads version ${HISTORY_VERSION}`;
  if (typeof s.date !== 'string' || !DATE.test(s.date) || Number.isNaN(Date.parse(s.date))) return 'date must be YYYY-MM-DD';
  if (typeof s.stack !== 'string' || !s.stack) return 'stack must be a name';
  if (!Array.isArray(s.ranges)) return 'ranges must be an array';
  for (const r of s.ranges as Record<string, unknown>[]) {
    if (typeof r?.key !== 'string' || ![r.used, r.capacity, r.planned].every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return 'each range needs key, used, capacity and planned';
    }
  }
  return undefined;
}

/** One stack's points for a range, oldest first (several on a day: the newest line wins when fitted). */
export function seriesOf(snapshots: readonly Snapshot[], stack: string, key: string): (UsagePoint & { capacity: number; planned: number })[] {
  return snapshots
    .filter((s) => s.stack === stack)
    .flatMap((s) => s.ranges.filter((r) => r.key === key).map((r) => ({ date: s.date, used: r.used, capacity: r.capacity, planned: r.planned })))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
