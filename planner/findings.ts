// Findings are the planner's only way to say something is wrong. Codes are a public contract
// (JSON output, policy pack, CI gates): add new ones freely, never rename one.
export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = [
  'SUBNET_EXHAUSTED',
  'POD_CIDR_EXHAUSTED',
  'ADDRESS_SPACE_EXHAUSTED',
  'CIDR_OVERLAP',
  'RESERVED_RANGE',
  'NON_PRIVATE_RANGE',
  'SUBNET_OUTSIDE_VNET',
  'SUBNET_SIZE',
  'SUBNET_ROLE_CONFLICT',
  'SERVICE_CIDR_SIZE',
  'DNS_IP_OUTSIDE_SERVICE_CIDR',
  'DNS_IP_RESERVED',
  'MAX_PODS_OUT_OF_RANGE',
  'MAX_PODS_DEFAULTED',
  'NODE_LIMIT',
  'POD_LIMIT',
  'SYSTEM_POOL',
  'SURGE_SETTING',
  'VNET_IP_LIMIT',
  'VNET_TOO_LARGE',
  'LOW_HEADROOM',
  'UNSUPPORTED_COMBINATION',
  'BYO_POOL_REQUIRED',
  'KUBENET_RETIREMENT',
  'WEAVE_UNMAINTAINED',
  'INGRESS_IP_CONFLICT',
  /** an Application Gateway for Containers subnet smaller than /24 (or, with Azure CNI Overlay, not exactly /24) */
  'AGC_SUBNET_SIZE',
  /** outboundType userDefinedRouting without a usable default route */
  'OUTBOUND_ROUTE_REQUIRED',
  /** a subnet name Azure refuses (the program's other names are checked where it derives them) */
  'INVALID_NAME',
] as const;

/**
 * Codes `aksnet plan` adds from the stack's dated lifecycle and API server settings (lifecycle.ts,
 * apiServerRanges.ts): they need today's date or the cluster config, which planNetwork does not see.
 */
export const STACK_CHECK_CODES = [
  /** a Kubernetes version AKS will not create on this date (out of support, LTS included, or not yet GA) */
  'KUBERNETES_VERSION_UNSUPPORTED',
  /** a version AKS supports only under Long Term Support, on a stack without tier premium */
  'KUBERNETES_VERSION_LTS_ONLY',
  /** a version newer than the lifecycle table */
  'KUBERNETES_VERSION_UNKNOWN',
  /** a support phase ends within 90 days: the date and the next step */
  'LIFECYCLE_ENDING',
  /** a component whose support has ended */
  'LIFECYCLE_ENDED',
  /** a dated advice to move (no end date announced) */
  'LIFECYCLE_ADVICE',
  /** an authorizedIpRanges entry that can never match a client, or too many entries */
  'API_SERVER_RANGE',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number] | (typeof STACK_CHECK_CODES)[number];

export interface Finding {
  severity: Severity;
  code: FindingCode;
  message: string;
  /** config path inside the network object, e.g. "nodePools[1].maxPods" */
  path: string;
  /** set when `path` is inside another stack config object than the network */
  config?: 'aks-networking:ingress' | 'aks-networking:ingressRetiring' | 'aks-networking:cluster' | 'aks-networking:policy' | 'aks-networking:windowsAdminPassword';
}

export function error(code: FindingCode, path: string, message: string): Finding {
  return { severity: 'error', code, message, path };
}

export function warning(code: FindingCode, path: string, message: string): Finding {
  return { severity: 'warning', code, message, path };
}

/** Counts in messages and reports: 65,536, not 65536. (Not toLocaleString: ICU costs microseconds a call, and the forecast formats thousands.) */
export const formatCount = (n: number) => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US'));

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** "1 node", "3 nodes", "1 /24 block": a count and its noun, singular for exactly one. */
export const countOf = (n: number, noun: string, nouns = `${noun}s`) => `${formatCount(n)} ${Math.abs(n) === 1 ? noun : nouns}`;
