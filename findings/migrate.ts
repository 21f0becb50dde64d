// Codes of `aksnet migrate`'s preconditions (planner/migrate.ts PRECONDITION_CODES): each is checked
// before a kubenet or node-subnet Azure CNI stack moves to Azure CNI Overlay, and fails the report
// (exit 1) when it does not hold.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const MIGRATE_ENTRIES = {
  MIGRATION_PATH: {
    severity: 'error',
    title: 'AKS moves only kubenet and node-subnet Azure CNI clusters to overlay in place',
    meaning: 'az aks update --network-plugin-mode overlay works in place, one way, only from kubenet and node-subnet Azure CNI. Any other plugin change needs a new cluster; there is no way back after the move.',
    fix: 'For other plugins, build a new azure-cni-overlay cluster (a new stack, or this one with cluster.allowClusterReplacement), move the workloads, then retire the old one.',
    sources: [src.UPDATE_CNI, src.DYNAMIC_IP],
  },
  DYNAMIC_POD_SUBNET: {
    severity: 'error',
    title: 'Dynamic pod IP allocation cannot move to overlay',
    meaning: 'AKS does not support moving a cluster with dynamic pod IP allocation (a pod subnet) to overlay.',
    fix: 'Build a new azure-cni-overlay cluster and move the workloads to it.',
    sources: [src.UPDATE_CNI, src.DYNAMIC_IP],
  },
  KUBERNETES_VERSION: {
    severity: 'error',
    title: 'The move to overlay needs Kubernetes 1.27 or later',
    meaning: 'AKS moves clusters to overlay from Kubernetes 1.27. When kubernetesVersion is not set the planner cannot check it and says so.',
    fix: 'Upgrade the cluster to 1.27 or later first (check it with az aks show --query kubernetesVersion).',
    sources: [src.UPDATE_CNI],
  },
  NETWORK_POLICY: {
    severity: 'error',
    title: 'A network policy engine is installed',
    meaning: 'The AKS migration page requires the network policy engine to be uninstalled before the move (another page describes kubenet with Calico moving with Calico; the planner follows the migration page). The Cilium data plane cannot be removed in place, so a Cilium cluster moves only as a new cluster.',
    fix: 'Deploy networkPolicy: none first (AKS reimages every pool; NetworkPolicies are not enforced until the engine is back), then move, then set the engine again in a separate deploy.',
    sources: [src.UPDATE_CNI, src.NETWORK_POLICIES],
  },
  WINDOWS_POOLS: {
    severity: 'error',
    title: 'Windows pools that may run Docker cannot move',
    meaning: 'The move does not support Windows pools running Docker; Kubernetes before 1.24 may run Docker on Windows nodes (from 1.24 they run containerd). After the move the pod CIDR cannot grow in place while Windows pools exist.',
    fix: 'Upgrade the cluster to 1.24 or later (containerd) before the move.',
    sources: [src.UPDATE_CNI, src.OVERLAY_POD_EXPAND],
  },
  CONTROL_PLANE_IDENTITY: {
    severity: 'error',
    title: 'Detaching the kubenet route table needs a user-assigned identity',
    meaning: 'The move detaches the kubenet route table, which AKS does only with a user-assigned control-plane identity; the program always gives the cluster one, with Network Contributor on the subnets and the route table.',
    fix: 'Nothing to do with this program\'s clusters; a cluster created elsewhere with a system-assigned identity needs a user-assigned one first.',
    sources: [src.UPDATE_CNI, src.USER_ASSIGNED_IDENTITY, src.KUBENET],
  },
  OUTBOUND_ROUTE: {
    severity: 'error',
    title: "userDefinedRouting on kubenet: the default route lives in the table the move removes",
    meaning: 'On kubenet the 0.0.0.0/0 route sits in the kubenet route table, which the move detaches; the overlay cluster needs its own route table with the same route or egress stops.',
    fix: 'Set userDefinedRouting.nextHopIp: the program then builds an egress route table with the default route, which the subnets take in the same update.',
    sources: [src.UPDATE_CNI, src.EGRESS_UDR],
  },
  CILIUM_DATAPLANE: {
    severity: 'error',
    title: 'The Cilium data plane and the move to overlay',
    meaning: 'AKS changes the IPAM mode and the data plane in separate operations, and kubenet cannot go to Cilium directly: the move keeps the current data plane. A cluster that already runs Cilium is not moved by the program.',
    fix: 'Move first; adopt Cilium later with networkPolicy: cilium (another reimage, Linux pools only).',
    sources: [src.UPDATE_CNI, src.CILIUM],
  },
  POD_CIDR: {
    severity: 'error',
    title: 'The overlay pod CIDR is too small or overlaps something',
    meaning: 'Overlay gives every node a /24 of the pod CIDR, so it must hold one /24 per node at maxCount plus surge, and must not overlap the VNet, peered networks or the service CIDR. kubenet keeps its pod CIDR unless --pod-cidr enlarges it; node-subnet Azure CNI needs a new one.',
    fix: 'Pass --pod-cidr with a larger free private range, or leave it out: the planner keeps or grows a kubenet range and gives node-subnet Azure CNI a free /16 (larger when the plan needs it).',
    sources: [src.UPDATE_CNI, src.OVERLAY_CONCEPTS],
  },
  REIMAGE_CAPACITY: {
    severity: 'error',
    title: 'The plan after the move does not fit while every pool reimages at once',
    meaning: 'The move reimages all node pools at the same time, with surge, so the subnets and pod range after the move must hold every pool at maxCount plus surge.',
    fix: 'Fix the capacity findings listed (larger subnet or pod CIDR, fewer nodes) before the move.',
    sources: [src.UPDATE_CNI, src.ROLLING_UPGRADE],
  },
  AFTER_PLAN: {
    severity: 'error',
    title: 'The plan after the move has other errors',
    meaning: 'The config after the move is planned like any other; its error findings (listed with their codes) would fail the deploy.',
    fix: 'Fix the listed findings; `aksnet explain CODE` explains each.',
    sources: [src.UPDATE_CNI],
  },
} as const satisfies AreaEntries;
