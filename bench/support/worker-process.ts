/**
 * The benchmark's worker, in its own process so its CPU time and memory are its own: dossier's
 * production activities and data converter (configuration from the environment, as `npm run
 * worker`), the bench bundle (dossier's workflows and the baseline), and a no-op activity for the
 * baseline; the work queue in the database of the data folder. Started by `workerProcess()`; answers `stats` and `stop` over IPC.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../../platform/config';
import { connectionOptions } from '../../platform/connection';
import { caseQueueSinks } from '../../platform/case-queue';
import { dataConverterFor } from '../../platform/data-converter';
import { openDatabase } from '../../platform/database';
import { databaseLedger } from '../../activities/sent-ledger';
import { activitiesFor, mailerFor } from '../../worker/worker';
import type { BaselineActivities } from '../workflows/baseline';
import type { WorkerReply, WorkerRequest } from './worker';

async function main() {
  // Warnings and errors only: the benchmark's stderr is its progress report.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const config = loadConfig();
  const bundlePath = process.env.BENCH_WORKFLOW_BUNDLE;
  if (!bundlePath) throw new Error('BENCH_WORKFLOW_BUNDLE: the path of the bundled workflow code is required');
  // debugMode: the SDK runs the workflows' reusable V8 context in this thread instead of a worker thread (see worker.ts).
  const workflowsInMainThread = process.env.BENCH_WORKFLOWS_IN_MAIN_THREAD === '1';
  const dataConverter = dataConverterFor(config);
  // BENCH_NO_PROMISE_HOOK=1 (a diagnosis, never production): the SDK keeps no stack trace per pending
  // workflow promise, to measure what those traces cost (bench/README.md, bench:scale). Main-thread workflows only.
  if (process.env.BENCH_NO_PROMISE_HOOK === '1') {
    (require('@temporalio/worker/lib/workflow/vm-shared') as { globalHandlers: { setPromiseHook(): void } }).globalHandlers.setPromiseHook = () => {};
  }
  const clientConnection = await Connection.connect(connectionOptions(config));
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const connection = await NativeConnection.connect(connectionOptions(config));
  const mailer = mailerFor(config);
  // The work queue and the sent-ledger are in the database, as in production (worker/worker.ts `startWithDatabase`).
  const database = await openDatabase(config);
  const baselineActivities: BaselineActivities = { noop: async () => {} };
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: { codePath: bundlePath },
    activities: { ...activitiesFor(config, mailer, client, databaseLedger(database.db)), ...baselineActivities },
    dataConverter,
    maxCachedWorkflows: config.DOSSIER_MAX_CACHED_WORKFLOWS,
    sinks: caseQueueSinks(database.db, dataConverter),
    ...(workflowsInMainThread ? { debugMode: true } : {}),
  });
  const send = (reply: WorkerReply) => process.send!(reply);
  process.on('message', (request: WorkerRequest) => {
    if (request.type === 'stats') {
      // Twice: what the first collection frees only through weak callbacks is collected by the second.
      global.gc?.();
      global.gc?.();
      const memory = process.memoryUsage();
      const status = worker.getStatus();
      send({
        type: 'stats',
        rssMiB: memory.rss / 2 ** 20,
        heapUsedMiB: memory.heapUsed / 2 ** 20,
        heapTotalMiB: memory.heapTotal / 2 ** 20,
        externalMiB: memory.external / 2 ** 20,
        cachedWorkflows: status.numCachedWorkflows,
        inFlightActivations: status.numInFlightWorkflowActivations,
        inFlightActivities: status.numInFlightActivities,
      });
    } else if (request.type === 'stop') {
      worker.shutdown();
    }
  });
  const running = worker.run();
  send({ type: 'ready' });
  await running;
  mailer.close();
  await connection.close();
  await clientConnection.close();
  await database.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
