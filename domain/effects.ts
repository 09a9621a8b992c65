/**
 * What the machines ask the world to do, by effect type: the payload of each. The machines return
 * these (besides timers, which the machine runner keeps itself); the workflows carry them out with a
 * handler per type, typed by these maps, so a new effect cannot be added without its handler; the
 * activities read the payloads. Plain data, so every layer can import it.
 */
import type { LocalDate } from './calendar/dates';
import type { ApplicationFacts } from './application';
import type { Contact } from './case';
import type { PermitTerms } from './case-actions';
import type { Notice } from './notices';
import type { ContraIndicationFinding, ContraIndicationGround, PermitInput } from './permit';

/** A request to the foreign ministry for an individual official report (ambtsbericht) on a case. */
export interface ReportRequest {
  caseNumber: string;
  /** Idempotency key of the request at the ministry's intake. */
  requestKey: string;
  nationality: string;
  /** The circumstances of Vc 2000 B16/7 (huwelijks)relatie, letters a to c, the report must address. */
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

/** A check of the contra-indication register before an ex officio conversion. */
export interface ContraIndicationCheck {
  permitNumber: string;
  caseNumber: string;
  /** The anniversary: findings recorded on or before it count. */
  onDate: LocalDate;
  grounds: ContraIndicationGround[];
}

/** A case for a caseworker: a contra-indication stopped the conversion. */
export interface ContraIndicationReview {
  /** Idempotency key of the caseworker's case. */
  key: string;
  permitNumber: string;
  caseNumber: string;
  onDate: LocalDate;
  findings: ContraIndicationFinding[];
}

/** The application as a case holds it. */
export interface CaseApplication {
  caseNumber: string;
  contact: Contact;
  facts: ApplicationFacts;
}

/** The renewal case: the application lifecycle, run as a child workflow. */
export interface RenewalCaseRequest {
  n: number;
  workflowId: string;
  application: CaseApplication;
  /** The permit this case renews: its grant goes back to the permit, not to a new one. */
  renewalOf: string;
}

/** How a renewal case ended, as the workflow reports it. */
export type RenewalCaseResult = { outcome: 'granted'; terms: PermitTerms } | { outcome: 'refused' | 'not-processed' | 'withdrawn' | 'failed'; detail: string };

/** The effects of the application machine, by type. */
export interface ApplicationEffects {
  sendNotice: Notice;
  requestReport: ReportRequest;
  remindMinistry: ReportRequest & { reminder: number };
  alertOperators: OperatorAlert;
  /** A grant starts the permit's own lifecycle (not for a renewal case, whose grant goes back to its permit). */
  startPermit: PermitInput;
}

/** The effects of the permit machine, by type. */
export interface PermitEffects {
  sendNotice: Notice;
  checkContraIndications: ContraIndicationCheck;
  openContraIndicationReview: ContraIndicationReview;
  startRenewalCase: RenewalCaseRequest;
}

/** One effect of a map, as the machine returns it. */
export type EffectOf<M> = { [K in keyof M]: { type: K; params: M[K] } }[keyof M];

/** The handlers a workflow supplies: one per effect type, so the compiler names a missing one. */
export type EffectHandlers<M> = { [K in keyof M]: (params: M[K]) => Promise<unknown> };
