// Finding codes of the ingress (`aks-networking:ingress`). Public contract like every finding code:
// add freely, never rename.
export const INGRESS_FINDING_CODES = [
  /** two routes claim the same host and path */
  'INGRESS_ROUTE_CONFLICT',
  /** a rewrite the chosen controller cannot express */
  'INGRESS_REWRITE_UNSUPPORTED',
  /** a TLS route without the name of its certificate Secret */
  'INGRESS_TLS_SECRET_MISSING',
  /** a route to a namespace the policy baseline closes to the ingress controller */
  'INGRESS_NAMESPACE_CLOSED',
  /** ingress-nginx: upstream maintenance ended in March 2026 */
  'INGRESS_NGINX_RETIRED',
  /** NGINX: a rewrite turns every path of its host into a case-insensitive regex */
  'INGRESS_REGEX_HOST',
  /** a controller and exposure or network plugin AKS does not support together */
  'INGRESS_UNSUPPORTED',
  /** a generated Ingress object fails the Kubernetes schema */
  'INGRESS_OBJECT_INVALID',
] as const;
export type IngressFindingCode = (typeof INGRESS_FINDING_CODES)[number];
