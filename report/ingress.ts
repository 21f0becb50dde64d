// One line about the stack's ingress for the text and Markdown reports: the controller, and the
// address the plan reserved for it (an internal front-end IP, AGIC's gateway subnet, or the Application
// Gateway for Containers association subnet), and for a Gateway API implementation the Gateway's address.
import type { IngressPlan } from '../planner/types';

export function ingressSummary(ingress: IngressPlan, code: (s: string) => string = (s) => s): string {
  if (ingress.controller === 'agic') {
    return `agic: Application Gateway v2 in subnet ${ingress.subnet}${ingress.cidr ? ` (${code(ingress.cidr)})` : ''}`;
  }
  if (ingress.controller === 'agc') {
    // AGC's frontend is an Azure-assigned FQDN (<id>.<id>.alb.azure.com), known once the Gateway is programmed
    return `agc: Application Gateway for Containers associated with subnet ${ingress.subnet}${ingress.cidr ? ` (${code(ingress.cidr)}, delegated to Microsoft.ServiceNetworking/trafficControllers)` : ''}; the Gateway's address: a public frontend FQDN (*.alb.azure.com), assigned at deploy`;
  }
  const gateway = ['envoy-gateway', 'approuting-istio'].includes(ingress.controller) ? "the Gateway's address: " : '';
  if (ingress.exposure === 'public') return `${ingress.controller}, public: ${gateway}a static public IP, created at deploy`;
  const source = ingress.ipSource === 'configured' ? 'configured' : 'last usable address';
  return `${ingress.controller}, internal: ${gateway ? "the Gateway's address, " : ''}front-end IP ${ingress.ip ? code(ingress.ip) : 'unplaced'} in subnet ${ingress.subnet}${ingress.cidr ? ` (${code(ingress.cidr)}, ${source}, counted in its demand)` : ''}`;
}
