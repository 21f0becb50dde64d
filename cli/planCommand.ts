// `aksnet plan [FILE...] [--stack NAME] [--format text|json|markdown] [--out FILE]`
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kubenetRetirementMessage } from '../planner/checks/compatibility';
import { crossStackFindings } from '../planner/crossStack';
import { planNetwork } from '../planner/plan';
import type { Plan } from '../planner/types';
import { validateNetworkConfig, type ResolvedNetwork } from '../planner/validate';
import { renderJson } from '../report/json';
import { renderMarkdown } from '../report/markdown';
import { type PlanReport, reportOk } from '../report/model';
import { renderText } from '../report/text';
import { InputError, type InputProblem } from './inputError';
import { findStackFiles, joinPath, loadStack, stackFileFor, type StackInput } from './loadStacks';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanOptions {
  stack?: string;
  format: PlanFormat;
  out?: string;
}

/** Stack files named on the command line, or the one --stack names, or every Pulumi.*.yaml here. */
export function resolveStackInputs(files: string[], stack: string | undefined, cwd = process.cwd()): StackInput[] {
  if (files.length > 1 && stack) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', message: '--stack names the stack of a single file; give one FILE or none' }]);
  }
  const paths = files.length ? files : stack ? [stackFileFor(cwd, stack)] : findStackFiles(cwd);
  if (paths.length === 0) {
    throw new InputError([{ code: 'NO_STACKS', file: cwd, message: 'no Pulumi.<stack>.yaml here; name a file or run from the project root' }]);
  }
  const problems: InputProblem[] = [];
  const inputs: StackInput[] = [];
  for (const file of paths) {
    try {
      inputs.push(loadStack(file, files.length === 1 ? stack : undefined));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) throw new InputError(problems);
  return inputs;
}

/** Validate every stack; all problems of all files are reported together. */
export function resolveNetworks(inputs: StackInput[]): ResolvedNetwork[] {
  const problems: InputProblem[] = [];
  const networks: ResolvedNetwork[] = [];
  for (const input of inputs) {
    const result = validateNetworkConfig(input.networkRaw);
    if (result.ok) networks.push(result.network);
    else problems.push(...result.issues.map((i) => ({ code: i.code, file: input.file, path: joinPath(input.pathPrefix, i.path), message: i.message })));
  }
  if (problems.length) throw new InputError(problems);
  return networks;
}

export function buildReport(inputs: StackInput[]): PlanReport {
  const networks = resolveNetworks(inputs);
  const stacks = inputs.map((input, i) => ({ stack: input.stack, file: input.file, plan: withMigrateCommand(planNetwork(networks[i]), input) }));
  const cross = inputs.length > 1 ? crossStackFindings(inputs.map((input, i) => ({ stack: input.stack, network: networks[i] }))) : [];
  return { stacks, crossStackFindings: cross };
}

/** The kubenet retirement warning names the command that plans this stack's move. */
function withMigrateCommand(plan: Plan, input: StackInput): Plan {
  const inHere = path.resolve(input.file) === path.resolve(stackFileFor(process.cwd(), input.stack));
  const command = inHere ? `aksnet migrate --stack ${input.stack}` : `aksnet migrate ${input.file}`;
  return { ...plan, findings: plan.findings.map((f) => (f.code === 'KUBENET_RETIREMENT' ? { ...f, message: kubenetRetirementMessage(command) } : f)) };
}

export function runPlan(files: string[], options: PlanOptions): number {
  const report = buildReport(resolveStackInputs(files, options.stack));
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[options.format];
  writeReport(render(report), options.out);
  return reportOk(report) ? 0 : 1;
}

/** A report to --out FILE, or to stdout; always ending in a newline. */
export function writeReport(output: string, out: string | undefined): void {
  const text = output.endsWith('\n') ? output : `${output}\n`;
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}
