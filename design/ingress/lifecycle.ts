// End dates of the ingress controllers that leave support, compared with today. Pure.
//
// - ingress-nginx: best-effort maintenance until March 2026, then no releases, bug fixes or security
//   fixes (https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/);
// - app-routing's managed NGINX: Microsoft supports critical security patches through November 2026;
//   the direction is the Gateway API (https://learn.microsoft.com/azure/aks/app-routing, retirement note).
// The last day of the month is the end date the sources' month names mean.
import { componentLifecycle } from '../../planner/lifecycle';
import type { IngressControllerKind } from './config';

export interface ControllerEnd {
  /** YYYY-MM-DD, the last day of support */
  date: string;
  what: string;
  source: string;
}

// dates and sources from the one lifecycle table (planner/lifecycle.ts)
const INGRESS_NGINX = componentLifecycle('ingress-nginx');
const APP_ROUTING_NGINX = componentLifecycle('app-routing-nginx');

export const CONTROLLER_ENDS: Partial<Record<IngressControllerKind, ControllerEnd>> = {
  nginx: { date: INGRESS_NGINX.ends!, what: 'upstream maintenance of ingress-nginx (no releases, bug fixes or security fixes after it)', source: INGRESS_NGINX.source },
  'app-routing': { date: APP_ROUTING_NGINX.ends!, what: "Azure's support (critical security patches) for the app-routing add-on's managed NGINX", source: APP_ROUTING_NGINX.source },
};

/** "ended on 2026-03-31 (248 days ago)" or "ends on 2026-11-30 (in 5 days)". */
export function endPhrase(end: ControllerEnd, today: Date): string {
  const days = Math.round((Date.parse(`${end.date}T00:00:00Z`) - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000);
  return days < 0 ? `ended on ${end.date} (${-days} days ago)` : `ends on ${end.date} (in ${days} days)`;
}
