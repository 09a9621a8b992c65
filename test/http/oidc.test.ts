/**
 * Login through the office's identity provider (OpenID Connect, code flow with PKCE) over real
 * HTTP: a real provider on loopback (test/support/identity-provider.ts), the office behind a front
 * proxy whose address is its DOSSIER_PUBLIC_URL (known before the office listens, as in
 * production), and a browser that follows each redirect by hand, carrying its cookies. Good logins
 * open sessions; each kind of bad answer is refused and logged without personal data; a provider
 * that is not usable stops start-up with a message naming DOSSIER_OIDC_ISSUER.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { officeRole } from '../../http/oidc';
import { buildServer } from '../../http/server';
import { Accounts } from '../../platform/accounts';
import { ConfigError, loadConfig } from '../../platform/config';
import { openDatabase } from '../../platform/database';
import { IdentityProvider, type TokenTampering } from '../support/identity-provider';
import { Office } from '../support/office';

/** A reverse proxy that listens first, so that its URL can be the DOSSIER_PUBLIC_URL of a server started after it. */
class FrontProxy {
  target = '';

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FrontProxy> {
    const server = await listening(createServer());
    const front = new FrontProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (request, response) => {
      const upstream = httpRequest(`${front.target}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.writeHead(502).end());
      request.pipe(upstream);
    });
    return front;
  }

  close(): Promise<void> {
    return closed(this.server);
  }
}

async function listening(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Follows no redirect by itself; keeps the cookies each origin sets and sends them back there. Every URL it visited is kept. */
class Browser {
  readonly visited: string[] = [];
  cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    this.visited.push(url);
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    this.cookies.set(origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [, name, value] = /^([^=]+)=([^;]*)/.exec(line)!;
      if (value) jar.set(name!, value!);
      else jar.delete(name!);
    }
    return response;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.cookies.get(origin)?.get(name);
  }
}

interface Login {
  start: Response;
  authorize: URL;
  /** The URL the provider sent the browser back to, with its code and state. */
  callback: URL;
}

/** The first two legs: the office sends the browser to the provider, which sends it back with a code. */
async function toProviderAndBack(browser: Browser, base: string, next?: string): Promise<Login> {
  const start = await browser.get(`${base}/login/oidc${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const back = await browser.get(authorize.href);
  expect(back.status).toBe(302);
  return { start, authorize, callback: new URL(back.headers.get('location')!) };
}

/** The whole login; the answer of the callback. */
async function logIn(browser: Browser, base: string, next?: string): Promise<Response> {
  const { callback } = await toProviderAndBack(browser, base, next);
  return browser.get(callback.href);
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the server answered, field by field
const json = async (response: Response): Promise<any> => JSON.parse(await response.text());

let idp: IdentityProvider;
let front: FrontProxy;
let office: Office;
const CLIENT_ID = 'dossier-office';
const CASEWORKER = { sub: '6f1c2a9e-0b4d-4e37-9a51-caseworker01', claims: { preferred_username: 'cw-oidc-1', roles: ['caseworker', 'offline_access'] } };
/** Every browser of this file: none of the codes, states and cookies they saw may reach the log. */
const browsers: Browser[] = [];
const newBrowser = () => {
  const browser = new Browser();
  browsers.push(browser);
  return browser;
};

beforeAll(async () => {
  [idp, front] = await Promise.all([IdentityProvider.start(), FrontProxy.start()]);
  idp.clients.set(CLIENT_ID, { redirectUri: `${front.url}/login/oidc/callback` });
  office = await Office.start({ DOSSIER_PUBLIC_URL: front.url, DOSSIER_OIDC_ISSUER: idp.url, DOSSIER_OIDC_CLIENT_ID: CLIENT_ID });
  front.target = office.baseUrl;
}, 120_000);
afterAll(async () => {
  await office?.stop();
  await Promise.all([idp?.close(), front?.close()]);
});
beforeEach(() => {
  idp.user = structuredClone(CASEWORKER);
});

test('a caseworker logs in through the identity provider (PKCE S256, state and nonce in a sealed cookie) and the session works', async () => {
  const browser = newBrowser();
  const { start, authorize, callback } = await toProviderAndBack(browser, front.url, '/cases?state=open');
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.url}/authorize`);
  const params = Object.fromEntries(authorize.searchParams);
  expect(params).toEqual({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: `${front.url}/login/oidc/callback`,
    scope: 'openid profile',
    state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    code_challenge: idp.challenges.at(-1),
    code_challenge_method: 'S256',
  });
  const stateCookie = start.headers.getSetCookie().find((line) => line.startsWith('dossier_oidc='))!;
  expect(stateCookie).toMatch(/; Max-Age=600;.*Path=\/login\/oidc;.*HttpOnly; SameSite=Lax/);
  expect(stateCookie).not.toContain(params.state);
  expect(stateCookie).not.toContain(params.nonce);

  const end = await browser.get(callback.href);
  expect([end.status, end.headers.get('location')]).toEqual([303, '/cases?state=open']);
  expect(browser.cookie(front.url, 'dossier_oidc')).toBeUndefined();
  expect(browser.cookie(front.url, 'dossier_session')).toBeDefined();
  expect((await browser.get(`${front.url}/api/v1/cases`)).status).toBe(200);
  const session = await json(await browser.get(`${front.url}/api/v1/session`));
  expect(session.principal).toEqual({ id: 'cw-oidc-1', role: 'caseworker' });
});

test("the web app's login page offers the identity provider, keeping where the person was going", async () => {
  const page = await fetch(`${office.baseUrl}/login?next=${encodeURIComponent('/cases/NL-2026-1')}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<a href="/login/oidc?next=%2Fcases%2FNL-2026-1">');
});

test('the id is the user name when valid, else the subject; the role comes from the claim; no office role is 403', async () => {
  idp.user = { sub: 'op-7', claims: { preferred_username: 'Jan de Vries', roles: 'operator' } };
  const operator = newBrowser();
  const end = await logIn(operator, front.url, 'https://elsewhere.example/');
  expect([end.status, end.headers.get('location')]).toEqual([303, '/']);
  expect((await json(await operator.get(`${front.url}/api/v1/session`))).principal).toEqual({ id: 'op-7', role: 'operator' });

  idp.user = { sub: 'visitor-1', claims: { preferred_username: 'visitor-1', roles: ['viewer'], groups: ['caseworker'] } };
  const visitor = newBrowser();
  const refused = await logIn(visitor, front.url);
  expect([refused.status, refused.headers.get('content-type')]).toEqual([403, expect.stringContaining('application/problem+json')]);
  const detail = 'your account at the identity provider has no dossier role: its claim "roles" names neither caseworker nor operator';
  expect((await json(refused)).detail).toBe(`login through the identity provider refused: ${detail}`);
  expect(visitor.cookie(front.url, 'dossier_session')).toBeUndefined();
});

const now = Math.floor(Date.now() / 1000);
test.each<[string, TokenTampering, string]>([
  ['a tampered payload (the signature no longer matches)', { forged: { preferred_username: 'op-forged', roles: ['operator'] } }, 'signature is not valid'],
  ['a signature by a key the provider does not publish', { unpublishedKey: true }, 'a key the identity provider does not publish'],
  ['no signature algorithm (alg none)', { header: { alg: 'none' } }, 'an algorithm dossier does not accept'],
  ['another audience', { claims: { aud: 'another-client' } }, 'meant for another client'],
  ['two audiences and no authorized party', { claims: { aud: [CLIENT_ID, 'another-client'] } }, 'another party (azp)'],
  ['another issuer', { claims: { iss: 'https://idp.elsewhere.example' } }, 'another issuer'],
  ['an expiry past (beyond 60 s of leeway)', { claims: { iat: now - 3600, exp: now - 61 } }, 'has expired'],
  ['an issue time in the future', { claims: { iat: now + 600, exp: now + 900 } }, 'issued in the future'],
  ['the nonce of another login', { claims: { nonce: 'not-this-login' } }, 'does not answer this login (nonce)'],
  ['no nonce', { claims: { nonce: undefined } }, 'does not answer this login (nonce)'],
  ['no expiry', { claims: { exp: undefined } }, 'lacks a field'],
])('an ID token with %s is refused (401), and no session opened', async (_what, tampering, reason) => {
  idp.tampering = tampering;
  const browser = newBrowser();
  const refused = await logIn(browser, front.url);
  expect([refused.status, (await json(refused)).detail]).toEqual([401, expect.stringContaining(reason)]);
  expect(browser.cookie(front.url, 'dossier_session')).toBeUndefined();
});

test('a callback is refused with a wrong state, without the login cookie or with a forged one, with an unknown or replayed code, or an error', async () => {
  const refusal = async (browser: Browser, url: URL) => {
    const response = await browser.get(url.href);
    return [response.status, (await json(response)).detail];
  };
  const withParam = (url: URL, name: string, value: string) => {
    const changed = new URL(url);
    changed.searchParams.set(name, value);
    return changed;
  };

  let browser = newBrowser();
  let login = await toProviderAndBack(browser, front.url);
  expect(await refusal(browser, withParam(login.callback, 'state', 'x'.repeat(43)))).toEqual([401, expect.stringContaining('(state)')]);
  // The state is spent with the first answer: the right one, after a wrong one, is refused too.
  expect(await refusal(browser, login.callback)).toEqual([401, expect.stringContaining('expired or was started in another browser')]);

  // Login CSRF: someone else's callback URL, opened in a browser that did not start the login.
  login = await toProviderAndBack(newBrowser(), front.url);
  expect(await refusal(newBrowser(), login.callback)).toEqual([401, expect.stringContaining('expired or was started in another browser')]);

  // A login cookie changed by the browser does not open.
  browser = newBrowser();
  login = await toProviderAndBack(browser, front.url);
  const sealed = browser.cookie(front.url, 'dossier_oidc')!;
  browser.cookies.get(front.url)!.set('dossier_oidc', `${sealed.slice(0, 40)}${sealed[40] === 'A' ? 'B' : 'A'}${sealed.slice(41)}`);
  expect(await refusal(browser, login.callback)).toEqual([401, expect.stringContaining('expired or was started in another browser')]);

  browser = newBrowser();
  login = await toProviderAndBack(browser, front.url);
  expect(await refusal(browser, withParam(login.callback, 'code', 'made-up-code'))).toEqual([401, expect.stringContaining('did not accept the login code')]);

  // Replay: the callback URL and the login cookie, captured and sent again after the login.
  browser = newBrowser();
  login = await toProviderAndBack(browser, front.url);
  const captured = structuredClone(browser.cookies);
  expect((await browser.get(login.callback.href)).status).toBe(303);
  const attacker = newBrowser();
  attacker.cookies = captured;
  expect(await refusal(attacker, login.callback)).toEqual([401, expect.stringContaining('did not accept the login code')]);
  expect(idp.refusals.slice(-2)).toEqual(['unknown or used code', 'unknown or used code']);

  browser = newBrowser();
  login = await toProviderAndBack(browser, front.url);
  const denied = new URL(`${login.callback.origin}${login.callback.pathname}?error=access_denied&state=${login.callback.searchParams.get('state')}`);
  expect(await refusal(browser, denied)).toEqual([
    401,
    'login through the identity provider refused: the identity provider did not log you in (access_denied)',
  ]);
});

test('after the provider rotates its key (to ES256), the new key is fetched and logins go on', async () => {
  idp.rotateKey('ES256');
  const browser = newBrowser();
  expect((await logIn(browser, front.url)).status).toBe(303);
  expect((await browser.get(`${front.url}/api/v1/cases`)).status).toBe(200);
});

test('denials are logged with route and reason; no code, state, token or claim reaches the log', async () => {
  idp.tampering = { claims: { nonce: 'not-this-login' } };
  await logIn(newBrowser(), front.url);
  const denials = office.logLines.filter((line) => line.includes('request denied') && line.includes('/login/oidc/callback'));
  expect(JSON.parse(denials.at(-1)!).denied).toEqual({
    status: 401,
    method: 'GET',
    route: '/login/oidc/callback',
    reason: 'login through the identity provider refused: the ID token does not answer this login (nonce)',
  });

  const log = office.logLines.join('\n');
  const callbacks = browsers.flatMap((browser) => browser.visited.filter((url) => url.includes('/login/oidc/callback')).map((url) => new URL(url)));
  const secrets = [
    ...idp.issued,
    ...callbacks.flatMap((url) => [url.searchParams.get('code'), url.searchParams.get('state')]).filter((value) => value && value.length > 8),
    ...browsers.flatMap((browser) => [...browser.cookies.values()].flatMap((jar) => [...jar.values()])),
  ];
  expect(secrets.length).toBeGreaterThan(30);
  for (const secret of secrets) expect(log).not.toContain(secret);
  expect(log).not.toMatch(/cw-oidc-1|op-7|Jan de Vries|visitor-1|6f1c2a9e|offline_access|viewer/);
  expect(log).toContain('"url":"/login/oidc/callback"');
});

/** The HTTP server alone, on a fresh SQLite file; its Temporal client never connects (logging in needs none). */
async function startServer(env: NodeJS.ProcessEnv): Promise<{ app: FastifyInstance; logLines: string[]; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-oidc-'));
  const config = loadConfig({ DOSSIER_DATA_DIR: dataDir, ...env });
  const database = await openDatabase(config);
  const client = new Client();
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let app: FastifyInstance | undefined;
  const close = async () => {
    await app?.close();
    await database.close();
    await client.connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    app = await buildServer({ client, config, db: database.db, accounts: new Accounts(database.db), logger: { level: 'info', stream } });
    return { app, logLines, close };
  } catch (err) {
    await close();
    throw err;
  }
}

test('a confidential client (client_secret_basic) with a dotted role claim and a role map; a wrong secret is 502 with a log line', async () => {
  const proxy = await FrontProxy.start();
  const secret = 'a secret: with spaces+symbols&=';
  idp.clients.set('dossier-confidential', { secret, redirectUri: `${proxy.url}/login/oidc/callback` });
  const server = await startServer({
    DOSSIER_PUBLIC_URL: proxy.url,
    DOSSIER_OIDC_ISSUER: idp.url,
    DOSSIER_OIDC_CLIENT_ID: 'dossier-confidential',
    DOSSIER_OIDC_CLIENT_SECRET: secret,
    DOSSIER_OIDC_ROLE_CLAIM: 'realm_access.roles',
    DOSSIER_OIDC_ROLE_MAP: 'office-admin=operator, office-staff=caseworker',
  });
  try {
    proxy.target = await server.app.listen({ host: '127.0.0.1', port: 0 });
    idp.user = { sub: 'admin-1', claims: { realm_access: { roles: ['office-staff', 'office-admin'] } } };
    const browser = newBrowser();
    expect((await logIn(browser, proxy.url)).status).toBe(303);
    expect((await json(await browser.get(`${proxy.url}/api/v1/session`))).principal).toEqual({ id: 'admin-1', role: 'operator' });

    idp.clients.set('dossier-confidential', { secret: 'rotated at the provider', redirectUri: `${proxy.url}/login/oidc/callback` });
    const failed = await logIn(newBrowser(), proxy.url);
    expect([failed.status, (await json(failed)).detail]).toEqual([502, expect.stringContaining('tell the operator')]);
    const line = server.logLines.find((l) => l.includes('"status":502'));
    expect(JSON.parse(line!)).toMatchObject({ level: 50, denied: { reason: expect.stringContaining('answered 401 (invalid_client)') } });
    expect(server.logLines.join('\n')).not.toContain(secret);
  } finally {
    await server.close();
    await proxy.close();
  }
});

test.each<[string, (issuer: string) => Record<string, unknown>, RegExp]>([
  ['names another issuer', () => ({ issuer: 'https://idp.elsewhere.example' }), /names another issuer, "https:\/\/idp.elsewhere.example"/],
  ['lacks PKCE with S256', () => ({ code_challenge_methods_supported: ['plain'] }), /does not offer PKCE with S256/],
  ['signs with an algorithm dossier does not verify', () => ({ id_token_signing_alg_values_supported: ['HS256'] }), /signs ID tokens with HS256/],
  ['lacks a token endpoint', () => ({ token_endpoint: undefined }), /is not usable: token_endpoint: /],
  ['sends tokens to a plain-http host', () => ({ token_endpoint: 'http://idp.example/token' }), /token_endpoint: must be an https:\/\/ URL/],
  ['has a key set that is not a JWKS', (issuer) => ({ jwks_uri: `${issuer}/.well-known/openid-configuration` }), /its key set .* is not a JWKS: keys: /],
  ['has a key set that is not there', (issuer) => ({ jwks_uri: `${issuer}/no-such-jwks` }), /its key set .*\/no-such-jwks answered 404/],
])('start-up fails, naming DOSSIER_OIDC_ISSUER, when the provider %s', async (_what, discovery, message) => {
  idp.discovery = discovery(idp.url);
  try {
    const start = startServer({ DOSSIER_PUBLIC_URL: 'http://127.0.0.1:8080', DOSSIER_OIDC_ISSUER: idp.url, DOSSIER_OIDC_CLIENT_ID: CLIENT_ID });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/^DOSSIER_OIDC_ISSUER: cannot log in through the identity provider http:\/\/127.0.0.1:\d+\/realms\/office: /);
    await expect(start).rejects.toThrow(message);
  } finally {
    idp.discovery = {};
  }
});

test('start-up fails, naming DOSSIER_OIDC_ISSUER, when the issuer does not answer', async () => {
  const gone = await listening(createServer());
  const port = (gone.address() as AddressInfo).port;
  await closed(gone);
  const start = startServer({
    DOSSIER_PUBLIC_URL: 'http://127.0.0.1:8080',
    DOSSIER_OIDC_ISSUER: `http://127.0.0.1:${port}`,
    DOSSIER_OIDC_CLIENT_ID: CLIENT_ID,
  });
  await expect(start).rejects.toThrow(
    `DOSSIER_OIDC_ISSUER: cannot log in through the identity provider http://127.0.0.1:${port}: ` +
      `http://127.0.0.1:${port}/.well-known/openid-configuration did not answer (ECONNREFUSED)`,
  );
});

describe('configuration', () => {
  const BOTH = { DOSSIER_OIDC_ISSUER: 'https://idp.example/realms/office', DOSSIER_OIDC_CLIENT_ID: 'dossier', DOSSIER_PUBLIC_URL: 'https://dossier.example/' };

  test('nothing set: off; issuer and client id: on, with the defaults', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig(BOTH).oidc).toEqual({
      issuer: 'https://idp.example/realms/office',
      clientId: 'dossier',
      clientSecret: undefined,
      roleClaim: 'roles',
      roleMap: null,
      redirectUrl: 'https://dossier.example/login/oidc/callback',
    });
    const local = loadConfig({
      DOSSIER_OIDC_ISSUER: 'http://localhost:8180/realms/dev',
      DOSSIER_OIDC_CLIENT_ID: 'dossier',
      DOSSIER_OIDC_REDIRECT_URL: 'http://127.0.0.1:8080/login/oidc/callback',
      DOSSIER_OIDC_ROLE_MAP: 'staff=caseworker,admins = operator',
    }).oidc;
    expect(local?.redirectUrl).toBe('http://127.0.0.1:8080/login/oidc/callback');
    expect([...local!.roleMap!]).toEqual([
      ['staff', 'caseworker'],
      ['admins', 'operator'],
    ]);
  });

  test.each([
    [{ DOSSIER_OIDC_ISSUER: 'https://idp.example' }, 'DOSSIER_OIDC_CLIENT_ID: OpenID Connect needs both DOSSIER_OIDC_ISSUER and DOSSIER_OIDC_CLIENT_ID'],
    [{ DOSSIER_OIDC_CLIENT_ID: 'dossier' }, 'DOSSIER_OIDC_ISSUER: OpenID Connect needs both'],
    [{ ...BOTH, DOSSIER_OIDC_ISSUER: 'http://idp.example' }, 'DOSSIER_OIDC_ISSUER: must be an https:// URL (http:// only for localhost or 127.0.0.1)'],
    [{ ...BOTH, DOSSIER_OIDC_ISSUER: 'https://idp.example/?realm=office' }, 'DOSSIER_OIDC_ISSUER: must be an https:// URL'],
    [{ ...BOTH, DOSSIER_OIDC_ISSUER: 'idp.example' }, 'DOSSIER_OIDC_ISSUER: must be an https:// URL'],
    [{ ...BOTH, DOSSIER_PUBLIC_URL: undefined }, 'DOSSIER_OIDC_REDIRECT_URL: needed with DOSSIER_OIDC_ISSUER: set it, or DOSSIER_PUBLIC_URL'],
    [{ ...BOTH, DOSSIER_OIDC_REDIRECT_URL: 'https://dossier.example/oidc' }, 'DOSSIER_OIDC_REDIRECT_URL: must end in /login/oidc/callback'],
    [{ ...BOTH, DOSSIER_OIDC_CLIENT_ID: 'my client' }, 'DOSSIER_OIDC_CLIENT_ID: must be a client id'],
    [{ ...BOTH, DOSSIER_OIDC_ROLE_CLAIM: 'realm_access..roles' }, 'DOSSIER_OIDC_ROLE_CLAIM: must be a claim name or a dotted path'],
    [{ ...BOTH, DOSSIER_OIDC_ROLE_MAP: 'admins=boss' }, 'DOSSIER_OIDC_ROLE_MAP: "admins=boss" is not IDP-ROLE=caseworker or IDP-ROLE=operator'],
    [{ ...BOTH, DOSSIER_OIDC_ROLE_MAP: 'staff=caseworker,staff=operator' }, 'DOSSIER_OIDC_ROLE_MAP: "staff" is mapped twice'],
    [{ DOSSIER_OIDC_ROLE_MAP: 'staff=caseworker' }, 'DOSSIER_OIDC_ROLE_MAP: has no effect without DOSSIER_OIDC_ISSUER and DOSSIER_OIDC_CLIENT_ID'],
  ])('a bad value stops start-up with a message naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('a client secret set alone is named, never shown', () => {
    const secret = 'the-client-secret-value';
    expect(() => loadConfig({ DOSSIER_OIDC_CLIENT_SECRET: secret })).toThrow('DOSSIER_OIDC_CLIENT_SECRET: has no effect without DOSSIER_OIDC_ISSUER');
    expect(() => loadConfig({ DOSSIER_OIDC_CLIENT_SECRET: secret })).not.toThrow(secret);
  });
});

test('the office role: a claim by its exact name or a dotted path, strings only, the first entry of the map held', () => {
  const defaults = { roleClaim: 'roles', roleMap: null };
  expect(officeRole({ roles: ['operator', 'caseworker'] }, defaults)).toBe('caseworker');
  expect(officeRole({ roles: 'operator' }, defaults)).toBe('operator');
  expect(officeRole({ roles: [{ name: 'caseworker' }, 7] }, defaults)).toBeNull();
  expect(officeRole({ role: 'caseworker' }, defaults)).toBeNull();
  const nested = { roleClaim: 'realm_access.roles', roleMap: new Map([['staff', 'caseworker' as const]]) };
  expect(officeRole({ realm_access: { roles: ['staff'] } }, nested)).toBe('caseworker');
  expect(officeRole({ realm_access: { roles: ['caseworker'] } }, nested)).toBeNull();
  expect(officeRole({ 'realm_access.roles': 'staff' }, nested)).toBe('caseworker');
  expect(officeRole({ realm_access: ['staff'] }, nested)).toBeNull();
  expect(officeRole({ 'https://office.example/roles': ['operator'] }, { roleClaim: 'https://office.example/roles', roleMap: null })).toBe('operator');
});
