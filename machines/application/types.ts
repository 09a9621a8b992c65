/**
 * The application machine's vocabulary: its context, events, input and output, its timers and
 * effects, and the office's own policies it applies. No jurisdiction's law is here: that is in
 * the case's jurisdiction pack (domain/jurisdictions).
 */
import type { DeadlineComputation, LocalDate } from '../../domain/calendar';
import type { CaseAction, ExceptionGround, PermitTerms } from '../../domain/case-actions';
import type { DecisionClock, PenaltyComputation } from '../../domain/decision-clock';
import type { ApplicationEffects, CaseApplication, EffectOf, ReportRequest } from '../../domain/effects';
import type { Assessment } from '../../domain/policy';
import type { Actor } from '../../domain/roles';

export type { CaseApplication, OperatorAlert, ReportRequest } from '../../domain/effects';

/**
 * Office policy on cure reminders: days before the cure deadline on which the applicant is
 * reminded. Changed in 2027 from one reminder (3 days before) to two (5 days and 1 day before);
 * the workflow picks the version for each case when it starts, behind `patched()`, so a case keeps
 * the policy it started under.
 */
export const CURE_REMINDER_POLICIES = { 2026: [3], 2027: [5, 1] } as const;
export type CureReminderPolicy = keyof typeof CURE_REMINDER_POLICIES;
/** Office policy: the ministry is asked for the report within this many weeks, and reminded every as many weeks after. */
export const REPORT_EXPECTED_WEEKS = 8;
export const REPORT_REMINDER_WEEKS = 4;

export type TimerId = 'cure-period' | 'cure-reminder' | 'decision-period' | 'report-reminder' | 'objection-period';

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
/** The event of one action type. */
export type ActionOf<T extends ActionEvent['type']> = Extract<ActionEvent, { type: T }>;

/** What the workflow must do in the world after a transition: the effects of domain/effects, and timers. */
export type Effect =
  | EffectOf<ApplicationEffects>
  /** `at: null` disarms the timer (a deadline not known now). */
  | { type: 'armTimer'; params: TimerParams }
  | { type: 'cancelTimer'; params: { timer: TimerId } };
export interface TimerParams {
  timer: TimerId;
  at: string | null;
  event: SystemEvent['type'];
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
  /** The last day a decision not to process the application may be sent (the jurisdiction's procedure). */
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
  objection: {
    deadline: DeadlineComputation;
    lodgedOn: LocalDate | null;
    outcome: { outcome: 'well-founded' | 'unfounded'; grounds: string[]; decidedAt: string } | null;
  } | null;
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
