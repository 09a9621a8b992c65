/**
 * The document store's contract, run against both adapters: a folder, and an S3 bucket on a real
 * S3-compatible server that checks every signature (moto's server, test/support/s3.ts). Then the
 * SigV4 signer against AWS's published examples, and the configuration that picks the adapter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { KeyRing } from '../../platform/codec';
import { newKeyEntry, parseKeyList } from '../../platform/codec';
import { ConfigError, loadConfig } from '../../platform/config';
import {
  DocumentNotFound,
  DocumentRejected,
  type DocumentStore,
  type DocumentStoreOptions,
  documentStoreFor,
  EMPTY_SHA256,
  folderStore,
  type S3Options,
  s3Store,
  signV4,
} from '../../platform/documents';
import { type S3Server, startS3Server } from '../support/s3';

const MiB = 1024 * 1024;

function keyRing(currentKeyId: string, ...entries: string[]): KeyRing {
  return { currentKeyId, keys: parseKeyList(entries.join(',')).keys };
}

const OLD = newKeyEntry('old');
const NEW = newKeyEntry('new');

/** A file of the given kind whose bytes hold a marker that must never appear in the store. */
function sample(kind: 'pdf' | 'jpeg' | 'png' | 'elf' | 'mz' | 'text') {
  const marker = `PLAINTEXT-MARKER-${randomBytes(8).toString('hex')}`;
  const head = {
    pdf: Buffer.from('%PDF-1.7\n'),
    jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    elf: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    mz: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
    text: Buffer.from('#!/bin/sh\nrm -rf /\n'),
  }[kind];
  const bytes = Buffer.concat([head, Buffer.from(`\n${marker}\n`), randomBytes(3000), Buffer.from(`\n${marker}\n`)]);
  return { bytes, marker, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** Yields the bytes in pieces, as an upload arrives. */
async function* chunked(bytes: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function rejection(promise: Promise<unknown>): Promise<DocumentRejected> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DocumentRejected)) throw new Error(`expected a DocumentRejected, got ${err === undefined ? 'success' : String(err)}`);
  return err;
}

interface Adapter {
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  store(ring: KeyRing, options?: DocumentStoreOptions): DocumentStore;
  /** The stored object as it is at rest. */
  raw(hash: string): Promise<Buffer>;
  /** How many objects the store holds. */
  count(): Promise<number>;
}

function folderAdapter(): Adapter {
  let dir = '';
  return {
    async setUp() {
      dir = mkdtempSync(join(tmpdir(), 'dossier-documents-'));
    },
    async tearDown() {
      rmSync(dir, { recursive: true, force: true });
    },
    store: (ring, options) => folderStore(dir, ring, options),
    raw: async (hash) => readFileSync(join(dir, hash.slice(0, 2), hash)),
    count: async () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length,
  };
}

/** A signed request to the test's server with the store's own credentials, for looking behind the store. */
async function s3Get(options: S3Options, path: string): Promise<Response> {
  const url = new URL(`${options.endpoint}/${options.bucket}${path}`);
  const headers = { 'x-amz-content-sha256': EMPTY_SHA256 };
  const signed = signV4({ method: 'GET', url, headers, payloadHash: EMPTY_SHA256 }, { ...options, service: 's3' });
  const response = await fetch(url, { headers: { ...headers, ...signed.headers } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** One S3 server for the whole file, started by its first hook. */
let server: S3Server | undefined;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(() => server?.stop());

function s3Adapter(): Adapter {
  return {
    async setUp() {},
    async tearDown() {},
    store: (ring, options) => s3Store(server!.options, ring, options),
    raw: async (hash) => Buffer.from(await (await s3Get(server!.options, `/${hash}`)).arrayBuffer()),
    count: async () => {
      const listing = await (await s3Get(server!.options, '?list-type=2&max-keys=1000')).text();
      return [...listing.matchAll(/<Key>/g)].length;
    },
  };
}

describe.each([
  ['folder', folderAdapter()],
  ['S3', s3Adapter()],
])('the %s document store', (_name, adapter) => {
  beforeAll(() => adapter.setUp());
  afterAll(() => adapter.tearDown());
  const ring = keyRing('old', OLD);

  it.each([
    ['pdf', 'application/pdf', 'Paspoort scan.pdf'],
    ['jpeg', 'image/jpeg', 'foto.jpg'],
    ['png', 'image/png', 'huurcontract pagina 1.png'],
  ] as const)('accepts a %s upload with its type and reads it back', async (kind, type, name) => {
    const store = adapter.store(ring);
    const { bytes, hash } = sample(kind);
    const stored = await store.put(kind === 'png' ? Readable.from([bytes]) : chunked(bytes), name);
    expect(stored).toEqual({ hash, name, type, size: bytes.length });
    expect(await store.has(hash)).toBe(true);
    const { meta, content } = await store.read(hash);
    expect(meta).toEqual(stored);
    expect(content.equals(bytes)).toBe(true);
  });

  it('stops reading an upload past the limit, without taking in the rest', async () => {
    const store = adapter.store(ring, { maxBytes: 1 * MiB });
    let yielded = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      chunk.write('%PDF-1.7\n');
      for (let i = 0; i < 16 * 1024; i++) {
        yielded++;
        yield chunk; // 1 GiB in all, were it read to the end
      }
    }
    const refused = await rejection(store.put(endless(), 'huge.pdf'));
    expect(refused.reason).toBe('too-large');
    expect(yielded).toBeLessThanOrEqual((1 * MiB) / (64 * 1024) + 1);

    const stream = Readable.from(endless());
    expect((await rejection(store.put(stream, 'huge.pdf'))).reason).toBe('too-large');
    expect(stream.destroyed).toBe(true);
  });

  it.each([
    ['an ELF executable', 'elf'],
    ['a Windows executable', 'mz'],
    ['a shell script', 'text'],
  ] as const)('refuses %s named x.pdf by its content', async (_what, kind) => {
    const store = adapter.store(ring);
    const before = await adapter.count();
    const { bytes, hash } = sample(kind);
    expect((await rejection(store.put(chunked(bytes), 'x.pdf'))).reason).toBe('type');
    expect(await store.has(hash)).toBe(false);
    expect(await adapter.count()).toBe(before);
  });

  it.each([
    ['a path', '../../etc/passwd.pdf'],
    ['a folder', 'scans/passport.pdf'],
    ['a Windows path', 'C:\\scans\\passport.pdf'],
    ['a control character', 'passport\n.pdf'],
    ['a NUL', 'passport.pdf\0.exe'],
    ['a right-to-left override', 'passport\u202Efdp.exe'],
    ['nothing', ''],
    ['201 characters', `${'a'.repeat(197)}.pdf`],
    ['a dot-dot', '..'],
  ])('refuses a name with %s before reading the upload', async (_what, name) => {
    const store = adapter.store(ring);
    let read = false;
    async function* upload(): AsyncGenerator<Buffer> {
      read = true;
      yield sample('pdf').bytes;
    }
    expect((await rejection(store.put(upload(), name))).reason).toBe('name');
    expect(read).toBe(false);
  });

  it('keeps only ciphertext at rest: neither the content nor the name', async () => {
    const store = adapter.store(ring);
    const { bytes, marker, hash } = sample('pdf');
    await store.put(chunked(bytes), 'Secret-Applicant-Name.pdf');
    const raw = await adapter.raw(hash);
    expect(raw.includes(marker)).toBe(false);
    expect(raw.includes('%PDF')).toBe(false);
    expect(raw.includes('Secret-Applicant-Name')).toBe(false);
    expect(raw.length).toBeGreaterThan(bytes.length);
  });

  it('stores a document uploaded twice once, writing nothing the second time', async () => {
    const store = adapter.store(ring);
    const { bytes, hash } = sample('jpeg');
    await store.put(chunked(bytes), 'first.jpg');
    const count = await adapter.count();
    const raw = await adapter.raw(hash);
    const again = await store.put(chunked(bytes, 333), 'second.jpg');
    expect(again).toEqual({ hash, name: 'second.jpg', type: 'image/jpeg', size: bytes.length });
    expect(await adapter.count()).toBe(count);
    // A new write would show a fresh random IV.
    expect((await adapter.raw(hash)).equals(raw)).toBe(true);
    expect((await store.read(hash)).meta.name).toBe('first.jpg');
  });

  it('reads documents written under an earlier key after a rotation, and writes with the new one', async () => {
    const before = sample('png');
    await adapter.store(keyRing('old', OLD)).put(chunked(before.bytes), 'before.png');
    const rotated = adapter.store(keyRing('new', OLD, NEW));
    expect((await rotated.read(before.hash)).content.equals(before.bytes)).toBe(true);

    const after = sample('pdf');
    await rotated.put(chunked(after.bytes), 'after.pdf');
    expect((await adapter.store(keyRing('new', NEW)).read(after.hash)).content.equals(after.bytes)).toBe(true);
    await expect(adapter.store(keyRing('old', OLD)).read(after.hash)).rejects.toThrow(/key id "new", not among the keys here \(old\)/);
  });

  it('fails to read with a wrong key of the same id, and says so', async () => {
    const { bytes, hash } = sample('pdf');
    await adapter.store(ring).put(chunked(bytes), 'a.pdf');
    const wrong = adapter.store(keyRing('old', newKeyEntry('old')));
    await expect(wrong.read(hash)).rejects.toThrow(/key id "old": the key does not match or the document was altered/);
  });

  it('answers a hash it does not hold, or that is no hash, with DocumentNotFound', async () => {
    const store = adapter.store(ring);
    const missing = createHash('sha256').update(randomBytes(16)).digest('hex');
    expect(await store.has(missing)).toBe(false);
    await expect(store.read(missing)).rejects.toThrow(DocumentNotFound);
    expect(await store.has('../../secrets.json')).toBe(false);
    await expect(store.read('../../secrets.json')).rejects.toThrow(DocumentNotFound);
  });
});

describe('the S3 store against a server that checks signatures', () => {
  it('is refused with a wrong secret, and the message names the operation and the code', async () => {
    const store = s3Store({ ...server!.options, secretAccessKey: 'not-the-secret' }, keyRing('old', OLD));
    const { bytes, hash } = sample('pdf');
    await expect(store.put(chunked(bytes), 'a.pdf')).rejects.toThrow(/S3 HeadObject dossier-documents\/[0-9a-f]{64} at http:\/\/127\.0\.0\.1:\d+ failed: 403/);
    await expect(store.read(hash)).rejects.toThrow(`S3 GetObject dossier-documents/${hash} at ${server!.options.endpoint} failed: 403 SignatureDoesNotMatch`);
  });

  it('is what the configuration picks when DOSSIER_DOCUMENTS_S3_URL is set', async () => {
    const { endpoint, bucket, accessKeyId, secretAccessKey } = server!.options;
    const config = loadConfig({
      DOSSIER_DOCUMENTS_S3_URL: `${endpoint}/${bucket}`,
      DOSSIER_DOCUMENTS_S3_ACCESS_KEY: accessKeyId,
      DOSSIER_DOCUMENTS_S3_SECRET_KEY: secretAccessKey,
      DOSSIER_ENCRYPTION_KEYS: OLD,
    });
    const { bytes, hash } = sample('png');
    await documentStoreFor(config).put(chunked(bytes), 'a.png');
    expect(await s3Store(server!.options, keyRing('old', OLD)).has(hash)).toBe(true);
  });
});

describe('the configuration of the document store', () => {
  it('uses $DOSSIER_DATA_DIR/documents by default, with a 10 MiB limit', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dossier-data-'));
    try {
      const config = loadConfig({ DOSSIER_DATA_DIR: dataDir, DOSSIER_ENCRYPTION_KEYS: OLD });
      expect(config.DOSSIER_DOCUMENT_MAX_BYTES).toBe(10 * MiB);
      const { bytes, hash } = sample('pdf');
      await documentStoreFor(config).put(chunked(bytes), 'a.pdf');
      expect(readdirSync(join(dataDir, 'documents', hash.slice(0, 2)))).toEqual([hash]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names each bad variable and its rule', () => {
    expect(() => loadConfig({ DOSSIER_DOCUMENTS_S3_URL: 'http://minio:9000/bucket/prefix' })).toThrow(
      /DOSSIER_DOCUMENTS_S3_URL: must be the endpoint and the bucket, path-style/,
    );
    expect(() => loadConfig({ DOSSIER_DOCUMENT_MAX_BYTES: '10MB' })).toThrow(/DOSSIER_DOCUMENT_MAX_BYTES: must be a number of bytes/);
    const config = loadConfig({ DOSSIER_DOCUMENTS_S3_URL: 'http://minio:9000/dossier-documents', DOSSIER_ENCRYPTION_KEYS: OLD });
    expect(() => documentStoreFor(config)).toThrow(ConfigError);
    expect(() => documentStoreFor(config)).toThrow(/needs DOSSIER_DOCUMENTS_S3_ACCESS_KEY and DOSSIER_DOCUMENTS_S3_SECRET_KEY/);
  });
});

describe('the SigV4 signer', () => {
  // The AWS Signature Version 4 test suite (example credentials, 2015-08-30T12:36:00Z, us-east-1, service "service").
  const suite = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 'service' };
  const suiteAt = new Date('2015-08-30T12:36:00Z');

  it.each([
    ['get-vanilla', 'GET', 'https://example.amazonaws.com/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    ['post-vanilla', 'POST', 'https://example.amazonaws.com/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
  ])('signs the test suite’s %s', (_name, method, url, signature) => {
    const signed = signV4({ method, url: new URL(url), headers: {}, payloadHash: EMPTY_SHA256 }, suite, suiteAt);
    expect(signed.headers).toEqual({
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
      'x-amz-date': '20150830T123600Z',
    });
  });

  it('signs the Amazon S3 API Reference’s example GET Object', () => {
    const signed = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256 },
        payloadHash: EMPTY_SHA256,
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' },
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
