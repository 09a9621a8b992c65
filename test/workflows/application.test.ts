/**
 * The application workflow on the time-skipping test server: both paths of the cure period, with
 * the notices received by a real SMTP server.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { computeDeadline, daysBetween, localDateOf } from '../../domain/calendar';
import { createNoticeActivities, smtpMailer, type Mailer } from '../../activities';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { formatLegalDate } from '../../activities/notices';
import { bundleWorkflows, createTimeSkippingEnv } from '../support/temporal';
import { SmtpSink } from '../support/smtp';
import { anApplication } from '../support/cases';

const taskQueue = 'application-workflow-test';
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let smtp: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  [env, bundle, smtp] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(), SmtpSink.start()]);
  mailer = smtpMailer(smtp.url, 'office@ind.example.test');
}, 120_000);

afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await env?.teardown();
});

async function withWorker<T>(fn: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createNoticeActivities(mailer),
  });
  return worker.runUntil(fn);
}

function startCase(application = anApplication()) {
  return env.client.workflow.start(APPLICATION_WORKFLOW, {
    taskQueue,
    workflowId: application.caseNumber,
    args: [{ application }],
  });
}

test('evidence supplied within the cure period: request notice with the deadline, then the decision notice', async () => {
  const application = anApplication();
  const result = await withWorker(async () => {
    const handle = await startCase(application);
    const requested = await handle.executeUpdate(actUpdate, { args: [{ type: 'request-evidence', missing: ['valid passport', 'proof of address'] }] });
    expect(requested.state).toBe('awaitingEvidence');
    expect(requested.allowedActions).toEqual(['supply-evidence']);

    const requestedOn = localDateOf(requested.evidenceRequest!.requestedAt, 'Europe/Amsterdam');
    const expected = computeDeadline({ jurisdiction: 'NL', kind: 'cure', from: requestedOn });
    expect(requested.openDeadline).toEqual({ kind: 'cure', due: expected.due, dueAt: expected.dueAt, citations: expected.citations });
    expect(daysBetween(requestedOn, expected.due)).toBeGreaterThanOrEqual(14);

    await env.sleep('10 days');
    expect((await handle.query(statusQuery)).state).toBe('awaitingEvidence');
    const supplied = await handle.executeUpdate(actUpdate, { args: [{ type: 'supply-evidence', documents: ['valid passport'] }] });
    expect(supplied).toMatchObject({ state: 'readyForDecision', cureOutcome: 'supplied', openDeadline: null, allowedActions: ['decide'] });

    await handle.executeUpdate(actUpdate, { args: [{ type: 'decide', outcome: 'granted', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] }] });
    return { output: await handle.result(), due: expected.due };
  });

  expect(result.output).toMatchObject({ caseNumber: application.caseNumber, outcome: 'granted', cureOutcome: 'supplied' });
  const mails = smtp.forCase(application.caseNumber);
  expect(mails.map((m) => m.parsed.subject)).toEqual([
    `[${application.caseNumber}] Documents needed by ${formatLegalDate(result.due)}`,
    `[${application.caseNumber}] Decision on your application: granted`,
  ]);
  for (const mail of mails) expect(mail.envelopeTo).toEqual([application.applicant.email]);
  const [request, decision] = mails;
  expect(request!.parsed.text).toContain(`Deadline: ${formatLegalDate(result.due)} (${result.due})`);
  expect(request!.parsed.text).toContain('  - proof of address');
  expect(request!.parsed.messageId).toBe(`<${application.caseNumber}.evidence-request.1@dossier>`);
  expect(decision!.parsed.text).toContain('This decision rests on: Vb 2000 art. 3.51 lid 1 sub a.');
});

test('cure period expires: the case goes on to a decision on the evidence it has', async () => {
  const application = anApplication();
  const { output, due, expiredState, stateBeforeDeadline, skippedDays } = await withWorker(async () => {
    const handle = await startCase(application);
    const startMs = await env.currentTimeMs();
    const requested = await handle.executeUpdate(actUpdate, { args: [{ type: 'request-evidence', missing: ['birth certificate'] }] });
    const due = requested.openDeadline!.due;

    // The day before the deadline the case still waits; after it, the timer has fired.
    const untilDue = Date.parse(requested.openDeadline!.dueAt) - (await env.currentTimeMs());
    await env.sleep(untilDue - 60_000);
    const stateBeforeDeadline = (await handle.query(statusQuery)).state;
    await env.sleep('2 minutes');
    const expiredState = await handle.query(statusQuery);
    const skippedDays = ((await env.currentTimeMs()) - startMs) / 86_400_000;

    await handle.executeUpdate(actUpdate, { args: [{ type: 'decide', outcome: 'refused', grounds: ['Vb 2000 art. 3.51 lid 1'] }] });
    return { output: await handle.result(), due, expiredState, stateBeforeDeadline, skippedDays };
  });

  expect(stateBeforeDeadline).toBe('awaitingEvidence');
  expect(expiredState).toMatchObject({ state: 'readyForDecision', cureOutcome: 'expired', openDeadline: null });
  expect(skippedDays).toBeGreaterThanOrEqual(14);
  expect(output).toMatchObject({ outcome: 'refused', cureOutcome: 'expired' });
  const subjects = smtp.forCase(application.caseNumber).map((m) => m.parsed.subject);
  expect(subjects).toEqual([
    `[${application.caseNumber}] Documents needed by ${formatLegalDate(due)}`,
    `[${application.caseNumber}] Decision on your application: refused`,
  ]);
});

test('an action the state does not accept, or a malformed one, is rejected and leaves no trace in history', async () => {
  const application = anApplication();
  await withWorker(async () => {
    const handle = await startCase(application);
    await expect(
      handle.executeUpdate(actUpdate, { args: [{ type: 'decide', outcome: 'granted', grounds: ['Vb 2000 art. 3.50'] }] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const failure = await handle
      .executeUpdate(actUpdate, { args: [{ type: 'decide', outcome: 'granted', grounds: ['x'] }] })
      .catch((err: WorkflowUpdateFailedError) => err.cause?.message);
    expect(failure).toBe('action "decide" is not allowed in state "completenessCheck"; it accepts: confirm-complete, request-evidence');

    const malformed = await handle
      .executeUpdate(actUpdate, { args: [{ type: 'request-evidence', missing: [] } as never] })
      .catch((err: WorkflowUpdateFailedError) => err.cause?.message);
    expect(malformed).toBe('invalid action: action.missing: name at least one document');

    const status = await handle.query(statusQuery);
    expect(status).toMatchObject({ state: 'completenessCheck', evidenceRequest: null, decision: null });
    const history = await handle.fetchHistory();
    const updateEvents = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updateEvents).toHaveLength(0);
    await handle.terminate('test over');
  });
  expect(smtp.forCase(application.caseNumber)).toHaveLength(0);
});
