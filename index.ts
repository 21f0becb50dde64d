// The Pulumi program: `pulumi up --stack <env>` builds the network and the cluster the planner
// planned for that stack. Everything happens in components/program.ts, which the tests and
// `aksnet synth` run too; this file only reads the stack config.
import * as pulumi from '@pulumi/pulumi';
import { buildStack } from './components/program';

// Pulumi calls an exported function inside the stack and publishes what it resolves to as the
// stack outputs; a config it refuses fails the preview with the findings and no stack trace.
export = async () => {
  const config = new pulumi.Config('aks-networking');
  return buildStack(config.requireObject('network'), config.getObject('cluster') ?? {}, { ingressRaw: config.getObject('ingress'), ingressRetiringRaw: config.getObject('ingressRetiring'), policyRaw: config.getObject('policy'), windowsAdminPassword: config.getSecret('windowsAdminPassword') });
};
