// The Application Gateway Ingress Controller add-on: AKS creates an Application Gateway v2 in the
// planned `appgateway` subnet and runs AGIC for it. No chart; routes use AGIC's annotations. Pure.
//
// Facts (https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure,
// https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview; Azure CLI acs/_consts.py,
// learn.microsoft.com/azure/application-gateway/ingress-controller-annotations):
// - `addonProfiles.ingressApplicationGateway.config`: a new gateway takes `applicationGatewayName`
//   plus `subnetId` (an existing subnet); v2 SKUs only; a dedicated subnet;
// - supported plugins: kubenet, Azure CNI, Azure CNI Overlay (not bring-your-own CNI);
// - the add-on's gateway has a public front end: an internal ingress is not something it builds;
// - rewrite: `appgw.ingress.kubernetes.io/backend-path-prefix` rewrites the backend path with that prefix;
// - IngressClass `azure-application-gateway`.
import type { ControllerDriver, RouteTranslation } from './driver';

export const AGIC_ADDON = 'ingressApplicationGateway';

export const agic: ControllerDriver = {
  kind: 'agic',
  ingressClassName: 'azure-application-gateway',
  rewriteAffectsHost: false,
  translate(route): RouteTranslation {
    const pathType = route.pathType ?? 'Prefix';
    if (!route.rewrite) return { path: route.path, pathType, annotations: {} };
    // The gateway replaces the literal part of its path rule (`/api/` of `/api/*`) with the prefix, so
    // both end in "/": /api/users -> /users. A bare /api is not part of a `/api/` rule.
    const slash = (p: string) => (p.endsWith('/') ? p : `${p}/`);
    return { path: slash(route.path), pathType, annotations: { 'appgw.ingress.kubernetes.io/backend-path-prefix': slash(route.rewrite) } };
  },
};

/** The add-on profile, with the gateway subnet's ID (an Output in the program, a string in tests). */
export function agicAddonProfile<Id>(gatewayName: string, subnetId: Id) {
  return { [AGIC_ADDON]: { enabled: true, config: { applicationGatewayName: gatewayName, subnetId } } };
}
