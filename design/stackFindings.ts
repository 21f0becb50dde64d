// What the Pulumi program reports before it builds anything: the planner's findings, problems in
// the cluster config, and what the comparison with the deployed stack found. One list, one format,
// so `pulumi preview`, `aksnet synth` and the tests all read the same thing.
//
// Pure (no Pulumi import) so the CLI can format these without loading the Pulumi runtime.
import type { Finding, FindingCode, Severity } from '../planner/findings';
import type { ConfigIssue } from '../planner/validate';
import type { PolicyFindingCode } from '../netpol/baseline';
import type { FindingCode as ObjectCheckCode } from '../netpol/validate';
import { INGRESS_FINDING_CODES } from './ingress/findingCodes';
import { explainLine } from '../planner/explainHint';

/**
 * Codes the program adds to the planner's. Public contract like the planner's codes: add freely,
 * never rename.
 */
export const STACK_FINDING_CODES = [
  /** a change only a new cluster can carry; an error unless cluster.allowClusterReplacement */
  'CLUSTER_REPLACEMENT',
  /** a change AKS makes in place but that disrupts the cluster (all pools reimaged) or has preconditions */
  'IN_PLACE_MIGRATION',
  /** a pool gets a new Azure node pool (created before the old one is deleted) */
  'POOL_ROTATION',
  /** a deployed subnet cannot take this change (resize while in use, pod IP mode switch) */
  'SUBNET_CHANGE',
  /** the outbound type sent to AKS differs from the configured one, and why */
  'OUTBOUND_TYPE_MAPPED',
  /** the outbound type of a running cluster changes in place (egress IP changes, connections drop) */
  'OUTBOUND_TYPE_CHANGE',
  /** the deployed settings this stack exported last time could not be read */
  'DEPLOYED_SETTINGS_UNREADABLE',
  /** the BYO CNI cannot be installed as planned (Weave Net is unmaintained; Flannel's chart cannot set SubnetLen) */
  'CNI_NOT_DEPLOYABLE',
  /** in-cluster objects on a private cluster: pulumi up must run where the private API server answers */
  'PRIVATE_API_SERVER_DEPLOYER',
  /** no deployedSettings, but the cluster exists: changes were compared with the cluster as AKS reports it */
  'LIVE_CLUSTER_COMPARED',
  /** a name Azure would refuse (length, characters) that the program cannot shorten for you */
  'INVALID_NAME',
  /** Windows pools without cluster.windows: AKS generates the Windows admin account */
  'WINDOWS_PROFILE_GENERATED',
  /** local accounts kept on (access.localAccounts: true): a static admin certificate exists */
  'LOCAL_ACCOUNTS_ENABLED',
  ...INGRESS_FINDING_CODES,
] as const;
export type StackFindingCode = (typeof STACK_FINDING_CODES)[number];

/** The stack config objects a finding can point into. */
export type ConfigKey = 'aks-networking:network' | 'aks-networking:cluster' | 'aks-networking:ingress' | 'aks-networking:ingressRetiring' | 'aks-networking:policy' | 'aks-networking:windowsAdminPassword';
export const NETWORK_KEY: ConfigKey = 'aks-networking:network';
export const CLUSTER_KEY: ConfigKey = 'aks-networking:cluster';
export const INGRESS_KEY: ConfigKey = 'aks-networking:ingress';
/** the Ingress controller kept side by side with a new Gateway API implementation until the DNS cutover */
export const INGRESS_RETIRING_KEY: ConfigKey = 'aks-networking:ingressRetiring';
export const POLICY_KEY: ConfigKey = 'aks-networking:policy';
/** a secret string, not an object: findings about it have the path "" */
export const WINDOWS_PASSWORD_KEY: ConfigKey = 'aks-networking:windowsAdminPassword';

export interface StackFinding {
  severity: Severity;
  code: FindingCode | StackFindingCode | ConfigIssue['code'] | PolicyFindingCode | ObjectCheckCode;
  /** which config object `path` is in */
  config: ConfigKey;
  /** path inside that object, e.g. "nodePools[1].maxPods" ("" for the whole object) */
  path: string;
  message: string;
}

export function fromPlanFinding(f: Finding): StackFinding {
  return { severity: f.severity, code: f.code, config: f.config ?? NETWORK_KEY, path: f.path, message: f.message };
}

export function fromConfigIssue(issue: ConfigIssue, config: ConfigKey): StackFinding {
  return { severity: 'error', code: issue.code, config, path: issue.path, message: issue.message };
}

export function stackFinding(severity: Severity, code: StackFindingCode, config: ConfigKey, path: string, message: string): StackFinding {
  return { severity, code, config, path, message };
}

export function errorsIn(findings: readonly StackFinding[]): StackFinding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** "error SUBNET_EXHAUSTED aks-networking:network.subnets[0]: subnet ..." */
export function formatFinding(f: StackFinding): string {
  const where = f.path ? `${f.config}.${f.path}` : f.config;
  return `${f.severity} ${f.code} ${where}: ${f.message}`;
}

/** The one message the program fails with: every error finding, one per line. */
export function refusalMessage(stack: string, findings: readonly StackFinding[]): string {
  const errors = errorsIn(findings);
  const noun = errors.length === 1 ? 'error' : 'errors';
  const explain = explainLine(errors.map((f) => f.code));
  return [`stack "${stack}": the config has ${errors.length} ${noun}; nothing was deployed`, ...errors.map((f) => `  ${formatFinding(f)}`), ...(explain ? [explain] : [])].join('\n');
}
