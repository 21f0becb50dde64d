// Cluster access: Entra ID + Azure RBAC + no local accounts on every stack, no static credential in
// the program's kubeconfig, the deploy identity's data-plane role, and the provider's sign-in.
// Facts: https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad (local accounts
// are on by default; `--admin` is a static certificate), https://learn.microsoft.com/azure/aks/manage-azure-rbac
// (aadProfile.enableAzureRBAC; built-in role "Azure Kubernetes Service RBAC Cluster Admin"
// b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b; assignments take up to 5 minutes),
// https://azure.github.io/kubelogin/ (exec plugin, AKS server app 6dae42f8-4368-4678-94ff-3960e28e3630).
import { expect } from 'chai';
import { load } from 'js-yaml';
import { validateClusterConfig } from '../design/clusterConfig';
import { deployerPrincipalType, kubeloginKubeconfig, staticCredentialsIn } from '../design/clusterAccess';
import { fakeGuid } from '../components/mocks';
import { bundledStacks, loadStack, ofType, one, runStack, T, valueOf } from './componentsHelpers';

const ENTRA_GROUP = '7c3d5a2e-9f4b-4e1a-8c6d-2b1a0f9e8d7c';

describe('cluster access (Entra ID, Azure RBAC, kubelogin)', function () {
  this.timeout(60_000);
  for (const stack of bundledStacks()) {
    it(`${stack}: the cluster has managed Entra ID, Azure RBAC and local accounts disabled`, async () => {
      const { network, cluster, ingress, policy } = loadStack(stack);
      const { resources } = await runStack(network, cluster, { stack, ingress, policy });
      const mc = one(resources, T.cluster).inputs as Record<string, any>;
      expect(mc.aadProfile).to.deep.include({ managed: true, enableAzureRBAC: true });
      expect(mc.disableLocalAccounts).to.equal(true);
      // the deprecated legacy app fields are never sent
      expect(mc.aadProfile).to.not.have.any.keys('clientAppID', 'serverAppID', 'serverAppSecret');
    });
  }

  it('admin groups and tenant come from aks-networking:cluster.access', async () => {
    const { network, cluster } = loadStack('dev');
    const { resources } = await runStack(network, { ...cluster, access: { adminGroupObjectIds: [ENTRA_GROUP], tenantId: '11111111-1111-1111-1111-111111111111' } }, { stack: 'dev' });
    const mc = one(resources, T.cluster).inputs as Record<string, any>;
    expect(mc.aadProfile.adminGroupObjectIDs).to.deep.equal([ENTRA_GROUP]);
    expect(mc.aadProfile.tenantID).to.equal('11111111-1111-1111-1111-111111111111');
  });

  it('localAccounts: true keeps local accounts (an explicit choice, with a warning); a misspelled access key or a non-GUID group is refused', async () => {
    const on = validateClusterConfig({ access: { localAccounts: true } }, 'dev');
    expect(on.ok && on.settings.access.localAccounts).to.equal(true);
    const { network, cluster } = loadStack('dev');
    const run = await runStack(network, { ...cluster, access: { localAccounts: true } }, { stack: 'dev' });
    expect(one(run.resources, T.cluster).inputs.disableLocalAccounts).to.equal(false);
    expect(run.findings.map((f) => [f.severity, f.code])).to.deep.include(['warning', 'LOCAL_ACCOUNTS_ENABLED']);
    const bad = validateClusterConfig({ access: { adminGroupObjectIDs: [ENTRA_GROUP] } }, 'dev');
    expect(bad.ok).to.equal(false);
    const notGuid = validateClusterConfig({ access: { adminGroupObjectIds: ['platform-admins'] } }, 'dev');
    expect(notGuid.ok ? [] : notGuid.issues.map((i) => [i.code, i.path])).to.deep.equal([['INVALID_CONFIG', 'access.adminGroupObjectIds[0]']]);
    const interactive = validateClusterConfig({ access: { kubelogin: 'devicecode' } }, 'dev');
    expect(interactive.ok).to.equal(false);
  });

  it('the provider signs in with kubelogin (azurecli by default), non-interactively; no token or certificate key in its kubeconfig or the outputs', async () => {
    const { network, cluster, ingress, policy } = loadStack('prod');
    const { resources, outputs } = await runStack(network, cluster, { stack: 'prod', ingress, policy });
    const provider = one(resources, 'pulumi:providers:kubernetes').inputs as Record<string, any>;
    const kubeconfig = load(provider.kubeconfig) as any;
    const exec = kubeconfig.users[0].user.exec;
    expect(Object.keys(kubeconfig.users[0].user)).to.deep.equal(['exec']);
    expect(exec.command).to.equal('kubelogin');
    expect(exec.args).to.deep.equal(['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630']);
    expect(exec.interactiveMode).to.equal('Never');
    // the server and CA AKS returned are kept
    expect(kubeconfig.clusters[0].cluster).to.have.keys('server', 'certificate-authority-data');
    expect(staticCredentialsIn(provider.kubeconfig)).to.deep.equal([]);
    expect(staticCredentialsIn(await valueOf(outputs.kubeconfig))).to.deep.equal([]);
    // the provider is replaced only when the cluster's identity changes
    expect(provider.clusterIdentifier).to.equal('rg-aks-prod/aks-prod');
  });

  it('access.kubelogin picks another non-interactive mode', async () => {
    const { network, cluster } = loadStack('dev');
    const { outputs } = await runStack(network, { ...cluster, access: { kubelogin: 'workloadidentity' } }, { stack: 'dev', ingress: loadStack('dev').ingress });
    expect((load(await valueOf(outputs.kubeconfig)) as any).users[0].user.exec.args).to.include('workloadidentity');
  });

  it('whatever credential AKS returns (a local-accounts cluster returns a token) is dropped from the kubeconfig', () => {
    const withToken = 'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://c:443", certificate-authority-data: Q0E=}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\nusers: [{name: u, user: {token: abc, client-key-data: a2V5}}]\n';
    expect(staticCredentialsIn(withToken)).to.have.members(['token', 'client-key-data']);
    const rebuilt = kubeloginKubeconfig(withToken, 'azurecli');
    expect(staticCredentialsIn(rebuilt)).to.deep.equal([]);
    expect(rebuilt).to.not.contain('abc').and.not.contain('a2V5');
  });

  it('the deploy identity gets RBAC Cluster Admin on this cluster only, and every Kubernetes object waits 5 minutes after the grant', async () => {
    const { network, cluster, ingress, policy } = loadStack('prod');
    const { resources } = await runStack(network, cluster, { stack: 'prod', ingress, policy });
    const grant = ofType(resources, T.roleAssignment).find((r) => r.name.endsWith('-deployer-rbac-cluster-admin'))!;
    expect(String(grant.inputs.roleDefinitionId)).to.match(/\/roleDefinitions\/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b$/);
    expect(String(grant.inputs.scope)).to.match(/\/managedClusters\/aks-prod$/);
    // whoever runs pulumi up: the mock client's objectId; principalType from ARM_CLIENT_ID (unset here: a person)
    expect(grant.inputs.principalId).to.equal(fakeGuid('object'));
    expect(deployerPrincipalType({})).to.equal('User');
    expect(deployerPrincipalType({ ARM_CLIENT_ID: 'x' })).to.equal('ServicePrincipal');
    const wait = resources.find((r) => r.name === 'aks-prod-data-plane-role-propagation')!;
    expect(wait.inputs.createDuration).to.equal('5m');
    expect(wait.options.dependsOn).to.include(grant.name);
    // every Kubernetes object waits for it: through its own dependsOn, what feeds its inputs, or its parent's
    const byName = new Map(resources.map((r) => [r.name, r]));
    const waitsFor = (name: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(name)) return seen;
      seen.add(name);
      const r = byName.get(name);
      for (const d of [...(r?.options.dependsOn ?? []), ...(r?.options.inputsFrom ?? []), ...(r?.parent ? [r.parent] : [])]) waitsFor(d, seen);
      return seen;
    };
    const objects = resources.filter((r) => r.type.startsWith('kubernetes:'));
    expect(objects.length).to.be.greaterThan(5);
    for (const r of objects) expect([...waitsFor(r.name)], r.name).to.include(wait.name);
  });

  it('access.grantDeployer: false creates no data-plane grant (the role is assigned outside the stack)', async () => {
    const { network, cluster } = loadStack('dev');
    const { resources } = await runStack(network, { ...cluster, access: { grantDeployer: false } }, { stack: 'dev' });
    expect(ofType(resources, T.roleAssignment).map((r) => r.name)).to.not.include('aks-dev-deployer-rbac-cluster-admin');
  });
});
