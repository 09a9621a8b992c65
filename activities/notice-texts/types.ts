/**
 * The shape of one language's notice texts. Every language is a value of this type, so a kind or
 * phrase missing from a translation is a compile error, never a silent fall back to English.
 */
import type { LocalDate } from '../../domain/calendar';
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

/**
 * What a text is written with: dates already formatted in the notice's language (`due` only for
 * kinds with a deadline), and the remedy of the case's jurisdiction.
 */
export type TextContext<K extends NoticeKind> = { date: (date: LocalDate) => string; remedy: Remedy } & (NoticeOf<K> extends {
  deadline: NoticeDeadline;
}
  ? { due: string }
  : unknown);

export interface NoticeTexts {
  /** BCP 47 locale for Intl: nl-NL, en-GB, nb-NO. */
  locale: string;
  greeting: (name: string) => string;
  actionLabel: string;
  deadline: (date: string, isoDate: LocalDate, timeZone: string) => string;
  legalBasis: (kind: NoticeKind, citations: string) => string;
  footer: (caseNumber: string) => string[];
  kinds: { [K in NoticeKind]: (notice: NoticeOf<K>, context: TextContext<K>) => KindText };
}
