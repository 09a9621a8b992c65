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
import { log } from '@temporalio/activity';
import { heartbeating } from './heartbeats';
import type { ReportRequest } from '../domain/effects';
import { preformattedHtml, type Mailer, type OutgoingMessage } from '../platform/mailer';
import { deliverOnce, type SentLedger } from './sent-ledger';

export interface MinistryIntake {
  requestReport(request: ReportRequest): Promise<void>;
  sendReminder(request: ReportRequest, reminder: number): Promise<void>;
}

/** Vc 2000 B16/7, (huwelijks)relatie: the compelling humanitarian reasons a to c that lie in the country of origin, in the text's words and in English. */
const FACTORS = {
  a: 'a. de situatie van alleenstaande vrouwen in het land van herkomst (the situation of single women in the country of origin)',
  b: 'b. de maatschappelijke positie van vrouwen in het land van herkomst (the social position of women in the country of origin)',
  c:
    'c. de vraag of in het land van herkomst een naar maatstaven van dat land aanvaardbaar te achten opvang aanwezig is ' +
    "(whether reception acceptable by that country's standards is available there)",
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
    'Compelling humanitarian reasons in the country of origin to address (Vc 2000 B16/7, (huwelijks)relatie):',
    ...request.factors.map((f) => `  - ${FACTORS[f]}`),
    '',
    'Questions:',
    ...request.questions.map((q, i) => `  ${i + 1}. ${q}`),
    '',
    `Please quote ${request.requestKey} in your report.`,
  ].join('\n');
  return {
    key: request.requestKey,
    to,
    subject: `[${request.caseNumber}] Request for an individual official report`,
    text,
    html: preformattedHtml(text),
    language: 'en',
  };
}

export function reminderMessage(to: string, request: ReportRequest, reminder: number): OutgoingMessage {
  const text = [
    `Reminder ${reminder}: our request ${request.requestKey} of ${request.requestedOn} for an individual official report is still open.`,
    `We had hoped for the report by ${request.expectedBy}. The applicant's decision period has been extended for it (Vw 2000 art. 25(2)).`,
    '',
    `Please quote ${request.requestKey} in your report.`,
  ].join('\n');
  return {
    key: `${request.requestKey}.reminder.${reminder}`,
    to,
    subject: `[${request.caseNumber}] Reminder ${reminder}: individual official report`,
    text,
    html: preformattedHtml(text),
    language: 'en',
  };
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
      await heartbeating(() => intake.requestReport(request));
      log.info('ambtsbericht requested', { caseNumber: request.caseNumber, requestKey: request.requestKey });
    },
    async remindMinistry(reminder: ReportRequest & { reminder: number }): Promise<void> {
      await heartbeating(() => intake.sendReminder(reminder, reminder.reminder));
      log.info('ministry reminded', { caseNumber: reminder.caseNumber, requestKey: reminder.requestKey, reminder: reminder.reminder });
    },
  };
}

export type MinistryActivities = ReturnType<typeof createMinistryActivities>;
