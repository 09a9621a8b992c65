/**
 * Who is asking. People log in and carry a session cookie (HttpOnly, SameSite=Lax, Secure behind
 * https); systems send `Authorization: Bearer <token>`. A request that changes something with a
 * session must also carry the session's CSRF token (header `x-csrf-token` or form field `_csrf`);
 * a bearer token cannot be sent by a browser on its own, so it needs none.
 *
 * Denials are logged with the route, the method and the reason, never with who or what was asked.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../domain/roles';
import type { Accounts, Principal } from '../platform/accounts';
import { HttpProblem } from './problems';

export const SESSION_COOKIE = 'dossier_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated person or system; null when anonymous. */
    principal: Principal | null;
    /** How the principal was authenticated; a session has a CSRF token. */
    via: { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token' } | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface CookieOptions {
  secure: boolean;
  hours: number;
}

export function setSessionCookie(reply: FastifyReply, sessionId: string, options: CookieOptions): void {
  reply.setCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: options.hours * 3600 });
}

export function clearSessionCookie(reply: FastifyReply, options: CookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}

/** Reads the principal of every request; refuses a bad bearer token and a session request without its CSRF token. */
export function authenticate(app: FastifyInstance, accounts: Accounts): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('via', null);

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer (\S+)$/.exec(header);
      const principal = match ? await accounts.principalForToken(match[1]!) : null;
      if (!principal) throw denied(request, 401, 'the bearer token is not valid');
      request.principal = principal;
      request.via = { kind: 'token' };
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) return;
    const session = await accounts.session(sessionId);
    if (!session) return; // expired or forged: anonymous, and the pages ask to log in again
    request.principal = session.principal;
    request.via = { kind: 'session', sessionId, csrfToken: session.csrfToken };
  });

  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.via?.kind !== 'session') return;
    const sent = request.headers['x-csrf-token'] ?? (request.body as { _csrf?: unknown } | undefined)?._csrf;
    if (typeof sent !== 'string' || !sameSecret(sent, request.via.csrfToken)) {
      throw denied(request, 403, 'the CSRF token is missing or wrong; reload the page and try again');
    }
  });
}

/** A refusal, logged without personal data: route, method, reason. */
export function denied(request: FastifyRequest, status: 401 | 403, reason: string): HttpProblem {
  request.log.warn({ denied: { status, method: request.method, route: request.routeOptions.url ?? 'unknown', reason } }, 'request denied');
  return new HttpProblem(status, reason);
}

/** The principal of a request that needs one of `roles`: 401 when anonymous, 403 for another role. */
export function principalIn(request: FastifyRequest, roles: readonly Role[]): Principal {
  const principal = request.principal;
  if (!principal) throw denied(request, 401, 'log in, or send a bearer token');
  if (!roles.includes(principal.role)) throw denied(request, 403, `this needs the role ${roles.join(' or ')}; you are ${principal.role}`);
  return principal;
}

/** The roles of the office's staff, who work cases: everything but the applicant's own pages. */
export const STAFF: readonly Role[] = ['caseworker', 'operator'];

/**
 * Failed logins, counted per client address and per account id, over a sliding window: after
 * `limit` failures either key is refused until the window has passed. In memory: one process
 * serves the web app (a cluster would keep it in the database).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds until `keys` may try again; 0 when they may now. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
      this.failures.set(key, recent);
      if (recent.length >= this.limit) wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
