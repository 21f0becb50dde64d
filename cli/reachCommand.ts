// `aksnet reach --policies FILE... --pods FILE [--probes FILE] [--base-policies FILE...] [--format json|text]`
// Exit 0 answered; 1 when a probe carries `expect` and the answer differs; 2 unusable input.
import { validateObjects } from '../netpol/validate';
import { answerProbes, buildReach, decideMatrix, diffReach, ipEndpointsOf, UnknownEndpointError, type Matrix, type ProbeResult, type ReachChange, type ReachModel } from '../netpol/reach';
import { EndpointError } from '../netpol/reachEndpoints';
import { parsePods, parseProbes, ReachInputError, type PodsInput, type Probe } from '../netpol/reachInput';
import { PolicyModelError } from '../netpol/reachPolicies';
import { InputError, type InputErrorCode } from './inputError';
import { readDocuments, readObjects, shownPath } from './readObjects';
import { formatFinding } from './validateCommand';

export interface ReachOptions {
  policies?: string[];
  pods?: string;
  probes?: string;
  basePolicies?: string[];
  format: 'text' | 'json';
}

function bad(code: InputErrorCode, file: string | undefined, path: string | undefined, message: string): never {
  throw new InputError([{ code, ...(file ? { file } : {}), ...(path ? { path } : {}), message }]);
}

function singleDocument(file: string, code: InputErrorCode): unknown {
  const docs = readDocuments(file);
  if (docs.length !== 1) bad(code, shownPath(file), undefined, `expected one document, found ${docs.length}`);
  return docs[0];
}

/** Policy objects of the files, refused (exit 2) when validate finds an error in them. */
function loadPolicies(files: string[]): { objects: unknown[]; where: (doc: number) => string } {
  const inputs = files.map(readObjects);
  const errors = inputs.flatMap(({ file, objects }) => validateObjects(objects).map((f) => ({ file, ...f })));
  for (const w of errors.filter((f) => f.severity === 'warning')) process.stderr.write(`aksnet: ${formatFinding(w)}\n`);
  const fatal = errors.filter((f) => f.severity === 'error');
  if (fatal.length) throw new InputError(fatal.map((f) => ({ code: 'INVALID_POLICY', file: f.file, path: `doc ${f.doc + 1}${f.path ? ` ${f.path}` : ''}`, message: `${f.message} [${f.code}]` })));
  const objects = inputs.flatMap((i) => i.objects);
  // doc index over all files -> "file: doc N"
  const where = (doc: number) => {
    let n = doc;
    for (const i of inputs) {
      if (n < i.objects.length) return `${i.file}: doc ${n + 1}`;
      n -= i.objects.length;
    }
    return 'policies';
  };
  return { objects, where };
}

function model(policyFiles: string[], pods: PodsInput, ips: string[]): ReachModel {
  const { objects, where } = loadPolicies(policyFiles);
  try {
    return buildReach(objects, pods, ips);
  } catch (e) {
    if (e instanceof PolicyModelError) bad('INVALID_POLICY', e.doc >= 0 ? where(e.doc) : undefined, e.path, e.message);
    if (e instanceof EndpointError) bad(e.path.startsWith('ip:') ? 'INVALID_PROBES' : 'INVALID_PODS', undefined, e.path, e.message);
    throw e;
  }
}

const conn = (c: { from: string; to: string; port: number; protocol: string }) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`;

export function runReach(options: ReachOptions): number {
  if (!options.policies?.length) bad('INVALID_ARGUMENT', undefined, '--policies', 'name at least one policy file (--policies FILE)');
  if (!options.pods) bad('INVALID_ARGUMENT', undefined, '--pods', 'name the pods file (--pods FILE)');
  let pods: PodsInput;
  let probes: Probe[] | undefined;
  try {
    pods = parsePods(singleDocument(options.pods, 'INVALID_PODS'));
  } catch (e) {
    if (e instanceof ReachInputError) bad('INVALID_PODS', shownPath(options.pods), e.path, e.message);
    throw e;
  }
  if (options.probes) {
    try {
      probes = parseProbes(singleDocument(options.probes, 'INVALID_PROBES'));
    } catch (e) {
      if (e instanceof ReachInputError) bad('INVALID_PROBES', shownPath(options.probes), e.path, e.message);
      throw e;
    }
  }
  const ips = probes ? ipEndpointsOf(probes) : [];
  const next = model(options.policies, pods, ips);
  for (const u of next.unmodelled) process.stderr.write(`aksnet: warning: ${u} is not modelled offline; that rule is treated as never matching\n`);
  let results: ProbeResult[] | undefined;
  try {
    results = probes ? answerProbes(next, probes) : undefined;
  } catch (e) {
    if (e instanceof UnknownEndpointError) bad('INVALID_PROBES', shownPath(options.probes!), e.path, e.message);
    throw e;
  }
  if (options.basePolicies?.length) {
    const base = model(options.basePolicies, pods, ips);
    const diff = diffReach(base, next, probes);
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : diffText(diff));
    return 0;
  }
  if (results) {
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : probesText(results));
    return results.some((r) => r.expect !== undefined && r.expect !== r.allowed) ? 1 : 0;
  }
  const matrix = decideMatrix(next);
  if (options.format === 'json') {
    const out = matrix.rows.flatMap((from) =>
      matrix.columns.map((c) => {
        const { allowed, reasons } = next.explain(from, c.to, c.port, c.protocol);
        return { from: next.endpoints[from].id, to: next.endpoints[c.to].id, port: c.port, protocol: c.protocol, allowed, reasons };
      }),
    );
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(matrixText(next, matrix));
  }
  return 0;
}

function probesText(results: ProbeResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const mismatch = r.expect !== undefined && r.expect !== r.allowed ? `  [expected ${r.expect ? 'ALLOW' : 'DENY'}]` : '';
    lines.push(`${r.allowed ? 'ALLOW' : 'DENY '} ${conn(r)}${mismatch}`, ...r.reasons.map((x) => `      ${x}`));
  }
  const allowed = results.filter((r) => r.allowed).length;
  const mismatched = results.filter((r) => r.expect !== undefined && r.expect !== r.allowed).length;
  lines.push(`${results.length} probes: ${allowed} allowed, ${results.length - allowed} denied${mismatched ? `, ${mismatched} not as expected` : ''}`);
  return `${lines.join('\n')}\n`;
}

function diffText(diff: { gained: ReachChange[]; lost: ReachChange[] }): string {
  const lines: string[] = [];
  for (const [sign, list, word] of [['+', diff.gained, 'gained'], ['-', diff.lost, 'lost']] as const) {
    for (const c of list) lines.push(`${sign} ${word} ${conn(c)}`, ...c.reasons.map((x) => `      now:    ${x}`), ...c.before.map((x) => `      before: ${x}`));
  }
  lines.push(`${diff.gained.length} connection${diff.gained.length === 1 ? '' : 's'} gained, ${diff.lost.length} lost`);
  return `${lines.join('\n')}\n`;
}

/** Rows: source pods; columns: destination pod ports, numbered with a legend; ✓ allowed, · denied. */
function matrixText(model: ReachModel, matrix: Matrix): string {
  const { allowed } = matrix;
  const pods = matrix.rows.map((i) => model.endpoints[i]);
  const columns = matrix.columns.map((c) => {
    const e = model.endpoints[c.to];
    const name = e.ports.find((q) => q.port === c.port && q.protocol === c.protocol)?.name;
    return `${e.id} ${c.port}/${c.protocol}${name ? ` (${name})` : ''}`;
  });
  const lines = ['Destinations (columns):', ...columns.map((c, i) => `  [${i + 1}] ${c}`)];
  const width = Math.max(...pods.map((e) => e.id.length), 'from \\ to'.length);
  const cell = String(columns.length).length + 1;
  lines.push(`${'from \\ to'.padEnd(width)} ${columns.map((_, i) => String(i + 1).padStart(cell)).join('')}`);
  for (let r = 0; r < pods.length; r++) {
    const row = allowed.subarray(r * columns.length, (r + 1) * columns.length);
    lines.push(`${pods[r].id.padEnd(width)} ${[...row].map((a) => (a ? '✓' : '·').padStart(cell)).join('')}`);
  }
  const n = allowed.reduce((s, a) => s + a, 0);
  lines.push(`${n} of ${allowed.length} connections allowed (✓ allowed, · denied)`);
  return `${lines.join('\n')}\n`;
}
