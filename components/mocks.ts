// Pulumi mocks for running the real program offline: `aksnet synth` and the tests use this, so what
// the tests check is what synth prints.
//
// setMocks is process-wide, so `installMocks()` installs them once (test/setup.ts does it for the
// suite); `runProgram()` runs a program under them and returns every resource it registered, in
// the order the program created them.
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { installLinearStructs } from './linearStructs';

export const MOCK_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const MOCK_TENANT_ID = '11111111-1111-1111-1111-111111111111';

export interface RecordedResource {
  type: string;
  name: string;
  /** name of the parent resource, when it is not the stack */
  parent?: string;
  /** the inputs as the provider would receive them; secrets replaced by "[secret]" */
  inputs: Record<string, unknown>;
  /** the resource options that change how Pulumi updates it (not part of synth's JSON) */
  options: RecordedOptions;
}

export interface RecordedOptions {
  /** names of the resources it waits for */
  dependsOn?: string[];
  /** names of the resources whose outputs feed its inputs (it waits for them too) */
  inputsFrom?: string[];
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
  deleteBeforeReplace?: boolean;
  /** names of the resources whose replacement replaces it */
  replaceWith?: string[];
  deletedWith?: string;
  /** kept in the cluster when the stack deletes it */
  retainOnDelete?: boolean;
}

interface Run {
  inputs: Map<string, Record<string, unknown>>;
  calls: string[];
}

let installed = false;
let current: Run | undefined;
/** `deployedSettings` (and any other outputs) a StackReference reads, by stack name */
const stackOutputs = new Map<string, Record<string, unknown>>();
/** clusters that exist in the mock Azure (getManagedCluster), by "<resource group>/<name>" */
const liveClusters = new Map<string, Record<string, unknown>>();

export const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    const inputs = args.inputs as Record<string, unknown>;
    if (args.type === 'pulumi:pulumi:StackReference') {
      const stack = String(inputs.name ?? args.name).split('/').pop()!;
      return { id: args.id || args.name, state: { name: inputs.name ?? args.name, outputs: stackOutputs.get(stack) ?? {} } };
    }
    current?.inputs.set(key(args.type, args.name), inputs);
    if (!args.custom) return { id: undefined, state: inputs };
    const id = fakeAzureId(args.type, inputs, args.name) ?? `/mock/${args.type}/${args.name}`;
    return { id, state: { ...inputs, ...fakeOutputs(args.type, args.name, inputs), id } };
  },
  call(args) {
    current?.calls.push(args.token);
    switch (args.token) {
      case 'azure-native:authorization:getClientConfig':
        return { subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID, clientId: fakeGuid('client'), objectId: fakeGuid('object') };
      case 'azure-native:containerservice:getManagedCluster': {
        const live = liveClusters.get(`${args.inputs.resourceGroupName}/${args.inputs.resourceName}`);
        // the SDK reads a failed invoke's text from the gRPC error's `details`, as the engine sends it
        const notFound = `Status=404 Code="ResourceNotFound" Message="managed cluster ${args.inputs.resourceName} was not found"`;
        if (!live) throw Object.assign(new Error(notFound), { details: notFound });
        return live;
      }
      case 'azure-native:containerservice:listManagedClusterUserCredentials':
        return { kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(fakeKubeconfig(String(args.inputs.resourceName))).toString('base64') }] };
      default:
        throw new Error(`no mock for invoke ${args.token}; add one to components/mocks.ts`);
    }
  },
};

/** Install the mocks (once per process; later calls do nothing). */
export function installMocks(project = 'aks-networking'): void {
  if (installed) return;
  // every resource's inputs become protobuf Structs, twice; the CRDs' deep schemas made that quadratic
  installLinearStructs();
  // organization 'organization' is what the DIY backends report
  pulumi.runtime.setMocks(mocks, project, 'mock', false, 'organization');
  installed = true;
}

/** What a StackReference to `stack` reads next (tests simulate an earlier deployment with this). */
export function setStackOutputs(stack: string, outputs: Record<string, unknown> | undefined): void {
  if (outputs) stackOutputs.set(stack, outputs);
  else stackOutputs.delete(stack);
}

/** A cluster getManagedCluster finds from now on (undefined: none), as an earlier failed `pulumi up` leaves it. */
export function setLiveCluster(resourceGroupName: string, name: string, cluster: Record<string, unknown> | undefined): void {
  if (cluster) liveClusters.set(`${resourceGroupName}/${name}`, cluster);
  else liveClusters.delete(`${resourceGroupName}/${name}`);
}

/**
 * Aliases (a resource's former names and types) matter to an engine that has state to match them
 * against. The provider SDKs give every resource its type's older API versions as aliases:
 * azure-native 60 to 113 per resource. The Pulumi SDK turns each into URN outputs as the resource is
 * constructed and sends them with the registration, where the mock monitor ignores them (it never
 * reads a registration's aliases, and the recorder here does not record them): in `aksnet synth`
 * that was a third of the CPU, for nothing it can show. So under the mocks the transformation below
 * takes them off; what the program registers is otherwise the same object, and a deployment (the
 * program without the mocks) keeps them. test/synth.bundle.test.ts runs the program both ways.
 */
let keepAliases = false;

/** Hand resources' aliases to the mock monitor (true) or not (false, the default: see above). */
export function setAliasesKept(keep: boolean): void {
  keepAliases = keep;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `program` as the body of a Pulumi stack under the mocks and wait until every resource it
 * created is registered. Runs one at a time: the recorder is process-wide like the mocks.
 */
export function runProgram<T>(program: () => Promise<T>): Promise<{ outputs: T; resources: RecordedResource[]; calls: string[] }> {
  const run = queue.then(() => runOne(program));
  queue = run.catch(() => undefined);
  return run;
}

async function runOne<T>(program: () => Promise<T>): Promise<{ outputs: T; resources: RecordedResource[]; calls: string[] }> {
  installMocks();
  const run: Run = { inputs: new Map(), calls: [] };
  current = run;
  const created: { resource: pulumi.Resource; type: string; name: string; opts: pulumi.ResourceOptions; props: unknown }[] = [];
  const names = new WeakMap<pulumi.Resource, string>();
  try {
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    await pulumi.runtime.runInPulumiStack(async () => {
      // Legacy stack transformations run in the SDK itself, so they work under mocks (resource
      // transforms need an engine); they see every resource with its parent, in creation order.
      pulumi.runtime.registerStackTransformation((args) => {
        created.push({ resource: args.resource, type: args.type, name: args.name, opts: args.opts, props: args.props });
        names.set(args.resource, args.name);
        if (keepAliases || !args.opts.aliases?.length) return undefined;
        return { props: args.props, opts: { ...args.opts, aliases: undefined } };
      });
      // A program error must not reject the stack's own promises: nothing awaits all of them here
      // (the Pulumi engine would), so they would surface as unhandled rejections.
      try {
        result = await program();
      } catch (error) {
        failure = { error };
      }
      return {};
    });
    if (failure) throw failure.error;
    // every URN resolves once the mock has registered its resource
    await Promise.all(created.map(({ resource }) => new Promise((resolve) => resource.urn.apply(resolve))));

    // parents are named by name alone, so a name may be used once whatever the type
    const seen = new Set<string>();
    const resources: RecordedResource[] = [];
    for (const { type, name, opts, props } of created) {
      if (seen.has(name)) throw new Error(`two resources are named ${name}; the recorder names parents by name alone`);
      seen.add(name);
      const parentName = opts.parent ? names.get(opts.parent) : undefined;
      const options = await recordOptions(opts, props, names);
      resources.push({ type, name, ...(parentName ? { parent: parentName } : {}), inputs: redact(run.inputs.get(key(type, name)) ?? {}) as Record<string, unknown>, options });
    }
    return { outputs: result as T, resources, calls: run.calls };
  } finally {
    current = undefined;
  }
}

async function recordOptions(opts: pulumi.ResourceOptions, props: unknown, names: WeakMap<pulumi.Resource, string>): Promise<RecordedOptions> {
  const nameOf = (r: unknown) => names.get(r as pulumi.Resource) ?? '?';
  // the program passes plain arrays, whose entries may be promises of a resource built later
  const list = async (value: unknown) => (Array.isArray(value) ? (await Promise.all(value)).map(nameOf) : value ? [nameOf(await value)] : []);
  const dependsOn = await list(opts.dependsOn);
  const replaceWith = await list(opts.replaceWith);
  const inputsFrom = [...new Set((await resourcesIn(props)).map(nameOf))].sort();
  const { deleteBeforeReplace } = opts as pulumi.CustomResourceOptions;
  return {
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
    ...(inputsFrom.length > 0 ? { inputsFrom } : {}),
    ...(opts.ignoreChanges?.length ? { ignoreChanges: opts.ignoreChanges } : {}),
    ...(opts.replaceOnChanges?.length ? { replaceOnChanges: opts.replaceOnChanges } : {}),
    ...(deleteBeforeReplace !== undefined ? { deleteBeforeReplace } : {}),
    ...(replaceWith.length > 0 ? { replaceWith } : {}),
    ...(opts.deletedWith ? { deletedWith: nameOf(opts.deletedWith) } : {}),
    ...(opts.retainOnDelete ? { retainOnDelete: true } : {}),
  };
}

/** Every resource whose outputs appear in these inputs (what Pulumi records as property dependencies). */
async function resourcesIn(value: unknown): Promise<pulumi.Resource[]> {
  // the outputs are found in one synchronous walk (a CRD's schema is thousands of plain objects,
  // where a promise per object cost more than the rest of the recording), then awaited together
  const outputs: unknown[] = [];
  collectOutputs(value, outputs);
  return (
    await Promise.all(
      outputs.map((value) => {
        // allResources is the SDK's own list of an output's resources, including those of applied outputs
        const output = value as { allResources?: () => Promise<Set<pulumi.Resource>>; resources: () => Set<pulumi.Resource> };
        return output.allResources ? output.allResources() : Promise.resolve(output.resources());
      }),
    )
  ).flatMap((set) => [...set]);
}

/** The outputs in a value, depth first (not inside promises, whose values the program awaits itself). */
function collectOutputs(value: unknown, into: unknown[]): void {
  if (pulumi.Output.isInstance(value)) into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectOutputs(v, into);
  else if (value && typeof value === 'object' && !(value instanceof Promise)) for (const v of Object.values(value)) collectOutputs(v, into);
}

function key(type: string, name: string): string {
  return `${type}::${name}`;
}

/** Secrets arrive as { [sigKey]: secretSig, value }: show that there is a value, never the value. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return '[secret]';
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

const RG = (inputs: Record<string, unknown>) => `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${inputs.resourceGroupName}`;
const ARM_IDS: Record<string, (inputs: Record<string, unknown>, name: string) => string> = {
  'azure-native:resources:ResourceGroup': (i) => RG(i),
  'azure-native:network:VirtualNetwork': (i) => `${RG(i)}/providers/Microsoft.Network/virtualNetworks/${i.virtualNetworkName}`,
  'azure-native:network:Subnet': (i) => `${RG(i)}/providers/Microsoft.Network/virtualNetworks/${i.virtualNetworkName}/subnets/${i.subnetName}`,
  'azure-native:network:NetworkSecurityGroup': (i) => `${RG(i)}/providers/Microsoft.Network/networkSecurityGroups/${i.networkSecurityGroupName}`,
  'azure-native:network:RouteTable': (i) => `${RG(i)}/providers/Microsoft.Network/routeTables/${i.routeTableName}`,
  'azure-native:network:NatGateway': (i) => `${RG(i)}/providers/Microsoft.Network/natGateways/${i.natGatewayName}`,
  'azure-native:network:PublicIPAddress': (i) => `${RG(i)}/providers/Microsoft.Network/publicIPAddresses/${i.publicIpAddressName}`,
  'azure-native:managedidentity:UserAssignedIdentity': (i) => `${RG(i)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.resourceName}`,
  'azure-native:containerservice:ManagedCluster': (i) => `${RG(i)}/providers/Microsoft.ContainerService/managedClusters/${i.resourceName}`,
  'azure-native:containerservice:AgentPool': (i) => `${RG(i)}/providers/Microsoft.ContainerService/managedClusters/${i.resourceName}/agentPools/${i.agentPoolName}`,
  'azure-native:authorization:RoleAssignment': (i, name) => `${i.scope}/providers/Microsoft.Authorization/roleAssignments/${fakeGuid(name)}`,
};

/** The resource ID Azure would give; undefined for types the table does not know. */
export function fakeAzureId(type: string, inputs: Record<string, unknown>, name = ''): string | undefined {
  return ARM_IDS[type]?.(inputs, name);
}

/** The Azure name the provider would report as `name`, plus identity outputs the program reads. */
function fakeOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const azureName =
    inputs.resourceGroupName && type === 'azure-native:resources:ResourceGroup'
      ? inputs.resourceGroupName
      : (inputs.subnetName ?? inputs.virtualNetworkName ?? inputs.networkSecurityGroupName ?? inputs.routeTableName ?? inputs.natGatewayName ?? inputs.publicIpAddressName ?? inputs.agentPoolName ?? inputs.resourceName ?? name);
  const outputs: Record<string, unknown> = { name: azureName };
  if (type === 'azure-native:managedidentity:UserAssignedIdentity') {
    outputs.principalId = fakeGuid(`${name}/principal`);
    outputs.clientId = fakeGuid(`${name}/client`);
    outputs.tenantId = MOCK_TENANT_ID;
  }
  if (type === 'azure-native:authorization:RoleAssignment') outputs.name = fakeGuid(name);
  if (type === 'azure-native:containerservice:ManagedCluster' && inputs.addonProfiles) {
    // AKS gives every enabled add-on its own user-assigned identity
    const profiles = inputs.addonProfiles as Record<string, Record<string, unknown>>;
    outputs.addonProfiles = Object.fromEntries(
      Object.entries(profiles).map(([addon, p]) => [addon, { ...p, identity: { objectId: fakeGuid(`${name}/${addon}/object`), clientId: fakeGuid(`${name}/${addon}/client`) } }]),
    );
  }
  return outputs;
}

/** A stable GUID-shaped string from a seed. */
export function fakeGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * What listClusterUserCredentials returns for an Entra ID cluster (1.24+): the cluster's server and
 * CA, and an exec user running kubelogin in devicecode mode; no secret in it.
 */
function fakeKubeconfig(cluster: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{ name: ${cluster}, cluster: { server: "https://${cluster}.mock.azmk8s.io:443", certificate-authority-data: bW9jay1jYQ== } }]`,
    `users: [{ name: clusterUser_${cluster}, user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --login, devicecode, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630] } } }]`,
    `contexts: [{ name: ${cluster}, context: { cluster: ${cluster}, user: clusterUser_${cluster} } }]`,
    `current-context: ${cluster}`,
    '',
  ].join('\n');
}
