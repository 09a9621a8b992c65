/**
 * The Temporal dev server killed (SIGKILL) with cases open and started again on its SQLite file, as
 * `npm start` runs it: every case is still there, in the same state, with the same pending timers;
 * a notice in flight at the kill is received once; every case can be finished.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileLedger, smtpMailer } from '../../activities';
import { ensureSearchAttributes } from '../../worker/search-attributes';
import { createDossierWorker, dossierActivities } from '../../worker/worker';
import { APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { anApplication, GRANT } from '../support/cases';
import { bundleWorkflows, temporalCliPath, testDataConverter } from '../support/temporal';
import { act } from './support';
import { SmtpSink } from '../support/smtp';
import { waitFor } from '../support/wait';
import { freePort } from '../../scripts/free-port';

const taskQueue = 'trust-server-restart';
const dataConverter = testDataConverter();
let dir: string;
let port: number;
/** Its HTTP API's port, chosen free too: by default the server takes `port + 1`, which another process may hold. */
let httpPort: number;
let server: ChildProcess | undefined;
let bundle: WorkflowBundleWithSourceMap;
let mail: SmtpSink;

/** The dev server as `npm start` runs it (scripts/start.ts): a SQLite file in WAL mode. */
async function startServer(): Promise<void> {
  server = spawn(
    temporalCliPath(),
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--http-port',
      String(httpPort),
      '--headless',
      '--log-level',
      'error',
      '--db-filename',
      join(dir, 'temporal.sqlite'),
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(async () => {
    if (server!.exitCode !== null) throw new Error(`the dev server exited with ${server!.exitCode}`);
    return Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: '1 second' }).then(
      (c) => c.close().then(() => true),
      () => false,
    );
  }, 'the dev server');
}

async function killServer(): Promise<void> {
  const exited = new Promise((r) => server!.once('exit', r));
  server!.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  [dir, port, bundle, mail] = await Promise.all([mkdtemp(join(tmpdir(), 'dossier-restart-')), freePort(), bundleWorkflows(), SmtpSink.start()]);
  httpPort = await freePort();
  await startServer();
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) await killServer();
  await mail?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The timers a case waits on, from its history: id and the instant it fires. */
async function pendingTimers(handle: WorkflowHandle): Promise<Record<string, string>> {
  const { events } = await handle.fetchHistory();
  const timers: Record<string, string> = {};
  for (const e of events!) {
    const started = e.timerStartedEventAttributes;
    if (started) {
      const startedAt = Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
      const timeout = Number(started.startToFireTimeout!.seconds) * 1000 + Math.floor((started.startToFireTimeout!.nanos ?? 0) / 1e6);
      timers[started.timerId!] = new Date(startedAt + timeout).toISOString();
    }
    const ended = e.timerFiredEventAttributes?.timerId ?? e.timerCanceledEventAttributes?.timerId;
    if (ended) delete timers[ended];
  }
  return timers;
}

test('cases, their states and their pending timers survive a killed server; a notice in flight is received once', async () => {
  const address = `127.0.0.1:${port}`;
  let connection = await Connection.connect({ address });
  await ensureSearchAttributes(connection, 'default');
  let client = new Client({ connection, dataConverter });
  const mailer = smtpMailer(mail.url, 'office@ind.example.test');
  const startWorker = async () => {
    const workerConnection = await NativeConnection.connect({ address });
    const activityConnection = await Connection.connect({ address });
    const worker: Worker = await createDossierWorker({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: bundle,
      dataConverter,
      activities: dossierActivities({
        client: new Client({ connection: activityConnection, dataConverter }),
        mailer,
        ledger: fileLedger(join(dir, 'sent')),
      }),
    });
    // Its connections close with it: one left open keeps the SDK runtime, and jest's worker process, alive.
    const closeConnections = () =>
      Promise.all([workerConnection.close(), activityConnection.close()]).then(
        () => {},
        () => {},
      );
    return { worker, running: worker.run().finally(closeConnections) };
  };
  let worker = await startWorker();

  const open = async () => {
    const application = anApplication();
    await client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: application.caseNumber, args: [{ application }] });
    return application.caseNumber;
  };
  // One case waiting on its cure period, one just received, one whose receipt is being sent at the kill.
  const waiting = await open();
  await act(client.workflow.getHandle(waiting), { type: 'request-evidence', missing: ['valid passport'] });
  const received = await open();
  await waitFor(() => mail.subjects(waiting).length === 2 && mail.subjects(received).length === 1, 'the first notices');
  mail.hold();
  const inFlight = await open();
  await waitFor(() => mail.held > 0, 'the third receipt to reach the mail server');

  const cases = [waiting, received, inFlight];
  const before = await Promise.all(
    cases.map(async (id) => ({ status: await client.workflow.getHandle(id).query(statusQuery), timers: await pendingTimers(client.workflow.getHandle(id)) })),
  );
  expect(Object.keys(before[0]!.timers).length).toBeGreaterThan(0);

  await killServer();
  mail.release(); // the send completes while the server is down: its completion cannot be reported
  worker.worker.shutdown();
  await worker.running.catch(() => {});
  await connection.close().catch(() => {});

  await startServer();
  connection = await Connection.connect({ address });
  client = new Client({ connection, dataConverter });
  worker = await startWorker();
  try {
    const after = await Promise.all(
      cases.map(async (id) => ({ status: await client.workflow.getHandle(id).query(statusQuery), timers: await pendingTimers(client.workflow.getHandle(id)) })),
    );
    expect(after.map((a) => a.timers)).toEqual(before.map((b) => b.timers));
    expect(after.map((a) => [a.status.state, a.status.deadlines, a.status.nextDeadline])).toEqual(
      before.map((b) => [b.status.state, b.status.deadlines, b.status.nextDeadline]),
    );

    // The receipt in flight at the kill was delivered, and only once.
    await waitFor(
      async () => (await client.workflow.getHandle(inFlight).describe()).raw.pendingActivities?.length === 0,
      'the receipt activity to complete',
      60_000,
    );
    expect(mail.subjects(inFlight)).toHaveLength(1);

    for (const id of cases) {
      const handle = client.workflow.getHandle(id);
      if (id !== waiting) await act(handle, { type: 'request-evidence', missing: ['valid passport'] });
      await act(handle, { type: 'supply-evidence', documents: ['valid passport'] });
      await act(handle, GRANT);
      expect(await handle.result()).toMatchObject({ decision: { outcome: 'granted' }, deliveryProblems: [] });
      expect(mail.subjects(id)).toHaveLength(3);
    }
  } finally {
    worker.worker.shutdown();
    await worker.running;
    mailer.close();
    await connection.close();
  }
}, 180_000);
