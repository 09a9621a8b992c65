/**
 * The foreign ministry's intake for individual official reports (ambtsberichten).
 *
 * Interface (`MinistryIntake`): `requestReport(request)` hands the ministry one request, identified
 * by `request.requestKey`; `sendReminder(request, n)` tells it that the report is late (n = 1, 2, …).
 * Both must be idempotent by key: Temporal retries them until they succeed, and a retry must not
 * file a second request. The report itself comes back through the case's `record-report` action.
 *
 * Default adapter: e-mail to the intake's address (MINISTRY_INTAKE_EMAIL), through the same mailer
 * and sent-ledger as the notices. Another adapter (a web service, say) implements the same two calls.
 */
import { heartbeat, log } from '@temporalio/activity';
import type { ReportRequest } from '../machines/application';
import { preformattedHtml, type Mailer, type OutgoingMessage } from './mailer';
import { deliverOnce, type SentLedger } from './sent-ledger';

export interface MinistryIntake {
  requestReport(request: ReportRequest): Promise<void>;
  sendReminder(request: ReportRequest, reminder: number): Promise<void>;
}

const FACTORS = {
  a: 'factor a: the general situation in the country of origin as it bears on the applicant',
  b: 'factor b: the availability of care, treatment or protection there',
  c: 'factor c: the applicant\'s individual circumstances on return',
} as const;

/** The request as the ministry reads it: case number, nationality and questions; no name, address or date of birth. */
export function requestMessage(to: string, request: ReportRequest): OutgoingMessage {
  const text = [
    `Request for an individual official report (ambtsbericht), reference ${request.requestKey}.`,
    '',
    `Case: ${request.caseNumber}`,
    `Nationality: ${request.nationality}`,
    `Requested on: ${request.requestedOn}; we would be grateful for the report by ${request.expectedBy}.`,
    '',
    'Country-of-origin factors to address (Vc 2000 B16/7):',
    ...request.factors.map((f) => `  - ${FACTORS[f]}`),
    '',
    'Questions:',
    ...request.questions.map((q, i) => `  ${i + 1}. ${q}`),
    '',
    `Please quote ${request.requestKey} in your report.`,
  ].join('\n');
  return { key: request.requestKey, to, subject: `[${request.caseNumber}] Request for an individual official report`, text, html: preformattedHtml(text), language: 'en' };
}

export function reminderMessage(to: string, request: ReportRequest, reminder: number): OutgoingMessage {
  const text = [
    `Reminder ${reminder}: our request ${request.requestKey} of ${request.requestedOn} for an individual official report is still open.`,
    `We had hoped for the report by ${request.expectedBy}. The applicant's decision period has been extended for it (Vw 2000 art. 25(2)).`,
    '',
    `Please quote ${request.requestKey} in your report.`,
  ].join('\n');
  return { key: `${request.requestKey}.reminder.${reminder}`, to, subject: `[${request.caseNumber}] Reminder ${reminder}: individual official report`, text, html: preformattedHtml(text), language: 'en' };
}

export function emailMinistryIntake(mailer: Mailer, address: string, ledger?: SentLedger): MinistryIntake {
  return {
    async requestReport(request) {
      await deliverOnce(mailer, ledger, requestMessage(address, request));
    },
    async sendReminder(request, reminder) {
      await deliverOnce(mailer, ledger, reminderMessage(address, request, reminder));
    },
  };
}

export function createMinistryActivities(intake: MinistryIntake) {
  return {
    async requestReport(request: ReportRequest): Promise<void> {
      heartbeat();
      await intake.requestReport(request);
      log.info('ambtsbericht requested', { caseNumber: request.caseNumber, requestKey: request.requestKey });
    },
    async remindMinistry(reminder: ReportRequest & { reminder: number }): Promise<void> {
      heartbeat();
      await intake.sendReminder(reminder, reminder.reminder);
      log.info('ministry reminded', { caseNumber: reminder.caseNumber, requestKey: reminder.requestKey, reminder: reminder.reminder });
    },
  };
}

export type MinistryActivities = ReturnType<typeof createMinistryActivities>;
