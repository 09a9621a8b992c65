/**
 * The notices the application machine sends, each built from the case: what the applicant is told,
 * with the deadline that applies and its citations.
 */
import type { DeadlineComputation } from '../../domain/calendar';
import { decisionDeadline } from '../../domain/decision-clock';
import type { Notice, NoticeDeadline } from '../../domain/notices';
import { dayOf, jurisdictionOf, zoneOf } from './rules';
import type { ApplicationContext } from './types';

export const asNoticeDeadline = ({
  due,
  dueAt,
  timeZone,
  citations,
}: Pick<DeadlineComputation, 'due' | 'dueAt' | 'timeZone' | 'citations'>): NoticeDeadline => ({
  due,
  dueAt,
  timeZone,
  citations,
});

/** The decision deadline the ledger gives now, as a notice states it; null while suspended or where the law sets none. */
export function currentDecisionDeadline(context: ApplicationContext): NoticeDeadline | null {
  const deadline = decisionDeadline(jurisdictionOf(context), context.clock);
  if (!deadline?.due || !deadline.dueAt) return null;
  const bases = context.clock.map((e) => e.legalBasis);
  return { due: deadline.due, dueAt: deadline.dueAt, timeZone: zoneOf(context), citations: [...new Set(bases)] };
}

/** Fields every notice of this case shares; the sequence counts notices already sent. */
const noticeBase = (context: ApplicationContext) => ({
  caseNumber: context.application.caseNumber,
  jurisdiction: jurisdictionOf(context),
  to: context.application.contact,
  sequence: context.noticesSent + 1,
});

type Builder = (context: ApplicationContext, at: string) => Notice;

/** Each notice of the case, by the moment that sends it. */
export const NOTICES = {
  receipt: (context) => ({
    ...noticeBase(context),
    kind: 'receipt',
    receivedOn: dayOf(context, context.receivedAt),
    deadline: currentDecisionDeadline(context),
  }),
  withdrawn: (context, at) => ({ ...noticeBase(context), kind: 'application-withdrawn', withdrawnOn: dayOf(context, at) }),
  evidenceRequest: (context) => ({
    ...noticeBase(context),
    kind: 'evidence-request',
    missing: context.evidenceRequest!.missing,
    deadline: asNoticeDeadline(context.evidenceRequest!.deadline),
  }),
  cureExtended: (context) => ({
    ...noticeBase(context),
    kind: 'deadline-extended',
    missing: context.evidenceRequest!.missing,
    previousDue: context.evidenceRequest!.extensions.at(-1)!.previousDue,
    deadline: asNoticeDeadline(context.evidenceRequest!.deadline),
  }),
  cureReminder: (context) => ({
    ...noticeBase(context),
    kind: 'cure-reminder',
    missing: context.evidenceRequest!.missing,
    deadline: asNoticeDeadline(context.evidenceRequest!.deadline),
  }),
  decision: (context) => {
    const decision = context.decision!;
    return {
      ...noticeBase(context),
      kind: 'decision',
      outcome: decision.outcome,
      grounds: decision.grounds,
      // The letter quotes the rules the assessment rests on, next to the caseworker's grounds.
      rules: context.assessment?.basis.map((rule) => rule.citation) ?? [],
      decidedOn: dayOf(context, decision.decidedAt),
      ...(decision.outcome === 'granted' ? { permit: decision.permit } : {}),
    };
  },
  objectionPeriod: (context) => ({
    ...noticeBase(context),
    kind: 'objection-period',
    decidedOn: dayOf(context, context.decision!.decidedAt),
    deadline: asNoticeDeadline(context.objection!.deadline),
  }),
  objectionDecision: (context) => ({
    ...noticeBase(context),
    kind: 'objection-decision',
    outcome: context.objection!.outcome!.outcome,
    grounds: context.objection!.outcome!.grounds,
    decidedOn: dayOf(context, context.objection!.outcome!.decidedAt),
  }),
} satisfies Record<string, Builder>;

/** The notice that the decision period was extended, when there was a deadline to extend. */
export function decisionPeriodExtended(context: ApplicationContext): Notice | null {
  const deadline = currentDecisionDeadline(context);
  const previous = decisionDeadline(jurisdictionOf(context), context.clock.slice(0, -1));
  // Where the law sets no decision period there is nothing to extend; the applicant hears of the report with the decision.
  if (!deadline || !previous?.due) return null;
  return { ...noticeBase(context), kind: 'decision-period-extended', reason: 'country-report', previousDue: previous.due, deadline };
}
