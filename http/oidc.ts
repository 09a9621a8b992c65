/**
 * Login through the office's identity provider with OpenID Connect: the authorization code flow
 * with PKCE (S256). `GET /login/oidc` sends the browser to the provider; `GET /login/oidc/callback`
 * takes the code back, exchanges it at the token endpoint, verifies the ID token (signature by the
 * provider's published keys, issuer, audience, times, nonce) and opens a session as the password
 * login does. The role comes from a claim of the ID token, through DOSSIER_OIDC_ROLE_MAP.
 *
 * What the browser carries from the one to the other (state, nonce, PKCE verifier, where to go
 * next) travels in a short-lived cookie encrypted with a key made at start: never in a logged URL,
 * and the browser can neither read nor forge it. A restart ends the logins under way (start again).
 * Denials are logged with the route and the reason only, never a code, a token or a claim's value.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  randomBytes,
  timingSafeEqual,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issueLines } from '../domain/case';
import { ActorSchema } from '../domain/roles';
import type { Principal, UserRole } from '../platform/accounts';
import { ConfigError, OIDC_CALLBACK_PATH, secureUrl, type OidcConfig } from '../platform/config';
import { denied, setSessionCookie } from './auth';
import { HttpProblem } from './problems';
import type { ApiContext } from './server';
import { isLocalPath } from './web/layout';

const LOGIN_PATH = '/login/oidc';
const STATE_COOKIE = 'dossier_oidc';
/** Minutes a person has at the identity provider before the login must start again. */
const STATE_MINUTES = 10;
/** Seconds of clock difference allowed between the provider and this server. */
const LEEWAY_S = 60;
const TIMEOUT_MS = 10_000;
const ALGORITHMS = ['RS256', 'ES256'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

/** A login refused for a reason the person can act on (401, 403); the reason names no value. */
class Refused extends Error {
  constructor(
    readonly status: 401 | 403,
    reason: string,
  ) {
    super(reason);
  }
}

/** The provider failed (down, or refusing this client): 502, and the operator has a log line. */
class ProviderFailed extends Error {}

// ---- the provider: discovery and keys ----

const endpoint = z.string().refine((text) => secureUrl(text) !== null, 'must be an https:// URL (http:// only to localhost or 127.0.0.1)');

const DiscoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: endpoint,
  token_endpoint: endpoint,
  jwks_uri: endpoint,
  code_challenge_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
});

interface Provider {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  keys: KeySet;
}

const causeOf = (err: unknown): string => {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
};

/** The JSON at `url`; `fail` words what went wrong (start-up and request time fail differently). */
async function getJson(url: string, fail: (reason: string) => Error): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw fail(`${url} did not answer (${causeOf(err)})`);
  }
  if (!response.ok) throw fail(`${url} answered ${response.status}`);
  return response.json().catch(() => {
    throw fail(`${url} did not answer JSON`);
  });
}

/** Reads the provider's discovery document and keys; any doubt stops start-up with a message naming DOSSIER_OIDC_ISSUER. */
async function discover(config: OidcConfig): Promise<Provider> {
  const fail = (reason: string) => new ConfigError(`DOSSIER_OIDC_ISSUER: cannot log in through the identity provider ${config.issuer}: ${reason}`);
  // The issuer's trailing slash, if any, is not doubled (OpenID Connect Discovery 1.0, section 4).
  const where = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const parsed = DiscoverySchema.safeParse(await getJson(where, fail));
  if (!parsed.success) throw fail(`its discovery document ${where} is not usable: ${issueLines(parsed.error).join('; ')}`);
  const document = parsed.data;
  if (document.issuer !== config.issuer) throw fail(`its discovery document names another issuer, ${JSON.stringify(document.issuer)}`);
  if (document.code_challenge_methods_supported && !document.code_challenge_methods_supported.includes('S256')) {
    throw fail('it does not offer PKCE with S256 (code_challenge_methods_supported)');
  }
  const algorithms = document.id_token_signing_alg_values_supported;
  if (algorithms && !algorithms.some((alg) => (ALGORITHMS as readonly string[]).includes(alg))) {
    throw fail(`it signs ID tokens with ${algorithms.join(', ')}; dossier verifies ${ALGORITHMS.join(' or ')}`);
  }
  const keys = new KeySet(document.jwks_uri);
  try {
    await keys.refresh();
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  if (keys.size === 0) throw fail(`its key set ${document.jwks_uri} has no ${ALGORITHMS.join(' or ')} signing key`);
  return { authorizationEndpoint: document.authorization_endpoint, tokenEndpoint: document.token_endpoint, keys };
}

const JwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional(), use: z.string().optional() })) });

interface VerifyKey {
  kid: string | undefined;
  alg: Algorithm;
  key: KeyObject;
}

/** A JWK as a verification key; null for keys dossier does not verify with (encryption keys, other algorithms, short RSA). */
function verifyKey(jwk: z.infer<typeof JwksSchema>['keys'][number]): VerifyKey | null {
  const alg = jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : null;
  if (!alg || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== alg)) return null;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    if (alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return null;
    return { kid: jwk.kid, alg, key };
  } catch {
    return null;
  }
}

/** The provider's signing keys; fetched again when a token names a key not yet known (the provider rotated its keys). */
class KeySet {
  private keys: VerifyKey[] = [];
  private fetching: Promise<void> | null = null;

  constructor(private readonly uri: string) {}

  get size(): number {
    return this.keys.length;
  }

  /** One fetch at a time: logins that arrive together with a new key wait for the same one. */
  refresh(): Promise<void> {
    this.fetching ??= (async () => {
      const parsed = JwksSchema.safeParse(await getJson(this.uri, (reason) => new ProviderFailed(`its key set ${reason}`)));
      if (!parsed.success) throw new ProviderFailed(`its key set ${this.uri} is not a JWKS: ${issueLines(parsed.error).join('; ')}`);
      this.keys = parsed.data.keys.map(verifyKey).filter((key) => key !== null);
    })().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  /**
   * The key for a token's header. An unknown `kid` refetches the set once: only the provider can
   * name one, since the token comes from its token endpoint and not from the browser.
   */
  async find(kid: string | undefined, alg: Algorithm): Promise<VerifyKey | null> {
    const known = this.pick(kid, alg);
    if (known) return known;
    await this.refresh();
    return this.pick(kid, alg);
  }

  /** By `kid`; a token without one may use the only key of its algorithm. */
  private pick(kid: string | undefined, alg: Algorithm): VerifyKey | null {
    const candidates = this.keys.filter((key) => key.alg === alg && (kid === undefined || key.kid === kid));
    return candidates.length === 1 ? candidates[0]! : null;
  }
}

// ---- the login state, sealed in a cookie ----

const LoginStateSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), next: z.string(), expires: z.number() });
type LoginState = z.infer<typeof LoginStateSchema>;

/** AES-256-GCM under a key that lives as long as the process: the cookie is unreadable and unforgeable. */
function sealer(key = randomBytes(32)) {
  return {
    seal(value: LoginState): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    /** The state, when the cookie is ours and not expired; null otherwise. */
    open(text: string | undefined): LoginState | null {
      const bytes = Buffer.from(text && text.length <= 4096 ? text : '', 'base64url');
      if (bytes.length <= 28) return null;
      try {
        // The full 16-byte tag, always: GCM would accept a truncated one, which is easier to forge.
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12), { authTagLength: 16 });
        decipher.setAuthTag(bytes.subarray(12, 28));
        const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
        const state = LoginStateSchema.safeParse(JSON.parse(plain));
        return state.success && state.data.expires > Date.now() ? state.data : null;
      } catch {
        return null;
      }
    },
  };
}

const random = () => randomBytes(32).toString('base64url');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

// ---- the token endpoint and the ID token ----

/** application/x-www-form-urlencoded, as client_secret_basic wants the id and secret before base64 (RFC 6749, 2.3.1). */
const formEncode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

const TokenResponseSchema = z.object({ id_token: z.string().min(1) });
/** An OAuth error code is a registered word; anything else the provider sent is not repeated. */
const errorCode = (value: unknown) => (typeof value === 'string' && /^[a-z_]{1,64}$/.test(value) ? value : 'no error code');

/** Exchanges the code for the ID token, proving the PKCE verifier and (a confidential client) the secret. */
async function exchange(provider: Provider, config: OidcConfig, code: string, verifier: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: config.redirectUrl, code_verifier: verifier });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (config.clientSecret) {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(config.clientId)}:${formEncode(config.clientSecret)}`).toString('base64')}`;
  } else {
    body.set('client_id', config.clientId);
  }
  let response: Response;
  try {
    response = await fetch(provider.tokenEndpoint, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new ProviderFailed(`its token endpoint did not answer (${causeOf(err)})`);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorCode((json as { error?: unknown } | null)?.error);
    if (response.status === 400 && error === 'invalid_grant') {
      throw new Refused(401, 'the identity provider did not accept the login code (used before, expired or not issued to this login)');
    }
    // invalid_client and the like: the configuration, not the person, is wrong.
    throw new ProviderFailed(`its token endpoint answered ${response.status} (${error}); check DOSSIER_OIDC_CLIENT_ID and DOSSIER_OIDC_CLIENT_SECRET`);
  }
  const parsed = TokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new ProviderFailed('its token endpoint answered without an ID token');
  return parsed.data.id_token;
}

const HeaderSchema = z.object({ alg: z.string(), kid: z.string().optional() });
const ClaimsSchema = z.looseObject({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  iat: z.number(),
  nonce: z.string().optional(),
  azp: z.string().optional(),
});
type Claims = z.infer<typeof ClaimsSchema>;

const JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

function decodePart<T>(schema: z.ZodType<T>, part: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new Refused(401, `the ID token's ${what} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Refused(401, `the ID token's ${what} lacks a field or has a wrong one (${issueLines(parsed.error).join('; ')})`);
  return parsed.data;
}

function signatureValid({ alg, key }: VerifyKey, input: Buffer, signature: Buffer): boolean {
  try {
    // A JWS ES256 signature is r‖s, 64 bytes (RFC 7518, 3.4), not DER.
    return alg === 'RS256' ? verify('sha256', input, key, signature) : verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false; // a signature of the wrong length for the key
  }
}

/** The ID token's claims, once its signature, issuer, audience, times and nonce are right (OpenID Connect Core 1.0, 3.1.3.7). */
async function verifyIdToken(idToken: string, keys: KeySet, config: OidcConfig, nonce: string): Promise<Claims> {
  const parts = idToken.length <= 64 * 1024 ? JWS.exec(idToken) : null;
  if (!parts) throw new Refused(401, 'the ID token is not a signed JWT');
  const [, headerPart, payloadPart, signaturePart] = parts as unknown as [string, string, string, string];
  const header = decodePart(HeaderSchema, headerPart, 'header');
  const alg = ALGORITHMS.find((known) => known === header.alg);
  if (!alg) throw new Refused(401, `the ID token is signed with an algorithm dossier does not accept (only ${ALGORITHMS.join(', ')})`);
  const key = await keys.find(header.kid, alg);
  if (!key) throw new Refused(401, 'the ID token is signed with a key the identity provider does not publish');
  const input = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  if (!signatureValid(key, input, signature)) throw new Refused(401, 'the ID token signature is not valid');

  const claims = decodePart(ClaimsSchema, payloadPart, 'claims');
  const seconds = Date.now() / 1000;
  if (claims.iss !== config.issuer) throw new Refused(401, 'the ID token was issued by another issuer');
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (!audiences.includes(config.clientId)) throw new Refused(401, 'the ID token is meant for another client (aud)');
  if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== config.clientId) {
    throw new Refused(401, 'the ID token was issued to another party (azp)');
  }
  if (claims.exp + LEEWAY_S < seconds) throw new Refused(401, 'the ID token has expired');
  if (claims.iat - LEEWAY_S > seconds) throw new Refused(401, 'the ID token is issued in the future; check the clocks of dossier and the identity provider');
  if (claims.nonce === undefined || !sameText(claims.nonce, nonce)) throw new Refused(401, 'the ID token does not answer this login (nonce)');
  return claims;
}

// ---- who logs in, as which role ----

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The string values at `path`: a claim of that exact name, else a dotted path into nested objects. */
function claimValues(claims: Record<string, unknown>, path: string): string[] {
  const value = Object.hasOwn(claims, path)
    ? claims[path]
    : path.split('.').reduce<unknown>((at, key) => (isRecord(at) && Object.hasOwn(at, key) ? at[key] : undefined), claims);
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const SAME_NAMES = new Map<string, UserRole>([
  ['caseworker', 'caseworker'],
  ['operator', 'operator'],
]);

/** The office role of these claims: the first entry of the role map the person holds; null for none. */
export function officeRole(claims: Record<string, unknown>, config: Pick<OidcConfig, 'roleClaim' | 'roleMap'>): UserRole | null {
  const held = new Set(claimValues(claims, config.roleClaim));
  for (const [idpRole, role] of config.roleMap ?? SAME_NAMES) if (held.has(idpRole)) return role;
  return null;
}

/** The account id: the user name when it is a valid actor id here, else the subject; null when neither is. */
export function principalId(claims: Record<string, unknown>): string | null {
  const valid = (value: unknown): value is string => ActorSchema.shape.id.safeParse(value).success;
  return [claims.preferred_username, claims.sub].find(valid) ?? null;
}

// ---- routes ----

const CallbackQuerySchema = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(1024).optional(),
  error: z.unknown().optional(),
  iss: z.string().optional(),
});

/** The callback's URL carries the code and state: its request lines log the path alone. */
const pathOnly = (request: FastifyRequest) => ({ method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip });

/** Adds the OpenID Connect login when DOSSIER_OIDC_ISSUER is set; fails (start-up) when the provider is not usable. */
export async function registerOidc(app: FastifyInstance, context: ApiContext): Promise<void> {
  const config = context.config.oidc;
  if (!config) return;
  const provider = await discover(config);
  const cookie = sealer();
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: context.cookies.secure, path: LOGIN_PATH } as const;

  app.get(LOGIN_PATH, { schema: { hide: true } }, async (request, reply) => {
    const next = (request.query as { next?: unknown }).next;
    const login: LoginState = {
      state: random(),
      nonce: random(),
      verifier: random(),
      next: isLocalPath(next) ? next : '/',
      expires: Date.now() + STATE_MINUTES * 60_000,
    };
    const url = new URL(provider.authorizationEndpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('redirect_uri', config.redirectUrl);
    url.searchParams.set('scope', 'openid profile');
    url.searchParams.set('state', login.state);
    url.searchParams.set('nonce', login.nonce);
    url.searchParams.set('code_challenge', createHash('sha256').update(login.verifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
    reply.setCookie(STATE_COOKIE, cookie.seal(login), { ...cookieOptions, maxAge: STATE_MINUTES * 60 });
    return reply.header('cache-control', 'no-store').redirect(url.href, 302);
  });

  app.get(OIDC_CALLBACK_PATH, { schema: { hide: true }, logSerializers: { req: pathOnly } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // One use: whatever happens now, this login's state is spent.
    const login = cookie.open(request.cookies[STATE_COOKIE]);
    reply.clearCookie(STATE_COOKIE, cookieOptions);
    let principal: Principal;
    try {
      if (!login) throw new Refused(401, `this login has expired or was started in another browser; start again at ${LOGIN_PATH}`);
      principal = await loggedIn(request.query, login, provider, config);
    } catch (err) {
      throw refusal(request, err);
    }
    const session = await context.accounts.createSession(principal, context.cookies.hours);
    setSessionCookie(reply, session.sessionId, context.cookies);
    return reply.redirect(login.next, 303);
  });
}

/** Who the provider's answer logs in; throws Refused or ProviderFailed saying why not. */
async function loggedIn(query: unknown, login: LoginState, provider: Provider, config: OidcConfig): Promise<Principal> {
  const parsed = CallbackQuerySchema.safeParse(query);
  if (!parsed.success) throw new Refused(401, 'the identity provider sent back a malformed answer');
  const { code, state, error, iss } = parsed.data;
  if (error !== undefined) throw new Refused(401, `the identity provider did not log you in (${errorCode(error)})`);
  if (!code || !state) throw new Refused(401, 'the identity provider sent back no code or no state');
  if (!sameText(state, login.state)) throw new Refused(401, `the answer does not belong to this login (state); start again at ${LOGIN_PATH}`);
  // RFC 9207: a provider that names itself must be ours (a mix-up defence).
  if (iss !== undefined && iss !== config.issuer) throw new Refused(401, 'the answer comes from another identity provider (iss)');

  const idToken = await exchange(provider, config, code, login.verifier);
  const claims = await verifyIdToken(idToken, provider.keys, config, login.nonce);
  const id = principalId(claims);
  if (!id) throw new Refused(403, 'your user name and subject at the identity provider are not valid account ids here (1-64 letters, digits and . _ @ -)');
  const role = officeRole(claims, config);
  if (!role) {
    throw new Refused(403, `your account at the identity provider has no dossier role: its claim "${config.roleClaim}" names neither caseworker nor operator`);
  }
  return { id, role };
}

/** A failed callback as a logged denial and a problem; a provider that fails is a 502, with the cause in the log for the operator. */
function refusal(request: FastifyRequest, err: unknown): unknown {
  if (err instanceof Refused) return denied(request, err.status, `login through the identity provider refused: ${err.message}`);
  if (!(err instanceof ProviderFailed)) return err;
  const reason = `the identity provider failed: ${err.message}`;
  request.log.error({ denied: { status: 502, method: request.method, route: request.routeOptions.url ?? 'unknown', reason } }, 'request denied');
  return new HttpProblem(502, 'the identity provider did not answer as expected; try again later, or tell the operator');
}
