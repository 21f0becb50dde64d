// ingress-nginx is retired upstream: best-effort maintenance ended in March 2026, with no releases
// or security fixes after it (https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/).
import { str } from '../resources';

export const HELM_TYPES = ['kubernetes:helm.sh/v3:Release', 'kubernetes:helm.sh/v3:Chart', 'kubernetes:helm.sh/v4:Chart'];

// the chart by name, repo/name, an OCI reference or a packaged .tgz
const CHART = /(^|\/)ingress-nginx(-\d[\w.+-]*\.tgz)?$/i;

/** The violation message for a Helm release/chart's inputs, or undefined when it is not ingress-nginx. */
export function ingressNginxViolation(props: Record<string, any>): string | undefined {
  const chart = str(() => props.chart)?.trim();
  if (!chart || !CHART.test(chart)) return undefined;
  return (
    `Helm chart ${chart} deploys ingress-nginx, which is retired (no releases or security fixes since March 2026). ` +
    'Use the AKS application routing add-on or a Gateway API implementation instead.'
  );
}
