/**
 * Durability of a notice on the dev server: a worker process killed after the SMTP server accepted
 * a notice, but before the activity completed, does not make the retry send a second message.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createNoticeActivities, fileLedger, smtpMailer } from '../../activities';
import { actUpdate, APPLICATION_WORKFLOW } from '../../workflows/definitions';
import { anApplication, GRANT, withActor } from '../support/cases';
import { activityAttempts } from '../support/history';
import { createPermitStarterActivities } from '../../activities/permits';
import { SmtpSink } from '../support/smtp';
import { bundleWorkflows, createDevServerEnv } from '../support/temporal';
import { caseQueueSinks } from '../../platform/case-queue';

const ROOT = resolve(__dirname, '../..');
const taskQueue = 'notice-crash-test';
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let smtp: SmtpSink;
let ledgerDir: string;

beforeAll(async () => {
  [env, bundle, smtp, ledgerDir] = await Promise.all([createDevServerEnv(), bundleWorkflows(), SmtpSink.start(), mkdtemp(join(tmpdir(), 'dossier-sent-'))]);
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  await env?.teardown();
  if (ledgerDir) await rm(ledgerDir, { recursive: true, force: true });
});

/** Starts test/support/notice-worker.ts in its own process, set to die right after sending. */
function startDoomedNoticeWorker() {
  const child = spawn(process.execPath, ['bin/run.js', 'test/support/notice-worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      SMTP_URL: smtp.url,
      DOSSIER_SENT_LEDGER_DIR: ledgerDir,
      DOSSIER_TEST_KILL_AFTER_SEND: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stderr })),
  );
  return { child, exited };
}

test('a worker killed after sending but before completing the activity does not lead to a second message', async () => {
  const application = anApplication({ caseNumber: 'NL-CRASH-0001' });
  const { caseNumber } = application;
  // This process runs the workflow only; the notice activity runs in the doomed worker first.
  const workflowWorker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, sinks: caseQueueSinks() });
  const doomed = startDoomedNoticeWorker();
  const mailer = smtpMailer(smtp.url, 'office@ind.example.test');
  try {
    const attempts = await workflowWorker.runUntil(async () => {
      // The receipt is the case's first notice: the doomed worker sends it and dies.
      const handle = await env.client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: caseNumber, args: [{ application }] });
      expect(await doomed.exited).toMatchObject({ signal: 'SIGKILL' });
      expect(smtp.forCase(caseNumber)).toHaveLength(1);

      // A second worker sharing the sent-ledger takes the activity over once the heartbeat times out.
      const rescuer = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        activities: { ...createNoticeActivities(mailer, { ledger: fileLedger(ledgerDir) }), ...createPermitStarterActivities(env.client) },
      });
      return rescuer.runUntil(async () => {
        await handle.executeUpdate(actUpdate, { args: [withActor({ type: 'request-evidence', missing: ['valid passport'] })] });
        await handle.executeUpdate(actUpdate, { args: [withActor({ type: 'supply-evidence', documents: ['valid passport'] })] });
        await handle.executeUpdate(actUpdate, { args: [withActor(GRANT)] });
        await handle.result();
        return activityAttempts(handle);
      });
    });

    // The receipt was attempted twice (the first worker died), yet received once.
    expect(attempts).toEqual([2, 1, 1]);
    expect(smtp.forCase(caseNumber).map((m) => m.parsed.messageId)).toEqual([
      `<${caseNumber}.receipt.1@dossier>`,
      `<${caseNumber}.evidence-request.2@dossier>`,
      `<${caseNumber}.decision.3@dossier>`,
    ]);
  } finally {
    mailer.close();
    if (doomed.child.exitCode === null && doomed.child.signalCode === null) doomed.child.kill('SIGKILL');
  }
}, 120_000);
