/** The permit machine and the permit rules as plain unit tests: XState's pure API, no Temporal, no clock. */
import { initialTransition, transition } from 'xstate';
import { addDays, computeDeadline, endOfDay, startOfDay } from '../../domain/calendar';
import type { Actor } from '../../domain/roles';
import {
  OLD_ACT_ESTATE_RESTRICTION,
  PermitSchema,
  PermitWorkflowInputSchema,
  renewalCalendar,
  renewalTiming,
  type PermitActionInput,
  type PermitInput,
} from '../../domain/permit';
import { procedureOf } from '../../domain/jurisdictions';
import {
  allowedActions,
  permitMachine,
  rejectionOf,
  stateOf,
  type PermitActionEvent,
  type PermitEffect,
  type PermitEvent,
  type PermitSnapshot,
} from '../../machines/permit';
import { FACTS, nlPermit } from '../support/cases';

const AMS = 'Europe/Amsterdam';
const OSLO = 'Europe/Oslo';
const START = '2026-04-01T08:00:00.000Z';
const CASEWORKER: Actor = { id: 'cw-0042', role: 'caseworker' };
const HOLDER: Actor = { id: 'portal-7781', role: 'applicant' };

const noPermit = (overrides: Partial<PermitInput> = {}): PermitInput =>
  nlPermit({
    permitNumber: 'NO-T0000456',
    caseNumber: 'NO-2026-000456',
    jurisdiction: 'NO',
    holder: { name: 'Holder Example', email: 'holder@example.test', language: 'no' },
    ...overrides,
  });

// Every action the pure API returns is an effect: the machine's own assignments are not returned.
const effectsOf = (actions: readonly { type: string; params?: unknown }[]) => actions.map((a) => ({ type: a.type, params: a.params }) as PermitEffect);

function start(input: PermitInput) {
  const [snapshot, actions] = initialTransition(permitMachine, { permit: PermitSchema.parse(input), startedAt: START });
  return { snapshot, effects: effectsOf(actions) };
}

/** One event; an action must be accepted (rejectionOf null) before it is taken. */
function step(snapshot: PermitSnapshot, event: PermitEvent) {
  if (!event.type.includes('.')) expect(rejectionOf(snapshot, event as PermitActionEvent)).toBeNull();
  const [next, actions] = transition(permitMachine, snapshot, event);
  return { snapshot: next, effects: effectsOf(actions) };
}

const act = (action: PermitActionInput, at: string) => ({ ...action, at }) as PermitActionEvent;
const noticesIn = (effects: PermitEffect[]) => effects.flatMap((e) => (e.type === 'sendNotice' ? [e.params] : []));
const timersIn = (effects: PermitEffect[]) => Object.fromEntries(effects.flatMap((e) => (e.type === 'armTimer' ? [[e.params.timer, e.params.at]] : [])));
const renewal = (filedOn: string, extra: Partial<Extract<PermitActionInput, { type: 'file-renewal' }>> = {}): PermitActionInput => ({
  type: 'file-renewal',
  filedOn,
  facts: FACTS.nlPolicyGrants,
  actor: HOLDER,
  ...extra,
});

describe('renewal calendar and timing (domain/permit)', () => {
  test('NL: invited when the window opens three months before expiry; renew by the last day; reminded 14 days before', () => {
    const calendar = renewalCalendar('NL', '2028-03-31');
    expect(calendar.inviteOn).toBe(computeDeadline({ jurisdiction: 'NL', kind: 'renewal-window', from: '2028-03-31' }).due);
    expect(calendar.inviteOn).toBe('2027-12-31');
    expect(calendar.deadline).toMatchObject({ due: '2028-03-31', dueAt: endOfDay('2028-03-31', AMS), timeZone: AMS });
    expect(calendar.remindOn).toBe('2028-03-17');
  });

  test('NO: the application must arrive a month before expiry (s. 61); invited three months before expiry', () => {
    const calendar = renewalCalendar('NO', '2028-06-30');
    expect(calendar.deadline).toMatchObject({ due: '2028-05-30', timeZone: OSLO });
    expect(calendar.deadline.citations[0]).toMatch(/s\. 61 sixth paragraph/);
    expect(calendar.inviteOn).toBe('2028-03-30');
  });

  test('NL late filing: within four weeks no gap; later a gap from the day after expiry to the day before filing', () => {
    expect(renewalTiming('NL', '2028-03-31', '2028-03-31').kind).toBe('in-time');
    expect(renewalTiming('NL', '2028-03-31', '2028-04-28')).toMatchObject({ kind: 'late-no-gap', graceEnds: '2028-04-28' });
    expect(renewalTiming('NL', '2028-03-31', '2028-04-29')).toMatchObject({ kind: 'late-gap', gap: { from: '2028-04-01', to: '2028-04-28' } });
    expect(renewalTiming('NL', '2028-03-31', '2027-12-30')).toMatchObject({ kind: 'too-early', opensOn: '2027-12-31' });
  });

  test('NO late filing loses the right to stay while the application is pending', () => {
    expect(renewalTiming('NO', '2028-06-30', '2028-05-30').kind).toBe('in-time');
    expect(renewalTiming('NO', '2028-06-30', '2028-05-31')).toMatchObject({ kind: 'late-no-right-to-stay', due: '2028-05-30' });
  });

  test('art. 3.50 (B16/2 sub b): the permit has been held longer than a year on the anniversary of admission, also when majority came first', () => {
    const eligibleOn = (admittedOn: string) =>
      procedureOf('NL').milestones.independence(
        PermitSchema.parse(nlPermit({ admittedAsMinorForFamilyReunification: { admittedOn, dateOfBirth: '2010-01-01' } })),
      )?.eligibleOn;
    expect(eligibleOn('2025-06-15')).toBe('2026-06-15');
    // Admitted four months before the 18th birthday: coming of age within the first year does not stand in the way.
    expect(eligibleOn('2027-09-01')).toBe('2028-09-01');
  });

  test('the input schema names the field and the rule', () => {
    const bad = PermitWorkflowInputSchema.safeParse({ permit: nlPermit({ s38Limitations: ['not-renewable'] }) });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({
      path: ['permit', 's38Limitations'],
      message: 'NL law allows no restriction not-renewable (Immigration Act (NO) s. 38 fifth paragraph) on a NL permit',
    });
    const short = PermitSchema.safeParse(noPermit({ validUntil: '2027-05-01', s38Limitations: ['validity-under-one-year'] }));
    expect(short.success).toBe(false);
  });
});

describe('permit machine', () => {
  test('a renewable permit: invitation, reminder, renewal case, new terms and a new generation', () => {
    let { snapshot, effects } = start(nlPermit());
    expect(stateOf(snapshot)).toBe('valid');
    expect(timersIn(effects)).toEqual({
      'renewal-invitation': startOfDay('2027-12-31', AMS),
      'renewal-reminder': startOfDay('2028-03-17', AMS),
      expiry: endOfDay('2028-03-31', AMS),
    });

    ({ snapshot, effects } = step(snapshot, { type: 'renewal-window.opened', at: startOfDay('2027-12-31', AMS) }));
    expect(noticesIn(effects)).toEqual([
      expect.objectContaining({
        kind: 'renewal-invitation',
        caseNumber: 'NL-V0000123',
        sequence: 1,
        permitValidUntil: '2028-03-31',
        deadline: expect.objectContaining({ due: '2028-03-31' }),
      }),
    ]);
    ({ snapshot, effects } = step(snapshot, { type: 'renewal-reminder.due', at: startOfDay('2028-03-17', AMS) }));
    expect(noticesIn(effects)).toEqual([expect.objectContaining({ kind: 'renewal-reminder', sequence: 2 })]);

    ({ snapshot, effects } = step(snapshot, act(renewal('2028-03-20'), '2028-03-20T10:00:00.000Z')));
    expect(stateOf(snapshot)).toBe('renewalPending');
    expect(effects).toContainEqual({
      type: 'startRenewalCase',
      params: {
        n: 1,
        workflowId: 'NL-V0000123.renewal.1',
        application: { caseNumber: 'NL-V0000123-R1', contact: nlPermit().holder, facts: FACTS.nlPolicyGrants },
        renewalOf: 'NL-V0000123',
      },
    });
    expect(snapshot.context.renewals[0]).toMatchObject({ timing: { kind: 'in-time' }, result: null });
    expect(allowedActions(snapshot)).toEqual(['withdraw']);

    // Expiry while the renewal is decided: residence goes on (Vw 2000 art. 8(g)).
    ({ snapshot } = step(snapshot, { type: 'permit.expired', at: endOfDay('2028-03-31', AMS) }));
    expect(stateOf(snapshot)).toBe('renewalPending');

    const terms = {
      restriction: 'voortgezet verblijf',
      labourMarketNote: 'free to work',
      validFrom: '2028-04-01',
      validUntil: '2033-03-31',
      s38Limitations: [],
    };
    ({ snapshot, effects } = step(snapshot, { type: 'renewal-case.decided', at: '2028-04-10T09:00:00.000Z', result: { outcome: 'granted', terms } }));
    expect(stateOf(snapshot)).toBe('valid');
    expect(snapshot.context).toMatchObject({
      generation: 1,
      permit: { validFrom: '2028-04-01', validUntil: '2033-03-31' },
      history: [{ validFrom: '2026-04-01', validUntil: '2028-03-31', endedBy: 'renewal' }],
      period: { invitedAt: null, remindedAt: null, expiredAt: null },
    });
    expect(timersIn(effects)).toEqual({
      'renewal-invitation': startOfDay(renewalCalendar('NL', '2033-03-31').inviteOn, AMS),
      'renewal-reminder': startOfDay('2033-03-17', AMS),
      expiry: endOfDay('2033-03-31', AMS),
    });
  });

  test('a refused renewal after expiry leaves the permit lapsed; the file closes a year later', () => {
    let { snapshot } = start(nlPermit());
    ({ snapshot } = step(snapshot, act(renewal('2028-03-30'), '2028-03-30T10:00:00.000Z')));
    ({ snapshot } = step(snapshot, { type: 'permit.expired', at: endOfDay('2028-03-31', AMS) }));
    const decided = step(snapshot, {
      type: 'renewal-case.decided',
      at: '2028-05-01T09:00:00.000Z',
      result: { outcome: 'refused', detail: 'Vb 2000 art. 3.51' },
    });
    snapshot = decided.snapshot;
    const { effects } = decided;
    expect(stateOf(snapshot)).toBe('lapsed');
    expect(snapshot.context.period.expiredAt).toBe(endOfDay('2028-03-31', AMS));
    expect(timersIn(effects)).toEqual({ 'late-renewal': endOfDay('2029-03-31', AMS) });
    ({ snapshot } = step(snapshot, { type: 'late-renewal.closed', at: endOfDay('2029-03-31', AMS) }));
    expect(snapshot.status).toBe('done');
    expect(snapshot.output).toMatchObject({ ending: 'expired', renewals: [{ result: { outcome: 'refused' } }] });
  });

  test('NL: a renewal more than four weeks late needs a reason; the lateness is then assessed', () => {
    let { snapshot } = start(nlPermit());
    ({ snapshot } = step(snapshot, { type: 'permit.expired', at: endOfDay('2028-03-31', AMS) }));
    expect(stateOf(snapshot)).toBe('lapsed');
    const at = '2028-06-01T10:00:00.000Z';
    expect(rejectionOf(snapshot, act(renewal('2028-06-01'), at))).toMatch(
      /after the grace period that followed the expiry on 2028-03-31: give lateReason.*Vw 2000 art\. 26.*more than four weeks after expiry/,
    );
    ({ snapshot } = step(snapshot, act(renewal('2028-06-01', { lateReason: 'in hospital abroad' }), at)));
    expect(snapshot.context.renewals[0]).toMatchObject({
      timing: { kind: 'late-gap', gap: { from: '2028-04-01', to: '2028-05-31' } },
      lateReason: 'in hospital abroad',
    });
    expect(allowedActions(snapshot)).toContain('assess-lateness');
    ({ snapshot } = step(snapshot, act({ type: 'assess-lateness', excusable: true, grounds: ['hospital admission proven'], actor: CASEWORKER }, at)));
    expect(snapshot.context.renewals[0]!.lateness).toMatchObject({ excusable: true });
    expect(rejectionOf(snapshot, act({ type: 'assess-lateness', excusable: false, grounds: ['x'], actor: CASEWORKER }, at))).toMatch(/already been assessed/);
  });

  test('a non-renewable s. 38 permit gets an expiry notice instead of an invitation, cannot be renewed, and ends', () => {
    let { snapshot, effects } = start(
      noPermit({ validFrom: '2026-04-01', validUntil: '2027-02-28', s38Limitations: ['not-renewable', 'validity-under-one-year'] }),
    );
    expect(timersIn(effects)['renewal-reminder']).toBeNull();
    expect(allowedActions(snapshot)).not.toContain('file-renewal');
    expect(rejectionOf(snapshot, act(renewal('2026-12-01', { facts: FACTS.noChild }), '2026-12-01T10:00:00.000Z'))).toMatch(
      /not renewable \(Immigration Act \(NO\) s\. 38 fifth paragraph\)/,
    );
    ({ snapshot, effects } = step(snapshot, { type: 'renewal-window.opened', at: startOfDay('2026-11-28', OSLO) }));
    expect(noticesIn(effects)).toEqual([
      expect.objectContaining({
        kind: 'expiry',
        renewable: false,
        deadline: expect.objectContaining({ due: '2027-02-28', dueAt: endOfDay('2027-02-28', OSLO) }),
      }),
    ]);
    ({ snapshot } = step(snapshot, { type: 'permit.expired', at: endOfDay('2027-02-28', OSLO) }));
    expect(snapshot.output).toMatchObject({ ending: 'expired' });
  });

  test('old-act estate permit: checked on the anniversary, converted to "voortgezet verblijf" for five years', () => {
    let { snapshot, effects } = start(nlPermit({ restriction: OLD_ACT_ESTATE_RESTRICTION, validFrom: '2026-04-01', validUntil: '2028-03-31' }));
    expect(timersIn(effects).conversion).toBe(startOfDay('2027-04-01', AMS));
    ({ snapshot, effects } = step(snapshot, { type: 'conversion.due', at: startOfDay('2027-04-01', AMS) }));
    expect(effects).toContainEqual({
      type: 'checkContraIndications',
      params: {
        permitNumber: 'NL-V0000123',
        caseNumber: 'NL-2026-000123',
        onDate: '2027-04-01',
        grounds: ['public-order', 'main-residence-abroad', 'incorrect-information'],
      },
    });
    ({ snapshot, effects } = step(snapshot, { type: 'contra-indications.checked', at: startOfDay('2027-04-01', AMS), findings: [] }));
    expect(snapshot.context).toMatchObject({
      generation: 1,
      permit: { restriction: 'voortgezet verblijf', validFrom: '2027-04-01', validUntil: '2032-03-31' },
      conversion: { status: 'converted' },
      history: [{ restriction: OLD_ACT_ESTATE_RESTRICTION, endedBy: 'conversion' }],
    });
    expect(noticesIn(effects)).toEqual([
      expect.objectContaining({
        kind: 'conversion',
        convertedOn: '2027-04-01',
        validUntil: '2032-03-31',
        grounds: expect.arrayContaining([expect.stringMatching(/^Vb 2000 art\. 3\.6 and 3\.52; VV art\. 3\.17a sub c; Vc 2000 B16\/7\.1/)]),
      }),
    ]);
    expect(timersIn(effects).expiry).toBe(endOfDay('2032-03-31', AMS));
  });

  test('a contra-indication stops the conversion and opens a review; the caseworker may keep the permit as it is', () => {
    let { snapshot, effects } = start(nlPermit({ restriction: OLD_ACT_ESTATE_RESTRICTION }));
    ({ snapshot } = step(snapshot, { type: 'conversion.due', at: startOfDay('2027-04-01', AMS) }));
    const findings = [{ ground: 'public-order' as const, detail: 'conviction, 14 months', recordedOn: '2027-01-12' }];
    ({ snapshot, effects } = step(snapshot, { type: 'contra-indications.checked', at: startOfDay('2027-04-01', AMS), findings }));
    expect(noticesIn(effects)).toEqual([]);
    expect(effects).toContainEqual({
      type: 'openContraIndicationReview',
      params: { key: 'NL-V0000123.conversion-review', permitNumber: 'NL-V0000123', caseNumber: 'NL-2026-000123', onDate: '2027-04-01', findings },
    });
    expect(allowedActions(snapshot)).toContain('resolve-contra-indication');
    ({ snapshot } = step(
      snapshot,
      act(
        { type: 'resolve-contra-indication', decision: 'maintain', grounds: ['Vc 2000 B16/7.1: public order'], actor: CASEWORKER },
        '2027-04-20T09:00:00.000Z',
      ),
    ));
    expect(snapshot.context).toMatchObject({ generation: 0, permit: { restriction: OLD_ACT_ESTATE_RESTRICTION }, conversion: { status: 'maintained' } });
    expect(allowedActions(snapshot)).not.toContain('resolve-contra-indication');
  });

  test('art. 3.50: the holder is told on the date the one-year condition is met', () => {
    let { snapshot, effects } = start(nlPermit({ admittedAsMinorForFamilyReunification: { admittedOn: '2026-04-01', dateOfBirth: '2012-05-05' } }));
    expect(timersIn(effects).independence).toBe(startOfDay('2027-04-01', AMS));
    ({ effects } = step(snapshot, { type: 'independence.due', at: startOfDay('2027-04-01', AMS) }));
    expect(noticesIn(effects)).toEqual([expect.objectContaining({ kind: 'independent-permit', eligibleOn: '2027-04-01' })]);
  });

  test('withdrawal: only for incorrect information (B16/8), with an objection period; a well-founded objection keeps the permit', () => {
    let { snapshot, effects } = start(nlPermit());
    const at = '2026-09-01T09:00:00.000Z'; // Tuesday
    const withdraw = (basis: 'incorrect-information' | 'conditions-no-longer-met', actor = CASEWORKER) =>
      act({ type: 'withdraw', basis, grounds: ['false marriage certificate'], actor }, at);
    expect(rejectionOf(snapshot, withdraw('conditions-no-longer-met'))).toMatch(/Vc 2000 B16\/8/);
    expect(rejectionOf(snapshot, withdraw('incorrect-information', HOLDER))).toBe(
      'action "withdraw" is refused in state "valid": actorMayAct: "withdraw" may not be taken by the applicant; it is taken by: caseworker',
    );
    ({ snapshot, effects } = step(snapshot, withdraw('incorrect-information')));
    const objection = computeDeadline({ jurisdiction: 'NL', kind: 'objection', from: '2026-09-01' });
    expect(noticesIn(effects)).toEqual([
      expect.objectContaining({
        kind: 'withdrawal',
        withdrawnOn: '2026-09-01',
        grounds: [expect.stringMatching(/Vw 2000 art\. 18\(1\)\(c\) and 19/), 'false marriage certificate'],
        deadline: expect.objectContaining({ due: objection.due }),
      }),
    ]);
    expect(timersIn(effects)['objection-period']).toBe(objection.dueAt);
    const late = addDays(objection.due, 1);
    expect(rejectionOf(snapshot, act({ type: 'lodge-objection', receivedOn: late, actor: HOLDER }, at))).toMatch(/is late/);
    ({ snapshot } = step(snapshot, act({ type: 'lodge-objection', receivedOn: '2026-09-10', actor: HOLDER }, '2026-09-10T09:00:00.000Z')));
    const decided = step(
      snapshot,
      act({ type: 'decide-objection', outcome: 'well-founded', grounds: ['the certificate was genuine'], actor: CASEWORKER }, '2026-10-15T09:00:00.000Z'),
    );
    expect(stateOf(decided.snapshot)).toBe('valid');
    expect(noticesIn(decided.effects)).toEqual([expect.objectContaining({ kind: 'objection-decision', outcome: 'well-founded', decidedOn: '2026-10-15' })]);
    const dismissed = step(
      snapshot,
      act({ type: 'decide-objection', outcome: 'unfounded', grounds: ['the certificate was forged'], actor: CASEWORKER }, '2026-10-15T09:00:00.000Z'),
    );
    expect(dismissed.snapshot.output).toMatchObject({ ending: 'withdrawn' });
  });

  test('without an objection the withdrawal takes effect when the period ends', () => {
    let { snapshot } = start(nlPermit());
    ({ snapshot } = step(
      snapshot,
      act({ type: 'withdraw', basis: 'incorrect-information', grounds: ['forged document'], actor: CASEWORKER }, '2026-09-01T09:00:00.000Z'),
    ));
    ({ snapshot } = step(snapshot, { type: 'objection-period.expired', at: '2026-09-30T21:59:59.999Z' }));
    expect(snapshot.output).toMatchObject({ ending: 'withdrawn', withdrawals: [{ lodgedOn: null, outcome: null }] });
  });
});
