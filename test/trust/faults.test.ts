/**
 * Faults on the dev server, with encryption on throughout: the production worker process killed
 * in the middle of an activity and restarted; the mail server down for a while; the ministry's
 * intake failing; a hundred updates sent to one case at once. Nothing may be lost or doubled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileLedger, smtpMailer, type MinistryIntake } from '../../activities';
import type { CaseStatus } from '../../workflows/definitions';
import { createDossierWorker, dossierActivities } from '../../worker/worker';
import { APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { anApplication, GRANT } from '../support/cases';
import { bundleWorkflows, createDevServerEnv, TEST_ENCRYPTION_ENV, testDataConverter } from '../support/temporal';
import { activityAttempts } from '../support/history';
import { act, killIfRunning, spawnWorker } from './support';
import { SmtpSink } from '../support/smtp';
import { waitFor } from '../support/wait';

const dataConverter = testDataConverter();
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let mail: SmtpSink;
let dir: string;

beforeAll(async () => {
  [env, bundle, mail, dir] = await Promise.all([
    createDevServerEnv({}, { dataConverter }),
    bundleWorkflows(),
    SmtpSink.start(),
    mkdtemp(join(tmpdir(), 'dossier-faults-')),
  ]);
}, 120_000);

afterAll(async () => {
  await mail?.close();
  await env?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `fn` while an in-process worker with every activity (overridable) serves `taskQueue`. */
async function withWorker<T>(taskQueue: string, fn: () => Promise<T>, ministry?: MinistryIntake): Promise<T> {
  const mailer = smtpMailer(mail.url, 'office@ind.example.test');
  const worker: Worker = await createDossierWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    dataConverter,
    activities: dossierActivities({ client: env.client, mailer, ledger: fileLedger(join(dir, 'sent')), ministry }),
  });
  try {
    return await worker.runUntil(fn);
  } finally {
    mailer.close();
  }
}

const startCase = (taskQueue: string) => {
  const application = anApplication();
  return env.client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: application.caseNumber, args: [{ application }] });
};

/** Attempts of each notice activity that started, in order (e.g. [2, 1, 1]: the first was retried once). */
const attempts = (workflowId: string, type?: string) => activityAttempts(env.client.workflow.getHandle(workflowId), type);

async function finish(handle: Awaited<ReturnType<typeof startCase>>) {
  await act(handle, { type: 'request-evidence', missing: ['valid passport'] });
  await act(handle, { type: 'supply-evidence', documents: ['valid passport'] });
  await act(handle, GRANT);
  return handle.result();
}

test('the worker process SIGKILLed in the middle of sending a notice, then restarted: the case goes on, each notice sent once', async () => {
  const taskQueue = 'trust-faults-kill';
  const workerEnv = {
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: mail.url,
    DOSSIER_DATA_DIR: dir,
    DOSSIER_SENT_DIR: join(dir, 'sent-kill'),
    ...TEST_ENCRYPTION_ENV,
  };
  mail.hold(); // the receipt's SMTP transaction waits at MAIL FROM: the activity is mid-send
  const first = spawnWorker(workerEnv);
  let second: ReturnType<typeof spawnWorker> | undefined;
  try {
    const handle = await startCase(taskQueue);
    await waitFor(() => mail.held > 0, 'the receipt to reach the mail server', 90_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    mail.release();

    second = spawnWorker(workerEnv);
    const result = await finish(handle);
    expect(result).toMatchObject({ decision: { outcome: 'granted' }, deliveryProblems: [] });
    expect(await attempts(handle.workflowId)).toEqual([2, 1, 1]); // the receipt was retried after the kill
    expect(mail.subjects(handle.workflowId)).toHaveLength(3);
    expect(new Set(mail.subjects(handle.workflowId)).size).toBe(3);
  } finally {
    mail.release();
    killIfRunning(first.child);
    killIfRunning(second?.child);
  }
}, 180_000);

test('the mail server down for a while: the notice is retried with backoff and received once when it is back', async () => {
  const taskQueue = 'trust-faults-smtp';
  await withWorker(taskQueue, async () => {
    await mail.down();
    const handle = await startCase(taskQueue);
    // Connection refused on the first attempt and on the retry five seconds later.
    await waitFor(
      async () => (await attempts(handle.workflowId)).length === 0 && ((await handle.describe()).raw.pendingActivities?.[0]?.attempt ?? 0) >= 3,
      'two refused attempts',
      60_000,
    );
    await mail.up();
    const result = await finish(handle);
    expect(result).toMatchObject({ decision: { outcome: 'granted' }, deliveryProblems: [] });
    expect((await attempts(handle.workflowId))[0]).toBeGreaterThanOrEqual(3);
    expect(mail.subjects(handle.workflowId)).toHaveLength(3);
  });
}, 120_000);

test('the ministry intake failing twice: the request is retried and filed once, and the case goes on', async () => {
  const taskQueue = 'trust-faults-ministry';
  let calls = 0;
  const filed: string[] = [];
  const flaky: MinistryIntake = {
    async requestReport(request) {
      if (++calls <= 2) throw new Error(`ministry intake unavailable (call ${calls})`);
      filed.push(request.requestKey);
    },
    async sendReminder() {},
  };
  await withWorker(
    taskQueue,
    async () => {
      const handle = await startCase(taskQueue);
      await act(handle, { type: 'confirm-complete' });
      await act(handle, { type: 'request-ambtsbericht', factors: ['a'], questions: ['Is care available on return?'] });
      await waitFor(() => filed.length > 0, 'the request to be filed', 60_000);
      await act(handle, { type: 'record-report', reference: 'MFA-2026-1', summary: 'Care is not available on return.' });
      await act(handle, GRANT);
      expect(await handle.result()).toMatchObject({ decision: { outcome: 'granted' } });
      expect(calls).toBe(3);
      expect(filed).toEqual([`${handle.workflowId}.ambtsbericht.1`]);
    },
    flaky,
  );
}, 120_000);

test('a hundred updates sent to one case at once: each applied in order or rejected with its reason, none lost', async () => {
  const taskQueue = 'trust-faults-updates';
  await withWorker(taskQueue, async () => {
    const handle = await startCase(taskQueue);
    const requested = (await act(handle, { type: 'request-evidence', missing: ['valid passport'] })) as CaseStatus;
    const due = requested.deadlines.cure!.due;
    const day = (n: number) => new Date(Date.parse(`${due}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // Extensions to ever later dates, sent in a shuffled order: one that arrives after a later one is refused.
    const order = Array.from({ length: 100 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    const outcomes = await Promise.allSettled(order.map((n) => act(handle, { type: 'extend-cure-period', until: day(n), reason: `extension ${n}` })));

    const applied = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [day(order[i]!)] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    expect(applied.length + refused.length).toBe(100);
    expect(applied.length).toBeGreaterThan(0);
    console.info(`100 concurrent updates: ${applied.length} applied, ${refused.length} refused`);
    for (const err of refused) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((err as WorkflowUpdateFailedError).cause?.message).toMatch(
        /the new cure deadline \d{4}-\d\d-\d\d must be later than the current one, \d{4}-\d\d-\d\d$/,
      );
    }
    // Each applied update answered with the deadline it set.
    for (const [i, o] of outcomes.entries()) if (o.status === 'fulfilled') expect((o.value as CaseStatus).deadlines.cure!.due).toBe(day(order[i]!));

    const status = await handle.query(statusQuery);
    const ledger = status.evidenceRequest!.extensions.map((e) => e.due);
    expect([...ledger].sort()).toEqual([...applied].sort()); // exactly the applied ones, none lost, none extra
    expect(ledger).toEqual([...ledger].sort()); // in the order applied, each later than the one before
    expect(status.deadlines.cure!.due).toBe(ledger.at(-1));
    const { events } = await handle.fetchHistory();
    expect(events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1 + applied.length); // refusals never reach history
    // The applicant hears of every extension that was applied, once.
    await waitFor(() => mail.subjects(handle.workflowId).length === 2 + applied.length || undefined, 'a notice per extension');
    await handle.terminate('test done');
  });
}, 120_000);
