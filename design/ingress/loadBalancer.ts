// The Azure load balancer in front of a chart-based controller (and app-routing's NGINX): the
// annotations on its LoadBalancer Service. Pure.
//
// Facts:
// - https://learn.microsoft.com/azure/aks/internal-lb:
//   `azure-load-balancer-internal: "true"` makes it private; `-internal-subnet` takes a
//   subnet *name* in the cluster's VNet; `azure-load-balancer-ipv4` fixes the IP (spec.loadBalancerIP
//   is deprecated upstream).
// - Health probes (https://learn.microsoft.com/azure/aks/configure-load-balancer-standard, probe
//   table): with `externalTrafficPolicy: Local` the load balancer probes kube-proxy's health check
//   node port (spec.healthCheckNodePort) with HTTP /healthz, whatever the probe annotations say; that
//   answers 200 only on nodes running a ready controller pod, so traffic reaches only those nodes.
//   With `Cluster` and appProtocol http(s) it probes the Service port at `/`, which an ingress
//   controller answers with 404 (every backend down): there the request-path annotation is needed.
// - https://learn.microsoft.com/azure/aks/static-ip:
//   a static public IP outside the node resource group is named with
//   `azure-pip-name` plus `azure-load-balancer-resource-group`.

export const LB = {
  internal: 'service.beta.kubernetes.io/azure-load-balancer-internal',
  internalSubnet: 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet',
  ipv4: 'service.beta.kubernetes.io/azure-load-balancer-ipv4',
  probePath: 'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path',
  resourceGroup: 'service.beta.kubernetes.io/azure-load-balancer-resource-group',
  pipName: 'service.beta.kubernetes.io/azure-pip-name',
} as const;

/** Where the front end lives: a planned private IP, or a static public IP the program creates. */
export type FrontEnd =
  | { exposure: 'internal'; subnet: string; ip: string }
  | { exposure: 'public'; resourceGroupName: string; publicIpName: string };

/** The front end's annotations, without the probe path (app-routing's managed NGINX sets its own probes). */
export function frontEndAnnotations(frontEnd: FrontEnd): Record<string, string> {
  return frontEnd.exposure === 'internal'
    ? { [LB.internal]: 'true', [LB.internalSubnet]: frontEnd.subnet, [LB.ipv4]: frontEnd.ip }
    : { [LB.resourceGroup]: frontEnd.resourceGroupName, [LB.pipName]: frontEnd.publicIpName };
}

/**
 * Every annotation a chart controller's Service needs on AKS. The probe path only where it takes
 * effect: under `Local` the load balancer ignores it and probes the health check node port.
 */
export function serviceAnnotations(frontEnd: FrontEnd, externalTrafficPolicy: 'Local' | 'Cluster'): Record<string, string> {
  return { ...frontEndAnnotations(frontEnd), ...(externalTrafficPolicy === 'Cluster' ? { [LB.probePath]: '/healthz' } : {}) };
}

/** Spread controller replicas across zones (and nodes); `labels` select the controller pods. */
export function zoneSpread(labels: Record<string, string>): Record<string, unknown>[] {
  return [
    // ScheduleAnyway: a region without zones (or a pool in one zone) still runs every replica
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
  ];
}
