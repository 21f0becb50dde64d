// The AKS application routing add-on (managed NGINX): no chart. The cluster's ingress profile turns
// it on, and one NginxIngressController object says how its load balancer is exposed. Pure.
//
// Facts (https://learn.microsoft.com/azure/aks/app-routing, https://learn.microsoft.com/azure/aks/app-routing-nginx-configuration):
// - `ingressProfile.webAppRouting.enabled`; `nginx.defaultIngressControllerType` None | Internal |
//   External | AnnotationControlled. The default controller AKS would create has a public IP AKS picks;
//   with `None` it is not created, and our NginxIngressController (approuting.kubernetes.azure.com/v1alpha1)
//   carries the front-end annotations (internal subnet and planned IP, or our static public IP) in
//   `loadBalancerAnnotations`, under the add-on's usual IngressClass name;
// - routes use NGINX annotations (rewrite-target, use-regex); snippet annotations are refused by the add-on.
import type { IngressSettings } from './config';
import { frontEndAnnotations, type FrontEnd } from './loadBalancer';
import { nginxDriver } from './nginx';

export const APP_ROUTING_CLASS = 'webapprouting.kubernetes.azure.com';
export const appRouting = nginxDriver('app-routing', APP_ROUTING_CLASS);

export interface AppRoutingIngressProfile {
  webAppRouting: { enabled: true; nginx: { defaultIngressControllerType: 'None' } };
}

export function appRoutingIngressProfile(): AppRoutingIngressProfile {
  return { webAppRouting: { enabled: true, nginx: { defaultIngressControllerType: 'None' } } };
}

/** The add-on's NginxIngressController object (cluster-scoped). */
export function nginxIngressController(settings: IngressSettings, frontEnd: FrontEnd) {
  return {
    apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
    kind: 'NginxIngressController',
    metadata: { name: 'aksnet' },
    spec: {
      ingressClassName: APP_ROUTING_CLASS,
      controllerNamePrefix: 'nginx',
      loadBalancerAnnotations: frontEndAnnotations(frontEnd),
      // the add-on scales between these; its own minimum is 2
      scaling: { minReplicas: settings.replicas, maxReplicas: Math.max(settings.replicas, 100) },
    },
  };
}
