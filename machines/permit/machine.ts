/**
 * The life of a residence permit, often many years:
 *
 *   live{ valid → renewalPending → valid (renewed) | lapsed → renewalPending … } → expired | withdrawn
 *
 * A conversion, the notice of an independent permit and a withdrawal with its objection period run
 * beside the validity, so they are kept in the context and handled at the `live` level: a timer
 * event is never lost because the permit happens to be in another sub-state when it fires.
 *
 * Pure, like the application machine: events carry `at` (workflow time), legal dates come from the
 * calendar and the permit's jurisdiction's procedure, and what must happen in the world comes back
 * as effects (domain/effects, and timers). `generation` counts changes of the permit's terms
 * (renewal, conversion): the workflow continues as new at each. Every guard is a rule named after
 * the law (rules.ts); actions are named, so the configuration reads like docs/machines.md.
 */
import { and, assign, enqueueActions, not, setup } from 'xstate';
import type { PermitEffects } from '../../domain/effects';
import { procedureOf } from '../../domain/jurisdictions';
import { objectionPeriod, renewalTiming, withdrawalBasis, type Permit } from '../../domain/permit';
import { lawGuards } from '../guards';
import { NOTICES } from './notices';
import { atOf, conversionLaw, dayOf, PERMIT_RULES, pendingRenewal, pendingWithdrawal } from './rules';
import { armLateRenewal, armObjectionPeriod, cancel, milestoneTimers, syncPeriodTimers } from './timers';
import {
  FRESH_PERIOD,
  type PermitContext,
  type PermitEvent,
  type PermitEventOf,
  type PermitMachineInput,
  type PermitOutput,
  type PermitPeriod,
  type PermitTimerId,
  type TimerParams,
} from './types';

/** The event a named action handles (the transition that runs it guarantees the type). */
const as = <T extends PermitEvent['type']>(event: PermitEvent) => event as PermitEventOf<T>;

type Args = { context: PermitContext; event: PermitEvent };
/** A notice to the holder, and the count that keeps the next one's sequence. */
const send = (build: (context: PermitContext) => PermitEffects['sendNotice']) =>
  [{ type: 'sendNotice' as const, params: ({ context }: Args) => build(context) }, 'countNotice' as const] as const;

const checkContraIndications = {
  type: 'checkContraIndications' as const,
  params: ({ context }: Args) => ({
    permitNumber: context.permit.permitNumber,
    caseNumber: context.permit.caseNumber,
    onDate: context.conversion!.dueOn,
    grounds: [...conversionLaw(context)!.contraIndications],
  }),
};
const openContraIndicationReview = {
  type: 'openContraIndicationReview' as const,
  params: ({ context }: Args) => ({
    key: context.conversion!.review!.key,
    permitNumber: context.permit.permitNumber,
    caseNumber: context.permit.caseNumber,
    onDate: context.conversion!.dueOn,
    findings: context.conversion!.findings,
  }),
};
const startRenewalCase = {
  type: 'startRenewalCase' as const,
  params: ({ context, event }: Args) => {
    const renewal = pendingRenewal(context)!;
    return {
      n: renewal.n,
      workflowId: renewal.workflowId,
      application: { caseNumber: renewal.caseNumber, contact: context.permit.holder, facts: as<'file-renewal'>(event).facts },
      renewalOf: context.permit.permitNumber,
    };
  },
};

/** New terms from a renewal or conversion: the old ones go to the history, the period starts afresh. */
function newTerms(
  context: PermitContext,
  terms: Partial<Permit>,
  endedBy: PermitPeriod['endedBy'],
): Pick<PermitContext, 'permit' | 'history' | 'period' | 'generation'> {
  const { restriction, labourMarketNote, validFrom, validUntil } = context.permit;
  return {
    history: [...context.history, { restriction, labourMarketNote, validFrom, validUntil, endedBy }],
    permit: { ...context.permit, ...terms },
    period: FRESH_PERIOD,
    generation: context.generation + 1,
  };
}

/** Conversion: new terms, the holder told, the period's timers moved to the new expiry. */
const convert = ['convertTerms' as const, ...send(NOTICES.conversion), ...syncPeriodTimers];
const decideObjection = ['recordObjectionDecision' as const, ...send(NOTICES.objectionDecision)];
const FILE_RENEWAL = and(['actorMayAct', 'renewable', 'renewalFactsOfThisJurisdiction', 'filedOnNotInFuture', 'renewalWindowOpen', 'lateReasonGiven']);

export const permitMachine = setup({
  types: {
    context: {} as PermitContext,
    events: {} as PermitEvent,
    input: {} as PermitMachineInput,
    output: {} as PermitOutput,
  },
  actions: {
    // Effects: declared here with their payloads, carried out by the workflow (they do nothing inside the machine).
    sendNotice: (_, _notice: PermitEffects['sendNotice']) => {},
    checkContraIndications: (_, _check: PermitEffects['checkContraIndications']) => {},
    openContraIndicationReview: (_, _review: PermitEffects['openContraIndicationReview']) => {},
    startRenewalCase: (_, _request: PermitEffects['startRenewalCase']) => {},
    armTimer: (_, _timer: TimerParams) => {},
    cancelTimer: (_, _timer: { timer: PermitTimerId }) => {},

    countNotice: assign({ noticesSent: ({ context }) => context.noticesSent + 1 }),
    markInvited: assign({ period: ({ context, event }) => ({ ...context.period, invitedAt: event.at }) }),
    markReminded: assign({ period: ({ context, event }) => ({ ...context.period, remindedAt: event.at }) }),
    markExpired: assign({ period: ({ context, event }) => ({ ...context.period, expiredAt: event.at }) }),
    markLapsed: assign({ period: ({ context, event }) => ({ ...context.period, expiredAt: context.period.expiredAt ?? atOf(context, event) }) }),

    recordRenewalFiled: assign({
      renewals: ({ context, event }) => {
        const { filedOn, lateReason, at } = as<'file-renewal'>(event);
        const n = context.renewals.length + 1;
        return [
          ...context.renewals,
          {
            n,
            workflowId: `${context.permit.permitNumber}.renewal.${n}`,
            caseNumber: `${context.permit.permitNumber}-R${n}`,
            filedOn,
            filedAt: at,
            ofValidUntil: context.permit.validUntil,
            timing: renewalTiming(context.permit.jurisdiction, context.permit.validUntil, filedOn),
            lateReason: lateReason ?? null,
            lateness: null,
            result: null,
          },
        ];
      },
    }),
    recordLatenessAssessment: assign({
      renewals: ({ context, event }) => {
        const { excusable, grounds, at } = as<'assess-lateness'>(event);
        return [...context.renewals.slice(0, -1), { ...pendingRenewal(context)!, lateness: { excusable, grounds, assessedAt: at } }];
      },
    }),
    recordRenewalResult: assign({
      renewals: ({ context, event }) => {
        const { result, at } = as<'renewal-case.decided'>(event);
        return [...context.renewals.slice(0, -1), { ...pendingRenewal(context)!, result: { ...result, decidedAt: at } }];
      },
    }),
    renewTerms: assign(({ context, event }) => {
      const { result } = as<'renewal-case.decided'>(event);
      return result.outcome === 'granted' ? newTerms(context, result.terms, 'renewal') : {};
    }),

    markConversionChecking: assign({ conversion: ({ context }) => ({ ...context.conversion!, status: 'checking' as const }) }),
    markConversionNotInForce: assign({ conversion: ({ context }) => ({ ...context.conversion!, status: 'not-in-force' as const }) }),
    recordContraIndications: assign({
      conversion: ({ context, event }) => ({
        ...context.conversion!,
        status: 'review' as const,
        findings: as<'contra-indications.checked'>(event).findings,
        review: { key: `${context.permit.permitNumber}.conversion-review`, openedAt: event.at },
      }),
    }),
    /** The ex officio change the permit's procedure sets (NL: Vc 2000 B16/7.1), with the terms from its due date. */
    convertTerms: assign(({ context, event }) => {
      const conversion = context.conversion!;
      const resolution =
        event.type === 'resolve-contra-indication' ? { decision: event.decision, grounds: event.grounds, at: event.at } : conversion.resolution;
      return {
        ...newTerms(context, conversionLaw(context)!.terms(conversion.dueOn), 'conversion'),
        conversion: { ...conversion, status: 'converted' as const, resolution },
      };
    }),
    maintainTerms: assign({
      conversion: ({ context, event }) => {
        const { decision, grounds, at } = as<'resolve-contra-indication'>(event);
        return { ...context.conversion!, status: 'maintained' as const, resolution: { decision, grounds, at } };
      },
    }),
    markIndependenceNotified: assign({ independence: ({ context, event }) => ({ ...context.independence!, notifiedAt: event.at }) }),

    recordWithdrawal: assign({
      withdrawals: ({ context, event }) => {
        const { grounds, at } = as<'withdraw'>(event);
        const withdrawnOn = dayOf(context, at);
        const { due, dueAt, timeZone, citations } = objectionPeriod(context.permit.jurisdiction, withdrawnOn);
        const withdrawal = {
          decidedAt: at,
          withdrawnOn,
          grounds: [withdrawalBasis(context.permit.jurisdiction), ...grounds],
          objection: { due, dueAt, timeZone, citations },
        };
        return [...context.withdrawals, { ...withdrawal, lodgedOn: null, outcome: null }];
      },
    }),
    recordObjectionLodged: assign({
      withdrawals: ({ context, event }) => [
        ...context.withdrawals.slice(0, -1),
        { ...pendingWithdrawal(context)!, lodgedOn: as<'lodge-objection'>(event).receivedOn },
      ],
    }),
    recordObjectionDecision: assign({
      withdrawals: ({ context, event }) => {
        const { outcome, grounds, at } = as<'decide-objection'>(event);
        return [...context.withdrawals.slice(0, -1), { ...pendingWithdrawal(context)!, outcome: { outcome, grounds, decidedAt: at } }];
      },
    }),
  },
  guards: {
    ...lawGuards(PERMIT_RULES),
    renewalPending: ({ context }) => pendingRenewal(context) !== undefined,
    // A conversion on its anniversary needs a permit in force: an expired one is not held.
    inForce: ({ context }) => !context.period.expiredAt || pendingRenewal(context) !== undefined,
    noContraIndication: ({ event }) => as<'contra-indications.checked'>(event).findings.length === 0,
    decidedToConvert: ({ event }) => as<'resolve-contra-indication'>(event).decision === 'convert',
    wellFounded: ({ event }) => as<'decide-objection'>(event).outcome === 'well-founded',
    renewed: ({ event }) => as<'renewal-case.decided'>(event).result.outcome === 'granted',
    expired: ({ context }) => context.period.expiredAt !== null,
  },
}).createMachine({
  id: 'permit',
  initial: 'live',
  context: ({ input }) => {
    const { permit } = input;
    const { milestones } = procedureOf(permit.jurisdiction);
    const conversionOn = milestones.conversion(permit)?.dueOn;
    const eligibleOn = milestones.independence(permit)?.eligibleOn;
    return {
      permit,
      startedAt: input.startedAt,
      history: [],
      period: FRESH_PERIOD,
      renewals: [],
      conversion: conversionOn ? { dueOn: conversionOn, status: 'scheduled', findings: [], review: null, resolution: null } : null,
      independence: eligibleOn ? { eligibleOn, notifiedAt: null } : null,
      withdrawals: [],
      noticesSent: 0,
      generation: 0,
    };
  },
  states: {
    live: {
      initial: 'valid',
      // Once per permit: these timers outlive every renewal and continue-as-new.
      entry: enqueueActions(({ context, enqueue }) => {
        for (const params of milestoneTimers(context)) enqueue({ type: 'armTimer', params });
      }),
      on: {
        'renewal-window.opened': [
          { guard: 'renewalPending', actions: 'markInvited' },
          { guard: 'renewable', actions: ['markInvited', ...send(NOTICES.renewalInvitation)] },
          { actions: ['markInvited', ...send(NOTICES.expiry)] },
        ],
        'renewal-reminder.due': { guard: and(['renewable', not('renewalPending')]), actions: ['markReminded', ...send(NOTICES.renewalReminder)] },
        'permit.expired': [{ guard: 'renewable', target: '.lapsed' }, { target: '#permit.expired' }],
        'conversion.due': [{ guard: 'inForce', actions: ['markConversionChecking', checkContraIndications] }, { actions: 'markConversionNotInForce' }],
        'contra-indications.checked': [
          // A pending renewal case stays where it is; otherwise the converted permit is simply valid.
          { guard: and(['noContraIndication', 'renewalPending']), actions: convert },
          { guard: 'noContraIndication', target: '.valid', actions: convert },
          // A contra-indication stops the ex officio conversion: a caseworker decides.
          { actions: ['recordContraIndications', openContraIndicationReview] },
        ],
        'resolve-contra-indication': [
          { guard: and(['actorMayAct', 'contraIndicationUnderReview', 'decidedToConvert', 'renewalPending']), actions: convert },
          { guard: and(['actorMayAct', 'contraIndicationUnderReview', 'decidedToConvert']), target: '.valid', actions: convert },
          { guard: and(['actorMayAct', 'contraIndicationUnderReview']), actions: 'maintainTerms' },
        ],
        'independence.due': { actions: ['markIndependenceNotified', ...send(NOTICES.independence)] },
        withdraw: {
          guard: and(['actorMayAct', 'noWithdrawalPending', 'withdrawalGroundAllowed']),
          actions: ['recordWithdrawal', ...send(NOTICES.withdrawal), armObjectionPeriod],
        },
        'lodge-objection': {
          guard: and(['actorMayAct', 'withdrawalToObjectTo', 'objectionInTime']),
          actions: ['recordObjectionLodged', cancel('objection-period')],
        },
        'decide-objection': [
          { guard: and(['actorMayAct', 'objectionPending', 'wellFounded']), actions: decideObjection },
          { guard: and(['actorMayAct', 'objectionPending']), target: '#permit.withdrawn', actions: decideObjection },
        ],
        'objection-period.expired': '#permit.withdrawn',
      },
      states: {
        valid: {
          entry: syncPeriodTimers,
          on: { 'file-renewal': { guard: FILE_RENEWAL, target: 'renewalPending' } },
        },
        lapsed: {
          // A renewable permit that expired without a pending renewal: a late renewal is still a renewal for a while.
          entry: ['markLapsed', cancel('renewal-reminder'), armLateRenewal],
          exit: cancel('late-renewal'),
          on: {
            'file-renewal': { guard: FILE_RENEWAL, target: 'renewalPending' },
            'late-renewal.closed': '#permit.expired',
          },
        },
        renewalPending: {
          entry: ['recordRenewalFiled', cancel('renewal-reminder'), startRenewalCase],
          on: {
            // Lawful residence goes on while a renewal filed in time is decided (the procedure's renewal law, e.g. Vw 2000 art. 8(g)).
            'permit.expired': { actions: 'markExpired' },
            'assess-lateness': { guard: and(['actorMayAct', 'latenessToAssess']), actions: 'recordLatenessAssessment' },
            'renewal-case.decided': [
              { guard: 'renewed', target: 'valid', actions: ['recordRenewalResult', 'renewTerms'] },
              { guard: 'expired', target: 'lapsed', actions: 'recordRenewalResult' },
              { target: 'valid', actions: 'recordRenewalResult' },
            ],
          },
        },
      },
    },
    expired: { type: 'final' },
    withdrawn: { type: 'final' },
  },
  output: ({ context }) => ({
    permitNumber: context.permit.permitNumber,
    ending: pendingWithdrawal(context) || context.withdrawals.at(-1)?.outcome?.outcome === 'unfounded' ? 'withdrawn' : 'expired',
    permit: context.permit,
    history: context.history,
    renewals: context.renewals,
    conversion: context.conversion,
    withdrawals: context.withdrawals,
  }),
});
