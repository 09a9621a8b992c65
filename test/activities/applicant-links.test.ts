/**
 * The signed link in every notice, as the notice activity computes it (activities/applicant-links.ts):
 * from the notice and the letter's date (the activity's first scheduling), so a retry, whenever it
 * runs, renders the very same letter; living DOSSIER_LINK_DAYS, and at least until a deadline plus 30 days.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { noticeLinkExpiry, noticeLinks } from '../../activities/applicant-links';
import type { Mailer, OutgoingMessage } from '../../platform/mailer';
import { createNoticeActivities } from '../../activities/notices';
import type { KeyRing } from '../../platform/codec';
import { verifyApplicantLink } from '../../platform/links';
import { testLogger } from '../support/test-log';
import { sampleNotices } from './notice-fixtures';

const DAY_MS = 24 * 3600_000;
const RING: KeyRing = { currentKeyId: 'k1', keys: new Map([['k1', Buffer.alloc(32, 1)]]) };
const SCHEDULED = Date.parse('2026-02-10T09:30:00Z');
const notices = sampleNotices('en', 'NL-20260210-LINK0001', 'NL');

/** Delivery logs stay out of a passing run. */
const quiet = { logger: testLogger() };
const activityEnv = (info: ConstructorParameters<typeof MockActivityEnvironment>[0]) => new MockActivityEnvironment(info, quiet);

function recordingMailer(): Mailer & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  const deliver = async (message: OutgoingMessage) => {
    sent.push(message);
    return { messageId: `<${message.key}@dossier>`, location: 'memory', fresh: true };
  };
  return { sent, deliver, close() {} };
}

test('a retried notice renders the same letter and link, from the first scheduling, not the clock of the retry', async () => {
  const mailer = recordingMailer();
  const { sendNotice } = createNoticeActivities(mailer, {
    applicantLink: noticeLinks({ ring: RING, days: 60, url: (token) => `https://dossier.example.test/a/${token}` }),
  });
  const attempt = (n: number, at: number) =>
    activityEnv({ attempt: n, scheduledTimestampMs: SCHEDULED, currentAttemptScheduledTimestampMs: at }).run(sendNotice, notices.decision);
  await attempt(1, SCHEDULED);
  await attempt(2, SCHEDULED + 3 * DAY_MS);
  const [first, retry] = mailer.sent;
  expect(retry).toEqual(first);
  const token = /^Your case online: https:\/\/dossier\.example\.test\/a\/([A-Za-z0-9_-]+)$/m.exec(first!.text)?.[1];
  expect(verifyApplicantLink(RING, token!, new Date(SCHEDULED), notices.decision.to.email)).toEqual({
    ok: true,
    caseNumber: 'NL-20260210-LINK0001',
    expiresAt: new Date(SCHEDULED + 60 * DAY_MS),
  });
});

test('without a link configured, the letter offers none', async () => {
  const mailer = recordingMailer();
  await activityEnv({ scheduledTimestampMs: SCHEDULED }).run(createNoticeActivities(mailer).sendNotice, notices.decision);
  expect(mailer.sent[0]!.text).not.toContain('Your case online');
});

test('a link lives max(DOSSIER_LINK_DAYS from the letter, its deadline + 30 days), to the whole second', () => {
  const issuedAt = new Date(SCHEDULED + 123);
  const { dueAt } = notices['evidence-request'].deadline;
  const afterDeadline = Math.floor((Date.parse(dueAt) + 30 * DAY_MS) / 1000) * 1000;
  // The fixtures' deadline (3 April 2026, end of the day) plus 30 days is 3 May: 60 days from 10 February do not reach it; 120 do.
  expect(noticeLinkExpiry(notices['evidence-request'], issuedAt, 60)).toEqual(new Date(afterDeadline));
  expect(new Date(afterDeadline).toISOString()).toBe('2026-05-03T21:59:59.000Z');
  expect(noticeLinkExpiry(notices['evidence-request'], issuedAt, 120)).toEqual(new Date(SCHEDULED + 120 * DAY_MS));
  expect(noticeLinkExpiry(notices.decision, issuedAt, 7)).toEqual(new Date(SCHEDULED + 7 * DAY_MS));
});

test("a permit's notices link to the holder's page; numbers of no case form get no link; a renewal case's do", () => {
  const link = noticeLinks({ ring: RING, days: 60, url: (token) => token });
  expect(link({ ...notices.decision, caseNumber: 'NL-20260210-LINK0001.permit' }, new Date(SCHEDULED))).toBeUndefined();
  const permitNotice = { ...notices['renewal-invitation'], caseNumber: 'NL-20260210-LINK0001-P1' };
  const token = link(permitNotice, new Date(SCHEDULED));
  expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(verifyApplicantLink(RING, token!, new Date(SCHEDULED), permitNotice.to.email)).toMatchObject({ ok: true, caseNumber: 'NL-20260210-LINK0001-P1' });
  expect(link({ ...notices.decision, caseNumber: 'NL-20260210-LINK0001-P1-R1' }, new Date(SCHEDULED))).toMatch(/^[A-Za-z0-9_-]+$/);
});
