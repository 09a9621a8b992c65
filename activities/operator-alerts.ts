/**
 * Alerts for the office's operators: a structured log line always (the worker's logs are JSON),
 * and an e-mail to OPERATOR_ALERT_EMAIL when it is set. Idempotent by the alert's key.
 */
import { log } from '@temporalio/activity';
import type { OperatorAlert } from '../domain/effects';
import { heartbeating } from './heartbeats';
import { preformattedHtml, type Mailer } from '../platform/mailer';
import { deliverOnce, type SentLedger } from './sent-ledger';

export function createOperatorAlertActivities(options: { mailer?: Mailer; address?: string; ledger?: SentLedger } = {}) {
  return {
    async alertOperators(alert: OperatorAlert): Promise<void> {
      log.warn('operator alert', { ...alert });
      if (!options.mailer || !options.address) return;
      const text = `${alert.kind} in case ${alert.caseNumber}: ${alert.detail}\n(at ${alert.at})\n`;
      const { mailer, address, ledger } = options;
      await heartbeating(() =>
        deliverOnce(mailer, ledger, {
          key: `${alert.caseNumber}.alert.${alert.kind}`,
          to: address,
          subject: `[${alert.caseNumber}] Operator alert: ${alert.kind}`,
          text,
          html: preformattedHtml(text),
          language: 'en',
        }),
      );
    },
  };
}

export type OperatorAlertActivities = ReturnType<typeof createOperatorAlertActivities>;
