// The policy pack as `pulumi preview --policy-pack policies` runs it: the Pulumi CLI starts
// @pulumi/pulumi's run-policy-pack in policies/ (ts-node, type-checked, with policies/tsconfig.json)
// and talks to it over the analyzer gRPC API. This test does the same without the CLI, so a pack
// that cannot load (an import that does not resolve from policies/, a type error, a bad config
// schema, a missing version) fails here.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'chai';
import { ROOT } from './componentsHelpers';

const grpc = require('@grpc/grpc-js');
const analyzer = require('@pulumi/pulumi/proto/analyzer_grpc_pb.js');
const pb = require('@pulumi/pulumi/proto/analyzer_pb.js');
const { Struct } = require('google-protobuf/google/protobuf/struct_pb.js');
const { Empty } = require('google-protobuf/google/protobuf/empty_pb.js');

const LEVELS = ['advisory', 'mandatory', 'disabled', 'remediate'];
const urn = (type: string, name: string) => `urn:pulumi:prod::aks-networking::${type}::${name}`;

function options() {
  const o = new pb.AnalyzerResourceOptions();
  o.setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts());
  return o;
}

describe('policy pack through the analyzer API (as pulumi preview --policy-pack policies runs it)', function () {
  // the runner type-checks the pack and the planner it imports: tens of seconds on a busy machine
  this.timeout(240_000);
  let child: ChildProcess;
  let client: any;
  const call = (method: string, request: unknown): Promise<any> =>
    new Promise((resolve, reject) => client[method](request, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r))));

  before(async () => {
    const runner = require.resolve('@pulumi/pulumi/cmd/run-policy-pack');
    child = spawn(process.execPath, [runner, '127.0.0.1:1', '.'], { cwd: path.join(ROOT, 'policies'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (d) => resolve(String(d).trim()));
      child.once('exit', (code) => reject(new Error(`the policy pack exited with ${code}: ${stderr}`)));
    });
    client = new analyzer.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    child?.kill();
  });

  it('loads and lists every policy with its enforcement level', async () => {
    const info = await call('getAnalyzerInfo', new Empty());
    expect(info.getName()).to.equal('aks-networking');
    const levels = Object.fromEntries(info.getPoliciesList().map((p: any) => [p.getName(), LEVELS[p.getEnforcementlevel()]]));
    expect(levels).to.include({ 'aks-subnet-capacity': 'mandatory', 'no-ingress-nginx': 'advisory' });
    expect(Object.keys(levels)).to.have.length(9);
  });

  it('AnalyzeStack: a classic-CNI /24 with 8 + 1 nodes x 31 = 279 addresses (251 usable) is refused', async () => {
    const resource = (type: string, name: string, props: object) => {
      const r = new pb.AnalyzerResource();
      r.setType(type);
      r.setName(name);
      r.setUrn(urn(type, name));
      r.setProperties(Struct.fromJavaScript(props));
      r.setOptions(options());
      return r;
    };
    const request = new pb.AnalyzeStackRequest();
    request.setResourcesList([
      resource('azure-native:network:Subnet', 'nodes', { subnetName: 'nodes', virtualNetworkName: 'vnet', addressPrefix: '10.1.0.0/24' }),
      resource('azure-native:containerservice:ManagedCluster', 'aks', {
        resourceName: 'aks',
        networkProfile: { networkPlugin: 'azure', networkPolicy: 'calico', serviceCidr: '10.0.0.0/16' },
        agentPoolProfiles: [{ name: 'system', count: 8, maxPods: 30, vnetSubnetID: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes' }],
      }),
    ]);
    const diagnostics = (await call('analyzeStack', request)).getDiagnosticsList();
    expect(diagnostics.map((d: any) => d.getPolicyname())).to.deep.equal(['aks-subnet-capacity']);
    expect(diagnostics[0].getMessage()).to.contain('need 279');
    expect(diagnostics[0].getUrn()).to.equal(urn('azure-native:network:Subnet', 'nodes'));
  });

  it('Analyze: SSH from the internet and a production cluster with an open API server are refused', async () => {
    const analyze = async (type: string, props: object) => {
      const request = new pb.AnalyzeRequest();
      request.setType(type);
      request.setName('r');
      request.setUrn(urn(type, 'r'));
      request.setProperties(Struct.fromJavaScript(props));
      request.setOptions(options());
      return (await call('analyze', request)).getDiagnosticsList().map((d: any) => d.getPolicyname());
    };
    const ssh = { securityRules: [{ name: 'ssh', access: 'Allow', direction: 'Inbound', protocol: 'Tcp', priority: 100, sourceAddressPrefix: 'Internet', destinationPortRange: '22' }] };
    expect(await analyze('azure-native:network:NetworkSecurityGroup', ssh)).to.deep.equal(['nsg-internet-web-only']);
    // Entra-only sign-in set, so the one violation is the open API server
    const open = { resourceName: 'aks', networkProfile: { networkPlugin: 'azure', networkPolicy: 'calico' }, aadProfile: { managed: true, enableAzureRBAC: true }, disableLocalAccounts: true };
    expect(await analyze('azure-native:containerservice:ManagedCluster', open)).to.deep.equal(['aks-production-api-server-access']);
  });
});
