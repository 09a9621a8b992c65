/**
 * Notices delivered by the application workflow (time-skipping test server, real SMTP server):
 * an SMTP server that refuses the first attempts still gets exactly one message per notice, and
 * an address refused for good flags the case for an operator while the case goes on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createNoticeActivities, fileLedger, smtpMailer, type Mailer } from '../../activities';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { anApplication } from '../support/cases';
import { SmtpSink } from '../support/smtp';
import { bundleWorkflows, createTimeSkippingEnv } from '../support/temporal';

const taskQueue = 'notice-delivery-test';
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let smtp: SmtpSink;
let mailer: Mailer;
let ledgerDir: string;

beforeAll(async () => {
  [env, bundle, smtp, ledgerDir] = await Promise.all([
    createTimeSkippingEnv(),
    bundleWorkflows(),
    SmtpSink.start(),
    mkdtemp(join(tmpdir(), 'dossier-sent-')),
  ]);
  mailer = smtpMailer(smtp.url, 'office@ind.example.test');
}, 120_000);

afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await env?.teardown();
  if (ledgerDir) await rm(ledgerDir, { recursive: true, force: true });
});

async function withWorker<T>(fn: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createNoticeActivities(mailer, { ledger: fileLedger(ledgerDir) }),
  });
  return worker.runUntil(fn);
}

/** Requests evidence, supplies it and decides: two notices, evidence-request.1 and decision.2. */
async function runCase(caseNumber: string, application = anApplication({ caseNumber })) {
  const handle = await env.client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: caseNumber, args: [{ application }] });
  await handle.executeUpdate(actUpdate, { args: [{ type: 'request-evidence', missing: ['valid passport'] }] });
  await handle.executeUpdate(actUpdate, { args: [{ type: 'supply-evidence', documents: ['valid passport'] }] });
  await handle.executeUpdate(actUpdate, { args: [{ type: 'decide', outcome: 'granted', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] }] });
  return { handle, output: await handle.result() };
}

/** The attempt on which each sendNotice activity of the case ended, in order. */
async function noticeAttempts(handle: WorkflowHandle): Promise<number[]> {
  const { events } = await handle.fetchHistory();
  return events!.flatMap((e) => (e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.attempt!] : []));
}

test('an SMTP server that refuses the first attempts still gets exactly one message per notice', async () => {
  const caseNumber = 'NL-FLAKY-0001';
  const refusedBefore = smtp.refused;
  smtp.refuseNext('connect', 'data');

  const { attempts } = await withWorker(async () => {
    const { handle } = await runCase(caseNumber);
    return { attempts: await noticeAttempts(handle) };
  });

  expect(smtp.refused - refusedBefore).toBe(2);
  // Temporal retried the first notice (421 on connect, then 451 after the message); the second went at once.
  expect(attempts).toEqual([3, 1]);
  expect(smtp.forCase(caseNumber).map((m) => m.parsed.messageId)).toEqual([
    `<${caseNumber}.evidence-request.1@dossier>`,
    `<${caseNumber}.decision.2@dossier>`,
  ]);
});

test('an address the server refuses for good flags the case for an operator, and the case goes on', async () => {
  const caseNumber = 'NL-REJECT-0001';
  const application = anApplication({ caseNumber });
  smtp.rejectRecipient(application.applicant.email);
  const refusedBefore = smtp.refused;

  const { output, status, attempts } = await withWorker(async () => {
    const { handle, output } = await runCase(caseNumber, application);
    return { output, status: await handle.query(statusQuery), attempts: await noticeAttempts(handle) };
  });

  expect(output).toMatchObject({ caseNumber, outcome: 'granted' });
  expect(status.operatorAttention).toBe(true);
  expect(status.deliveryProblems.map((p) => p.noticeKey)).toEqual([`${caseNumber}.evidence-request.1`, `${caseNumber}.decision.2`]);
  for (const problem of status.deliveryProblems) expect(problem.reason).toMatch(/refused the recipient permanently: 550/);
  // Not retried: one refusal per notice, and nothing received.
  expect(attempts).toEqual([1, 1]);
  expect(smtp.refused - refusedBefore).toBe(2);
  expect(smtp.forCase(caseNumber)).toHaveLength(0);
});
