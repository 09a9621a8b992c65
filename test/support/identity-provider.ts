/**
 * A small but real OpenID Connect provider on loopback, for tests: a discovery document, a JWKS, an
 * authorize endpoint that logs the configured user in at once (no form) and redirects back with a
 * code, and a token endpoint that checks what a real one checks (each code once, the redirect URI,
 * the client's authentication, PKCE S256) and answers with an ID token signed by its current key.
 *
 * A test can change the next ID token (its claims before or after signing, its header, an
 * unpublished key), rotate the key (RS256 or ES256), and change what the discovery document says.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdpClient {
  /** A confidential client authenticates with client_secret_basic; without one, a public client sends its id in the body. */
  secret?: string;
  redirectUri: string;
}

export interface IdpUser {
  sub: string;
  /** Further claims of the ID token: preferred_username, roles, … */
  claims: Record<string, unknown>;
}

/** Changes to the next ID token the token endpoint issues. */
export interface TokenTampering {
  /** Set before signing (undefined removes one): an honestly signed token with the wrong content. */
  claims?: Record<string, unknown>;
  /** Set after signing: a forged token whose signature no longer matches. */
  forged?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** Signed by a key the JWKS does not publish. */
  unpublishedKey?: boolean;
}

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  jwk: JsonWebKey;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  user: IdpUser;
  used: boolean;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function newKey(alg: SigningKey['alg']): SigningKey {
  const { privateKey, publicKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `key-${randomBytes(4).toString('hex')}`;
  return { kid, alg, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: SigningKey): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = sign('sha256', Buffer.from(input), key.alg === 'ES256' ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' } : key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

export class IdentityProvider {
  /** Who logs in at the authorize endpoint. */
  user: IdpUser = { sub: 'user-1', claims: {} };
  /** Applies to the next ID token only. */
  tampering: TokenTampering | null = null;
  /** Fields of the discovery document replaced (undefined removes one). */
  discovery: Record<string, unknown> = {};
  readonly clients = new Map<string, IdpClient>();
  /** Every code_challenge the authorize endpoint accepted, in order. */
  readonly challenges: string[] = [];
  /** Why the token endpoint refused, in order (what a real provider would log). */
  readonly refusals: string[] = [];
  /** The raw ID tokens issued, to check that none reaches a log. */
  readonly issued: string[] = [];
  private keys = [newKey('RS256')];
  private readonly grants = new Map<string, Grant>();

  private constructor(
    private readonly server: Server,
    /** The issuer, with a path as Keycloak's realms have. */
    readonly url: string,
  ) {}

  static async start(): Promise<IdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const idp = new IdentityProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/office`);
    server.on('request', (request, response) => {
      idp.handle(request, response).catch((err: Error) => idp.answer(response, 500, { error: 'server_error', error_description: err.message }));
    });
    return idp;
  }

  /** Signs from now on with a new key, publishing it beside the old one, as a provider rotating its keys does. */
  rotateKey(alg: SigningKey['alg'] = 'RS256'): void {
    this.keys.push(newKey(alg));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const route = `${request.method} ${url.pathname.slice(new URL(this.url).pathname.length)}`;
    if (route === 'GET /.well-known/openid-configuration') return this.answer(response, 200, this.discoveryDocument());
    if (route === 'GET /jwks') return this.answer(response, 200, { keys: this.keys.map((key) => key.jwk) });
    if (route === 'GET /authorize') return this.authorize(url.searchParams, response);
    if (route === 'POST /token') return this.token(request, response);
    this.answer(response, 404, { error: 'not_found' });
  }

  private discoveryDocument(): Record<string, unknown> {
    const document: Record<string, unknown> = {
      issuer: this.url,
      authorization_endpoint: `${this.url}/authorize`,
      token_endpoint: `${this.url}/token`,
      jwks_uri: `${this.url}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
      ...this.discovery,
    };
    return JSON.parse(JSON.stringify(document));
  }

  /** Logs `user` in at once: a code for this client, redirect URI and challenge, back to the client with its state. */
  private authorize(query: URLSearchParams, response: ServerResponse): void {
    const clientId = query.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    const redirectUri = query.get('redirect_uri') ?? '';
    const challenge = query.get('code_challenge') ?? '';
    // Errors before the redirect URI is known to be the client's are shown here, never redirected.
    if (!client || redirectUri !== client.redirectUri) {
      this.answer(response, 400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' });
      return;
    }
    const back = new URL(redirectUri);
    back.searchParams.set('state', query.get('state') ?? '');
    back.searchParams.set('iss', this.url);
    const valid =
      query.get('response_type') === 'code' &&
      (query.get('scope') ?? '').split(' ').includes('openid') &&
      query.get('code_challenge_method') === 'S256' &&
      /^[A-Za-z0-9_-]{43}$/.test(challenge);
    if (valid) {
      const code = randomBytes(16).toString('base64url');
      this.grants.set(code, { clientId, redirectUri, challenge, nonce: query.get('nonce') ?? undefined, user: structuredClone(this.user), used: false });
      this.challenges.push(challenge);
      back.searchParams.set('code', code);
    } else {
      back.searchParams.set('error', 'invalid_request');
    }
    response.writeHead(302, { location: back.href }).end();
  }

  private async token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += chunk;
    const form = new URLSearchParams(body);
    const refuse = (status: number, error: string, why: string) => {
      this.refusals.push(why);
      this.answer(response, status, { error });
    };

    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
    const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1]!, 'base64').toString().split(':').map(formDecode) : [];
    const clientId = basicId ?? form.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client) return refuse(401, 'invalid_client', 'unknown client');
    if (client.secret ? basicSecret !== client.secret : basic !== null || form.has('client_secret'))
      return refuse(401, 'invalid_client', 'client authentication');

    const code = form.get('code') ?? '';
    const grant = this.grants.get(code);
    if (form.get('grant_type') !== 'authorization_code' || !grant || grant.used) return refuse(400, 'invalid_grant', 'unknown or used code');
    grant.used = true; // a code is good for one attempt, right or wrong
    if (grant.clientId !== clientId) return refuse(400, 'invalid_grant', 'code of another client');
    if (form.get('redirect_uri') !== grant.redirectUri) return refuse(400, 'invalid_grant', 'redirect_uri differs');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
      return refuse(400, 'invalid_grant', 'PKCE verifier');
    }
    this.answer(response, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: this.idToken(grant) });
  }

  private idToken(grant: Grant): string {
    const tampering = this.tampering ?? {};
    this.tampering = null;
    const key = tampering.unpublishedKey ? newKey('RS256') : this.keys.at(-1)!;
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: key.alg, typ: 'JWT', kid: key.kid, ...tampering.header };
    const claims = { iss: this.url, sub: grant.user.sub, aud: grant.clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.user.claims };
    let token = signJwt(header, { ...claims, ...tampering.claims }, key);
    if (tampering.forged) {
      const [head, , signature] = token.split('.');
      token = `${head}.${b64({ ...claims, ...tampering.claims, ...tampering.forged })}.${signature}`;
    }
    this.issued.push(token);
    return token;
  }

  private answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  }
}
