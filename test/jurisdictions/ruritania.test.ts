/**
 * A third jurisdiction added from test files only (test/jurisdictions/ruritania): its pack is
 * registered in the test process and inside the workflow bundle, and a case runs through the
 * unchanged application workflow on the time-skipping server, with Ruritania's decision period,
 * cure period, appeal and holiday, and notices that quote its law.
 */
import './ruritania/register';
import { addDays, computeDeadline } from '../../domain/calendar';
import { isJurisdiction, knownJurisdictions, registerJurisdiction } from '../../domain/jurisdictions';
import type { ApplicationFacts } from '../../domain/application';
import { anApplication } from '../support/cases';
import { CaseHarness } from '../support/harness';
import { bundleWorkflows, createTimeSkippingEnv } from '../support/temporal';
import { ruritania, type XxFacts } from './ruritania/pack';

const ZONE = ruritania.timeZone;
let h: CaseHarness;
beforeAll(async () => {
  h = await CaseHarness.start('ruritania-test', createTimeSkippingEnv, () => bundleWorkflows(require.resolve('./ruritania/workflows')));
}, 120_000);
afterAll(() => h?.close());

const facts = (yearsOfResidence: number): XxFacts => ({ jurisdiction: 'XX', applicant: { dateOfBirth: '1990-05-01', nationality: 'SYL' }, yearsOfResidence });

test('the registry knows the pack; a code is registered once, and only as two capitals', () => {
  expect(knownJurisdictions()).toEqual(['NL', 'NO', 'XX']);
  expect(isJurisdiction('XX')).toBe(true);
  expect(() => registerJurisdiction(ruritania)).toThrow('jurisdiction XX is already known');
  expect(() => registerJurisdiction({ ...ruritania, code: 'xyz' })).toThrow('a jurisdiction code is two capitals, got "xyz"');
});

test("the calendar computes Ruritania's periods and moves a deadline off its national day", () => {
  // 14 June + 30 days = 14 July, National Day: the office rolls it to the next working day.
  const decision = computeDeadline({ jurisdiction: 'XX' as never, kind: 'decision', from: '2026-06-14' });
  expect(decision).toMatchObject({ due: '2026-07-15', citations: expect.arrayContaining(['Aliens Act (XX, fictitious) s. 12(1)']) });
  expect(decision.adjustments.map((a) => a.reason)).toEqual([expect.stringContaining('National Day')]);
});

test('a Ruritanian case runs through the unchanged workflow: its decision period, cure period, policy, appeal and notices', async () => {
  const application = anApplication({ facts: facts(3) as unknown as ApplicationFacts, contact: { language: 'en' } });
  const { caseNumber } = application;
  const result = await h.withWorker(async () => {
    const handle = await h.startCase(application);
    const received = await h.status(handle);
    const receivedOn = await h.today(ZONE);
    const requested = await h.act(handle, { type: 'request-evidence', missing: ['residence register extract'] });
    const supplied = await h.act(handle, { type: 'supply-evidence', documents: ['residence register extract'] });
    await h.act(handle, { type: 'refuse', grounds: ['Aliens Act (XX, fictitious) s. 4: fewer than five years of lawful residence'] });
    const refused = await h.status(handle);
    const refusedOn = await h.today(ZONE);
    await h.skipPast(refused.deadlines.objection!.dueAt);
    return { received, receivedOn, requested, supplied, refused, refusedOn, output: await handle.result() };
  });

  expect(result.received).toMatchObject({ jurisdiction: 'XX', state: 'completenessCheck' });
  expect(result.received.deadlines.decision).toMatchObject({
    due: computeDeadline({ jurisdiction: 'XX' as never, kind: 'decision', from: result.receivedOn }).due,
  });
  // The cure period is the pack's (14 days), and its law suspends the decision period meanwhile.
  expect(result.requested.deadlines.cure).toMatchObject({ due: computeDeadline({ jurisdiction: 'XX' as never, kind: 'cure', from: result.receivedOn }).due });
  expect(result.requested.decisionClock[1]).toMatchObject({ kind: 'suspension', legalBasis: 'Aliens Act (XX, fictitious) s. 12(2)' });
  // The pack's policy assessed the facts.
  expect(result.supplied.assessment).toMatchObject({ pack: 'xx-aliens-act', outcome: 'not-eligible' });
  // The remedy is the pack's: an appeal within 10 days.
  expect(result.refused.deadlines.objection).toMatchObject({
    due: computeDeadline({ jurisdiction: 'XX' as never, kind: 'appeal', from: result.refusedOn }).due,
  });
  expect(addDays(result.refusedOn, 10) <= result.refused.deadlines.objection!.due).toBe(true);
  expect(result.output).toMatchObject({ ending: 'closed', decision: { outcome: 'refused' } });

  const mails = h.smtp.forCase(caseNumber);
  expect(mails.map((m) => m.parsed.subject)).toEqual([
    `[${caseNumber}] Application received`,
    expect.stringContaining('Documents needed by'),
    `[${caseNumber}] Decision on your application: refused`,
    expect.stringContaining('Deadline to appeal the decision'),
  ]);
  expect(mails[0]!.parsed.text).toContain('Legal basis: Aliens Act (XX, fictitious) s. 12(1)');
});
