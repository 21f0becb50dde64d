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
  /** a generated Ingress object fails the Kubernetes schema (or a Gateway API object the Gateway API CRD schema) */
  'INGRESS_OBJECT_INVALID',
  /** app-routing: Azure's support for the add-on's managed NGINX ended in November 2026 */
  'INGRESS_APP_ROUTING_NGINX_RETIRED',
  /** a controller the pinned @pulumi/azure-native cannot deploy (its ManagedCluster API version lacks the properties) */
  'INGRESS_SDK_UNSUPPORTED',
  /** Gateway API: a route with pathType ImplementationSpecific (no Gateway API equivalent) */
  'INGRESS_PATH_TYPE_UNSUPPORTED',
  /** Gateway API: a route naming its Service port (backendRefs take the number) */
  'INGRESS_NAMED_PORT',
  /** Gateway API: routes of one host naming different certificates (one HTTPS listener per host) */
  'INGRESS_TLS_CONFLICT',
  /** Gateway API: more listeners than a Gateway holds, or an Application Gateway for Containers limit */
  'INGRESS_GATEWAY_LIMIT',
] as const;
export type IngressFindingCode = (typeof INGRESS_FINDING_CODES)[number];
