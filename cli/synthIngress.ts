// How `aksnet synth` text shows the ingress: the controller (chart and values, or add-on object)
// and every Ingress object, with the inputs that decide routing. Headline first, then detail lines;
// undefined for resources this file does not describe.
import type { RecordedResource } from '../components/mocks';

export function describeIngressResource(r: RecordedResource): string[] | undefined {
  const i = r.inputs as Record<string, any>;
  switch (r.type) {
    case 'pulumi:providers:kubernetes':
      return ['kubeconfig=the cluster user kubeconfig (secret)'];
    case 'kubernetes:core/v1:Namespace':
      return [`name=${i.metadata?.name}`];
    case 'kubernetes:helm.sh/v4:Chart':
    case 'kubernetes:helm.sh/v3:Release':
      return [`chart=${i.chart} version=${i.version} repo=${i.repositoryOpts?.repo} release=${i.name} namespace=${i.namespace}`, ...flatten('values', i.values)];
    case 'kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController':
      return [`name=${i.metadata?.name} ingressClassName=${i.spec?.ingressClassName}`, ...flatten('spec', i.spec).filter((l) => !l.startsWith('spec.ingressClassName='))];
    case 'kubernetes:networking.k8s.io/v1:Ingress':
      return describeIngress(i);
    default:
      return undefined;
  }
}

/** The ManagedCluster's ingress add-ons, one line each. */
export function describeIngressAddons(cluster: Record<string, any>): string[] {
  const lines: string[] = [];
  const routing = cluster.ingressProfile?.webAppRouting;
  if (routing?.enabled) lines.push(`add-on app routing (managed NGINX): defaultIngressControllerType=${routing.nginx?.defaultIngressControllerType ?? 'AnnotationControlled'}`);
  const agic = cluster.addonProfiles?.ingressApplicationGateway;
  if (agic?.enabled) lines.push(`add-on AGIC: gateway=${agic.config?.applicationGatewayName} subnet=${String(agic.config?.subnetId ?? '').split('/').pop()}`);
  return lines;
}

function describeIngress(i: Record<string, any>): string[] {
  const lines = [`${i.metadata?.namespace}/${i.metadata?.name} class=${i.spec?.ingressClassName}`];
  for (const rule of i.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      const port = p.backend?.service?.port;
      lines.push(`${rule.host}${p.path} (${p.pathType}) -> ${p.backend?.service?.name}:${port?.number ?? port?.name}`);
    }
  }
  for (const t of i.spec?.tls ?? []) lines.push(`tls ${t.hosts?.join(',')} secret=${t.secretName}`);
  for (const [k, v] of Object.entries(i.metadata?.annotations ?? {})) lines.push(`${k}: ${v}`);
  return lines;
}

/** Nested values as `a.b.c=value` lines (arrays of objects as JSON). */
function flatten(prefix: string, value: unknown): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(`${prefix}.${k}`, v));
  }
  return [`${prefix}=${typeof value === 'string' ? value : JSON.stringify(value)}`];
}
