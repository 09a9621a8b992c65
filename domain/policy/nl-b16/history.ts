/**
 * Arithmetic on the permit history: which permits count, how long they ran without a break,
 * and whether a period reaches a number of years. Periods are inclusive calendar days.
 */
import { addDays, addYears, compareDates, daysBetween, type LocalDate } from '../../calendar/dates';
import type { NlFacts, NlPermit, NlPermitPurpose } from '../../application/nl';

export interface Span {
  from: LocalDate;
  to: LocalDate;
}

export const FAMILY_PURPOSES: readonly NlPermitPurpose[] = ['family-reunification', 'family-formation', 'extended-family-reunification', 'relationship'];
export const MEDICAL_PURPOSES: readonly NlPermitPurpose[] = ['medical-treatment', 'medical-emergency'];

/** Regular residence only: an asylum-temporary permit never counts towards a regular route. */
export const counts = (purposes?: readonly NlPermitPurpose[]) => (p: NlPermit) =>
  !p.asylumTemporary && (purposes === undefined || purposes.includes(p.purpose));

/** Permits that match, cut off at `onDate`, merged where one follows the next without a gap. */
export function chains(permits: readonly NlPermit[], match: (p: NlPermit) => boolean, onDate: LocalDate): Span[] {
  const spans = permits
    .filter((p) => match(p) && compareDates(p.from, onDate) <= 0)
    .map((p) => ({ from: p.from, to: compareDates(p.to, onDate) <= 0 ? p.to : onDate }))
    .sort((a, b) => compareDates(a.from, b.from));
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && compareDates(s.from, addDays(last.to, 1)) <= 0) {
      if (compareDates(s.to, last.to) > 0) last.to = s.to;
    } else {
      merged.push({ ...s });
    }
  }
  return merged;
}

/** The most recent unbroken period of matching permits up to `onDate`. */
export function latestChain(permits: readonly NlPermit[], match: (p: NlPermit) => boolean, onDate: LocalDate): Span | undefined {
  const all = chains(permits, match, onDate);
  return all[all.length - 1];
}

/** True when the inclusive span lasts at least `years` calendar years. */
export function lastsYears(span: Span | undefined, years: number): boolean {
  return span !== undefined && compareDates(addYears(span.from, years), addDays(span.to, 1)) <= 0;
}

export function intersect(...spans: (Span | undefined)[]): Span | undefined {
  let from: LocalDate | undefined;
  let to: LocalDate | undefined;
  for (const s of spans) {
    if (!s) return undefined;
    from = from === undefined || compareDates(s.from, from) > 0 ? s.from : from;
    to = to === undefined || compareDates(s.to, to) < 0 ? s.to : to;
  }
  return from !== undefined && to !== undefined && compareDates(from, to) <= 0 ? { from, to } : undefined;
}

export function describeSpan(span: Span | undefined): string {
  return span ? `${span.from} to ${span.to} (${daysBetween(span.from, span.to) + 1} days)` : 'none';
}

export const eighteenthBirthday = (facts: NlFacts | { applicant: { dateOfBirth: LocalDate } }) => addYears(facts.applicant.dateOfBirth, 18);

export const isMinorOn = (dateOfBirth: LocalDate, onDate: LocalDate) => compareDates(onDate, addYears(dateOfBirth, 18)) < 0;

/** The permit in force on `date`, if any (the latest-starting one when several overlap). */
export function permitOn(permits: readonly NlPermit[], date: LocalDate): NlPermit | undefined {
  return [...permits]
    .filter((p) => compareDates(p.from, date) <= 0 && compareDates(date, p.to) <= 0)
    .sort((a, b) => compareDates(b.from, a.from))[0];
}

/** The permit held most recently on or before `onDate` (for the labour-market note of B16/10). */
export function latestPermitBefore(permits: readonly NlPermit[], onDate: LocalDate): NlPermit | undefined {
  return [...permits]
    .filter((p) => compareDates(p.from, onDate) <= 0)
    .sort((a, b) => compareDates(b.to, a.to) || compareDates(b.from, a.from))[0];
}
