// Codes of `aksnet diff` (report/diff.ts DiffFindingCode): what a change between two plans does to a
// deployed stack. CLUSTER_REPLACEMENT, which diff also reports, is in design.ts.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const DIFF_ENTRIES = {
  SUBNET_MOVED: {
    severity: 'error',
    title: 'A deployed subnet gets a new first address',
    meaning: 'Azure changes a subnet\'s range only while nothing is deployed in it. BASE is taken to be what is deployed, so a subnet whose first address changes while BASE has pools in it cannot be updated (with no pools it is a warning: load balancer front ends or private endpoints may still use it). A subnet carved by the planner moves when a subnet before it grows.',
    fix: 'Pin the subnet\'s cidr to its deployed value, or add a new subnet, move the pools to it, deploy, then remove the old one.',
    sources: [src.VNET_FAQ, src.INSUFFICIENT_SUBNET],
  },
  SUBNET_RESIZED: {
    severity: 'error',
    title: 'A deployed subnet changes its prefix length',
    meaning: 'Azure resizes a subnet only while nothing is deployed in it, and AKS does not support changing the subnet of a pool in place: a pool outgrowing its subnet needs a new pool on a bigger subnet.',
    fix: 'Add a new, larger subnet, move the pools to it (they rotate onto it), deploy, then remove the old one.',
    sources: [src.VNET_FAQ, src.INSUFFICIENT_SUBNET],
  },
  ROTATION_EXHAUSTED: {
    severity: 'error',
    title: 'While pools rotate, old and new pools together do not fit',
    meaning: 'A rotated pool\'s new Azure node pool is created before the old one is deleted, so for a moment both hold addresses in the subnet (and blocks of the pod range). The plan at HEAD fits, but not with the old pools still there.',
    fix: 'Rotate fewer pools at once (one change per deploy), or grow the subnet or pod range first in its own deploy.',
    sources: [src.NODE_POOLS, src.INSUFFICIENT_SUBNET],
  },
} as const satisfies AreaEntries;
