// Generated Gateway API objects checked before anything is deployed, by the same validateObjects as
// `aksnet validate` (netpol/validate.ts: the Gateway API v1.6.1 standard-channel CRD schemas with ajv,
// object names). A malformed object is a finding, not an API server refusal halfway through `pulumi up`. Pure.
import { validateObjects } from '../../netpol/validate';
import type { StackFinding } from '../stackFindings';
import type { RoutedGatewayObject } from './gateway';
import { ingressFinding } from './routes';

export function validateGatewayObjects(objects: readonly { route?: number; object: unknown }[]): StackFinding[] {
  return validateObjects(objects.map((o) => o.object)).map((f) => {
    const { route, object } = objects[f.doc] as RoutedGatewayObject;
    const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    return ingressFinding(f.severity, 'INGRESS_OBJECT_INVALID', route !== undefined ? `routes[${route}]` : 'routes', `${where}${f.path ? ` ${f.path}` : ''} fails the Gateway API schema: ${f.message} (${f.code})`);
  });
}
