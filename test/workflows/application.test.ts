/**
 * The application workflow on the time-skipping test server, one test per deadline path, each
 * asserting the messages a real SMTP server received and the dates in them.
 */
import { addDays, addYears, computeDeadline, daysBetween, endOfDay, localDateOf, type LocalDate } from '../../domain/calendar';
import { penaltyFor } from '../../domain/jurisdictions/nl/penalty';
import { formatLegalDate } from '../../activities/notices';
import type { ApplicationFacts } from '../../domain/application';
import { anApplication, FACTS, GRANT } from '../support/cases';
import { CaseHarness, MINISTRY, OPERATORS } from '../support/harness';

let h: CaseHarness;
beforeAll(async () => {
  h = await CaseHarness.start('application-workflow-test');
}, 120_000);
afterAll(() => h?.close());

const AMS = 'Europe/Amsterdam';
const today = (zone?: string) => h.today(zone);
/** Skips time until `instant` plus a margin (the test server moves the workflow's clock, not ours). */
const skipPast = (instant: string, marginMs?: number) => h.skipPast(instant, marginMs);
const en = (date: LocalDate) => formatLegalDate(date, 'en');

test("cure period expires: receipt, request and the 2027 policy's two reminders with their dates, then a decision on the evidence available", async () => {
  const application = anApplication();
  const { caseNumber } = application;
  const result = await h.withWorker(async () => {
    const handle = await h.startCase(application);
    const received = await h.status(handle);
    const receivedOn = localDateOf(received.receivedAt, AMS);
    expect(received.deadlines.decision).toMatchObject({ due: computeDeadline({ jurisdiction: 'NL', kind: 'decision', from: receivedOn }).due });

    const requested = await h.act(handle, { type: 'request-evidence', missing: ['valid passport'] });
    const cure = computeDeadline({ jurisdiction: 'NL', kind: 'cure', from: await today() });
    expect(requested).toMatchObject({
      state: 'awaitingEvidence',
      deadlines: { cure: { due: cure.due, dueAt: cure.dueAt }, decision: { due: null, suspendedSince: await today() } },
    });

    // New cases follow the 2027 reminder policy (patched): reminders 5 days and 1 day before the deadline.
    const reminders = () => h.subjects(caseNumber).filter((s) => s.startsWith('Reminder'));
    await skipPast(endOfDay(addDays(cure.due, -6), AMS), -3_600_000);
    expect(reminders()).toEqual([]);
    await skipPast(endOfDay(addDays(cure.due, -6), AMS));
    expect(reminders()).toEqual([`Reminder: documents needed by ${en(cure.due)}`]);
    await skipPast(endOfDay(addDays(cure.due, -2), AMS));
    expect(reminders()).toHaveLength(2);
    const markers = (await handle.fetchHistory()).events!.flatMap((e) => e.markerRecordedEventAttributes?.markerName ?? []);
    expect(markers).toEqual(['core_patch']);
    await skipPast(cure.dueAt);
    const expired = await h.status(handle);
    expect(expired).toMatchObject({
      state: 'cureExpired',
      cureOutcome: 'expired',
      allowedActions: expect.arrayContaining(['proceed-without-evidence', 'declare-not-processed']),
    });
    expect(expired.deadlines.notProcessedBy).toBe(addDays(cure.due, 28));
    // The clock stood still from the request to the end of the cure period (Awb 4:15(1)(a)).
    expect(expired.decisionClock[1]).toMatchObject({ kind: 'suspension', end: cure.due });

    await h.act(handle, { type: 'proceed-without-evidence' });
    await h.act(handle, GRANT);
    return { output: await handle.result(), receivedOn, cure, decisionDue: expired.deadlines.decision!.due! };
  });

  expect(result.output).toMatchObject({ ending: 'closed', cureOutcome: 'expired', decision: { outcome: 'granted' } });
  // The grant started the permit's own lifecycle, which outlives the case.
  const permit = await h.env.client.workflow.getHandle(`${caseNumber}.permit`).describe();
  expect(permit).toMatchObject({ type: 'permitWorkflow', status: { name: 'RUNNING' } });
  expect(h.subjects(caseNumber)).toEqual([
    'Application received',
    `Documents needed by ${en(result.cure.due)}`,
    `Reminder: documents needed by ${en(result.cure.due)}`,
    `Reminder: documents needed by ${en(result.cure.due)}`,
    'Decision on your application: granted',
  ]);
  const [receipt, request, , , decision] = h.smtp.forCase(caseNumber);
  expect(receipt!.parsed.text).toContain(`We received your application on ${en(result.receivedOn)}.`);
  expect(request!.parsed.text).toContain(`Deadline: ${en(result.cure.due)} (${result.cure.due})`);
  expect(request!.parsed.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString()).toContain(
    `DTSTART;VALUE=DATE:${result.cure.due.replaceAll('-', '')}`,
  );
  expect(decision!.parsed.text).toContain(
    'This decision rests on: artikel 3.51, eerste lid, aanhef en onder a, Vb 2000; paragraaf B16/3.1 Vc 2000; paragraaf B16/10 Vc 2000.',
  );
  expect(decision!.parsed.text).toContain('with the restriction "voortgezet verblijf", valid from Friday 1 January 2027');
});

test('cure period extended: the timer moves, the applicant gets the new date, and the decision clock counts the suspension', async () => {
  const application = anApplication();
  const { caseNumber } = application;
  const { handleStatus, extendedTo, requestedOn, suppliedOn, base } = await h.withWorker(async () => {
    const handle = await h.startCase(application);
    const base = (await h.status(handle)).decisionClock[0]!;
    const requested = await h.act(handle, { type: 'request-evidence', missing: ['birth certificate'] });
    const requestedOn = await today();
    const firstDue = requested.deadlines.cure!.due;
    const extendedTo = addDays(firstDue, 14);
    const extended = await h.act(handle, { type: 'extend-cure-period', until: extendedTo, reason: 'the registry abroad is closed' });
    expect(extended.deadlines.cure).toMatchObject({ due: extendedTo, dueAt: endOfDay(extendedTo, AMS) });

    // Past the first deadline the case still waits: the timer moved with the deadline.
    await skipPast(endOfDay(firstDue, AMS), 3_600_000);
    expect((await h.status(handle)).state).toBe('awaitingEvidence');
    const supplied = await h.act(handle, { type: 'supply-evidence', documents: ['birth certificate'] });
    return { handleStatus: supplied, extendedTo, requestedOn, suppliedOn: await today(), base, handle };
  });

  expect(handleStatus.state).toBe('readyForDecision');
  expect(handleStatus.decisionClock[1]).toMatchObject({ kind: 'suspension', legalBasis: 'Awb 4:15(1)(a)', start: requestedOn, end: suppliedOn });
  expect(handleStatus.deadlines.decision!.suspendedDays).toBe(daysBetween(requestedOn, suppliedOn));
  expect(daysBetween(base.kind === 'period' ? base.end : '', handleStatus.deadlines.decision!.due!)).toBeGreaterThanOrEqual(
    daysBetween(requestedOn, suppliedOn),
  );
  expect(h.subjects(caseNumber)).toEqual(expect.arrayContaining([`New deadline for your documents: ${en(extendedTo)}`]));
  const extension = h.smtp.forCase(caseNumber).find((m) => m.parsed.subject!.includes('New deadline'))!;
  expect(extension.parsed.text).toContain(`Deadline: ${en(extendedTo)} (${extendedTo})`);
});

test('ambtsbericht: the decision period is extended, the ministry gets the request and reminders when the report is late', async () => {
  const application = anApplication();
  const { caseNumber } = application;
  const { status, requestedOn, previousDue } = await h.withWorker(async () => {
    const handle = await h.startCase(application);
    await h.act(handle, { type: 'confirm-complete' });
    const previousDue = (await h.status(handle)).deadlines.decision!.due!;
    const requested = await h.act(handle, { type: 'request-ambtsbericht', factors: ['a', 'c'], questions: ['Is the treatment available in Morocco?'] });
    const requestedOn = await today();
    expect(requested.state).toBe('awaitingReport');
    expect(requested.decisionClock[1]).toMatchObject({ kind: 'extension', legalBasis: 'Vw 2000 art. 25(2)', months: 6 });

    // Eight weeks expected, then a reminder every four weeks: two reminders by week 13.
    await h.env.sleep('13 weeks');
    const status = await h.act(handle, { type: 'record-report', reference: 'BZ/DCM-2027-0042', summary: 'Treatment is available in Rabat.' });
    await h.act(handle, GRANT);
    await handle.result();
    return { status, requestedOn, previousDue };
  });

  expect(status.report).toMatchObject({ remindersSent: 2, received: { reference: 'BZ/DCM-2027-0042' } });
  const expectedBy = addDays(requestedOn, 56);
  expect(h.subjects(caseNumber, MINISTRY)).toEqual([
    'Request for an individual official report',
    'Reminder 1: individual official report',
    'Reminder 2: individual official report',
  ]);
  const [request, reminder] = h.smtp.forCase(caseNumber).filter((m) => m.envelopeTo.includes(MINISTRY));
  expect(request!.parsed.text).toContain(`Requested on: ${requestedOn}; we would be grateful for the report by ${expectedBy}.`);
  expect(request!.parsed.text).toContain('Nationality: MAR');
  expect(request!.parsed.text).not.toContain(application.contact.name);
  expect(reminder!.parsed.text).toContain(`We had hoped for the report by ${expectedBy}.`);
  const extended = h.smtp.forCase(caseNumber).find((m) => m.parsed.subject!.includes('We need more time'))!;
  expect(extended.parsed.text).toContain(`We will not be able to decide by ${en(previousDue)} as planned`);
  expect(extended.envelopeTo).toEqual([application.contact.email]);
});

test('decision overdue: operators are alerted, the notice of default is recorded and the penalty follows (Awb 4:17)', async () => {
  const application = anApplication();
  const { caseNumber } = application;
  const { overdue, noticeOn, decidedOn, output } = await h.withWorker(async () => {
    const handle = await h.startCase(application);
    await h.act(handle, { type: 'confirm-complete' });
    const deadline = (await h.status(handle)).deadlines.decision!;
    expect(await h.rejection(handle, { type: 'record-default-notice', receivedOn: await today() })).toMatch(/not overdue/);
    await skipPast(deadline.dueAt!);
    const overdue = await h.status(handle);
    const noticeOn = await today();
    await h.act(handle, { type: 'record-default-notice', receivedOn: noticeOn });
    await h.env.sleep('20 days');
    const decidedOn = await today();
    await h.act(handle, GRANT);
    return { overdue, noticeOn, decidedOn, output: await handle.result() };
  });

  expect(overdue).toMatchObject({ overdueSince: expect.any(String), operatorAttention: true });
  expect(h.subjects(caseNumber, OPERATORS)).toEqual(['Operator alert: decision-overdue']);
  expect(output.penalty).toEqual(penaltyFor(noticeOn, decidedOn));
  expect(output.penalty).toMatchObject({ days: daysBetween(addDays(noticeOn, 14), decidedOn) + 1 });
});

test('objection in time reopens the case; without one the refusal stands when the period ends', async () => {
  const inTime = anApplication();
  const late = anApplication();
  const results = await h.withWorker(async () => {
    const first = await h.startCase(inTime);
    const second = await h.startCase(late);
    for (const handle of [first, second]) {
      await h.act(handle, { type: 'confirm-complete' });
      await h.act(handle, { type: 'refuse', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] });
    }
    const refusedOn = await today();
    const objection = (await h.status(first)).deadlines.objection!;
    expect(objection).toMatchObject({ due: computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: refusedOn }).due });

    await h.env.sleep('10 days');
    const reconsidering = await h.act(first, { type: 'lodge-objection', receivedOn: await today() });
    expect(reconsidering.state).toBe('reconsideration');
    await h.act(first, { type: 'decide-objection', outcome: 'unfounded', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] });

    await skipPast(objection.dueAt);
    const closed = await second.result();
    const tooLate = await h.rejection(second, { type: 'lodge-objection', receivedOn: await today() });
    return { reconsidered: await first.result(), closed, tooLate, objection, closedStatus: (await second.describe()).status.name };
  });

  expect(results.reconsidered).toMatchObject({ ending: 'closed', objection: { lodgedOn: expect.any(String), outcome: { outcome: 'unfounded' } } });
  expect(results.closed).toMatchObject({ ending: 'closed', decision: { outcome: 'refused' }, objection: { lodgedOn: null, outcome: null } });
  // Once the period has passed the case is closed: no action reaches it.
  expect(results.closedStatus).toBe('COMPLETED');
  expect(results.tooLate).toBeDefined();
  expect(h.subjects(late.caseNumber)).toEqual([
    'Application received',
    'Decision on your application: refused',
    `Deadline to object to the decision: ${en(results.objection.due)}`,
  ]);
  expect(h.subjects(inTime.caseNumber).at(-1)).toBe('Decision on your objection: dismissed');
});

test('Norway: no decision period, a child needs the best-interests assessment, and three weeks to appeal (fvl. s. 29)', async () => {
  // A child on the day of the test server's clock, which other tests move on by years.
  const facts = { ...FACTS.noChild, applicant: { ...FACTS.noChild.applicant, dateOfBirth: addYears(await today('Europe/Oslo'), -10) } } as ApplicationFacts;
  const application = anApplication({ facts });
  const { caseNumber } = application;
  const { appeal, refusedOn, output, rejected } = await h.withWorker(async () => {
    const handle = await h.startCase(application);
    const opened = await h.act(handle, { type: 'confirm-complete' });
    expect(opened).toMatchObject({ deadlines: { decision: null }, assessment: { outcome: 'humanitarian-assessment-needed', findings: { child: true } } });
    const rejected = await h.rejection(handle, { type: 'refuse', grounds: ['Immigration Act s. 38'] });
    await h.act(handle, { type: 'record-best-interests', assessment: 'The child has no carer on return; school and care are here.' });
    await h.act(handle, { type: 'refuse', grounds: ['Immigration Act s. 38'] });
    const refusedOn = await today('Europe/Oslo');
    const appeal = (await h.status(handle)).deadlines.objection!;
    await skipPast(appeal.dueAt);
    return { appeal, refusedOn, output: await handle.result(), rejected };
  });

  expect(rejected).toMatch(/the case concerns children: record the best-interests assessment first/);
  expect(appeal.due).toBe(computeDeadline({ jurisdiction: 'NO', kind: 'appeal', from: refusedOn }).due);
  expect(appeal.citations[0]).toMatch(/forvaltningsloven (s\.|§) 29/);
  expect(output).toMatchObject({ ending: 'closed', decision: { outcome: 'refused' } });
  const mails = h.smtp.forCase(caseNumber);
  expect(mails.map((m) => m.parsed.subject)).toEqual([
    `[${caseNumber}] Søknaden er mottatt`,
    `[${caseNumber}] Vedtak i saken din: avslått`,
    expect.stringMatching(new RegExp(`^\\[${caseNumber}\\] .*${formatLegalDate(appeal.due, 'no')}`)),
  ]);
  expect(mails[0]!.parsed.text).toContain('uten ugrunnet opphold');
});

test('actions the case does not accept, or malformed ones, are rejected naming state, action and field, and leave no trace', async () => {
  const application = anApplication();
  await h.withWorker(async () => {
    const handle = await h.startCase(application);
    expect(await h.rejection(handle, { type: 'refuse', grounds: ['x'] })).toBe(
      'action "refuse" is not allowed in state "completenessCheck"; it accepts: confirm-complete, request-evidence, withdraw',
    );
    expect(await h.rejection(handle, { type: 'request-evidence', missing: [] })).toBe(
      'invalid action "request-evidence" in state "completenessCheck": action.missing: name at least one missing document',
    );
    expect(await h.rejection(handle, { type: 'grant', grounds: ['x'], permit: { ...GRANT.permit, validUntil: '2026-01-01' } } as never)).toMatch(
      /^invalid action "grant" in state "completenessCheck": action.permit.validUntil: must be after validFrom \(Vb 2000 art. 3.64\)/,
    );
    expect(await h.status(handle)).toMatchObject({ state: 'completenessCheck', evidenceRequest: null, decision: null });
    const history = await handle.fetchHistory();
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);

    const withdrawn = await h.act(handle, { type: 'withdraw' });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawnAt: expect.any(String) });
    expect(await handle.result()).toMatchObject({ ending: 'withdrawn', decision: null });
  });
  expect(h.subjects(application.caseNumber)).toEqual(['Application received', 'Your application has been withdrawn']);
});
