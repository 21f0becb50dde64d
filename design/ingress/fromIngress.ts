// ingress-nginx Ingress objects -> Gateway API HTTPRoutes, reporting every annotation that is not
// converted and every path that cannot be. Pure.
//
// Facts (https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/,
// https://kubernetes.github.io/ingress-nginx/examples/rewrite/, https://gateway-api.sigs.k8s.io/):
// - rewrite-target with a capture group needs use-regex paths; the documented prefix strip is path
//   `/something(/|$)(.*)` with `rewrite-target: /$2`: /something and /something/x reach the backend as
//   / and /x, which is exactly URLRewrite ReplacePrefixMatch "/" on PathPrefix /something (ingress2gateway
//   reports capture groups as unsupported and converts nothing: https://github.com/kubernetes-sigs/ingress2gateway);
// - rewrite-target without a capture group replaces the whole path: ReplaceFullPath;
// - a TLS host is redirected from HTTP to HTTPS (308) unless ssl-redirect is "false";
// - NGINX matches use-regex paths case-insensitively; the Gateway API's PathPrefix is case-sensitive.
// Anything else regex-based is reported, never guessed.
import { validateObjects } from '../../netpol/validate';
import { GATEWAY_API_VERSION, listenerName, type GatewayApiObject } from './gateway';

const NGINX = 'nginx.ingress.kubernetes.io/';
/** Annotations this converter turns into Gateway API fields. */
const CONVERTED = new Set([`${NGINX}rewrite-target`, `${NGINX}use-regex`, `${NGINX}ssl-redirect`, `${NGINX}force-ssl-redirect`, 'kubernetes.io/ingress.class']);
const GROUP = 'gateway.networking.k8s.io';
/** A path with nothing NGINX would read as a regex. */
const PLAIN_PATH = /^\/[A-Za-z0-9._~\/-]*$/;

export interface ConversionNote {
  /** the Ingress as namespace/name, and where in it */
  ingress: string;
  at: string;
  /** converted: a change of meaning the reader should know; not-converted: left out of the output */
  kind: 'converted' | 'not-converted';
  message: string;
}

export interface IngressConversion {
  routes: GatewayApiObject[];
  notes: ConversionNote[];
  /** Ingress objects read */
  ingresses: number;
}

type Obj = Record<string, any>;

/** `gateway`: the Gateway the routes attach to (name, namespace). */
export function convertIngresses(objects: unknown[], gateway: { name: string; namespace: string }): IngressConversion {
  const routes: GatewayApiObject[] = [];
  const notes: ConversionNote[] = [];
  const redirectHosts = new Map<string, string>();
  let ingresses = 0;
  objects.forEach((o, doc) => {
    const obj = o as Obj;
    if (!obj || obj.kind !== 'Ingress' || typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('networking.k8s.io/')) {
      notes.push({ ingress: `document ${doc}`, at: 'kind', kind: 'not-converted', message: `${obj?.apiVersion ?? '?'} ${obj?.kind ?? '?'} is not an Ingress: skipped` });
      return;
    }
    ingresses++;
    const namespace: string = obj.metadata?.namespace ?? 'default';
    const name: string = obj.metadata?.name ?? `ingress-${doc}`;
    const id = `${namespace}/${name}`;
    const annotations: Record<string, string> = obj.metadata?.annotations ?? {};
    const note = (at: string, kind: ConversionNote['kind'], message: string) => notes.push({ ingress: id, at, kind, message });
    for (const key of Object.keys(annotations).sort()) {
      if (!CONVERTED.has(key)) note(`metadata.annotations.${key}`, 'not-converted', unconvertedReason(key, annotations[key]));
    }
    const rewriteTarget = annotations[`${NGINX}rewrite-target`];
    const useRegex = annotations[`${NGINX}use-regex`] === 'true' || rewriteTarget !== undefined;
    const tlsHosts = new Set<string>((obj.spec?.tls ?? []).flatMap((t: Obj) => t.hosts ?? []));
    const sslRedirect = annotations[`${NGINX}ssl-redirect`] !== 'false' || annotations[`${NGINX}force-ssl-redirect`] === 'true';
    if (obj.spec?.defaultBackend) note('spec.defaultBackend', 'not-converted', 'a default backend has no HTTPRoute equivalent on a shared Gateway (it would catch every host): route it by host instead');

    (obj.spec?.rules ?? []).forEach((rule: Obj, r: number) => {
      const host: string | undefined = rule.host;
      if (!host) {
        note(`spec.rules[${r}]`, 'not-converted', 'a rule without host matches every host: the Gateway has a listener per host, so name the host');
        return;
      }
      const rules: Obj[] = [];
      (rule.http?.paths ?? []).forEach((p: Obj, i: number) => {
        const at = `spec.rules[${r}].http.paths[${i}]`;
        const converted = convertPath(p, useRegex, rewriteTarget, (kind, message) => note(at, kind, message));
        if (!converted) return;
        const port = p.backend?.service?.port;
        if (port?.number === undefined) {
          note(`${at}.backend.service.port`, 'not-converted', `an HTTPRoute backendRef takes the Service port number, not the name "${port?.name}": write the number`);
          return;
        }
        rules.push({ ...converted, backendRefs: [{ group: '', kind: 'Service', name: p.backend.service.name, port: port.number }] });
      });
      if (rules.length === 0) return;
      const tls = tlsHosts.has(host);
      if (tls && sslRedirect) redirectHosts.set(host, id);
      routes.push({
        apiVersion: GATEWAY_API_VERSION,
        kind: 'HTTPRoute',
        metadata: { name: `${name}-${r}`.slice(0, 253), namespace, labels: { 'app.kubernetes.io/managed-by': 'aksnet' } },
        spec: {
          parentRefs: [{ group: GROUP, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace, sectionName: listenerName(tls ? 'https' : 'http', host) }],
          hostnames: [host],
          rules,
        },
      });
    });
    for (const t of obj.spec?.tls ?? []) {
      note('spec.tls', 'converted', `${(t.hosts ?? []).join(', ')}: the Gateway's HTTPS listener serves Secret ${namespace}/${t.secretName} (certificateRefs, with a ReferenceGrant in ${namespace}); aks-networking:ingress routes with tls: ${t.secretName} generate both`);
    }
  });
  // ingress-nginx answers plain HTTP on a TLS host with 308 (ssl-redirect, default true)
  for (const [host, id] of redirectHosts) {
    routes.push({
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      metadata: { name: `https-redirect-${host.replace(/^\*/, 'wildcard')}`.slice(0, 253), namespace: gateway.namespace, labels: { 'app.kubernetes.io/managed-by': 'aksnet' } },
      spec: {
        parentRefs: [{ group: GROUP, kind: 'Gateway', name: gateway.name, sectionName: listenerName('http', host) }],
        hostnames: [host],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] }],
      },
    });
    notes.push({ ingress: id, at: 'spec.tls', kind: 'converted', message: `HTTP on ${host} redirects to HTTPS with 308, as ingress-nginx's ssl-redirect does` });
  }
  // what is written must pass the Gateway API CRD schemas, as what the program deploys does
  for (const f of validateObjects(routes)) {
    const r = routes[f.doc];
    notes.push({ ingress: `${r.metadata.namespace}/${r.metadata.name}`, at: f.path, kind: 'not-converted', message: `the HTTPRoute fails the Gateway API schema: ${f.message} (${f.code})` });
  }
  return { routes, notes, ingresses };
}

/** A path as a Gateway API match (and rewrite), or undefined after saying why it is not converted. */
function convertPath(p: Obj, regex: boolean, rewriteTarget: string | undefined, note: (kind: ConversionNote['kind'], message: string) => void): Obj | undefined {
  const path: string = p.path ?? '/';
  const pathType: string = p.pathType ?? 'ImplementationSpecific';
  if (!regex || PLAIN_PATH.test(path)) {
    const type = pathType === 'Exact' ? 'Exact' : 'PathPrefix';
    if (regex) note('converted', `${path} was a case-insensitive regex location under NGINX (use-regex); it is now a case-sensitive ${type} match`);
    if (pathType === 'ImplementationSpecific' && !regex) note('converted', `${path}: pathType ImplementationSpecific is a prefix match in ingress-nginx; written as PathPrefix`);
    const match = { matches: [{ path: { type, value: path.length > 1 ? path.replace(/\/+$/, '') : path } }] };
    if (rewriteTarget === undefined) return match;
    if (rewriteTarget.includes('$')) {
      note('not-converted', `rewrite-target "${rewriteTarget}" refers to capture groups, but ${path} has none: left out`);
      return undefined;
    }
    // no capture group: NGINX replaces the whole path (ingress2gateway writes the same)
    return { ...match, filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: rewriteTarget } } }] };
  }
  // the documented prefix strip: <plain prefix>(/|$)(.*) with rewrite-target <target>/$2 (or /$1 on /(.*))
  const strip = /^(\/[A-Za-z0-9._~\/-]*?)\(\/\|\$\)\(\.\*\)$/.exec(path);
  const root = path === '/(.*)';
  if (rewriteTarget !== undefined && (strip || root)) {
    const group = root ? '1' : '2';
    const target = new RegExp(`^(/[A-Za-z0-9._~/-]*?)/?\\$${group}$`).exec(rewriteTarget);
    if (target) {
      const prefix = root ? '/' : strip![1];
      const replace = target[1] === '' ? '/' : target[1];
      note('converted', `${path} with rewrite-target ${rewriteTarget} strips ${prefix}: PathPrefix ${prefix} with URLRewrite ReplacePrefixMatch "${replace}" (NGINX matched it case-insensitively; the Gateway API is case-sensitive)`);
      return {
        matches: [{ path: { type: 'PathPrefix', value: prefix } }],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: replace } } }],
      };
    }
  }
  note(
    'not-converted',
    `regex path ${path}${rewriteTarget !== undefined ? ` with rewrite-target ${rewriteTarget}` : ''} is not a prefix strip (<prefix>(/|$)(.*) with /$2): the Gateway API has no standard regex rewrite; write it by hand (Envoy Gateway: HTTPRouteFilter urlRewrite ReplaceRegexMatch, https://gateway.envoyproxy.io/docs/tasks/traffic/http-urlrewrite/)`,
  );
  return undefined;
}

const REASONS: [RegExp, string][] = [
  [/snippet$/, 'NGINX configuration snippets have no Gateway API equivalent'],
  [/^(whitelist|denylist)-source-range$/, 'IP allow/deny lists are not in the standard Gateway API (Envoy Gateway: SecurityPolicy authorization; AGC: a WAF policy or NSG)'],
  [/^auth-/, 'external or basic authentication is not in the standard Gateway API (Envoy Gateway: SecurityPolicy)'],
  [/^canary/, 'canary by header or weight: write weighted backendRefs or header matches by hand'],
  [/^(proxy-body-size|proxy-buffer|client-body-buffer)/, 'body and buffer limits are not in the standard Gateway API (Envoy Gateway: ClientTrafficPolicy / BackendTrafficPolicy)'],
  [/^proxy-(connect|send|read)-timeout$/, 'timeouts: set HTTPRoute rules[].timeouts.request by hand (NGINX has three separate timeouts)'],
  [/^(affinity|session-cookie)/, 'session affinity is not in the standard Gateway API (Envoy Gateway: BackendTrafficPolicy consistent hashing)'],
  [/^backend-protocol$/, 'HTTPS/GRPC backends need BackendTLSPolicy or a GRPCRoute, written by hand'],
  [/^(enable-cors|cors-)/, 'CORS: the HTTPRoute CORS filter (standard since Gateway API v1.5) is written by hand'],
  [/^(limit-|global-rate-limit)/, 'rate limits are not in the standard Gateway API (Envoy Gateway: BackendTrafficPolicy rateLimit)'],
];

function unconvertedReason(key: string, value: string): string {
  const short = key.startsWith(NGINX) ? key.slice(NGINX.length) : key;
  const reason = REASONS.find(([re]) => re.test(short))?.[1] ?? 'no conversion is known for it';
  return `"${value}" not converted: ${reason}`;
}
