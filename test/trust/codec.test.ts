/** The payload codec, its keys from the environment, and the generated keys of the embedded default. */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, newKeyEntry } from '../../platform/codec';
import { ConfigError, loadConfig } from '../../platform/config';
import { codecFor, codecTokenFor, keyRingFor, localSecrets } from '../../platform/data-converter';

const keys = { DOSSIER_ENCRYPTION_KEYS: [newKeyEntry('k1'), newKeyEntry('k2')].join(','), DOSSIER_ENCRYPTION_KEY_ID: 'k2' };
const codec = codecFor(loadConfig(keys));
const applicant = { name: 'Amira Example', dateOfBirth: '1988-04-12' };
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

test('a payload is encrypted with the current key, names that key, and decrypts to the same payload', async () => {
  const plain = defaultPayloadConverter.toPayload(applicant)!;
  const [sealed] = await codec.encode([plain]);
  expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('k2');
  expect(text(sealed!.data)).not.toContain('Amira');
  expect(Object.keys(sealed!.metadata!)).toEqual(['encoding', KEY_ID_METADATA]); // the original encoding is hidden too
  const [opened] = await codec.decode([sealed!]);
  expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(applicant);
  // A fresh nonce each time: equal payloads do not give equal ciphertexts.
  const [again] = await codec.encode([plain]);
  expect(Buffer.from(again!.data!).equals(Buffer.from(sealed!.data!))).toBe(false);
});

test('keys rotate: a payload sealed with an older key still opens while that key is listed', async () => {
  const old = codecFor(loadConfig({ ...keys, DOSSIER_ENCRYPTION_KEY_ID: 'k1' }));
  const [sealed] = await old.encode([defaultPayloadConverter.toPayload(applicant)!]);
  expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('k1');
  expect(defaultPayloadConverter.fromPayload((await codec.decode([sealed!]))[0]!)).toEqual(applicant);
});

test('an unknown key id, a relabelled payload and an altered one are refused with the key id named', async () => {
  const stranger = new AesGcmCodec(keyRingFor(loadConfig({ DOSSIER_ENCRYPTION_KEYS: newKeyEntry('elsewhere') })));
  const [foreign] = await stranger.encode([defaultPayloadConverter.toPayload(applicant)!]);
  await expect(codec.decode([foreign!])).rejects.toThrow('cannot decrypt a payload encrypted with key id "elsewhere": no such key here (known: k1, k2)');

  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(applicant)!]);
  const relabelled: Payload = { ...sealed, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('k1') } };
  await expect(codec.decode([relabelled])).rejects.toThrow('key id "k1": the key does not match or the payload was altered');

  const altered = Buffer.from(sealed!.data!);
  altered[20]! ^= 1;
  await expect(codec.decode([{ ...sealed, data: altered }])).rejects.toThrow('key id "k2": the key does not match or the payload was altered');
  await expect(codec.decode([{ ...sealed, data: altered.subarray(0, 10) }])).rejects.toThrow('truncated');
});

test('payloads stored before encryption was turned on pass through', async () => {
  const plain = defaultPayloadConverter.toPayload({ state: 'submitted' })!;
  expect(await codec.decode([plain])).toEqual([plain]);
});

test.each([
  [{ DOSSIER_ENCRYPTION_KEYS: 'k1' }, 'DOSSIER_ENCRYPTION_KEYS: entry 1 must be ID:BASE64KEY'],
  [{ DOSSIER_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }, 'DOSSIER_ENCRYPTION_KEYS: key "k1" must be 32 bytes in base64'],
  [{ DOSSIER_ENCRYPTION_KEYS: `${newKeyEntry('k1')},${newKeyEntry('k1')}` }, 'DOSSIER_ENCRYPTION_KEYS: key id "k1" is given twice'],
  [{ DOSSIER_ENCRYPTION_KEYS: `bad id:${Buffer.alloc(32).toString('base64')}` }, 'DOSSIER_ENCRYPTION_KEYS: entry 1: the key id must be'],
  [{ DOSSIER_ENCRYPTION_KEYS: keys.DOSSIER_ENCRYPTION_KEYS }, 'DOSSIER_ENCRYPTION_KEY_ID: name the key that encrypts, one of k1, k2'],
  [{ ...keys, DOSSIER_ENCRYPTION_KEY_ID: 'k3' }, 'DOSSIER_ENCRYPTION_KEY_ID: "k3" is not among the ids in DOSSIER_ENCRYPTION_KEYS (k1, k2)'],
  [{ DOSSIER_ENCRYPTION_KEY_ID: 'k1' }, 'DOSSIER_ENCRYPTION_KEY_ID: needs DOSSIER_ENCRYPTION_KEYS'],
  [{ DOSSIER_CODEC_TOKEN: 'short' }, 'DOSSIER_CODEC_TOKEN: must be at least 24 characters'],
  [{ DOSSIER_CODEC_PORT: '80000' }, 'DOSSIER_CODEC_PORT: must be a port number'],
  [{ DOSSIER_CODEC_CORS_ORIGINS: 'http://ui.example/path' }, 'DOSSIER_CODEC_CORS_ORIGINS: "http://ui.example/path" is not an origin'],
])('bad encryption settings stop start-up naming the variable: %#', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});

test('a key in the environment never appears in an error message', () => {
  const secret = Buffer.alloc(31, 7).toString('base64');
  expect(() => loadConfig({ DOSSIER_ENCRYPTION_KEYS: `k1:${secret}` })).toThrow('DOSSIER_ENCRYPTION_KEYS: key "k1" must be 32 bytes');
  expect(() => loadConfig({ DOSSIER_ENCRYPTION_KEYS: `k1:${secret}` })).not.toThrow(secret);
});

describe('the embedded default', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'dossier-secrets-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  test('without configured keys a key and a codec token are generated once into the data folder, readable by the owner only', async () => {
    const config = loadConfig({ DOSSIER_DATA_DIR: dataDir });
    const first = keyRingFor(config);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const second = keyRingFor(loadConfig({ DOSSIER_DATA_DIR: dataDir }));
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.keys.get(second.currentKeyId)!.equals(first.keys.get(first.currentKeyId)!)).toBe(true);
    expect(codecTokenFor(config)).toBe(localSecrets(dataDir).token);
    // What one process seals, another (the CLI, a restarted worker) opens.
    const [sealed] = await codecFor(config).encode([defaultPayloadConverter.toPayload(applicant)!]);
    expect(defaultPayloadConverter.fromPayload((await codecFor(loadConfig({ DOSSIER_DATA_DIR: dataDir })).decode([sealed!]))[0]!)).toEqual(applicant);
  });

  test('configured keys win over the data folder, and nothing is written', () => {
    expect(keyRingFor(loadConfig({ ...keys, DOSSIER_DATA_DIR: dataDir })).currentKeyId).toBe('k2');
    expect(() => statSync(join(dataDir, 'secrets.json'))).toThrow('ENOENT');
  });
});
