// How `aksnet synth` text shows the ingress: app-routing's controller object, the cluster's ingress
// add-ons, every Ingress object, and the Gateway API implementation's objects (GatewayClass,
// EnvoyProxy, ApplicationLoadBalancer, Gateway, HTTPRoutes, ReferenceGrants), with the inputs that decide routing (charts, namespaces and the
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
    case 'kubernetes:gateway.networking.k8s.io/v1:GatewayClass':
      return [`GatewayClass ${i.metadata?.name} controller=${i.spec?.controllerName}`];
    case 'kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy':
    case 'kubernetes:alb.networking.azure.io/v1:ApplicationLoadBalancer':
      return [`${i.kind} ${i.metadata?.namespace}/${i.metadata?.name}`, ...flatten('spec', i.spec)];
    case 'kubernetes:gateway.networking.k8s.io/v1:Gateway':
      return describeGateway(i);
    case 'kubernetes:gateway.networking.k8s.io/v1:HTTPRoute':
      return describeHttpRoute(i);
    case 'kubernetes:gateway.networking.k8s.io/v1:ReferenceGrant':
      return [
        `ReferenceGrant ${i.metadata?.namespace}/${i.metadata?.name}`,
        ...(i.spec?.from ?? []).map((f: any) => `from ${f.kind} in namespace ${f.namespace}`),
        ...(i.spec?.to ?? []).map((t: any) => `to ${t.kind}${t.name ? ` ${t.name}` : ''}`),
      ];
    default:
      return undefined;
  }
}

/** The ManagedCluster's ingress add-ons, one line each. */
export function describeIngressAddons(cluster: Record<string, any>): string[] {
  const lines: string[] = [];
  const routing = cluster.ingressProfile?.webAppRouting;
  if (routing?.enabled) lines.push(`add-on app routing (managed NGINX): defaultIngressControllerType=${routing.nginx?.defaultIngressControllerType ?? 'AnnotationControlled'}`);
  if (cluster.securityProfile?.workloadIdentity?.enabled) lines.push(`workload identity on, OIDC issuer ${cluster.oidcIssuerProfile?.enabled ? 'on' : 'off'} (the ALB controller's federated credential)`);
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

function describeGateway(i: Record<string, any>): string[] {
  const lines = [`Gateway ${i.metadata?.namespace}/${i.metadata?.name} class=${i.spec?.gatewayClassName}`];
  for (const [k, v] of Object.entries(i.metadata?.annotations ?? {})) lines.push(`${k}: ${v}`);
  const ref = i.spec?.infrastructure?.parametersRef;
  if (ref) lines.push(`infrastructure ${ref.kind} ${ref.name}`);
  for (const l of i.spec?.listeners ?? []) {
    const ns = l.allowedRoutes?.namespaces;
    const admits = ns?.from === 'Selector' ? `namespaces ${ns.selector?.matchExpressions?.[0]?.values?.join(',')}` : `namespace ${ns?.from ?? 'Same'}`;
    const certs = (l.tls?.certificateRefs ?? []).map((c: any) => `${c.namespace ? `${c.namespace}/` : ''}${c.name}`).join(',');
    lines.push(`listener ${l.name} ${l.protocol}/${l.port} host=${l.hostname}${certs ? ` cert=${certs}` : ''} admits ${admits}`);
  }
  return lines;
}

function describeHttpRoute(i: Record<string, any>): string[] {
  const parents = (i.spec?.parentRefs ?? []).map((p: any) => `${p.namespace ? `${p.namespace}/` : ''}${p.name}#${p.sectionName ?? '*'}`).join(',');
  const lines = [`HTTPRoute ${i.metadata?.namespace}/${i.metadata?.name} parent=${parents}`];
  for (const rule of i.spec?.rules ?? []) {
    const matches = (rule.matches ?? [{}]).map((m: any) => `${m.path?.value ?? '/'} (${m.path?.type ?? 'PathPrefix'})`).join(',');
    const filters = (rule.filters ?? []).map((f: any) =>
      f.type === 'URLRewrite' ? `rewrite ${f.urlRewrite?.path?.type}=${f.urlRewrite?.path?.replacePrefixMatch ?? f.urlRewrite?.path?.replaceFullPath}` : f.type === 'RequestRedirect' ? `redirect scheme=${f.requestRedirect?.scheme} ${f.requestRedirect?.statusCode}` : f.type,
    );
    const backends = (rule.backendRefs ?? []).map((b: any) => `${b.name}:${b.port}`);
    lines.push(`${(i.spec?.hostnames ?? []).join(',')}${matches}${filters.length ? ` ${filters.join(' ')}` : ''}${backends.length ? ` -> ${backends.join(',')}` : ''}`);
  }
  return lines;
}
