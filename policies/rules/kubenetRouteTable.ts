// kubenet routes pod traffic through one route per node in a route table on the node subnet; AKS
// needs the table attached before the cluster is created and it cannot be swapped later (https://learn.microsoft.com/azure/aks/configure-kubenet).
// Each kubenet cluster writes its own routes: two kubenet clusters cannot share a subnet or a route
// table (https://learn.microsoft.com/azure/aks/configure-kubenet).
import type { ClusterRecord, StackModel, SubnetRecord } from '../resources';
import type { Violation } from './violation';

export function kubenetRouteTableViolations(model: StackModel): Violation[] {
  const violations: Violation[] = [];
  const subnetUsers = new Map<SubnetRecord, ClusterRecord[]>();
  const tableUsers = new Map<string, { clusters: Set<ClusterRecord>; subnets: SubnetRecord[] }>();
  for (const cluster of model.clusters.filter((c) => c.plugin === 'kubenet')) {
    const subnets = [...new Set(cluster.pools.map((p) => p.nodeSubnet).filter((s) => s !== undefined))];
    for (const subnet of subnets) {
      subnetUsers.set(subnet, [...(subnetUsers.get(subnet) ?? []), cluster]);
      if (!subnet.hasRouteTable) {
        violations.push({
          urn: subnet.urn,
          message: `${subnet.label} holds kubenet nodes of ${cluster.label} but has no route table; attach one (routeTable.id) before the cluster is created.`,
        });
      } else if (subnet.routeTableKey) {
        const users = tableUsers.get(subnet.routeTableKey) ?? { clusters: new Set(), subnets: [] };
        users.clusters.add(cluster);
        users.subnets.push(subnet);
        tableUsers.set(subnet.routeTableKey, users);
      }
    }
  }
  for (const [subnet, clusters] of subnetUsers) {
    if (clusters.length > 1) {
      violations.push({ urn: subnet.urn, message: `${subnet.label} holds kubenet nodes of ${clusters.map((c) => c.label).join(' and ')}; kubenet clusters cannot share a subnet.` });
    }
  }
  for (const { clusters, subnets } of tableUsers.values()) {
    if (clusters.size > 1) {
      violations.push({
        urn: subnets[subnets.length - 1].urn,
        message: `${subnets.map((s) => s.label).join(' and ')} share one route table across ${[...clusters].map((c) => c.label).join(' and ')}; each kubenet cluster needs its own route table.`,
      });
    }
  }
  return violations;
}
