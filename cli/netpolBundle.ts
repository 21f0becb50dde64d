// The netpol commands (validate, reach) and the plan's connectivity live in their own bundle
// (dist/netpol.js, scripts/build.js), required only when one of them runs: `aksnet plan` of stacks
// without policy does not load ajv, kubernetes-models or the schemas.
import * as path from 'node:path';

declare const AKSNET_VERSION: string;

export type NetpolCli = typeof import('./netpolCli');

export function netpolCli(): NetpolCli {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, typeof AKSNET_VERSION === 'string' ? 'netpol.js' : 'netpolCli'));
}
