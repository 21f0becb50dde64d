// A production cluster's API server is private, or public only to named ranges. Which stacks are
// production comes from the pack's config: stack names, or a stack tag (Pulumi Cloud stack tags).
import { read, str, strings, UNKNOWN } from '../resources';

export interface ProductionConfig {
  /** stack names that are production */
  productionStacks?: string[];
  /** a stack tag that marks production, e.g. { name: "environment", value: "production" } */
  productionTag?: { name: string; value: string };
}

export const DEFAULT_PRODUCTION: Required<ProductionConfig> = {
  productionStacks: ['prod', 'production'],
  productionTag: { name: 'environment', value: 'production' },
};

export function isProduction(stack: string, stackTags: ReadonlyMap<string, string>, config: ProductionConfig): boolean {
  const stacks = config.productionStacks ?? DEFAULT_PRODUCTION.productionStacks;
  const tag = config.productionTag ?? DEFAULT_PRODUCTION.productionTag;
  return stacks.includes(stack) || stackTags.get(tag.name) === tag.value;
}

const OPEN = new Set(['0.0.0.0/0', '*', '0.0.0.0']);

/** The violation message for a production ManagedCluster's inputs, or undefined. */
export function apiServerAccessViolation(cluster: Record<string, any>): string | undefined {
  const access = read(() => cluster.apiServerAccessProfile) as Record<string, any> | undefined | typeof UNKNOWN;
  if (access === UNKNOWN) return undefined;
  const isPrivate = read(() => access?.enablePrivateCluster);
  if (isPrivate === true || isPrivate === UNKNOWN) return undefined;
  const ranges = strings(() => access?.authorizedIPRanges);
  if (ranges.length > 0 && !ranges.some((r) => OPEN.has(r.trim()))) return undefined;
  const why = ranges.length === 0 ? 'has no authorized IP ranges' : `authorizes ${ranges.filter((r) => OPEN.has(r.trim())).join(', ')} (everyone)`;
  const name = str(() => cluster.resourceName) ?? str(() => cluster.name);
  return `production cluster${name ? ` ${name}` : ''}: the public API server ${why}. Set apiServerAccessProfile.enablePrivateCluster, or authorizedIPRanges to the networks that administer it.`;
}
