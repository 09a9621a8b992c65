/**
 * The modules a worker shares between its workflows (workflows/preload.ts: the zod library, evaluated
 * once per worker context and frozen by the SDK) leak nothing from one case into another: two cases
 * served by one worker, with their updates interleaved, each keep their own state; a malformed action
 * or application is still refused inside the sandbox, naming its own case's state, before history.
 * The replay suite (test/replay) replays every kept history on the same bundle.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { anApplication, FACTS } from '../support/cases';
import { CaseHarness } from '../support/harness';
import { bundleWorkflows } from '../support/temporal';

let h: CaseHarness;
beforeAll(async () => {
  h = await CaseHarness.start('shared-modules-test');
}, 120_000);
afterAll(() => h?.close());

const accepted = async (handle: { fetchHistory(): Promise<{ events?: { workflowExecutionUpdateAcceptedEventAttributes?: unknown }[] | null }> }) =>
  (await handle.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;

test('the bundle preloads workflows/preload, which loads zod before any workflow', async () => {
  const { code } = await bundleWorkflows();
  const preload = code.slice(code.indexOf('exports.preloadModules = function preloadModules()'));
  expect(preload.slice(0, preload.indexOf('}'))).toContain('./workflows/preload.ts');
});

test('two cases interleaved on one worker keep their own state; a malformed action is refused before history', async () => {
  const a = anApplication({ facts: FACTS.nlPolicyGrants });
  const b = anApplication({ facts: FACTS.noChild });
  await h.withWorker(async () => {
    const [caseA, caseB] = [await h.startCase(a), await h.startCase(b)];

    // A, B, A, B: each update in the one reused V8 context, with the shared zod.
    const requestedA = await h.act(caseA, { type: 'request-evidence', missing: ['valid passport'] });
    expect(await h.rejection(caseB, { type: 'request-evidence', missing: [] })).toBe(
      'invalid action "request-evidence" in state "completenessCheck": action.missing: name at least one missing document',
    );
    expect(await h.rejection(caseA, { type: 'extend-cure-period', until: 'soon', reason: 'x' })).toMatch(
      /^invalid action "extend-cure-period" in state "awaitingEvidence": action.until: /,
    );
    const requestedB = await h.act(caseB, { type: 'request-evidence', missing: ['birth certificate', 'school records'] });
    const suppliedA = await h.act(caseA, { type: 'supply-evidence', documents: ['passport, copy'] });

    expect(requestedA).toMatchObject({ state: 'awaitingEvidence', jurisdiction: 'NL', evidenceRequest: { missing: ['valid passport'] } });
    expect(requestedB).toMatchObject({ state: 'awaitingEvidence', jurisdiction: 'NO', evidenceRequest: { missing: ['birth certificate', 'school records'] } });
    expect(suppliedA.evidence).toEqual([expect.objectContaining({ documents: ['passport, copy'] })]);
    const [statusA, statusB] = [await h.status(caseA), await h.status(caseB)];
    expect(statusA).toMatchObject({ caseNumber: a.caseNumber, evidenceRequest: { missing: ['valid passport'] } });
    expect(statusB).toMatchObject({ caseNumber: b.caseNumber, state: 'awaitingEvidence' });
    expect(statusB.evidence ?? []).toEqual([]);
    // Only the accepted updates are in history: A's two, B's one.
    expect(await accepted(caseA)).toBe(2);
    expect(await accepted(caseB)).toBe(1);

    await h.act(caseB, { type: 'withdraw' });
    await h.act(caseA, { type: 'withdraw' });
    expect(await caseA.result()).toMatchObject({ ending: 'withdrawn' });
    expect(await caseB.result()).toMatchObject({ ending: 'withdrawn' });
  });
}, 60_000);

test("a malformed application is refused at the case's start, naming the field (the e-mail format check on the shared zod)", async () => {
  const application = anApplication({ contact: { email: 'not an address' } });
  await h.withWorker(async () => {
    const handle = await h.startCase(application);
    const failure = await handle.result().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.message).toBe('invalid application: application.contact.email: must be an e-mail address');
    // A valid case on the same worker right after it is unaffected.
    const next = await h.startCase(anApplication());
    expect(await h.status(next)).toMatchObject({ state: 'completenessCheck' });
    await h.act(next, { type: 'withdraw' });
  });
}, 60_000);
