/**
 * The life of an application, from receipt to a decision that stands:
 *
 *   submitted → open{ completenessCheck ⇄ awaitingEvidence → cureExpired → readyForDecision ⇄ awaitingReport }
 *             → decided → objectionPeriod → reconsideration → closed        (or: withdrawn at any point before)
 *
 * The machine is pure: it never reads a clock (every event carries `at`, the workflow's time) and
 * never does I/O. What must happen in the world comes back from `transition()` as effects
 * (domain/effects, and timers), which the workflow carries out. Every guard is a rule named after
 * the law (rules.ts); every law it applies is the case's jurisdiction's (domain/jurisdictions).
 * Actions are named, so the configuration below reads like the statechart in docs/machines.md.
 */
import { and, assign, enqueueActions, setup } from 'xstate';
import { addDays, computeDeadline, endOfDay } from '../../domain/calendar';
import { decisionDeadline, extend, openDecisionClock, resume, suspend } from '../../domain/decision-clock';
import type { ApplicationEffects } from '../../domain/effects';
import { assess } from '../../domain/policy';
import { lawGuards } from '../guards';
import { NOTICES, decisionPeriodExtended } from './notices';
import { APPLICATION_RULES, dayOf, jurisdictionOf, procedureOfCase } from './rules';
import { armCurePeriod, armCureReminder, armObjectionPeriod, armReportReminder, cancel, syncDecisionTimer } from './timers';
import { penaltyOf, permitOf } from './outcome';
import {
  REPORT_EXPECTED_WEEKS,
  type ActionEvent,
  type ActionOf,
  type ApplicationContext,
  type ApplicationEvent,
  type ApplicationInput,
  type ApplicationOutput,
  type StoredAssessment,
  type TimerParams,
} from './types';

/** The event of the action a named action handles (the transition that runs it guarantees the type). */
const as = <T extends ActionEvent['type']>(event: ApplicationEvent) => event as ActionOf<T>;

/** The decision deadline the ledger gives now. */
const currentDue = (context: ApplicationContext) => decisionDeadline(jurisdictionOf(context), context.clock)?.due;

type Args = { context: ApplicationContext; event: ApplicationEvent };
/** A notice to the applicant, and the count that keeps the next one's sequence. */
const send = (build: (context: ApplicationContext, at: string) => ApplicationEffects['sendNotice']) =>
  [{ type: 'sendNotice' as const, params: ({ context, event }: Args) => build(context, event.at) }, 'countNotice' as const] as const;

const alertOverdue = {
  type: 'alertOperators' as const,
  params: ({ context, event }: Args) => ({
    caseNumber: context.application.caseNumber,
    kind: 'decision-overdue' as const,
    detail: `the decision period ended on ${currentDue(context)} without a decision (${context.clock[0]?.legalBasis})`,
    at: event.at,
  }),
};
const requestReport = { type: 'requestReport' as const, params: ({ context }: Args) => context.report!.request };
const remindMinistry = {
  type: 'remindMinistry' as const,
  params: ({ context }: Args) => ({ ...context.report!.request, reminder: context.report!.remindersSent }),
};
/** A grant starts the permit's own lifecycle; a renewal case's grant goes back to the permit it renews. */
const permitToStart = (context: ApplicationContext) => {
  const decision = context.decision!;
  return decision.outcome === 'granted' && !context.renewalOf ? permitOf(context, decision) : null;
};

function storedAssessment(context: ApplicationContext, at: string): StoredAssessment {
  const { evaluated: _all, ...kept } = assess(context.application.facts, dayOf(context, at));
  return kept;
}

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    input: {} as ApplicationInput,
    output: {} as ApplicationOutput,
  },
  actions: {
    // Effects: declared here with their payloads, carried out by the workflow (they do nothing inside the machine).
    sendNotice: (_, _notice: ApplicationEffects['sendNotice']) => {},
    requestReport: (_, _request: ApplicationEffects['requestReport']) => {},
    remindMinistry: (_, _reminder: ApplicationEffects['remindMinistry']) => {},
    alertOperators: (_, _alert: ApplicationEffects['alertOperators']) => {},
    startPermit: (_, _permit: ApplicationEffects['startPermit']) => {},
    armTimer: (_, _timer: TimerParams) => {},
    cancelTimer: (_, _timer: { timer: TimerParams['timer'] }) => {},

    countNotice: assign({ noticesSent: ({ context }) => context.noticesSent + 1 }),
    openDecisionClock: assign({ clock: ({ context, event }) => openDecisionClock(jurisdictionOf(context), dayOf(context, event.at)) }),

    recordWithdrawal: assign({ withdrawnAt: ({ event }) => event.at }),
    markOverdue: assign({ overdueSince: ({ event }) => event.at }),
    recordDefaultNotice: assign({ defaultNotice: ({ event }) => ({ receivedOn: as<'record-default-notice'>(event).receivedOn }) }),

    recordEvidenceRequest: assign({
      evidenceRequest: ({ context, event }) => ({
        requestedAt: event.at,
        missing: as<'request-evidence'>(event).missing,
        // The cure period runs from the day of the request letter.
        deadline: computeDeadline({ jurisdiction: jurisdictionOf(context), kind: 'cure', from: dayOf(context, event.at) }),
        extensions: [],
      }),
    }),
    // The decision period is suspended while the applicant may supply what is missing, where the law says so.
    suspendClockForEvidence: assign({
      clock: ({ context }) => {
        const basis = procedureOfCase(context).decisionPeriod?.suspendedForEvidence;
        return !basis || context.clock.length === 0
          ? context.clock
          : suspend(context.clock, { legalBasis: basis, reason: 'evidence requested', start: dayOf(context, context.evidenceRequest!.requestedAt) });
      },
    }),
    // The suspension ends on the day the evidence came in, or on the last day of the cure period.
    resumeClock: assign({
      clock: ({ context, event }) => {
        const day = dayOf(context, event.at);
        const due = context.evidenceRequest!.deadline.due;
        // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; Math.min would read them as numbers.
        return resume(context.clock, day < due ? day : due);
      },
    }),
    recordCureExtension: assign({
      evidenceRequest: ({ context, event }) => {
        const { until, reason, actor } = as<'extend-cure-period'>(event);
        const request = context.evidenceRequest!;
        // A moved deadline is a new computation, with the old one kept in the ledger of extensions.
        return {
          ...request,
          deadline: {
            ...request.deadline,
            due: until,
            dueAt: endOfDay(until, request.deadline.timeZone),
            citations: [...request.deadline.citations.filter((c) => !c.startsWith('extended')), `extended by the ${actor.role}: ${reason}`],
            adjustments: [],
          },
          extensions: [...request.extensions, { at: event.at, previousDue: request.deadline.due, due: until, reason }],
        };
      },
    }),
    recordEvidence: assign({
      evidence: ({ context, event }) => [
        ...context.evidence,
        { documents: as<'supply-evidence'>(event).documents, suppliedAt: event.at, suppliedBy: as<'supply-evidence'>(event).actor },
      ],
      cureOutcome: 'supplied',
    }),
    recordCureExpired: assign({
      cureOutcome: 'expired',
      // A decision not to process may be sent within the period the law gives after the cure period ended.
      notProcessedBy: ({ context }) => {
        const law = procedureOfCase(context).notProcessed;
        return law ? addDays(context.evidenceRequest!.deadline.due, law.sendWithinDays) : null;
      },
    }),
    recordNotProcessed: assign({
      decision: ({ context, event }) => {
        const { reason, actor } = as<'declare-not-processed'>(event);
        return { outcome: 'not-processed' as const, grounds: [procedureOfCase(context).notProcessed!.ground, reason], decidedAt: event.at, decidedBy: actor };
      },
    }),

    assessCase: assign({ assessment: ({ context, event }) => storedAssessment(context, event.at) }),
    recordBestInterests: assign({ bestInterests: ({ event }) => ({ assessment: as<'record-best-interests'>(event).assessment, recordedAt: event.at }) }),
    recordGrant: assign({
      decision: ({ event }) => {
        const { grounds, actor, permit } = as<'grant'>(event);
        return { outcome: 'granted' as const, grounds, decidedAt: event.at, decidedBy: actor, permit };
      },
    }),
    recordRefusal: assign({
      decision: ({ context, event }) => {
        const { grounds, actor, exceptionGround } = as<'refuse'>(event);
        const citation = exceptionGround ? (procedureOfCase(context).exceptionGrounds?.grounds[exceptionGround] ?? exceptionGround) : null;
        return {
          outcome: 'refused' as const,
          grounds: citation ? [...grounds, citation] : grounds,
          decidedAt: event.at,
          decidedBy: actor,
          exceptionGround: exceptionGround ?? null,
        };
      },
    }),

    recordReportRequest: assign({
      report: ({ context, event }) => {
        const { factors, questions } = as<'request-ambtsbericht'>(event);
        const requestedOn = dayOf(context, event.at);
        return {
          request: {
            caseNumber: context.application.caseNumber,
            requestKey: `${context.application.caseNumber}.ambtsbericht.1`,
            nationality: context.application.facts.applicant.nationality,
            factors,
            questions,
            requestedOn,
            expectedBy: addDays(requestedOn, REPORT_EXPECTED_WEEKS * 7),
          },
          remindersSent: 0,
          received: null,
        };
      },
    }),
    // The decision period is extended while the ministry reports, where the law says so.
    extendClockForReport: assign({
      clock: ({ context }) => {
        const law = procedureOfCase(context).decisionPeriod?.extendedForCountryReport;
        return !law || context.clock.length === 0
          ? context.clock
          : extend(context.clock, {
              legalBasis: law.basis,
              reason: 'individual official report (ambtsbericht) requested from the Minister of Foreign Affairs',
              start: context.report!.request.requestedOn,
              months: law.months,
              noticeKey: `${context.application.caseNumber}.decision-period-extended.${context.noticesSent + 1}`,
            });
      },
    }),
    countReminder: assign({ report: ({ context }) => ({ ...context.report!, remindersSent: context.report!.remindersSent + 1 }) }),
    recordReport: assign({
      report: ({ context, event }) => {
        const { reference, summary } = as<'record-report'>(event);
        return { ...context.report!, received: { reference, summary, receivedAt: event.at } };
      },
    }),

    // The remedy period: objection or appeal, as the jurisdiction's procedure says; a refusal takes no effect while it runs.
    openObjectionPeriod: assign({
      objection: ({ context }) => ({
        deadline: computeDeadline({
          jurisdiction: jurisdictionOf(context),
          kind: procedureOfCase(context).remedy.period,
          from: dayOf(context, context.decision!.decidedAt),
        }),
        lodgedOn: null,
        outcome: null,
      }),
    }),
    recordObjectionLodged: assign({ objection: ({ context, event }) => ({ ...context.objection!, lodgedOn: as<'lodge-objection'>(event).receivedOn }) }),
    recordObjectionDecision: assign({
      objection: ({ context, event }) => {
        const { outcome, grounds } = as<'decide-objection'>(event);
        return { ...context.objection!, outcome: { outcome, grounds, decidedAt: event.at } };
      },
    }),
  },
  guards: {
    ...lawGuards(APPLICATION_RULES),
    granted: ({ context }) => context.decision!.outcome === 'granted',
  },
}).createMachine({
  id: 'application',
  initial: 'submitted',
  context: ({ input }) => ({
    application: input.application,
    receivedAt: input.receivedAt,
    renewalOf: input.renewalOf ?? null,
    cureReminderPolicy: input.cureReminderPolicy ?? 2026,
    clock: [],
    evidenceRequest: null,
    evidence: [],
    cureOutcome: null,
    notProcessedBy: null,
    report: null,
    assessment: null,
    bestInterests: null,
    decision: null,
    overdueSince: null,
    defaultNotice: null,
    objection: null,
    withdrawnAt: null,
    noticesSent: 0,
  }),
  states: {
    submitted: {
      on: {
        // The decision period, where the law sets one, runs from receipt.
        'receipt.registered': { target: 'open', actions: ['openDecisionClock', ...send(NOTICES.receipt), syncDecisionTimer] },
      },
    },
    open: {
      initial: 'completenessCheck',
      on: {
        // The applicant may withdraw at any point before the decision.
        withdraw: { guard: 'actorMayAct', target: 'withdrawn', actions: ['recordWithdrawal', ...send(NOTICES.withdrawn)] },
        'decision-period.expired': { actions: ['markOverdue', alertOverdue] },
        'record-default-notice': { guard: and(['actorMayAct', 'decisionPeriodEnded']), actions: 'recordDefaultNotice' },
      },
      states: {
        completenessCheck: {
          on: {
            'confirm-complete': { guard: 'actorMayAct', target: 'readyForDecision' },
            'request-evidence': { guard: 'actorMayAct', target: 'awaitingEvidence', actions: 'recordEvidenceRequest' },
          },
        },
        awaitingEvidence: {
          entry: ['suspendClockForEvidence', syncDecisionTimer, ...send(NOTICES.evidenceRequest), armCurePeriod, armCureReminder],
          exit: [cancel('cure-period'), cancel('cure-reminder'), 'resumeClock', syncDecisionTimer],
          on: {
            'extend-cure-period': {
              guard: and(['actorMayAct', 'cureExtendedLater']),
              actions: ['recordCureExtension', ...send(NOTICES.cureExtended), armCurePeriod, armCureReminder],
            },
            'cure-reminder.due': { actions: [...send(NOTICES.cureReminder), armCureReminder] },
            'supply-evidence': { guard: 'actorMayAct', target: 'readyForDecision', actions: 'recordEvidence' },
            'cure-period.expired': { target: 'cureExpired', actions: 'recordCureExpired' },
          },
        },
        cureExpired: {
          on: {
            // After the cure period the case goes on with the evidence it has…
            'proceed-without-evidence': { guard: 'actorMayAct', target: 'readyForDecision' },
            // …or, where the law provides it, is not processed, by a decision sent in time.
            'declare-not-processed': {
              guard: and(['actorMayAct', 'notProcessedByLaw', 'notProcessedInTime']),
              target: '#application.decided',
              actions: 'recordNotProcessed',
            },
          },
        },
        readyForDecision: {
          entry: 'assessCase',
          on: {
            'request-ambtsbericht': { guard: and(['actorMayAct', 'firstCountryReport']), target: 'awaitingReport' },
            'record-best-interests': { guard: and(['actorMayAct', 'caseConcernsChildren']), actions: 'recordBestInterests' },
            grant: { guard: and(['actorMayAct', 'bestInterestsRecorded', 'restrictionsFounded']), target: '#application.decided', actions: 'recordGrant' },
            refuse: {
              guard: and(['actorMayAct', 'entitledNeedsExceptionGround', 'bestInterestsRecorded']),
              target: '#application.decided',
              actions: 'recordRefusal',
            },
          },
        },
        awaitingReport: {
          entry: [
            'recordReportRequest',
            'extendClockForReport',
            syncDecisionTimer,
            requestReport,
            // Where the decision period was extended, the applicant hears of the new date.
            enqueueActions(({ context, enqueue }) => {
              const extended = decisionPeriodExtended(context);
              if (!extended) return;
              enqueue({ type: 'sendNotice', params: extended });
              enqueue('countNotice');
            }),
            armReportReminder,
          ],
          exit: cancel('report-reminder'),
          on: {
            'report-reminder.due': { actions: ['countReminder', remindMinistry, armReportReminder] },
            'record-report': { guard: 'actorMayAct', target: 'readyForDecision', actions: 'recordReport' },
          },
        },
      },
    },
    decided: {
      entry: [
        syncDecisionTimer,
        ...send(NOTICES.decision),
        enqueueActions(({ context, enqueue }) => {
          const permit = permitToStart(context);
          if (permit) enqueue({ type: 'startPermit', params: permit });
        }),
      ],
      always: [{ guard: 'granted', target: 'closed' }, { target: 'objectionPeriod' }],
    },
    objectionPeriod: {
      entry: ['openObjectionPeriod', ...send(NOTICES.objectionPeriod), armObjectionPeriod],
      exit: cancel('objection-period'),
      on: {
        'lodge-objection': { guard: and(['actorMayAct', 'objectionInTime']), target: 'reconsideration', actions: 'recordObjectionLodged' },
        'objection-period.expired': 'closed',
      },
    },
    reconsideration: {
      on: {
        'decide-objection': { guard: 'actorMayAct', target: 'closed', actions: ['recordObjectionDecision', ...send(NOTICES.objectionDecision)] },
      },
    },
    closed: { type: 'final' },
    withdrawn: { type: 'final', entry: [syncDecisionTimer] },
  },
  output: ({ context }) => ({
    caseNumber: context.application.caseNumber,
    ending: context.withdrawnAt ? 'withdrawn' : 'closed',
    decision: context.decision,
    objection: context.objection,
    cureOutcome: context.cureOutcome,
    penalty: penaltyOf(context, context.decision?.decidedAt ?? context.withdrawnAt),
  }),
});
