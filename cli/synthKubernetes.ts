// `aksnet synth` text for the in-cluster resources: the Kubernetes provider, the BYO CNI chart, the
// namespaces and the policy objects (kind, name, namespace and the spec that decides traffic).
// Returns undefined for types it does not know, so cli/synth.ts falls back to its own.

import { HAPROXY_CHART, haproxyServicePorts } from '../design/ingress/haproxy';

type Inputs = Record<string, any>;

export function describeKubernetes(type: string, i: Inputs): string[] | undefined {
  if (type === 'pulumi:providers:kubernetes') return [describeProvider(i)];
  if (type === 'kubernetes:helm.sh/v3:Release' || type === 'kubernetes:helm.sh/v4:Chart') {
    // the HAProxy chart's Service ports as its template renders them for these values
    const ports = i.chart === HAPROXY_CHART.chart && i.values?.controller?.service ? [`service ports (chart template): ${haproxyServicePorts(i.values).map((p) => `${p.name} ${p.port}/${p.protocol}`).join(', ')}`] : [];
    return [
      `chart=${i.chart} version=${i.version}${i.repositoryOpts?.repo ? ` repo=${i.repositoryOpts.repo}` : ''}${i.name ? ` release=${i.name}` : ''} namespace=${i.namespace}${i.skipCrds ? ' skipCrds=true' : ''}`,
      ...ports,
      ...flatten('values', i.values ?? {}),
    ];
  }
  if (type === 'kubernetes:core/v1:Namespace') return [`name=${i.metadata?.name}${i.metadata?.labels ? ` labels=${Object.entries(i.metadata.labels).map(([k, v]) => `${k}=${v}`).join(',')}` : ''}`];
  if (type === 'kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition') {
    return [`CustomResourceDefinition ${i.metadata?.name} kind=${i.spec?.names?.kind} versions=${(i.spec?.versions ?? []).map((v: Inputs) => v.name).join(',')} scope=${i.spec?.scope}`];
  }
  if (type === 'kubernetes:networking.k8s.io/v1:NetworkPolicy') return describeNetworkPolicy(i);
  if (type.startsWith('kubernetes:crd.projectcalico.org/v1:')) return describeCalico(i);
  return undefined;
}

/** How the provider signs in: the kubeconfig's exec user (a static credential would show as such). */
function describeProvider(i: Inputs): string {
  const kubeconfig = typeof i.kubeconfig === 'string' ? i.kubeconfig : '';
  const login = /--login\s*\n?\s*-?\s*(\w+)/.exec(kubeconfig)?.[1];
  const signIn = /\b(token|client-key-data|client-certificate-data):/.test(kubeconfig)
    ? 'kubeconfig with a STATIC credential'
    : login
      ? `sign-in: kubelogin get-token --login ${login} (no stored credential)`
      : 'kubeconfig from the cluster';
  return `${signIn}${i.clusterIdentifier ? ` clusterIdentifier=${i.clusterIdentifier}` : ''}`;
}

function describeNetworkPolicy(i: Inputs): string[] {
  const spec = i.spec ?? {};
  const head = `NetworkPolicy ${i.metadata?.namespace}/${i.metadata?.name} pods=${matchLabels(spec.podSelector)} types=${(spec.policyTypes ?? []).join(',')}`;
  const rules = [
    ...(spec.ingress ?? []).map((r: Inputs) => `allow ingress from ${peers(r.from)} ports ${ports(r.ports)}`),
    ...(spec.egress ?? []).map((r: Inputs) => `allow egress to ${peers(r.to)} ports ${ports(r.ports)}`),
  ];
  return [head, ...(rules.length > 0 ? rules : spec.policyTypes?.length ? ['deny all (no rules)'] : [])];
}

function describeCalico(i: Inputs): string[] {
  const spec = i.spec ?? {};
  const kind = i.kind ?? 'Calico';
  if (kind === 'Tier') return [`Tier ${i.metadata?.name} order=${spec.order} defaultAction=${spec.defaultAction ?? 'Deny'}`];
  const head = [`${kind} ${i.metadata?.namespace ? `${i.metadata.namespace}/` : ''}${i.metadata?.name}`, spec.tier ? `tier=${spec.tier}` : '', spec.order !== undefined ? `order=${spec.order}` : '', `types=${(spec.types ?? []).join(',')}`]
    .filter(Boolean)
    .join(' ');
  const rule = (dir: string) => (r: Inputs) => {
    const side = dir === 'ingress' ? r.source : r.destination;
    const where = side ? Object.entries(side).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ') : 'any';
    return `${r.action} ${dir}${r.protocol ? ` ${r.protocol}` : ''} ${dir === 'ingress' ? 'from' : 'to'} ${where}`;
  };
  return [head, `selector: ${spec.selector}`, ...(spec.ingress ?? []).map(rule('ingress')), ...(spec.egress ?? []).map(rule('egress'))];
}

/** Nested values as `a.b.c=value` lines, one setting per line (arrays as JSON). */
export function flatten(prefix: string, value: unknown): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length > 0 ? entries.flatMap(([k, v]) => flatten(`${prefix}.${k}`, v)) : [`${prefix}={}`];
  }
  return [`${prefix}=${typeof value === 'string' ? value : JSON.stringify(value)}`];
}

function matchLabels(selector: Inputs | undefined): string {
  const labels = Object.entries(selector?.matchLabels ?? {});
  return labels.length > 0 ? labels.map(([k, v]) => `${k}=${v}`).join(',') : 'all';
}

function peers(list: Inputs[] | undefined): string {
  if (!list?.length) return 'anywhere';
  return list
    .map((p) => {
      if (p.ipBlock) return `cidr ${p.ipBlock.cidr}${p.ipBlock.except?.length ? ` except ${p.ipBlock.except.join(',')}` : ''}`;
      const ns = p.namespaceSelector ? `namespaces ${matchLabels(p.namespaceSelector)}` : 'this namespace';
      return p.podSelector ? `${ns} pods ${matchLabels(p.podSelector)}` : ns;
    })
    .join(' | ');
}

function ports(list: Inputs[] | undefined): string {
  if (!list?.length) return 'all';
  return list.map((p) => `${p.protocol ?? 'TCP'}/${p.port}${p.endPort ? `-${p.endPort}` : ''}`).join(',');
}
