/**
 * The shape of one language's notice texts. Every language is a value of this type, so a kind or
 * phrase missing from a translation is a compile error, never a silent fall back to English.
 *
 * The texts hold wording only. What a letter states of the law (the rights clause, the consequence
 * of a missed deadline, the citations) comes from the case's jurisdiction pack (`LetterLaw`), with
 * its citations already written in the style of that country's law.
 */
import type { LocalDate } from '../../domain/calendar';
import type { S38Limitation } from '../../domain/case-actions';
import type { LetterLaw, RightsClause } from '../../domain/jurisdictions';
import type { NoticeDeadline, NoticeKind, NoticeOf } from '../../domain/notices';

/** A paragraph, or a bulleted list (documents). */
export type Block = string | { list: string[] };

export interface KindText {
  /** Without the case number: the renderer puts `[case number]` in front. */
  subject: string;
  body: Block[];
  /** What the applicant must do, one sentence or two. */
  action: string;
}

/** The remedy against a decision the case's law gives: an objection to the office, or an appeal. */
export type Remedy = 'objection' | 'appeal';

/** The pack's letter law with every citation already rendered in the style of the country's law. */
export type CitedLetterLaw = Pick<LetterLaw, 'cure' | 'renewal' | 'grantTerms'> & {
  /** The s. 38 fifth paragraph basis, where the law allows such limitations. */
  permitRestrictions: string | null;
};

/**
 * What a text is written with: dates already formatted in the notice's language (`due` only for
 * kinds with a deadline), the remedy of the case's jurisdiction, and what its law says the letter states.
 */
export type TextContext<K extends NoticeKind> = {
  date: (date: LocalDate) => string;
  remedy: Remedy;
  law: CitedLetterLaw;
} & (NoticeOf<K> extends {
  deadline: NoticeDeadline;
}
  ? { due: string }
  : unknown);

/** Who sends the letter and how to reach them, from configuration (platform/config.ts). */
export interface Office {
  name: string;
  /** Postal address, one line each. */
  address: string[];
  phone?: string;
  email?: string;
}

/** A rights clause to word: the pack's clause (citations rendered), the office it is lodged with, and its last day counted from the letter. */
export interface RightsContext {
  clause: RightsClause;
  office: Office;
  /** The last day, formatted, counted from the date of the letter. */
  due: string;
  /** The decision is wholly in the applicant's favour (a grant, an objection upheld): nothing to suspend or stop meanwhile. */
  favourable: boolean;
}

export interface NoticeTexts {
  /** BCP 47 locale for Intl: nl-NL, en-GB, nb-NO. */
  locale: string;
  greeting: (name: string) => string;
  actionLabel: string;
  /** `zone` is the office's time zone as this language names it (`zoneNames`, else Intl's name). */
  deadline: (date: string, isoDate: LocalDate, zone: string) => string;
  /** Names of the offices' time zones: "Nederlandse tijd", not "Europe/Amsterdam". */
  zoneNames: Record<string, string>;
  legalBasis: (kind: NoticeKind, citations: string) => string;
  /** The letterhead: sender, date, case number and the applicant's file number where known. */
  letterhead: (head: { office: Office; date: string; caseNumber: string; fileNumber?: { name: string; value: string } }) => string[];
  /** How to reply: the applicant's page when it exists, e-mail, post, phone. Always asks to quote the case number. */
  reply: (reply: { caseNumber: string; office: Office; applicantPage?: string }) => string[];
  closing: (office: Office) => string[];
  /** The rights clause of a decision, worded. */
  rights: (rights: RightsContext) => Block[];
  /** The appeal was not upheld and is sent on to the body that decides it. */
  forwarded: (to: string, citation: string) => Block[];
  /** The subject of that letter: what happened is that the appeal went on, not that it was decided. */
  forwardedSubject: (to: string) => string;
  /** A limitation of Immigration Act s. 38 fifth paragraph, as a list item. */
  s38Limitations: Record<S38Limitation, string>;
  kinds: { [K in NoticeKind]: (notice: NoticeOf<K>, context: TextContext<K>) => KindText };
}
