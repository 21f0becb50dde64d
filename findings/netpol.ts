// Codes of the policy layer: `aksnet validate` (netpol/validate.ts, Kubernetes and Calico objects)
// and the policy baseline of a stack (netpol/baseline.ts POLICY_FINDING_CODES), which `aksnet plan`,
// `aksnet reach --stack` and the Pulumi program report.
import type { AreaEntries } from './entry';
import * as src from './sources';

export const OBJECT_CHECK_ENTRIES = {
  OBJECT_INVALID: {
    severity: 'error',
    title: 'A document is not a Kubernetes object',
    meaning: 'Every Kubernetes object is a map with apiVersion and kind strings; the API server refuses anything else.',
    fix: 'Give the document apiVersion and kind, or remove it from the file.',
    sources: [src.K8S_API_CONVENTIONS],
  },
  UNKNOWN_KIND: {
    severity: 'warning',
    title: 'An object of a kind this tool does not check',
    meaning: 'validate checks the Kubernetes kinds of kubernetes-models and the Calico policy kinds (GlobalNetworkPolicy, NetworkPolicy, GlobalNetworkSet, NetworkSet, Tier); other kinds are passed through unchecked.',
    fix: 'Nothing to fix if the kind is right; check the apiVersion and kind spelling otherwise.',
    sources: [src.K8S_API_CONVENTIONS, src.CALICO_RESOURCES],
  },
  K8S_SCHEMA: {
    severity: 'error',
    title: 'A Kubernetes object fails its OpenAPI schema',
    meaning: 'The API server validates every object against the schema of its kind (types, required fields); a NetworkPolicy needs spec.podSelector ({} selects every pod of the namespace).',
    fix: 'Fix the field the message names.',
    sources: [src.K8S_API_CONVENTIONS, src.K8S_NETWORK_POLICIES],
  },
  K8S_NAME_INVALID: {
    severity: 'error',
    title: 'A Kubernetes object name the API server refuses',
    meaning: 'Most object names are RFC 1123 subdomains: lower-case letters, digits, "-" and ".", at most 253 characters; Service names are DNS labels (at most 63, starting with a letter).',
    fix: 'Rename the object as the message says.',
    sources: [src.K8S_NAMES],
  },
  K8S_VALUE_INVALID: {
    severity: 'error',
    title: 'A NetworkPolicy value the API server refuses',
    meaning: 'The API server checks NetworkPolicy values the schema cannot: label selector operators and their values, ports (1-65535 or an IANA port name), endPort (numeric port, not below port), peers (podSelector, namespaceSelector or ipBlock, and ipBlock alone), ipBlock CIDRs and their except ranges (strict subsets).',
    fix: 'Fix the value the message names.',
    sources: [src.K8S_NETWORK_POLICIES],
  },
  K8S_UNKNOWN_FIELD: {
    severity: 'error',
    title: 'A field the Kubernetes schema does not have',
    meaning: 'With strict field validation the API server refuses unknown fields; with the default it drops them with a warning, so a misspelt field silently does nothing.',
    fix: 'Correct the field name (the message lists the known ones).',
    sources: [src.K8S_FIELD_VALIDATION],
  },
  CALICO_V3_API: {
    severity: 'error',
    title: 'projectcalico.org/v3 objects need the Calico API server, which AKS does not run',
    meaning: 'projectcalico.org/v3 is served by the Calico API server; AKS\'s Calico has only the crd.projectcalico.org/v1 CRDs, so kubectl refuses v3 objects there.',
    fix: 'Write apiVersion: crd.projectcalico.org/v1 with the same kind and spec.',
    sources: [src.CALICO_RESOURCES, src.NETWORK_POLICIES],
  },
  CALICO_SCHEMA: {
    severity: 'error',
    title: 'A Calico object fails its CRD schema',
    meaning: 'Objects written straight to the Calico CRDs are checked only against the CRD schema by the API server, then reach Felix; the checker also closes the schema against unknown fields, which Felix would ignore.',
    fix: 'Fix the field the message names.',
    sources: [src.CALICO_RESOURCES, src.CALICO_GLOBAL_POLICY],
  },
  CALICO_SELECTOR_INVALID: {
    severity: 'error',
    title: 'A Calico selector that does not parse',
    meaning: 'Calico selectors have their own expression language (==, !=, in, has(), all(), global()); on AKS no Calico API server or calicoctl checks them before Felix reads them.',
    fix: 'Correct the selector as the message says.',
    sources: [src.CALICO_SELECTORS],
  },
  CALICO_TYPES_MISSING: {
    severity: 'warning',
    title: 'A Calico policy without types',
    meaning: 'The documented default for types is filled in by the Calico API server or calicoctl; on AKS nothing fills it in, and Felix then applies the policy to ingress and egress.',
    fix: 'Set spec.types explicitly (Ingress, Egress or both).',
    sources: [src.CALICO_POLICY, src.CALICO_GLOBAL_POLICY],
  },
  CALICO_VALUE_INVALID: {
    severity: 'error',
    title: 'A Calico value that its validator refuses',
    meaning: 'Calico\'s validator checks actions, protocols, ports, nets and orders; on AKS it does not run, so a bad value reaches Felix unchecked.',
    fix: 'Fix the value the message names.',
    sources: [src.CALICO_VALIDATOR, src.CALICO_GLOBAL_POLICY],
  },
  CALICO_NAME_INVALID: {
    severity: 'error',
    title: 'A Calico object name Calico refuses',
    meaning: 'Calico names are lower-case DNS names; a GlobalNetworkPolicy in a tier other than default must be named "<tier>.<name>".',
    fix: 'Rename the object as the message says.',
    sources: [src.CALICO_GLOBAL_POLICY, src.CALICO_TIERS],
  },
  CALICO_SCOPE: {
    severity: 'warning',
    title: 'A namespace on a cluster-scoped Calico object',
    meaning: 'GlobalNetworkPolicy and GlobalNetworkSet are cluster-scoped, so metadata.namespace is ignored.',
    fix: 'Remove metadata.namespace, or use the namespaced kind (NetworkPolicy, NetworkSet).',
    sources: [src.CALICO_GLOBAL_POLICY],
  },
  CALICO_GLOBAL_SELECTOR: {
    severity: 'warning',
    title: 'global() in a GlobalNetworkPolicy rule',
    meaning: 'global() is documented for NetworkPolicy rules; in a GlobalNetworkPolicy it limits the rule to non-namespaced network sets and host endpoints, so pods no longer match.',
    fix: 'Leave namespaceSelector out to match pods and sets alike.',
    sources: [src.CALICO_SELECTORS, src.CALICO_GLOBAL_POLICY],
  },
} as const satisfies AreaEntries;

export const POLICY_BASELINE_ENTRIES = {
  POLICY_ENGINE_MISMATCH: {
    severity: 'error',
    title: 'Calico objects on a stack whose policy engine is not Calico',
    meaning: 'Calico GlobalNetworkPolicy objects are enforced only by Calico; with Cilium, Azure NPM or no engine the API server would store them and nothing would enforce them.',
    fix: 'Use networkPolicy: calico (or byoCni: calico), or remove global from aks-networking:policy.',
    sources: [src.NETWORK_POLICIES, src.CALICO_GLOBAL_POLICY],
  },
  POLICY_NOT_ENFORCED: {
    severity: 'error',
    title: 'NetworkPolicy objects on a stack where nothing enforces them',
    meaning: 'Kubernetes stores NetworkPolicy objects, but only the network plugin or policy engine enforces them; with networkPolicy none (and no BYO CNI that enforces policy) the baseline would do nothing.',
    fix: 'Set networkPolicy (cilium, calico or azure), or use a BYO CNI that enforces policy (Calico, Cilium).',
    sources: [src.K8S_NETWORK_POLICIES, src.NETWORK_POLICIES],
  },
  POLICY_SYSTEM_NAMESPACE: {
    severity: 'error',
    title: 'A default-deny baseline on a system namespace',
    meaning: 'kube-system and the other system namespaces run CoreDNS, the CNI and AKS\'s own agents; a default deny there cuts cluster DNS and networking.',
    fix: 'Baseline application namespaces only.',
    sources: [src.NETWORK_POLICIES, src.K8S_NETWORK_POLICIES],
  },
  CALICO_TIER_UNSUPPORTED: {
    severity: 'error',
    title: 'A Calico tier where the cluster\'s Calico has none',
    meaning: 'Policy tiers are available in open-source Calico from 3.29; older versions, or a version the stack does not know, cannot be trusted with a Tier object.',
    fix: 'Set global.calicoVersion to the cluster\'s Calico version (kubectl get installation default -o jsonpath={.status.calicoVersion}), or remove global.tier.',
    sources: [src.CALICO_TIERS],
  },
  POLICY_IMDS_PARTIAL: {
    severity: 'warning',
    title: 'The IMDS deny covers only the baselined namespaces',
    meaning: 'Pods can reach the Azure Instance Metadata Service (169.254.169.254) and the node\'s identity tokens. Without a tier, a deny of IMDS can select only pods that already have a default deny, or it would cut all their other egress; pods elsewhere still reach IMDS.',
    fix: 'Set global.tier (Calico 3.29 or later) to cover every pod, or baseline more namespaces.',
    sources: [src.AZURE_IMDS, src.CALICO_TIERS],
  },
  POLICY_IPBLOCK_CLUSTER_RANGE: {
    severity: 'warning',
    title: 'An ipBlock over node or pod addresses on Cilium',
    meaning: 'Cilium matches pods and nodes by identity, not by address: on AKS an ipBlock cannot select node or pod IPs, so the rule silently misses those peers.',
    fix: 'Select peers inside the cluster with podLabels and namespace instead of cidr.',
    sources: [src.NETWORK_POLICIES, src.CILIUM_POLICY_LIMITS],
  },
} as const satisfies AreaEntries;
