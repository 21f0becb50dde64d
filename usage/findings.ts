// Codes of `aksnet usage` findings: drift between the config and Azure, and ranges that are full or
// forecast to run out. Codes are a public contract (JSON output, the scheduled workflow): add new
// ones freely, never rename one.
import type { Severity } from '../planner/findings';

export const USAGE_CODES = [
  /** a subnet in the VNet that the config does not declare */
  'DRIFT_SUBNET_MISSING_IN_CONFIG',
  /** a subnet the config declares that the VNet does not have */
  'DRIFT_SUBNET_MISSING_LIVE',
  /** a subnet whose live range differs from the planned one */
  'DRIFT_SUBNET_RANGE',
  /** an agent pool in the cluster that no config pool owns */
  'DRIFT_POOL_ONLY_LIVE',
  /** a config pool with no agent pool in the cluster */
  'DRIFT_POOL_ONLY_CONFIG',
  'DRIFT_POOL_MAXPODS',
  'DRIFT_POOL_VM_SIZE',
  /** the pool's node subnet or pod subnet */
  'DRIFT_POOL_SUBNET',
  /** the autoscaler's minCount/maxCount (or a fixed count) */
  'DRIFT_POOL_SCALE',
  /** plugin, plugin mode, pod CIDR, service CIDR or DNS service IP */
  'DRIFT_NETWORK_PROFILE',
  /** the stack's VNet or cluster was not found in the subscriptions read */
  'NOT_DEPLOYED',
  /** a range has no address (block) left now */
  'USAGE_RANGE_FULL',
  /** the trend reaches the range's capacity within 90 days */
  'USAGE_RUNS_OUT_SOON',
  /** more addresses in use now than the plan counts at every pool's maxCount plus surge */
  'USAGE_ABOVE_PLAN',
  /** a read from Azure failed: the report is partial */
  'AZURE_READ_FAILED',
] as const;

export type UsageCode = (typeof USAGE_CODES)[number];

export interface UsageFinding {
  severity: Severity;
  code: UsageCode;
  /** config path inside the network object (e.g. "nodePools[1].maxPods"), or "" for the stack */
  path: string;
  message: string;
}

export const usageFinding = (severity: Severity, code: UsageCode, path: string, message: string): UsageFinding => ({ severity, code, path, message });
