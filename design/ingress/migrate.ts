// Planning the move of a stack's ingress from an Ingress controller (nginx, app-routing, haproxy,
// agic) to a Gateway API implementation (envoy-gateway, agc). Pure: the stack's config in; the new
// config, what changes in the address plan, every route that cannot move as it is (with the reason),
// and the steps to run both side by side and cut DNS over.
//
// The new config is checked by the same code that deploys it (validateIngressConfig, planNetwork,
// designIngress), so what the report says cannot move is exactly what `pulumi up` would refuse.
// Side by side: the current `aks-networking:ingress` moves to `aks-networking:ingressRetiring`, which
// the program keeps deployed unchanged (same resources) next to the new implementation, until it is
// removed after the DNS cutover. Microsoft's migration guide runs both data planes, checks with
// `curl --resolve` and cuts over through DNS: the old load balancer's IP cannot move to the Gateway
// (https://learn.microsoft.com/azure/aks/app-routing-nginx-to-gateway-api-migration).
import { formatIPv4, parseIPv4 } from '../../planner/cidr';
import { planNetwork } from '../../planner/plan';
import type { Plan } from '../../planner/types';
import { validateNetworkConfig } from '../../planner/validate';
import type { StackFinding } from '../stackFindings';
import { ingressNeed, isGatewayController, validateIngressConfig, type IngressControllerKind, type IngressSettings } from './config';
import { designIngress } from './ingressDesign';

export const INGRESS_MIGRATION_TARGETS = ['envoy-gateway', 'agc'] as const;
export type IngressMigrationTarget = (typeof INGRESS_MIGRATION_TARGETS)[number];
export const RETIRING_KEY = 'aks-networking:ingressRetiring';

export interface RouteMove {
  index: number;
  host: string;
  path: string;
  /** moves: as it is; changed: moves, written differently (reason says how); blocked: fix the config first */
  status: 'moves' | 'changed' | 'blocked';
  reasons: string[];
  /** finding codes among the reasons (aksnet explain CODE) */
  codes: string[];
}

export interface IngressMigrationPlan {
  /** the new config deploys: no blocker and no route blocked */
  ok: boolean;
  stack: string;
  from: IngressControllerKind | null;
  to: IngressMigrationTarget;
  /** why the stack cannot move at all (no ingress, internal exposure on agc...) */
  blockers: string[];
  /** the stack's config keys after the move (side by side: ingress + ingressRetiring; network when it changes) */
  config: Record<string, unknown> | null;
  /** what changes in the config, one line each */
  changes: string[];
  /** what changes in the address plan, one line each */
  addressPlan: string[];
  routes: RouteMove[];
  steps: string[];
  /** findings of the new config other than routes' (errors block) */
  findings: StackFinding[];
}

export interface IngressMigrationRequest {
  stack: string;
  networkRaw: unknown;
  ingressRaw: unknown;
  to: IngressMigrationTarget;
  clusterName: string;
  resourceGroupName: string;
  today: Date;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Raw = Record<string, any>;

export function planIngressMigration(req: IngressMigrationRequest): IngressMigrationPlan {
  const base: IngressMigrationPlan = { ok: false, stack: req.stack, from: null, to: req.to, blockers: [], config: null, changes: [], addressPlan: [], routes: [], steps: [], findings: [] };
  const network = validateNetworkConfig(req.networkRaw);
  if (!network.ok) return { ...base, blockers: [`the network config does not validate (${network.issues[0].path}: ${network.issues[0].message}): run aksnet plan --stack ${req.stack}`] };
  if (req.ingressRaw === undefined) return { ...base, blockers: ['the stack has no aks-networking:ingress: there is nothing to move; set one with controller envoy-gateway or agc'] };
  const current = validateIngressConfig(req.ingressRaw, network.network);
  if (!current.ok) return { ...base, blockers: current.issues.map((i) => `aks-networking:ingress ${i.path}: ${i.message}`) };
  const old = current.settings;
  base.from = old.controller;
  if (isGatewayController(old.controller)) {
    return { ...base, blockers: [`the stack already uses the Gateway API (${old.controller}); moving between implementations is a change of controller, with no Ingress objects to convert`] };
  }
  if (req.to === 'agc' && old.exposure === 'internal') {
    return {
      ...base,
      blockers: [
        "Application Gateway for Containers frontends are public only (\"Private IP addresses aren't currently supported\", https://learn.microsoft.com/azure/application-gateway/for-containers/application-gateway-for-containers-components): this stack's entry point is internal; use --to envoy-gateway",
      ],
    };
  }

  const oldPlan = planNetwork(network.network, { ingress: ingressNeed(old) });
  const oldRaw = req.ingressRaw as Raw;
  const ingress: Raw = { controller: req.to, ...(req.to === 'agc' ? {} : { exposure: old.exposure }) };
  const networkRaw = clone(req.networkRaw as Raw);
  let networkChanged = false;
  const changes = [`aks-networking:ingress controller: ${old.controller} -> ${req.to}`];
  const addressPlan: string[] = [];

  if (req.to === 'agc') {
    let agcSubnet = network.network.subnets.find((s) => s.purpose === 'agc')?.name;
    if (!agcSubnet) {
      agcSubnet = network.network.subnets.some((s) => s.name === 'agc') ? 'agc-association' : 'agc';
      networkRaw.subnets.push({ name: agcSubnet, purpose: 'agc', prefixLength: 24 });
      networkChanged = true;
      changes.push(`aks-networking:network subnets: + ${agcSubnet} (purpose agc, prefixLength 24), delegated to Microsoft.ServiceNetworking/trafficControllers`);
    }
    ingress.subnet = agcSubnet;
    if (old.controller === 'agic') changes.push(`the Application Gateway v2 subnet ${old.subnet} is no longer used by the ingress once the AGIC add-on is removed`);
  } else if (old.exposure === 'internal') {
    // side by side, the old controller keeps its address until the cutover: the Gateway takes the
    // next address down in the same subnet, and keeps it afterwards (DNS points at it)
    ingress.subnet = old.subnet;
    const oldIp = oldPlan.ingress?.ip ? parseIPv4(oldPlan.ingress.ip) : undefined;
    if (oldIp !== undefined) {
      ingress.ip = formatIPv4(oldIp - 1);
      changes.push(`aks-networking:ingress ip: ${ingress.ip} (the current controller keeps ${oldPlan.ingress!.ip} until the cutover)`);
    }
  }
  if (oldRaw.replicas !== undefined) ingress.replicas = oldRaw.replicas;
  if (oldRaw.namespace !== undefined) changes.push(`aks-networking:ingress namespace: ${oldRaw.namespace} dropped (the ${req.to} chart's own namespace is used)`);

  // Routes: what the Gateway API cannot take as written is changed where the meaning is certain, and
  // reported; anything else stays and the design below says why it cannot deploy.
  const routes: RouteMove[] = [];
  const newRoutes: Raw[] = [];
  const nginxLike = old.controller === 'nginx' || old.controller === 'app-routing';
  const regexHosts = new Set(nginxLike ? old.routes.filter((r) => r.rewrite !== undefined).map((r) => r.host) : []);
  (oldRaw.routes ?? []).forEach((raw: Raw, index: number) => {
    const r = old.routes[index];
    const next = clone(raw);
    const reasons: string[] = [];
    let status: RouteMove['status'] = 'moves';
    if (r.pathType === 'ImplementationSpecific') {
      delete next.pathType;
      status = 'changed';
      reasons.push(`pathType ImplementationSpecific has no Gateway API equivalent; the route becomes a PathPrefix match on ${r.path} (what Prefix means for every controller)`);
    }
    if (regexHosts.has(r.host)) {
      status = 'changed';
      reasons.push(`NGINX matched every path of ${r.host} as a case-insensitive regex (a rewrite on that host turns use-regex on); the Gateway API matches ${r.path} by path elements, case-sensitively`);
    }
    if (r.rewrite !== undefined && r.pathType !== 'Exact') {
      if (status === 'moves') status = 'changed';
      reasons.push(`rewrite ${r.rewrite}: URLRewrite ReplacePrefixMatch "${r.rewrite.length > 1 ? r.rewrite.replace(/\/+$/, '') : r.rewrite}" on the PathPrefix ${r.path}`);
    }
    routes.push({ index, host: r.host, path: r.path, status, reasons, codes: [] });
    newRoutes.push(next);
  });
  if (newRoutes.length > 0) ingress.routes = newRoutes;

  // the new config, designed as the program would design it
  const newNetwork = validateNetworkConfig(networkRaw);
  if (!newNetwork.ok) return { ...base, changes, blockers: [`the new network config does not validate (${newNetwork.issues[0].path}: ${newNetwork.issues[0].message})`] };
  const settings = validateIngressConfig(ingress, newNetwork.network);
  if (!settings.ok) return { ...base, changes, blockers: settings.issues.map((i) => `new aks-networking:ingress ${i.path}: ${i.message}`) };
  const plan = planNetwork(newNetwork.network, { ingress: ingressNeed(settings.settings) });
  const designed = designIngress({ settings: settings.settings, plan, clusterName: req.clusterName, resourceGroupName: req.resourceGroupName, stack: req.stack, today: req.today });
  const findings: StackFinding[] = [];
  for (const f of designed.findings) {
    const m = /^routes\[(\d+)\]/.exec(f.path);
    const move = m ? routes[Number(m[1])] : undefined;
    if (!move) {
      findings.push(f);
      continue;
    }
    move.reasons.push(`${f.code}: ${f.message}`);
    move.codes.push(f.code);
    if (f.severity === 'error') move.status = 'blocked';
    else if (move.status === 'moves') move.status = 'changed';
  }
  for (const f of plan.findings.filter((x) => x.severity === 'error')) findings.push({ severity: 'error', code: f.code, config: f.config ?? 'aks-networking:network', path: f.path, message: f.message });
  addressPlan.push(...addressPlanLines(old, oldPlan, settings.settings, plan));

  const config: Record<string, unknown> = {
    'aks-networking:ingress': ingress,
    [RETIRING_KEY]: req.ingressRaw,
    ...(networkChanged ? { 'aks-networking:network': networkRaw } : {}),
  };
  const ok = !routes.some((r) => r.status === 'blocked') && !findings.some((f) => f.severity === 'error');
  return { ...base, ok, config, changes, addressPlan, routes, steps: steps(req, old, settings.settings, designed.publicIp?.name), findings };
}

function addressPlanLines(old: IngressSettings, oldPlan: Plan, next: IngressSettings, plan: Plan): string[] {
  const lines: string[] = [];
  const oldAddress = old.exposure === 'internal' ? `${oldPlan.ingress?.ip ?? 'unplaced'} in subnet ${old.subnet}` : old.controller === 'agic' ? `the Application Gateway's public IP (subnet ${old.subnet})` : 'its static public IP';
  lines.push(`${old.controller} keeps ${oldAddress} until the cutover`);
  if (next.controller === 'agc') {
    const s = plan.subnets.find((x) => x.name === next.subnet);
    lines.push(`+ subnet ${next.subnet} ${s?.cidr ?? '(not placed)'}: 256 addresses for the Application Gateway for Containers association (counted in the address map)`);
    lines.push('the Gateway gets a public frontend FQDN (*.alb.azure.com), assigned at deploy: the DNS records become CNAMEs to it');
  } else if (next.exposure === 'internal') {
    lines.push(`the Gateway takes ${plan.ingress?.ip ?? 'an unplaced IP'} in subnet ${next.subnet} (${plan.ingress?.cidr ?? '?'}), counted in its demand`);
  } else {
    lines.push('the Gateway gets a new static public IP, created at deploy: the DNS records change to it');
  }
  return lines;
}

function steps(req: IngressMigrationRequest, old: IngressSettings, next: IngressSettings, publicIpName: string | undefined): string[] {
  const hosts = [...new Set(old.routes.map((r) => r.host))];
  const address =
    next.controller === 'agc'
      ? `the Gateway's FQDN: kubectl get gateway aksnet -n ${next.namespace} -o jsonpath='{.status.addresses[0].value}'`
      : next.exposure === 'internal'
        ? `${next.ip ?? "the Gateway's internal IP"}`
        : `the Gateway's public IP: az network public-ip show -g ${req.resourceGroupName} -n ${publicIpName ?? `${req.clusterName}-gateway-ip`} --query ipAddress -o tsv`;
  return [
    `In Pulumi.${req.stack}.yaml, move the current aks-networking:ingress to ${RETIRING_KEY} and paste the new aks-networking:ingress${req.to === 'agc' ? ' and aks-networking:network' : ''} (the config above).`,
    `aksnet plan --stack ${req.stack} and aksnet synth --stack ${req.stack}: the new Gateway, HTTPRoutes and ReferenceGrants, with ${old.controller} still listed.`,
    `pulumi up --stack ${req.stack}: ${next.controller} runs side by side with ${old.controller}, which keeps serving (its resources are unchanged).`,
    `Test every host against the new data plane before DNS moves, at ${address}: ${hosts.map((h) => `curl --resolve ${h}:443:<address> https://${h}/`).join('; ') || 'no routes'} (use :80 and http:// for hosts without TLS).`,
    `Cut over: point ${hosts.join(', ') || 'each host'} at the new address (${next.controller === 'agc' ? 'CNAME' : 'A record'}); keep the old records' TTL short beforehand, and wait at least one TTL.`,
    `Watch the old controller's traffic drain (its access logs), then remove ${RETIRING_KEY} from Pulumi.${req.stack}.yaml and pulumi up: ${old.controller} and its load balancer are deleted.`,
  ];
}
