/**
 * The codec server: lets the Temporal web UI (and `temporal` CLI's `--codec-endpoint`) show an
 * authorised operator decrypted history, without the key ever leaving this process. Protocol of
 * Temporal's remote codec: `POST /encode` and `POST /decode` with `{"payloads":[{metadata, data}]}`,
 * every byte field in base64, answered in the same shape.
 *
 * Authorisation: `Authorization: Bearer TOKEN`, or the token as the first path segment
 * (`/TOKEN/decode`), because the web UI sends no header of its own unless it runs with OIDC: the
 * operator then enters `http://HOST:PORT/TOKEN` as the UI's codec endpoint. CORS answers only the
 * configured UI origins.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';

export interface CodecServerOptions {
  codec: PayloadCodec;
  token: string;
  /** Browser origins allowed to call (the web UI), e.g. http://127.0.0.1:8233. */
  origins: string[];
}

const MAX_BODY_BYTES = 8 * 1024 * 1024; // a history page of payloads; a single payload is at most 2 MB

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createCodecServer({ codec, token, origins }: CodecServerOptions): Server {
  const expected = Buffer.from(`Bearer ${token}`);
  const authorised = (req: IncomingMessage, pathToken: string | undefined) => {
    const given = Buffer.from(pathToken !== undefined ? `Bearer ${pathToken}` : (req.headers.authorization ?? ''));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      // A preflight carries no credentials: it only learns what the real request may send.
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
      return res.writeHead(origin && origins.includes(origin) ? 204 : 403).end();
    }
    handle(req, authorised)
      .then((body) => send(res, 200, body))
      .catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 400;
        send(res, status, { error: err instanceof Error ? err.message : String(err) });
      });
  });

  async function handle(req: IncomingMessage, authorisedBy: typeof authorised): Promise<{ payloads: JsonPayload[] }> {
    const segments = new URL(req.url ?? '/', 'http://codec').pathname.split('/').filter(Boolean);
    const action = segments.at(-1);
    const pathToken = segments.length === 2 ? segments[0] : undefined;
    if (segments.length > 2 || (action !== 'encode' && action !== 'decode')) throw new HttpError(404, 'POST /encode or /decode');
    if (!authorisedBy(req, pathToken)) throw new HttpError(401, 'a valid bearer token is required');
    if (req.method !== 'POST') throw new HttpError(405, `${action} takes POST`);
    const body = await readJson(req);
    const payloads = parsePayloads(body);
    const result = action === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    return { payloads: result.map(toJson) };
  }
}

/** Listens on the port (0 for any) and resolves with the bound address. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

function parsePayloads(body: unknown): Payload[] {
  const list = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(list)) throw new HttpError(400, 'payloads: must be an array');
  return list.map((p: JsonPayload, i) => {
    if (typeof p !== 'object' || p === null) throw new HttpError(400, `payloads[${i}]: must be an object`);
    const metadata = Object.entries(p.metadata ?? {}).map(([k, v]) => [k, base64(v, `payloads[${i}].metadata.${k}`)] as const);
    return { metadata: Object.fromEntries(metadata), data: base64(p.data ?? '', `payloads[${i}].data`) };
  });
}

function base64(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new HttpError(400, `${field}: must be base64`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function toJson(payload: Payload): JsonPayload {
  const metadata = Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]);
  return { metadata: Object.fromEntries(metadata), data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
