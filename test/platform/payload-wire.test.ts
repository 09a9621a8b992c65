/** platform/payload-wire.ts writes and reads a Payload exactly as the SDK's proto does. */
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import fc from 'fast-check';
import { decodePayload, encodePayload } from '../../platform/payload-wire';

const PayloadProto = temporal.api.common.v1.Payload;

const bytesArb = fc.uint8Array({ maxLength: 64 });
const payloadArb: fc.Arbitrary<Payload> = fc.record(
  {
    // Without "__proto__", which the SDK's proto sets as the prototype (ours keeps it as a key).
    metadata: fc.dictionary(
      fc.string({ maxLength: 20 }).filter((key) => key !== '__proto__'),
      bytesArb,
      { maxKeys: 4 },
    ),
    data: bytesArb,
    externalPayloads: fc.array(
      fc.maxSafeNat().map((sizeBytes) => PayloadProto.ExternalPayloadDetails.fromObject({ sizeBytes })),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

/** What a decoded payload says, with bytes and longs made comparable. */
const plain = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, [...value]])),
  data: [...(payload.data ?? [])],
  externalPayloads: (payload.externalPayloads ?? []).map((details) => String(details.sizeBytes ?? 0)),
});

describe('payload wire format', () => {
  it('encodes every payload to the bytes the SDK proto encodes', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        expect([...encodePayload(payload)]).toEqual([...PayloadProto.encode(PayloadProto.create(payload)).finish()]);
      }),
    );
  });

  it('decodes what the SDK proto encodes, and the SDK proto decodes what it encodes', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const bytes = PayloadProto.encode(PayloadProto.create(payload)).finish();
        expect(plain(decodePayload(bytes))).toEqual(plain(PayloadProto.decode(bytes)));
        expect(plain(PayloadProto.decode(encodePayload(payload)))).toEqual(plain(decodePayload(bytes)));
      }),
    );
  });

  it('skips a field it does not know, as a reader of an older proto does', () => {
    const known = encodePayload({ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new Uint8Array([1, 2]) });
    const withUnknown = new Uint8Array([...known, (9 << 3) | 0, 42, (10 << 3) | 2, 1, 7]);
    expect(plain(decodePayload(withUnknown))).toEqual(plain(decodePayload(known)));
  });

  it('knows every field the SDK proto has (an upgrade that adds one fails here)', () => {
    const fields = (type: { fields: Record<string, { id: number; type: string }> }) =>
      Object.entries(type.fields).map(([name, field]) => `${name}=${field.id}:${field.type}`);
    expect(fields(PayloadProto as never)).toEqual(['metadata=1:bytes', 'data=2:bytes', 'externalPayloads=3:ExternalPayloadDetails']);
    expect(fields(PayloadProto.ExternalPayloadDetails as never)).toEqual(['sizeBytes=1:int64']);
  });
});
