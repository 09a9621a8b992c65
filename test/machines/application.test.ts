/** The application machine as plain unit tests: XState's pure API, no Temporal. */
import { initialTransition, transition } from 'xstate';
import { allowedActions, applicationMachine, effectsOf, stateOf, type ApplicationEvent, type ApplicationSnapshot } from '../../machines/application';
import { computeDeadline } from '../../domain/calendar';
import { anApplication } from '../support/cases';

const application = anApplication();
const RECEIVED = '2026-06-01T08:00:00.000Z';

function start(): ApplicationSnapshot {
  const [opened] = initialTransition(applicationMachine, { application, receivedAt: RECEIVED });
  return step(opened, { type: 'receipt.registered', at: RECEIVED }).snapshot;
}

function step(snapshot: ApplicationSnapshot, event: ApplicationEvent) {
  const [next, actions] = transition(applicationMachine, snapshot, event);
  return { snapshot: next, effects: effectsOf(actions) };
}

test('a new case waits in submitted until its receipt is registered, then awaits the completeness check', () => {
  const [opened, actions] = initialTransition(applicationMachine, { application, receivedAt: RECEIVED });
  expect(stateOf(opened)).toBe('submitted');
  expect(effectsOf(actions)).toEqual([]);
  expect(allowedActions(opened)).toEqual([]);
  const checked = start();
  expect(stateOf(checked)).toBe('completenessCheck');
  expect(allowedActions(checked)).toEqual(['confirm-complete', 'request-evidence']);
});

test('a complete application goes straight to the decision', () => {
  const { snapshot, effects } = step(start(), { type: 'confirm-complete', at: '2026-06-02T09:00:00Z' });
  expect(stateOf(snapshot)).toBe('readyForDecision');
  expect(effects).toEqual([]);
  expect(allowedActions(snapshot)).toEqual(['decide']);
});

test('an evidence request computes the cure deadline from the letter date and asks for a notice and a timer', () => {
  // 11:30 in Amsterdam on 2 June; the letter date is 2 June in the office's zone.
  const { snapshot, effects } = step(start(), { type: 'request-evidence', missing: ['passport'], at: '2026-06-02T09:30:00Z' });
  const deadline = computeDeadline({ jurisdiction: 'NL', kind: 'cure', from: '2026-06-02' });
  expect(stateOf(snapshot)).toBe('awaitingEvidence');
  expect(snapshot.context.evidenceRequest).toEqual({ requestedAt: '2026-06-02T09:30:00Z', missing: ['passport'], deadline });
  expect(effects).toEqual([
    {
      type: 'sendNotice',
      params: {
        kind: 'evidence-request',
        caseNumber: application.caseNumber,
        jurisdiction: 'NL',
        to: application.applicant,
        sequence: 1,
        missing: ['passport'],
        deadline: { due: deadline.due, dueAt: deadline.dueAt, timeZone: 'Europe/Amsterdam', citations: deadline.citations },
      },
    },
    { type: 'armTimer', params: { timer: 'cure-period', at: deadline.dueAt, event: 'cure-period.expired' } },
  ]);
});

test('the letter date is the office-local day, not the UTC day', () => {
  // 23:30 UTC on 1 June is already 2 June in Amsterdam (UTC+2 in summer).
  const { snapshot } = step(start(), { type: 'request-evidence', missing: ['passport'], at: '2026-06-01T23:30:00Z' });
  expect(snapshot.context.evidenceRequest!.deadline.from).toBe('2026-06-02');
});

test.each([
  ['supply-evidence', { type: 'supply-evidence', documents: ['passport'], at: '2026-06-05T10:00:00Z' }, 'supplied'],
  ['cure-period.expired', { type: 'cure-period.expired', at: '2026-06-16T22:00:00Z' }, 'expired'],
] as const)('the cure period ends by %s: the timer is cancelled and the case is ready for a decision', (_, event, outcome) => {
  const requested = step(start(), { type: 'request-evidence', missing: ['passport'], at: '2026-06-02T09:30:00Z' }).snapshot;
  const { snapshot, effects } = step(requested, event as ApplicationEvent);
  expect(stateOf(snapshot)).toBe('readyForDecision');
  expect(snapshot.context.cureOutcome).toBe(outcome);
  expect(effects).toEqual([{ type: 'cancelTimer', params: { timer: 'cure-period' } }]);
});

test('a decision ends the case, sends the decision notice and outputs the decision', () => {
  const ready = step(start(), { type: 'confirm-complete', at: '2026-06-02T09:00:00Z' }).snapshot;
  const { snapshot, effects } = step(ready, { type: 'decide', outcome: 'refused', grounds: ['Vb 2000 art. 3.51 lid 1'], at: '2026-06-30T22:30:00Z' });
  expect(snapshot.status).toBe('done');
  expect(snapshot.output).toEqual({
    caseNumber: application.caseNumber,
    outcome: 'refused',
    grounds: ['Vb 2000 art. 3.51 lid 1'],
    decidedAt: '2026-06-30T22:30:00Z',
    cureOutcome: null,
  });
  // 22:30 UTC on 30 June is 00:30 on 1 July in Amsterdam: the letter carries the office's date.
  expect(effects).toEqual([
    {
      type: 'sendNotice',
      params: expect.objectContaining({ kind: 'decision', sequence: 1, outcome: 'refused', decidedOn: '2026-07-01' }),
    },
  ]);
});

test('events a state does not accept leave the snapshot unchanged', () => {
  const checked = start();
  for (const event of [
    { type: 'decide', outcome: 'granted', grounds: ['x'], at: RECEIVED },
    { type: 'supply-evidence', documents: ['x'], at: RECEIVED },
    { type: 'cure-period.expired', at: RECEIVED },
  ] as ApplicationEvent[]) {
    expect(checked.can(event)).toBe(false);
    const { snapshot, effects } = step(checked, event);
    expect(stateOf(snapshot)).toBe('completenessCheck');
    expect(snapshot.context).toEqual(checked.context);
    expect(effects).toEqual([]);
  }
});

test('notices are numbered in the order the case sends them', () => {
  let snapshot = step(start(), { type: 'request-evidence', missing: ['passport'], at: '2026-06-02T09:30:00Z' }).snapshot;
  snapshot = step(snapshot, { type: 'supply-evidence', documents: ['passport'], at: '2026-06-03T09:30:00Z' }).snapshot;
  const { effects } = step(snapshot, { type: 'decide', outcome: 'granted', grounds: ['Vb 2000 art. 3.50'], at: '2026-06-04T09:30:00Z' });
  expect(effects[0]).toMatchObject({ type: 'sendNotice', params: { kind: 'decision', sequence: 2 } });
});
