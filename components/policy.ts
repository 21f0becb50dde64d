// AksPolicy: the stack's policy objects (netpol/baseline.ts generated and checked them) created in
// the cluster. Namespaces first (a NetworkPolicy cannot exist before its namespace), Calico Tiers
// before the policies placed in them; Kubernetes objects as their typed resources, Calico objects
// as CustomResources of the crd.projectcalico.org/v1 CRDs (no Calico API server runs on AKS).
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import type * as k8sInputs from '@pulumi/kubernetes/types/input';
import type { PolicyObject } from '../netpol/baseline';

export interface AksPolicyArgs {
  objects: readonly PolicyObject[];
  /** namespaces the objects live in; created when missing, never deleted with the stack */
  namespaces: readonly string[];
  provider: k8s.Provider;
}

export class AksPolicy extends pulumi.ComponentResource {
  constructor(name: string, args: AksPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aks-networking:policy:AksPolicy', name, {}, opts);
    const childOpts = { parent: this, provider: args.provider };

    // Workloads live in these namespaces: the stack creates a missing one but never deletes it
    // (retainOnDelete), so removing a baseline never takes the applications with it.
    const namespaces = new Map(
      args.namespaces.map((ns) => [ns, new k8s.core.v1.Namespace(`${name}-ns-${ns}`, { metadata: { name: ns } }, { ...childOpts, retainOnDelete: true })]),
    );
    const tiers = new Map<string, pulumi.Resource>();
    for (const object of args.objects) {
      const id = object.metadata.namespace ? `${object.metadata.namespace}-${object.metadata.name}` : object.metadata.name;
      const resourceName = `${name}-${object.kind.toLowerCase()}-${id}`;
      const namespace = object.metadata.namespace ? namespaces.get(object.metadata.namespace) : undefined;
      const tier = typeof object.spec.tier === 'string' ? tiers.get(object.spec.tier) : undefined;
      const dependsOn = [namespace, tier].filter((r): r is pulumi.Resource => r !== undefined);
      const options = { ...childOpts, ...(dependsOn.length > 0 ? { dependsOn } : {}) };
      if (object.apiVersion === 'networking.k8s.io/v1' && object.kind === 'NetworkPolicy') {
        // the spec passed the Kubernetes schema check (validateObjects) before the program got here
        new k8s.networking.v1.NetworkPolicy(resourceName, { metadata: object.metadata, spec: object.spec as unknown as k8sInputs.networking.v1.NetworkPolicySpec }, options);
      } else {
        const created = new k8s.apiextensions.CustomResource(resourceName, { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, spec: object.spec }, options);
        if (object.kind === 'Tier') tiers.set(object.metadata.name, created);
      }
    }
    this.registerOutputs({});
  }
}
