/**
 * Accounts, API tokens and sessions (platform/accounts.ts), the same behaviour on both databases:
 * an SQLite file in a temporary folder, and a PostgreSQL 15 server the suite starts itself. Every
 * test gets an empty database of its own; time moves by the accounts' clock, never by waiting.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AccountExistsError, AccountInputError, Accounts, type UserRole } from '../../platform/accounts';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../../platform/database';
import { startPostgres, type Postgres } from '../support/postgres';

type DatabaseConfig = Parameters<typeof openDatabase>[0];

interface Backend {
  start(): Promise<void>;
  /** The configuration of a new, empty database. */
  fresh(): Promise<DatabaseConfig>;
  stop(): Promise<void>;
}

const folders: string[] = [];
const tempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'dossier-accounts-'));
  folders.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const sqlite: Backend = {
  async start() {},
  fresh: async () => ({ DOSSIER_DATA_DIR: tempFolder() }),
  async stop() {},
};

let server: Postgres | undefined;
let databases = 0;
const postgres: Backend = {
  async start() {
    server = await startPostgres();
  },
  async fresh() {
    return { DOSSIER_DATA_DIR: tempFolder(), DOSSIER_DATABASE_URL: await server!.newDatabase(`dossier_${++databases}`) };
  },
  async stop() {
    await server?.stop();
  },
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PASSWORD = 'correct horse battery staple';

/** The behaviour both databases share. */
function behaviour(backend: Backend) {
  let config: DatabaseConfig;
  let database: Database;
  let accounts: Accounts;
  let now: Date;

  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  beforeEach(async () => {
    config = await backend.fresh();
    database = await openDatabase(config);
    now = new Date('2026-11-23T09:00:00.000Z');
    accounts = new Accounts(database.db, () => now);
  });
  afterEach(() => database.close());

  const hours = (n: number) => {
    now = new Date(now.getTime() + n * 3_600_000);
  };

  test('a user logs in with their password, and with nothing else', async () => {
    expect(await accounts.hasUsers()).toBe(false);
    expect(await accounts.addUser('anna.de.vries', 'caseworker', PASSWORD)).toEqual({ id: 'anna.de.vries', role: 'caseworker' });
    expect(await accounts.hasUsers()).toBe(true);

    expect(await accounts.verifyLogin('anna.de.vries', PASSWORD)).toEqual({ id: 'anna.de.vries', role: 'caseworker' });
    expect(await accounts.verifyLogin('anna.de.vries', `${PASSWORD}!`)).toBeNull();
    expect(await accounts.verifyLogin('anna.de.vries', '')).toBeNull();
    expect(await accounts.verifyLogin('nobody', PASSWORD)).toBeNull();

    const row = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(row.createdAt).toBe('2026-11-23T09:00:00.000Z');
  });

  test('an id in use is refused, and the first user keeps their password', async () => {
    await accounts.addUser('anna.de.vries', 'caseworker', PASSWORD);
    const again = accounts.addUser('anna.de.vries', 'operator', 'another long password');
    await expect(again).rejects.toThrow(AccountExistsError);
    await expect(again).rejects.toThrow('a user with id "anna.de.vries" already exists');
    expect(await accounts.verifyLogin('anna.de.vries', PASSWORD)).toEqual({ id: 'anna.de.vries', role: 'caseworker' });
  });

  test('bad input is refused with the field and the rule', async () => {
    const refused = (promise: Promise<unknown>, message: string) => expect(promise).rejects.toThrow(new AccountInputError(message));
    await refused(accounts.addUser('anna de vries', 'caseworker', PASSWORD), 'id: an actor id is 1-64 letters, digits and . _ @ -');
    await refused(accounts.addUser('anna', 'caseworker', 'eleven char'), 'password: must be at least 12 characters');
    await refused(accounts.addUser('anna', 'applicant' as UserRole, PASSWORD), 'role: must be one of caseworker, operator');
    await refused(accounts.createToken('intake system', 'operator'), 'id: an actor id is 1-64 letters, digits and . _ @ -');
    await refused(accounts.createToken('intake', 'admin' as never), 'role: must be one of caseworker, applicant, operator');
    await refused(accounts.createSession({ id: 'anna', role: 'caseworker' }, 0), 'hours: must be more than 0 and at most 168');
    expect(await accounts.hasUsers()).toBe(false);
  });

  test('a token names its holder; a forged, unknown or malformed one names nobody', async () => {
    const token = await accounts.createToken('intake-system', 'operator');
    const [, publicId, secret] = /^dossier_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(token)!;

    const before = await database.db.selectFrom('apiTokens').selectAll().executeTakeFirstOrThrow();
    expect(before).toEqual({
      id: publicId,
      principalId: 'intake-system',
      role: 'operator',
      secretHash: sha256(secret!),
      createdAt: '2026-11-23T09:00:00.000Z',
      lastUsedAt: null,
    });

    hours(1);
    expect(await accounts.principalForToken(token)).toEqual({ id: 'intake-system', role: 'operator' });
    const after = await database.db.selectFrom('apiTokens').select('lastUsedAt').executeTakeFirstOrThrow();
    expect(after.lastUsedAt).toBe('2026-11-23T10:00:00.000Z');

    const otherSecret = `${secret!.slice(0, -1)}${secret!.endsWith('A') ? 'B' : 'A'}`;
    expect(await accounts.principalForToken(`dossier_${publicId}_${otherSecret}`)).toBeNull();
    expect(await accounts.principalForToken(`dossier_${'0'.repeat(16)}_${secret}`)).toBeNull();
    for (const malformed of ['', 'dossier_', `dossier_${publicId}`, `${token}x`, token.toUpperCase(), `Bearer ${token}`]) {
      expect(await accounts.principalForToken(malformed)).toBeNull();
    }
  });

  test('a session lasts its hours from its last use, then is gone', async () => {
    const anna = { id: 'anna.de.vries', role: 'caseworker' } as const;
    const created = await accounts.createSession(anna, 8);
    expect(created.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt).toEqual(new Date('2026-11-23T17:00:00.000Z'));

    hours(7);
    expect(await accounts.session(created.sessionId)).toEqual({
      principal: anna,
      csrfToken: created.csrfToken,
      expiresAt: new Date('2026-11-24T00:00:00.000Z'),
    });
    hours(7); // 14 hours after the login, 7 after its last use
    expect(await accounts.session(created.sessionId)).toMatchObject({ principal: anna, expiresAt: new Date('2026-11-24T07:00:00.000Z') });

    hours(8); // 8 hours unused: expired, and the row is deleted
    expect(await accounts.session(created.sessionId)).toBeNull();
    expect(await database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);

    expect(await accounts.session('no-such-session')).toBeNull();
  });

  test('a session ends when its user logs out; a new login sweeps the expired ones', async () => {
    const anna = await accounts.createSession({ id: 'anna', role: 'caseworker' }, 1);
    const bram = await accounts.createSession({ id: 'bram', role: 'operator' }, 8);
    await accounts.endSession(bram.sessionId);
    expect(await accounts.session(bram.sessionId)).toBeNull();
    expect(await accounts.session(anna.sessionId)).not.toBeNull();

    hours(2);
    await accounts.createSession({ id: 'carla', role: 'operator' }, 8);
    const left = await database.db.selectFrom('sessions').select('principalId').execute();
    expect(left).toEqual([{ principalId: 'carla' }]);
  });

  test('the sessions table holds the hash of each session id, never the id', async () => {
    const { sessionId, csrfToken } = await accounts.createSession({ id: 'anna', role: 'caseworker' }, 8);
    const rows = await database.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toEqual([
      {
        idHash: sha256(sessionId),
        principalId: 'anna',
        role: 'caseworker',
        csrfToken,
        createdAt: '2026-11-23T09:00:00.000Z',
        expiresAt: '2026-11-23T17:00:00.000Z',
        idleMs: 8 * 3_600_000,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(sessionId);
  });

  test('opening the database again applies no migration twice and keeps the data', async () => {
    await accounts.addUser('anna.de.vries', 'operator', PASSWORD);
    await database.close();
    database = await openDatabase(config);
    const again = await openDatabase(config);
    await again.close();

    accounts = new Accounts(database.db);
    expect(await accounts.verifyLogin('anna.de.vries', PASSWORD)).toEqual({ id: 'anna.de.vries', role: 'operator' });
    const migrations = await (database.db as unknown as Kysely<{ kyselyMigration: { name: string } }>).selectFrom('kyselyMigration').select('name').execute();
    expect(migrations).toEqual([{ name: '0001-accounts' }, { name: '0002-sent-ledger' }, { name: '0003-case-queue' }]);
  });
}

describe('SQLite', () => behaviour(sqlite));

describe('PostgreSQL 15', () => {
  behaviour(postgres);

  test('two openings of a new database at once (two pools, as two processes would have) migrate it once', async () => {
    const config = await postgres.fresh();
    const [one, two] = await Promise.all([openDatabase(config), openDatabase(config)]);
    expect([one.dialect, two.dialect]).toEqual(['postgres', 'postgres']);
    await new Accounts(one.db).addUser('anna', 'caseworker', PASSWORD);
    expect(await new Accounts(two.db).verifyLogin('anna', PASSWORD)).toEqual({ id: 'anna', role: 'caseworker' });
    await Promise.all([one.close(), two.close()]);
  });
});

test('without DOSSIER_DATABASE_URL, the database is dossier.sqlite in the data folder, in WAL mode', async () => {
  const folder = join(tempFolder(), 'not', 'yet');
  const database = await openDatabase({ DOSSIER_DATA_DIR: folder });
  expect(database.dialect).toBe('sqlite');
  await database.close();
  const file = new SqliteDatabase(join(folder, 'dossier.sqlite'), { fileMustExist: true });
  try {
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
  } finally {
    file.close();
  }
});
