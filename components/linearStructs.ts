// google.protobuf.Struct built from a JavaScript value in time proportional to its size, where
// google-protobuf takes size x depth. The Pulumi SDK and its mock monitor turn every resource's
// inputs into a Struct (Struct.fromJavaScript) twice per resource; for the CRDs a stack installs
// (deeply nested OpenAPI schemas, 400 KB of JSON for the HAProxy ingress controller's six) this was
// the largest single cost in profiles of `aksnet synth` (a fifth to a quarter of its CPU) and of every test that runs
// the program.
//
// Why it is quadratic: fromJavaScript builds a value bottom-up, and each time a finished message is
// put into its parent (setStructValue, a map's set, addValues), google-protobuf calls the child's
// internal toArray, which syncs the child's nested messages into its array form by walking its whole
// subtree, and the next level up walks it all again. A finished, synced subtree that nothing changes
// any more gives the same arrays however often it is walked (the walk only rebuilds maps changed
// since their last walk). So while one fromJavaScript call runs, the first walk of a finished message
// is remembered and later walks of it return the same array: every message is synced exactly once,
// and the messages built are the same objects, field for field, as google-protobuf builds
// (test/components.linearStructs.test.ts compares them, and their bytes, on generated values).
// Outside fromJavaScript nothing changes: the cache exists only during the call.
import { Message } from 'google-protobuf';
import { ListValue, Struct, Value } from 'google-protobuf/google/protobuf/struct_pb';

type FromJavaScript = (value: never) => Message;
interface Builder {
  fromJavaScript: FromJavaScript;
}

const BUILDERS = { Struct, Value, ListValue } as unknown as Record<'Struct' | 'Value' | 'ListValue', Builder>;
type BuilderName = keyof typeof BUILDERS;
const MESSAGE = Message.prototype as unknown as Record<string, unknown>;
const toArray = MESSAGE.toArray as (this: object) => unknown;
// the minified name google-protobuf's own code calls toArray by (`g` in 3.21); undefined when it
// cannot be told apart (another google-protobuf version), and then nothing is changed
const candidates = Object.keys(MESSAGE).filter((k) => k !== 'toArray' && MESSAGE[k] === toArray);
const INTERNAL_TO_ARRAY = candidates.length === 1 ? candidates[0] : undefined;
const ORIGINAL = Object.fromEntries(Object.entries(BUILDERS).map(([name, b]) => [name, b.fromJavaScript])) as Record<BuilderName, FromJavaScript>;

/** During the outermost fromJavaScript call: messages it has finished building, and their synced arrays. */
let finished: WeakSet<object> | undefined;
let synced: WeakMap<object, unknown> | undefined;
let depth = 0;

function syncOnce(this: object): unknown {
  if (!synced || !finished!.has(this)) return toArray.call(this);
  if (synced.has(this)) return synced.get(this);
  const array = toArray.call(this);
  synced.set(this, array);
  return array;
}

function linear(original: FromJavaScript): FromJavaScript {
  return function fromJavaScript(this: unknown, value: never): Message {
    const outermost = depth === 0;
    if (outermost) {
      finished = new WeakSet();
      synced = new WeakMap();
    }
    depth++;
    try {
      const message = original.call(this, value);
      finished!.add(message); // built: nothing changes it during this call any more
      return message;
    } finally {
      depth--;
      if (outermost) finished = synced = undefined;
    }
  };
}
const LINEAR = Object.fromEntries(Object.entries(ORIGINAL).map(([name, f]) => [name, linear(f)])) as Record<BuilderName, FromJavaScript>;

/**
 * on: Struct/Value/ListValue.fromJavaScript linear in the size of the value (the SDK and the mocks
 * call them through these classes, process-wide); off: google-protobuf's own. Returns whether the
 * linear builders are in place (false when asked on with a google-protobuf it does not know).
 */
export function setLinearStructs(on: boolean): boolean {
  if (INTERNAL_TO_ARRAY === undefined) return false;
  MESSAGE[INTERNAL_TO_ARRAY] = on ? syncOnce : toArray;
  for (const name of Object.keys(BUILDERS) as BuilderName[]) BUILDERS[name].fromJavaScript = (on ? LINEAR : ORIGINAL)[name];
  return on;
}

export function installLinearStructs(): boolean {
  return setLinearStructs(true);
}
