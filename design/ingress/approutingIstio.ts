// The AKS app-routing Gateway API implementation (GatewayClass approuting-istio): an add-on turned on
// through the cluster's ingress profile. Pure.
//
// Facts (https://learn.microsoft.com/azure/aks/app-routing-gateway-api,
// https://learn.microsoft.com/azure/aks/managed-gateway-api; the ManagedCluster REST spec 2026-02-01):
// - ARM: properties.ingressProfile.gatewayAPI.installation: Standard (the managed CRDs, a prerequisite)
//   and properties.ingressProfile.webAppRouting.gatewayAPIImplementations.appRoutingIstio.mode: Enabled,
//   both first in API version 2026-02-01 (GA in the AKS release of 2026-04-28);
// - @pulumi/azure-native 3.28 (the newest on npm) sends ManagedCluster API 2025-09-01: its
//   ManagedClusterIngressProfile has only webAppRouting, without gatewayAPIImplementations, and no
//   gatewayAPI (tracked in https://github.com/pulumi/pulumi-azure-native/issues/4788).
// So the program cannot turn it on, and does not pretend to: the choice is refused with the way forward.
import type { GatewayImplementation } from './gateway';

export const approutingIstio: GatewayImplementation = {
  kind: 'approuting-istio',
  gatewayClassName: 'approuting-istio',
  pathRewrite: true,
  source: 'https://learn.microsoft.com/azure/aks/app-routing-gateway-api',
};

export const APPROUTING_ISTIO_API_VERSION = '2026-02-01';
export const PINNED_AZURE_NATIVE = { version: '3.28.0', managedClusterApiVersion: '2025-09-01' } as const;

export function approutingIstioRefusal(): string {
  return (
    `approuting-istio is turned on by ManagedCluster ingressProfile.gatewayAPI.installation and ingressProfile.webAppRouting.gatewayAPIImplementations.appRoutingIstio.mode, ` +
    `first in API version ${APPROUTING_ISTIO_API_VERSION}; @pulumi/azure-native ${PINNED_AZURE_NATIVE.version} sends ${PINNED_AZURE_NATIVE.managedClusterApiVersion}, which has neither. ` +
    `Generate a local SDK with \`pulumi package add azure-native containerservice ${APPROUTING_ISTIO_API_VERSION}\` (or later) and use its ManagedCluster, ` +
    `or choose controller envoy-gateway or agc (https://github.com/pulumi/pulumi-azure-native/issues/4788)`
  );
}
