// `aksnet synth --previous FILE`: the `deployedSettings` output of the last deployment, as
// `pulumi stack output deployedSettings --json > FILE` writes it. Bad files are input errors (exit 2).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseDeployedSettings, type DeployedSettings } from '../design/deployedSettings';
import { InputError } from './inputError';

export function readPreviousSettings(file: string): DeployedSettings | undefined {
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError([{ code: 'INVALID_ARGUMENT', file: shown, message: '--previous names a directory; give the file `pulumi stack output deployedSettings --json` wrote' }]);
    throw new InputError([{ code: 'FILE_NOT_FOUND', file: shown, message: `cannot read: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError([{ code: 'INVALID_JSON', file: shown, message: (e as Error).message }]);
  }
  const parsed = parseDeployedSettings(raw);
  if (!parsed.ok) throw new InputError([{ code: 'INVALID_ARGUMENT', file: shown, message: `not a deployedSettings output: ${parsed.finding.message}` }]);
  return parsed.settings;
}
