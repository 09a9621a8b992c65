/**
 * Encryption of everything Temporal stores for a case (inputs, results, update arguments, failure
 * messages): a payload codec with AES-256-GCM from node:crypto. The whole original payload
 * (metadata and data) is encrypted, so not even its encoding is visible on the server.
 *
 * Keys rotate: the codec encrypts with one key and decrypts with any key it knows, found by the
 * key id written (in clear) into each payload's metadata. Retire an old key only once no open case
 * and no kept history still carries payloads encrypted with it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { decodePayload, encodePayload } from './payload-wire';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12; // the GCM standard nonce size; random per payload
const TAG_BYTES = 16;
export const KEY_BYTES = 32; // AES-256

export interface KeyRing {
  /** The key new payloads are encrypted with. */
  currentKeyId: string;
  /** Every key that may still decrypt something, by id. */
  keys: ReadonlyMap<string, Buffer>;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Parses `id:base64key[,id:base64key…]` into keys; each problem is returned as one sentence
 * (the caller names the variable). No key material ever appears in a message.
 */
export function parseKeyList(text: string): { keys: Map<string, Buffer>; problems: string[] } {
  const keys = new Map<string, Buffer>();
  const problems: string[] = [];
  for (const [index, entry] of text.split(',').entries()) {
    const at = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    const id = entry.slice(0, Math.max(colon, 0)).trim();
    const material = entry.slice(colon + 1).trim();
    const key = BASE64.test(material) ? Buffer.from(material, 'base64') : undefined;
    if (colon < 0) problems.push(`${at} must be ID:BASE64KEY`);
    else if (!KEY_ID_PATTERN.test(id)) problems.push(`${at}: the key id must be 1-64 letters, digits, ".", "_" or "-"`);
    else if (keys.has(id)) problems.push(`key id "${id}" is given twice`);
    else if (key?.length !== KEY_BYTES) problems.push(`key "${id}" must be ${KEY_BYTES} bytes in base64 (e.g. from \`openssl rand -base64 32\`)`);
    else keys.set(id, key);
  }
  return { keys, problems };
}

/** A fresh random key in the `id:base64key` form of DOSSIER_ENCRYPTION_KEYS. */
export function newKeyEntry(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export class UnknownKeyError extends Error {
  override name = 'UnknownKeyError';
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

export class AesGcmCodec implements PayloadCodec {
  private readonly current: Buffer;

  constructor(private readonly ring: KeyRing) {
    const current = ring.keys.get(ring.currentKeyId);
    if (!current) throw new UnknownKeyError(`the current encryption key "${ring.currentKeyId}" is not among the keys given`);
    this.current = current;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = encodePayload(payload);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current, iv);
      // The key id is authenticated too: a payload relabelled with another id does not decrypt.
      cipher.setAAD(utf8.encode(this.ring.currentKeyId));
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(this.ring.currentKeyId) },
        data: new Uint8Array(sealed),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      // Payloads written before encryption was turned on pass through unchanged.
      if (!encoding || text.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      const keyId = keyIdBytes ? text.decode(keyIdBytes) : '(none)';
      const key = this.ring.keys.get(keyId);
      if (!key) {
        throw new UnknownKeyError(
          `cannot decrypt a payload encrypted with key id "${keyId}": no such key here (known: ${[...this.ring.keys.keys()].join(', ')})`,
        );
      }
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error(`cannot decrypt a payload with key id "${keyId}": it is truncated`);
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(keyIdBytes!);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new Error(`cannot decrypt a payload with key id "${keyId}": the key does not match or the payload was altered`);
      }
      return decodePayload(plain);
    });
  }
}
