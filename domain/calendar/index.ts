/**
 * The legal calendar: every deadline in dossier is computed here, as a legal date.
 *
 * FIRST VERSION (platform issue): the cure period is 14 calendar days from the request letter and
 * ends at the end of that day in the office's time zone. The law-as-code issue replaces the body
 * of `computeDeadline` with the full calendar (Algemene termijnenwet, Norwegian holidays, period
 * kinds with citations); its signature is the contract that machines and workflows rely on.
 */
import { addDays, type LocalDate } from './dates';

export * from './dates';
export type Jurisdiction = 'NL' | 'NO';
export type PeriodKind = 'cure';

export interface DayAdjustment {
  date: LocalDate;
  movedTo: LocalDate;
  reason: string;
}

export interface DeadlineComputation {
  kind: PeriodKind;
  jurisdiction: Jurisdiction;
  from: LocalDate;
  /** The last day of the period. */
  due: LocalDate;
  /** The instant the period ends: the end of `due` in `timeZone` (ISO 8601, UTC). */
  dueAt: string;
  timeZone: string;
  citations: string[];
  adjustments: DayAdjustment[];
}

const OFFICE_TIME_ZONE: Record<Jurisdiction, string> = { NL: 'Europe/Amsterdam', NO: 'Europe/Oslo' };

export function officeTimeZone(jurisdiction: Jurisdiction): string {
  return OFFICE_TIME_ZONE[jurisdiction];
}

export function computeDeadline(args: { jurisdiction: Jurisdiction; kind: PeriodKind; from: LocalDate }): DeadlineComputation {
  const timeZone = officeTimeZone(args.jurisdiction);
  const due = addDays(args.from, 14);
  return {
    kind: args.kind,
    jurisdiction: args.jurisdiction,
    from: args.from,
    due,
    dueAt: endOfDay(due, timeZone),
    timeZone,
    citations: ['Vc 2000 B16/7; Awb 4:5 (cure period, in principle two weeks)'],
    adjustments: [],
  };
}

/** The calendar day on which `instant` falls in `timeZone`. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
  return parts;
}

/** Offset of `timeZone` from UTC, in minutes, at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(fields.find((f) => f.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The last instant (23:59:59.999) of `date` in `timeZone`, as ISO 8601 UTC. */
export function endOfDay(date: LocalDate, timeZone: string): string {
  const nextMidnightUtc = new Date(`${addDays(date, 1)}T00:00:00Z`);
  // The zone's offset at local midnight; evaluate twice so a DST change on that night settles.
  let guess = new Date(nextMidnightUtc.getTime() - offsetMinutes(nextMidnightUtc, timeZone) * 60_000);
  guess = new Date(nextMidnightUtc.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  return new Date(guess.getTime() - 1).toISOString();
}
