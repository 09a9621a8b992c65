/**
 * Two workers, each in its own process and data folder, sharing only the Temporal cluster and the
 * sent-ledger in PostgreSQL. One is killed (SIGKILL) while it holds every case in its cache and
 * every receipt notice in flight (the mail server holds them at MAIL FROM); the other finishes
 * every case, and each notice reaches the mail server once.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDatabaseAt } from '../scripts/cluster-lib';
import { SmtpSink } from '../test/support/smtp';
import { createDevServerEnv, testDataConverter } from '../test/support/temporal';
import { waitFor } from '../test/support/wait';
import { expectReceiptAndDecisionOnce, grantEach, openCases, startWorkerProcess, type WorkerProcess, type WorkerSettings } from './support';

const CASES = Array.from({ length: 8 }, (_, i) => `NL-CLUSTER-W${i + 1}`);
const taskQueue = 'cluster-two-workers';
let env: TestWorkflowEnvironment;
let smtp: SmtpSink;
let settings: WorkerSettings;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv({}, { dataConverter: testDataConverter() }), SmtpSink.start()]);
  const namespace = env.namespace!;
  const databaseUrl = await createDatabaseAt(process.env.DOSSIER_TEST_CLUSTER_POSTGRES!, `ledger_${namespace.replaceAll('-', '_')}`);
  settings = { address: env.address, namespace, taskQueue, databaseUrl, smtpUrl: smtp.url };
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await smtp?.close();
  await env?.teardown();
});

test('a worker killed while it holds cases and notices in flight: the other finishes every case, each notice sent once', async () => {
  smtp.hold();
  const first = await startWorkerProcess(settings);
  workers.push(first);
  const handles = await openCases(env.client, taskQueue, CASES);
  // Every case has run its first workflow task on the first worker (it is in that worker's cache),
  // and every receipt is being sent by it, held by the mail server.
  await waitFor(() => smtp.held === CASES.length, `${CASES.length} receipts in flight on the first worker`);

  const second = await startWorkerProcess(settings);
  workers.push(second);
  await first.kill();
  workers.splice(workers.indexOf(first), 1);
  smtp.release();

  // The receipts are sent again by the second worker once the first one's heartbeats stop.
  await waitFor(() => CASES.every((c) => smtp.subjects(c).length === 1), 'every receipt, from the second worker', 90_000);
  // The cases, cached on a worker that is gone, go on on the other one.
  expect(await grantEach(handles)).toEqual(CASES.map(() => 'closed'));
  await expectReceiptAndDecisionOnce(smtp, CASES);
  expect(second.log.some((l) => l.includes('"level":"ERROR"'))).toBe(false);
});
