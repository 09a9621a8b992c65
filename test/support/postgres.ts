/**
 * A PostgreSQL 15 server of the test's own (scripts/cluster-postgres.ts): a new cluster in a
 * temporary folder, on a free loopback port, removed again by `stop()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPostgres as startServer } from '../../scripts/cluster-postgres';
import { freePort } from '../../scripts/free-port';

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
