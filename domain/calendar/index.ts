/**
 * The legal calendar: every deadline in dossier is computed here, as a legal date.
 *
 * A period is counted on the calendar (dates.ts), from the version of its rule in force on the
 * computation's date (periods.ts), and its end moves off days that are not working days in the
 * office's jurisdiction (holidays.ts) under that jurisdiction's rule: the Algemene termijnenwet for
 * Dutch statutory periods, domstolloven § 149 for Norwegian ones, office policy for the cure
 * period. Every move is recorded as an adjustment with its reason and article. The deadline is the
 * end of its last day in the office's time zone.
 *
 * `computeDeadline` and `DeadlineComputation` are the contract the machines and workflows use.
 */
import { addDays, addMonths, addYears, daysBetween, isLocalDate, type LocalDate } from './dates';
import { dateTimeFormat } from './formats';
import { nonWorkingReasons, type CalendarOptions } from './holidays';
import { isJurisdiction, jurisdictionPack, knownJurisdictions, type Jurisdiction } from '../jurisdictions/registry';
import { modelledFrom, periodDefinition, periodKinds, type ExtensionRegime, type PeriodKind, type PeriodLength } from './periods';
import { versionInForce } from '../versions';

export * from './dates';
export * from './formats';
export * from './holidays';
export type { Jurisdiction } from '../jurisdictions/registry';
export * from './periods';
export * from '../versions';

export interface DayAdjustment {
  /** The day the period would have ended on. */
  date: LocalDate;
  /** The day it ends on after this move. */
  movedTo: LocalDate;
  /** Why, with the article. */
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

/** What `computeDeadline` returns: the contract plus how it was reached. */
export interface DetailedDeadlineComputation extends DeadlineComputation {
  title: string;
  meaning: { from: string; due: string };
  period: PeriodLength & { direction: 'forward' | 'backward' };
  /** The day the period ends by counting alone, before any adjustment. */
  nominalDue: LocalDate;
  /** The version of the rule applied: in force on `onDate`. */
  law: { onDate: LocalDate; validFrom: LocalDate; source: string };
}

export interface DeadlineRequest extends CalendarOptions {
  jurisdiction: Jurisdiction;
  kind: PeriodKind;
  from: LocalDate;
  /** The date whose law governs the computation (which version of the rule applies); defaults to `from`. */
  onDate?: LocalDate;
}

/** Bad input to the calendar; `field` names the argument at fault. */
export class CalendarInputError extends RangeError {
  override name = 'CalendarInputError';
  constructor(
    readonly field: 'jurisdiction' | 'kind' | 'from' | 'onDate',
    message: string,
  ) {
    super(message);
  }
}

/** The office's time zone in `jurisdiction`: a deadline ends at the end of its day there. */
export function officeTimeZone(jurisdiction: Jurisdiction): string {
  return jurisdictionPack(jurisdiction).timeZone;
}

export function computeDeadline(request: DeadlineRequest): DetailedDeadlineComputation {
  const { jurisdiction, kind, from } = request;
  if (typeof jurisdiction !== 'string' || !isJurisdiction(jurisdiction)) {
    throw new CalendarInputError('jurisdiction', `unknown jurisdiction "${String(jurisdiction)}"; known: ${knownJurisdictions().join(', ')}`);
  }
  if (typeof from !== 'string' || !isLocalDate(from)) {
    throw new CalendarInputError('from', `"${String(from)}" is not a calendar date (YYYY-MM-DD)`);
  }
  const definition = periodDefinition(jurisdiction, kind);
  if (!definition) {
    throw new CalendarInputError('kind', `unknown period kind "${String(kind)}" for ${jurisdiction}; known: ${periodKinds(jurisdiction).join(', ')}`);
  }
  const onDate = request.onDate ?? from;
  if (!isLocalDate(onDate)) throw new CalendarInputError('onDate', `"${onDate}" is not a calendar date (YYYY-MM-DD)`);
  if (onDate < modelledFrom(jurisdiction)) {
    throw new CalendarInputError(
      'onDate',
      `${onDate} is before ${modelledFrom(jurisdiction)}, the earliest date dossier models the law of ${jurisdiction} for`,
    );
  }
  const version = versionInForce(definition.versions, onDate);
  if (!version) {
    throw new CalendarInputError('onDate', `no version of ${jurisdiction} ${kind} is in force on ${onDate}`);
  }

  const result = applyPeriod({
    jurisdiction,
    from,
    length: version.length,
    direction: version.direction,
    extension: version.extension,
    extraDecreeDays: request.extraDecreeDays,
  });
  const timeZone = officeTimeZone(jurisdiction);
  return {
    kind: definition.kind,
    jurisdiction,
    from,
    due: result.due,
    dueAt: endOfDay(result.due, timeZone),
    timeZone,
    citations: [...version.citations, ...result.notes],
    adjustments: result.adjustments,
    title: definition.title,
    meaning: { from: definition.fromMeans, due: definition.dueMeans },
    period: { ...version.length, direction: version.direction },
    nominalDue: result.nominalDue,
    law: { onDate, validFrom: version.validFrom, source: version.source },
  };
}

export interface PeriodRequest extends CalendarOptions {
  jurisdiction: Jurisdiction;
  from: LocalDate;
  length: PeriodLength;
  direction: 'forward' | 'backward';
  extension: ExtensionRegime;
}

export interface PeriodResult {
  nominalDue: LocalDate;
  due: LocalDate;
  adjustments: DayAdjustment[];
  /** Which extension rules applied or did not, and why (cited). */
  notes: string[];
}

/** Counts a period and moves its end under `extension`. The building block of `computeDeadline`, usable for any period. */
export function applyPeriod(request: PeriodRequest): PeriodResult {
  const { jurisdiction, from, length, direction, extension } = request;
  if (!Number.isInteger(length.amount) || length.amount <= 0) throw new RangeError(`a period needs a positive whole length, got ${length.amount}`);
  const nominalDue = shift(from, length, direction === 'forward' ? 1 : -1);
  const options: CalendarOptions = { extraDecreeDays: request.extraDecreeDays };
  const reasonsFor = (date: LocalDate) => nonWorkingReasons(jurisdiction, date, options);
  const described = `${length.amount} ${length.amount === 1 ? length.unit.replace(/s$/, '') : length.unit}`;

  switch (extension) {
    case 'none':
      return { nominalDue, due: nominalDue, adjustments: [], notes: [] };
    case 'office-roll':
      if (direction === 'backward') return notMoved(nominalDue, 'office policy rolls only periods counted forward');
      return {
        nominalDue,
        ...rollForward(nominalDue, reasonsFor, 'by office policy the period runs on to the next working day (as Atw art. 1(1))'),
        notes: [],
      };
    case 'dl149':
      if (direction === 'backward') {
        return notMoved(
          nominalDue,
          `domstolloven § 149 not applied: the period is counted backwards from ${from}, and moving its end to a later day would shorten it`,
        );
      }
      return {
        nominalDue,
        ...rollForward(nominalDue, reasonsFor, 'the period runs on to the next working day (domstolloven § 149 first paragraph)'),
        notes: [],
      };
    case 'atw':
      return termijnenwet(request, nominalDue, described, reasonsFor);
  }
}

function notMoved(nominalDue: LocalDate, note: string): PeriodResult {
  return { nominalDue, due: nominalDue, adjustments: [], notes: [note] };
}

function shift(date: LocalDate, length: PeriodLength, sign: 1 | -1): LocalDate {
  switch (length.unit) {
    case 'days':
      return addDays(date, sign * length.amount);
    case 'weeks':
      return addDays(date, sign * 7 * length.amount);
    case 'months':
      return addMonths(date, sign * length.amount);
    case 'years':
      return addYears(date, sign * length.amount);
  }
}

/**
 * Moves a date that a legal period ends on to the next working day of `jurisdiction`, recording each
 * day passed over with `rule` (the article that moves it). For dates derived from several entries,
 * such as a decision period after suspensions and extensions.
 */
export function rollToWorkingDay(jurisdiction: Jurisdiction, date: LocalDate, rule: string, options: CalendarOptions = {}) {
  return rollForward(date, (d) => nonWorkingReasons(jurisdiction, d, options), rule);
}

/** Moves `due` one day at a time until it is a working day, recording each day passed over. */
function rollForward(due: LocalDate, reasonsFor: (d: LocalDate) => string[], rule: string) {
  const adjustments: DayAdjustment[] = [];
  let reasons = reasonsFor(due);
  while (reasons.length > 0) {
    const next = addDays(due, 1);
    adjustments.push({ date: due, movedTo: next, reason: `${reasons.join('; ')}: ${rule}` });
    due = next;
    reasons = reasonsFor(due);
  }
  return { due, adjustments };
}

/** Atw art. 4(1): the act does not reach periods of more than 90 days, twelve weeks or three months, nor periods in years. */
function excludedByArticle4(length: PeriodLength): boolean {
  switch (length.unit) {
    case 'days':
      return length.amount > 90;
    case 'weeks':
      return length.amount > 12;
    case 'months':
      return length.amount > 3;
    case 'years':
      return true;
  }
}

/** The Algemene termijnenwet on a statutory period: art. 4 (scope), art. 1 (end on a working day), art. 2 (two working days). */
function termijnenwet(request: PeriodRequest, nominalDue: LocalDate, described: string, reasonsFor: (d: LocalDate) => string[]): PeriodResult {
  const { from, length, direction } = request;
  if (excludedByArticle4(length)) {
    return notMoved(
      nominalDue,
      `Atw art. 4(1): not extended — the act does not apply to a period of ${described} (more than 90 days, twelve weeks or three months, or in years)`,
    );
  }
  const notes: string[] = [];
  const adjustments: DayAdjustment[] = [];
  let due = nominalDue;

  if (direction === 'forward') {
    // Art. 1(1): a period ending on a Saturday, Sunday or holiday runs on to the next day that is none of these.
    const rolled = rollForward(due, reasonsFor, 'a statutory period does not end on it and runs on to the next day (Atw art. 1(1))');
    adjustments.push(...rolled.adjustments);
    due = rolled.due;
  } else {
    notes.push(`Atw art. 1(2): not moved — the period is counted backwards from ${from}`);
  }

  // Art. 2: a period of at least three days is lengthened as needed to contain two working days.
  // The day the period is counted from is not part of it.
  if (Math.abs(daysBetween(from, nominalDue)) >= 3) {
    const step = direction === 'forward' ? 1 : -1;
    const firstDay = addDays(from, step);
    const workingDaysIn = (end: LocalDate) => {
      let count = 0;
      for (let d = firstDay; ; d = addDays(d, step)) {
        if (reasonsFor(d).length === 0) count++;
        if (count >= 2 || d === end) return count; // two is all art. 2 asks for
      }
    };
    let count = workingDaysIn(due);
    while (count < 2) {
      const next = addDays(due, step);
      const [a, b] = direction === 'forward' ? [firstDay, due] : [due, firstDay];
      adjustments.push({
        date: due,
        movedTo: next,
        reason: `a period of at least three days must contain two days that are not a Saturday, Sunday or holiday; ${a} to ${b} contains ${count} (Atw art. 2)`,
      });
      due = next;
      if (reasonsFor(due).length === 0) count++;
    }
  } else {
    notes.push(`Atw art. 2: not relevant to a period shorter than three days`);
  }
  notes.unshift(`Atw art. 4(1): a period of ${described} is within the Algemene termijnenwet (art. 3 defines its holidays)`);
  return { nominalDue, due, adjustments, notes };
}

/** The calendar day on which `instant` falls in `timeZone`. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** Offset of `timeZone` from UTC, in minutes, at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const fields = dateTimeFormat('en-US', {
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

/** The first instant of `date` in `timeZone` (just after the end of the day before), as ISO 8601 UTC. */
export const startOfDay = (date: LocalDate, timeZone: string) => endOfDay(addDays(date, -1), timeZone);

/** The last instant (23:59:59.999) of `date` in `timeZone`, as ISO 8601 UTC. */
export function endOfDay(date: LocalDate, timeZone: string): string {
  const nextMidnightUtc = new Date(`${addDays(date, 1)}T00:00:00Z`);
  // The zone's offset at local midnight; evaluate twice so a DST change on that night settles.
  let guess = new Date(nextMidnightUtc.getTime() - offsetMinutes(nextMidnightUtc, timeZone) * 60_000);
  guess = new Date(nextMidnightUtc.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  return new Date(guess.getTime() - 1).toISOString();
}
