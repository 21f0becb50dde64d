// `aksnet synth [FILE] [--stack NAME] [--format text|json]`: FILE Pulumi.<stack>.yaml names its stack
// as `plan` infers it; without FILE, --stack or the only Pulumi.<stack>.yaml here. the real Pulumi program under mocks. Pulumi is
// loaded only here, from its own bundle (dist/synth.js), so `plan` and `size` never pay for it.
import type { StackFinding } from '../design/stackFindings';
import { InputError } from './inputError';
import { joinPath } from './loadStacks';
import { readPreviousSettings } from './previousSettings';
import { requireBundle } from './commandBundle';
import { resolveIngressNeeds, resolveStackInputs } from './planCommand';
import { explainLine } from '../planner/explainHint';

type SynthModule = typeof import('./synth');

export interface SynthOptions {
  stack?: string;
  format: 'text' | 'json';
  /** the last deployment's deployedSettings (`pulumi stack output deployedSettings --json`) */
  previous?: string;
}

const INPUT_CODES = new Set(['INVALID_CONFIG', 'INVALID_CIDR']);

export async function runSynth(file: string | undefined, options: SynthOptions): Promise<number> {
  const inputs = resolveStackInputs(file ? [file] : [], options.stack);
  if (inputs.length > 1) {
    throw new InputError([{ code: 'INVALID_ARGUMENT', path: '--stack', message: `synth runs one stack and ${inputs.length} are here (${inputs.map((i) => i.stack).join(', ')}): name one with --stack or give its FILE` }]);
  }
  const [input] = inputs;
  // an unusable network or ingress stops here with exit 2, before Pulumi loads
  resolveIngressNeeds([input]);
  const deployedSettings = options.previous ? readPreviousSettings(options.previous) : undefined;
  // the program, the Pulumi SDK and the providers in one bundle (scripts/build.js), with its code cache
  const synth = requireBundle<SynthModule>('synth.js', 'synth');
  const result = await synth.synthStack({
    networkRaw: input.networkRaw,
    clusterRaw: input.clusterRaw,
    ingressRaw: input.ingressRaw,
    ...(input.ingressRetiringRaw !== undefined ? { ingressRetiringRaw: input.ingressRetiringRaw } : {}),
    policyRaw: input.policyRaw,
    stack: input.stack,
    deployedSettings,
    ...(input.providerLocation ? { providerLocation: input.providerLocation } : {}),
    ...(input.windowsAdminPasswordSet ? { windowsAdminPasswordSet: true } : {}),
  });
  const configPath = (f: StackFinding) => (input.pathPrefix ? joinPath(`config.${f.config}`, f.path) : f.path);
  if (!result.ok) {
    const unusable = result.findings.filter((f) => INPUT_CODES.has(f.code));
    if (unusable.length) {
      throw new InputError(unusable.map((f) => ({ code: f.code as 'INVALID_CONFIG' | 'INVALID_CIDR', file: input.file, path: configPath(f), message: f.message })));
    }
    process.stderr.write(`aksnet: stack ${input.stack} (${input.file}): the program refuses this config\n${result.message}\n`);
    return 1;
  }
  for (const f of result.findings) process.stderr.write(`aksnet: ${f.severity} ${f.code} ${configPath(f)}: ${f.message}\n`);
  const explain = explainLine(result.findings.map((f) => f.code));
  if (explain) process.stderr.write(`aksnet: ${explain}\n`);
  process.stdout.write(options.format === 'json' ? synth.renderSynthJson(result.resources) : synth.renderSynthText(result.resources));
  return 0;
}
