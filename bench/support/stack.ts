/**
 * One benchmark run's stack: a fresh dev server, a real SMTP sink (counting, not keeping, what it
 * accepts), one worker process with dossier's production activities and encrypting data converter,
 * and a client with the same converter, as the CLI has. Stopped and thrown away after the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { newKeyEntry } from '../../platform/codec';
import { loadConfig } from '../../platform/config';
import { dataConverterFor } from '../../platform/data-converter';
import { SmtpSink } from '../../test/support/smtp';
import { cpuMeter, type CpuMeter } from './processes';
import { startDevServer, type DevServer } from './dev-server';
import { startWorkerProcess, type BenchWorker, type WorkerProcessOptions } from './worker';

export const BENCH_TASK_QUEUE = 'dossier-bench';

export interface Stack {
  server: DevServer;
  worker: BenchWorker;
  smtp: SmtpSink;
  client: Client;
  taskQueue: string;
  /** The worker's environment (server address, SMTP sink, data folder, keys), for a further worker on the same stack. */
  env: Record<string, string>;
  /** Starts counting CPU seconds of the server, the worker and this process. */
  cpu(): CpuMeter;
  stop(): Promise<void>;
}

export async function startStack(bundlePath: string, options: WorkerProcessOptions = {}): Promise<Stack> {
  const smtp = await SmtpSink.start({ keep: false });
  const server = await startDevServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-bench-data-'));
  const env = {
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
    worker,
    smtp,
    client,
    taskQueue: BENCH_TASK_QUEUE,
    env,
    cpu: () => cpuMeter({ server: server.pid, worker: worker.pid }),
    async stop() {
      await worker.stop();
      await server.stop();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
