// kubenet routes pod traffic through one route per node in a route table on the node subnet; AKS
// needs the table attached before the cluster is created and it cannot be swapped later (rules §9).
import type { StackModel } from '../resources';
import type { Violation } from './violation';

export function kubenetRouteTableViolations(model: StackModel): Violation[] {
  const violations: Violation[] = [];
  for (const cluster of model.clusters.filter((c) => c.plugin === 'kubenet')) {
    const subnets = [...new Set(cluster.pools.map((p) => p.nodeSubnet).filter((s) => s !== undefined))];
    for (const subnet of subnets.filter((s) => !s.hasRouteTable)) {
      violations.push({
        urn: subnet.urn,
        message: `${subnet.label} holds kubenet nodes of ${cluster.label} but has no route table; attach one (routeTable.id) before the cluster is created.`,
      });
    }
  }
  return violations;
}
