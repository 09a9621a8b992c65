import { addDays, daysBetween, type LocalDate } from '../../calendar/dates';
import type { PenaltyComputation } from '../../decision-clock';

/**
 * Penalty for not deciding in time (Awb 4:17): owed from the day on which two weeks have passed
 * after the office, the decision period having ended, received a written notice of default
 * (lid 3), for at most 42 days, at EUR 23 a day for the first 14 days, 35 for the next 14 and 45
 * after that (lid 2). A notice of default before the period ended has no effect, so the machine
 * accepts one only once the case is overdue.
 */
export const PENALTY_BASIS = 'Awb 4:17 (dwangsom bij niet tijdig beslissen)';
const PENALTY_RATES = [
  { days: 14, eur: 23 },
  { days: 14, eur: 35 },
  { days: 14, eur: 45 },
];
const MAX_PENALTY_DAYS = 42;

export function penaltyFor(noticeReceivedOn: LocalDate, asOf: LocalDate): PenaltyComputation {
  const firstPenaltyDay = addDays(noticeReceivedOn, 14);
  const lastPossiblePenaltyDay = addDays(firstPenaltyDay, MAX_PENALTY_DAYS - 1);
  const days = Math.max(0, Math.min(MAX_PENALTY_DAYS, daysBetween(firstPenaltyDay, asOf) + 1));
  let remaining = days;
  let amountEur = 0;
  for (const rate of PENALTY_RATES) {
    const taken = Math.min(remaining, rate.days);
    amountEur += taken * rate.eur;
    remaining -= taken;
  }
  return { legalBasis: PENALTY_BASIS, noticeOfDefaultReceivedOn: noticeReceivedOn, firstPenaltyDay, lastPossiblePenaltyDay, days, amountEur };
}
