/**
 * The application machine's timers, as data for the machine runner: the instant each fires and the
 * event it raises. Deadlines come from the legal calendar and the decision clock, never from a
 * number of milliseconds.
 */
import { addDays, endOfDay, startOfDay } from '../../domain/calendar';
import { currentDecisionDeadline } from './notices';
import { zoneOf } from './rules';
import { CURE_REMINDER_POLICIES, REPORT_REMINDER_WEEKS, type ApplicationContext, type ApplicationEvent, type TimerId, type TimerParams } from './types';

type Args = { context: ApplicationContext; event: ApplicationEvent };
const arm = (params: (args: Args) => TimerParams) => ({ type: 'armTimer' as const, params });
export const cancel = (timer: TimerId) => ({ type: 'cancelTimer' as const, params: { timer } });

/** The decision timer follows the ledger: armed at the derived deadline, disarmed while suspended, overdue or decided. */
export const syncDecisionTimer = arm(({ context }) => ({
  timer: 'decision-period',
  at: context.decision || context.overdueSince || context.withdrawnAt ? null : (currentDecisionDeadline(context)?.dueAt ?? null),
  event: 'decision-period.expired',
}));

export const armCurePeriod = arm(({ context }) => ({ timer: 'cure-period', at: context.evidenceRequest!.deadline.dueAt, event: 'cure-period.expired' }));

/** The next reminder still ahead goes out at the start of its day (days before the deadline per the case's policy). */
export const armCureReminder = arm(({ context, event }) => {
  const { due } = context.evidenceRequest!.deadline;
  const next = CURE_REMINDER_POLICIES[context.cureReminderPolicy]
    .map((daysBefore) => startOfDay(addDays(due, -daysBefore), zoneOf(context)))
    .find((remindAt) => remindAt > event.at);
  return { timer: 'cure-reminder', at: next ?? null, event: 'cure-reminder.due' };
});

/** The ministry is reminded when the report is late: at its expected date, then every REPORT_REMINDER_WEEKS. */
export const armReportReminder = arm(({ context }) => {
  const { request, remindersSent } = context.report!;
  const remindOn = addDays(request.expectedBy, remindersSent * REPORT_REMINDER_WEEKS * 7);
  return { timer: 'report-reminder', at: endOfDay(remindOn, zoneOf(context)), event: 'report-reminder.due' };
});

export const armObjectionPeriod = arm(({ context }) => ({
  timer: 'objection-period',
  at: context.objection!.deadline.dueAt,
  event: 'objection-period.expired',
}));
