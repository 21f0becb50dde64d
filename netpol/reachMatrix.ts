// The full reachability matrix: every pod (and node of the pods file) to every pod, on every port the
// destination declares. A large shared cluster has 10,000 pods and 140 M such connections, so the
// matrix is stored the way it is decided:
//  - the policies' answer is one bit per connection, and pods of one class (reachPolicies
//    endpointClasses: same labels, namespace, address family and ports) get the same answers, so the
//    rows of a class share one bit row: 10,000 pods of 500 kinds hold 500 rows of bits, not 10,000;
//  - the connections allowed whatever the policies say (a pod to itself, a node and its own pods:
//    alwaysAllowed in reach.ts) are few (a pod's own ports, a node's pods) and held apart, as a
//    list of columns per row.
import type { ReachModel } from './reach';
import type { Protocol } from './reachInput';

export interface MatrixColumn {
  to: number;
  port: number;
  protocol: Protocol;
}

/** A matrix cell allowed whatever the policies say (ReachModel.always). */
export const ALWAYS = 2;

/** What a cell holds: 0 denied, 1 allowed by the policies, ALWAYS allowed whatever they say. */
export type MatrixCell = 0 | 1 | typeof ALWAYS;

/**
 * Rows are sources (endpoint indexes: pods, then nodes), columns destination pod ports.
 * cell(r, c) says whether rows[r] reaches columns[c].
 */
export class Matrix {
  /** connections: rows.length x columns.length */
  readonly size: number;
  private readonly stride: number;

  constructor(
    readonly rows: readonly number[],
    readonly columns: readonly MatrixColumn[],
    /** the policies' answers: bit c of bit row k is word (k * stride + c >> 5), bit (c & 31) */
    private readonly bits: Uint32Array,
    /** rowBits[r]: the bit row of row r (rows of one class share one) */
    private readonly rowBits: Int32Array,
    /** the ALWAYS cells of row r: columns alwaysColumns[alwaysStart[r] .. alwaysStart[r + 1]), ascending */
    private readonly alwaysStart: Int32Array,
    private readonly alwaysColumns: Int32Array,
  ) {
    this.size = rows.length * columns.length;
    this.stride = wordsPerRow(columns.length);
  }

  /** Whether the policies allow rows[r] -> columns[c] (ALWAYS not applied). */
  policyAllows(r: number, c: number): boolean {
    return ((this.bits[this.rowBits[r] * this.stride + (c >>> 5)] >>> (c & 31)) & 1) === 1;
  }

  /** Whether rows[r] -> columns[c] is an ALWAYS cell (binary search: a node's row lists all its pods' ports). */
  isAlways(r: number, c: number): boolean {
    let lo = this.alwaysStart[r];
    let hi = this.alwaysStart[r + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.alwaysColumns[mid];
      if (v === c) return true;
      if (v < c) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  cell(r: number, c: number): MatrixCell {
    return this.isAlways(r, c) ? ALWAYS : this.policyAllows(r, c) ? 1 : 0;
  }

  allowed(r: number, c: number): boolean {
    return this.policyAllows(r, c) || this.isAlways(r, c);
  }

  /** Row r, one cell per column (for printing a row). */
  row(r: number): Uint8Array {
    const out = new Uint8Array(this.columns.length);
    for (let c = 0; c < out.length; c++) out[c] = this.cell(r, c);
    return out;
  }

  /** Connections allowed, whatever the reason (1 or ALWAYS). */
  allowedCount(): number {
    const perBitRow = new Map<number, number>();
    let n = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const k = this.rowBits[r];
      let ones = perBitRow.get(k);
      if (ones === undefined) {
        ones = 0;
        for (let w = k * this.stride; w < (k + 1) * this.stride; w++) ones += popcount(this.bits[w]);
        perBitRow.set(k, ones);
      }
      n += ones;
      // an ALWAYS cell the policies deny is allowed too; one they allow is counted already
      for (let i = this.alwaysStart[r]; i < this.alwaysStart[r + 1]; i++) if (!this.policyAllows(r, this.alwaysColumns[i])) n++;
    }
    return n;
  }

  /** Connections allowed whatever the policies say (ALWAYS). */
  alwaysCount(): number {
    return this.alwaysColumns.length;
  }

  /** Bytes the matrix holds (its typed arrays). */
  get byteLength(): number {
    return this.bits.byteLength + this.rowBits.byteLength + this.alwaysStart.byteLength + this.alwaysColumns.byteLength;
  }
}

const wordsPerRow = (columns: number) => Math.ceil(columns / 32);

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Rows: pods and nodes, in endpoint order; columns: each pod's declared ports, in endpoint order. */
export function matrixShape(model: ReachModel): { rows: number[]; columns: MatrixColumn[] } {
  const rows: number[] = [];
  const columns: MatrixColumn[] = [];
  model.endpoints.forEach((e, i) => {
    if (e.pod || e.node !== undefined) rows.push(i);
    if (e.pod) for (const q of e.ports) columns.push({ to: i, port: q.port, protocol: q.protocol });
  });
  return { rows, columns };
}

/**
 * The whole matrix. Each distinct (source class, destination class, port) is decided once: a row
 * whose source class was seen shares that row's bits, and a cell whose destination class and port
 * were seen in the row copies that answer. 1,000 pods of 100 kinds cost 100 x 100 decisions, not
 * 1,000,000.
 */
export function decideMatrix(model: ReachModel): Matrix {
  const { rows, columns } = matrixShape(model);
  const width = columns.length;
  const stride = wordsPerRow(width);
  // columns of one destination class and port are decided alike
  const groupOf = new Map<string, number>();
  const colGroup = new Int32Array(width);
  const groupLeader: number[] = [];
  columns.forEach((c, k) => {
    const key = `${model.classes[c.to]}:${c.port}:${c.protocol}`;
    let g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, (g = groupLeader.length));
      groupLeader.push(k);
    }
    colGroup[k] = g;
  });
  // one bit row per source class, in order of first row
  const bitRowOfClass = new Map<number, number>();
  const rowBits = new Int32Array(rows.length);
  const leaders: number[] = [];
  rows.forEach((src, r) => {
    let k = bitRowOfClass.get(model.classes[src]);
    if (k === undefined) {
      bitRowOfClass.set(model.classes[src], (k = leaders.length));
      leaders.push(src);
    }
    rowBits[r] = k;
  });
  const bits = new Uint32Array(leaders.length * stride);
  // the columns of each group, ascending (group g: members[memberStart[g] .. memberStart[g + 1]))
  const memberStart = new Int32Array(groupLeader.length + 1);
  for (let c = 0; c < width; c++) memberStart[colGroup[c] + 1]++;
  for (let g = 0; g < groupLeader.length; g++) memberStart[g + 1] += memberStart[g];
  const members = new Int32Array(width);
  const next = memberStart.slice(0, groupLeader.length);
  for (let c = 0; c < width; c++) members[next[colGroup[c]]++] = c;
  leaders.forEach((src, k) => {
    const base = k * stride;
    for (let g = 0; g < groupLeader.length; g++) {
      const col = columns[groupLeader[g]];
      if (!model.policyAllowed(src, col.to, col.port, col.protocol)) continue;
      for (let m = memberStart[g]; m < memberStart[g + 1]; m++) bits[base + (members[m] >>> 5)] |= 1 << (members[m] & 31);
    }
  });
  // self and own-node cells, which classes do not capture (two pods of a class differ in who they are).
  // alwaysAllowed holds only for a destination that is the source itself, one of the source node's
  // own pods, or a destination endpoint with a node: only those cells are asked (not 140 M at 10,000 pods)
  const byDestination = new Map<number, number[]>();
  const byPodNode = new Map<string, number[]>();
  const withNode: number[] = [];
  const push = <K>(map: Map<K, number[]>, key: K, c: number) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  columns.forEach((col, c) => {
    const to = model.endpoints[col.to];
    push(byDestination, col.to, c);
    if (to.pod?.node !== undefined) push(byPodNode, to.pod.node, c);
    if (to.node !== undefined) withNode.push(c);
  });
  const alwaysStart = new Int32Array(rows.length + 1);
  const alwaysColumns: number[] = [];
  const consider = (src: number, candidates: readonly number[] | undefined) => {
    if (candidates) for (const c of candidates) if (model.always(src, columns[c].to) !== undefined) alwaysColumns.push(c);
  };
  rows.forEach((src, r) => {
    const from = model.endpoints[src];
    const start = alwaysColumns.length;
    consider(src, byDestination.get(src));
    if (from.node !== undefined) consider(src, byPodNode.get(from.node));
    consider(src, withNode);
    // ascending, each column once (one can be both the source's own and a pod of its node)
    if (alwaysColumns.length - start > 1) {
      const found = alwaysColumns.splice(start).sort((x, y) => x - y);
      found.forEach((c, i) => {
        if (i === 0 || c !== found[i - 1]) alwaysColumns.push(c);
      });
    }
    alwaysStart[r + 1] = alwaysColumns.length;
  });
  return new Matrix(rows, columns, bits, rowBits, alwaysStart, Int32Array.from(alwaysColumns));
}
