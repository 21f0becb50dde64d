// The pod CIDR a cluster takes onto Azure CNI Overlay. Pure: ranges in, a range and its reasons out.
//
// Overlay gives every node a /24 from a private pod CIDR that must not overlap the cluster's network
// or any network connected to it (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay "Pods"). Moving kubenet keeps its pod CIDR unless
// `--pod-cidr` enlarges it (https://learn.microsoft.com/azure/aks/update-azure-cni "Kubenet"), so a kubenet range can only be kept or grown into a
// range that contains it; node-subnet Azure CNI has no pod CIDR and must bring a new one (https://learn.microsoft.com/azure/aks/update-azure-cni).
import { alignDown, type Cidr, contains, makeCidr, overlaps, parseCidr, prefixForBlocks } from './cidr';
import { carveSubnets } from './carve';
import { AKS_RESERVED, PRIVATE_RANGES } from './checks/addressing';
import { AKS_DEFAULTS, LIMITS } from './models';
import type { ResolvedNetwork } from './validate';

/** A range the pod CIDR might collide with. */
export interface EstateRange {
  cidr: Cidr;
  /** for messages: `VNet 10.20.0.0/16 of stack "dev"` */
  what: string;
  /**
   * connected: the cluster's own VNet and service range, peered VNets and routable pod pools: an
   * overlap breaks routing, so it is never allowed. estate: every other range of the stacks read
   * (unpeered VNets, service ranges, other clusters' private pod ranges): avoided when choosing,
   * a note when the range is kept or given (overlay pod CIDRs may be reused across clusters (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay)).
   */
  reach: 'connected' | 'estate';
}

export type PodCidrSource = 'kept' | 'grown' | 'chosen' | 'given';

export interface PodCidrChoice {
  /** undefined: no range fits */
  cidr?: Cidr;
  source?: PodCidrSource;
  /** why this range cannot be used (empty when it can) */
  problems: string[];
  /** doubts worth telling (overlaps that overlay tolerates, unchecked peers) */
  notes: string[];
  /** source "chosen": why this range and this size, for people */
  reason?: string;
}

export interface PodCidrRequest {
  network: ResolvedNetwork;
  /** /24 blocks the cluster needs after the move, every pool at maxCount plus surge (AKS: at least + 1) */
  demandBlocks: number;
  estate: readonly EstateRange[];
  /** `--pod-cidr` */
  given?: Cidr;
}

const BLOCK_PREFIX = 24;

/** Where a new pod CIDR is looked for: AKS's own default first, then the private ranges. */
const SEARCH_ORDER: Cidr[] = [AKS_DEFAULTS.podCidr, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((text) => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`bad built-in CIDR ${text}`);
  return parsed.cidr;
});

export function choosePodCidr(request: PodCidrRequest): PodCidrChoice {
  const { network, demandBlocks, estate, given } = request;
  const needPrefix = prefixForBlocks(Math.max(demandBlocks, 1), BLOCK_PREFIX);
  const old = network.plugin === 'kubenet' ? network.podCidr : undefined;

  if (given) return judge(given, 'given', request, old);
  if (old) {
    if (old.prefix <= needPrefix) return judge(old, 'kept', request, old);
    // kubenet grows in place only into a range containing the old one: at each size exactly one
    const grown = makeCidr(alignDown(old.start, needPrefix), needPrefix);
    const judged = judge(grown, 'grown', request, old);
    return judged.problems.length === 0 ? judged : { problems: [`kubenet's pod CIDR ${old.text} holds ${blocks(old)} /24s, the move needs ${demandBlocks}, and the /${needPrefix} containing it, ${grown.text}, cannot be used: ${judged.problems.join('; ')}`], notes: judged.notes };
  }
  if (needPrefix < 8) return { problems: [`${demandBlocks} /24 blocks need a /${needPrefix}, larger than any private range`], notes: [] };
  // An overlay pod range is private to the cluster, so a roomy one costs nothing, while a small one
  // can later only be expanded to a contiguous superset, and only on Linux-only clusters. So: AKS's
  // default size, a /16, or larger when the plan at full scale would leave under 20% of it free.
  const roomy = Math.min(DEFAULT_PREFIX, prefixForBlocks(Math.ceil(Math.max(demandBlocks, 1) / (1 - LIMITS.lowHeadroom)), BLOCK_PREFIX));
  const exact = [...AKS_RESERVED, ...estate.map((r) => r.cidr)];
  const padded = [...AKS_RESERVED, ...estate.flatMap((r) => withMargin(r.cidr))];
  // the lowest free aligned block, searching the ranges in order (the carving planner's own rule);
  // with the margin first, then without it, then at the smallest size that fits
  const tries: { prefix: number; avoid: Cidr[]; margin: boolean }[] = [
    { prefix: roomy, avoid: padded, margin: true },
    { prefix: roomy, avoid: exact, margin: false },
    { prefix: Math.max(roomy, needPrefix), avoid: exact, margin: false },
    { prefix: needPrefix, avoid: exact, margin: false },
  ];
  for (const t of tries) {
    if (t.prefix < 8) continue;
    const [{ cidr }] = carveSubnets(SEARCH_ORDER, [{ name: 'podCidr', prefix: t.prefix }], t.avoid);
    if (!cidr) continue;
    const judged = judge(cidr, 'chosen', request, undefined);
    return { ...judged, reason: chosenReason(cidr, demandBlocks, t.prefix === roomy, t.margin, estate.length > 0) };
  }
  return { problems: [`no private /${needPrefix} (${demandBlocks} /24 blocks) is free of every range of the stacks read`], notes: [] };
}

/** AKS's default overlay pod CIDR, 10.244.0.0/16: https://learn.microsoft.com/azure/aks/azure-cni-overlay */
const DEFAULT_PREFIX = 16;

/**
 * A range and a margin around it: the range (a small one widened to its /16) and the blocks of the
 * same size on either side, so a chosen pod range never sits right beside a VNet or service range
 * (where a later expansion of either would collide).
 */
function withMargin(c: Cidr): Cidr[] {
  const w = c.prefix > 16 ? makeCidr(alignDown(c.start, 16), 16) : c;
  const span = 2 ** (32 - w.prefix);
  const out = [w];
  if (w.start - span >= 0) out.push(makeCidr(w.start - span, w.prefix));
  if (w.start + span + span <= 2 ** 32) out.push(makeCidr(w.start + span, w.prefix));
  return out;
}

function chosenReason(c: Cidr, demandBlocks: number, roomy: boolean, margin: boolean, hasEstate: boolean): string {
  const holds = blocks(c);
  const size = roomy
    ? c.prefix === DEFAULT_PREFIX
      ? `a /16, AKS's default overlay pod CIDR size (https://learn.microsoft.com/azure/aks/azure-cni-overlay)`
      : `a /${c.prefix}, larger than AKS's default /16 so the plan's ${demandBlocks} /24s leave at least 20% free`
    : `a /${c.prefix}, the smallest that holds the plan's ${demandBlocks} /24s (no larger range is free)`;
  const where = c.start === SEARCH_ORDER[0].start ? `AKS's default range ${SEARCH_ORDER[0].text}` : 'the first free private block';
  const clear = hasEstate
    ? margin
      ? 'clear of every VNet, service and pod range of the stacks read, with a margin of one range on either side'
      : 'clear of every VNet, service and pod range of the stacks read (no block with a margin was free)'
    : 'clear of the ranges AKS reserves';
  return `${c.text}: ${size}, ${holds} node /24s for ${demandBlocks} at full scale; ${where}, ${clear}. The range is private to the cluster, so a roomy one costs no VNet address, and it can later only be expanded to a contiguous superset on Linux-only clusters (https://learn.microsoft.com/azure/aks/azure-cni-overlay-pod-expand)`;
}

function judge(cidr: Cidr, source: PodCidrSource, request: PodCidrRequest, old: Cidr | undefined): PodCidrChoice {
  const problems: string[] = [];
  const notes: string[] = [];
  if (old && !contains(cidr, old)) {
    problems.push(`${cidr.text} does not contain kubenet's pod CIDR ${old.text}: kubenet keeps its range when it moves, or grows it into one that contains it; anything else needs a new cluster`);
  }
  if (cidr.prefix > BLOCK_PREFIX) problems.push(`${cidr.text} is smaller than one node's /24`);
  for (const r of AKS_RESERVED) if (overlaps(cidr, r)) problems.push(`${cidr.text} overlaps ${r.text}, which AKS does not accept`);
  if (!PRIVATE_RANGES.some((p) => contains(p, cidr))) notes.push(`${cidr.text} is not an RFC 1918 / RFC 6598 range; Microsoft does not support public pod ranges`);
  for (const r of request.estate) {
    if (!overlaps(cidr, r.cidr)) continue;
    if (r.reach === 'connected') problems.push(`${cidr.text} overlaps ${r.what}`);
    else if (source === 'chosen') problems.push(`${cidr.text} overlaps ${r.what}`);
    else notes.push(`${cidr.text} overlaps ${r.what}; overlay pod ranges never leave their cluster, so this is allowed, but avoid it if the networks will ever be connected`);
  }
  return { cidr, source, problems, notes };
}

function blocks(c: Cidr): number {
  return c.prefix > BLOCK_PREFIX ? 0 : 2 ** (BLOCK_PREFIX - c.prefix);
}
