/**
 * The permit machine's timers, as data for the machine runner: the instant each fires and the event
 * it raises. Dates come from the permit's calendar and its jurisdiction's procedure.
 */
import { addMonths, endOfDay, startOfDay } from '../../domain/calendar';
import { isRenewable, LATE_RENEWAL_MONTHS } from '../../domain/permit';
import { atOf, calendarOf, pendingWithdrawal, zoneOf } from './rules';
import type { PermitContext, PermitEvent, PermitTimerId, TimerParams } from './types';

type Args = { context: PermitContext; event: PermitEvent };
const arm = (params: (args: Args) => TimerParams) => ({ type: 'armTimer' as const, params });
export const cancel = (timer: PermitTimerId) => ({ type: 'cancelTimer' as const, params: { timer } });

/**
 * The timers of the current validity period, from the context alone (so they may be set again after
 * a renewal, a conversion or a renewal case that ended without one): the invitation (or expiry
 * notice) until it went out, the reminder while still ahead, the expiry until it passed.
 */
export const syncPeriodTimers = [
  arm(({ context }) => ({
    timer: 'renewal-invitation',
    at: context.period.invitedAt ? null : startOfDay(calendarOf(context).inviteOn, zoneOf(context)),
    event: 'renewal-window.opened',
  })),
  arm(({ context, event }) => {
    const remindAt = startOfDay(calendarOf(context).remindOn, zoneOf(context));
    const remind = isRenewable(context.permit) && !context.period.remindedAt && remindAt > atOf(context, event);
    return { timer: 'renewal-reminder', at: remind ? remindAt : null, event: 'renewal-reminder.due' };
  }),
  arm(({ context }) => ({ timer: 'expiry', at: context.period.expiredAt ? null : calendarOf(context).expiresAt, event: 'permit.expired' })),
];

/** The dates the law attaches to the permit as granted, armed once: they outlive every renewal and continue-as-new. */
export const milestoneTimers = (context: PermitContext): TimerParams[] => {
  const zone = zoneOf(context);
  return [
    ...(context.conversion ? [{ timer: 'conversion', at: startOfDay(context.conversion.dueOn, zone), event: 'conversion.due' } as const] : []),
    ...(context.independence ? [{ timer: 'independence', at: startOfDay(context.independence.eligibleOn, zone), event: 'independence.due' } as const] : []),
  ];
};

/** The withdrawal takes effect when it stands: no objection within the period, or the objection dismissed. */
export const armObjectionPeriod = arm(({ context }) => ({
  timer: 'objection-period',
  at: pendingWithdrawal(context)!.objection.dueAt,
  event: 'objection-period.expired',
}));

/** After expiry a late renewal is still a renewal for LATE_RENEWAL_MONTHS (office policy). */
export const armLateRenewal = arm(({ context }) => ({
  timer: 'late-renewal',
  at: endOfDay(addMonths(context.permit.validUntil, LATE_RENEWAL_MONTHS), zoneOf(context)),
  event: 'late-renewal.closed',
}));
