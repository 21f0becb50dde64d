// The Kubernetes provider for the cluster this stack builds. Created once per program and passed to
// every component that deploys into the cluster (CNI, policy objects, ingress controller and
// routes), so they all talk to the same API server.
//
// It signs in with Entra ID through kubelogin (the kubeconfig's exec user, design/clusterAccess.ts):
// no token or certificate is stored. `kubelogin` must be on the PATH of whoever runs `pulumi`
// (laptop: `az login` first; GitHub Actions: azure/use-kubelogin and AAD_LOGIN_METHOD=workloadidentity,
// see docs/ci.md).
//
// A private cluster's API server answers only inside its VNet (or through a private DNS link):
// `pulumi up` must then run from there, e.g. a self-hosted runner in a peered network.
import * as pulumi from '@pulumi/pulumi';
import { Provider } from '@pulumi/kubernetes/provider';

export function clusterKubernetesProvider(clusterName: string, kubeconfig: pulumi.Input<string>, clusterIdentifier: string, opts?: pulumi.CustomResourceOptions): Provider {
  return new Provider(
    `${clusterName}-k8s`,
    {
      kubeconfig,
      // Without it, a kubeconfig that is unknown during a preview (the cluster is being updated)
      // plans a replacement of the provider and of every object in the cluster; with it, only a
      // change of this identifier does (pulumi-kubernetes 4.16.0, ProviderArgs.clusterIdentifier).
      clusterIdentifier,
      // server-side apply: objects other controllers also write (the add-ons) merge instead of fighting
      enableServerSideApply: true,
    },
    opts,
  );
}
