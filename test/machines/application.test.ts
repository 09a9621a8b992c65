/** The application machine as plain unit tests: XState's pure API, no Temporal, no clock. */
import { getAdjacencyMap } from '@xstate/graph';
import { getNextTransitions, initialTransition, transition, type AnyStateNode } from 'xstate';
import { addDays, computeDeadline, endOfDay } from '../../domain/calendar';
import { decisionDeadline } from '../../domain/decision-clock';
import {
  allowedActions,
  applicationMachine,
  rejectionOf,
  stateOf,
  type ActionEvent,
  type ApplicationEvent,
  type ApplicationSnapshot,
  type Effect,
  type SystemEvent,
} from '../../machines/application';
import { CASE_ACTION_TYPES } from '../../domain/case-actions';
import { PERMISSIONS } from '../../domain/roles';
import { anApplication, APPLICANT, CASEWORKER, FACTS, withActor, type TestAction } from '../support/cases';

const RECEIVED = '2026-03-02T09:00:00.000Z'; // Monday 2 March 2026, 10:00 in Amsterdam
const day = (date: string, time = '09:00:00.000') => `${date}T${time}Z`;
const GRANT: Extract<TestAction, { type: 'grant' }> = {
  type: 'grant',
  grounds: ['Vb 2000 art. 3.51 lid 1 sub a'],
  permit: {
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'arbeid vrij toegestaan',
    validFrom: '2026-04-01',
    validUntil: '2031-03-31',
    s38Limitations: [],
  },
};

function open(facts = FACTS.nlPolicyGrants) {
  const application = anApplication({ facts });
  const [submitted] = initialTransition(applicationMachine, { application, receivedAt: RECEIVED });
  return { application, ...step(submitted, { type: 'receipt.registered', at: RECEIVED }) };
}

/** An event as the tests write it: actions without an actor get their natural one (withActor). */
type TestEvent = SystemEvent | (TestAction & { at: string });
const complete = (event: TestEvent): ApplicationEvent =>
  event.type.includes('.') ? (event as ApplicationEvent) : ({ ...withActor(event as TestAction), at: (event as { at: string }).at } as ApplicationEvent);

function step(snapshot: ApplicationSnapshot, testEvent: TestEvent) {
  const event = complete(testEvent);
  const [next, actions] = transition(applicationMachine, snapshot, event);
  // Every action the pure API returns is an effect: the machine's own assignments are not returned.
  const effects = actions.map((a) => ({ type: a.type, params: a.params }) as Effect);
  return { snapshot: next, effects };
}

/** Runs events in order; each must be accepted. */
/** Why the machine refuses the action (with its natural actor), or null. */
const reject = (snapshot: ApplicationSnapshot, event: TestEvent) => rejectionOf(snapshot, complete(event) as ActionEvent);

function run(snapshot: ApplicationSnapshot, ...events: TestEvent[]): ApplicationSnapshot {
  for (const testEvent of events) {
    const event = complete(testEvent);
    if (!event.type.includes('.')) expect(rejectionOf(snapshot, event as ActionEvent)).toBeNull();
    snapshot = step(snapshot, event).snapshot;
  }
  return snapshot;
}

const notices = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'sendNotice' ? [e.params] : []));
const timers = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'armTimer' || e.type === 'cancelTimer' ? [e] : []));

describe('receipt and the decision clock (Vw 2000 art. 25)', () => {
  test('receipt opens the ledger, tells the applicant the decision deadline and arms its timer', () => {
    const { snapshot, effects, application } = open();
    const deadline = decisionDeadline('NL', snapshot.context.clock)!;
    // 2 March + 90 days = 31 May 2026, a Sunday: Atw art. 1 moves it to Monday 1 June.
    expect(deadline.due).toBe('2026-06-01');
    expect(stateOf(snapshot)).toBe('completenessCheck');
    expect(notices(effects)).toEqual([
      expect.objectContaining({
        kind: 'receipt',
        sequence: 1,
        caseNumber: application.caseNumber,
        receivedOn: '2026-03-02',
        deadline: expect.objectContaining({ due: '2026-06-01' }),
      }),
    ]);
    expect(timers(effects)).toEqual([{ type: 'armTimer', params: { timer: 'decision-period', at: deadline.dueAt, event: 'decision-period.expired' } }]);
  });

  test('Norway sets no decision period: the receipt states none and no timer runs', () => {
    const { snapshot, effects } = open(FACTS.noChild);
    expect(snapshot.context.clock).toEqual([]);
    expect(notices(effects)[0]).toMatchObject({ kind: 'receipt', deadline: null });
    expect(timers(effects)).toEqual([{ type: 'armTimer', params: { timer: 'decision-period', at: null, event: 'decision-period.expired' } }]);
  });
});

describe('the cure period (Vc B16/7, Awb 4:5, Awb 4:15)', () => {
  const requested = () => step(open().snapshot, { type: 'request-evidence', missing: ['valid passport'], at: day('2026-03-03') });

  test('an evidence request suspends the decision clock, sends the deadline and arms the cure timers', () => {
    const { snapshot, effects } = requested();
    const cure = computeDeadline({ jurisdiction: 'NL', kind: 'cure', from: '2026-03-03' });
    expect(snapshot.context.clock[1]).toEqual({
      kind: 'suspension',
      legalBasis: 'Awb 4:15(1)(a)',
      reason: 'evidence requested',
      start: '2026-03-03',
      end: null,
      noticeKey: null,
    });
    expect(notices(effects)).toEqual([
      expect.objectContaining({ kind: 'evidence-request', sequence: 2, missing: ['valid passport'], deadline: expect.objectContaining({ due: cure.due }) }),
    ]);
    expect(timers(effects)).toEqual([
      { type: 'armTimer', params: { timer: 'decision-period', at: null, event: 'decision-period.expired' } },
      { type: 'armTimer', params: { timer: 'cure-period', at: cure.dueAt, event: 'cure-period.expired' } },
      { type: 'armTimer', params: { timer: 'cure-reminder', at: endOfDay(addDays(cure.due, -4), 'Europe/Amsterdam'), event: 'cure-reminder.due' } },
    ]);
  });

  test('the reminder repeats the deadline while documents are missing', () => {
    const { effects } = step(requested().snapshot, { type: 'cure-reminder.due', at: day('2026-03-14') });
    expect(notices(effects)).toEqual([expect.objectContaining({ kind: 'cure-reminder', sequence: 3, missing: ['valid passport'] })]);
  });

  test('an extension moves the deadline and the timers, and the applicant gets the new date', () => {
    const before = requested().snapshot.context.evidenceRequest!.deadline.due;
    const { snapshot, effects } = step(requested().snapshot, {
      type: 'extend-cure-period',
      until: '2026-03-31',
      reason: 'passport office closed',
      at: day('2026-03-10'),
    });
    expect(snapshot.context.evidenceRequest).toMatchObject({
      deadline: { due: '2026-03-31' },
      extensions: [{ previousDue: before, due: '2026-03-31', reason: 'passport office closed' }],
    });
    expect(notices(effects)).toEqual([
      expect.objectContaining({ kind: 'deadline-extended', previousDue: before, deadline: expect.objectContaining({ due: '2026-03-31' }) }),
    ]);
    expect(timers(effects).map((t) => t.params)).toEqual([
      { timer: 'cure-period', at: endOfDay('2026-03-31', 'Europe/Amsterdam'), event: 'cure-period.expired' },
      { timer: 'cure-reminder', at: endOfDay('2026-03-27', 'Europe/Amsterdam'), event: 'cure-reminder.due' },
    ]);
  });

  test('an extension must move the deadline later', () => {
    const { snapshot } = requested();
    const due = snapshot.context.evidenceRequest!.deadline.due;
    expect(reject(snapshot, { type: 'extend-cure-period', until: due, reason: 'x', at: day('2026-03-10') })).toBe(
      'action "extend-cure-period" is refused in state "awaitingEvidence": cureExtendedLater: ' +
        `the new cure deadline ${due} must be later than the current one, ${due}`,
    );
  });

  test('evidence supplied closes the suspension and the decision deadline moves by the days it lasted', () => {
    const { snapshot, effects } = step(requested().snapshot, { type: 'supply-evidence', documents: ['valid passport'], at: day('2026-03-13') });
    expect(stateOf(snapshot)).toBe('readyForDecision');
    expect(snapshot.context.clock[1]).toMatchObject({ start: '2026-03-03', end: '2026-03-13' });
    // 31 May + 10 days = 10 June 2026, a Wednesday.
    expect(decisionDeadline('NL', snapshot.context.clock)?.due).toBe('2026-06-10');
    expect(timers(effects)).toEqual([
      { type: 'cancelTimer', params: { timer: 'cure-period' } },
      { type: 'cancelTimer', params: { timer: 'cure-reminder' } },
      { type: 'armTimer', params: { timer: 'decision-period', at: endOfDay('2026-06-10', 'Europe/Amsterdam'), event: 'decision-period.expired' } },
    ]);
    expect(snapshot.context.assessment).toMatchObject({ outcome: 'policy-grants', onDate: '2026-03-13' });
  });

  test('after expiry the caseworker may declare the application not processed only within four weeks (Awb 4:5(4))', () => {
    const expired = run(requested().snapshot, { type: 'cure-period.expired', at: day('2026-03-17', '23:00:00.000') });
    const due = expired.context.evidenceRequest!.deadline.due;
    expect(stateOf(expired)).toBe('cureExpired');
    expect(expired.context.notProcessedBy).toBe(addDays(due, 28));
    const late: TestEvent = { type: 'declare-not-processed', reason: 'no passport', at: day(addDays(due, 29)) };
    expect(reject(expired, late)).toMatch(
      new RegExp(
        /notProcessedInTime: a decision not to process must be sent by .* \(Awb 4:5\(4\): /.source +
          /within four weeks after the period for supplying the evidence ended\); decide on the evidence available$/.source,
      ),
    );
    const declared = run(expired, { ...late, at: day(addDays(due, 27)) });
    expect(stateOf(declared)).toBe('objectionPeriod');
    expect(declared.context.decision).toMatchObject({ outcome: 'not-processed', grounds: ['Awb 4:5(1)(c)', 'no passport'] });
  });
});

describe('the ambtsbericht (Vw 2000 art. 25(2))', () => {
  const ready = () => run(open().snapshot, { type: 'confirm-complete', at: day('2026-03-03') });

  test('the request extends the decision period by six months, goes to the ministry and tells the applicant', () => {
    const { snapshot, effects } = step(ready(), {
      type: 'request-ambtsbericht',
      factors: ['a', 'c'],
      questions: ['Is care available?'],
      at: day('2026-03-04'),
    });
    expect(stateOf(snapshot)).toBe('awaitingReport');
    expect(snapshot.context.clock[1]).toMatchObject({ kind: 'extension', legalBasis: 'Vw 2000 art. 25(2)', months: 6, start: '2026-03-04' });
    // 31 May + 6 months = 30 November 2026, a Monday.
    expect(decisionDeadline('NL', snapshot.context.clock)?.due).toBe('2026-11-30');
    const request = {
      caseNumber: snapshot.context.application.caseNumber,
      requestKey: `${snapshot.context.application.caseNumber}.ambtsbericht.1`,
      nationality: 'MAR',
      factors: ['a', 'c'],
      questions: ['Is care available?'],
      requestedOn: '2026-03-04',
      expectedBy: '2026-04-29',
    };
    expect(effects.filter((e) => e.type === 'requestReport')).toEqual([{ type: 'requestReport', params: request }]);
    expect(notices(effects)).toEqual([
      expect.objectContaining({
        kind: 'decision-period-extended',
        reason: 'country-report',
        previousDue: '2026-06-01',
        deadline: expect.objectContaining({ due: '2026-11-30' }),
      }),
    ]);
    expect(timers(effects).at(-1)).toEqual({
      type: 'armTimer',
      params: { timer: 'report-reminder', at: endOfDay('2026-04-29', 'Europe/Amsterdam'), event: 'report-reminder.due' },
    });
  });

  test('a late report brings reminders every four weeks until it arrives', () => {
    let snapshot = step(ready(), { type: 'request-ambtsbericht', factors: ['b'], questions: ['q'], at: day('2026-03-04') }).snapshot;
    const first = step(snapshot, { type: 'report-reminder.due', at: day('2026-04-29', '22:00:00.000') });
    expect(first.effects.filter((e) => e.type === 'remindMinistry')).toEqual([{ type: 'remindMinistry', params: expect.objectContaining({ reminder: 1 }) }]);
    expect(timers(first.effects)).toEqual([
      { type: 'armTimer', params: { timer: 'report-reminder', at: endOfDay('2026-05-27', 'Europe/Amsterdam'), event: 'report-reminder.due' } },
    ]);
    snapshot = run(first.snapshot, { type: 'record-report', reference: 'BZ-2026-77', summary: 'Care is available.', at: day('2026-05-10') });
    expect(stateOf(snapshot)).toBe('readyForDecision');
    expect(snapshot.context.report).toMatchObject({ remindersSent: 1, received: { reference: 'BZ-2026-77' } });
    expect(reject(snapshot, { type: 'request-ambtsbericht', factors: ['a'], questions: ['q'], at: day('2026-05-11') })).toMatch(
      /only once.*Vw 2000 art. 25\(2\)/,
    );
  });
});

describe('the decision and its guards', () => {
  test('refusing an entitled applicant needs one of the exception grounds art. 3.50 lists (B16/2 "tenzij")', () => {
    const ready = run(open(FACTS.nlEntitled).snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    expect(ready.context.assessment?.outcome).toBe('entitled');
    const refusal: Extract<TestEvent, { type: 'refuse' }> = { type: 'refuse', grounds: ['Vb 2000 art. 3.50'], at: day('2026-03-05') };
    expect(reject(ready, refusal)).toMatch(
      new RegExp(
        /the assessment finds the applicant entitled .*exception grounds the text allows for this route: /.source +
          /incorrect-information, national-security, public-order, main-residence-abroad \(Vb 2000 art. 3.50; Vc 2000 B16\/2\)$/.source,
      ),
    );
    const refused = run(ready, { ...refusal, exceptionGround: 'public-order' });
    expect(refused.context.decision).toMatchObject({
      outcome: 'refused',
      exceptionGround: 'public-order',
      grounds: ['Vb 2000 art. 3.50', expect.stringContaining('public order')],
    });
  });

  test('the child of a Dutch parent may be refused only on the two exceptions B16/2 gives that route', () => {
    const ready = run(open(FACTS.nlDutchParent).snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    expect(ready.context.assessment).toMatchObject({ outcome: 'entitled', findings: { exceptionGrounds: ['incorrect-information', 'main-residence-abroad'] } });
    const refusal: Extract<TestEvent, { type: 'refuse' }> = {
      type: 'refuse',
      grounds: ['Vb 2000 art. 3.50 lid 4'],
      exceptionGround: 'public-order',
      at: day('2026-03-05'),
    };
    expect(reject(ready, refusal)).toMatch(/exception grounds the text allows for this route: incorrect-information, main-residence-abroad/);
    expect(run(ready, { ...refusal, exceptionGround: 'main-residence-abroad' }).context.decision).toMatchObject({
      outcome: 'refused',
      exceptionGround: 'main-residence-abroad',
    });
  });

  test('a section 38 decision about a child needs the best-interests assessment first', () => {
    const ready = run(open(FACTS.noChild).snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    const grant: TestEvent = {
      ...GRANT,
      grounds: ['Immigration Act s. 38'],
      permit: { ...GRANT.permit, s38Limitations: ['not-renewable'] },
      at: day('2026-03-05'),
    };
    expect(reject(ready, grant)).toMatch(/the case concerns children: record the best-interests assessment first/);
    const recorded = run(ready, {
      type: 'record-best-interests',
      assessment: 'The child has lived here for six years and attends school.',
      at: day('2026-03-04'),
    });
    const granted = step(recorded, grant);
    expect(stateOf(granted.snapshot)).toBe('closed');
    expect(notices(granted.effects)).toEqual([
      expect.objectContaining({ kind: 'decision', outcome: 'granted', permit: expect.objectContaining({ restriction: 'voortgezet verblijf' }) }),
    ]);
  });

  test('best interests are recorded only where a case concerns children, and s. 38 limitations only on a Norwegian permit', () => {
    const ready = run(open().snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    expect(reject(ready, { type: 'record-best-interests', assessment: 'x'.repeat(30), at: day('2026-03-04') })).toMatch(
      /in a case concerning children .*the assessment finds none/,
    );
    expect(reject(ready, { ...GRANT, permit: { ...GRANT.permit, s38Limitations: ['not-renewable'] }, at: day('2026-03-04') })).toMatch(
      /restrictionsFounded: this jurisdiction's law allows no restriction of the permit/,
    );
  });

  test('a section 38 restriction may be decided only on a ground of the fifth paragraph', () => {
    const { identity: _inDoubt, ...facts } = FACTS.noChild as Extract<typeof FACTS.noChild, { jurisdiction: 'NO' }>;
    const established = { ...facts, identity: 'established' as const, applicant: { ...facts.applicant, dateOfBirth: '1990-01-01' } };
    const ready = run(open(established).snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    expect(ready.context.assessment?.findings).toMatchObject({ restrictionTriggers: [], possibleRestrictions: [] });
    const grant: TestEvent = {
      ...GRANT,
      grounds: ['Immigration Act s. 38'],
      permit: { ...GRANT.permit, s38Limitations: ['not-renewable'] },
      at: day('2026-03-05'),
    };
    expect(reject(ready, grant)).toMatch(
      new RegExp(
        /a restriction \(not-renewable\) may be decided only when there is doubt about identity, /.source +
          /the need is temporary or other particular grounds so indicate \(Immigration Act \(NO\) s\. 38 fifth paragraph\)/.source,
      ),
    );
    expect(stateOf(step(ready, { ...grant, permit: { ...GRANT.permit, s38Limitations: [] } }).snapshot)).toBe('closed');
  });

  test('a grant closes the case with a decision letter quoting the rules the assessment rests on', () => {
    const ready = run(open().snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    const { snapshot, effects } = step(ready, { ...GRANT, at: day('2026-03-05') });
    expect(snapshot.status).toBe('done');
    expect(snapshot.output).toMatchObject({ ending: 'closed', decision: { outcome: 'granted', permit: GRANT.permit }, penalty: null });
    expect(notices(effects)[0]).toMatchObject({
      kind: 'decision',
      decidedOn: '2026-03-05',
      rules: [expect.stringContaining('Vb 2000 art. 3.51'), expect.stringContaining('B16/10')],
    });
    expect(timers(effects)).toContainEqual({ type: 'armTimer', params: { timer: 'decision-period', at: null, event: 'decision-period.expired' } });
  });
});

describe('overdue decisions (Awb 4:17)', () => {
  test('when the period passes the case is overdue, operators are alerted, and a notice of default starts the penalty', () => {
    const ready = run(open().snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
    expect(reject(ready, { type: 'record-default-notice', receivedOn: '2026-05-01', at: day('2026-05-01') })).toMatch(/not overdue/);
    const { snapshot, effects } = step(ready, { type: 'decision-period.expired', at: day('2026-06-01', '22:00:00.000') });
    expect(snapshot.context.overdueSince).toBe(day('2026-06-01', '22:00:00.000'));
    expect(effects).toEqual([
      { type: 'alertOperators', params: expect.objectContaining({ kind: 'decision-overdue', detail: expect.stringContaining('ended on 2026-06-01') }) },
    ]);
    const decided = run(snapshot, { type: 'record-default-notice', receivedOn: '2026-06-05', at: day('2026-06-05') }, { ...GRANT, at: day('2026-06-25') });
    // Penalty from 19 June (two weeks after the notice) to the decision on 25 June: 7 days at EUR 23.
    expect(decided.output?.penalty).toMatchObject({ firstPenaltyDay: '2026-06-19', days: 7, amountEur: 161 });
  });
});

describe('objection and appeal periods', () => {
  const refusedOn = (facts = FACTS.nlPolicyGrants, date = '2026-03-05') =>
    run(
      open(facts).snapshot,
      { type: 'confirm-complete', at: day('2026-03-03') },
      ...(facts.jurisdiction === 'NO'
        ? [{ type: 'record-best-interests' as const, assessment: 'Weighed carefully for the child.', at: day('2026-03-04') }]
        : []),
      {
        type: 'refuse',
        grounds: ['Vb 2000 art. 3.51 lid 1'],
        at: day(date),
      },
    );

  test('NL: four weeks from the day after sending (Vw 2000 art. 69(1)); the refusal waits for them (art. 73)', () => {
    const refused = refusedOn();
    const objection = computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: '2026-03-05' });
    expect(stateOf(refused)).toBe('objectionPeriod');
    expect(refused.context.objection?.deadline).toEqual(objection);
    const closed = run(refused, { type: 'objection-period.expired', at: objection.dueAt });
    expect(closed.output).toMatchObject({ ending: 'closed', decision: { outcome: 'refused' }, objection: { lodgedOn: null } });
  });

  test('NO: three weeks to appeal (forvaltningsloven s. 29)', () => {
    const refused = refusedOn(FACTS.noChild);
    expect(refused.context.objection?.deadline).toEqual(computeDeadline({ jurisdiction: 'NO', kind: 'appeal', from: '2026-03-05' }));
  });

  test('an objection in time reopens the case; one after the period is refused', () => {
    const refused = refusedOn();
    const due = refused.context.objection!.deadline.due;
    expect(reject(refused, { type: 'lodge-objection', receivedOn: addDays(due, 1), at: day(due) })).toBe(
      `action "lodge-objection" is refused in state "objectionPeriod": objectionInTime: the objection period ended on ${due} ` +
        `(Vw 2000 art. 69(1) (four weeks, in derogation of Awb 6:7)); an objection received on ${addDays(due, 1)} is late`,
    );
    const reconsidering = run(refused, { type: 'lodge-objection', receivedOn: due, at: day(due) });
    expect(stateOf(reconsidering)).toBe('reconsideration');
    const { snapshot, effects } = step(reconsidering, {
      type: 'decide-objection',
      outcome: 'unfounded',
      grounds: ['Vb 2000 art. 3.51 lid 1'],
      at: day(addDays(due, 20)),
    });
    expect(snapshot.output).toMatchObject({ ending: 'closed', objection: { lodgedOn: due, outcome: { outcome: 'unfounded' } } });
    expect(notices(effects)).toEqual([expect.objectContaining({ kind: 'objection-decision', outcome: 'unfounded' })]);
  });
});

test('the applicant may withdraw at any point before the decision, and not after', () => {
  const requested = run(open().snapshot, { type: 'request-evidence', missing: ['passport'], at: day('2026-03-03') });
  const { snapshot, effects } = step(requested, { type: 'withdraw', at: day('2026-03-04') });
  expect(snapshot.output).toMatchObject({ ending: 'withdrawn', decision: null });
  expect(notices(effects)).toEqual([expect.objectContaining({ kind: 'application-withdrawn', withdrawnOn: '2026-03-04' })]);
  expect(timers(effects)).toEqual(expect.arrayContaining([{ type: 'cancelTimer', params: { timer: 'cure-period' } }]));
  const refused = run(open().snapshot, { type: 'confirm-complete', at: day('2026-03-03') }, { type: 'refuse', grounds: ['x'], at: day('2026-03-04') });
  expect(reject(refused, { type: 'withdraw', at: day('2026-03-05') })).toBe(
    'action "withdraw" is not allowed in state "objectionPeriod"; it accepts: lodge-objection',
  );
});

describe('who may act (office access policy)', () => {
  const ready = () => run(open().snapshot, { type: 'confirm-complete', at: day('2026-03-03') });
  const requested = () => run(open().snapshot, { type: 'request-evidence', missing: ['passport'], at: day('2026-03-03') });

  test('an applicant cannot decide', () => {
    expect(reject(ready(), { ...GRANT, actor: APPLICANT, at: day('2026-03-04') })).toBe(
      'action "grant" is refused in state "readyForDecision": actorMayAct: "grant" may not be taken by the applicant; it is taken by: caseworker',
    );
  });

  test("a caseworker records the applicant's evidence only saying it is on their behalf", () => {
    const supply = { type: 'supply-evidence' as const, documents: ['passport'], at: day('2026-03-04') };
    expect(reject(requested(), { ...supply, actor: CASEWORKER })).toMatch(
      /"supply-evidence" is the applicant's action: a caseworker records it only on the applicant's behalf/,
    );
    const recorded = run(requested(), { ...supply, actor: { ...CASEWORKER, onBehalfOf: 'applicant' } });
    expect(recorded.context.evidence).toEqual([{ documents: ['passport'], suppliedAt: supply.at, suppliedBy: { ...CASEWORKER, onBehalfOf: 'applicant' } }]);
  });

  test('an operator may extend a cure period (after an outage) but not decide; only a caseworker acts on behalf', () => {
    const operator = { id: 'ops-1', role: 'operator' } as const;
    expect(reject(requested(), { type: 'extend-cure-period', until: '2026-04-30', reason: 'outage', actor: operator, at: day('2026-03-04') })).toBeNull();
    expect(reject(ready(), { ...GRANT, actor: operator, at: day('2026-03-04') })).toMatch(/may not be taken by the operator/);
    expect(reject(requested(), { type: 'supply-evidence', documents: ['x'], actor: { ...operator, onBehalfOf: 'applicant' }, at: day('2026-03-04') })).toMatch(
      /only a caseworker records/,
    );
  });

  test('every action has its permission', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...CASE_ACTION_TYPES].sort());
  });
});

test('model-based coverage: every state and every transition of the machine is reached', () => {
  // One event of each kind, in an order of time that makes every path plausible.
  const events: ApplicationEvent[] = (
    [
      { type: 'receipt.registered', at: RECEIVED },
      { type: 'confirm-complete', at: day('2026-03-03') },
      { type: 'request-evidence', missing: ['passport'], at: day('2026-03-03') },
      { type: 'extend-cure-period', until: '2026-04-30', reason: 'closure', at: day('2026-03-04') },
      { type: 'cure-reminder.due', at: day('2026-03-12') },
      { type: 'supply-evidence', documents: ['passport'], at: day('2026-03-13') },
      { type: 'cure-period.expired', at: day('2026-03-17', '23:00:00.000') },
      { type: 'proceed-without-evidence', at: day('2026-03-18') },
      { type: 'declare-not-processed', reason: 'no passport', at: day('2026-03-18') },
      { type: 'request-ambtsbericht', factors: ['a'], questions: ['q'], at: day('2026-03-19') },
      { type: 'report-reminder.due', at: day('2026-05-14') },
      { type: 'record-report', reference: 'BZ-1', summary: 's', at: day('2026-05-20') },
      { type: 'record-best-interests', assessment: 'Weighed carefully for the child.', at: day('2026-05-21') },
      { type: 'decision-period.expired', at: day('2026-06-01', '22:00:00.000') },
      { type: 'record-default-notice', receivedOn: '2026-06-02', at: day('2026-06-02') },
      { ...GRANT, at: day('2026-06-03') },
      { type: 'refuse', grounds: ['x'], at: day('2026-06-03') },
      { type: 'lodge-objection', receivedOn: '2026-06-10', at: day('2026-06-10') },
      { type: 'objection-period.expired', at: day('2026-07-01', '22:00:00.000') },
      { type: 'decide-objection', outcome: 'well-founded', grounds: ['x'], at: day('2026-07-15') },
      { type: 'withdraw', at: day('2026-03-05') },
    ] as TestEvent[]
  ).map(complete);
  const taken = new Set<string>();
  const reached = new Set<string>();
  for (const facts of [FACTS.nlPolicyGrants, FACTS.noChild]) {
    const adjacency = getAdjacencyMap(applicationMachine, {
      input: { application: anApplication({ facts }), receivedAt: RECEIVED },
      events,
      // States differ by where the case is and what it has done, not by every timestamp.
      serializeState: (s) =>
        JSON.stringify([s.value, Boolean(s.context.overdueSince), Boolean(s.context.report), Boolean(s.context.bestInterests), s.context.decision?.outcome]),
    });
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const node of state._nodes as AnyStateNode[]) reached.add(node.id);
      for (const { event } of Object.values(transitions) as { event: ApplicationEvent }[]) {
        if (!state.can(event)) continue;
        for (const t of getNextTransitions(state).filter((t) => t.eventType === event.type)) {
          taken.add(`${t.source.id} --${event.type}`);
          // A transient state (decided) is never at rest; it is reached when a transition enters it.
          for (const target of t.target ?? []) reached.add(target.id);
        }
      }
    }
  }
  const defined = new Set<string>();
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode) => {
    nodes.push(node);
    for (const [eventType] of node.transitions) defined.add(`${node.id} --${eventType}`);
    Object.values(node.states).forEach(walk);
  };
  walk(applicationMachine.root);
  expect([...defined].filter((t) => !taken.has(t))).toEqual([]);
  expect(nodes.map((n) => n.id).filter((id) => !reached.has(id))).toEqual([]);
  // A notice of default is offered only once the case is overdue (Awb 4:17).
  expect(allowedActions(run(open().snapshot))).toEqual(['confirm-complete', 'request-evidence', 'withdraw']);
});
