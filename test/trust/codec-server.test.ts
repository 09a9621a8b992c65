/** The codec server over real HTTP: the web UI's protocol, the bearer token, CORS, and garbage bodies. */
import type { Server } from 'node:http';
import { defaultPayloadConverter } from '@temporalio/common';
import fc from 'fast-check';
import { createCodecServer, listen } from '../../worker/codec-server';
import { newKeyEntry } from '../../platform/codec';
import { loadConfig } from '../../platform/config';
import { codecFor } from '../../platform/data-converter';

const UI = 'http://127.0.0.1:8233';
const TOKEN = 'operator-token-0123456789abcdef';
const codec = codecFor(loadConfig({ DOSSIER_ENCRYPTION_KEYS: newKeyEntry('k1') }));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createCodecServer({ codec, token: TOKEN, origins: [UI] });
  base = `http://127.0.0.1:${(await listen(server, 0)).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

const post = (path: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: UI, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const asJson = (payload: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(payload.data!).toString('base64'),
});

test('encode then decode over HTTP gives the payload back; the UI origin may read the answer', async () => {
  const plain = asJson(defaultPayloadConverter.toPayload({ name: 'Amira Example' })!);
  const encoded = await post('/encode', { payloads: [plain] });
  expect(encoded.status).toBe(200);
  expect(encoded.headers.get('access-control-allow-origin')).toBe(UI);
  const sealed = (await encoded.json()) as { payloads: (typeof plain)[] };
  expect(Buffer.from(sealed.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(sealed.payloads[0]!.data, 'base64').toString()).not.toContain('Amira');

  // The web UI's form: the token as the endpoint's first path segment, no Authorization header.
  const decoded = await post(`/${TOKEN}/decode`, sealed, {});
  expect(decoded.status).toBe(200);
  expect(await decoded.json()).toEqual({ payloads: [plain] });
});

test('without the token, or with a wrong one, nothing is decoded (401)', async () => {
  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Amira Example' })!]);
  const body = { payloads: [asJson(sealed!)] };
  const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token-0123456789abcdef' }, { Authorization: TOKEN }];
  for (const headers of attempts) {
    const res = await post('/decode', body, headers);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Amira');
  }
  expect((await post('/not-the-token/decode', body, {})).status).toBe(401);
});

test('CORS preflight: answered for the UI origin only', async () => {
  const preflight = (origin: string) =>
    fetch(`${base}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-namespace' },
    });
  const ok = await preflight(UI);
  expect(ok.status).toBe(204);
  expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
  expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
  expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
  expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

  const other = await preflight('http://evil.example');
  expect(other.status).toBe(403);
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

test('200 generated malformed bodies get a 4xx with a reason; the server keeps answering', async () => {
  const body = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({ payloads: fc.anything() }),
    fc.record({ payloads: fc.array(fc.record({ metadata: fc.dictionary(fc.string(), fc.string()), data: fc.string() }, { requiredKeys: [] })) }),
  );
  const statuses: number[] = [];
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom('/encode', '/decode'), async (b, path) => {
      const res = await post(path, typeof b === 'string' ? b : JSON.stringify(b));
      statuses.push(res.status);
      // Some generated bodies are valid (e.g. an empty list, or plain base64 payloads): those are answered 200.
      expect([200, 400]).toContain(res.status);
      if (res.status === 400) expect(((await res.json()) as { error: string }).error).toMatch(/\S/);
      else await res.arrayBuffer();
    }),
    { numRuns: 200 },
  );
  expect(statuses).toHaveLength(200);
  expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(100);
  const alive = await post('/encode', { payloads: [] });
  expect(alive.status).toBe(200);
});
