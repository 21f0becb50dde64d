// How a plan reads in the AKS API: the cluster's networkProfile and each pool's pod IP mode. Pure:
// the components build from this, and the deployed-settings comparison compares it, so the two
// can never disagree about what was asked of Azure.
import type { Plugin } from '../planner/config';
import type { Plan } from '../planner/types';
import { podIpAllocationFor } from './nodePoolName';
import { CLUSTER_KEY, NETWORK_KEY, stackFinding, type StackFinding } from './stackFindings';

export interface AksNetworkProfile {
  networkPlugin: 'azure' | 'kubenet' | 'none';
  networkPluginMode?: 'overlay';
  networkPolicy: 'none' | 'calico' | 'azure' | 'cilium';
  networkDataplane?: 'azure' | 'cilium';
  podCidr?: string;
  serviceCidr: string;
  dnsServiceIP: string;
  outboundType: 'loadBalancer' | 'userDefinedRouting' | 'userAssignedNATGateway' | 'none';
  loadBalancerSku: 'standard';
}

/** The egress the network component builds for the cluster. */
export type Egress = 'load-balancer' | 'nat-gateway' | 'user-defined-routing' | 'none';

export interface AksProfile {
  profile: AksNetworkProfile;
  egress: Egress;
  /** pod IP mode of every pool's pod subnet (pod-subnet plugins only) */
  podIpAllocation?: 'DynamicIndividual' | 'StaticBlock';
  findings: StackFinding[];
}

const PLUGIN_PROFILE: Record<Plugin, Pick<AksNetworkProfile, 'networkPlugin' | 'networkPluginMode'>> = {
  'azure-cni': { networkPlugin: 'azure' },
  'azure-cni-dynamic': { networkPlugin: 'azure' },
  'azure-cni-static-block': { networkPlugin: 'azure' },
  // `--network-plugin azure` without a mode is node-subnet mode; overlay needs the mode (https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay)
  'azure-cni-overlay': { networkPlugin: 'azure', networkPluginMode: 'overlay' },
  kubenet: { networkPlugin: 'kubenet' },
  none: { networkPlugin: 'none' },
};

/** Plugins whose cluster is created with a pod CIDR. */
const POD_CIDR_PLUGINS: ReadonlySet<Plugin> = new Set<Plugin>(['azure-cni-overlay', 'kubenet', 'none']);

export function aksProfileFor(plan: Plan): AksProfile {
  const { network } = plan;
  const findings: StackFinding[] = [];
  const policy = network.networkPolicy as AksNetworkProfile['networkPolicy'];

  let outboundType: AksNetworkProfile['outboundType'];
  let egress: Egress;
  switch (network.outboundType) {
    case 'managedNATGateway':
      // AKS-managed NAT gateways exist only in AKS-managed VNets; this program always brings its own
      // VNet, where AKS wants the NAT gateway made beforehand (learn.microsoft.com/azure/aks/nat-gateway,
      // "Managed NAT gateway is incompatible with custom virtual networks").
      outboundType = 'userAssignedNATGateway';
      egress = 'nat-gateway';
      findings.push(
        stackFinding('warning', 'OUTBOUND_TYPE_MAPPED', NETWORK_KEY, 'outboundType', 'managedNATGateway works only in a VNet AKS creates; this stack brings its own VNet, so the program creates the NAT gateway (with a static public IP) on the pool subnets and tells AKS userAssignedNATGateway'),
      );
      break;
    case 'userAssignedNATGateway':
      outboundType = 'userAssignedNATGateway';
      egress = 'nat-gateway';
      break;
    case 'userDefinedRouting':
      outboundType = 'userDefinedRouting';
      egress = 'user-defined-routing';
      // the default route AKS checks for at create comes from userDefinedRouting (planner: OUTBOUND_ROUTE_REQUIRED) (https://learn.microsoft.com/azure/aks/egress-udr)
      break;
    case 'none':
      outboundType = 'none';
      egress = 'none';
      break;
    default:
      outboundType = 'loadBalancer';
      egress = 'load-balancer';
  }

  const profile: AksNetworkProfile = {
    ...PLUGIN_PROFILE[network.plugin],
    networkPolicy: policy,
    // Azure CNI Powered by Cilium is the cilium data plane; it enforces policy itself (https://learn.microsoft.com/azure/aks/use-network-policies)
    ...(policy === 'cilium' ? { networkDataplane: 'cilium' as const } : {}),
    // overlay and kubenet take pods from the private pod CIDR. A BYO CNI assigns pod IPs itself, but
    // AKS needs its pool as podCidr at create to route control-plane traffic to pods (https://learn.microsoft.com/azure/aks/use-byo-cni); the
    // planner's summary carries byoCni.poolCidr there. Node- and pod-subnet Azure CNI have none.
    ...(network.podCidr && POD_CIDR_PLUGINS.has(network.plugin) ? { podCidr: network.podCidr } : {}),
    serviceCidr: network.serviceCidr,
    dnsServiceIP: network.dnsServiceIP,
    outboundType,
    loadBalancerSku: 'standard',
  };
  const podIpAllocation = podIpAllocationFor(network.plugin);
  return { profile, egress, ...(podIpAllocation ? { podIpAllocation } : {}), findings };
}

/** The two configs both name a Kubernetes version: they must agree, and the planner's is the one used. */
export function kubernetesVersionFindings(networkVersion: string | undefined, clusterVersion: string | undefined): StackFinding[] {
  if (networkVersion && clusterVersion && networkVersion !== clusterVersion) {
    return [
      {
        severity: 'error',
        code: 'INVALID_CONFIG',
        config: CLUSTER_KEY,
        path: 'kubernetesVersion',
        message: `kubernetesVersion ${clusterVersion} disagrees with the network's kubernetesVersion ${networkVersion}, which the planner checked; set one of them, or the same value in both`,
      },
    ];
  }
  return [];
}
