// AksCni: the CNI a `plugin: none` cluster runs, installed from its pinned upstream chart with the
// values design/cniCharts.ts derives from the plan. Until it runs, AKS's nodes stay NotReady
// ("cni plugin not initialized"), so it comes right after the cluster and before anything that
// needs pods or policy CRDs.
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { FLANNEL_NAMESPACE_LABELS, type CniChart } from '../design/cniCharts';

export interface AksCniArgs {
  chart: CniChart;
  provider: k8s.Provider;
}

export class AksCni extends pulumi.ComponentResource {
  /** what later Kubernetes objects wait for */
  readonly ready: pulumi.Resource;

  constructor(name: string, args: AksCniArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aks-networking:cni:AksCni', name, {}, opts);
    const { chart, provider } = args;
    const { pin } = chart;
    const common = { chart: pin.chart, version: pin.version, repositoryOpts: { repo: pin.repo }, namespace: pin.namespace };
    const childOpts = { parent: this, provider };

    switch (chart.cni) {
      case 'calico':
        // helm.v3.Release: tigera-operator ships the operator and Calico CRDs in crds/ (Helm installs
        // them before the templates, so the chart's Installation CR finds its type) and a pre-delete
        // hook that removes what the operator created; helm.v4.Chart drops hooks.
        this.ready = new k8s.helm.v3.Release(`${name}-${pin.release}`, { ...common, name: pin.release, createNamespace: true, values: chart.values, atomic: true, timeout: 900 }, childOpts);
        break;
      case 'cilium':
        // helm.v3.Release: one resource whose create ends when Helm has waited for the agent
        // DaemonSet, i.e. when nodes can run pods, so dependents wait on one resource; and with
        // hubble.tls.auto.method=cronJob the chart's certificate Job is a post-install hook, which
        // helm.v4.Chart would drop.
        this.ready = new k8s.helm.v3.Release(`${name}-${pin.release}`, { ...common, name: pin.release, values: chart.values, atomic: true, timeout: 900 }, childOpts);
        break;
      case 'flannel': {
        // The chart renders into {{ .Release.Namespace }} and has no Namespace template, and Chart
        // v4's `namespace` does not create one: the namespace comes first, labelled as flannel's own
        // manifest labels it. Pod Security `privileged`, because flannel's DaemonSet needs
        // NET_ADMIN/NET_RAW, hostNetwork and hostPath, which `baseline` refuses
        // (https://github.com/flannel-io/flannel#deploying-flannel-with-helm).
        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: pin.namespace, labels: FLANNEL_NAMESPACE_LABELS } }, childOpts);
        // helm.v4.Chart: kube-flannel has no hooks and no CRDs (RBAC, a ConfigMap and a DaemonSet),
        // so each object becomes its own Pulumi resource, diffed and awaited one by one.
        this.ready = new k8s.helm.v4.Chart(`${name}-${pin.release}`, { ...common, name: pin.release, values: chart.values }, { ...childOpts, dependsOn: [namespace] });
        break;
      }
    }
    this.registerOutputs({});
  }
}
