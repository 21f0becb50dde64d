// Small formatting helpers shared by the text and Markdown renderers.
import { formatCount, type Finding } from '../planner/findings';

export const num = formatCount;

export function percent(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${Math.round(ratio * 100)}%`;
}

export function signed(n: number | null): string {
  if (n === null) return '-';
  return n >= 0 ? `+${num(n)}` : `-${num(-n)}`;
}

export function nodeRange(p: { autoscale: boolean; minNodes: number; maxNodes: number }): string {
  return p.autoscale ? `${p.minNodes}..${p.maxNodes}` : `${p.maxNodes}`;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** Errors first, then warnings, then info; stable within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/**
 * What stops a pool, for people: the finding code and what its path names, e.g.
 * "SUBNET_EXHAUSTED (subnet aks-pods)" for path subnets[1]. Older plans carry a range name only.
 */
export function limitedByText(pool: { limitedBy: string; limitedByPath?: string }, subnets: readonly { name: string }[]): string {
  if (!pool.limitedByPath) return pool.limitedBy;
  const subnet = /^subnets\[(\d+)\]$/.exec(pool.limitedByPath);
  const named = subnet && subnets[Number(subnet[1])] ? `subnet ${subnets[Number(subnet[1])].name}` : pool.limitedByPath;
  return `${pool.limitedBy} (${named})`;
}

/** Where a finding points: its path, prefixed with the config key when that is not the network's. */
export function findingWhere(f: Finding): string {
  return f.config ? `${f.config}.${f.path}`.replace(/\.$/, '') : f.path;
}

/** "1 node", "3 nodes", "1,024 addresses": a count and its noun, singular for exactly one. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${num(n)} ${Math.abs(n) === 1 ? noun : nouns}`;
}

/** "+1 node", "-9 nodes". */
export function signedNodes(n: number): string {
  return `${signed(n)} ${Math.abs(n) === 1 ? 'node' : 'nodes'}`;
}

/** A pool, subnet or pod range as far as its capacity cells are concerned. */
interface Capacity {
  headroomNodes: number | null;
  runsOutAtNodes: number | null;
  blockedBy?: string;
}

/**
 * HEADROOM: "+3 nodes" (room left), "-2 nodes" (nodes to take away), "blocked: CODE" when no pool
 * size clears what fails, or it is not about capacity; "-" when nothing grows in the range.
 */
export function headroomCell(r: Capacity, unit = true): string {
  if (r.blockedBy) return `blocked: ${r.blockedBy}`;
  if (r.headroomNodes === null) return '-';
  return unit ? signedNodes(r.headroomNodes) : signed(r.headroomNodes);
}

/** RUNS OUT AT: the maxCount that fails ("apps at 164" with the grown pool), or "blocked". */
export function runsOutCell(r: Capacity, pool?: string | null): string {
  if (r.blockedBy) return 'blocked';
  if (r.runsOutAtNodes === null) return '-';
  return pool ? `${pool} at ${num(r.runsOutAtNodes)}` : num(r.runsOutAtNodes);
}

/** SAFE MAX: the largest maxCount that plans without errors, or "blocked". */
export function safeMaxCell(p: { maxSafeMaxCount: number; blockedBy?: string }): string {
  return p.blockedBy ? 'blocked' : num(p.maxSafeMaxCount);
}

/**
 * What a subnet is for, for people: what the planner counts in it (nodes, pods), else the purpose the
 * config gives it, taken as written so a new purpose shows its own name, else "ingress" for the
 * subnet holding the ingress front end; "other" only when nothing says more.
 */
export function roleText(s: { name: string; role: string; purpose?: string }, ingress?: { subnet?: string; controller: string }): string {
  const frontEnd = ingress?.subnet === s.name ? (ingress.controller === 'agic' ? 'appgateway' : 'ingress') : undefined;
  if (s.role !== 'other') return frontEnd && frontEnd !== s.role ? `${s.role}+${frontEnd}` : s.role;
  if (s.purpose && s.purpose !== 'other') return s.purpose;
  return frontEnd ?? 'other';
}
