/**
 * Which days are not working days for a legal period, in a jurisdiction: Saturdays and Sundays,
 * and the holidays and decree days of its pack's calendar, each with its source.
 */
import { dayOfWeek, type LocalDate } from './dates';
import { DecreeDayFileSchema, type DecreeDay, type Holiday } from './holiday-rules';
import { isJurisdiction, jurisdictionPack, knownJurisdictions, type Jurisdiction } from '../jurisdictions/registry';
import { versionInForce } from '../versions';

export * from './holiday-rules';

/** Parses a decree-day list (the shape of decree-days.json); throws a ZodError naming the bad entry. */
export function parseDecreeDays(data: unknown): DecreeDay[] {
  const known = DecreeDayFileSchema.superRefine((file, ctx) =>
    file.days.forEach((day, i) => {
      if (!isJurisdiction(day.jurisdiction)) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'jurisdiction'],
          message: `unknown jurisdiction "${day.jurisdiction}"; known: ${knownJurisdictions().join(', ')}`,
        });
      }
    }),
  );
  return known.parse(data).days;
}

export interface CalendarOptions {
  /** Days equated with holidays by decree beyond those shipped with the pack (an administrator's data). */
  extraDecreeDays?: readonly DecreeDay[];
}

/** The shipped holidays per jurisdiction and year, computed once: every working-day check reads them. */
const shippedHolidays = new Map<string, readonly Holiday[]>();

/** Public holidays (and decree days) of `year`, sorted by date. Weekends are not listed. */
export function holidaysIn(jurisdiction: Jurisdiction, year: number, options: CalendarOptions = {}): Holiday[] {
  if (options.extraDecreeDays?.length) return computeHolidays(jurisdiction, year, options);
  const key = `${jurisdiction}${year}`;
  const holidays = shippedHolidays.get(key) ?? computeHolidays(jurisdiction, year, {});
  shippedHolidays.set(key, holidays);
  return [...holidays];
}

function computeHolidays(jurisdiction: Jurisdiction, year: number, options: CalendarOptions): Holiday[] {
  const { holidays, decreeDays } = jurisdictionPack(jurisdiction).calendar;
  const out: Holiday[] = [];
  for (const rule of holidays) {
    const version = versionInForce(rule.versions, `${year}-01-01`);
    if (version) out.push({ date: version.dateIn(year), name: version.name, citation: version.citation });
  }
  for (const day of [...decreeDays, ...(options.extraDecreeDays ?? [])]) {
    if (day.jurisdiction === jurisdiction && day.date.startsWith(`${year}-`)) {
      out.push({ date: day.date, name: `${day.name} (equated with a holiday by decree)`, citation: day.decree });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Why `date` is not a working day (Saturday, Sunday, holidays with their citations); empty for a working day. */
export function nonWorkingReasons(jurisdiction: Jurisdiction, date: LocalDate, options: CalendarOptions = {}): string[] {
  const reasons: string[] = [];
  const weekday = dayOfWeek(date);
  // Saturdays and Sundays are not working days in every jurisdiction dossier knows (NL: Atw art. 1(1); NO: domstolloven § 149).
  if (weekday === 6) reasons.push('Saturday');
  if (weekday === 0) reasons.push('Sunday');
  const year = Number(date.slice(0, 4));
  const seen = new Set<string>();
  for (const h of holidaysIn(jurisdiction, year, options)) {
    // Two decrees may list the same day; report it once.
    if (h.date === date && !seen.has(h.name)) {
      seen.add(h.name);
      reasons.push(`${h.name}, ${h.citation}`);
    }
  }
  return reasons;
}

export function isWorkingDay(jurisdiction: Jurisdiction, date: LocalDate, options: CalendarOptions = {}): boolean {
  return nonWorkingReasons(jurisdiction, date, options).length === 0;
}
