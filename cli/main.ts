// aksnet: the address planner's command line. This file only wires commands to their handlers and
// maps outcomes to exit statuses: 0 plan fits (warnings allowed), 1 error findings, 2 unusable input.
// It must stay free of Pulumi imports: the CLI starts in a few tens of milliseconds (npm run bench).
import { Command, CommanderError, Option } from 'commander';
import { runDiff, type DiffOptions } from './diffCommand';
import { requireBundle } from './commandBundle';
import { netpolCli } from './netpolBundle';
import { formatProblem, isInputError } from './inputError';
import { PLAN_FORMATS, runPlan, type PlanOptions } from './planCommand';
import { runSize, type SizeOptions } from './sizeCommand';
import { runSynth, type SynthOptions } from './synthCommand';
import { DIFF_FORMATS } from '../report/diffRender';
import type { MigrateOptions } from './migrateCommand';
import type { UsageDeps, UsageOptions } from './usageCommand';
import type { ExplainOptions } from './explainCommand';

declare const AKSNET_VERSION: string;

type MigrateCli = typeof import('./migrateCommand');
/** migrate lives in its own bundle (dist/migrate.js), loaded only when it runs. */
function migrateCli(): MigrateCli {
  return requireBundle('migrate.js', 'migrateCommand');
}

type ExplainCli = typeof import('./explainCommand');
/** explain lives in its own bundle (dist/explain.js): the catalog is loaded only when it runs. */
function explainCli(): ExplainCli {
  return requireBundle('explain.js', 'explainCommand');
}

type UsageCli = typeof import('./usageCommand');
/** usage lives in its own bundle (dist/usage.js) with the Azure SDKs external: loaded only when it runs. */
function usageCli(): UsageCli {
  return requireBundle('usage.js', 'usageCommand');
}

function program(setExit: (code: number | Promise<number>) => void, deps: UsageDeps = {}): Command {
  const cli = new Command('aksnet')
    .description('Plan AKS address space before it runs out: subnets, pod ranges, surge and headroom')
    .version(typeof AKSNET_VERSION === 'string' ? AKSNET_VERSION : 'dev')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (message, write) => write(`aksnet: ${argumentError(message)}\n`) });

  cli
    .command('plan')
    .description('plan stacks: every Pulumi.*.yaml here, the --stack file, or the FILEs named')
    .argument('[files...]', 'Pulumi.<stack>.yaml files, or YAML/JSON files holding the network object')
    .option('--stack <name>', 'plan Pulumi.<name>.yaml (or name the stack of a single FILE)')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--today <date>', 'compare Kubernetes versions and other support dates with this date (YYYY-MM-DD; default today)')
    .exitOverride()
    .action((files: string[], options: PlanOptions) => setExit(runPlan(files, options)));

  cli
    .command('size')
    .description('smallest subnets and pod ranges for one pool of N nodes')
    .requiredOption('--plugin <plugin>', 'azure-cni | azure-cni-dynamic | azure-cni-static-block | azure-cni-overlay | kubenet | none')
    .requiredOption('--nodes <n>', 'node count (the autoscaler maximum)')
    .requiredOption('--max-pods <m>', 'maxPods per node')
    .option('--surge <s>', 'upgrade surge: nodes, or a percentage such as 33% (AKS default 1)')
    .option('--byo-cni <cni>', 'with --plugin none: calico | flannel | cilium | weave (default calico)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .exitOverride()
    .action((options: SizeOptions) => setExit(runSize(options)));

  cli
    .command('synth')
    .description('run the Pulumi program offline under mocks and print the resources it would create')
    .option('--stack <name>', 'stack to synthesize (reads Pulumi.<name>.yaml); with FILE, the stack name when the file name does not say it')
    .argument('[file]', 'stack file to read (Pulumi.<stack>.yaml names its stack, as plan does)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--previous <file>', 'the last deployment\'s deployedSettings (pulumi stack output deployedSettings --json): show rotations and replacements')
    .exitOverride()
    .action((file: string | undefined, options: SynthOptions) => setExit(runSynth(file, options)));

  cli
    .command('diff')
    .description('what a change does to the plan: BASE and HEAD are `aksnet plan --format json` outputs')
    .argument('<base>', 'plan JSON of the base (what is deployed)')
    .argument('<head>', 'plan JSON of the change')
    .option('--stack <name>', 'name of a single-stack plan (default: the stack it names, else "default"); picks one stack of a multi-stack plan')
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .option('--out <file>', 'write the diff to a file instead of stdout')
    .exitOverride()
    .action((base: string, head: string, options: DiffOptions) => setExit(runDiff(base, head, options)));

  cli
    .command('validate')
    .description('check Kubernetes, Calico (crd.projectcalico.org/v1) and admin network policy objects against their schemas and rules')
    .argument('<files...>', 'YAML (multi-document) or JSON files: an object, an array, or a kind: List')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .exitOverride()
    .action((files: string[], options: { format: 'text' | 'json' }) => setExit(netpolCli().runValidate(files, options)));

  cli
    .command('reach')
    .description('decide offline which connections Kubernetes, Calico and admin network policies allow (probes, or the full matrix)')
    .option('--stack <name>', "add the policy objects stack NAME deploys (Pulumi.<name>.yaml, aks-networking:policy)")
    .option('--policies <files...>', 'policy files (YAML/JSON): NetworkPolicy, Calico GlobalNetworkPolicy/NetworkPolicy/NetworkSet/Tier, AdminNetworkPolicy, BaselineAdminNetworkPolicy')
    .option('--pods <file>', 'pods file: { namespaces: {ns: labels}, pods: [{namespace, name, labels, ip, ports, node?}], nodes?: {name: {ip?, os?}} }')
    .option('--probes <file>', 'probes file: [{from, to, port, protocol}] (from/to: ns/pod, node:<name>, ip:<address>); without it, the matrix of all pods and declared ports')
    .option('--base-policies <files...>', 'compare with these policies: connections gained and lost')
    .addOption(new Option('--engine <engine>', 'policy engine whose semantics decide (default calico; --stack takes the stack\'s)').choices(['calico', 'cilium', 'azure-npm']))
    .option('--calico-version <version>', 'the cluster\'s Calico version (3.29+ enforces AdminNetworkPolicy, 3.30+ BaselineAdminNetworkPolicy)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .exitOverride()
    .action((options: { format: 'text' | 'json' }) => setExit(netpolCli().runReach(options)));

  cli
    .command('migrate')
    .description('plan the move of kubenet and node-subnet Azure CNI stacks to Azure CNI Overlay, or (--ingress) of a stack\'s ingress to the Gateway API')
    .argument('[files...]', 'Pulumi.<stack>.yaml files, or YAML/JSON files holding the network object')
    .option('--stack <name>', 'migrate Pulumi.<name>.yaml (or name the stack of a single FILE)')
    .addOption(new Option('--to <target>', 'target network plugin, or with --ingress the Gateway API implementation').choices(['azure-cni-overlay', 'envoy-gateway', 'agc']).default('azure-cni-overlay'))
    .option('--ingress', 'move aks-networking:ingress to a Gateway API implementation (--to envoy-gateway or agc)')
    .option('--from-ingress <files...>', 'convert ingress-nginx Ingress YAML files to HTTPRoutes, reporting what cannot be converted')
    .option('--pod-cidr <cidr>', 'pod CIDR to move to (default: a kubenet range is kept, or grown into the smallest range that contains it when too small; node-subnet Azure CNI gets a free private /16, the AKS default size (larger when the plan needs it), clear of the estate ranges with a margin)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--today <date>', 'count the days before kubenet retires from this date (YYYY-MM-DD; default today)')
    .exitOverride()
    // its own bundle, loaded only here: `plan` and `size` do not pay for it at start-up
    .action((files: string[], options: MigrateOptions) => setExit(migrateCli().runMigrate(files, options)));

  cli
    .command('usage')
    .description('the live estate against the plan: addresses used per subnet and pod range, drift, and when each range runs out')
    .argument('[files...]', 'Pulumi.<stack>.yaml files, or YAML/JSON files holding the network object')
    .option('--stack <name>', 'read Pulumi.<name>.yaml (or name the stack of a single FILE)')
    .option('--subscription <id...>', 'subscriptions to search (default: every subscription the identity can read)')
    .option('--history <file>', 'JSON Lines file: append today\'s snapshot and fit the trend of used addresses')
    .option('--cloud <name>', 'AzurePublicCloud (default), AzureUSGovernment or AzureChinaCloud')
    .option('--arm-endpoint <url>', 'another Azure Resource Manager endpoint; its authority is read from its metadata')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'html']).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--today <date>', 'date of the snapshot and the forecast (YYYY-MM-DD; default today)')
    .exitOverride()
    .action((files: string[], options: UsageOptions) => setExit(usageCli().runUsage(files, options, deps)));

  cli
    .command('explain')
    .description('what a finding code means, why Azure, Kubernetes or the CNI behaves so, the fix, and public sources')
    .argument('<code>', 'a code from any report, e.g. SUBNET_EXHAUSTED (or a policy pack rule, e.g. aks-subnet-capacity)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .exitOverride()
    // its own bundle, loaded only here: the catalog's text stays out of `plan`'s start-up
    .action((code: string, options: ExplainOptions) => setExit(explainCli().runExplain(code, options)));
  return cli;
}

/** `deps`: what tests and the demo put in place of DefaultAzureCredential and the system's TLS trust (`aksnet usage`). */
export async function main(argv: string[], deps: UsageDeps = {}): Promise<number> {
  let exit: number | Promise<number> = 0;
  try {
    await program((code) => (exit = code), deps).parseAsync(argv, { from: 'user' });
    return await exit;
  } catch (e) {
    return exitStatusFor(e);
  }
}

/** Commander's "error: unknown option '--formt'\n(Did you mean --format?)" as one line with its code. */
function argumentError(message: string): string {
  return formatProblem({ code: 'INVALID_ARGUMENT', message: message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ').trim() });
}

function exitStatusFor(e: unknown): number {
  if (isInputError(e)) {
    for (const p of e.problems) process.stderr.write(`aksnet: ${formatProblem(p)}\n`);
    return 2;
  }
  if (e instanceof CommanderError) {
    // commander already printed its message; help and version are not failures
    return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`aksnet: internal error: ${message}\n`);
  if (process.env.AKSNET_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 3;
}
