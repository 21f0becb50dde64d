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
