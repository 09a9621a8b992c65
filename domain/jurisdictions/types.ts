/**
 * What a jurisdiction is to dossier: one pack with its legal calendar, its procedure, the facts its
 * policy reads, the policy itself and the words its notices use. Machines and workflows hold no
 * jurisdiction's law; they ask the pack of the case's jurisdiction (registry.ts).
 */
import type { z } from 'zod';
import type { LocalDate } from '../calendar/dates';
import type { DecreeDay, HolidayRule } from '../calendar/holiday-rules';
import type { PeriodDefinition, PeriodKind } from '../calendar/periods';
import type { ContraIndicationGround, ExceptionGround, PermitTerms, S38Limitation } from '../case-actions';
import type { PenaltyComputation } from '../decision-clock';
import type { NoticeDeadline } from '../notices';
import type { PolicyPack } from '../policy/types';

export interface JurisdictionCalendar {
  /** The earliest date the calendar models this jurisdiction's law for: earlier dates are refused. */
  modelledFrom: LocalDate;
  /** The days besides Saturdays and Sundays on which no legal period ends. */
  holidays: readonly HolidayRule[];
  /** Days equated with a holiday by decree, shipped as data. */
  decreeDays: readonly DecreeDay[];
  /** Every period the machines and the CLI compute, each with its dated versions. */
  periods: readonly PeriodDefinition[];
}

/** The decision period the law sets, and what moves it: each entry of the decision clock cites one of these. */
export interface DecisionPeriodLaw {
  /** Where the period comes from (its length is the calendar's `decision` period). */
  basis: string;
  /** The rule that moves its end, after suspensions and extensions, off a day that is not a working day. */
  rollsOn: string;
  /** The suspension while the applicant may supply missing evidence, or null where none. */
  suspendedForEvidence: string | null;
  /** The extension when the office asks the foreign ministry for a country report, or null where none. */
  extendedForCountryReport: { basis: string; months: number } | null;
  /** A penalty for not deciding in time, owed after a notice of default, or null where the law has none. */
  penalty: {
    /** The rule that a notice of default has effect only once the period has ended. */
    noticeOfDefault: string;
    compute(noticeReceivedOn: LocalDate, asOf: LocalDate): PenaltyComputation;
  } | null;
}

/** When the holder is invited to renew, by when a renewal keeps lawful residence, and when to remind. */
export interface RenewalCalendar {
  inviteOn: LocalDate;
  deadline: NoticeDeadline;
  remindOn: LocalDate;
  /** The permit's last instant. */
  expiresAt: string;
}

/** What filing a renewal on a day means for the holder's residence. */
export type RenewalTiming =
  | { kind: 'too-early'; opensOn: LocalDate; citation: string }
  | { kind: 'in-time'; citation: string }
  /** Filed late, but the new permit follows on without a gap. */
  | { kind: 'late-no-gap'; graceEnds: LocalDate; citation: string }
  /** Filed so late that the gap is recorded and the reason for lateness assessed. */
  | { kind: 'late-gap'; gap: { from: LocalDate; to: LocalDate }; citation: string }
  /** Filed too late to keep the right to stay while the application is pending. */
  | { kind: 'late-no-right-to-stay'; due: LocalDate; citation: string };

/** The permit as the procedure reads it (a subset of domain/permit's Permit, to keep the layers apart). */
export interface PermitView {
  jurisdiction: string;
  restriction: string;
  validFrom: LocalDate;
  validUntil: LocalDate;
  s38Limitations: readonly S38Limitation[];
  admittedAsMinorForFamilyReunification?: { admittedOn: LocalDate; dateOfBirth: LocalDate };
}

/** An ex officio change of the permit on a date the law sets (NL: the old-act estate permit after one year). */
export interface Conversion {
  dueOn: LocalDate;
  /** The articles the change rests on, as the notice quotes them. */
  grounds: string[];
  /** The permit's terms from the day of the change. */
  terms(convertedOn: LocalDate): Pick<PermitTerms, 'restriction' | 'labourMarketNote' | 'validFrom' | 'validUntil'>;
  /** The rule under which a contra-indication stops the change and a caseworker decides. */
  contraIndicationBasis: string;
  /** What the contra-indication register is checked for. */
  contraIndications: readonly ContraIndicationGround[];
}

/** The procedural law of a jurisdiction: everything in a case's and a permit's life that the law, not the office, decides. */
export interface Procedure {
  /** The period in which the office must decide, counted from receipt; null where the law sets none. */
  decisionPeriod: DecisionPeriodLaw | null;
  /** A decision not to process an incomplete application after the cure period; null where the law has none. */
  notProcessed: { ground: string; sendWithinDays: number; basis: string } | null;
  /** Why the office asks the foreign ministry for one country report per case (the law, or the office's policy). */
  countryReportOnce: string;
  /** The remedy against a decision: objection to the office or appeal, and the calendar's period for it. */
  remedy: { kind: 'objection' | 'appeal'; period: PeriodKind };
  /** Refusing an applicant the law entitles: the exception grounds a refusal may rest on, each with its citation; null where no route entitles. */
  exceptionGrounds: { basis: string; grounds: Partial<Record<ExceptionGround, string>> } | null;
  /** In a case concerning children, the best interests are recorded before a decision; null where the law asks nothing. */
  bestInterests: { basis: string } | null;
  /** The restrictions a permit may carry, and why; null where the law allows none. */
  permitRestrictions: { allowed: readonly S38Limitation[]; basis: string } | null;
  renewal: {
    calendar(validUntil: LocalDate): RenewalCalendar;
    timing(validUntil: LocalDate, filedOn: LocalDate): RenewalTiming;
    /** The rule under which the lateness of a renewal filed with a gap is assessed; null where none. */
    latenessBasis: string | null;
    /** What the expiry notice of a permit that may not be renewed cites. */
    notRenewable(permit: PermitView): string;
  };
  withdrawal: {
    /** The ground a permit is withdrawn on. */
    basis: string;
    /** Why a withdrawal on `basis` is refused, naming the rule; null when it may proceed. */
    obstacle(basis: 'incorrect-information' | 'conditions-no-longer-met', onDate: LocalDate): string | null;
  };
  /** Dates in a permit's life the law attaches consequences to. */
  milestones: {
    /** What a permit granted on these facts must remember (NL: an admission as a minor, for the art. 3.50 date). */
    atGrant(facts: unknown): Pick<PermitView, 'admittedAsMinorForFamilyReunification'>;
    conversion(permit: PermitView): Conversion | null;
    /** The day the holder may apply for a permit of their own, and the rule; null where none. */
    independence(permit: PermitView): { eligibleOn: LocalDate; grounds: string[] } | null;
  };
}

/**
 * What a notice quotes from this jurisdiction's law, in every language. (The remedy a notice names,
 * objection or appeal, is the procedure's `remedy.kind`.)
 */
export interface NoticeWording {
  /** The legal basis a notice of a withdrawn application states; null where no rule is to be quoted. */
  withdrawnApplication: string | null;
  /** The legal basis a receipt states when the law sets no decision period to announce. */
  receiptWithoutDeadline: string;
}

/** The remedy a rights clause offers: an objection to the office, an (administrative) appeal, or an appeal to a court. */
export type RemedyRoute = 'objection' | 'appeal' | 'court-appeal';
/** What a notice of objection or appeal must contain, each an item the letter lists. */
export type RemedyContent = 'signature' | 'name-and-address' | 'date' | 'decision' | 'change-sought' | 'reasons';

/**
 * The rights clause of a decision (Awb 3:45; forvaltningsloven § 27 third paragraph): everything the
 * letter states about the remedy, each statement with the rule it comes from (`citation`, in the
 * pack's notation; the letter renders it with `LetterLaw.cite`). The language files word it.
 */
export interface RightsClause {
  route: RemedyRoute;
  /** Who decides the remedy: the office itself, a named appeal body, or a court. */
  decidedBy: { kind: 'office' | 'appeal-board' | 'court'; name?: string; citation: string };
  /** Where the notice of objection or appeal is sent: the office that decided, or the court. */
  lodgeWith: { kind: 'office' | 'court'; citation: string };
  /** The period, from when it runs, and the calendar's period that computes its last day. */
  period: { amount: number; unit: 'days' | 'weeks'; runsFrom: 'day-after-sent' | 'notification-received'; calendar: PeriodKind; citations: string[] };
  contents: { items: readonly RemedyContent[]; citation: string };
  /** The consequence of missing the period. */
  late: { kind: 'inadmissible-unless-excusable' | 'rejected-unless-excused'; citation: string };
  /** Whether the decision takes effect while the remedy runs, and what the applicant may ask for meanwhile. */
  meanwhile: { kind: 'suspended' | 'not-suspended' | 'ask-postponement'; citation: string };
  /** Interim relief from a court, and when it may be asked. */
  interimRelief: { kind: 'provisional-measure' | 'after-final-decision'; citation: string } | null;
  legalAid: { citation: string };
  /** The right to see the case's documents, where the law asks the letter to say so. */
  documents: { citation: string } | null;
}

/** What a letter of this jurisdiction states besides the rule it rests on: rights, consequences, who sends it. */
export interface LetterLaw {
  /** The authority that decides and signs, named as the law names it, when configuration names no office. */
  authority: string;
  /** What the applicant's own file number is called here (V-nummer, DUF-nummer). */
  fileNumberName: string;
  /** How a grant names what the permit is for: a restriction (NL: beperking, Vw 2000 art. 14) or its purpose. */
  grantTerms: 'restriction' | 'purpose';
  /**
   * A citation of the pack's notation (e.g. "Vw 2000 art. 69(1) (four weeks)") in the style and
   * language of the country's law ("artikel 69, eerste lid, Vw 2000"); null for what is no rule an
   * applicant may be told of (office policy, practice, internal notes).
   */
  cite(citation: string): string | null;
  /** The remedy against a decision of the office (a refusal, a grant, not processing, withdrawing a permit). */
  remedy: RightsClause;
  /** What follows a decision on that remedy: the next remedy, or the appeal sent on to the body that decides it. */
  afterRemedy(outcome: 'well-founded' | 'unfounded'): { kind: 'rights'; clause: RightsClause } | { kind: 'forwarded'; to: string; citation: string };
  /** What happens when the evidence asked for does not arrive in time. */
  cure: { consequence: 'may-not-process' | 'decided-on-file'; citation: string };
  /** What filing a renewal late means for the holder; null where permits are not renewed. */
  renewal: { consequence: 'late-leaves-gap' | 'one-month-before-keeps-right-to-stay'; citation: string } | null;
  /** Whether the fee is refunded when an application is withdrawn; null where no rule has been confirmed (the letter says nothing). */
  withdrawnApplicationFee: { refunded: boolean; citation: string } | null;
}

export interface JurisdictionPack {
  /** The code every record carries: `facts.jurisdiction`, `permit.jurisdiction`. */
  code: string;
  name: string;
  /** The office's time zone: a deadline ends at the end of its day there. */
  timeZone: string;
  calendar: JurisdictionCalendar;
  procedure: Procedure;
  /** Builds the schema of an application's facts here, discriminated by `jurisdiction` (built when called, not kept: application/nl.ts). */
  facts: () => z.ZodType<{ jurisdiction: string }>;
  policy: PolicyPack<never, object>;
  notices: NoticeWording;
  letters: LetterLaw;
}
