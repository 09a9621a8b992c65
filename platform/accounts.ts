/**
 * Who may use the HTTP API: staff who log in with a password (a session cookie, with a CSRF
 * token), and people or systems holding an API token. Only hashes of secrets are stored: a
 * password as scrypt, a token's secret and a session id as sha256 (they are random, 256 bits).
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { issueLines } from '../domain/case';
import { ActorSchema, ROLES, type Role } from '../domain/roles';
import type { Db } from './database';

export interface Principal {
  id: string;
  role: Role;
}

/** The roles a person who logs in may have; applicants use the portal's own accounts. */
export const USER_ROLES = ['caseworker', 'operator'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

export interface Session {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

/** Bad input to an account operation: the message names the field and the rule. */
export class AccountInputError extends Error {
  override name = 'AccountInputError';
}

export class AccountExistsError extends Error {
  override name = 'AccountExistsError';
  constructor(readonly id: string) {
    super(`a user with id "${id}" already exists`);
  }
}

const NewUserSchema = z.object({
  id: ActorSchema.shape.id,
  role: z.enum(USER_ROLES, 'must be one of caseworker, operator'),
  // The upper bound keeps one request from buying a long scrypt run over a huge input.
  password: z.string().min(12, 'must be at least 12 characters').max(1024, 'must be at most 1024 characters'),
});

const NewTokenSchema = z.object({
  id: ActorSchema.shape.id,
  role: z.enum(ROLES, `must be one of ${ROLES.join(', ')}`),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AccountInputError(issueLines(parsed.error).join('\n'));
  return parsed.data;
}

// ---- passwords ----

/** scrypt's cost: 32 MiB and about 100 ms a hash. Stored with each hash, so it can change later. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 64 };

function scrypt(password: string, salt: Buffer, cost: { N: number; r: number; p: number }, keyBytes: number): Promise<Buffer> {
  // The memory scrypt needs is 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that, and too little.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scryptCallback(password, salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key))));
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await scrypt(password, salt, SCRYPT, SCRYPT.keyBytes);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const STORED_HASH = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const match = STORED_HASH.exec(stored);
  if (!match) throw new Error('a stored password hash is not in the format scrypt$N$r$p$salt$hash');
  const [, N, r, p, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64');
  const key = await scrypt(password, Buffer.from(salt!, 'base64'), { N: Number(N), r: Number(r), p: Number(p) }, expected.length);
  return timingSafeEqual(key, expected);
}

/** Checked when there is no such user, so that an unknown id costs the same scrypt work as a wrong password. */
const NO_USER_HASH = [
  'scrypt',
  SCRYPT.N,
  SCRYPT.r,
  SCRYPT.p,
  Buffer.alloc(SCRYPT.saltBytes).toString('base64'),
  Buffer.alloc(SCRYPT.keyBytes).toString('base64'),
].join('$');

// ---- tokens and sessions ----

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const randomSecret = () => randomBytes(32).toString('base64url');

/** `dossier_<publicId>_<secret>`: the public id is hex, so the `_` that base64url may put in the secret cannot confuse the parts. */
const TOKEN = /^dossier_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

const MAX_SESSION_HOURS = 24 * 7;

/**
 * A token's last use and a session's expiry are written at most once a minute: a write per request
 * would cost every API call a database write for a minute's precision nobody needs.
 */
const WRITE_EVERY_MS = 60_000;
const stale = (writtenAt: string | null, now: Date) => writtenAt === null || now.getTime() - Date.parse(writtenAt) >= WRITE_EVERY_MS;

export class Accounts {
  constructor(
    private readonly db: Db,
    /** The clock; tests move it to expire a session. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A person who logs in; refuses an id in use (AccountExistsError). */
  async addUser(id: string, role: UserRole, password: string): Promise<Principal> {
    const user = parse(NewUserSchema, { id, role, password });
    const result = await this.db
      .insertInto('users')
      .values({ id: user.id, role: user.role, passwordHash: await hashPassword(user.password), createdAt: this.now().toISOString() })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if (!result.numInsertedOrUpdatedRows) throw new AccountExistsError(user.id);
    return { id: user.id, role: user.role };
  }

  /** The user, when the password is theirs; null otherwise, taking as long whether or not the id exists. */
  async verifyLogin(id: string, password: string): Promise<Principal | null> {
    const user = await this.db.selectFrom('users').select(['id', 'role', 'passwordHash']).where('id', '=', id).executeTakeFirst();
    const matches = await passwordMatches(password, user?.passwordHash ?? NO_USER_HASH);
    return user && matches ? { id: user.id, role: user.role } : null;
  }

  async hasUsers(): Promise<boolean> {
    return (await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** A new API token for `id` acting as `role`. It is returned this once: only its secret's hash is stored. */
  async createToken(id: string, role: Role): Promise<string> {
    const principal = parse(NewTokenSchema, { id, role });
    const publicId = randomBytes(8).toString('hex');
    const secret = randomSecret();
    await this.db
      .insertInto('apiTokens')
      .values({ id: publicId, principalId: principal.id, role: principal.role, secretHash: sha256(secret), createdAt: this.now().toISOString() })
      .execute();
    return `dossier_${publicId}_${secret}`;
  }

  /** Who holds the token; null for anything that is not a token issued here. Records its use. */
  async principalForToken(token: string): Promise<Principal | null> {
    const [, publicId, secret] = TOKEN.exec(token) ?? [];
    if (!publicId || !secret) return null;
    const row = await this.db.selectFrom('apiTokens').select(['principalId', 'role', 'secretHash', 'lastUsedAt']).where('id', '=', publicId).executeTakeFirst();
    if (!row || !sameHash(sha256(secret), row.secretHash)) return null;
    const now = this.now();
    if (stale(row.lastUsedAt, now)) await this.db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', publicId).execute();
    return { id: row.principalId, role: row.role };
  }

  /** A login that lasts `hours` from its last use. The session id goes in the cookie; the table keeps its hash. */
  async createSession(principal: Principal, hours: number): Promise<{ sessionId: string; csrfToken: string; expiresAt: Date }> {
    if (!(hours > 0 && hours <= MAX_SESSION_HOURS)) throw new AccountInputError(`hours: must be more than 0 and at most ${MAX_SESSION_HOURS}`);
    const now = this.now();
    const idleMs = Math.max(1, Math.round(hours * 3_600_000));
    const expiresAt = new Date(now.getTime() + idleMs);
    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    // Each login sweeps the expired sessions, so that the table holds only live ones and a few dead.
    await this.db.deleteFrom('sessions').where('expiresAt', '<=', now.toISOString()).execute();
    await this.db
      .insertInto('sessions')
      .values({
        idHash: sha256(sessionId),
        principalId: principal.id,
        role: principal.role,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        idleMs,
      })
      .execute();
    return { sessionId, csrfToken, expiresAt };
  }

  /** The live session with this id, its expiry pushed on by its idle time; null when unknown or expired. */
  async session(sessionId: string): Promise<Session | null> {
    const idHash = sha256(sessionId);
    const row = await this.db.selectFrom('sessions').selectAll().where('idHash', '=', idHash).executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    if (row.expiresAt <= now.toISOString()) {
      await this.db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
      return null;
    }
    const expiresAt = new Date(now.getTime() + row.idleMs);
    if (stale(new Date(Date.parse(row.expiresAt) - row.idleMs).toISOString(), now)) {
      await this.db.updateTable('sessions').set({ expiresAt: expiresAt.toISOString() }).where('idHash', '=', idHash).execute();
    }
    return { principal: { id: row.principalId, role: row.role }, csrfToken: row.csrfToken, expiresAt };
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('idHash', '=', sha256(sessionId)).execute();
  }
}
