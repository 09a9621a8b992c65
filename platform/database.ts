/**
 * The database of accounts, API tokens and sessions (platform/accounts.ts), of the notices sent
 * (the sent-ledger, activities/sent-ledger.ts) and of the work queue (platform/case-queue.ts, a
 * copy of what each case tells); cases themselves live in Temporal, not here. One query layer,
 * Kysely, over PostgreSQL when DOSSIER_DATABASE_URL is set, else an SQLite file in the data folder.
 * The schema is migrated in code whenever the database is opened.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import type { Role } from '../domain/roles';
import type { Config } from './config';

/**
 * The tables as queries name them: the CamelCasePlugin maps `passwordHash` to the column
 * `password_hash`. Times are ISO strings (UTC, `toISOString()`), so both dialects store, compare
 * and return them alike.
 */
export interface Tables {
  users: {
    /** ActorSchema's id rule (domain/roles.ts). */
    id: string;
    role: 'caseworker' | 'operator';
    /** `scrypt$N$r$p$salt$hash` (platform/accounts.ts). */
    passwordHash: string;
    createdAt: string;
  };
  apiTokens: {
    /** The token's public part: it finds the row; the secret proves it. */
    id: string;
    principalId: string;
    role: Role;
    /** sha256 hex of the secret; the token itself is shown once and never stored. */
    secretHash: string;
    createdAt: string;
    lastUsedAt: string | null;
  };
  sessions: {
    /** sha256 hex of the session id: a copy of the table holds no cookie that would log anyone in. */
    idHash: string;
    principalId: string;
    role: Role;
    csrfToken: string;
    createdAt: string;
    expiresAt: string;
    /** How far each use pushes expiresAt (sliding expiry), in milliseconds. */
    idleMs: number;
  };
  /** The sent-ledger (activities/sent-ledger.ts `databaseLedger`): one row per notice that went out. */
  sentNotices: {
    /** The notice's key, `case.kind.sequence`. */
    key: string;
    messageId: string;
    /** Where the message went: `smtp:<server response>` or the outbox file. */
    location: string;
    sentAt: string;
  };
  /** The work queue (platform/case-queue.ts): one row per case, as the case last told it. */
  caseQueue: {
    caseNumber: string;
    state: string;
    jurisdiction: string;
    nextDeadline: string | null;
    /** 1 or 0 on both dialects. */
    overdue: number;
    /** Temporal's execution status: RUNNING, COMPLETED, TERMINATED, … */
    execution: string;
    startedAt: string;
    /** The caseworker who last acted on the case: "my cases". */
    caseworker: string | null;
    /** The case's own count of changes (workflows/application.ts): a row only moves forward. */
    seq: number;
    /** The case's status as it last told it, encrypted with the payload codec (base64 of a Payload); null without a codec. */
    status: string | null;
  };
}

export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  dialect: 'postgres' | 'sqlite';
  /** Closes the pool or the file, so that the process can exit. */
  close(): Promise<void>;
}

/**
 * The schema, one migration per change, in the order of their names. A migration, once released,
 * is never edited: a change is a new one. SQL names are snake_case.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts': {
    async up(db) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_principal_id').on('api_tokens').column('principal_id').execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('principal_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('idle_ms', 'integer', (c) => c.notNull())
        .execute();
      // Expired sessions are swept by this column.
      await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
    },
  },
  '0002-sent-ledger': {
    async up(db) {
      await db.schema
        .createTable('sent_notices')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003-case-queue': {
    async up(db) {
      await db.schema
        .createTable('case_queue')
        .addColumn('case_number', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text', (c) => c.notNull())
        .addColumn('next_deadline', 'text')
        .addColumn('overdue', 'integer', (c) => c.notNull())
        .addColumn('execution', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('caseworker', 'text')
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('status', 'text')
        .execute();
      // The queue's order within the open cases: overdue first, then the soonest deadline.
      await db.schema.createIndex('case_queue_order').on('case_queue').columns(['execution', 'overdue', 'next_deadline', 'case_number']).execute();
    },
  },
};

type DatabaseConfig = Pick<Config, 'DOSSIER_DATABASE_URL' | 'DOSSIER_DATA_DIR'>;

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (!config.DOSSIER_DATABASE_URL) mkdirSync(config.DOSSIER_DATA_DIR, { recursive: true });
  const { database, sqlite } = connect(config);
  try {
    await migrate(database.db, sqlite);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

/**
 * The database the configuration names as it stands, for a reader that can ask elsewhere when it
 * finds nothing (`dossier status`): nothing is created or migrated, and undefined when there is no
 * SQLite file yet. A schema without the table read shows as the query's error.
 */
export function openExistingDatabase(config: DatabaseConfig): Database | undefined {
  if (!config.DOSSIER_DATABASE_URL && !existsSync(sqlitePath(config))) return undefined;
  // A server that does not answer soon is as good as none: the reader asks elsewhere.
  return connect(config, { connectionTimeoutMillis: 2_000 }).database;
}

const sqlitePath = (config: DatabaseConfig) => join(config.DOSSIER_DATA_DIR, 'dossier.sqlite');

function connect(config: DatabaseConfig, postgres: { connectionTimeoutMillis?: number } = {}): { database: Database; sqlite?: SqliteDatabase.Database } {
  const plugins = [new CamelCasePlugin()];
  if (config.DOSSIER_DATABASE_URL) {
    // Loaded here: the SQLite commands of the command line need not load the PostgreSQL client.
    const { Pool } = require('pg') as typeof import('pg');
    const pool = new Pool({ connectionString: config.DOSSIER_DATABASE_URL, ...postgres });
    // A connection the server drops while idle is not a crash: the pool replaces it, and a query
    // that fails says why.
    pool.on('error', () => {});
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins });
    return { database: { db, dialect: 'postgres', close: () => db.destroy() } };
  }
  const sqlite = new SqliteDatabase(sqlitePath(config));
  // Readers do not wait for the writer, and other processes (the CLI beside the server) may write.
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  return { database: { db, dialect: 'sqlite', close: () => db.destroy() }, sqlite };
}

/**
 * Applies the migrations not yet applied; none is applied twice. On PostgreSQL the migrator holds
 * an advisory lock in its transaction, so a second process waits, then finds nothing to do. On
 * SQLite it takes no lock (it assumes one connection): an immediate transaction around it is that
 * lock across processes, and makes the migration all or nothing.
 */
async function migrate(db: Db, sqlite: SqliteDatabase.Database | undefined): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  sqlite?.exec('BEGIN IMMEDIATE');
  try {
    const { error } = await migrator.migrateToLatest();
    if (error) throw new Error(`the database schema could not be migrated: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    sqlite?.exec('COMMIT');
  } finally {
    if (sqlite?.inTransaction) sqlite.exec('ROLLBACK');
  }
}
