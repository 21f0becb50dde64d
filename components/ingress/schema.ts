// Generated Ingress objects checked against the Kubernetes OpenAPI schema (kubernetes-models) before
// anything is deployed: a malformed object is a finding, not an API server refusal halfway
// through `pulumi up`. Pure (kubernetes-models is a schema library; no cluster).
import type { StackFinding } from '../stackFindings';
import { ingressFinding, type RoutedIngress } from './routes';

// kubernetes-models is CommonJS; its Ingress class validates with the upstream JSON schema
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Ingress } = require('kubernetes-models/networking.k8s.io/v1') as { Ingress: new (data: unknown) => { validate(): void } };

export function validateIngressObjects(objects: readonly RoutedIngress[]): StackFinding[] {
  const findings: StackFinding[] = [];
  for (const { route, object } of objects) {
    try {
      new Ingress(object).validate();
    } catch (e) {
      findings.push(ingressFinding('error', 'INGRESS_OBJECT_INVALID', `routes[${route}]`, `Ingress ${object.metadata.namespace}/${object.metadata.name} fails the Kubernetes schema: ${(e as Error).message}`));
    }
  }
  return findings;
}
