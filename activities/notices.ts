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
import { ApplicationFailure, log } from '@temporalio/activity';
import { heartbeating } from './heartbeats';
import type { LocalDate } from '../domain/calendar';
import { deadlineOf, noticeKey, RECIPIENT_REJECTED, type Language, type Notice, type NoticeDeadline } from '../domain/notices';
import { deadlineEvent } from './calendar-event';
import { escapeHtml, RecipientRejectedError, type Delivery, type Mailer, type OutgoingMessage } from './mailer';
import { jurisdictionPack } from '../domain/jurisdictions';
import { NOTICE_TEXTS, type Block, type KindText, type Remedy } from './notice-texts';
import { deliverOnce, type SentLedger } from './sent-ledger';

const dateFormat = (language: Language, timeZone: string) =>
  new Intl.DateTimeFormat(NOTICE_TEXTS[language].locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** `2026-04-03` → `Friday 3 April 2026`, `vrijdag 3 april 2026`, `fredag 3. april 2026`. */
export function formatLegalDate(date: LocalDate, language: Language = 'en'): string {
  // A calendar day has no zone: noon UTC falls on that day everywhere the format looks.
  return dateFormat(language, 'UTC')
    .format(new Date(`${date}T12:00:00Z`))
    .replace(',', '');
}

/** The day on which the deadline ends, read in the office's time zone. */
export function formatDeadline(deadline: NoticeDeadline, language: Language): string {
  return dateFormat(language, deadline.timeZone).format(new Date(deadline.dueAt)).replace(',', '');
}

/**
 * The rules a notice rests on: a decision's grounds and the rules of its assessment, otherwise the
 * citations of its deadline. A rule's citation names several provisions ("Vb 2000 art. 3.51 lid 1
 * sub a; Vc 2000 B16/3.1"); each provision is quoted once.
 */
function legalBasisOf(notice: Notice): string[] {
  switch (notice.kind) {
    case 'decision':
      return [...new Set([...notice.grounds, ...notice.rules].flatMap((citation) => citation.split('; ')))];
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

export function renderNotice(notice: Notice, issuedAt = new Date()): OutgoingMessage {
  const language = notice.to.language;
  const t = NOTICE_TEXTS[language];
  const deadline = deadlineOf(notice);
  const due = deadline && formatDeadline(deadline, language);
  // The table is typed per kind; this call pairs the kind's text with the same kind's notice.
  const textOf = t.kinds[notice.kind] as (n: Notice, context: { date: (d: LocalDate) => string; due?: string; remedy: Remedy }) => KindText;
  const remedy = jurisdictionPack(notice.jurisdiction).procedure.remedy.kind;
  const { subject, body, action } = textOf(notice, { date: (d) => formatLegalDate(d, language), due, remedy });
  const deadlineLine = deadline && t.deadline(due!, deadline.due, deadline.timeZone);
  const key = noticeKey(notice);
  const fullSubject = `[${notice.caseNumber}] ${subject}`;
  const blocks: Block[] = [
    t.greeting(notice.to.name),
    ...body,
    [`${t.actionLabel}: ${action}`, deadlineLine].filter(Boolean).join('\n'),
    t.legalBasis(notice.kind, legalBasisOf(notice).join('; ')),
    t.footer(notice.caseNumber).join('\n'),
  ];
  return {
    key,
    to: notice.to.email,
    subject: fullSubject,
    text: blocks.map(blockText).join('\n\n') + '\n',
    html: htmlDocument(t.locale, fullSubject, blocks),
    language: t.locale,
    calendar:
      deadline && deadlineEvent({ uid: `${key}@dossier`, due: deadline.due, summary: fullSubject, description: `${action}\n${deadlineLine}`, issuedAt }),
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

export interface NoticeActivityOptions {
  /** The sent-record. Without one, only the mailer's own idempotency holds (the outbox's file names). */
  ledger?: SentLedger;
}

export function createNoticeActivities(mailer: Mailer, { ledger }: NoticeActivityOptions = {}) {
  return {
    async sendNotice(notice: Notice): Promise<Delivery> {
      try {
        const delivery = await heartbeating(() => deliverOnce(mailer, ledger, renderNotice(notice)));
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
