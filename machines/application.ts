/**
 * The life of an application, from receipt to a decision that stands:
 *
 *   submitted → open{ completenessCheck ⇄ awaitingEvidence → cureExpired → readyForDecision ⇄ awaitingReport }
 *             → decided → objectionPeriod → reconsideration → closed        (or: withdrawn at any point before)
 *
 * The machine is pure: it never reads a clock (every event carries `at`, the workflow's time) and
 * never does I/O. What must happen in the world comes back from `transition()` as effects
 * (`sendNotice`, `armTimer`, `cancelTimer`, `requestReport`, `remindMinistry`, `alertOperators`), which
 * the workflow carries out. Every guard names the article it applies, and `rejectionOf` explains,
 * with the same rule, why an action is refused.
 */
import { assign, enqueueActions, setup, type SnapshotFrom } from 'xstate';
import { innermostState, offeredActions, refusal } from './actions';
import type { ApplicationFacts } from '../domain/application';
import { addDays, computeDeadline, endOfDay, startOfDay, localDateOf, officeTimeZone, type DeadlineComputation, type LocalDate } from '../domain/calendar';
import { CASE_ACTION_TYPES, EXCEPTION_GROUNDS, type CaseAction, type CaseActionType, type ExceptionGround, type PermitTerms } from '../domain/case-actions';
import type { Contact } from '../domain/case';
import { roleObstacle, type Actor } from '../domain/roles';
import { decisionDeadline, extend, openDecisionClock, penaltyFor, resume, suspend, type DecisionClock, type PenaltyComputation } from '../domain/decision-clock';
import type { Notice, NoticeDeadline } from '../domain/notices';
import type { PermitInput } from '../domain/permit';
import { assess, firstPermitAsMinor, type Assessment } from '../domain/policy';

export type TimerId = 'cure-period' | 'cure-reminder' | 'decision-period' | 'report-reminder' | 'objection-period';

/**
 * Office policy on cure reminders: days before the cure deadline on which the applicant is
 * reminded. Changed in 2027 from one reminder (3 days before) to two (5 days and 1 day before);
 * the workflow picks the version for each case when it starts, behind `patched()`, so a case keeps
 * the policy it started under.
 */
export const CURE_REMINDER_POLICIES = { 2026: [3], 2027: [5, 1] } as const;
export type CureReminderPolicy = keyof typeof CURE_REMINDER_POLICIES;
/** The ministry is asked for the report within this many weeks, and reminded every as many weeks after (office policy). */
export const REPORT_EXPECTED_WEEKS = 8;
export const REPORT_REMINDER_WEEKS = 4;
/** Vw 2000 art. 25(2): the decision period may be extended by at most six months. */
export const REPORT_EXTENSION_MONTHS = 6;

export interface ReportRequest {
  caseNumber: string;
  /** Idempotency key of the request at the ministry's intake. */
  requestKey: string;
  nationality: string;
  factors: ('a' | 'b' | 'c')[];
  questions: string[];
  requestedOn: LocalDate;
  expectedBy: LocalDate;
}

export interface OperatorAlert {
  caseNumber: string;
  kind: 'decision-overdue';
  detail: string;
  /** Workflow time, ISO 8601. */
  at: string;
}

/** What the workflow must do in the world after a transition. */
export type Effect =
  | { type: 'sendNotice'; params: Notice }
  /** `at: null` disarms the timer (a deadline not known now). */
  | { type: 'armTimer'; params: { timer: TimerId; at: string | null; event: SystemEvent['type'] } }
  | { type: 'cancelTimer'; params: { timer: TimerId } }
  | { type: 'requestReport'; params: ReportRequest }
  | { type: 'remindMinistry'; params: ReportRequest & { reminder: number } }
  | { type: 'alertOperators'; params: OperatorAlert }
  /** A grant starts the permit's own lifecycle (not for a renewal case, whose grant goes back to its permit). */
  | { type: 'startPermit'; params: PermitInput };

/** Events the workflow raises itself: receipt and timers. `at` is workflow time (ISO 8601). */
export type SystemEvent =
  | { type: 'receipt.registered'; at: string }
  | { type: 'cure-period.expired'; at: string }
  | { type: 'cure-reminder.due'; at: string }
  | { type: 'decision-period.expired'; at: string }
  | { type: 'report-reminder.due'; at: string }
  | { type: 'objection-period.expired'; at: string };
export type ActionEvent = CaseAction & { at: string };
export type ApplicationEvent = SystemEvent | ActionEvent;

export interface CaseApplication {
  caseNumber: string;
  contact: Contact;
  facts: ApplicationFacts;
}

export interface ApplicationInput {
  application: CaseApplication;
  receivedAt: string;
  /** The permit a renewal case renews (see ApplicationWorkflowInput). */
  renewalOf?: string;
  /** The cure reminder policy in force when the case started; 2026 for cases started before 2027's. */
  cureReminderPolicy?: CureReminderPolicy;
}

/** The assessment as the case keeps it: the outcome and what it rests on, without every rule evaluated. */
export type StoredAssessment = Omit<Assessment<object>, 'evaluated'>;

export type Decision = { grounds: string[]; decidedAt: string; decidedBy: Actor } & (
  | { outcome: 'granted'; permit: PermitTerms }
  | { outcome: 'refused'; exceptionGround: ExceptionGround | null }
  | { outcome: 'not-processed' }
);

export interface ApplicationContext {
  application: CaseApplication;
  receivedAt: string;
  renewalOf: string | null;
  cureReminderPolicy: CureReminderPolicy;
  /** The decision clock: period, suspensions and extensions (derive the deadline with `decisionDeadline`). */
  clock: DecisionClock;
  evidenceRequest: {
    requestedAt: string;
    missing: string[];
    /** The deadline in force; an extension replaces it and is kept in `extensions`. */
    deadline: DeadlineComputation;
    extensions: { at: string; previousDue: LocalDate; due: LocalDate; reason: string }[];
  } | null;
  evidence: { documents: string[]; suppliedAt: string; suppliedBy: Actor }[];
  /** How the cure period ended: evidence supplied in time, or the deadline passed. */
  cureOutcome: 'supplied' | 'expired' | null;
  /** Awb 4:5(4): the last day a decision not to process the application may be sent. */
  notProcessedBy: LocalDate | null;
  report: {
    request: ReportRequest;
    remindersSent: number;
    received: { reference: string; summary: string; receivedAt: string } | null;
  } | null;
  assessment: StoredAssessment | null;
  bestInterests: { assessment: string; recordedAt: string } | null;
  decision: Decision | null;
  overdueSince: string | null;
  defaultNotice: { receivedOn: LocalDate } | null;
  objection: { deadline: DeadlineComputation; lodgedOn: LocalDate | null; outcome: { outcome: 'well-founded' | 'unfounded'; grounds: string[]; decidedAt: string } | null } | null;
  withdrawnAt: string | null;
  noticesSent: number;
}

export interface ApplicationOutput {
  caseNumber: string;
  /** How the case ended: `closed` (a decision that stands) or `withdrawn`. */
  ending: 'closed' | 'withdrawn';
  decision: Decision | null;
  objection: ApplicationContext['objection'];
  cureOutcome: ApplicationContext['cureOutcome'];
  penalty: PenaltyComputation | null;
}

const jurisdictionOf = (context: ApplicationContext) => context.application.facts.jurisdiction;
const zoneOf = (context: ApplicationContext) => officeTimeZone(jurisdictionOf(context));
const dayOf = (context: ApplicationContext, at: string) => localDateOf(at, zoneOf(context));
const asNoticeDeadline = ({ due, dueAt, timeZone, citations }: Pick<DeadlineComputation, 'due' | 'dueAt' | 'timeZone' | 'citations'>): NoticeDeadline => ({
  due,
  dueAt,
  timeZone,
  citations,
});

/** The decision deadline the ledger gives now, as a notice states it; null while suspended or where the law sets none. */
function currentDecisionDeadline(context: ApplicationContext): NoticeDeadline | null {
  const deadline = decisionDeadline(jurisdictionOf(context), context.clock);
  if (!deadline?.due || !deadline.dueAt) return null;
  const bases = context.clock.map((e) => e.legalBasis);
  return { due: deadline.due, dueAt: deadline.dueAt, timeZone: zoneOf(context), citations: [...new Set(bases)] };
}

/** Fields every notice of this case shares; the sequence counts notices already sent. */
const noticeBase = (context: ApplicationContext) => ({
  caseNumber: context.application.caseNumber,
  jurisdiction: jurisdictionOf(context),
  to: context.application.contact,
  sequence: context.noticesSent + 1,
});

/** Why the machine refuses an action it would otherwise take here, citing the rule; null when it may proceed. */
const obstacles: Partial<Record<CaseActionType, (context: ApplicationContext, event: ActionEvent) => string | null>> = {
  'extend-cure-period': (context, event) => {
    const due = context.evidenceRequest?.deadline.due;
    return event.type === 'extend-cure-period' && due && event.until <= due
      ? `the new cure deadline ${event.until} must be later than the current one, ${due}`
      : null;
  },
  'declare-not-processed': (context, event) =>
    context.notProcessedBy && dayOf(context, event.at) > context.notProcessedBy
      ? `a decision not to process must be sent within four weeks after the cure period ended, by ${context.notProcessedBy} (Awb 4:5(4)); decide on the evidence available`
      : null,
  'request-ambtsbericht': (context) =>
    context.report ? 'an ambtsbericht was already requested for this case; the decision period may be extended only once, by at most six months (Vw 2000 art. 25(2))' : null,
  'record-best-interests': (context) =>
    findingsOf(context).bestInterestsFundamental
      ? null
      : 'a best-interests assessment is recorded in a case concerning children (Immigration Act s. 38 third paragraph); the assessment finds none',
  grant: (context, event) => {
    if (event.type !== 'grant') return null;
    const limitations = event.permit.s38Limitations;
    if (limitations.length > 0 && jurisdictionOf(context) !== 'NO') {
      return 'section 38 limitations (Immigration Act s. 38 fifth paragraph) apply only to Norwegian permits';
    }
    const allowed = findingsOf(context).possibleRestrictions ?? [];
    const unfounded = limitations.filter((l) => !allowed.includes(l));
    if (unfounded.length > 0) {
      return `a restriction (${unfounded.join(', ')}) may be decided only when there is doubt about identity, the need is temporary or other particular grounds so indicate (Immigration Act s. 38 fifth paragraph); the assessment finds none`;
    }
    return childWithoutBestInterests(context);
  },
  refuse: (context, event) => {
    if (event.type !== 'refuse') return null;
    if (context.assessment?.outcome === 'entitled') {
      const allowed = findingsOf(context).exceptionGrounds ?? (Object.keys(EXCEPTION_GROUNDS) as ExceptionGround[]);
      if (!event.exceptionGround || !allowed.includes(event.exceptionGround)) {
        return `the assessment finds the applicant entitled (${context.assessment.summary}); a refusal must rest on one of the exception grounds the text allows for this route: ${allowed.join(', ')} (Vb 2000 art. 3.50; Vc 2000 B16/2)`;
      }
    }
    return childWithoutBestInterests(context);
  },
  'record-default-notice': (context) =>
    context.overdueSince ? null : 'a notice of default has effect only after the decision period has ended (Awb 4:17(3)); the case is not overdue',
  'lodge-objection': (context, event) => {
    const due = context.objection?.deadline.due;
    return event.type === 'lodge-objection' && due && event.receivedOn > due
      ? `the objection period ended on ${due} (${context.objection!.deadline.citations[0]}); an objection received on ${event.receivedOn} is late`
      : null;
  },
};

/** The findings of the stored assessment that guards read (each pack fills its own). */
const findingsOf = (context: ApplicationContext) =>
  (context.assessment?.findings ?? {}) as { bestInterestsFundamental?: boolean; possibleRestrictions?: string[]; exceptionGrounds?: ExceptionGround[] };

function childWithoutBestInterests(context: ApplicationContext): string | null {
  return findingsOf(context).bestInterestsFundamental === true && !context.bestInterests
    ? 'the case concerns children: record the best-interests assessment first (record-best-interests; Immigration Act s. 38 third paragraph)'
    : null;
}

/** The first rule that refuses the action: who may take it, then the law's conditions for it here. */
function obstacleTo(context: ApplicationContext, event: ActionEvent): string | null {
  return roleObstacle(event.type, event.actor) ?? obstacles[event.type]?.(context, event) ?? null;
}

/** The permit a grant creates: its number derives from the case number, its terms from the decision. */
export function permitOf(context: ApplicationContext, decision: Extract<Decision, { outcome: 'granted' }>): PermitInput {
  const { caseNumber, contact, facts } = context.application;
  // Vb 2000 art. 3.50 (B16/2): the year runs from admission, as a minor, on a permit for family reunification, adoption or as a foster child.
  const firstPermit = facts.jurisdiction === 'NL' ? firstPermitAsMinor(facts.permits, facts.applicant.dateOfBirth) : undefined;
  const admittedAsMinor = firstPermit ? { admittedOn: firstPermit.from, dateOfBirth: facts.applicant.dateOfBirth } : undefined;
  return {
    permitNumber: `${caseNumber}-P1`,
    caseNumber,
    jurisdiction: facts.jurisdiction,
    holder: contact,
    nationality: facts.applicant.nationality,
    restriction: decision.permit.restriction,
    labourMarketNote: decision.permit.labourMarketNote,
    validFrom: decision.permit.validFrom,
    validUntil: decision.permit.validUntil,
    s38Limitations: decision.permit.s38Limitations,
    grantedOn: dayOf(context, decision.decidedAt),
    ...(admittedAsMinor ? { admittedAsMinorForFamilyReunification: admittedAsMinor } : {}),
  };
}

function storedAssessment(facts: ApplicationFacts, onDate: LocalDate): StoredAssessment {
  const { evaluated: _all, ...kept } = assess(facts, onDate);
  return kept;
}

type TimerParams = Extract<Effect, { type: 'armTimer' }>['params'];
const armTimer = (params: (context: ApplicationContext, event: ApplicationEvent) => TimerParams) => ({
  type: 'armTimer' as const,
  params: ({ context, event }: { context: ApplicationContext; event: ApplicationEvent }) => params(context, event),
});
const cancel = (timer: TimerId) => ({ type: 'cancelTimer' as const, params: { timer } });

/** The decision timer follows the ledger: armed at the derived deadline, disarmed while suspended, overdue or decided. */
const syncDecisionTimer = armTimer((context) => ({
  timer: 'decision-period',
  at: context.decision || context.overdueSince || context.withdrawnAt ? null : (currentDecisionDeadline(context)?.dueAt ?? null),
  event: 'decision-period.expired',
}));
const armCurePeriod = armTimer((context) => ({ timer: 'cure-period', at: context.evidenceRequest!.deadline.dueAt, event: 'cure-period.expired' }));
/** The next reminder still ahead goes out at the start of its day (days before the deadline per the case's policy). */
const armCureReminder = armTimer((context, event) => {
  const { due } = context.evidenceRequest!.deadline;
  const next = CURE_REMINDER_POLICIES[context.cureReminderPolicy]
    .map((daysBefore) => startOfDay(addDays(due, -daysBefore), zoneOf(context)))
    .find((remindAt) => remindAt > event.at);
  return { timer: 'cure-reminder', at: next ?? null, event: 'cure-reminder.due' };
});
/** The ministry is reminded when the report is late: at its expected date, then every REPORT_REMINDER_WEEKS. */
const armReportReminder = armTimer((context) => {
  const { request, remindersSent } = context.report!;
  const remindOn = addDays(request.expectedBy, remindersSent * REPORT_REMINDER_WEEKS * 7);
  return { timer: 'report-reminder', at: endOfDay(remindOn, zoneOf(context)), event: 'report-reminder.due' };
});

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    input: {} as ApplicationInput,
    output: {} as ApplicationOutput,
  },
  actions: {
    // Effects: declared here, carried out by the workflow (they do nothing inside the machine).
    sendNotice: (_, _notice: Notice) => {},
    armTimer: (_, _timer: Extract<Effect, { type: 'armTimer' }>['params']) => {},
    cancelTimer: (_, _timer: Extract<Effect, { type: 'cancelTimer' }>['params']) => {},
    requestReport: (_, _request: ReportRequest) => {},
    remindMinistry: (_, _reminder: ReportRequest & { reminder: number }) => {},
    alertOperators: (_, _alert: OperatorAlert) => {},
    startPermit: (_, _permit: PermitInput) => {},
    countNotice: assign({ noticesSent: ({ context }) => context.noticesSent + 1 }),
    assessCase: assign({
      assessment: ({ context, event }) => storedAssessment(context.application.facts, dayOf(context, event.at)),
    }),
  },
  guards: {
    allowed: ({ context, event }) => obstacleTo(context, event as ActionEvent) === null,
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
        'receipt.registered': {
          target: 'open',
          actions: [
            // Vw 2000 art. 25(1): the decision period runs from receipt.
            assign({ clock: ({ context, event }) => openDecisionClock(jurisdictionOf(context), dayOf(context, event.at)) }),
            {
              type: 'sendNotice',
              params: ({ context }) => ({
                ...noticeBase(context),
                kind: 'receipt',
                receivedOn: dayOf(context, context.receivedAt),
                deadline: currentDecisionDeadline(context),
              }),
            },
            'countNotice',
            syncDecisionTimer,
          ],
        },
      },
    },
    open: {
      initial: 'completenessCheck',
      on: {
        // The applicant may withdraw at any point before the decision.
        withdraw: {
          guard: 'allowed',
          target: 'withdrawn',
          actions: [
            assign({ withdrawnAt: ({ event }) => event.at }),
            { type: 'sendNotice', params: ({ context, event }) => ({ ...noticeBase(context), kind: 'application-withdrawn', withdrawnOn: dayOf(context, event.at) }) },
            'countNotice',
          ],
        },
        'decision-period.expired': {
          actions: [
            assign({ overdueSince: ({ event }) => event.at }),
            {
              type: 'alertOperators',
              params: ({ context, event }) => ({
                caseNumber: context.application.caseNumber,
                kind: 'decision-overdue',
                detail: `the decision period ended on ${decisionDeadline(jurisdictionOf(context), context.clock)?.due} without a decision (${context.clock[0]?.legalBasis})`,
                at: event.at,
              }),
            },
          ],
        },
        'record-default-notice': {
          guard: 'allowed',
          actions: assign({ defaultNotice: ({ event }) => ({ receivedOn: event.receivedOn }) }),
        },
      },
      states: {
        completenessCheck: {
          on: {
            'confirm-complete': { guard: 'allowed', target: 'readyForDecision' },
            'request-evidence': {
              guard: 'allowed',
              target: 'awaitingEvidence',
              actions: assign({
                evidenceRequest: ({ context, event }) => ({
                  requestedAt: event.at,
                  missing: event.missing,
                  // Vc 2000 B16/7, Awb 4:5: the cure period runs from the day of the request letter.
                  deadline: computeDeadline({ jurisdiction: jurisdictionOf(context), kind: 'cure', from: dayOf(context, event.at) }),
                  extensions: [],
                }),
              }),
            },
          },
        },
        awaitingEvidence: {
          entry: [
            // Awb 4:15(1)(a): the decision period is suspended while the applicant may supply what is missing.
            assign({
              clock: ({ context }) =>
                context.clock.length === 0
                  ? context.clock
                  : suspend(context.clock, { legalBasis: 'Awb 4:15(1)(a)', reason: 'evidence requested', start: dayOf(context, context.evidenceRequest!.requestedAt) }),
            }),
            syncDecisionTimer,
            {
              type: 'sendNotice',
              params: ({ context }) => ({
                ...noticeBase(context),
                kind: 'evidence-request',
                missing: context.evidenceRequest!.missing,
                deadline: asNoticeDeadline(context.evidenceRequest!.deadline),
              }),
            },
            'countNotice',
            armCurePeriod,
            armCureReminder,
          ],
          exit: [
            cancel('cure-period'),
            cancel('cure-reminder'),
            // The suspension ends on the day the evidence came in, or on the last day of the cure period.
            assign({
              clock: ({ context, event }) => {
                const day = dayOf(context, event.at);
                const due = context.evidenceRequest!.deadline.due;
                return resume(context.clock, day < due ? day : due);
              },
            }),
            syncDecisionTimer,
          ],
          on: {
            'extend-cure-period': {
              guard: 'allowed',
              actions: [
                assign({
                  evidenceRequest: ({ context, event }) => {
                    const request = context.evidenceRequest!;
                    const timeZone = zoneOf(context);
                    return {
                      ...request,
                      // A moved deadline is a new computation, with the old one kept in the ledger of extensions.
                      deadline: {
                        ...request.deadline,
                        due: event.until,
                        dueAt: endOfDay(event.until, timeZone),
                        citations: [...request.deadline.citations.filter((c) => !c.startsWith('extended')), `extended by the ${event.actor.role}: ${event.reason}`],
                        adjustments: [],
                      },
                      extensions: [...request.extensions, { at: event.at, previousDue: request.deadline.due, due: event.until, reason: event.reason }],
                    };
                  },
                }),
                {
                  type: 'sendNotice',
                  params: ({ context }) => ({
                    ...noticeBase(context),
                    kind: 'deadline-extended',
                    missing: context.evidenceRequest!.missing,
                    previousDue: context.evidenceRequest!.extensions.at(-1)!.previousDue,
                    deadline: asNoticeDeadline(context.evidenceRequest!.deadline),
                  }),
                },
                'countNotice',
                armCurePeriod,
                armCureReminder,
              ],
            },
            'cure-reminder.due': {
              actions: [
                {
                  type: 'sendNotice',
                  params: ({ context }) => ({
                    ...noticeBase(context),
                    kind: 'cure-reminder',
                    missing: context.evidenceRequest!.missing,
                    deadline: asNoticeDeadline(context.evidenceRequest!.deadline),
                  }),
                },
                'countNotice',
                armCureReminder,
              ],
            },
            'supply-evidence': {
              guard: 'allowed',
              target: 'readyForDecision',
              actions: assign({
                evidence: ({ context, event }) => [...context.evidence, { documents: event.documents, suppliedAt: event.at, suppliedBy: event.actor }],
                cureOutcome: 'supplied',
              }),
            },
            'cure-period.expired': {
              target: 'cureExpired',
              actions: assign({
                cureOutcome: 'expired',
                // Awb 4:5(4): a decision not to process is sent within four weeks after the period ended.
                notProcessedBy: ({ context }) => addDays(context.evidenceRequest!.deadline.due, 28),
              }),
            },
          },
        },
        cureExpired: {
          on: {
            // Awb 4:5: after the cure period the case goes on with the evidence it has…
            'proceed-without-evidence': { guard: 'allowed', target: 'readyForDecision' },
            // …or is not processed, by a decision sent within four weeks.
            'declare-not-processed': {
              guard: 'allowed',
              target: '#application.decided',
              actions: assign({
                decision: ({ event }) => ({ outcome: 'not-processed' as const, grounds: ['Awb 4:5(1)(c)', event.reason], decidedAt: event.at, decidedBy: event.actor }),
              }),
            },
          },
        },
        readyForDecision: {
          entry: 'assessCase',
          on: {
            'request-ambtsbericht': { guard: 'allowed', target: 'awaitingReport' },
            'record-best-interests': {
              guard: 'allowed',
              actions: assign({ bestInterests: ({ event }) => ({ assessment: event.assessment, recordedAt: event.at }) }),
            },
            grant: {
              guard: 'allowed',
              target: '#application.decided',
              actions: assign({
                decision: ({ event }) => ({ outcome: 'granted' as const, grounds: event.grounds, decidedAt: event.at, decidedBy: event.actor, permit: event.permit }),
              }),
            },
            refuse: {
              guard: 'allowed',
              target: '#application.decided',
              actions: assign({
                decision: ({ event }) => ({
                  outcome: 'refused' as const,
                  grounds: event.exceptionGround ? [...event.grounds, EXCEPTION_GROUNDS[event.exceptionGround]] : event.grounds,
                  decidedAt: event.at,
                  decidedBy: event.actor,
                  exceptionGround: event.exceptionGround ?? null,
                }),
              }),
            },
          },
        },
        awaitingReport: {
          entry: [
            assign({
              report: ({ context, event }) => {
                const e = event as Extract<ActionEvent, { type: 'request-ambtsbericht' }>;
                const requestedOn = dayOf(context, e.at);
                return {
                  request: {
                    caseNumber: context.application.caseNumber,
                    requestKey: `${context.application.caseNumber}.ambtsbericht.1`,
                    nationality: context.application.facts.applicant.nationality,
                    factors: e.factors,
                    questions: e.questions,
                    requestedOn,
                    expectedBy: addDays(requestedOn, REPORT_EXPECTED_WEEKS * 7),
                  },
                  remindersSent: 0,
                  received: null,
                };
              },
            }),
            // Vw 2000 art. 25(2): the decision period is extended while the ministry reports.
            assign({
              clock: ({ context }) =>
                context.clock.length === 0
                  ? context.clock
                  : extend(context.clock, {
                      legalBasis: 'Vw 2000 art. 25(2)',
                      reason: 'individual official report (ambtsbericht) requested from the Minister of Foreign Affairs',
                      start: context.report!.request.requestedOn,
                      months: REPORT_EXTENSION_MONTHS,
                      noticeKey: `${context.application.caseNumber}.decision-period-extended.${context.noticesSent + 1}`,
                    }),
            }),
            syncDecisionTimer,
            { type: 'requestReport', params: ({ context }) => context.report!.request },
            enqueueActions(({ context, enqueue }) => {
              const deadline = currentDecisionDeadline(context);
              const previous = decisionDeadline(jurisdictionOf(context), context.clock.slice(0, -1));
              // Norway has no decision period to extend; the applicant hears of the report with the decision.
              if (!deadline || !previous?.due) return;
              enqueue({
                type: 'sendNotice',
                params: { ...noticeBase(context), kind: 'decision-period-extended', reason: 'country-report', previousDue: previous.due, deadline },
              });
              enqueue('countNotice');
            }),
            armReportReminder,
          ],
          exit: cancel('report-reminder'),
          on: {
            'report-reminder.due': {
              actions: [
                assign({ report: ({ context }) => ({ ...context.report!, remindersSent: context.report!.remindersSent + 1 }) }),
                { type: 'remindMinistry', params: ({ context }) => ({ ...context.report!.request, reminder: context.report!.remindersSent }) },
                armReportReminder,
              ],
            },
            'record-report': {
              guard: 'allowed',
              target: 'readyForDecision',
              actions: assign({
                report: ({ context, event }) => ({ ...context.report!, received: { reference: event.reference, summary: event.summary, receivedAt: event.at } }),
              }),
            },
          },
        },
      },
    },
    decided: {
      entry: [
        syncDecisionTimer,
        {
          type: 'sendNotice',
          params: ({ context }) => {
            const decision = context.decision!;
            return {
              ...noticeBase(context),
              kind: 'decision',
              outcome: decision.outcome,
              grounds: decision.grounds,
              // The letter quotes the rules the assessment rests on, next to the caseworker's grounds.
              rules: context.assessment?.basis.map((rule) => rule.citation) ?? [],
              decidedOn: dayOf(context, decision.decidedAt),
              ...(decision.outcome === 'granted' ? { permit: decision.permit } : {}),
            };
          },
        },
        'countNotice',
        enqueueActions(({ context, enqueue }) => {
          const decision = context.decision!;
          if (decision.outcome === 'granted' && !context.renewalOf) enqueue({ type: 'startPermit', params: permitOf(context, decision) });
        }),
      ],
      always: [{ guard: ({ context }) => context.decision!.outcome === 'granted', target: 'closed' }, { target: 'objectionPeriod' }],
    },
    objectionPeriod: {
      // A refusal takes no effect while the objection period runs (Vw 2000 art. 73).
      entry: [
        assign({
          objection: ({ context }) => ({
            // NL: four weeks from the day after sending (Vw 2000 art. 69(1)); NO: three weeks to appeal (forvaltningsloven s. 29).
            deadline: computeDeadline({
              jurisdiction: jurisdictionOf(context),
              kind: jurisdictionOf(context) === 'NL' ? 'objection' : 'appeal',
              from: dayOf(context, context.decision!.decidedAt),
            }),
            lodgedOn: null,
            outcome: null,
          }),
        }),
        {
          type: 'sendNotice',
          params: ({ context }) => ({
            ...noticeBase(context),
            kind: 'objection-period',
            decidedOn: dayOf(context, context.decision!.decidedAt),
            deadline: asNoticeDeadline(context.objection!.deadline),
          }),
        },
        'countNotice',
        { type: 'armTimer', params: ({ context }) => ({ timer: 'objection-period' as const, at: context.objection!.deadline.dueAt, event: 'objection-period.expired' as const }) },
      ],
      exit: cancel('objection-period'),
      on: {
        'lodge-objection': {
          guard: 'allowed',
          target: 'reconsideration',
          actions: assign({ objection: ({ context, event }) => ({ ...context.objection!, lodgedOn: event.receivedOn }) }),
        },
        'objection-period.expired': 'closed',
      },
    },
    reconsideration: {
      on: {
        'decide-objection': {
          guard: 'allowed',
          target: 'closed',
          actions: [
            assign({
              objection: ({ context, event }) => ({ ...context.objection!, outcome: { outcome: event.outcome, grounds: event.grounds, decidedAt: event.at } }),
            }),
            {
              type: 'sendNotice',
              params: ({ context }) => ({
                ...noticeBase(context),
                kind: 'objection-decision',
                outcome: context.objection!.outcome!.outcome,
                grounds: context.objection!.outcome!.grounds,
                decidedOn: dayOf(context, context.objection!.outcome!.decidedAt),
              }),
            },
            'countNotice',
          ],
        },
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

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;

/** The penalty owed (Awb 4:17) as of an instant: while overdue after a notice of default, until the decision. */
export function penaltyOf(context: ApplicationContext, asOf: string | null): PenaltyComputation | null {
  if (!context.defaultNotice || !asOf) return null;
  return penaltyFor(context.defaultNotice.receivedOn, dayOf(context, asOf));
}

/** The state's name, e.g. `awaitingEvidence` (the innermost state). */
export const stateOf = (snapshot: ApplicationSnapshot) => innermostState(snapshot);

/** Rules that read only the case, not the action's payload: they decide whether an action is offered at all. */
const CASE_ONLY_RULES = new Set<CaseActionType>(['request-ambtsbericht', 'record-best-interests', 'record-default-notice']);

/** The actions the case accepts now; rules on an action's payload are checked when it is taken. */
export function allowedActions(snapshot: ApplicationSnapshot): CaseActionType[] {
  return offeredActions(snapshot, CASE_ACTION_TYPES, (action) => CASE_ONLY_RULES.has(action) && !!obstacles[action]?.(snapshot.context, { type: action, at: '' } as ActionEvent));
}

/** Why `event` is refused in this snapshot, naming the state, the action and the rule; null when accepted. */
export function rejectionOf(snapshot: ApplicationSnapshot, event: ActionEvent): string | null {
  return refusal(snapshot, event.type, allowedActions(snapshot), () => obstacleTo(snapshot.context, event));
}
