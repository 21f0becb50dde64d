// What each policy engine does with the objects `aksnet reach` evaluates, where it departs from
// upstream NetworkPolicy or enforces nothing at all. Pure: objects in, findings out. A finding is an
// error when the engine would not enforce an object (the answer would be fiction), a warning when the
// engine's behaviour is documented to differ and reach follows it, or cannot know it offline.
//
//   Calico      NetworkPolicy, Calico crd.projectcalico.org/v1 kinds; AdminNetworkPolicy from 3.29
//               and BaselineAdminNetworkPolicy from 3.30 (docs.tigera.io/calico/latest/network-policy/
//               policy-tiers/tiered-policy; github.com/projectcalico/calico/issues/7578).
//   Cilium      NetworkPolicy; ipBlock never selects pods or nodes (learn.microsoft.com/azure/aks/
//               azure-cni-powered-by-cilium, limitations); SCTP is beta and off unless enabled
//               (docs.cilium.io/en/stable/configuration/sctp/); no AdminNetworkPolicy
//               (github.com/cilium/cilium/issues/23380); no Calico kinds.
//   Azure NPM   NetworkPolicy only (learn.microsoft.com/azure/aks/use-network-policies); endPort was
//               enforced as its first port only (github.com/Azure/AKS/issues/2857); on Windows nodes no
//               named ports, SCTP, negative selectors (NotIn, DoesNotExist) or ipBlock except (same page).
import { netContains, parseAddress, parseNet } from './ip';
import { isAdminKind } from './reachAdmin';
import { labelSelector } from './reachPolicies';
import type { PodsInput } from './reachInput';
import type { ReachEngine } from './reachPolicies';

export const ENGINE_FINDING_CODES = ['ENGINE_UNSUPPORTED_KIND', 'ENGINE_IPBLOCK_CLUSTER', 'ENGINE_SCTP_BETA', 'ENGINE_ENDPORT', 'ENGINE_WINDOWS_UNSUPPORTED'] as const;
export type EngineFindingCode = (typeof ENGINE_FINDING_CODES)[number];

export interface EngineFinding {
  severity: 'error' | 'warning';
  code: EngineFindingCode;
  /** 0-based index of the object */
  doc: number;
  path: string;
  message: string;
}

export interface EngineContext {
  engine: ReachEngine;
  /** the cluster's Calico version when known ("3.30", "v3.29.1"); unknown is taken as current */
  calicoVersion?: string;
}

/** First Calico minor (3.x) that enforces each admin kind. */
export const ADMIN_SINCE_MINOR: Record<'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', number> = { AdminNetworkPolicy: 29, BaselineAdminNetworkPolicy: 30 };

const NAMES: Record<ReachEngine, string> = { calico: 'Calico', cilium: 'Cilium', 'azure-npm': 'Azure NPM' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function calicoMinor(version: string | undefined): number | undefined {
  const m = version ? /^v?3\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

export function engineFindings(objects: readonly unknown[], context: EngineContext, pods?: PodsInput): EngineFinding[] {
  const out: EngineFinding[] = [];
  const { engine } = context;
  const name = NAMES[engine];
  const clusterAddresses = [...(pods?.pods ?? []).map((p) => ({ id: `${p.namespace}/${p.name}`, ip: p.ip })), ...Object.values(pods?.nodes ?? {}).map((n) => ({ id: `node:${n.name}`, ip: n.ip }))].flatMap(
    (a) => (a.ip && parseAddress(a.ip) ? [{ id: a.id, ip: parseAddress(a.ip)! }] : []),
  );
  objects.forEach((o, doc) => {
    if (!isObj(o)) return;
    const api = String(o.apiVersion ?? '');
    const kind = String(o.kind ?? '');
    if (api.startsWith('crd.projectcalico.org/') && engine !== 'calico') {
      out.push({ severity: 'error', code: 'ENGINE_UNSUPPORTED_KIND', doc, path: 'apiVersion', message: `${kind} (${api}) is a Calico object: ${name} does not enforce it; the cluster would store it and ignore it` });
    }
    if (isAdminKind(api, kind)) {
      const admin = kind as keyof typeof ADMIN_SINCE_MINOR;
      if (engine !== 'calico') {
        const why = engine === 'cilium' ? 'Cilium does not implement it (github.com/cilium/cilium/issues/23380)' : 'Azure NPM enforces networking.k8s.io NetworkPolicy only';
        out.push({ severity: 'error', code: 'ENGINE_UNSUPPORTED_KIND', doc, path: 'kind', message: `${kind}: ${why}; Calico enforces it from 3.${ADMIN_SINCE_MINOR[admin]}` });
      } else {
        const minor = calicoMinor(context.calicoVersion);
        if (minor !== undefined && minor < ADMIN_SINCE_MINOR[admin]) {
          out.push({ severity: 'error', code: 'ENGINE_UNSUPPORTED_KIND', doc, path: 'kind', message: `${kind}: Calico enforces it from 3.${ADMIN_SINCE_MINOR[admin]} (tier ${admin === 'AdminNetworkPolicy' ? 'adminnetworkpolicy' : 'baselineadminnetworkpolicy'}); this cluster runs Calico ${context.calicoVersion}` });
        }
      }
    }
    if (api !== 'networking.k8s.io/v1' || kind !== 'NetworkPolicy' || !isObj(o.spec)) return;
    const spec = o.spec;
    if (engine === 'azure-npm') out.push(...windowsFindings(o, doc, pods));
    for (const dir of ['ingress', 'egress'] as const) {
      arr(spec[dir]).forEach((r, i) => {
        if (!isObj(r)) return;
        const base = `spec.${dir}[${i}]`;
        arr(r[dir === 'ingress' ? 'from' : 'to']).forEach((peer, j) => {
          if (engine !== 'cilium' || !isObj(peer) || !isObj(peer.ipBlock)) return;
          const cidr = parseNet(String(peer.ipBlock.cidr));
          const inside = cidr ? clusterAddresses.filter((a) => netContains(cidr, a.ip)).map((a) => a.id) : [];
          if (!inside.length) return;
          out.push({
            severity: 'warning',
            code: 'ENGINE_IPBLOCK_CLUSTER',
            doc,
            path: `${base}.${dir === 'ingress' ? 'from' : 'to'}[${j}].ipBlock`,
            message: `${String(peer.ipBlock.cidr)} covers ${inside.slice(0, 3).join(', ')}${inside.length > 3 ? ` and ${inside.length - 3} more` : ''}: Cilium matches pods and nodes by identity, never by ipBlock, so this peer does not select them (reach answers so); select them with podSelector/namespaceSelector`,
          });
        });
        arr(r.ports).forEach((p, j) => {
          if (!isObj(p)) return;
          if (engine === 'cilium' && p.protocol === 'SCTP') {
            out.push({ severity: 'warning', code: 'ENGINE_SCTP_BETA', doc, path: `${base}.ports[${j}].protocol`, message: 'Cilium enforces SCTP only with its beta SCTP support enabled (sctp.enabled); reach answers as if it were' });
          }
          if (engine === 'azure-npm' && p.endPort !== undefined) {
            out.push({ severity: 'warning', code: 'ENGINE_ENDPORT', doc, path: `${base}.ports[${j}].endPort`, message: `Azure NPM has been seen to enforce only port ${String(p.port)} of the range ${String(p.port)}-${String(p.endPort)} (github.com/Azure/AKS/issues/2857); reach answers with the whole range, check on the cluster` });
          }
        });
      });
    }
  });
  return out;
}

/**
 * Azure NPM on Windows Server nodes supports neither named ports, SCTP, negative selectors (NotIn,
 * DoesNotExist) nor ipBlock except (learn.microsoft.com/azure/aks/use-network-policies, the
 * capability table): a policy selecting a pod on a Windows node (pods file: nodes.<name>.os) with one
 * of them is not enforced as written there. What NPM then does is not documented: a warning.
 */
function windowsFindings(o: Obj, doc: number, pods: PodsInput | undefined): EngineFinding[] {
  const spec = o.spec as Obj;
  const ns = isObj(o.metadata) && typeof o.metadata.namespace === 'string' ? o.metadata.namespace : 'default';
  const windowsNodes = new Set(Object.values(pods?.nodes ?? {}).filter((n) => n.os === 'windows').map((n) => n.name));
  const sel = labelSelector(spec.podSelector);
  const selected = (pods?.pods ?? []).filter((p) => p.node !== undefined && windowsNodes.has(p.node) && p.namespace === ns && sel(p.labels)).map((p) => `${p.namespace}/${p.name}`);
  if (!selected.length) return [];
  const uses: { path: string; what: string }[] = [];
  const negative = (s: unknown, path: string) =>
    arr(isObj(s) ? s.matchExpressions : []).forEach((e, i) => {
      if (isObj(e) && (e.operator === 'NotIn' || e.operator === 'DoesNotExist')) uses.push({ path: `${path}.matchExpressions[${i}]`, what: `the negative selector ${String(e.operator)}` });
    });
  negative(spec.podSelector, 'spec.podSelector');
  for (const dir of ['ingress', 'egress'] as const) {
    arr(spec[dir]).forEach((r, i) => {
      if (!isObj(r)) return;
      const peers = dir === 'ingress' ? 'from' : 'to';
      arr(r[peers]).forEach((p, j) => {
        if (!isObj(p)) return;
        const at = `spec.${dir}[${i}].${peers}[${j}]`;
        negative(p.podSelector, `${at}.podSelector`);
        negative(p.namespaceSelector, `${at}.namespaceSelector`);
        if (isObj(p.ipBlock) && arr(p.ipBlock.except).length) uses.push({ path: `${at}.ipBlock.except`, what: 'ipBlock except' });
      });
      arr(r.ports).forEach((q, j) => {
        if (!isObj(q)) return;
        if (typeof q.port === 'string') uses.push({ path: `spec.${dir}[${i}].ports[${j}].port`, what: `the named port "${q.port}"` });
        if (q.protocol === 'SCTP') uses.push({ path: `spec.${dir}[${i}].ports[${j}].protocol`, what: 'SCTP' });
      });
    });
  }
  return uses.map((u) => ({
    severity: 'warning' as const,
    code: 'ENGINE_WINDOWS_UNSUPPORTED' as const,
    doc,
    path: u.path,
    message: `Azure NPM on Windows nodes does not support ${u.what}, and this policy selects ${selected.slice(0, 3).join(', ')}${selected.length > 3 ? ` and ${selected.length - 3} more` : ''} on a Windows node: it is not enforced as written there (reach answers as on Linux)`,
  }));
}
