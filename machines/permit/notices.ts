/**
 * The notices the permit machine sends the holder, each built from the permit: what the holder is
 * told, with the deadline that applies and the articles it rests on.
 */
import type { Notice } from '../../domain/notices';
import { calendarOf, conversionLaw, dayOf, independenceLaw, pendingWithdrawal, procedureOfPermit, zoneOf } from './rules';
import type { PermitContext } from './types';

/** Fields every notice of this permit shares; the sequence counts notices already sent. */
const noticeBase = (context: PermitContext) => ({
  // The permit is its own file: its number keeps its notices apart from the granting case's.
  caseNumber: context.permit.permitNumber,
  jurisdiction: context.permit.jurisdiction,
  to: context.permit.holder,
  sequence: context.noticesSent + 1,
});

/** Each notice of the permit, by the moment that sends it. */
export const NOTICES = {
  renewalInvitation: (context) => ({
    ...noticeBase(context),
    kind: 'renewal-invitation',
    permitValidUntil: context.permit.validUntil,
    deadline: calendarOf(context).deadline,
  }),
  renewalReminder: (context) => ({
    ...noticeBase(context),
    kind: 'renewal-reminder',
    permitValidUntil: context.permit.validUntil,
    deadline: calendarOf(context).deadline,
  }),
  /** Restrictions drive behaviour: a permit that cannot be renewed gets an expiry notice, not an invitation. */
  expiry: (context) => ({
    ...noticeBase(context),
    kind: 'expiry',
    renewable: false,
    deadline: {
      due: context.permit.validUntil,
      dueAt: calendarOf(context).expiresAt,
      timeZone: zoneOf(context),
      citations: [procedureOfPermit(context).renewal.notRenewable(context.permit)],
    },
  }),
  conversion: (context) => ({
    ...noticeBase(context),
    kind: 'conversion',
    convertedOn: context.conversion!.dueOn,
    validUntil: context.permit.validUntil,
    grounds: conversionLaw(context)!.grounds,
    // Sent after the terms changed: the holder is told the permit's new restriction and what it allows.
    restriction: context.permit.restriction,
    labourMarketNote: context.permit.labourMarketNote,
  }),
  independence: (context) => ({
    ...noticeBase(context),
    kind: 'independent-permit',
    eligibleOn: context.independence!.eligibleOn,
    grounds: independenceLaw(context)?.grounds ?? [],
  }),
  withdrawal: (context) => {
    const { withdrawnOn, grounds, objection } = pendingWithdrawal(context)!;
    return { ...noticeBase(context), kind: 'withdrawal', withdrawnOn, grounds, deadline: objection };
  },
  objectionDecision: (context) => {
    const { outcome } = context.withdrawals.at(-1)!;
    return {
      ...noticeBase(context),
      kind: 'objection-decision',
      outcome: outcome!.outcome,
      grounds: outcome!.grounds,
      decidedOn: dayOf(context, outcome!.decidedAt),
    };
  },
} satisfies Record<string, (context: PermitContext) => Notice>;
