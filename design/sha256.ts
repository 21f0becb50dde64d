// SHA-256 of a name's inputs, hex: the hash part of Azure and Kubernetes names the program derives
// (node pools, Azure resources, routes, Gateway listeners). node:crypto is loaded on the first hash,
// not when the module is: loading it cost every `aksnet` command about 2 ms of CPU at start-up,
// and most reports hash nothing.
import type * as NodeCrypto from 'node:crypto';

let crypto: typeof NodeCrypto | undefined;

/** Hex SHA-256 of the UTF-8 text, e.g. sha256Hex('abc') starts 'ba7816bf'. */
export function sha256Hex(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crypto ??= require('node:crypto') as typeof NodeCrypto;
  return crypto.createHash('sha256').update(text).digest('hex');
}
