// `aksnet diff BASE HEAD [--stack NAME] [--format text|json|markdown] [--out FILE]`: what a change
// does to the plan. BASE and HEAD are `aksnet plan --format json` outputs. Exit 0, 1 when HEAD has
// error findings or the change moves or resizes a subnet pools run in, 2 for unusable input.
import { diffPlans, type ConnectivityDiff } from '../report/diff';
import { type PlanDocument, readPlanDocument } from '../report/diffInput';
import { type DiffFormat, renderDiff } from '../report/diffRender';
import { InputError, type InputProblem } from './inputError';
import { readInputFile } from './readObjects';
import { netpolCli } from './netpolBundle';
import { checkOut, writeReport } from './planCommand';

export interface DiffOptions {
  stack?: string;
  format: DiffFormat;
  out?: string;
}

/** Stack name of a single-stack plan document when --stack does not name one. */
export const DEFAULT_STACK = 'default';

export function runDiff(baseFile: string, headFile: string, options: DiffOptions): number {
  if (options.out) checkOut(options.out);
  const problems: InputProblem[] = [];
  const read = (file: string): PlanDocument | undefined => {
    try {
      return readDocument(file, options.stack);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  };
  const base = read(baseFile);
  const head = read(headFile);
  if (!base || !head) throw new InputError(problems);
  if (base.single !== head.single && options.stack === undefined) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--stack', message: `${base.single ? baseFile : headFile} holds one stack's plan and the other several: name the stack to compare with --stack` }]);
  }
  const diff = diffPlans(base, head, reachability(base, head, baseFile, headFile));
  writeReport(renderDiff(diff, options.format), options.out);
  return diff.ok ? 0 : 1;
}

/**
 * For each stack whose plans both carry `reach`: the connections that change, both sides evaluated
 * over one endpoint set (the netpol bundle loads only then). Unusable `reach` input is INVALID_PLAN.
 */
function reachability(base: PlanDocument, head: PlanDocument, baseFile: string, headFile: string): Map<string, ConnectivityDiff> {
  const out = new Map<string, ConnectivityDiff>();
  // two one-stack plans are one stack before and after, whatever each calls itself (as diffPlans pairs them)
  const pairedSingles = base.single && head.single && base.stacks.size === 1 && head.stacks.size === 1;
  for (const [stack, h] of head.stacks) {
    const b = pairedSingles ? [...base.stacks.values()][0] : base.stacks.get(stack);
    if (!b?.reach || !h.reach) continue;
    const result = netpolCli().diffPlanReach(b.reach, h.reach);
    if (!result.ok) throw new InputError([{ code: 'INVALID_PLAN', file: result.side === 'base' ? baseFile : headFile, path: `stacks.${stack}.reach${result.path ? `.${result.path}` : ''}`, message: result.message }]);
    out.set(stack, { gained: result.diff.gained.map((c) => ({ ...c })), lost: result.diff.lost.map((c) => ({ ...c })) });
  }
  return out;
}

function readDocument(file: string, stack: string | undefined): PlanDocument {
  const { shown, text } = readInputFile(file, 'a plan JSON file (aksnet plan --format json --out FILE)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError([{ code: 'INVALID_JSON', file: shown, message: `${(e as Error).message} (expected the output of \`aksnet plan --format json\`)` }]);
  }
  const read = readPlanDocument(value, stack ?? DEFAULT_STACK, stack);
  if (!read.ok) throw new InputError(read.problems.map((p) => ({ code: 'INVALID_PLAN', file: shown, ...(p.path ? { path: p.path } : {}), message: p.message })));
  return read.document;
}
