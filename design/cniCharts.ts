// The CNI a `plugin: none` stack installs: each upstream Helm chart pinned (chart, repository,
// version) and its values, typed here and filled from the plan, so the pod pool the planner sized
// is the pool the CNI hands out. Pure (no Pulumi): components/cni.ts turns a CniChart into a
// Helm resource, and the tests read the values directly.
import { BYO_CALICO_VERSION } from '../netpol/engine';
import type { Plan } from '../planner/types';

export interface ChartPin {
  chart: string;
  repo: string;
  version: string;
  /** the namespace the release goes to */
  namespace: string;
  /** the Helm release name */
  release: string;
}

/**
 * Pinned charts. Bump deliberately: a new chart version can change value names (check its
 * values.yaml) and, for Calico, the CRD schemas the policy objects are validated against.
 */
export const CNI_CHARTS = {
  // https://docs.tigera.io/calico/latest/getting-started/kubernetes/helm (chart values = the
  // operator's Installation spec, charts/tigera-operator/values.yaml at v3.30.7)
  calico: { chart: 'tigera-operator', repo: 'https://docs.tigera.io/calico/charts', version: BYO_CALICO_VERSION, namespace: 'tigera-operator', release: 'calico' },
  // https://docs.cilium.io/en/stable/installation/k8s-install-helm/ (AKS tab: BYOCNI, aksbyocni.enabled)
  cilium: { chart: 'cilium', repo: 'https://helm.cilium.io/', version: '1.19.3', namespace: 'kube-system', release: 'cilium' },
  // https://github.com/flannel-io/flannel/tree/master/chart/kube-flannel
  flannel: { chart: 'flannel', repo: 'https://flannel-io.github.io/flannel/', version: 'v0.27.4', namespace: 'kube-flannel', release: 'flannel' },
} as const satisfies Record<string, ChartPin>;


/**
 * Labels of flannel's namespace, as its own kube-flannel.yml sets them: Pod Security `privileged`
 * (https://kubernetes.io/docs/concepts/security/pod-security-admission/) and flannel's app label.
 */
export const FLANNEL_NAMESPACE_LABELS = { 'pod-security.kubernetes.io/enforce': 'privileged', 'k8s-app': 'flannel' } as const;

/** tigera-operator values: `installation` is the operator's Installation spec (operator.tigera.io/v1). */
export interface TigeraOperatorValues {
  installation: {
    /** AKS: the operator applies AKS's settings (e.g. no host-local IPAM conflict, AKS node labels) */
    kubernetesProvider: 'AKS';
    cni: { type: 'Calico'; ipam: { type: 'Calico' } };
    calicoNetwork: {
      /** Azure's network drops traffic between nodes unless encapsulated: no BGP, VXLAN */
      bgp: 'Disabled';
      ipPools: {
        name: string;
        cidr: string;
        blockSize: number;
        encapsulation: 'VXLAN';
        natOutgoing: 'Enabled';
        nodeSelector: 'all()';
      }[];
    };
  };
  /** the Calico API server (projectcalico.org/v3): off, as on AKS-managed Calico, so the program's crd.projectcalico.org/v1 objects are the one path */
  apiServer: { enabled: false };
  goldmane: { enabled: false };
  whisker: { enabled: false };
}

/** cilium values for AKS BYO CNI with cluster-pool IPAM. */
export interface CiliumValues {
  /** sets what AKS BYOCNI needs (tunnel routing, CNI config on every node) */
  aksbyocni: { enabled: true };
  ipam: { mode: 'cluster-pool'; operator: { clusterPoolIPv4PodCIDRList: string[]; clusterPoolIPv4MaskSize: number } };
  /** AKS runs kube-proxy; replacing it needs the API server address and is a separate decision */
  kubeProxyReplacement: false;
}

/** kube-flannel values. The chart writes net-conf.json from these: Network = podCidr, Backend.Type = backend. */
export interface FlannelValues {
  podCidr: string;
  flannel: { backend: 'vxlan' };
}

export type CniChart =
  | { cni: 'calico'; pin: ChartPin; values: TigeraOperatorValues }
  | { cni: 'cilium'; pin: ChartPin; values: CiliumValues }
  | { cni: 'flannel'; pin: ChartPin; values: FlannelValues };

export type CniChartResult = { ok: true; chart: CniChart } | { ok: false; message: string; path: string };

/**
 * The chart and values for the plan's BYO CNI; undefined when the plan does not bring its own CNI.
 * The pool and block sizes come from the plan's pod range (the planner's resolved pool and
 * per-node block), never from raw config.
 */
export function cniChartFor(plan: Plan): CniChartResult | undefined {
  const byo = plan.network.byoCni;
  if (plan.network.plugin !== 'none' || !byo) return undefined;
  const range = plan.podRanges[0];
  if (byo === 'weave') {
    return {
      ok: false,
      path: 'byoCni.type',
      message:
        'Weave Net is unmaintained (Weaveworks closed in 2024; its last release, 2.8.1, dates from 2021): aksnet plans it for comparison, but the program will not install it; choose calico, cilium or flannel',
    };
  }
  if (!range) return { ok: false, path: 'byoCni.poolCidr', message: `the plan has no pod range for ${byo}` };
  switch (byo) {
    case 'calico':
      return {
        ok: true,
        chart: {
          cni: 'calico',
          pin: CNI_CHARTS.calico,
          values: {
            installation: {
              kubernetesProvider: 'AKS',
              cni: { type: 'Calico', ipam: { type: 'Calico' } },
              calicoNetwork: {
                bgp: 'Disabled',
                ipPools: [{ name: 'default-ipv4-ippool', cidr: range.cidr, blockSize: range.blockPrefixLength, encapsulation: 'VXLAN', natOutgoing: 'Enabled', nodeSelector: 'all()' }],
              },
            },
            apiServer: { enabled: false },
            goldmane: { enabled: false },
            whisker: { enabled: false },
          },
        },
      };
    case 'cilium':
      return {
        ok: true,
        chart: {
          cni: 'cilium',
          pin: CNI_CHARTS.cilium,
          values: {
            aksbyocni: { enabled: true },
            ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: [range.cidr], clusterPoolIPv4MaskSize: range.blockPrefixLength } },
            kubeProxyReplacement: false,
          },
        },
      };
    case 'flannel':
      // The chart has no SubnetLen value, and with --kube-subnet-mgr Flannel takes each node's
      // block from node.spec.podCIDR (the controller manager's node CIDR mask, /24), not SubnetLen.
      if (range.blockPrefixLength !== 24) {
        return { ok: false, path: 'byoCni.subnetLen', message: `the flannel chart cannot set SubnetLen: with its kube subnet manager every node gets a /24 from node.spec.podCIDR, not the planned /${range.blockPrefixLength}; remove subnetLen or plan with 24` };
      }
      return { ok: true, chart: { cni: 'flannel', pin: CNI_CHARTS.flannel, values: { podCidr: range.cidr, flannel: { backend: 'vxlan' } } } };
    default:
      return { ok: false, path: 'byoCni.type', message: `no chart for BYO CNI ${String(byo)}` };
  }
}
