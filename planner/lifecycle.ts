// Dated lifecycle of what a stack runs: Kubernetes minor versions on AKS, ingress controllers and
// the kubenet plugin. ONE table, each row with its public source; `aksnet plan` compares it with
// today's date (`--today YYYY-MM-DD` pins it). Pure.
//
// A month given as the end of a support phase means its last day (the AKS calendar's convention).
// The table was read from the sources in August 2026; dates announced later are not in it, and a
// version newer than the table is a warning, never a guess.
import { error, warning, type Finding } from './findings';

/** Warnings start this many days before a support phase ends. */
export const LIFECYCLE_WARNING_DAYS = 90;

export interface KubernetesVersionLifecycle {
  minor: string;
  /** first month AKS offers it (GA) */
  ga: string;
  /** last day of community support (AKS creates and supports it on every tier) */
  communityEnd: string;
  /** last day of Long Term Support (Premium tier with supportPlan AKSLongTermSupport only) */
  ltsEnd: string;
  /** GA was announced as planned and not confirmed by the sources: never suggested, a warning when used */
  planned?: true;
  source: string;
}

const AKS_CALENDAR = 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar';

/**
 * AKS Kubernetes release calendar and LTS table (supported-kubernetes-versions, revision of
 * 2026-08-05; AKS release notes 2026-06-19 and 2026-07-17). 1.37's GA is the planned month.
 */
export const KUBERNETES_VERSIONS: readonly KubernetesVersionLifecycle[] = [
  { minor: '1.30', ga: '2024-07-01', communityEnd: '2025-08-22', ltsEnd: '2026-07-31', source: AKS_CALENDAR },
  { minor: '1.31', ga: '2024-11-01', communityEnd: '2025-11-01', ltsEnd: '2026-11-30', source: AKS_CALENDAR },
  { minor: '1.32', ga: '2025-04-01', communityEnd: '2026-03-31', ltsEnd: '2027-03-31', source: AKS_CALENDAR },
  { minor: '1.33', ga: '2025-06-01', communityEnd: '2026-07-31', ltsEnd: '2027-07-31', source: AKS_CALENDAR },
  { minor: '1.34', ga: '2025-11-01', communityEnd: '2026-11-30', ltsEnd: '2027-11-30', source: AKS_CALENDAR },
  { minor: '1.35', ga: '2026-03-01', communityEnd: '2027-03-31', ltsEnd: '2028-03-31', source: AKS_CALENDAR },
  { minor: '1.36', ga: '2026-06-01', communityEnd: '2027-06-30', ltsEnd: '2028-06-30', source: AKS_CALENDAR },
  { minor: '1.37', ga: '2026-10-01', communityEnd: '2027-10-31', ltsEnd: '2028-10-31', planned: true, source: AKS_CALENDAR },
];

export interface ComponentLifecycle {
  id: 'app-routing-nginx' | 'ingress-nginx' | 'kubenet' | 'agic';
  subject: string;
  /** the date support ends (undefined: no date, an advice) */
  ends?: string;
  /** what the end means */
  event: string;
  /** what to do instead */
  nextStep: string;
  /** after the end: error when AKS stops creating or running it, warning when it keeps running unsupported */
  afterEnd: 'error' | 'warning';
  source: string;
}

export const COMPONENTS: readonly ComponentLifecycle[] = [
  {
    id: 'app-routing-nginx',
    subject: "the application routing add-on's managed NGINX (controller app-routing)",
    ends: '2026-11-30',
    event: 'Microsoft patches its NGINX (critical security fixes only) through November 2026',
    nextStep: 'move to Gateway API (the app routing add-on Gateway API implementation, or Application Gateway for Containers)',
    afterEnd: 'warning',
    source: 'https://learn.microsoft.com/azure/aks/app-routing',
  },
  {
    id: 'ingress-nginx',
    subject: 'ingress-nginx (controller nginx)',
    ends: '2026-03-31',
    event: 'upstream maintenance ended in March 2026: no releases, bug fixes or security fixes',
    nextStep: 'move to Gateway API or another maintained controller (haproxy)',
    afterEnd: 'warning',
    source: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
  },
  {
    id: 'kubenet',
    subject: 'kubenet networking',
    ends: '2028-03-31',
    event: 'kubenet retires on 31 March 2028',
    nextStep: 'move to azure-cni-overlay in place (aksnet migrate plans it)',
    afterEnd: 'error',
    source: 'https://learn.microsoft.com/azure/aks/configure-kubenet',
  },
  {
    id: 'agic',
    subject: 'the Application Gateway Ingress Controller add-on (controller agic)',
    event: 'AGIC remains available, and Microsoft advises starting the move to Application Gateway for Containers',
    nextStep: 'plan the move to Application Gateway for Containers (Gateway API)',
    afterEnd: 'warning',
    source: 'https://learn.microsoft.com/azure/aks/long-term-support',
  },
];

export interface LifecycleInput {
  /** "1.36" or "1.36.2"; undefined: AKS's default version, which AKS keeps supported */
  kubernetesVersion?: string;
  /** where the version is set, for the finding's path */
  versionPath?: { config?: Finding['config']; path: string };
  tier?: string;
  plugin: string;
  ingressController?: string;
  today: Date;
  /** the stack's name, for the commands a next step names */
  stack?: string;
}

/** Whole days from `today` (UTC midnight) to a date; negative once past. */
export function daysFrom(today: Date, isoDate: string): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - start) / 86_400_000);
}

/** Minors AKS fully supports (community support) on `today` for at least the warning window. */
export function fullySupportedMinors(today: Date): string[] {
  return KUBERNETES_VERSIONS.filter((v) => !v.planned && daysFrom(today, v.ga) <= 0 && daysFrom(today, v.communityEnd) > LIFECYCLE_WARNING_DAYS).map((v) => v.minor);
}

export function lifecycleFindings(input: LifecycleInput): Finding[] {
  return [...kubernetesVersionFindings(input), ...componentFindings(input)];
}

function kubernetesVersionFindings(input: LifecycleInput): Finding[] {
  if (!input.kubernetesVersion) return [];
  const { today } = input;
  const minor = input.kubernetesVersion.split('.').slice(0, 2).join('.');
  const where = input.versionPath ?? { path: 'kubernetesVersion' };
  const at = (f: Finding): Finding => (where.config ? { ...f, config: where.config } : f);
  const supported = fullySupportedMinors(today);
  const upgrade = supported.length > 0 ? `set kubernetesVersion to ${supported.join(' or ')}` : 'set a version AKS supports (az aks get-versions)';
  const row = KUBERNETES_VERSIONS.find((v) => v.minor === minor);
  const cite = ` (${AKS_CALENDAR})`;
  if (!row) {
    const oldest = KUBERNETES_VERSIONS[0].minor;
    if (Number(minor.split('.')[1]) < Number(oldest.split('.')[1])) {
      return [at(error('KUBERNETES_VERSION_UNSUPPORTED', where.path, `Kubernetes ${minor} is out of every AKS support, LTS included: AKS will not create it; ${upgrade}${cite}`))];
    }
    return [at(warning('KUBERNETES_VERSION_UNKNOWN', where.path, `Kubernetes ${minor} is newer than this tool's AKS calendar; check that AKS offers it in your region (az aks get-versions)${cite}`))];
  }
  if (daysFrom(today, row.ga) > 0) {
    return [at(error('KUBERNETES_VERSION_UNSUPPORTED', where.path, `AKS does not offer Kubernetes ${minor} yet (GA planned ${row.ga.slice(0, 7)}); ${upgrade}${cite}`))];
  }
  if (row.planned) {
    return [at(warning('KUBERNETES_VERSION_UNKNOWN', where.path, `Kubernetes ${minor}: AKS planned its GA for ${row.ga.slice(0, 7)}, not confirmed in this tool's calendar; check that AKS offers it in your region (az aks get-versions), or ${upgrade}${cite}`))];
  }
  const lts = input.tier === 'premium'; // the program pairs tier premium with supportPlan AKSLongTermSupport
  const communityLeft = daysFrom(today, row.communityEnd);
  const ltsLeft = daysFrom(today, row.ltsEnd);
  if (ltsLeft < 0) {
    return [at(error('KUBERNETES_VERSION_UNSUPPORTED', where.path, `Kubernetes ${minor} left AKS support on ${row.ltsEnd} (end of LTS): AKS will not create it; ${upgrade}${cite}`))];
  }
  if (communityLeft < 0) {
    if (!lts) {
      return [
        at(
          error(
            'KUBERNETES_VERSION_LTS_ONLY',
            where.path,
            `Kubernetes ${minor} left community support on ${row.communityEnd}; AKS supports it only under Long Term Support until ${row.ltsEnd}, which needs tier premium and supportPlan AKSLongTermSupport (this stack's tier is ${input.tier ?? 'standard'}): ${upgrade}, or set tier: premium (https://learn.microsoft.com/azure/aks/long-term-support)`,
          ),
        ),
      ];
    }
    if (ltsLeft <= LIFECYCLE_WARNING_DAYS) {
      return [at(warning('LIFECYCLE_ENDING', where.path, `Kubernetes ${minor}: Long Term Support ends on ${row.ltsEnd}, in ${ltsLeft} days; ${upgrade} before then${cite}`))];
    }
    return [];
  }
  if (communityLeft <= LIFECYCLE_WARNING_DAYS && !lts) {
    return [at(warning('LIFECYCLE_ENDING', where.path, `Kubernetes ${minor}: AKS community support ends on ${row.communityEnd}, in ${communityLeft} days (then LTS only, on tier premium); ${upgrade} before then${cite}`))];
  }
  return [];
}

function componentFindings(input: LifecycleInput): Finding[] {
  const applies: Record<ComponentLifecycle['id'], boolean> = {
    // both NGINX rows are reported by the ingress design (INGRESS_NGINX_RETIRED,
    // INGRESS_APP_ROUTING_NGINX_RETIRED: design/ingress/lifecycle.ts reads their dates from here)
    'app-routing-nginx': false,
    'ingress-nginx': false,
    // before the date, the planner's KUBENET_RETIREMENT warning already names it
    kubenet: false,
    agic: input.ingressController === 'agic',
  };
  const findings: Finding[] = [];
  for (const row of COMPONENTS) {
    const path = row.id === 'kubenet' ? 'plugin' : 'controller';
    const config = row.id === 'kubenet' ? undefined : ('aks-networking:ingress' as const);
    const at = (f: Finding): Finding => (config ? { ...f, config } : f);
    const left = row.ends ? daysFrom(input.today, row.ends) : undefined;
    if (row.id === 'kubenet' && input.plugin === 'kubenet' && left !== undefined && left < 0) {
      findings.push(error('LIFECYCLE_ENDED', path, `${row.event}: AKS no longer supports it; ${row.nextStep} (${row.source})`));
      continue;
    }
    if (!applies[row.id]) continue;
    const next = row.id === 'app-routing-nginx' && input.stack ? `${row.nextStep}: \`aksnet migrate --ingress --stack ${input.stack} --to envoy-gateway\` plans a move` : row.nextStep;
    if (left === undefined) findings.push(at({ severity: 'info', code: 'LIFECYCLE_ADVICE', path, message: `${row.subject}: ${row.event}; ${next} (${row.source})` }));
    else if (left < 0) findings.push(at(row.afterEnd === 'error' ? error('LIFECYCLE_ENDED', path, `${row.subject}: ${row.event}, ended ${row.ends}; ${next} (${row.source})`) : warning('LIFECYCLE_ENDED', path, `${row.subject}: ${row.event}; support ended on ${row.ends}; ${next} (${row.source})`)));
    else if (left <= LIFECYCLE_WARNING_DAYS) findings.push(at(warning('LIFECYCLE_ENDING', path, `${row.subject}: ${row.event}; it ends on ${row.ends}, in ${left} days; ${next} (${row.source})`)));
  }
  return findings;
}

/** The table row of a component (other modules quote its date instead of repeating it). */
export function componentLifecycle(id: ComponentLifecycle['id']): ComponentLifecycle {
  return COMPONENTS.find((c) => c.id === id)!;
}
