/**
 * A PostgreSQL 15 server of the test's own (scripts/cluster-postgres.ts): a new cluster in a
 * temporary folder, on a free loopback port, removed again by `stop()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPostgres as startServer } from '../../scripts/cluster-postgres';

export interface Postgres {
  /** The `postgres` database as the superuser `postgres` (trust authentication: the server is the test's). */
  url: string;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  const root = mkdtempSync(join(tmpdir(), 'dossier-postgres-'));
  try {
    const server = await startServer({ dir: root, port: await freePort(), throwaway: true });
    return {
      url: server.url('postgres'),
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
