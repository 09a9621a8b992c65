/**
 * Renders a notice the machine asked for, in the applicant's language, and delivers it exactly
 * once as the applicant sees it:
 *
 * - its Message-ID is its idempotency key (case, kind, sequence), so a message that did go out
 *   twice is one message to the applicant's mail client;
 * - the sent-ledger is checked before sending and written after the server accepted, before the
 *   activity completes, so a retried activity (worker killed, completion lost) does not send again;
 * - a transient SMTP failure (connection refused, 4xx) fails the attempt and Temporal retries it
 *   with backoff; a recipient refused for good (5xx on RCPT) is a non-retryable failure that the
 *   workflow records as a delivery problem for an operator.
 *
 * What remains: a crash between the server's 250 and the ledger write (milliseconds) sends again
 * on retry, with the same Message-ID.
 */
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { NoticeLink } from './applicant-links';
import { heartbeating } from './heartbeats';
import { computeDeadline, dateTimeFormat, localDateOf, type LocalDate } from '../domain/calendar';
import { deadlineOf, noticeKey, RECIPIENT_REJECTED, type Language, type Notice, type NoticeDeadline, type NoticeKind } from '../domain/notices';
import { deadlineEvent } from './calendar-event';
import { escapeHtml, RecipientRejectedError, type Delivery, type Mailer, type OutgoingMessage } from '../platform/mailer';
import { jurisdictionPack, type LetterLaw, type RightsClause } from '../domain/jurisdictions';
import { NOTICE_TEXTS, type Block, type KindText, type NoticeTexts, type Office, type Remedy, type TextContext } from './notice-texts';
import { deliverOnce, type SentLedger } from './sent-ledger';

const dateFormat = (language: Language, timeZone: string) =>
  dateTimeFormat(NOTICE_TEXTS[language].locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** `2026-04-03` → `Friday 3 April 2026`, `vrijdag 3 april 2026`, `fredag 3. april 2026`. */
export function formatLegalDate(date: LocalDate, language: Language = 'en'): string {
  // A calendar day has no zone: noon UTC falls on that day everywhere the format looks.
  return dateFormat(language, 'UTC')
    .format(new Date(`${date}T12:00:00Z`))
    .replace(',', '');
}

/** The day on which the deadline ends, read in the office's time zone. */
export function formatDeadline(deadline: Pick<NoticeDeadline, 'dueAt' | 'timeZone'>, language: Language): string {
  return dateFormat(language, deadline.timeZone).format(new Date(deadline.dueAt)).replace(',', '');
}

/** The office's time zone as the language names it: "Nederlandse tijd", else Intl's name ("Brasília-tijd"). */
function zoneName(t: NoticeTexts, timeZone: string): string {
  const named = t.zoneNames[timeZone];
  if (named) return named;
  const part = dateTimeFormat(t.locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date(0))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** Notices whose date is the office's, not the applicant's: they ask nothing, so they state no deadline and send no calendar event. */
const ASKS_NOTHING: ReadonlySet<NoticeKind> = new Set(['receipt', 'decision-period-extended']);

/** The citations of the pack's notation, each provision once, in the style of the country's law; office notes left out. */
function cite(letters: LetterLaw, citations: readonly (string | null)[]): string[] {
  const provisions = citations.flatMap((citation) => (citation ? provisionsOf(citation) : []));
  return [...new Set(provisions.map((c) => letters.cite(c)).filter((c): c is string => !!c))];
}

/** "Vb 2000 art. 3.50; Vc 2000 B16/2 (a; b)" → its provisions, split at the semicolons outside an explanation in brackets. */
function provisionsOf(citation: string): string[] {
  const provisions = [''];
  let depth = 0;
  for (let i = 0; i < citation.length; i++) {
    const c = citation[i]!;
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth === 0 && citation.startsWith('; ', i)) {
      provisions.push('');
      i++;
    } else {
      provisions[provisions.length - 1] += c;
    }
  }
  return provisions;
}

/** The rules a notice rests on: a decision's grounds and the rules of its assessment, otherwise the citations of its deadline. */
function legalBasisOf(notice: Notice): (string | null)[] {
  switch (notice.kind) {
    case 'decision':
      return [...notice.grounds, ...notice.rules];
    case 'conversion':
    case 'independent-permit':
    case 'objection-decision':
      return notice.grounds;
    case 'withdrawal':
      return [...notice.grounds, ...notice.deadline.citations];
    case 'application-withdrawn':
      return [jurisdictionPack(notice.jurisdiction).notices.withdrawnApplication];
    case 'receipt':
      return notice.deadline?.citations ?? [jurisdictionPack(notice.jurisdiction).notices.receiptWithoutDeadline];
    default:
      return notice.deadline.citations;
  }
}

/** The clause with each of its citations written as the country's law cites it. */
function citedClause(letters: LetterLaw, clause: RightsClause): RightsClause {
  const one = (citation: string) => cite(letters, [citation]).join('; ');
  const withCitation = <T extends { citation: string }>(part: T): T => ({ ...part, citation: one(part.citation) });
  return {
    ...clause,
    decidedBy: withCitation(clause.decidedBy),
    lodgeWith: withCitation(clause.lodgeWith),
    period: { ...clause.period, citations: cite(letters, clause.period.citations) },
    contents: withCitation(clause.contents),
    late: withCitation(clause.late),
    meanwhile: withCitation(clause.meanwhile),
    interimRelief: clause.interimRelief && withCitation(clause.interimRelief),
    legalAid: withCitation(clause.legalAid),
    documents: clause.documents && withCitation(clause.documents),
  };
}

/** The rights clause a notice carries (every decision, and the notice of the remedy's period), worded in its language. */
function rightsOf(notice: Notice, t: NoticeTexts, office: Office): Block[] {
  const { letters } = jurisdictionPack(notice.jurisdiction);
  const language = notice.to.language;
  const clauseFrom = (clause: RightsClause, decidedOn: LocalDate, deadline?: NoticeDeadline, favourable = false) => {
    const end = deadline ?? computeDeadline({ jurisdiction: notice.jurisdiction, kind: clause.period.calendar, from: decidedOn });
    return t.rights({ clause: citedClause(letters, clause), office, due: formatDeadline(end, language), favourable });
  };
  switch (notice.kind) {
    case 'decision':
      return clauseFrom(letters.remedy, notice.decidedOn, undefined, notice.outcome === 'granted');
    case 'objection-period':
      return clauseFrom(letters.remedy, notice.decidedOn, notice.deadline);
    case 'withdrawal':
      return clauseFrom(letters.remedy, notice.withdrawnOn, notice.deadline);
    case 'objection-decision': {
      const next = letters.afterRemedy(notice.outcome);
      return next.kind === 'rights'
        ? clauseFrom(next.clause, notice.decidedOn, undefined, notice.outcome === 'well-founded')
        : t.forwarded(next.to, cite(letters, [next.citation]).join('; '));
    }
    default:
      return [];
  }
}

export interface LetterOptions {
  /** The office that sends the letter (configuration); its name defaults to the authority of the case's jurisdiction. */
  office?: { name?: string; address?: string[]; phone?: string; email?: string };
  /**
   * The applicant's own page (issue 17): the signed link for this notice's case (activities/applicant-links.ts),
   * which the letter offers as the first way to reply. Without it, no link is shown.
   */
  applicantPageLink?: (notice: Notice) => string | undefined;
  /** When the letter is issued (its date, in the office's time zone); now by default. */
  issuedAt?: Date;
}

export function renderNotice(notice: Notice, { office: configured = {}, applicantPageLink, issuedAt = new Date() }: LetterOptions = {}): OutgoingMessage {
  const language = notice.to.language;
  const t = NOTICE_TEXTS[language];
  const pack = jurisdictionPack(notice.jurisdiction);
  const { letters } = pack;
  const office: Office = { ...configured, name: configured.name ?? letters.authority, address: configured.address ?? [] };
  const deadline = deadlineOf(notice);
  const due = deadline && formatDeadline(deadline, language);
  // The table is typed per kind; this call pairs the kind's text with the same kind's notice.
  const textOf = t.kinds[notice.kind] as (n: Notice, context: TextContext<NoticeKind> & { due?: string }) => KindText;
  const remedy: Remedy = pack.procedure.remedy.kind;
  const law = {
    cure: { ...letters.cure, citation: cite(letters, [letters.cure.citation]).join('; ') },
    renewal: letters.renewal && { ...letters.renewal, citation: cite(letters, [letters.renewal.citation]).join('; ') },
    grantTerms: letters.grantTerms,
    permitRestrictions: pack.procedure.permitRestrictions && cite(letters, [pack.procedure.permitRestrictions.basis]).join('; '),
  };
  const text = textOf(notice, { date: (d) => formatLegalDate(d, language), due, remedy, law });
  const { body, action } = text;
  const after = notice.kind === 'objection-decision' ? letters.afterRemedy(notice.outcome) : null;
  const subject = after?.kind === 'forwarded' ? t.forwardedSubject(after.to) : text.subject;
  const applicantDeadline = ASKS_NOTHING.has(notice.kind) ? undefined : deadline;
  const deadlineLine = applicantDeadline && t.deadline(due!, applicantDeadline.due, zoneName(t, applicantDeadline.timeZone));
  const key = noticeKey(notice);
  const fullSubject = `[${notice.caseNumber}] ${subject}`;
  const basis = cite(letters, legalBasisOf(notice));
  const fileNumber = notice.to.fileNumber ? { name: letters.fileNumberName, value: notice.to.fileNumber } : undefined;
  const letterDate = formatLegalDate(localDateOf(issuedAt, pack.timeZone), language);
  const blocks: Block[] = [
    t.letterhead({ office, date: letterDate, caseNumber: notice.caseNumber, fileNumber }).join('\n'),
    t.greeting(notice.to.name),
    ...body,
    ...rightsOf(notice, t, office),
    [`${t.actionLabel}: ${action}`, deadlineLine].filter(Boolean).join('\n'),
    ...(basis.length ? [t.legalBasis(notice.kind, basis.join('; '))] : []),
    t.reply({ caseNumber: notice.caseNumber, office, applicantPage: applicantPageLink?.(notice) }).join('\n'),
    t.closing(office).join('\n'),
  ];
  return {
    key,
    to: notice.to.email,
    subject: fullSubject,
    text: blocks.map(blockText).join('\n\n') + '\n',
    html: htmlDocument(t.locale, fullSubject, blocks),
    language: t.locale,
    calendar:
      applicantDeadline &&
      deadlineEvent({ uid: `${key}@dossier`, due: applicantDeadline.due, summary: fullSubject, description: `${action}\n${deadlineLine}`, issuedAt }),
  };
}

const blockText = (block: Block) => (typeof block === 'string' ? block : block.list.map((item) => `  - ${item}`).join('\n'));

function htmlDocument(locale: string, title: string, blocks: Block[]): string {
  const html = blocks.map((block) =>
    typeof block === 'string'
      ? `<p>${escapeHtml(block).replaceAll('\n', '<br>')}</p>`
      : `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
  );
  return (
    `<!DOCTYPE html>\n<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n` +
    `<body>\n${html.join('\n')}\n</body></html>\n`
  );
}

export interface NoticeActivityOptions extends Omit<LetterOptions, 'issuedAt' | 'applicantPageLink'> {
  /** The sent-record. Without one, only the mailer's own idempotency holds (the outbox's file names). */
  ledger?: SentLedger;
  /** The applicant's signed link for a notice issued at a date (activities/applicant-links.ts `noticeLinks`); without it, letters show none. */
  applicantLink?: NoticeLink;
}

export function createNoticeActivities(mailer: Mailer, { ledger, applicantLink, ...letter }: NoticeActivityOptions = {}) {
  return {
    async sendNotice(notice: Notice): Promise<Delivery> {
      try {
        // The letter is dated when the case asked for it (workflow time, the first attempt's), the same on every retry;
        // its link is derived from that date and the notice, so a retry renders the same letter.
        const issuedAt = new Date(Context.current().info.scheduledTimestampMs);
        const applicantPageLink = applicantLink && ((n: Notice) => applicantLink(n, issuedAt));
        const delivery = await heartbeating(() => deliverOnce(mailer, ledger, renderNotice(notice, { ...letter, applicantPageLink, issuedAt })));
        log.info('notice delivered', { caseNumber: notice.caseNumber, kind: notice.kind, sequence: notice.sequence, ...delivery });
        return delivery;
      } catch (err) {
        if (err instanceof RecipientRejectedError) {
          throw ApplicationFailure.nonRetryable(err.message, RECIPIENT_REJECTED, { noticeKey: noticeKey(notice), responseCode: err.responseCode });
        }
        throw err;
      }
    },
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
