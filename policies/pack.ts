// The policies of the pack: names, enforcement levels and config schemas, each calling a pure rule
// in rules/. index.ts only hands this list to PolicyPack, so tests can call every validation directly.
import type { Policies, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { apiServerAccessViolation, DEFAULT_PRODUCTION, isProduction, type ProductionConfig } from './rules/apiServerAccess';
import { cidrOverlapViolations } from './rules/cidrOverlap';
import { clusterAccessViolation } from './rules/clusterAccess';
import { HELM_TYPES, ingressNginxViolation } from './rules/ingressNginx';
import { kubenetRouteTableViolations } from './rules/kubenetRouteTable';
import { networkPolicyEngineViolation } from './rules/networkPolicyEngine';
import { nodePublicIpViolations } from './rules/nodePublicIp';
import { nsgInternetViolations, securityRulesOf } from './rules/nsgInternet';
import { subnetCapacityViolations } from './rules/subnetCapacity';
import type { Violation } from './rules/violation';
import { stackModel, stackOfUrn, TYPES, type StackModel } from './resources';

export const POLICY_PACK_NAME = 'aks-networking';

/** A stack policy whose rule reads the stack model (subnets, clusters, pools). */
function stackPolicy(
  policy: Omit<StackValidationPolicy, 'validateStack'>,
  rule: (model: StackModel) => Violation[],
): StackValidationPolicy {
  return {
    ...policy,
    validateStack: (args, reportViolation) => {
      for (const v of rule(stackModel(args.resources))) reportViolation(v.message, v.urn);
    },
  };
}

/** A resource policy for the given resource types. */
function resourcePolicy(
  policy: Omit<ResourceValidationPolicy, 'validateResource'>,
  types: readonly string[],
  rule: (args: ResourceValidationArgs) => string[],
): ResourceValidationPolicy {
  return {
    ...policy,
    validateResource: (args, reportViolation) => {
      if (!types.includes(args.type)) return;
      for (const message of rule(args)) reportViolation(message);
    },
  };
}

const some = (message: string | undefined) => (message ? [message] : []);

export const policies: Policies = [
  stackPolicy(
    {
      name: 'aks-subnet-capacity',
      description:
        'Node and pod subnets hold every node pool placed in them at maxCount plus upgrade surge; overlay/kubenet pod CIDRs hold a /24 per node. Priced with the aksnet planner.',
      enforcementLevel: 'mandatory',
    },
    subnetCapacityViolations,
  ),
  stackPolicy(
    {
      name: 'aks-no-overlapping-cidrs',
      description: "Subnets of a VNet do not overlap; a cluster's service and pod ranges overlap neither each other nor any subnet.",
      enforcementLevel: 'mandatory',
    },
    cidrOverlapViolations,
  ),
  resourcePolicy(
    {
      name: 'aks-network-policy-engine',
      description: 'AKS clusters run a network policy engine (Cilium, Calico or Azure NPM), so NetworkPolicy objects are enforced.',
      enforcementLevel: 'mandatory',
    },
    [TYPES.cluster],
    (args) => some(networkPolicyEngineViolation(args.props)),
  ),
  resourcePolicy(
    {
      name: 'aks-no-node-public-ip',
      description: 'AKS node pools do not give nodes public IPs (enableNodePublicIP).',
      enforcementLevel: 'mandatory',
    },
    [TYPES.cluster, TYPES.agentPool],
    (args) => nodePublicIpViolations(args.type === TYPES.cluster ? 'cluster' : 'agentPool', args.props),
  ),
  resourcePolicy(
    {
      name: 'aks-entra-id-only',
      description: 'AKS clusters sign users in with Entra ID only: managed Entra integration, Azure RBAC for Kubernetes, local accounts disabled.',
      enforcementLevel: 'mandatory',
    },
    [TYPES.cluster],
    (args) => some(clusterAccessViolation(args.props)),
  ),
  resourcePolicy(
    {
      name: 'aks-production-api-server-access',
      description: 'In production stacks the AKS API server is private or limited to authorized IP ranges.',
      enforcementLevel: 'mandatory',
      configSchema: {
        properties: {
          productionStacks: { type: 'array', items: { type: 'string' }, default: DEFAULT_PRODUCTION.productionStacks },
          productionTag: {
            type: 'object',
            properties: { name: { type: 'string' }, value: { type: 'string' } },
            required: ['name', 'value'],
            default: DEFAULT_PRODUCTION.productionTag,
          },
        },
      },
    },
    [TYPES.cluster],
    (args) =>
      isProduction(stackOfUrn(args.urn), args.stackTags, args.getConfig<ProductionConfig>()) ? some(apiServerAccessViolation(args.props)) : [],
  ),
  stackPolicy(
    {
      name: 'aks-kubenet-route-table',
      description: 'Subnets holding kubenet nodes have a route table attached; kubenet clusters share neither subnets nor route tables.',
      enforcementLevel: 'mandatory',
    },
    kubenetRouteTableViolations,
  ),
  resourcePolicy(
    {
      name: 'nsg-internet-web-only',
      description: 'NSG rules allow nothing but web ports (80, 443 unless configured) inbound from the internet.',
      enforcementLevel: 'mandatory',
      configSchema: {
        properties: { allowedPorts: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65535 }, default: [80, 443] } },
      },
    },
    [TYPES.nsg, TYPES.securityRule],
    (args) =>
      nsgInternetViolations(
        securityRulesOf(args.type === TYPES.nsg ? 'nsg' : 'securityRule', args.props),
        args.getConfig<{ allowedPorts?: number[] }>().allowedPorts ?? [80, 443],
      ),
  ),
  resourcePolicy(
    {
      name: 'no-ingress-nginx',
      description: 'Flags Helm releases of ingress-nginx, retired upstream in March 2026.',
      enforcementLevel: 'advisory',
    },
    HELM_TYPES,
    (args) => some(ingressNginxViolation(args.props)),
  ),
];
