/**
 * Notices delivered by the application workflow (time-skipping test server, real SMTP server):
 * an SMTP server that refuses the first attempts still gets exactly one message per notice, and
 * an address refused for good flags the case for an operator while the case goes on.
 */
import { anApplication, GRANT, type TestAction } from '../support/cases';
import { CaseHarness } from '../support/harness';
import { activityAttempts } from '../support/history';

let h: CaseHarness;
beforeAll(async () => {
  h = await CaseHarness.start('notice-delivery-test');
}, 120_000);
afterAll(() => h?.close());

/** Receipt, evidence request, evidence, decision: three notices (receipt.1, evidence-request.2, decision.3), and for a refusal the objection period (4). */
async function runCase(caseNumber: string, application = anApplication({ caseNumber }), decision: TestAction = GRANT) {
  const handle = await h.startCase(application);
  await h.act(handle, { type: 'request-evidence', missing: ['valid passport'] });
  await h.act(handle, { type: 'supply-evidence', documents: ['valid passport'] });
  await h.act(handle, decision);
  return { handle, output: await handle.result() };
}

test('an SMTP server that refuses the first attempts still gets exactly one message per notice', async () => {
  const caseNumber = 'NL-FLAKY-0001';
  const refusedBefore = h.smtp.refused;
  h.smtp.refuseNext('connect', 'data');

  const { attempts } = await h.withWorker(async () => {
    const { handle } = await runCase(caseNumber);
    return { attempts: await activityAttempts(handle) };
  });

  expect(h.smtp.refused - refusedBefore).toBe(2);
  // Temporal retried the first notice (421 on connect, then 451 after the message); the others went at once.
  expect(attempts).toEqual([3, 1, 1]);
  expect(h.smtp.forCase(caseNumber).map((m) => m.parsed.messageId)).toEqual([
    `<${caseNumber}.receipt.1@dossier>`,
    `<${caseNumber}.evidence-request.2@dossier>`,
    `<${caseNumber}.decision.3@dossier>`,
  ]);
});

test('an address the server refuses for good flags the case for an operator, and the case goes on', async () => {
  const caseNumber = 'NL-REJECT-0001';
  const application = anApplication({ caseNumber });
  h.smtp.rejectRecipient(application.contact.email);
  const refusedBefore = h.smtp.refused;

  const { output, status, attempts } = await h.withWorker(async () => {
    // A refusal, not a grant: a grant starts a permit whose own notices would go to the same address.
    const { handle, output } = await runCase(caseNumber, application, { type: 'refuse', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'] });
    return { output, status: await h.status(handle), attempts: await activityAttempts(handle) };
  });

  expect(output).toMatchObject({ caseNumber, decision: { outcome: 'refused' } });
  expect(output.deliveryProblems).toEqual(status.deliveryProblems);
  expect(status.operatorAttention).toBe(true);
  expect(status.deliveryProblems.map((p) => p.noticeKey)).toEqual([
    `${caseNumber}.receipt.1`,
    `${caseNumber}.evidence-request.2`,
    `${caseNumber}.decision.3`,
    `${caseNumber}.objection-period.4`,
  ]);
  for (const problem of status.deliveryProblems) expect(problem.reason).toMatch(/refused the recipient permanently: 550/);
  // Not retried: one refusal per notice, and nothing received.
  expect(attempts).toEqual([1, 1, 1, 1]);
  expect(h.smtp.refused - refusedBefore).toBe(4);
  expect(h.smtp.forCase(caseNumber)).toHaveLength(0);
});
