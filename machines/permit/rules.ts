/**
 * The rules the permit machine's guards apply, each named after what the law requires and citing
 * the article of the permit's jurisdiction (its procedure); who may act is the office's access
 * policy. Also the readings of the context the rules, notices and timers share.
 */
import { localDateOf, officeTimeZone } from '../../domain/calendar';
import { procedureOf } from '../../domain/jurisdictions';
import { isRenewable, permitRoleObstacle, renewalCalendar, renewalTiming, withdrawalObstacle, type Permit } from '../../domain/permit';
import type { LawRules } from '../guards';
import type { PermitActionEvent, PermitContext } from './types';

export const procedureOfPermit = (context: PermitContext) => procedureOf(context.permit.jurisdiction);
export const zoneOf = (context: PermitContext) => officeTimeZone(context.permit.jurisdiction);
export const dayOf = (context: PermitContext, at: string) => localDateOf(at, zoneOf(context));
export const calendarOf = (context: PermitContext) => renewalCalendar(context.permit.jurisdiction, context.permit.validUntil);
/** Events from `initialTransition` carry no `at`: the start counts. */
export const atOf = (context: PermitContext, event: { at?: string }) => event.at ?? context.startedAt;

export const pendingRenewal = (context: PermitContext) => {
  const last = context.renewals.at(-1);
  return last && !last.result ? last : undefined;
};
export const pendingWithdrawal = (context: PermitContext) => {
  const last = context.withdrawals.at(-1);
  return last && !last.outcome ? last : undefined;
};

/** The permit as first granted: the terms of its first period over the holder and law that do not change. */
const asGranted = (context: PermitContext): Permit => ({ ...context.permit, ...context.history[0] });

/** The conversion the law attaches to this permit (its jurisdiction's procedure): read from the permit as granted. */
export const conversionLaw = (context: PermitContext) => procedureOfPermit(context).milestones.conversion(asGranted(context));
/** The independent permit the law holds out to this holder, read from the permit as granted. */
export const independenceLaw = (context: PermitContext) => procedureOfPermit(context).milestones.independence(asGranted(context));

const renewalFiled = (event: PermitActionEvent) => event as Extract<PermitActionEvent, { type: 'file-renewal' }>;
const filingTiming = (context: PermitContext, event: PermitActionEvent) =>
  renewalTiming(context.permit.jurisdiction, context.permit.validUntil, renewalFiled(event).filedOn);

export const PERMIT_RULES = {
  actorMayAct: { refuses: (_, event) => permitRoleObstacle(event.type, event.actor) },
  renewable: { caseOnly: true, refuses: (context) => (isRenewable(context.permit) ? null : procedureOfPermit(context).renewal.notRenewable(context.permit)) },
  renewalFactsOfThisJurisdiction: {
    refuses: (context, event) => {
      const { facts } = renewalFiled(event);
      return facts.jurisdiction === context.permit.jurisdiction
        ? null
        : `the renewal's facts are for ${facts.jurisdiction}, the permit is ${context.permit.jurisdiction}`;
    },
  },
  filedOnNotInFuture: {
    refuses: (context, event) => (renewalFiled(event).filedOn > dayOf(context, event.at) ? `filedOn ${renewalFiled(event).filedOn} is a future date` : null),
  },
  renewalWindowOpen: {
    refuses: (context, event) => {
      const timing = filingTiming(context, event);
      return timing.kind === 'too-early' ? `a renewal may be filed from ${timing.opensOn} (${timing.citation})` : null;
    },
  },
  lateReasonGiven: {
    refuses: (context, event) => {
      const timing = filingTiming(context, event);
      return timing.kind === 'late-gap' && !renewalFiled(event).lateReason
        ? `filed after the grace period that followed the expiry on ${context.permit.validUntil}: ` +
            `give lateReason, so the reason for lateness can be assessed (${timing.citation})`
        : null;
    },
  },
  latenessToAssess: {
    caseOnly: true,
    refuses: (context) => {
      const renewal = pendingRenewal(context);
      const basis = procedureOfPermit(context).renewal.latenessBasis ?? "this jurisdiction's law assesses no lateness";
      if (renewal?.timing.kind !== 'late-gap') return `no pending renewal was filed with a gap after expiry: there is no lateness to assess (${basis})`;
      return renewal.lateness ? 'the lateness of this renewal has already been assessed' : null;
    },
  },
  contraIndicationUnderReview: {
    caseOnly: true,
    refuses: (context) =>
      context.conversion?.status === 'review'
        ? null
        : "no conversion awaits a caseworker's decision on a contra-indication " +
          `(${conversionLaw(context)?.contraIndicationBasis ?? 'no conversion applies to this permit'})`,
  },
  noWithdrawalPending: { caseOnly: true, refuses: (context) => (pendingWithdrawal(context) ? 'a withdrawal of this permit is already pending' : null) },
  withdrawalGroundAllowed: {
    refuses: (context, event) => (event.type === 'withdraw' ? withdrawalObstacle(context.permit.jurisdiction, event.basis, dayOf(context, event.at)) : null),
  },
  withdrawalToObjectTo: {
    caseOnly: true,
    refuses: (context) => {
      const withdrawal = pendingWithdrawal(context);
      if (!withdrawal) return 'there is no withdrawal decision to object to';
      return withdrawal.lodgedOn ? `an objection was already lodged on ${withdrawal.lodgedOn}` : null;
    },
  },
  objectionInTime: {
    refuses: (context, event) => {
      if (event.type !== 'lodge-objection') return null;
      const { due, citations } = pendingWithdrawal(context)!.objection;
      return event.receivedOn > due ? `the objection period ended on ${due} (${citations[0]}); an objection received on ${event.receivedOn} is late` : null;
    },
  },
  objectionPending: { caseOnly: true, refuses: (context) => (pendingWithdrawal(context)?.lodgedOn ? null : 'no objection against a withdrawal is pending') },
} satisfies LawRules<PermitContext, PermitActionEvent>;
