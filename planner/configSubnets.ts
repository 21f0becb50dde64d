// The subnets of `aks-networking:network` read without zod when every one is a plain, valid subnet
// (as they are in every stack file that plans): a VNet holds up to 3,000 subnets, and zod's object
// parsing, run in V8's interpreter as the CLI runs, cost `aksnet plan` of such a VNet about as much
// CPU as planning it. Anything this reader does not accept as it stands (a missing or unknown key, a
// wrong type, a number out of range) goes to zod, which gives the issues and their paths.
// test/planner.validate.property.test.ts compares both on random input, valid and not.
import { SUBNET_PURPOSES, type SubnetConfig } from './config';

const PURPOSES: readonly unknown[] = SUBNET_PURPOSES;

/**
 * The subnets as zod's schema (planner/config.ts `subnet`) returns them, or undefined when any item
 * is not a valid subnet object. As zod does: a copy of each object with the schema's keys in the
 * schema's order, an optional key given as undefined kept.
 */
export function plainSubnets(items: unknown): SubnetConfig[] | undefined {
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const out: SubnetConfig[] = [];
  for (const item of items) {
    const subnet = plainSubnet(item);
    if (!subnet) return undefined;
    out.push(subnet);
  }
  return out;
}

function plainSubnet(item: unknown): SubnetConfig | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const proto: unknown = Object.getPrototypeOf(item);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const s = item as Record<string, unknown>;
  let keys = 0;
  for (const key in s) {
    if (!Object.prototype.hasOwnProperty.call(s, key)) return undefined;
    if (key !== 'name' && key !== 'cidr' && key !== 'prefixLength' && key !== 'purpose' && key !== 'reservedIps') return undefined;
    keys++;
  }
  // symbol keys and non-enumerable ones: zod's business
  if (Object.getOwnPropertyNames(s).length !== keys || Object.getOwnPropertySymbols(s).length > 0) return undefined;
  const { name, cidr, prefixLength, purpose, reservedIps } = s;
  if (typeof name !== 'string' || name.length < 1 || name.length > 80) return undefined;
  if (cidr !== undefined && typeof cidr !== 'string') return undefined;
  if (prefixLength !== undefined && !(Number.isSafeInteger(prefixLength) && (prefixLength as number) >= 2 && (prefixLength as number) <= 29)) return undefined;
  if (purpose !== undefined && !PURPOSES.includes(purpose)) return undefined;
  if (reservedIps !== undefined && !(Number.isSafeInteger(reservedIps) && (reservedIps as number) >= 0)) return undefined;
  const out: Record<string, unknown> = { name };
  if ('cidr' in s) out.cidr = cidr;
  if ('prefixLength' in s) out.prefixLength = prefixLength;
  if ('purpose' in s) out.purpose = purpose;
  if ('reservedIps' in s) out.reservedIps = reservedIps;
  return out as SubnetConfig;
}
