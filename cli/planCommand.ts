// `aksnet plan [FILE...] [--stack NAME] [--format text|json|markdown] [--out FILE]`
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { kubenetRetirementMessage } from '../planner/checks/compatibility';
import { crossStackFindings } from '../planner/crossStack';
import { planNetwork } from '../planner/plan';
import type { Plan } from '../planner/types';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { renderJson } from '../report/json';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { type PlanReport, reportOk } from '../report/model';
import { renderText } from '../report/text';
import { InputError, type InputProblem } from './inputError';
import { netpolCli } from './netpolBundle';
import { findStackFiles, INGRESS_KEY, joinPath, loadStack, stackFileFor, type StackInput } from './loadStacks';
import { ingressNeed, validateIngressConfig } from '../design/ingress/config';
import { hasErrors } from '../planner/findings';
import { newFindings, stackChecks } from './stackChecks';
import { todayArgument } from './todayArgument';
import type { IngressNeed } from '../planner/types';

export const PLAN_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanOptions {
  stack?: string;
  format: PlanFormat;
  out?: string;
  /** YYYY-MM-DD the dated checks compare with (default: today) */
  today?: string;
}

/** Stack files named on the command line, or the one --stack names, or every Pulumi.*.yaml here. */
export function resolveStackPaths(files: string[], stack: string | undefined, cwd = process.cwd()): string[] {
  if (files.length > 1 && stack) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', message: '--stack names the stack of a single file; give one FILE or none' }]);
  }
  const paths = files.length ? files : stack ? [stackFileFor(cwd, stack)] : findStackFiles(cwd);
  if (paths.length === 0) {
    throw new InputError([{ code: 'NO_STACKS', file: cwd, message: 'no Pulumi.<stack>.yaml here; name a file or run from the project root' }]);
  }
  return paths;
}

/** Read the stack files (all read problems together), for commands that validate on their own. */
export function resolveStackInputs(files: string[], stack: string | undefined): StackInput[] {
  const { results, problems } = eachFile(resolveStackPaths(files, stack), (file) => loadStack(file, files.length === 1 ? stack : undefined));
  if (problems.length) throw new InputError(problems);
  return results;
}

/** Validate read stacks; all problems of all files together. */
export function resolveNetworks(inputs: StackInput[]): ResolvedNetwork[] {
  return validateAll(inputs).networks;
}

/** What each stack's `aks-networking:ingress` asks of its plan, validated with its network (exit 2 when unusable). */
export function resolveIngressNeeds(inputs: StackInput[]): (IngressNeed | undefined)[] {
  return validateAll(inputs).ingress;
}

/**
 * Read and validate every stack. Every file's problems are reported together, whatever their kind
 * (one file unreadable, another with a config error): nothing is planned until all are usable.
 */
export function loadNetworks(files: string[], stack: string | undefined): ValidatedStacks {
  const loaded = eachFile(resolveStackPaths(files, stack), (file) => loadStack(file, files.length === 1 ? stack : undefined));
  return validateAll(loaded.results, loaded.problems);
}

interface ValidatedStacks {
  inputs: StackInput[];
  networks: ResolvedNetwork[];
  /** each stack's ingress need (undefined: no `aks-networking:ingress`) */
  ingress: (IngressNeed | undefined)[];
}

function validateAll(read: StackInput[], readProblems: InputProblem[] = []): ValidatedStacks {
  const problems = [...readProblems];
  const inputs: StackInput[] = [];
  const networks: ResolvedNetwork[] = [];
  const ingress: (IngressNeed | undefined)[] = [];
  for (const input of read) {
    const result = validateNetworkConfig(input.networkRaw);
    if (!result.ok) {
      problems.push(...result.issues.map((i) => ({ code: i.code, file: input.file, path: joinPath(input.pathPrefix, i.path), message: i.message })));
      continue;
    }
    // the ingress is checked against its network (subnet names): a malformed one is unusable input too
    const ingressResult = input.ingressRaw === undefined ? undefined : validateIngressConfig(input.ingressRaw, result.network);
    if (ingressResult && !ingressResult.ok) {
      problems.push(...ingressResult.issues.map((i) => ({ code: i.code, file: input.file, path: joinPath(`config.${INGRESS_KEY}`, i.path), message: i.message })));
      continue;
    }
    inputs.push(input);
    networks.push(result.network);
    ingress.push(ingressResult?.ok ? ingressNeed(ingressResult.settings) : undefined);
  }
  if (problems.length) throw new InputError(problems);
  return { inputs, networks, ingress };
}

function eachFile<T>(paths: string[], read: (file: string) => T): { results: T[]; problems: InputProblem[] } {
  const results: T[] = [];
  const problems: InputProblem[] = [];
  for (const file of paths) {
    try {
      results.push(read(file));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  return { results, problems };
}

export function buildReport(inputs: StackInput[], networks: ResolvedNetwork[], ingress: (IngressNeed | undefined)[] = []): PlanReport {
  const stacks = inputs.map((input, i) => ({ stack: input.stack, file: input.file, plan: withMigrateCommand(planNetwork(networks[i], ingress[i] ? { ingress: ingress[i] } : {}), input), ...(networks[i].byoCni ? { byoCni: networks[i].byoCni } : {}) }));
  const cross = inputs.length > 1 ? crossStackFindings(inputs.map((input, i) => ({ stack: input.stack, network: networks[i] }))) : [];
  return { stacks, crossStackFindings: cross };
}

/** The kubenet retirement warning names the command that plans this stack's move. */
function withMigrateCommand(plan: Plan, input: StackInput): Plan {
  const inHere = resolve(input.file) === resolve(stackFileFor(process.cwd(), input.stack));
  const command = inHere ? `aksnet migrate --stack ${input.stack}` : `aksnet migrate ${input.file}`;
  return { ...plan, findings: plan.findings.map((f) => (f.code === 'KUBENET_RETIREMENT' ? { ...f, message: kubenetRetirementMessage(command) } : f)) };
}

/** --out must name a file in an existing folder: checked before planning, and a failed write is still bad input. */
export function checkOut(out: string): void {
  const dir = dirname(resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--out', message: `cannot write ${out}: folder ${dirname(out)} does not exist` }]);
  }
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--out', message: `cannot write ${out}: it is a directory` }]);
  }
}

export function runPlan(files: string[], options: PlanOptions): number {
  if (options.out) checkOut(options.out);
  const today = todayArgument(options.today);
  const { inputs, networks, ingress } = loadNetworks(files, options.stack);
  const report = withStackChecks(buildReport(inputs, networks, ingress), inputs, today);
  if (options.format === 'json') withConnectivity(report, inputs);
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown, html: renderHtml }[options.format];
  writeReport(render(report), options.out);
  return reportOk(report) ? 0 : 1;
}

/**
 * Every check the Pulumi program (synth, preview) runs on the same files, plus the dated lifecycle
 * (cli/stackChecks.ts): unusable config of any stack is exit 2, all stacks together; the other
 * findings join the stack's plan, which is then not ok if any is an error.
 */
export function withStackChecks(report: PlanReport, inputs: StackInput[], today: Date): PlanReport {
  const results = inputs.map((input, i) => stackChecks(input, report.stacks[i].plan, today));
  const problems = results.flatMap((r) => r.problems);
  if (problems.length) throw new InputError(problems);
  return {
    ...report,
    stacks: report.stacks.map((s, i) => {
      const findings = [...s.plan.findings, ...newFindings(s.plan.findings, results[i].findings)];
      return { ...s, plan: { ...s.plan, findings, ok: !hasErrors(findings) } };
    }),
  };
}

/** Each stack with `aks-networking:policy` gets its connectivity (netpol/connectivity.ts); the netpol bundle loads only then. */
function withConnectivity(report: PlanReport, inputs: StackInput[]): void {
  inputs.forEach((input, i) => {
    if (input.policyRaw === undefined) return;
    const result = netpolCli().stackConnectivity(input);
    if (result) {
      report.stacks[i].connectivity = result.connectivity;
      report.stacks[i].reach = result.reach;
    }
  });
}

/** A report to --out FILE, or to stdout; always ending in a newline. A failed write is bad input. */
export function writeReport(output: string, out: string | undefined): void {
  const text = output.endsWith('\n') ? output : `${output}\n`;
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--out', message: `cannot write ${out}: ${(e as Error).message}` }]);
  }
}
