/**
 * Temporal's `Payload` message (temporal.api.common.v1) in its protobuf wire format, written with
 * protobufjs's minimal reader and writer. The codec encrypts a payload's wire bytes and the queue
 * keeps a sealed status as them; `@temporalio/proto` would do the same, but loading its descriptors
 * of the whole API costs a command such as `dossier status` over 100 ms before it does anything.
 *
 * The fields are those of the SDK's proto (metadata = 1, data = 2, external_payloads = 3, whose
 * details hold size_bytes = 1): test/platform/payload-wire.test.ts compares every encoding with
 * `@temporalio/proto`'s and fails when an SDK upgrade adds a field.
 */
import type { Payload } from '@temporalio/common';
import { Reader, Writer } from 'protobufjs/minimal';

type ExternalPayloadDetails = NonNullable<Payload['externalPayloads']>[number];

/** Wire type 2: a length-delimited field (bytes, string, message, map entry). */
const tag = (field: number) => (field << 3) | 2;

export function encodePayload(payload: Payload): Uint8Array {
  const writer = Writer.create();
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    writer.uint32(tag(1)).fork().uint32(tag(1)).string(key).uint32(tag(2)).bytes(value).ldelim();
  }
  if (payload.data?.length) writer.uint32(tag(2)).bytes(payload.data);
  for (const details of payload.externalPayloads ?? []) {
    writer.uint32(tag(3)).fork();
    if (details.sizeBytes != null && Number(details.sizeBytes) !== 0) writer.uint32(1 << 3).int64(details.sizeBytes);
    writer.ldelim();
  }
  return writer.finish();
}

export function decodePayload(bytes: Uint8Array): Payload {
  const reader = Reader.create(bytes);
  const metadata: [string, Uint8Array][] = [];
  const payload: Payload = { data: new Uint8Array(0) };
  while (reader.pos < reader.len) {
    const key = reader.uint32();
    const field = key >>> 3;
    if (field === 1) {
      const end = reader.uint32() + reader.pos;
      let name = '';
      let value: Uint8Array = new Uint8Array(0);
      while (reader.pos < end) {
        const entryKey = reader.uint32();
        if (entryKey >>> 3 === 1) name = reader.string();
        else if (entryKey >>> 3 === 2) value = reader.bytes();
        else reader.skipType(entryKey & 7);
      }
      metadata.push([name, value]);
    } else if (field === 2) {
      payload.data = reader.bytes();
    } else if (field === 3) {
      const end = reader.uint32() + reader.pos;
      const details: ExternalPayloadDetails = {};
      while (reader.pos < end) {
        const detailsKey = reader.uint32();
        // A Long (protobufjs's reader finds the `long` package beside it, as the SDK's proto does).
        if (detailsKey >>> 3 === 1) details.sizeBytes = reader.int64() as unknown as ExternalPayloadDetails['sizeBytes'];
        else reader.skipType(detailsKey & 7);
      }
      payload.externalPayloads = [...(payload.externalPayloads ?? []), details];
    } else {
      reader.skipType(key & 7);
    }
  }
  // Own properties whatever the key, even "__proto__".
  payload.metadata = Object.fromEntries(metadata);
  return payload;
}
