// The Pulumi program: `pulumi up --stack <env>` builds the network and the cluster the planner
// planned for that stack. Everything happens in components/program.ts, which the tests and
// `aksnet synth` run too; this file only reads the stack config.
import * as pulumi from '@pulumi/pulumi';
import { buildStack } from './components/program';

const config = new pulumi.Config('aks-networking');

// Pulumi awaits an exported promise and publishes what it resolves to as the stack outputs.
export = buildStack(config.requireObject('network'), config.getObject('cluster') ?? {});
