// `aksnet migrate [FILE...] [--stack NAME] --to azure-cni-overlay [--pod-cidr CIDR]
//  [--format text|json|markdown] [--out FILE]`: can each stack move to Azure CNI Overlay in place,
// and what does it take.
// `aksnet migrate --ingress [FILE...] [--stack NAME] --to agc|envoy-gateway [--from-ingress FILE...]`:
// move a stack's ingress to a Gateway API implementation, and convert ingress-nginx Ingress files. Built as its own bundle (dist/migrate.js) and loaded only when the command
// runs, so `aksnet plan` does not start slower for it.
import { dirname, relative, resolve } from 'node:path';
import { parseCidr } from '../planner/cidr';
import type { StackNetwork } from '../planner/crossStack';
import { planMigration, type MigrationTarget } from '../planner/migrate';
import { validateNetworkConfig } from '../planner/validate';
import { type MigrationReport, migrationReportOk, renderMigrationJson, renderMigrationMarkdown, renderMigrationText } from '../report/migration';
import { validateClusterConfig } from '../design/clusterConfig';
import { convertIngresses } from '../design/ingress/fromIngress';
import { INGRESS_MIGRATION_TARGETS, planIngressMigration, type IngressMigrationTarget } from '../design/ingress/migrate';
import { defaultIngressNamespace } from '../design/ingress/config';
import { type IngressMigrationReport, ingressMigrationOk, renderIngressMigrationJson, renderIngressMigrationMarkdown, renderIngressMigrationText } from '../report/ingressMigration';
import { InputError } from './inputError';
import { readObjects } from './readObjects';
import { todayArgument } from './todayArgument';
import { findStackFiles, loadStack, type StackInput } from './loadStacks';
import { checkOut, loadNetworks, resolveStackInputs, writeReport } from './planCommand';

export const MIGRATE_FORMATS = ['text', 'json', 'markdown'] as const;

export interface MigrateOptions {
  stack?: string;
  to: MigrationTarget | IngressMigrationTarget;
  /** move aks-networking:ingress to the Gateway API instead of the network plugin */
  ingress?: boolean;
  /** ingress-nginx Ingress YAML files to convert to HTTPRoutes */
  fromIngress?: string[];
  podCidr?: string;
  format: (typeof MIGRATE_FORMATS)[number];
  out?: string;
  /** YYYY-MM-DD to count the days left from (default: today, UTC) */
  today?: string;
}

export function runMigrate(files: string[], options: MigrateOptions): number {
  if (options.out) checkOut(options.out);
  if (options.ingress || options.fromIngress) return runIngressMigrate(files, options);
  if (options.to !== 'azure-cni-overlay') {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--to', message: `--to ${options.to} moves an ingress: add --ingress (the network plugin moves --to azure-cni-overlay)` }]);
  }
  const today = todayArgument(options.today);
  const { inputs, networks } = loadNetworks(files, options.stack);
  const podCidr = podCidrArgument(options.podCidr, inputs);
  const read: StackNetwork[] = inputs.map((input, i) => ({ stack: input.stack, network: networks[i] }));
  const { stacks: nearby, notes } = nearbyStacks(inputs);
  const report: MigrationReport = {
    to: options.to,
    today: today.toISOString().slice(0, 10),
    stacks: inputs.map((input, i) => {
      const plan = planMigration({
        stack: input.stack,
        network: networks[i],
        others: [...read.filter((_, j) => j !== i), ...nearby],
        to: 'azure-cni-overlay',
        ...(podCidr ? { podCidr } : {}),
        ...clusterVersion(input),
        today,
      });
      plan.notes.push(...notes);
      return { file: input.file, plan };
    }),
  };
  const render = { text: renderMigrationText, json: renderMigrationJson, markdown: renderMigrationMarkdown }[options.format];
  writeReport(render(report), options.out);
  return migrationReportOk(report) ? 0 : 1;
}

function podCidrArgument(text: string | undefined, inputs: StackInput[]) {
  if (text === undefined) return undefined;
  if (inputs.length > 1) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', message: '--pod-cidr names the pod CIDR of one stack; give one FILE or --stack NAME' }]);
  }
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new InputError([{ code: 'INVALID_CIDR', path: '--pod-cidr', message: parsed.reason }]);
  return parsed.cidr;
}


/** The cluster config's kubernetesVersion, when it is a string (the cluster schema checks the rest). */
function clusterVersion(input: StackInput): { kubernetesVersion?: string } {
  const raw = input.clusterRaw as { kubernetesVersion?: unknown } | undefined;
  return typeof raw?.kubernetesVersion === 'string' ? { kubernetesVersion: raw.kubernetesVersion } : {};
}

/**
 * The other stacks of the projects read (every Pulumi.*.yaml next to a stack file): the new pod CIDR
 * must overlap none of their ranges, and peers are found among them. They were not named, so one
 * that cannot be read is a note, not a failure.
 */
function nearbyStacks(inputs: StackInput[]): { stacks: StackNetwork[]; notes: string[] } {
  const named = new Set(inputs.map((i) => resolve(i.file)));
  const dirs = [...new Set(inputs.map((i) => dirname(resolve(i.file))))];
  const stacks: StackNetwork[] = [];
  const notes: string[] = [];
  for (const file of dirs.flatMap(findStackFiles)) {
    if (named.has(resolve(file))) continue;
    const shown = relative(process.cwd(), file) || file;
    try {
      const input = loadStack(file);
      const result = validateNetworkConfig(input.networkRaw);
      if (result.ok) stacks.push({ stack: input.stack, network: result.network });
      else notes.push(`${shown} does not validate (${result.issues[0].path}: ${result.issues[0].message}), so its ranges were not checked`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      notes.push(`${shown} cannot be read (${e.problems[0].message}), so its ranges were not checked`);
    }
  }
  return { stacks, notes };
}

/** `migrate --ingress`: each stack's ingress to the Gateway API, and `--from-ingress` files converted. */
function runIngressMigrate(files: string[], options: MigrateOptions): number {
  const to = options.to as IngressMigrationTarget;
  if (!(INGRESS_MIGRATION_TARGETS as readonly string[]).includes(to)) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--to', message: `--ingress moves to a Gateway API implementation: --to ${INGRESS_MIGRATION_TARGETS.join(' or ')}, not ${options.to}` }]);
  }
  const today = todayArgument(options.today);
  // --from-ingress alone converts files; stacks are read when named, or with --ingress
  const readStacks = files.length > 0 || options.stack !== undefined || options.ingress === true;
  const inputs = readStacks ? resolveStackInputs(files, options.stack) : [];
  const report: IngressMigrationReport = {
    to,
    today: today.toISOString().slice(0, 10),
    stacks: inputs.map((input) => {
      const cluster = validateClusterConfig(input.clusterRaw, input.stack);
      return {
        file: input.file,
        plan: planIngressMigration({
          stack: input.stack,
          networkRaw: input.networkRaw,
          ingressRaw: input.ingressRaw,
          to,
          clusterName: cluster.ok ? cluster.settings.name : input.stack,
          resourceGroupName: cluster.ok ? cluster.settings.resourceGroupName : `rg-${input.stack}`,
          today,
        }),
      };
    }),
  };
  if (options.fromIngress) {
    const objects = options.fromIngress.flatMap((f) => readObjects(f).objects);
    report.conversion = { files: options.fromIngress, result: convertIngresses(objects, { name: 'aksnet', namespace: defaultIngressNamespace(to) }) };
  }
  const render = { text: renderIngressMigrationText, json: renderIngressMigrationJson, markdown: renderIngressMigrationMarkdown }[options.format];
  writeReport(render(report), options.out);
  return ingressMigrationOk(report) ? 0 : 1;
}
