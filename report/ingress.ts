// One line about the stack's ingress for the text and Markdown reports: the controller, and the
// address the plan reserved for it (an internal front-end IP, or AGIC's gateway subnet).
import type { IngressPlan } from '../planner/types';

export function ingressSummary(ingress: IngressPlan, code: (s: string) => string = (s) => s): string {
  if (ingress.controller === 'agic') {
    return `agic: Application Gateway v2 in subnet ${ingress.subnet}${ingress.cidr ? ` (${code(ingress.cidr)})` : ''}`;
  }
  if (ingress.exposure === 'public') return `${ingress.controller}, public: a static public IP, created at deploy`;
  const source = ingress.ipSource === 'configured' ? 'configured' : 'last usable address';
  return `${ingress.controller}, internal: front-end IP ${ingress.ip ? code(ingress.ip) : 'unplaced'} in subnet ${ingress.subnet}${ingress.cidr ? ` (${code(ingress.cidr)}, ${source}, counted in its demand)` : ''}`;
}
