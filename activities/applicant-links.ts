/**
 * The signed link every notice carries (issue 17): computed here, in the notice activity, never in
 * workflow code. It depends only on the notice and the date the letter is issued (the activity's
 * first scheduling, the same on every retry), so a retried notice renders the same letter, link
 * included, and its Message-ID and sent-ledger entry stay the same. (A key rotated between two
 * attempts changes the token; the ledger still sends the letter once.)
 *
 * How long it works: DOSSIER_LINK_DAYS from the letter's date, and for a notice with a deadline at
 * least until that deadline plus 30 days, so the applicant can still open the case while a remedy
 * against what followed the deadline runs (an objection or appeal period is three to six weeks).
 *
 * A permit's notices (their number is the permit's, `<case>-P1`) carry a link as well: to the holder's
 * page, where the renewal is filed.
 */
import { CaseNumberSchema } from '../domain/case';
import { deadlineOf, type Notice } from '../domain/notices';
import type { KeyRing } from '../platform/codec';
import { MAX_LINK_CASE_NUMBER, signApplicantLink } from '../platform/links';

const DAY_MS = 24 * 3600_000;
/** The time a deadline's link outlives it. */
export const AFTER_DEADLINE_DAYS = 30;

/** The link of a notice issued at `issuedAt`; undefined for a notice no link can name (a number that is no case number). */
export type NoticeLink = (notice: Notice, issuedAt: Date) => string | undefined;

export interface NoticeLinkOptions {
  /** The encryption key ring (platform/data-converter.ts `keyRingFor`); links are signed with its current key. */
  ring: KeyRing;
  /** DOSSIER_LINK_DAYS. */
  days: number;
  /** The token as a URL (platform/links.ts `applicantLinkUrl`). */
  url: (token: string) => string;
}

/** When a notice's link stops working: max(issued + days, deadline + 30 days), to the whole second. */
export function noticeLinkExpiry(notice: Notice, issuedAt: Date, days: number): Date {
  const deadline = deadlineOf(notice);
  const until = Math.max(issuedAt.getTime() + days * DAY_MS, deadline ? Date.parse(deadline.dueAt) + AFTER_DEADLINE_DAYS * DAY_MS : 0);
  return new Date(Math.floor(until / 1000) * 1000);
}

export function noticeLinks({ ring, days, url }: NoticeLinkOptions): NoticeLink {
  return (notice, issuedAt) => {
    // A permit's notices quote its number (`…-P1`): their link opens the holder's page (http/web/holder.ts). Renewal cases (`…-P1-R1`) are cases.
    if (!CaseNumberSchema.safeParse(notice.caseNumber).success || notice.caseNumber.length > MAX_LINK_CASE_NUMBER) return undefined;
    const expiresAt = noticeLinkExpiry(notice, issuedAt, days);
    return url(signApplicantLink(ring, { caseNumber: notice.caseNumber, email: notice.to.email, expiresAt }));
  };
}
