// Helpers for the tests that run the Pulumi program under mocks (test/components*.test.ts,
// test/synth*.test.ts). The mocks themselves are installed once, in test/setup.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { load } from 'js-yaml';
import { runProgram, type RecordedResource } from '../components/mocks';
import { buildStack, type StackOutputs } from '../components/program';
import type { StackFinding } from '../design/stackFindings';
import { planFromConfig } from '../planner/plan';
import type { Plan } from '../planner/types';

export const ROOT = path.resolve(__dirname, '..');

export const T = {
  resourceGroup: 'azure-native:resources:ResourceGroup',
  vnet: 'azure-native:network:VirtualNetwork',
  subnet: 'azure-native:network:Subnet',
  nsg: 'azure-native:network:NetworkSecurityGroup',
  routeTable: 'azure-native:network:RouteTable',
  route: 'azure-native:network:Route',
  sleep: 'time:index/sleep:Sleep',
  natGateway: 'azure-native:network:NatGateway',
  publicIp: 'azure-native:network:PublicIPAddress',
  identity: 'azure-native:managedidentity:UserAssignedIdentity',
  roleAssignment: 'azure-native:authorization:RoleAssignment',
  cluster: 'azure-native:containerservice:ManagedCluster',
  agentPool: 'azure-native:containerservice:AgentPool',
  stackReference: 'pulumi:pulumi:StackReference',
} as const;

/** Stack names of the bundled Pulumi.<stack>.yaml files at the repository root. */
export function bundledStacks(): string[] {
  return fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export function loadStack(stack: string): { network: any; cluster: any; ingress?: any; policy?: any } {
  const doc = load(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8')) as { config: Record<string, any> };
  return {
    network: doc.config['aks-networking:network'],
    cluster: doc.config['aks-networking:cluster'] ?? {},
    ingress: doc.config['aks-networking:ingress'],
    policy: doc.config['aks-networking:policy'],
  };
}

export function planOf(network: unknown): Plan {
  const result = planFromConfig(network);
  if (!result.ok) throw new Error(`config does not validate: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

export interface StackRun {
  resources: RecordedResource[];
  outputs: StackOutputs;
  findings: StackFinding[];
}

/**
 * Run the program for a stack under mocks. `previous` is the deployedSettings of an earlier run
 * (undefined: a stack never deployed); pass `useStackReference` to read it the way `pulumi up`
 * does, through the StackReference (set its value with setStackOutputs first).
 */
export async function runStack(
  network: unknown,
  cluster: unknown,
  opts: { stack?: string; previous?: unknown; useStackReference?: boolean; ingress?: unknown; ingressRetiring?: unknown; policy?: unknown; today?: Date } = {},
): Promise<StackRun> {
  const findings: StackFinding[] = [];
  const { resources, outputs } = await runProgram(() =>
    buildStack(network, cluster, {
      stack: opts.stack ?? 'test',
      ...(opts.useStackReference ? {} : { readPrevious: async () => opts.previous }),
      ingressRaw: opts.ingress,
      ...(opts.ingressRetiring !== undefined ? { ingressRetiringRaw: opts.ingressRetiring } : {}),
      policyRaw: opts.policy,
      onFinding: (f) => findings.push(f),
      // pinned: end-of-support findings count from it (the developers' guide: tests always pin the date)
      today: opts.today ?? new Date('2026-12-04T00:00:00Z'),
    }),
  );
  return { resources, outputs, findings };
}

export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function one(resources: readonly RecordedResource[], type: string): RecordedResource {
  const found = ofType(resources, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** Subnet name -> addressPrefix, as the program asks Azure for them. */
export function subnetCidrs(resources: readonly RecordedResource[]): Record<string, string> {
  return Object.fromEntries(ofType(resources, T.subnet).map((s) => [s.inputs.subnetName as string, s.inputs.addressPrefix as string]));
}

/** Every node pool the program creates, inline in the cluster or as an AgentPool, by Azure name. */
export function poolSpecs(resources: readonly RecordedResource[]): Map<string, Record<string, any>> {
  const pools = new Map<string, Record<string, any>>();
  for (const profile of (one(resources, T.cluster).inputs.agentPoolProfiles as Record<string, any>[]) ?? []) pools.set(profile.name, profile);
  for (const pool of ofType(resources, T.agentPool)) pools.set(pool.inputs.agentPoolName as string, pool.inputs);
  return pools;
}

/** The subnet name a subnet ID points at ("…/subnets/aks-nodes" -> "aks-nodes"). */
export function subnetNameOf(id: unknown): string | undefined {
  return typeof id === 'string' ? /\/subnets\/([^/]+)$/.exec(id)?.[1] : undefined;
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Resolves to the error the promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the program to refuse the config');
}

/** A deep copy to edit, leaving the loaded stack alone. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
