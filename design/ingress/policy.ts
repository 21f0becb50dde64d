// The ingress and the policy baseline (`aks-networking:policy`, netpol/baseline.ts). Pure.
//
//   ingressBackendsFor(settings)             -> the backends the baseline must open to the controller
//   closedToIngress(settings, plan, policy)   -> namespaces whose baseline the controller cannot pass
//
// In-cluster controllers (the charts, app-routing's NGINX, Envoy Gateway's proxies) are pods: the
// baseline gives each routed backend an allow rule from exactly those pods. Application Gateway for
// Containers proxies to pod IPs from its association subnet
// (https://learn.microsoft.com/azure/application-gateway/for-containers/container-networking): each
// routed backend gets an allow rule from that subnet's CIDR, and nothing else. AGIC's Application Gateway is not a pod: its traffic
// comes from the gateway subnet's addresses, which only an allow rule `from: { cidr }` covering that
// subnet lets into a baselined namespace; without one, the namespace is closed to the routes.
import type { IngressBackend } from '../../netpol/baseline';
import { validatePolicyConfig } from '../../netpol/policyConfig';
import { contains, parseCidr } from '../../planner/cidr';
import type { IngressPlan, Plan } from '../../planner/types';
import { envoyProxyPodLabels } from './envoyGateway';
import type { IngressSettings } from './config';
import { HAPROXY_RELEASE } from './haproxy';
import { NGINX_RELEASE } from './nginx';

/** The controller pods by namespace and labels (the chart's selector labels; app-routing: its whole namespace). */
const CONTROLLER_PODS: Record<'haproxy' | 'nginx' | 'app-routing', Record<string, string>> = {
  haproxy: { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': HAPROXY_RELEASE },
  nginx: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': NGINX_RELEASE, 'app.kubernetes.io/component': 'controller' },
  // app-routing-system holds only the add-on's NGINX pods
  'app-routing': {},
};

/**
 * One backend per routed Service. The route's port is the Service port; policy applies after the
 * Service's translation to the pods' targetPort. A route that names its backend pods (`podLabels`,
 * the Service's selector) and their port (`targetPort`) gets exactly those opened to the controller;
 * without them the baseline opens every pod, or every port, of the namespace to it (never fewer than
 * the route needs), and netpol/baseline.ts warns what that opens (POLICY_INGRESS_WIDE).
 */
export function ingressBackendsFor(settings: IngressSettings, plan?: IngressPlan): IngressBackend[] {
  const { controller, namespace } = settings;
  // AGIC: the user's own allow rule from the gateway subnet (closedToIngress); approuting-istio is refused
  if (controller === 'agic' || controller === 'approuting-istio') return [];
  let from: Pick<IngressBackend, 'controllerNamespace' | 'controllerPodLabels' | 'controllerCidr'>;
  if (controller === 'agc') {
    // the subnet is placed by the planner; an unplaced one is its own finding and nothing is built
    if (!plan?.cidr) return [];
    from = { controllerNamespace: 'agc-subnet', controllerPodLabels: {}, controllerCidr: plan.cidr };
  } else if (controller === 'envoy-gateway') {
    from = { controllerNamespace: namespace, controllerPodLabels: envoyProxyPodLabels(namespace) };
  } else {
    from = { controllerNamespace: namespace, controllerPodLabels: CONTROLLER_PODS[controller as keyof typeof CONTROLLER_PODS] };
  }
  const seen = new Map<string, IngressBackend>();
  for (const r of settings.routes) {
    // routes to the same pods and port need one rule; the Services they name are kept for findings
    const key = JSON.stringify([r.namespace, r.podLabels ? Object.entries(r.podLabels).sort() : null, r.targetPort ?? null]);
    const known = seen.get(key);
    if (known) {
      if (!known.service!.split(', ').includes(r.service)) known.service = `${known.service}, ${r.service}`;
      continue;
    }
    seen.set(key, {
      ...from,
      namespace: r.namespace,
      service: r.service,
      ...(r.podLabels ? { podSelector: { ...r.podLabels } } : {}),
      ...(r.targetPort !== undefined ? { port: r.targetPort } : {}),
    });
  }
  return [...seen.values()];
}

/** AGIC: baselined namespaces without an allow rule from the whole gateway subnet. */
export function closedToIngress(settings: IngressSettings, plan: Plan, policyRaw: unknown): Set<string> {
  const closed = new Set<string>();
  if (settings.controller !== 'agic' || policyRaw === undefined) return closed;
  const policy = validatePolicyConfig(policyRaw);
  const gateway = plan.ingress?.cidr ? parseCidr(plan.ingress.cidr) : undefined;
  // an unusable policy config is reported by the policy design; an unplaced subnet by the planner
  if (!policy.ok || !gateway?.ok) return closed;
  for (const [namespace, baseline] of Object.entries(policy.config.namespaces ?? {})) {
    const opens = (baseline.allow ?? []).some((rule) => {
      const from = rule.from?.cidr ? parseCidr(rule.from.cidr) : undefined;
      return from?.ok && contains(from.cidr, gateway.cidr) && !(rule.from?.except ?? []).length;
    });
    if (!opens) closed.add(namespace);
  }
  return closed;
}
