// Shared fixtures for the planner tests. Expected numbers never come from here: every test writes
// its own arithmetic. This file only builds configs and reads plans.
import { expect } from 'chai';
import type { Finding, FindingCode, Severity } from '../planner/findings';
import { planFromConfig, type PlanOptions } from '../planner/plan';
import type { Plan, PoolPlan, SubnetPlan } from '../planner/types';

export type Json = Record<string, unknown>;

/** A Linux system pool on subnet "nodes": 3 nodes, 30 pods (override anything). */
export function sysPool(over: Json = {}): Json {
  return { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, maxPods: 30, subnet: 'nodes', ...over };
}

/** A Linux user pool on subnet "nodes" (override anything). */
export function userPool(name: string, over: Json = {}): Json {
  return { name, mode: 'User', vmSize: 'Standard_D8s_v5', count: 3, maxPods: 30, subnet: 'nodes', ...over };
}

/**
 * A small, clean overlay network: VNet 10.10.0.0/16, service CIDR 172.16.0.0/16 (outside the VNet,
 * not reserved), dnsServiceIP .10, default pod CIDR 10.244.0.0/16, one carved subnet "nodes".
 */
export function net(over: Json = {}): Json {
  return {
    addressSpace: ['10.10.0.0/16'],
    plugin: 'azure-cni-overlay',
    serviceCidr: '172.16.0.0/16',
    dnsServiceIP: '172.16.0.10',
    subnets: [{ name: 'nodes' }],
    nodePools: [sysPool()],
    ...over,
  };
}

/** planFromConfig that must accept the config. */
export function planOk(raw: unknown, options: PlanOptions = {}): Plan {
  const result = planFromConfig(raw, options);
  if (!result.ok) throw new Error(`config rejected: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

export function findings(plan: Plan, code: FindingCode, severity?: Severity): Finding[] {
  return plan.findings.filter((f) => f.code === code && (severity === undefined || f.severity === severity));
}

/** Asserts the plan has a finding with this code (and severity, and path when given). */
export function expectFinding(plan: Plan, code: FindingCode, severity: Severity, path?: string): Finding {
  const hit = plan.findings.find((f) => f.code === code && f.severity === severity && (path === undefined || f.path === path));
  expect(hit, `expected ${severity} ${code}${path ? ` at ${path}` : ''}; got ${JSON.stringify(plan.findings, null, 1)}`).to.not.equal(undefined);
  return hit!;
}

export function expectNoFinding(plan: Plan, code: FindingCode, path?: string): void {
  const hits = plan.findings.filter((f) => f.code === code && (path === undefined || f.path === path));
  expect(hits, `expected no ${code}${path ? ` at ${path}` : ''}`).to.deep.equal([]);
}

export function subnet(plan: Plan, name: string): SubnetPlan {
  const s = plan.subnets.find((x) => x.name === name);
  if (!s) throw new Error(`no subnet ${name}`);
  return s;
}

export function pool(plan: Plan, name: string): PoolPlan {
  const p = plan.pools.find((x) => x.name === name);
  if (!p) throw new Error(`no pool ${name}`);
  return p;
}

/** Prefix length of a CIDR string. */
export function prefixOf(cidr: string | null): number {
  if (cidr === null) throw new Error('subnet was not placed');
  return Number(cidr.split('/')[1]);
}

/** Azure usable addresses, written out independently of planner/cidr.ts: 2^(32-L) - 5 [rules §1]. */
export function usable(prefix: number): number {
  return 2 ** (32 - prefix) - 5;
}
