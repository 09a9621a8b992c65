/**
 * The notices a case sends to its applicant. The machine decides which notice goes out and with
 * which facts; an activity renders and delivers it. `sequence` makes each notice's identity
 * deterministic (case, kind, sequence), so a retried delivery is recognised as the same message.
 */
import type { Application } from './case';
import type { DeadlineComputation } from './calendar';

export type Recipient = Application['applicant'];

interface NoticeBase {
  caseNumber: string;
  jurisdiction: Application['jurisdiction'];
  to: Recipient;
  /** 1 for the case's first notice, then 2, 3, …: stable across retries and replays. */
  sequence: number;
}

export interface EvidenceRequestNotice extends NoticeBase {
  kind: 'evidence-request';
  missing: string[];
  deadline: Pick<DeadlineComputation, 'due' | 'dueAt' | 'timeZone' | 'citations'>;
}

export interface DecisionNotice extends NoticeBase {
  kind: 'decision';
  outcome: 'granted' | 'refused';
  grounds: string[];
  decidedOn: string;
}

export type Notice = EvidenceRequestNotice | DecisionNotice;

/** The notice's idempotency key, used as its Message-ID: the same notice always has the same id. */
export function noticeKey(notice: Pick<Notice, 'caseNumber' | 'kind' | 'sequence'>): string {
  return `${notice.caseNumber}.${notice.kind}.${notice.sequence}`;
}
