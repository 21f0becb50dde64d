// The whole of `aks-networking:network` read without zod when it is plain and valid, as it is in
// every stack file that plans. In V8's interpreter, where the CLI runs, zod cost `aksnet plan` of the
// bench estate (3 stacks, 100 node pools) about 2 ms of CPU to parse and 1.5 ms more to build the
// schema at start-up; this reader needs neither, and the schema is built (planner/config.ts
// networkConfigSchema()) only when something here is not accepted as it stands: a missing or unknown
// key, a wrong type, a number out of range, an odd object. zod then reads the config and gives the
// issues and their paths. test/planner.validate.property.test.ts compares both on random input.
import { BYO_CNIS, NETWORK_POLICIES, OUTBOUND_TYPES, PLUGINS, SUBNET_PURPOSES, SURGE_PERCENT, type NetworkConfig, type SubnetConfig } from './config';

/** A reader gives the value as the schema returns it, or NO when the schema might not accept it. */
const NO: unique symbol = Symbol('not plain');
type Reader = (value: unknown) => unknown;

const string = (min = 0, max = Infinity, pattern?: RegExp): Reader => (v) => (typeof v === 'string' && v.length >= min && v.length <= max && (!pattern || pattern.test(v)) ? v : NO);
// zod's int: a safe integer (https://zod.dev/api#integers)
const int = (min = -Infinity, max = Infinity): Reader => (v) => (Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? v : NO);
const oneOf = (values: readonly unknown[]): Reader => (v) => (values.includes(v) ? v : NO);

/** An array, copied as zod copies it. */
function arrayOf(item: Reader, minLength: number): Reader {
  return (v) => {
    if (!Array.isArray(v) || v.length < minLength) return NO;
    const out: unknown[] = [];
    for (let k = 0; k < v.length; k++) {
      const x = item(v[k]);
      if (x === NO) return NO;
      out.push(x);
    }
    return out;
  };
}

/** A strict object: `[key, reader, optional]` in the schema's order; the copy has its keys in that order, an optional key given as undefined kept (as zod does). */
function strictObject(shape: readonly (readonly [string, Reader, boolean])[]): Reader {
  const known = new Set(shape.map(([key]) => key));
  return (v) => {
    if (!isPlainObject(v)) return NO;
    let keys = 0;
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key) || !known.has(key)) return NO;
      keys++;
    }
    // symbol keys and non-enumerable ones: zod's business
    if (Object.getOwnPropertyNames(v).length !== keys || Object.getOwnPropertySymbols(v).length > 0) return NO;
    const out: Record<string, unknown> = {};
    for (let k = 0; k < shape.length; k++) {
      // indexed, not destructured: array destructuring runs the iterator protocol in the interpreter
      const entry = shape[k];
      const key = entry[0];
      const read = entry[1];
      const optional = entry[2];
      if (!Object.prototype.hasOwnProperty.call(v, key)) {
        if (optional) continue;
        return NO;
      }
      const x = v[key];
      if (x === undefined && optional) {
        out[key] = undefined;
        continue;
      }
      const value = read(x);
      if (value === NO) return NO;
      out[key] = value;
    }
    return out;
  };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// the schema of planner/config.ts, key by key and in its order
const name = string(1, 80);
const count = int(0);
const byoCni = strictObject([
  ['type', oneOf(BYO_CNIS), false],
  ['poolCidr', string(), true],
  ['blockSize', int(20, 32), true],
  ['subnetLen', int(16, 30), true],
  ['maskSize', int(16, 30), true],
]);
const nodePool = strictObject([
  ['name', string(0, Infinity, /^[a-z][a-z0-9]{0,11}$/), false],
  ['mode', oneOf(['System', 'User']), true],
  ['osType', oneOf(['Linux', 'Windows']), true],
  ['vmSize', name, false],
  ['count', count, true],
  ['minCount', count, true],
  ['maxCount', count, true],
  ['maxPods', int(), true],
  ['maxSurge', (v) => (typeof v === 'string' ? string(0, Infinity, SURGE_PERCENT)(v) : count(v)), true],
  ['maxUnavailable', count, true],
  ['subnet', name, false],
  ['podSubnet', name, true],
]);
const subnets = arrayOf(
  strictObject([
    ['name', name, false],
    ['cidr', string(), true],
    ['prefixLength', int(2, 29), true],
    ['purpose', oneOf(SUBNET_PURPOSES), true],
    ['reservedIps', count, true],
  ]),
  1,
);
const network = strictObject([
  ['addressSpace', arrayOf(string(), 1), false],
  ['plugin', oneOf(PLUGINS), false],
  ['byoCni', byoCni, true],
  ['networkPolicy', oneOf(NETWORK_POLICIES), true],
  ['serviceCidr', string(), true],
  ['dnsServiceIP', string(), true],
  ['podCidr', string(), true],
  ['outboundType', oneOf(OUTBOUND_TYPES), true],
  ['kubernetesVersion', string(0, Infinity, /^1\.\d+(\.\d+)?$/), true],
  ['tier', oneOf(['free', 'standard', 'premium']), true],
  ['subnets', subnets, false],
  ['nodePools', arrayOf(nodePool, 1), false],
  ['userDefinedRouting', strictObject([['nextHopIp', string(), true], ['routeTableId', string(), true]]), true],
  ['peers', arrayOf(name, 0), true],
]);

/**
 * The subnets alone as zod's schema returns them, or undefined when any is not a plain, valid subnet:
 * a VNet holds up to 3,000 subnets, and zod's object parsing of them cost `aksnet plan` of such a VNet
 * about as much CPU as planning it, so they are read without zod even when the rest of the config
 * goes to zod (planner/validate.ts parseNetworkConfig).
 */
export function plainSubnets(items: unknown): SubnetConfig[] | undefined {
  const read = subnets(items);
  return read === NO ? undefined : (read as SubnetConfig[]);
}

/** The config as zod's schema returns it, or undefined when the schema might not accept it as it stands. */
export function plainNetworkConfig(raw: unknown): NetworkConfig | undefined {
  const config = network(raw);
  return config === NO ? undefined : (config as NetworkConfig);
}
