// components/linearStructs.ts: Struct/Value/ListValue.fromJavaScript in linear time build the same
// messages as google-protobuf's own builders, object for object (deep equality of the message
// objects, internal arrays and map caches included), the same bytes and the same value back.
import { expect } from 'chai';
import fc from 'fast-check';
import { ListValue, Struct, Value } from 'google-protobuf/google/protobuf/struct_pb';
import { setLinearStructs } from '../components/linearStructs';
import haproxyCrds from '../components/ingress/haproxy-crds/ingress.v3.haproxy.org.json';

type Built = { message: unknown; bytes: number[]; back: unknown } | { error: string };

function build(linear: boolean, make: () => Struct | Value | ListValue): Built {
  expect(setLinearStructs(linear), 'google-protobuf is not the version linearStructs knows').to.equal(linear);
  try {
    const message = make();
    const built = { message, bytes: [...message.serializeBinary()], back: message.toJavaScript() };
    return built;
  } catch (e) {
    return { error: String(e) };
  } finally {
    setLinearStructs(true); // as the mocks install it (test/setup.ts)
  }
}

function same(make: () => Struct | Value | ListValue): void {
  const reference = build(false, make);
  const linear = build(true, make);
  expect(linear).to.deep.equal(reference);
}

const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

describe('linear protobuf Structs (components/linearStructs.ts)', () => {
  it('build the same Struct, Value and ListValue as google-protobuf for any JSON value', () => {
    let deep = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 9, depthSize: 'large' }), (value) => {
        if (depthOf(value) >= 5) deep++;
        same(() => Value.fromJavaScript(value as never));
        if (Array.isArray(value)) same(() => ListValue.fromJavaScript(value as never));
        else if (value !== null && typeof value === 'object') same(() => Struct.fromJavaScript(value as never));
      }),
      { numRuns: 300 },
    );
    expect(deep, 'values nested 5 deep or more (where the builders differ in cost)').to.be.greaterThan(20);
  });

  it('build the same Struct for the HAProxy CRDs the ingress stacks install (nested 19 deep)', () => {
    for (const crd of haproxyCrds as unknown as Record<string, unknown>[]) same(() => Struct.fromJavaScript(crd as never));
    expect(Math.max(...(haproxyCrds as unknown[]).map(depthOf))).to.equal(19);
  });

  it('fail as google-protobuf does on a value a Struct cannot hold, and build correctly after', () => {
    const bad = { a: [{ b: { c: () => 1 } }] };
    same(() => Struct.fromJavaScript(bad as never));
    expect(build(true, () => Struct.fromJavaScript(bad as never))).to.deep.equal({ error: 'Error: Unexpected struct type.' });
    same(() => Struct.fromJavaScript({ x: { y: [1, { z: 'after' }] } } as never));
  });

  it('leave a built message as google-protobuf does when a caller changes it afterwards', () => {
    same(() => {
      const s = Struct.fromJavaScript({ a: { b: { c: 1 } } } as never);
      s.getFieldsMap().get('a')!.getStructValue()!.getFieldsMap().set('d', Value.fromJavaScript({ e: [2] } as never));
      return Value.fromJavaScript({ wrap: { inner: 1 } } as never).setStructValue(s);
    });
  });
});
