// Generated Ingress objects checked before anything is deployed, by the same validateObjects the
// policy objects and `aksnet validate` go through (netpol/validate.ts: the Kubernetes OpenAPI schema
// via kubernetes-models, object names): a malformed object is a finding, not an API server refusal
// halfway through `pulumi up`. Pure.
import { validateObjects } from '../../netpol/validate';
import type { StackFinding } from '../stackFindings';
import { ingressFinding, type RoutedIngress } from './routes';

export function validateIngressObjects(objects: readonly RoutedIngress[]): StackFinding[] {
  return validateObjects(objects.map((o) => o.object)).map((f) => {
    const { route, object } = objects[f.doc];
    return ingressFinding(
      f.severity,
      'INGRESS_OBJECT_INVALID',
      `routes[${route}]`,
      `Ingress ${object.metadata.namespace}/${object.metadata.name}${f.path ? ` ${f.path}` : ''} fails the Kubernetes schema: ${f.message} (${f.code})`,
    );
  });
}
