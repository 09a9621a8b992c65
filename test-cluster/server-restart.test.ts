/**
 * The Temporal server process killed mid-run, on a cluster of this file's own: the worker sends the
 * receipts while the server is down, so it can record them in the sent-ledger (PostgreSQL) but not
 * report them done; it is killed too; a new server process and a new worker in a new data folder
 * find every case where it was, retry the receipts (the ledger says they went out, so none goes out
 * again) and take every case to its end. Nothing is lost, nothing is sent twice.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { startCluster, type Cluster } from '../scripts/cluster-lib';
import { CASE_STATE } from '../workflows/search-attributes';
import { SmtpSink } from '../test/support/smtp';
import { testDataConverter } from '../test/support/temporal';
import { waitFor } from '../test/support/wait';
import { expectReceiptAndDecisionOnce, grantEach, openCases, startWorkerProcess, type WorkerProcess, type WorkerSettings } from './support';

const CASES = Array.from({ length: 6 }, (_, i) => `NL-CLUSTER-R${i + 1}`);
const taskQueue = 'cluster-server-restart';
const dir = mkdtempSync(join(tmpdir(), 'dossier-cluster-restart-'));
let cluster: Cluster;
let connection: Connection;
let client: Client;
let smtp: SmtpSink;
let settings: WorkerSettings;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its folder inside
  [cluster, smtp] = await Promise.all([startCluster({ dir, ports: 'free', throwaway: true }), SmtpSink.start()]);
  connection = await Connection.connect({ address: cluster.address });
  client = new Client({ connection, namespace: cluster.namespace, dataConverter: testDataConverter() });
  settings = { address: cluster.address, namespace: cluster.namespace, taskQueue, databaseUrl: await cluster.database('dossier'), smtpUrl: smtp.url };
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await connection?.close();
  await smtp?.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function ledgerRows(): Promise<number> {
  const db = new pg.Client({ connectionString: settings.databaseUrl });
  await db.connect();
  try {
    return Number((await db.query('SELECT count(*) AS n FROM sent_notices')).rows[0].n);
  } finally {
    await db.end();
  }
}

test('the server killed mid-run and started again: every case goes on, no notice lost, none sent twice', async () => {
  smtp.hold();
  const first = await startWorkerProcess(settings);
  workers.push(first);
  const handles = await openCases(client, taskQueue, CASES);
  await waitFor(() => smtp.held === CASES.length, `${CASES.length} receipts in flight`);

  await cluster.stopServer('SIGKILL');
  // The server is gone: the worker delivers the receipts and records them, but cannot report them done.
  smtp.release();
  await waitFor(() => smtp.accepted === CASES.length, 'the receipts delivered while the server is down');
  await waitFor(async () => (await ledgerRows()) === CASES.length, 'the receipts recorded in the sent-ledger');
  await first.kill();
  workers.splice(workers.indexOf(first), 1);

  await cluster.startServer();
  const second = await startWorkerProcess(settings);
  workers.push(second);
  expect(await grantEach(handles)).toEqual(CASES.map(() => 'closed'));
  // Each case: its receipt once (the retried sends found the ledger's record) and its decision once.
  await expectReceiptAndDecisionOnce(smtp, CASES);
  expect(await ledgerRows()).toBe(2 * CASES.length);
  // Visibility (SQL, in PostgreSQL) lost nothing either.
  await waitFor(
    async () => (await client.workflow.count(`${CASE_STATE.name} = 'closed' AND TaskQueue = '${taskQueue}'`)).count === CASES.length,
    'every case listed as closed',
  );
});
