// The Kubernetes provider every in-cluster object of a stack goes through, built from the cluster's
// user kubeconfig (a secret output of AksCluster). For a private cluster (apiServer.private) the
// API server has only a private endpoint: `pulumi up` must then run where it resolves and reaches
// it (a runner inside the VNet or a peered one); see README "Private clusters".
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';

export function kubernetesProviderFor(name: string, kubeconfig: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): k8s.Provider {
  // Server-side apply (the provider's default, stated because the Namespaces rely on it): an
  // object that already exists is adopted (an upsert) instead of failing with "already exists".
  return new k8s.Provider(name, { kubeconfig, enableServerSideApply: true }, opts);
}
