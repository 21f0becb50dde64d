// What `aksnet usage` read from Azure for one stack: the VNet with each subnet's range and the
// addresses in use, and the cluster with its network profile and node pools. `null` is "looked for
// and not there"; `undefined` is "could not be read" (the reason is among `problems`). Pure types.
import type { LiveCluster, LivePool } from '../design/liveCluster';

export interface LiveSubnet {
  name: string;
  id: string;
  /** the subnet's range (subnets.get; absent when the subnet could not be read) */
  addressPrefix?: string;
  /** IP configurations in the subnet (the VNet usage API's currentValue, else counted ipConfigurations) */
  used: number | null;
  /** addresses the subnet can hand out (the usage API's limit: its size less Azure's 5) */
  usable: number | null;
  /** where `used` came from */
  source: 'usage-api' | 'ip-configurations' | 'none';
}

export interface LiveNetwork {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  addressSpace: string[];
  subnets: LiveSubnet[];
}

/** A node pool as AKS reports it now: its node count, autoscaler range and settings. */
export interface LivePoolNow extends LivePool {
  minCount?: number;
}

export interface LiveAks {
  id: string;
  name: string;
  subscriptionId: string;
  networkProfile: NonNullable<LiveCluster['networkProfile']>;
  pools: LivePoolNow[];
}

export const AZURE_PROBLEM_CODES = ['AZURE_AUTHORIZATION_FAILED', 'AZURE_NOT_FOUND', 'AZURE_AMBIGUOUS', 'AZURE_REQUEST_FAILED'] as const;
export type AzureProblemCode = (typeof AZURE_PROBLEM_CODES)[number];

/** A read that failed: which resource, why, and for a 403 the permission (action) that is missing. */
export interface AzureProblem {
  code: AzureProblemCode;
  /** the resource (ARM id, or a description when no id is known) */
  resource: string;
  message: string;
  /** the Azure RBAC action the read needs, e.g. Microsoft.ContainerService/managedClusters/read */
  action?: string;
  status?: number;
}

export interface LiveStack {
  vnet: LiveNetwork | null | undefined;
  cluster: LiveAks | null | undefined;
  problems: AzureProblem[];
}
