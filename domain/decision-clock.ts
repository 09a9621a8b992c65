/**
 * The decision clock as a ledger. The period in which the office must decide starts at receipt
 * (the jurisdiction's procedure says which, if any; in NL Vw 2000 art. 25(1)); every suspension
 * and extension is an entry with its legal basis, start, end and the notice that announced it.
 * An entry is never edited but closed, and the deadline is always derived from the entries, so an
 * operator can see why it is what it is.
 */
import { addDays, addMonths, computeDeadline, daysBetween, endOfDay, officeTimeZone, rollToWorkingDay, type Jurisdiction, type LocalDate } from './calendar';
import { procedureOf } from './jurisdictions/registry';

export type ClockEntry =
  | {
      kind: 'period';
      legalBasis: string;
      start: LocalDate;
      /** The period's own end, before suspensions and extensions. */
      end: LocalDate;
      noticeKey: string | null;
    }
  | {
      /** The clock stands still from the day after `start` up to and including `end` (Awb 4:15(1)). */
      kind: 'suspension';
      legalBasis: string;
      reason: string;
      start: LocalDate;
      /** null while the suspension lasts. */
      end: LocalDate | null;
      noticeKey: string | null;
    }
  | {
      kind: 'extension';
      legalBasis: string;
      reason: string;
      start: LocalDate;
      months: number;
      noticeKey: string | null;
    };

export type DecisionClock = ClockEntry[];

export interface DecisionDeadline {
  /** null while a suspension is open: the deadline is not known until the clock runs again. */
  due: LocalDate | null;
  dueAt: string | null;
  /** The day the open suspension started, if any. */
  suspendedSince: LocalDate | null;
  /** Days the clock stood still in closed suspensions. */
  suspendedDays: number;
  /** Days moved because the end fell on a Saturday, Sunday or holiday (Atw art. 1). */
  adjustments: { date: LocalDate; movedTo: LocalDate; reason: string }[];
}

/** Opens the ledger at receipt, or returns an empty one where the law sets no decision period (the jurisdiction's procedure). */
export function openDecisionClock(jurisdiction: Jurisdiction, receivedOn: LocalDate): DecisionClock {
  const law = procedureOf(jurisdiction).decisionPeriod;
  if (!law) return [];
  const period = computeDeadline({ jurisdiction, kind: 'decision', from: receivedOn });
  return [{ kind: 'period', legalBasis: period.citations[0] ?? law.basis, start: receivedOn, end: period.nominalDue, noticeKey: null }];
}

/** The deadline the ledger gives: the period's end, plus closed suspensions, plus extensions, rolled to a working day. */
export function decisionDeadline(jurisdiction: Jurisdiction, clock: DecisionClock): DecisionDeadline | null {
  const period = clock.find((e) => e.kind === 'period');
  if (!period) return null;
  let due = period.end;
  let suspendedDays = 0;
  let suspendedSince: LocalDate | null = null;
  for (const entry of clock) {
    if (entry.kind === 'suspension') {
      if (entry.end === null) suspendedSince = entry.start;
      else {
        const days = daysBetween(entry.start, entry.end);
        suspendedDays += days;
        due = addDays(due, days);
      }
    } else if (entry.kind === 'extension') {
      due = addMonths(due, entry.months);
    }
  }
  if (suspendedSince) return { due: null, dueAt: null, suspendedSince, suspendedDays, adjustments: [] };
  const rolled = rollToWorkingDay(
    jurisdiction,
    due,
    procedureOf(jurisdiction).decisionPeriod?.rollsOn ?? 'the decision period runs on to the next working day',
  );
  return { due: rolled.due, dueAt: endOfDay(rolled.due, officeTimeZone(jurisdiction)), suspendedSince: null, suspendedDays, adjustments: rolled.adjustments };
}

/** Opens a suspension; the clock must not already be suspended. */
export function suspend(clock: DecisionClock, entry: { legalBasis: string; reason: string; start: LocalDate; noticeKey?: string | null }): DecisionClock {
  if (clock.some((e) => e.kind === 'suspension' && e.end === null)) throw new Error('the decision clock is already suspended');
  return [...clock, { kind: 'suspension', ...entry, noticeKey: entry.noticeKey ?? null, end: null }];
}

/** Closes the open suspension on `end` (the day the evidence came in or the cure period ran out). */
export function resume(clock: DecisionClock, end: LocalDate): DecisionClock {
  return clock.map((e) => (e.kind === 'suspension' && e.end === null ? { ...e, end: end < e.start ? e.start : end } : e));
}

export function extend(
  clock: DecisionClock,
  entry: { legalBasis: string; reason: string; start: LocalDate; months: number; noticeKey?: string | null },
): DecisionClock {
  return [...clock, { kind: 'extension', ...entry, noticeKey: entry.noticeKey ?? null }];
}

/** A penalty owed for not deciding in time, as the jurisdiction's law computes it (NL: Awb 4:17). */
export interface PenaltyComputation {
  legalBasis: string;
  noticeOfDefaultReceivedOn: LocalDate;
  firstPenaltyDay: LocalDate;
  lastPossiblePenaltyDay: LocalDate;
  /** Penalty days owed up to and including `asOf` (or up to the decision). */
  days: number;
  amountEur: number;
}
