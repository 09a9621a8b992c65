/**
 * The notices a case sends to its applicant. The machine decides which notice goes out and with
 * which facts; an activity renders and delivers it. `sequence` makes each notice's identity
 * deterministic (case, kind, sequence), so a retried delivery is recognised as the same message.
 *
 * A notice carries only what its text needs: the applicant's name and address, the case number,
 * dates, document names and citations.
 */
import type { Contact, Jurisdiction } from './case';
import type { DeadlineComputation, LocalDate } from './calendar';
import type { S38Limitation } from './case-actions';

export type Recipient = Contact;
export type Language = Recipient['language'];

/** A deadline as a notice states it: the last day, the instant it ends, the office's zone, the law. */
export type NoticeDeadline = Pick<DeadlineComputation, 'due' | 'dueAt' | 'timeZone' | 'citations'>;

interface NoticeBase {
  caseNumber: string;
  jurisdiction: Jurisdiction;
  to: Recipient;
  /** 1 for the case's first notice, then 2, 3, …: stable across retries and replays. */
  sequence: number;
}

/** The application was received; `deadline` is the decision period, null where the law sets none (Norway). */
export interface ReceiptNotice extends NoticeBase {
  kind: 'receipt';
  receivedOn: LocalDate;
  deadline: NoticeDeadline | null;
}

export interface EvidenceRequestNotice extends NoticeBase {
  kind: 'evidence-request';
  missing: string[];
  deadline: NoticeDeadline;
}

/** Sent some days before the cure period ends while documents are still missing. */
export interface CureReminderNotice extends NoticeBase {
  kind: 'cure-reminder';
  missing: string[];
  deadline: NoticeDeadline;
}

/** The cure period was extended: a new deadline, never an edited one. */
export interface DeadlineExtendedNotice extends NoticeBase {
  kind: 'deadline-extended';
  missing: string[];
  previousDue: LocalDate;
  deadline: NoticeDeadline;
}

export type DecisionExtensionReason = 'country-report' | 'further-investigation';

/** The office needs longer to decide (e.g. an ambtsbericht suspends the decision period). */
export interface DecisionPeriodExtendedNotice extends NoticeBase {
  kind: 'decision-period-extended';
  reason: DecisionExtensionReason;
  previousDue: LocalDate;
  deadline: NoticeDeadline;
}

/** The decision letter: the outcome, the caseworker's grounds and the rules the assessment rests on. */
export interface DecisionNotice extends NoticeBase {
  kind: 'decision';
  outcome: 'granted' | 'refused' | 'not-processed';
  grounds: string[];
  /** Citations of the rules the policy assessment rests on. */
  rules: string[];
  decidedOn: LocalDate;
  /** For a grant: the permit's terms, with the limitations of Immigration Act s. 38 fifth paragraph where any apply. */
  permit?: { restriction: string; labourMarketNote: string; validFrom: LocalDate; validUntil: LocalDate; s38Limitations?: S38Limitation[] };
}

/** The decision on an objection (NL) or appeal (NO) against the decision. */
export interface ObjectionDecisionNotice extends NoticeBase {
  kind: 'objection-decision';
  outcome: 'well-founded' | 'unfounded';
  grounds: string[];
  decidedOn: LocalDate;
}

/** The applicant withdrew the application; the case is closed. */
export interface ApplicationWithdrawnNotice extends NoticeBase {
  kind: 'application-withdrawn';
  withdrawnOn: LocalDate;
}

/** The period in which the applicant may object to (appeal) a decision. */
export interface ObjectionPeriodNotice extends NoticeBase {
  kind: 'objection-period';
  decidedOn: LocalDate;
  deadline: NoticeDeadline;
}

/** The permit ends on `permitValidUntil`; apply for renewal by `deadline`. */
export interface RenewalInvitationNotice extends NoticeBase {
  kind: 'renewal-invitation';
  permitValidUntil: LocalDate;
  deadline: NoticeDeadline;
}

export interface RenewalReminderNotice extends NoticeBase {
  kind: 'renewal-reminder';
  permitValidUntil: LocalDate;
  deadline: NoticeDeadline;
}

/** The permit expires at `deadline` and no renewal application is pending. */
export interface ExpiryNotice extends NoticeBase {
  kind: 'expiry';
  /** False for a permit granted as not renewable (Immigration Act s. 38 fifth paragraph): the letter must not invite a renewal. */
  renewable: boolean;
  deadline: NoticeDeadline;
}

/** The permit was converted automatically (e.g. after one year); nothing to do, so no deadline. */
export interface ConversionNotice extends NoticeBase {
  kind: 'conversion';
  convertedOn: LocalDate;
  validUntil: LocalDate;
  grounds: string[];
  /** The permit's terms from the conversion (absent in notices scheduled before they were stated). */
  restriction?: string;
  labourMarketNote?: string;
}

/** The office withdrew the permit; `deadline` is the end of the objection period. */
export interface WithdrawalNotice extends NoticeBase {
  kind: 'withdrawal';
  withdrawnOn: LocalDate;
  grounds: string[];
  deadline: NoticeDeadline;
}

/** Vb 2000 art. 3.50: a holder admitted as a minor for family reunification may apply for a permit of their own from `eligibleOn`. */
export interface IndependentPermitNotice extends NoticeBase {
  kind: 'independent-permit';
  eligibleOn: LocalDate;
  grounds: string[];
}

export type Notice =
  | ReceiptNotice
  | EvidenceRequestNotice
  | CureReminderNotice
  | DeadlineExtendedNotice
  | DecisionPeriodExtendedNotice
  | DecisionNotice
  | ObjectionDecisionNotice
  | ApplicationWithdrawnNotice
  | ObjectionPeriodNotice
  | RenewalInvitationNotice
  | RenewalReminderNotice
  | ExpiryNotice
  | ConversionNotice
  | WithdrawalNotice
  | IndependentPermitNotice;

export type NoticeKind = Notice['kind'];
export type NoticeOf<K extends NoticeKind> = Extract<Notice, { kind: K }>;

/** Every kind once; the record type makes a kind missing here a compile error. */
const KINDS: { [K in NoticeKind]: true } = {
  receipt: true,
  'evidence-request': true,
  'cure-reminder': true,
  'deadline-extended': true,
  'decision-period-extended': true,
  decision: true,
  'objection-decision': true,
  'application-withdrawn': true,
  'objection-period': true,
  'renewal-invitation': true,
  'renewal-reminder': true,
  expiry: true,
  conversion: true,
  withdrawal: true,
  'independent-permit': true,
};
export const NOTICE_KINDS = Object.keys(KINDS) as NoticeKind[];

export const LANGUAGES: readonly Language[] = ['nl', 'en', 'no'];

/** The deadline a notice states, if its kind has one. */
export function deadlineOf(notice: Notice): NoticeDeadline | undefined {
  return 'deadline' in notice ? (notice.deadline ?? undefined) : undefined;
}

/** The notice's idempotency key, used as its Message-ID: the same notice always has the same id. */
export function noticeKey(notice: Pick<Notice, 'caseNumber' | 'kind' | 'sequence'>): string {
  return `${notice.caseNumber}.${notice.kind}.${notice.sequence}`;
}

/** The failure type of a notice whose address the mail server refused for good (SMTP 5xx on RCPT). */
export const RECIPIENT_REJECTED = 'RecipientRejected';

/** A notice that could not be delivered and needs an operator (e.g. to correct the address). */
export interface DeliveryProblem {
  noticeKey: string;
  reason: string;
  /** Workflow time, ISO 8601. */
  at: string;
}
