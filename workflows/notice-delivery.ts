/**
 * Notice delivery as every workflow does it: the notice activity with patient retries, and an
 * address the mail server refuses for good recorded as a delivery problem for an operator while the
 * case (or permit) goes on. Shared by the workflows; workflow code only (deterministic).
 */
import type { Duration } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { noticeKey, RECIPIENT_REJECTED, type DeliveryProblem, type Notice } from '../domain/notices';
import type { NoticeActivities } from '../activities';
import { workflowNow } from './workflow-time';

/** SMTP may be down for a while: keep trying, backing off to one attempt per ten minutes. */
export const PATIENT_RETRY = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' } as const;

/**
 * Options for an activity that talks to another system and heartbeats every second while it waits
 * (activities/heartbeats.ts): a killed worker is noticed in ten seconds and the attempt retried;
 * `startToClose` is the longest one attempt may take, a little over the slowest answer expected.
 */
export const heartbeatingActivity = (startToCloseTimeout: Duration) => ({ startToCloseTimeout, heartbeatTimeout: '10 seconds', retry: PATIENT_RETRY }) as const;

/** A notice: an SMTP send gives up within 50 seconds (10 s connect, 10 s greeting, 30 s socket; platform/mailer.ts). */
export const NOTICE_OPTIONS = heartbeatingActivity('1 minute');

/** A `deliver(notice)` that records a permanently refused address in `problems` instead of failing. */
export function noticeDeliverer(problems: DeliveryProblem[]): (notice: Notice) => Promise<void> {
  const { sendNotice } = proxyActivities<NoticeActivities>(NOTICE_OPTIONS);
  return async (notice) => {
    try {
      await sendNotice(notice);
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : undefined;
      if (!(cause instanceof ApplicationFailure && cause.type === RECIPIENT_REJECTED)) throw err;
      problems.push({ noticeKey: noticeKey(notice), reason: cause.message, at: workflowNow() });
    }
  };
}
