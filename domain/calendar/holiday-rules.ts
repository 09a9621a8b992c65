/**
 * How a holiday is defined, for any jurisdiction's calendar: a rule with dated versions, each giving
 * the day in a year. The jurisdictions' own lists are in their packs (domain/jurisdictions/<code>/calendar.ts).
 */
import { z } from 'zod';
import { addDays, isLocalDate, type LocalDate } from './dates';
import type { Versioned } from '../versions';

export interface Holiday {
  date: LocalDate;
  name: string;
  citation: string;
}

/** Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`no Gregorian Easter for year ${year}`);
  const golden = year % 19; // position in the 19-year Metonic cycle
  const century = Math.floor(year / 100);
  const yearInCentury = year % 100;
  const skippedLeaps = Math.floor(century / 4);
  const centuryRemainder = century % 4;
  const lunarCorrection = Math.floor((century - Math.floor((century + 8) / 25) + 1) / 3);
  const epact = (19 * golden + century - skippedLeaps - lunarCorrection + 15) % 30; // days from 21 March to the paschal full moon, roughly
  const weekdayShift = (32 + 2 * centuryRemainder + 2 * Math.floor(yearInCentury / 4) - epact - (yearInCentury % 4)) % 7;
  const correction = Math.floor((golden + 11 * epact + 22 * weekdayShift) / 451);
  const n = epact + weekdayShift - 7 * correction + 114;
  const month = Math.floor(n / 31);
  const day = (n % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface HolidayRuleVersion extends Versioned {
  /** Every holiday version names the day it applies from. */
  validFrom: LocalDate;
  name: string;
  citation: string;
  dateIn(year: number): LocalDate;
}

/** One holiday, possibly redefined over time (the Dutch monarch's birthday is); its version is the one in force on 1 January of the year. */
export interface HolidayRule {
  id: string;
  versions: HolidayRuleVersion[];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The same day every year. */
export const fixedDate = (month: number, day: number) => (year: number) => `${year}-${pad(month)}-${pad(day)}`;
/** A day counted from Easter Sunday. */
export const fromEaster = (offset: number) => (year: number) => addDays(easterSunday(year), offset);

/** A day equated with a holiday by decree (Atw art. 3(3)): data, validated at the boundary like any other input. */
export const DecreeDaySchema = z.object({
  jurisdiction: z.string().regex(/^[A-Z]{2}$/, { error: 'a jurisdiction code, e.g. "NL"' }),
  date: z.string().refine(isLocalDate, { message: 'not a calendar date (YYYY-MM-DD)' }),
  name: z.string().min(1),
  /** The decree that equates the day with a holiday. */
  decree: z.string().min(1),
});
export type DecreeDay = z.infer<typeof DecreeDaySchema>;

export const DecreeDayFileSchema = z.object({ description: z.string().optional(), days: z.array(DecreeDaySchema) });
