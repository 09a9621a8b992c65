/**
 * The document store for applicants' uploads: PDF, JPEG and PNG files, content-addressed by the
 * SHA-256 of their bytes and encrypted at rest with AES-256-GCM under the same key ring as the
 * Temporal payloads (platform/codec.ts).
 *
 * An upload is read once, as a stream: the type is decided by its first bytes (whatever the name
 * says), reading stops as soon as it passes the size limit, and only then is the document hashed,
 * encrypted and written. Nothing is buffered beyond the limit.
 *
 * One stored object per document, named by its hash (`ab/abcd…` in a folder, `abcd…` in a bucket):
 *
 *     "DOSDOC" 0x01 | key-id length (1 byte) | key id (ASCII) | IV (12 bytes) | ciphertext | GCM tag (16 bytes)
 *
 * The key is derived per document: HKDF-SHA256 from the ring key named in the header, with info
 * "dossier document v1 " + hash; the IV is random. The header and the hash are authenticated
 * data, so a relabelled key id or an object copied under another hash does not decrypt. A store
 * with several keys reads what any of them wrote (rotation); it writes with the current one.
 *
 * Metadata: the ciphertext holds the name, type and size together with the content (a 4-byte
 * length, the metadata as JSON, then the bytes), so the applicant's file name is never on disk in
 * clear either. The object's name is the plaintext's hash: whoever can list the store and already
 * holds a copy of a document can tell that it is stored, but learns nothing of any other document.
 *
 * Uploaded twice, a document is stored once: a put whose hash is already there writes nothing.
 * The name kept with the content is then the first upload's; `put` returns each caller the name it
 * gave, so a case that needs its own name for a document keeps the StoredDocument that put returned.
 * A document written under a key that is later retired must be re-uploaded before that key goes.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { type KeyRing, UnknownKeyError } from './codec';
import { type Config, ConfigError } from './config';
import { keyRingFor } from './data-converter';

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface StoredDocument {
  /** SHA-256 of the plaintext, lowercase hex: the document's address. */
  hash: string;
  name: string;
  type: DocumentType;
  /** Bytes of the plaintext. */
  size: number;
}

export interface DocumentStore {
  /** Reads the upload once; refuses it with DocumentRejected; stores it unless a document with the same bytes is there. */
  put(content: Readable | AsyncIterable<Buffer>, name: string): Promise<StoredDocument>;
  /** The document and its metadata; DocumentNotFound when no document has this hash. */
  read(hash: string): Promise<{ meta: StoredDocument; content: Buffer }>;
  has(hash: string): Promise<boolean>;
}

export type RejectionReason = 'too-large' | 'type' | 'name';

/** An upload the store refuses; the message can be shown to the uploader. */
export class DocumentRejected extends Error {
  override name = 'DocumentRejected';
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
  }
}

export class DocumentNotFound extends Error {
  override name = 'DocumentNotFound';
}

export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export interface DocumentStoreOptions {
  /** The largest upload accepted, in bytes (DOSSIER_DOCUMENT_MAX_BYTES); default 10 MiB. */
  maxBytes?: number;
}

const HASH = /^[0-9a-f]{64}$/;
const MAGIC = Buffer.from('DOSDOC\x01', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const SNIFF_BYTES = 8;

const SIGNATURES: { type: DocumentType; magic: Buffer }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

/** The type the content's first bytes declare, or undefined for anything else. */
export function sniffType(head: Buffer): DocumentType | undefined {
  return SIGNATURES.find(({ magic }) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic))?.type;
}

/** Why a name is not a plain file name, or undefined when it is one. */
export function nameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length < 1 || name.length > 200) return 'the file name must be 1-200 characters';
  // Control and format characters, among them the bidirectional overrides that disguise an extension.
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(name)) return 'the file name must not contain control characters';
  if (/[/\\]/.test(name)) return 'the file name must be a name, not a path (no "/" or "\\")';
  if (name.trim() !== name || name === '.' || name === '..') return 'the file name must not be "." or "..", nor start or end with a space';
  return undefined;
}

function checkHash(hash: string): void {
  if (typeof hash !== 'string' || !HASH.test(hash))
    throw new DocumentNotFound(`"${String(hash).slice(0, 80)}" is not a document hash (64 lowercase hex digits)`);
}

const describeBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`);

/**
 * Reads an upload once. The type is decided as soon as its first bytes are in, and reading stops
 * (the stream is destroyed, a generator returned) past `maxBytes`: at most `maxBytes` plus one
 * chunk is ever held.
 */
async function receive(content: Readable | AsyncIterable<Buffer>, name: string, maxBytes: number): Promise<{ bytes: Buffer; type: DocumentType }> {
  const problem = nameProblem(name);
  if (problem) {
    (content as Readable).destroy?.();
    throw new DocumentRejected('name', problem);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let type: DocumentType | undefined;
  const refuseType = () =>
    new DocumentRejected('type', `"${name}" is not a PDF, JPEG or PNG file (judged by its content, not its name); only those are accepted`);
  for await (const chunk of content as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.length;
    chunks.push(bytes);
    if (!type && size >= SNIFF_BYTES) {
      type = sniffType(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
      if (!type) throw refuseType();
    }
    if (size > maxBytes) throw new DocumentRejected('too-large', `"${name}" is larger than the ${describeBytes(maxBytes)} accepted`);
  }
  const bytes = Buffer.concat(chunks, size);
  type ??= sniffType(bytes);
  if (!type) throw refuseType();
  return { bytes, type };
}

function documentKey(ringKey: Buffer, hash: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ringKey, Buffer.alloc(0), `dossier document v1 ${hash}`, KEY_BYTES));
}

function seal(ring: KeyRing, meta: StoredDocument, content: Buffer): Buffer {
  const ringKey = ring.keys.get(ring.currentKeyId);
  if (!ringKey) throw new UnknownKeyError(`the current encryption key "${ring.currentKeyId}" is not among the keys given`);
  const keyId = Buffer.from(ring.currentKeyId, 'latin1');
  const header = Buffer.concat([MAGIC, Buffer.from([keyId.length]), keyId, randomBytes(IV_BYTES)]);
  const cipher = createCipheriv('aes-256-gcm', documentKey(ringKey, meta.hash), header.subarray(header.length - IV_BYTES));
  cipher.setAAD(Buffer.concat([header, Buffer.from(meta.hash, 'latin1')]));
  const metaJson = Buffer.from(JSON.stringify({ name: meta.name, type: meta.type, size: meta.size }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(metaJson.length);
  return Buffer.concat([header, cipher.update(length), cipher.update(metaJson), cipher.update(content), cipher.final(), cipher.getAuthTag()]);
}

function unseal(ring: KeyRing, hash: string, sealed: Buffer): { meta: StoredDocument; content: Buffer } {
  const where = `document ${hash}`;
  if (sealed.length < MAGIC.length + 1 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${where} is not an encrypted dossier document`);
  const idLength = sealed[MAGIC.length]!;
  const headerLength = MAGIC.length + 1 + idLength + IV_BYTES;
  if (sealed.length < headerLength + TAG_BYTES) throw new Error(`${where} is truncated`);
  const keyId = sealed.subarray(MAGIC.length + 1, MAGIC.length + 1 + idLength).toString('latin1');
  const ringKey = ring.keys.get(keyId);
  if (!ringKey) {
    throw new UnknownKeyError(
      `cannot decrypt ${where}: it was encrypted with key id "${keyId}", not among the keys here (${[...ring.keys.keys()].join(', ')})`,
    );
  }
  const header = sealed.subarray(0, headerLength);
  const decipher = createDecipheriv('aes-256-gcm', documentKey(ringKey, hash), header.subarray(headerLength - IV_BYTES));
  decipher.setAAD(Buffer.concat([header, Buffer.from(hash, 'latin1')]));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.subarray(headerLength, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`cannot decrypt ${where} with key id "${keyId}": the key does not match or the document was altered`);
  }
  const metaLength = plain.readUInt32BE(0);
  const stored = JSON.parse(plain.subarray(4, 4 + metaLength).toString('utf8')) as Omit<StoredDocument, 'hash'>;
  const content = plain.subarray(4 + metaLength);
  // Authenticated already; this also proves the address is the content's own.
  if (createHash('sha256').update(content).digest('hex') !== hash) throw new Error(`${where} does not hold the content of that hash`);
  return { meta: { hash, name: stored.name, type: stored.type, size: stored.size }, content };
}

/** Where the encrypted objects live: a folder or a bucket. */
interface ObjectBackend {
  exists(hash: string): Promise<boolean>;
  /** The object, or undefined when there is none. */
  get(hash: string): Promise<Buffer | undefined>;
  put(hash: string, data: Buffer): Promise<void>;
}

function encryptedStore(backend: ObjectBackend, ring: KeyRing, options: DocumentStoreOptions): DocumentStore {
  const maxBytes = options.maxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES;
  if (!ring.keys.has(ring.currentKeyId)) throw new UnknownKeyError(`the current encryption key "${ring.currentKeyId}" is not among the keys given`);
  return {
    async put(content, name) {
      const { bytes, type } = await receive(content, name, maxBytes);
      const meta: StoredDocument = { hash: createHash('sha256').update(bytes).digest('hex'), name, type, size: bytes.length };
      if (!(await backend.exists(meta.hash))) await backend.put(meta.hash, seal(ring, meta, bytes));
      return meta;
    },
    async read(hash) {
      checkHash(hash);
      const sealed = await backend.get(hash);
      if (!sealed) throw new DocumentNotFound(`no document ${hash}`);
      return unseal(ring, hash, sealed);
    },
    async has(hash) {
      return HASH.test(hash) && backend.exists(hash);
    },
  };
}

/** Documents as files under `dir` (`dir/ab/abcd…`), each written to a temporary file and renamed into place. */
export function folderStore(dir: string, ring: KeyRing, options: DocumentStoreOptions = {}): DocumentStore {
  const pathOf = (hash: string) => join(dir, hash.slice(0, 2), hash);
  return encryptedStore(
    {
      async exists(hash) {
        return stat(pathOf(hash)).then(
          () => true,
          (err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return false;
            throw err;
          },
        );
      },
      async get(hash) {
        return readFile(pathOf(hash)).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return undefined;
          throw err;
        });
      },
      async put(hash, data) {
        const path = pathOf(hash);
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        const file = await open(temp, 'wx', 0o600);
        try {
          await file.writeFile(data);
          await file.sync();
          await file.close();
          await rename(temp, path);
        } catch (err) {
          await file.close().catch(() => {});
          await unlink(temp).catch(() => {});
          throw err;
        }
      },
    },
    ring,
    options,
  );
}

export interface S3Options {
  /** The server, e.g. http://minio:9000 (requests go path-style to ENDPOINT/BUCKET/KEY). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const S3_TIMEOUT_MS = 60_000;
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Documents as objects in an S3-compatible bucket (AWS S3, MinIO, …): PutObject, GetObject and HeadObject, signed with SigV4. */
export function s3Store(s3: S3Options, ring: KeyRing, options: DocumentStoreOptions = {}): DocumentStore {
  const base = `${s3.endpoint.replace(/\/+$/, '')}/${s3.bucket}`;
  const call = async (method: 'GET' | 'HEAD' | 'PUT', hash: string, body?: Buffer): Promise<Response> => {
    const url = new URL(`${base}/${hash}`);
    const payloadHash = body ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256;
    const headers: Record<string, string> = { 'x-amz-content-sha256': payloadHash };
    if (body) headers['content-type'] = 'application/octet-stream';
    const signed = signV4({ method, url, headers, payloadHash }, { ...s3, service: 's3' });
    const operation = { GET: 'GetObject', HEAD: 'HeadObject', PUT: 'PutObject' }[method];
    let response: Response;
    try {
      response = await fetch(url, { method, headers: { ...headers, ...signed.headers }, body, signal: AbortSignal.timeout(S3_TIMEOUT_MS) });
    } catch (err) {
      throw new Error(`S3 ${operation} ${s3.bucket}/${hash} at ${s3.endpoint} failed: ${(err as Error).message}`);
    }
    if (response.ok || response.status === 404) return response;
    const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    throw new Error(
      `S3 ${operation} ${s3.bucket}/${hash} at ${s3.endpoint} failed: ${response.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`,
    );
  };
  return encryptedStore(
    {
      async exists(hash) {
        return (await call('HEAD', hash)).status !== 404;
      },
      async get(hash) {
        const response = await call('GET', hash);
        if (response.status === 404) {
          await response.body?.cancel();
          return undefined;
        }
        return Buffer.from(await response.arrayBuffer());
      },
      async put(hash, data) {
        const response = await call('PUT', hash, data);
        await response.body?.cancel();
        if (response.status === 404) throw new Error(`S3 PutObject ${s3.bucket}/${hash} at ${s3.endpoint} failed: 404 (no such bucket?)`);
      },
    },
    ring,
    options,
  );
}

/** The store the configuration names: the S3 bucket of DOSSIER_DOCUMENTS_S3_URL, else `$DOSSIER_DATA_DIR/documents`. */
export function documentStoreFor(config: Config): DocumentStore {
  const ring = keyRingFor(config);
  const options = { maxBytes: config.DOSSIER_DOCUMENT_MAX_BYTES };
  const url = config.DOSSIER_DOCUMENTS_S3_URL;
  if (!url) return folderStore(join(config.DOSSIER_DATA_DIR, 'documents'), ring, options);
  const accessKeyId = config.DOSSIER_DOCUMENTS_S3_ACCESS_KEY;
  const secretAccessKey = config.DOSSIER_DOCUMENTS_S3_SECRET_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError('DOSSIER_DOCUMENTS_S3_URL needs DOSSIER_DOCUMENTS_S3_ACCESS_KEY and DOSSIER_DOCUMENTS_S3_SECRET_KEY');
  }
  const parsed = new URL(url);
  const bucket = parsed.pathname.replace(/^\/|\/$/g, '');
  return s3Store({ endpoint: parsed.origin, bucket, region: config.DOSSIER_DOCUMENTS_S3_REGION, accessKeyId, secretAccessKey }, ring, options);
}

// AWS Signature Version 4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export interface SigV4Request {
  method: string;
  url: URL;
  /** The headers to sign besides `host` (taken from the URL) and `x-amz-date` (added). */
  headers: Record<string, string>;
  /** SHA-256 of the body, hex (for S3 also sent as x-amz-content-sha256). */
  payloadHash: string;
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ percent-encoded. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Signs a request: returns the headers to send with it (`authorization`, `x-amz-date`) and the
 * signature. The path is encoded once, as S3 wants (other services' paths with reserved characters
 * would need it twice; dossier signs only S3 and plain paths).
 */
export function signV4(
  request: SigV4Request,
  credentials: SigV4Credentials,
  now: Date = new Date(),
): { headers: { authorization: string; 'x-amz-date': string }; signature: string } {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const headers = new Map<string, string>([
    ['host', request.url.host],
    ['x-amz-date', amzDate],
  ]);
  for (const [name, value] of Object.entries(request.headers)) headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  const names = [...headers.keys()].sort();
  const path = request.url.pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  const query = [...request.url.searchParams]
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonical = [
    request.method.toUpperCase(),
    path || '/',
    query,
    names.map((name) => `${name}:${headers.get(name)}\n`).join(''),
    names.join(';'),
    request.payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), credentials.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
      'x-amz-date': amzDate,
    },
    signature,
  };
}
