/**
 * `--cluster`: a fresh Temporal cluster on PostgreSQL for one benchmark run instead of the dev
 * server — the Temporal server (the version in cluster.env, built into .tools/ by `bash
 * scripts/cluster.sh --install`) with persistence and SQL visibility in a PostgreSQL 15 of its own,
 * started as `npm run cluster` and the cluster tests start it (scripts/cluster-lib.ts), on free
 * ports, in a temporary folder removed afterwards. PostgreSQL keeps its production settings (fsync
 * on). dossier's own database (sent-ledger, work queue) is a database on the same PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { clusterSettings, startCluster } from '../../scripts/cluster-lib';
import { POSTGRES_BIN } from '../../scripts/cluster-postgres';
import { ensureSearchAttributes } from '../../worker/search-attributes';
import { DYNAMIC_CONFIG } from './dev-server';

const BASE_DYNAMIC_CONFIG = resolve(__dirname, '../../scripts/cluster-dynamicconfig.yaml');

/** The database dossier's worker uses on the cluster's PostgreSQL (DOSSIER_DATABASE_URL). */
export const DOSSIER_DATABASE = 'dossier';

/** The cluster's dynamic configuration: the cluster's own, plus the benchmarks' timer precision (as on the dev server). */
function dynamicConfigYaml(): string {
  const added = Object.entries(DYNAMIC_CONFIG).map(([key, value]) => `${key}:\n  - value: ${value}\n    constraints: {}\n`);
  return `${readFileSync(BASE_DYNAMIC_CONFIG, 'utf8')}\n# Added by the benchmarks (bench/support/cluster-server.ts).\n${added.join('')}`;
}

function postgresVersion(): string {
  try {
    return execFileSync(join(POSTGRES_BIN, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  } catch (err) {
    return `unavailable (${(err as Error).message.split('\n')[0]})`;
  }
}

/** What a report says about the cluster it ran on. */
export function clusterMethod() {
  const settings = clusterSettings();
  return {
    server: `Temporal server ${settings.TEMPORAL_VERSION} on PostgreSQL 15, SQL visibility; a fresh cluster (fresh PostgreSQL data folder) per run`,
    temporalServer: settings.TEMPORAL_VERSION,
    postgres: `${postgresVersion()}, production settings (fsync on, synchronous_commit on), ${settings.NUM_HISTORY_SHARDS} history shards`,
    databases: `${settings.DBNAME} (persistence), ${settings.VISIBILITY_DBNAME} (visibility), ${DOSSIER_DATABASE} (dossier's sent-ledger and work queue)`,
    dynamicConfig: { 'system.forceSearchAttributesCacheRefreshOnRead': true, ...DYNAMIC_CONFIG },
  };
}

export interface ClusterServer {
  address: string;
  /** The Temporal server's process. */
  pid: number;
  /** PostgreSQL's postmaster: its children are the backends and background processes. */
  postgresPid: number;
  connection: Connection;
  /** DOSSIER_DATABASE_URL for the worker. */
  databaseUrl: string;
  /** pg_database_size of Temporal's two databases and dossier's. */
  databaseBytes(): Promise<{ temporal: number; visibility: number; dossier: number }>;
  stop(): Promise<void>;
}

export async function startClusterServer(): Promise<ClusterServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-cluster-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user (scripts/cluster-postgres.ts) and must reach its folder inside
  const dynamicConfigFile = join(dir, 'dynamicconfig.yaml');
  writeFileSync(dynamicConfigFile, dynamicConfigYaml());
  const cluster = await startCluster({ dir, ports: 'free', dynamicConfigFile }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  // Should the benchmark end without stopping it (a failure), the server and PostgreSQL end with it.
  const stopNow = () => cluster.stopNow();
  process.once('exit', stopNow);
  const settings = clusterSettings();
  try {
    const connection = await Connection.connect({ address: cluster.address });
    await ensureSearchAttributes(connection, cluster.namespace);
    const databaseUrl = await cluster.database(DOSSIER_DATABASE);
    const postgresPid = Number(readFileSync(join(cluster.postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return {
      address: cluster.address,
      pid: cluster.serverPid,
      postgresPid,
      connection,
      databaseUrl,
      async databaseBytes() {
        const client = new pg.Client({ connectionString: cluster.postgres.url('postgres') });
        await client.connect();
        try {
          const size = async (name: string) => Number((await client.query('SELECT pg_database_size($1) AS bytes', [name])).rows[0].bytes);
          return { temporal: await size(settings.DBNAME!), visibility: await size(settings.VISIBILITY_DBNAME!), dossier: await size(DOSSIER_DATABASE) };
        } finally {
          await client.end();
        }
      },
      async stop() {
        await connection.close();
        await cluster.stop();
        process.off('exit', stopNow);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cluster.stop();
    process.off('exit', stopNow);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
