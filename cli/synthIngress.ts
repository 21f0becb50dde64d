// How `aksnet synth` text shows the ingress: app-routing's controller object, the cluster's ingress
// add-ons and every Ingress object, with the inputs that decide routing (charts, namespaces and the
// provider: cli/synthKubernetes.ts). Headline first, then detail lines;
// undefined for resources this file does not describe.
import type { RecordedResource } from '../components/mocks';
import { flatten } from './synthKubernetes';

export function describeIngressResource(r: RecordedResource): string[] | undefined {
  const i = r.inputs as Record<string, any>;
  switch (r.type) {
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
