// `aksnet plan` runs the checks the Pulumi program runs before it creates anything (and so
// `aksnet synth` and `pulumi preview`): the same pure steps, in the same order as
// components/program.ts buildStack: designStack (cluster config, names, ingress, Windows profile,
// API server ranges), then designInCluster (the BYO CNI chart and the policy objects), plus the
// dated lifecycle of what the stack runs. Same codes; INVALID_CONFIG/INVALID_CIDR are unusable
// input (exit 2) here as in synth, every other error an error finding (exit 1).
//
// The program's steps run from the netpol bundle (cli/programChecks.ts), loaded at run time: they
// check generated Ingress, Gateway API and policy objects against schemas (ajv, kubernetes-models),
// which the main bundle does not carry.
import { aksProfileFor } from '../design/aksProfile';
import { validateClusterConfig } from '../design/clusterConfig';
import { windowsProfileFindings } from '../design/windowsProfile';
import type { Plan } from '../planner/types';
import type { StackFinding } from '../design/stackFindings';
import type { Finding } from '../planner/findings';
import { lifecycleFindings } from '../planner/lifecycle';
import { apiServerRangeFindings } from '../planner/apiServerRanges';
import type { InputProblem } from './inputError';
import { joinPath, type StackInput } from './loadStacks';
import { netpolCli } from './netpolBundle';

const INPUT_CODES = new Set(['INVALID_CONFIG', 'INVALID_CIDR']);

export interface StackCheckResult {
  /** problems that make the stack unusable input (exit 2) */
  problems: InputProblem[];
  /** every other finding, in the plan's shape */
  findings: Finding[];
}

export function stackChecks(input: StackInput, plan: Plan, today: Date): StackCheckResult {
  const found: StackFinding[] = onlyNetwork(input, plan) ? networkOnlyFindings(plan) : netpolCli().programFindings(input, today);
  // dated checks read the plan and the raw configs, so they run even when the design refused the stack
  const cluster = validateClusterConfig(input.clusterRaw, input.stack);
  const clusterVersion = cluster.ok ? cluster.settings.kubernetesVersion : undefined;
  // what the API server lets in (errors again, deduplicated, plus the note on a public one without ranges)
  if (cluster.ok && input.clusterRaw !== undefined) found.push(...apiServerRangeFindings(cluster.settings.apiServer.authorizedIpRanges, cluster.settings.apiServer.private).map((f) => ({ ...f, config: 'aks-networking:cluster' }) as StackFinding));
  const version = plan.network.kubernetesVersion ?? clusterVersion;
  const controller = (input.ingressRaw as { controller?: unknown } | undefined)?.controller;
  found.push(
    ...lifecycleFindings({
      ...(version ? { kubernetesVersion: version } : {}),
      versionPath: plan.network.kubernetesVersion ? { path: 'kubernetesVersion' } : { config: 'aks-networking:cluster', path: 'kubernetesVersion' },
      ...(plan.network.tier ? { tier: plan.network.tier } : {}),
      plugin: plan.network.plugin,
      ...(typeof controller === 'string' ? { ingressController: controller } : {}),
      today,
      stack: input.stack,
    }).map((f) => ({ ...f, config: f.config ?? 'aks-networking:network' }) as StackFinding),
  );
  const configPath = (f: StackFinding) => (input.pathPrefix ? joinPath(`config.${f.config}`, f.path) : f.path);
  const problems = found
    .filter((f) => f.severity === 'error' && INPUT_CODES.has(f.code))
    .map((f): InputProblem => ({ code: f.code as 'INVALID_CONFIG' | 'INVALID_CIDR', file: input.file, path: configPath(f), message: f.message }));
  const findings = found
    .filter((f) => !(f.severity === 'error' && INPUT_CODES.has(f.code)))
    .map((f): Finding => ({ severity: f.severity, code: f.code as Finding['code'], path: f.path, message: f.message, ...(f.config !== 'aks-networking:network' ? { config: f.config } : {}) }));
  return { problems, findings };
}

/**
 * A stack file with nothing but `aks-networking:network` (no cluster, ingress or policy config) and
 * an AKS-managed CNI: the program designs it with the default cluster settings, whose names it
 * derives and shortens itself, and creates no object in the cluster. What designStack then adds to
 * the planner's findings is the AKS profile's (the outbound type sent to AKS) and the Windows
 * profile note; those modules are light, so such stacks (the bench estate) do not load the netpol
 * bundle. A test holds the two paths equal on network-only stacks.
 */
export function onlyNetwork(input: StackInput, plan: Plan): boolean {
  const noCluster = input.clusterRaw === undefined || (typeof input.clusterRaw === 'object' && input.clusterRaw !== null && Object.keys(input.clusterRaw).length === 0);
  return noCluster && input.ingressRaw === undefined && input.policyRaw === undefined && plan.network.plugin !== 'none';
}

export function networkOnlyFindings(plan: Plan): StackFinding[] {
  return [...aksProfileFor(plan).findings, ...windowsProfileFindings(plan.pools, undefined, false)];
}

/** The findings of `extra` that `existing` does not already hold (same code, config and path). */
export function newFindings(existing: readonly Finding[], extra: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.code} ${f.config ?? ''} ${f.path}`;
  const seen = new Set(existing.map(key));
  return extra.filter((f) => {
    if (seen.has(key(f))) return false;
    seen.add(key(f));
    return true;
  });
}
