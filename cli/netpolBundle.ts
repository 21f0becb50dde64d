// The netpol commands (validate, reach) and the plan's connectivity live in their own bundle
// (dist/netpol.js, scripts/build.js), required only when one of them runs: `aksnet plan` of stacks
// without policy does not load ajv, kubernetes-models or the schemas.
import { requireBundle } from './commandBundle';

export type NetpolCli = typeof import('./netpolCli');

export function netpolCli(): NetpolCli {
  return requireBundle('netpol.js', 'netpolCli');
}
