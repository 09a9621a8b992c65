/**
 * One benchmark run's stack: a fresh dev server (or, with `cluster`, a fresh Temporal cluster on
 * PostgreSQL: bench/support/cluster-server.ts), a real SMTP sink (counting, not keeping, what it
 * accepts), one worker process with dossier's production activities and encrypting data converter,
 * and a client with the same converter, as the CLI has. Stopped and thrown away after the run.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { newKeyEntry } from '../../platform/codec';
import { loadConfig } from '../../platform/config';
import { dataConverterFor } from '../../platform/data-converter';
import { SmtpSink } from '../../test/support/smtp';
import { cpuMeter, type CpuMeter } from './processes';
import { startClusterServer, clusterMethod, type ClusterServer } from './cluster-server';
import { DYNAMIC_CONFIG, SQLITE_SETTINGS, startDevServer, type DevServer } from './dev-server';
import { flag } from './report';
import { startWorkerProcess, type BenchWorker, type WorkerProcessOptions } from './worker';

export const BENCH_TASK_QUEUE = 'dossier-bench';

/** `--cluster` on the command line: the benchmark runs on a Temporal cluster on PostgreSQL instead of the dev server. */
export const onCluster = () => flag('--cluster');

/** What a report says about the server its stacks ran on. */
export function serverMethod(cluster: boolean) {
  if (cluster) return clusterMethod();
  return { server: 'Temporal dev server (temporal server start-dev), fresh SQLite file per run', sqlite: SQLITE_SETTINGS, dynamicConfig: DYNAMIC_CONFIG };
}

export interface StackOptions extends WorkerProcessOptions {
  /** A fresh Temporal cluster on PostgreSQL instead of the dev server; the worker's database on the same PostgreSQL. */
  cluster?: boolean;
}

/** Bytes on disk of Temporal's store and of dossier's database (sent-ledger, work queue). */
export interface StorageBytes {
  /** Persistence (on the dev server: its one SQLite file and its WAL, visibility included). */
  temporal: number;
  /** SQL visibility's database (cluster only). */
  visibility?: number;
  dossier: number;
}

/** Size of the files of a folder, recursively (0 if it does not exist). */
function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return bytes;
}

const fileBytes = (path: string) => (existsSync(path) ? statSync(path).size : 0);

export interface Stack {
  server: DevServer | ClusterServer;
  /** Which server ran: the dev server or a cluster on PostgreSQL. */
  kind: 'dev' | 'cluster';
  worker: BenchWorker;
  smtp: SmtpSink;
  client: Client;
  taskQueue: string;
  /** The worker's environment (server address, SMTP sink, data folder, keys), for a further worker on the same stack. */
  env: Record<string, string>;
  /** Starts counting CPU seconds of the server, the worker, this process and, on a cluster, PostgreSQL. */
  cpu(): CpuMeter;
  storageBytes(): Promise<StorageBytes>;
  stop(): Promise<void>;
}

export async function startStack(bundlePath: string, { cluster = false, ...options }: StackOptions = {}): Promise<Stack> {
  const smtp = await SmtpSink.start({ keep: false });
  const server = cluster ? await startClusterServer() : await startDevServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-bench-data-'));
  const env: Record<string, string> = {
    ...('databaseUrl' in server ? { DOSSIER_DATABASE_URL: server.databaseUrl } : {}),
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: BENCH_TASK_QUEUE,
    SMTP_URL: smtp.url,
    DOSSIER_DATA_DIR: dataDir,
    DOSSIER_ENCRYPTION_KEYS: newKeyEntry('bench'),
    DOSSIER_ENCRYPTION_KEY_ID: 'bench',
  };
  const worker = await startWorkerProcess(env, bundlePath, options);
  const client = new Client({ connection: server.connection, namespace: 'default', dataConverter: dataConverterFor(loadConfig(env)) });
  return {
    server,
    kind: cluster ? 'cluster' : 'dev',
    worker,
    smtp,
    client,
    taskQueue: BENCH_TASK_QUEUE,
    env,
    cpu: () => cpuMeter({ server: server.pid, worker: worker.pid, ...('postgresPid' in server ? { postgres: server.postgresPid } : {}) }),
    async storageBytes() {
      if ('databaseBytes' in server) return server.databaseBytes();
      return { temporal: fileBytes(server.dbFile) + fileBytes(`${server.dbFile}-wal`), dossier: folderBytes(dataDir) };
    },
    async stop() {
      await worker.stop();
      await server.stop();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
