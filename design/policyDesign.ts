// What the program puts inside the cluster, decided before any resource exists: the BYO CNI chart
// (plugin none) and the policy objects of `aks-networking:policy`, each object checked by the same
// validateObjects `aksnet validate` runs. Pure, like design.ts: a bad object is a finding here and
// the program refuses to deploy, so it never reaches the API server (or, for Calico, Felix).
import { generatePolicyObjects, type IngressBackend, type PolicyObject } from '../netpol/baseline';
import { policyEngineOf } from '../netpol/engine';
import { validatePolicyConfig } from '../netpol/policyConfig';
import { validateObjects, type FindingCode as ObjectCheckCode } from '../netpol/validate';
import type { Plan } from '../planner/types';
import { cniChartFor, type CniChart } from './cniCharts';
import { CLUSTER_KEY, errorsIn, fromConfigIssue, NETWORK_KEY, POLICY_KEY, type StackFinding } from './stackFindings';

export interface InClusterDesign {
  /** the CNI chart to install (plugin none), else undefined */
  cni?: CniChart;
  objects: PolicyObject[];
  namespaces: string[];
  /** warnings and notes; none of them an error */
  findings: StackFinding[];
}

export type InClusterResult = { ok: true; design: InClusterDesign } | { ok: false; findings: StackFinding[] };

export interface InClusterOptions {
  /** the cluster's API server is private: in-cluster objects need a deployer inside the network */
  privateApiServer?: boolean;
}

export function designInCluster(plan: Plan, policyRaw: unknown, ingressBackends: readonly IngressBackend[] = [], options: InClusterOptions = {}): InClusterResult {
  const findings: StackFinding[] = [];
  const chart = cniChartFor(plan);
  if (chart && !chart.ok) findings.push({ severity: 'error', code: 'CNI_NOT_DEPLOYABLE', config: NETWORK_KEY, path: chart.path, message: chart.message });

  const config = validatePolicyConfig(policyRaw);
  if (!config.ok) return { ok: false, findings: [...findings, ...config.issues.map((i) => fromConfigIssue(i, POLICY_KEY))] };

  const clusterRanges = [...plan.subnets.filter((s) => s.role !== 'other').map((s) => s.cidr!), ...plan.podRanges.map((r) => r.cidr)];
  const generated = generatePolicyObjects(config.config, { ...policyEngineOf(plan.network), ingressBackends, clusterRanges });
  findings.push(...generated.findings.map((f): StackFinding => ({ ...f, config: POLICY_KEY })));
  const declared = config.config.global?.policies ?? [];
  for (const f of validateObjects(generated.objects)) {
    const object = generated.objects[f.doc];
    const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}${f.path ? ` ${f.path}` : ''}`;
    // a GlobalNetworkPolicy from global.policies[i] carries the user's selector and rules as written:
    // point at them in the config (spec.egress[0] is global.policies[i].egress[0])
    const i = object.kind === 'GlobalNetworkPolicy' ? declared.findIndex((p) => object.metadata.name === p.name || object.metadata.name.endsWith(`.${p.name}`)) : -1;
    const path = i >= 0 ? `global.policies[${i}]${f.path.startsWith('spec.') ? f.path.slice(4) : ''}` : '';
    findings.push({ severity: f.severity, code: f.code as ObjectCheckCode, config: POLICY_KEY, path, message: `generated ${where}: ${f.message}` });
  }
  if (errorsIn(findings).length > 0) return { ok: false, findings };
  if (options.privateApiServer && (chart?.ok || generated.objects.length > 0)) {
    findings.push({
      severity: 'info',
      code: 'PRIVATE_API_SERVER_DEPLOYER',
      config: CLUSTER_KEY,
      path: 'apiServer.private',
      message: 'the CNI chart and policy objects go through the private API server: run pulumi up from a machine that reaches it (a runner inside the VNet or a peered one; see docs/deploying.md, "Private clusters")',
    });
  }
  return {
    ok: true,
    design: { ...(chart?.ok ? { cni: chart.chart } : {}), objects: generated.objects, namespaces: generated.namespaces, findings },
  };
}
