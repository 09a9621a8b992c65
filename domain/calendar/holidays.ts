/**
 * Which days are not working days for a legal period, per jurisdiction, each with its source.
 *
 * - Netherlands: Saturdays, Sundays and the generally recognised holidays of the Algemene
 *   termijnenwet (Atw) art. 3(1), Good Friday (art. 3(2)), and days equated by decree (art. 3(3)),
 *   which are data (decree-days.json plus days passed at run time), not code.
 * - Norway: Saturdays and the days domstolloven § 149 treats as holidays: Sundays and the public
 *   holidays of helligdagsfredloven § 2, and 1 and 17 May (the 1947 act on 1 and 17 May as
 *   høgtidsdager).
 */
import { z } from 'zod';
import { addDays, dayOfWeek, isLocalDate, type LocalDate } from './dates';
import decreeDaysFile from './decree-days.json';
import { versionInForce, type Versioned } from '../versions';

export type Jurisdiction = 'NL' | 'NO';
export const JURISDICTIONS: readonly Jurisdiction[] = ['NL', 'NO'];

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
  const weekdayShift =
    (32 + 2 * centuryRemainder + 2 * Math.floor(yearInCentury / 4) - epact - (yearInCentury % 4)) % 7;
  const correction = Math.floor((golden + 11 * epact + 22 * weekdayShift) / 451);
  const n = epact + weekdayShift - 7 * correction + 114;
  const month = Math.floor(n / 31);
  const day = (n % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface HolidayRuleVersion extends Versioned {
  name: string;
  citation: string;
  dateIn(year: number): LocalDate;
}

/** One holiday, possibly redefined over time (the Dutch monarch's birthday is); its version is the one in force on 1 January of the year. */
interface HolidayRule {
  id: string;
  versions: HolidayRuleVersion[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const fixedDate = (month: number, day: number) => (year: number) => `${year}-${pad(month)}-${pad(day)}`;
const fromEaster = (offset: number) => (year: number) => addDays(easterSunday(year), offset);

/** The Atw entered into force on 1 April 1965 (Stb. 1964, 314). */
const ATW_IN_FORCE = '1965-04-01';
const ATW_SOURCE = 'Algemene termijnenwet art. 3, current text (amendments to the list since 1965 are not modelled)';

function atwHoliday(id: string, name: string, citation: string, dateIn: (year: number) => LocalDate): HolidayRule {
  return { id, versions: [{ validFrom: ATW_IN_FORCE, source: ATW_SOURCE, name, citation, dateIn }] };
}

const NL_RULES: HolidayRule[] = [
  atwHoliday('nl-new-year', "New Year's Day (Nieuwjaarsdag)", 'Atw art. 3(1)', fixedDate(1, 1)),
  // Good Friday is not a holiday of art. 3(1) but is equated with one for the act (art. 3(2)).
  atwHoliday('nl-good-friday', 'Good Friday (Goede Vrijdag)', 'Atw art. 3(2)', fromEaster(-2)),
  atwHoliday('nl-easter-monday', 'Easter Monday (tweede Paasdag)', 'Atw art. 3(1)', fromEaster(1)),
  {
    // Art. 3(1) names "the day the King's birthday is celebrated"; which day that is changed with the monarch.
    id: 'nl-monarch-birthday',
    versions: [
      {
        validFrom: '1980-01-01',
        source: "Queen's Day as celebrated under Queen Beatrix (1980-2013); earlier reigns not modelled",
        name: "Queen's Day (Koninginnedag)",
        citation: 'Atw art. 3(1) (the day the monarch\'s birthday is celebrated: 30 April, or 29 April when the 30th is a Sunday)',
        dateIn: (year) => {
          const day = `${year}-04-30`;
          return dayOfWeek(day) === 0 ? `${year}-04-29` : day;
        },
      },
      {
        validFrom: '2014-01-01',
        source: "King's Day as celebrated since 2014 under King Willem-Alexander (Queen's Day 2013 was still 30 April)",
        name: "King's Day (Koningsdag)",
        citation: "Atw art. 3(1) (the day the King's birthday is celebrated: 27 April, or 26 April when the 27th is a Sunday)",
        dateIn: (year) => {
          const day = `${year}-04-27`;
          return dayOfWeek(day) === 0 ? `${year}-04-26` : day;
        },
      },
    ],
  },
  atwHoliday('nl-liberation-day', 'Liberation Day (5 mei)', 'Atw art. 3(1)', fixedDate(5, 5)),
  atwHoliday('nl-ascension', 'Ascension Day (Hemelvaartsdag)', 'Atw art. 3(1)', fromEaster(39)),
  atwHoliday('nl-whit-monday', 'Whit Monday (tweede Pinksterdag)', 'Atw art. 3(1)', fromEaster(50)),
  atwHoliday('nl-christmas', 'Christmas Day (eerste Kerstdag)', 'Atw art. 3(1) (both Christmas days)', fixedDate(12, 25)),
  atwHoliday('nl-boxing-day', 'Boxing Day (tweede Kerstdag)', 'Atw art. 3(1) (both Christmas days)', fixedDate(12, 26)),
];

/** Lov 24. februar 1995 nr. 12 om helligdager og helligdagsfred; the older law it replaced is not modelled. */
const HELLIGDAG_FROM = '1995-02-24';
const HELLIGDAG_SOURCE = 'helligdagsfredloven § 2 (lov 24. februar 1995 nr. 12)';
/** Lov 26. april 1947 nr. 1 om 1. og 17. mai som høgtidsdager. */
const HOYTID_FROM = '1947-04-26';
const HOYTID_SOURCE = 'lov 26. april 1947 nr. 1 om 1. og 17. mai som høgtidsdager';

function noHoliday(id: string, name: string, dateIn: (year: number) => LocalDate, kind: 'helligdag' | 'høytidsdag'): HolidayRule {
  const [validFrom, source] = kind === 'helligdag' ? [HELLIGDAG_FROM, HELLIGDAG_SOURCE] : [HOYTID_FROM, HOYTID_SOURCE];
  const citation = kind === 'helligdag' ? 'helligdagsfredloven § 2; domstolloven § 149' : 'lov om 1. og 17. mai som høgtidsdager (1947); domstolloven § 149';
  return { id, versions: [{ validFrom, source, name, citation, dateIn }] };
}

const NO_RULES: HolidayRule[] = [
  noHoliday('no-new-year', "New Year's Day (nyttårsdag)", fixedDate(1, 1), 'helligdag'),
  noHoliday('no-maundy-thursday', 'Maundy Thursday (skjærtorsdag)', fromEaster(-3), 'helligdag'),
  noHoliday('no-good-friday', 'Good Friday (langfredag)', fromEaster(-2), 'helligdag'),
  noHoliday('no-easter-sunday', 'Easter Sunday (første påskedag)', fromEaster(0), 'helligdag'),
  noHoliday('no-easter-monday', 'Easter Monday (andre påskedag)', fromEaster(1), 'helligdag'),
  noHoliday('no-may-day', '1 May (offentlig høytidsdag)', fixedDate(5, 1), 'høytidsdag'),
  noHoliday('no-constitution-day', '17 May, Constitution Day (offentlig høytidsdag)', fixedDate(5, 17), 'høytidsdag'),
  noHoliday('no-ascension', 'Ascension Day (Kristi himmelfartsdag)', fromEaster(39), 'helligdag'),
  noHoliday('no-whit-sunday', 'Whit Sunday (første pinsedag)', fromEaster(49), 'helligdag'),
  noHoliday('no-whit-monday', 'Whit Monday (andre pinsedag)', fromEaster(50), 'helligdag'),
  noHoliday('no-christmas', 'Christmas Day (første juledag)', fixedDate(12, 25), 'helligdag'),
  noHoliday('no-boxing-day', 'Boxing Day (andre juledag)', fixedDate(12, 26), 'helligdag'),
];

const RULES: Record<Jurisdiction, HolidayRule[]> = { NL: NL_RULES, NO: NO_RULES };

// ---------------------------------------------------------------------------------------------
// Decree days (Atw art. 3(3)): data, validated at the boundary like any other input.

export const DecreeDaySchema = z.object({
  jurisdiction: z.enum(['NL', 'NO']),
  date: z.string().refine(isLocalDate, { message: 'not a calendar date (YYYY-MM-DD)' }),
  name: z.string().min(1),
  /** The decree that equates the day with a holiday. */
  decree: z.string().min(1),
});
export type DecreeDay = z.infer<typeof DecreeDaySchema>;

export const DecreeDayFileSchema = z.object({ description: z.string().optional(), days: z.array(DecreeDaySchema) });

/** Parses a decree-day list (the shape of decree-days.json); throws a ZodError naming the bad entry. */
export function parseDecreeDays(data: unknown): DecreeDay[] {
  return DecreeDayFileSchema.parse(data).days;
}

/** The decree days shipped with dossier (decree-days.json). */
export const DECREE_DAYS: readonly DecreeDay[] = parseDecreeDays(decreeDaysFile);

export interface CalendarOptions {
  /** Days equated with holidays by decree beyond decree-days.json (an administrator's data). */
  extraDecreeDays?: readonly DecreeDay[];
}

/** The shipped holidays per jurisdiction and year, computed once: every working-day check reads them. */
const shippedHolidays = new Map<string, readonly Holiday[]>();

/** Public holidays (and decree days) of `year`, sorted by date. Weekends are not listed. */
export function holidaysIn(jurisdiction: Jurisdiction, year: number, options: CalendarOptions = {}): Holiday[] {
  if (options.extraDecreeDays?.length) return computeHolidays(jurisdiction, year, options);
  const key = `${jurisdiction}${year}`;
  let holidays = shippedHolidays.get(key);
  if (!holidays) shippedHolidays.set(key, (holidays = computeHolidays(jurisdiction, year, {})));
  return [...holidays];
}

function computeHolidays(jurisdiction: Jurisdiction, year: number, options: CalendarOptions): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of RULES[jurisdiction]) {
    const version = versionInForce(rule.versions, `${year}-01-01`);
    if (version) out.push({ date: version.dateIn(year), name: version.name, citation: version.citation });
  }
  for (const day of [...DECREE_DAYS, ...(options.extraDecreeDays ?? [])]) {
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
  // NL: Saturdays and Sundays, Atw art. 1(1). NO: Saturdays and Sundays, domstolloven § 149 and helligdagsfredloven § 2.
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
