// `aksnet usage [FILE...] [--stack NAME] [--subscription ID...] [--history FILE]
//  [--cloud NAME | --arm-endpoint URL] [--format text|json|markdown|html] [--out FILE] [--today DATE]`:
// the live estate against the plan. Built as its own bundle (dist/usage.js) and loaded only when the
// command runs: `aksnet plan` and the other offline commands load no Azure SDK.
// Exit status: 0 fine, 1 a range full or forecast to run out within 90 days, or an Azure read failed
// (partial figures cannot say all is well), 2 unusable input (files, arguments, no credential).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import { validateClusterConfig } from '../design/clusterConfig';
import { azureNames } from '../design/azureNames';
import { renderUsageHtml } from '../report/usageHtml';
import { renderUsageJson, renderUsageMarkdown, renderUsageText, type UsageReport } from '../report/usage';
import { stackUsage, usageOk, withTrends, type StackTarget } from '../usage/compare';
import { parseHistory, seriesOf, snapshotLine, snapshotOf, type Snapshot } from '../usage/history';
import { cloudOfEndpoint, namedCloud, type AzureTarget } from './azureClouds';
import { isCredentialError, readEstate } from './azureEstate';
import { InputError, type InputProblem } from './inputError';
import { joinPath, CLUSTER_KEY } from './loadStacks';
import { buildReport, checkOut, loadNetworks, writeReport } from './planCommand';

export const USAGE_FORMATS = ['text', 'json', 'markdown', 'html'] as const;

export interface UsageOptions {
  stack?: string;
  subscription?: string[];
  history?: string;
  cloud?: string;
  armEndpoint?: string;
  format: (typeof USAGE_FORMATS)[number];
  out?: string;
  /** YYYY-MM-DD: the day of the snapshot and the forecast (default: today, UTC) */
  today?: string;
}

/** What a test or the demo puts in place of DefaultAzureCredential and the system's TLS trust. */
export interface UsageDeps {
  credential?: TokenCredential;
  agent?: Agent;
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

export async function runUsage(files: string[], options: UsageOptions, deps: UsageDeps = {}): Promise<number> {
  if (options.out) checkOut(options.out);
  const today = todayArgument(options.today);
  const subscriptions = subscriptionArguments(options.subscription ?? []);
  if (options.cloud && options.armEndpoint) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--arm-endpoint', message: '--cloud and --arm-endpoint both name the cloud: give one' }]);
  }
  const { inputs, networks, ingress } = loadNetworks(files, options.stack);
  const plans = buildReport(inputs, networks, ingress).stacks;
  const problems: InputProblem[] = [];
  const targets: StackTarget[] = [];
  inputs.forEach((input, i) => {
    const cluster = validateClusterConfig(input.clusterRaw, input.stack);
    if (!cluster.ok) {
      problems.push(...cluster.issues.map((issue) => ({ code: issue.code as InputProblem['code'], file: input.file, path: joinPath(`config.${CLUSTER_KEY}`, issue.path), message: issue.message })));
      return;
    }
    const plan = plans[i].plan;
    targets.push({ stack: input.stack, file: input.file, plan, vnetName: azureNames(cluster.settings, plan).vnet, clusterName: cluster.settings.name, resourceGroupName: cluster.settings.resourceGroupName });
  });
  if (problems.length) throw new InputError(problems);
  const history = options.history ? readHistory(options.history) : [];

  const cloud: AzureTarget = options.armEndpoint ? await cloudOfEndpoint(options.armEndpoint, deps.agent) : namedCloud(options.cloud ?? 'AzurePublicCloud');
  const credential = deps.credential ?? (await defaultCredential(cloud));
  let live;
  try {
    live = await readEstate(targets, { credential, cloud, subscriptions, ...(deps.agent ? { agent: deps.agent } : {}), ...(deps.retryOptions ? { retryOptions: deps.retryOptions } : {}) });
  } catch (e) {
    if (isCredentialError(e)) {
      throw new InputError([{ code: 'AZURE_CREDENTIAL_UNAVAILABLE', message: `no Azure credential for ${cloud.cloud}: ${(e as Error).message.split('\n')[0]} (sign in with \`az login\`, or set a workload identity: https://learn.microsoft.com/javascript/api/@azure/identity/defaultazurecredential)` }]);
    }
    throw e;
  }
  const stacks = targets.map((t, i) => withTrends(stackUsage(t, live[i]), options.history ? (key) => seriesOf(history, t.stack, key) : undefined, today));
  const todays = stacks.map((s) => snapshotOf(s, today));
  if (options.history) appendHistory(options.history, todays);
  const report: UsageReport = {
    today,
    cloud: cloud.cloud,
    armEndpoint: cloud.armEndpoint,
    partial: stacks.some((s) => !s.complete),
    ok: usageOk(stacks),
    ...(options.history ? { history: options.history } : {}),
    stacks,
  };
  const render = { text: renderUsageText, json: renderUsageJson, markdown: renderUsageMarkdown, html: (r: UsageReport) => renderUsageHtml(r, [...history, ...todays]) }[options.format];
  writeReport(render(report), options.out);
  return report.ok ? 0 : 1;
}

async function defaultCredential(cloud: AzureTarget): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential({ authorityHost: cloud.authorityHost });
}

function todayArgument(text: string | undefined): string {
  if (text === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--today', message: `"${text}" is not a date: use YYYY-MM-DD` }]);
  }
  return text;
}

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function subscriptionArguments(ids: string[]): string[] {
  const bad = ids.filter((id) => !SUBSCRIPTION_ID.test(id));
  if (bad.length) throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--subscription', message: `${bad.join(', ')}: a subscription ID is a GUID such as 00000000-0000-0000-0000-000000000000` }]);
  return ids;
}

/** The history so far; a missing file is an empty history (the first run creates it). */
function readHistory(file: string): Snapshot[] {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--history', message: `cannot keep ${file}: folder ${path.dirname(file)} does not exist` }]);
  if (!fs.existsSync(file)) return [];
  if (!fs.statSync(file).isFile()) throw new InputError([{ code: 'NOT_A_FILE', file, message: 'the history must be a file (JSON Lines)' }]);
  const { snapshots, problems } = parseHistory(fs.readFileSync(file, 'utf8'));
  if (problems.length) throw new InputError(problems.map((p) => ({ code: 'INVALID_HISTORY' as const, file: `${file}:${p.line}`, message: p.message })));
  return snapshots;
}

function appendHistory(file: string, snapshots: Snapshot[]): void {
  try {
    fs.appendFileSync(file, snapshots.map(snapshotLine).join(''));
  } catch (e) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--history', message: `cannot write ${file}: ${(e as Error).message}` }]);
  }
}
