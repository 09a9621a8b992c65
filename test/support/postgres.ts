/**
 * A PostgreSQL 15 server of the test's own (scripts/cluster-postgres.ts): a new cluster in a
 * temporary folder, on a free loopback port, removed again by `stop()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../platform/database';
import { startPostgres as startServer } from '../../scripts/cluster-postgres';
import { freePort } from '../../scripts/free-port';

type DatabaseConfig = Parameters<typeof openDatabase>[0];

export interface Postgres {
  /** The `postgres` database as the superuser `postgres` (trust authentication: the server is the test's). */
  url: string;
  /** Creates an empty database of that name (letters, digits, underscores) and gives its URL. */
  newDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  const root = mkdtempSync(join(tmpdir(), 'dossier-postgres-'));
  try {
    const server = await startServer({ dir: root, port: await freePort(), throwaway: true });
    const url = server.url('postgres');
    return {
      url,
      async newDatabase(name) {
        const admin = new Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE ${name}`);
        } finally {
          await admin.end();
        }
        return url.replace(/\/postgres$/, `/${name}`);
      },
      async stop() {
        await server.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A suite's databases, on both stores: a PostgreSQL server started once for the suite, temporary
 * folders, and after the suite every database it opened closed, the server stopped and the folders
 * removed. Call once at the top of a test file; `name` names its folders and databases.
 */
export function suiteDatabases(name: string) {
  const folders: string[] = [];
  const opened: Database[] = [];
  let server: Postgres | undefined;
  let databases = 0;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    // The pools first: the server stops only when no connection is left.
    for (const database of opened.splice(0)) await database.close();
    await server?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  const tempFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), `dossier-${name}-`));
    folders.push(folder);
    return folder;
  };
  return {
    tempFolder,
    /** The settings of a new, empty database: an SQLite file in a new folder, or a new database on the suite's server. */
    async fresh(dialect: 'sqlite' | 'postgres'): Promise<DatabaseConfig> {
      if (dialect === 'sqlite') return { DOSSIER_DATA_DIR: tempFolder() };
      return { DOSSIER_DATA_DIR: tempFolder(), DOSSIER_DATABASE_URL: await server!.newDatabase(`dossier_${name.replace(/\W/g, '_')}_${++databases}`) };
    },
    /** Opens (and migrates) the database `config` names; it is closed after the suite. */
    async open(config: DatabaseConfig): Promise<Database> {
      const database = await openDatabase(config);
      opened.push(database);
      return database;
    },
  };
}
