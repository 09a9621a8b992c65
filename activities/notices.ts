/**
 * Renders a notice the machine asked for and delivers it. Each notice's Message-ID is its
 * idempotency key (case, kind, sequence), so the applicant's mail client and the outbox both see
 * a retried delivery as the same message.
 */
import { log } from '@temporalio/activity';
import { noticeKey, type Notice } from '../domain/notices';
import type { Delivery, Mailer, OutgoingMessage } from './mailer';

/** `2026-04-03` → `Friday 3 April 2026`: the legal date as the applicant reads it. */
export function formatLegalDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(`${date}T00:00:00Z`))
    .replace(',', '');
}

export function renderNotice(notice: Notice): OutgoingMessage {
  const greeting = `Dear ${notice.to.name},`;
  const footer = `Case number: ${notice.caseNumber}\nPlease quote this number in every reply.`;
  const key = noticeKey(notice);
  switch (notice.kind) {
    case 'evidence-request': {
      const due = formatLegalDate(notice.deadline.due);
      return {
        key,
        to: notice.to.email,
        subject: `[${notice.caseNumber}] Documents needed by ${due}`,
        text: [
          greeting,
          '',
          'Your application is not complete. Please send us:',
          ...notice.missing.map((document) => `  - ${document}`),
          '',
          `Deadline: ${due} (${notice.deadline.due}), end of the day, ${notice.deadline.timeZone} time.`,
          'If we have not received them by then, we will decide on the documents we have.',
          '',
          `Legal basis: ${notice.deadline.citations.join('; ')}.`,
          '',
          footer,
        ].join('\n'),
      };
    }
    case 'decision': {
      const outcome = notice.outcome === 'granted' ? 'granted' : 'refused';
      return {
        key,
        to: notice.to.email,
        subject: `[${notice.caseNumber}] Decision on your application: ${outcome}`,
        text: [
          greeting,
          '',
          `On ${formatLegalDate(notice.decidedOn)} your application was ${outcome}.`,
          '',
          `This decision rests on: ${notice.grounds.join('; ')}.`,
          '',
          footer,
        ].join('\n'),
      };
    }
  }
}

export function createNoticeActivities(mailer: Mailer) {
  return {
    async sendNotice(notice: Notice): Promise<Delivery> {
      const delivery = await mailer.deliver(renderNotice(notice));
      log.info('notice delivered', { caseNumber: notice.caseNumber, kind: notice.kind, sequence: notice.sequence, ...delivery });
      return delivery;
    },
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
