// The Kubernetes provider for the cluster this stack builds, from its user kubeconfig. Created once
// per program and passed to every component that deploys into the cluster (ingress controllers and
// routes, policy objects), so they all talk to the same API server.
//
// A private cluster's API server answers only inside its VNet (or through a private DNS link):
// `pulumi up` must then run from there, e.g. a self-hosted runner in a peered network.
import * as pulumi from '@pulumi/pulumi';
import { Provider } from '@pulumi/kubernetes/provider';

export function clusterKubernetesProvider(clusterName: string, kubeconfig: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Provider {
  return new Provider(
    `${clusterName}-k8s`,
    {
      kubeconfig,
      // server-side apply: objects other controllers also write (the add-ons) merge instead of fighting
      enableServerSideApply: true,
    },
    opts,
  );
}
