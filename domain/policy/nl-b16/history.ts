/**
 * Arithmetic on the permit history: which permits count, how long they were held, and whether a
 * period reaches a number of years. Periods are inclusive calendar days. Where the text counts
 * the time a permit was held ("drie jaar in het bezit") it does not ask for one unbroken period,
 * so the periods held are added up; where it asks for periods that follow on directly
 * ("aansluitend", B16/3.1 ad b) the caller uses `chains`.
 */
import { addDays, addYears, compareDates, daysBetween, type LocalDate } from '../../calendar/dates';
import type { NlFacts, NlPermit, NlPermitPurpose } from '../../application/nl';

export interface Span {
  from: LocalDate;
  to: LocalDate;
}

/** Permits for (extended) family reunification or formation, the relationship and the elderly policy (B16/3). */
export const FAMILY_PURPOSES: readonly NlPermitPurpose[] = [
  'family-reunification',
  'family-formation',
  'extended-family-reunification',
  'relationship',
  'elderly-policy',
];
/** Permits held on a marriage, registered partnership or relationship with the main person (B16/3.1). */
export const PARTNER_PURPOSES: readonly NlPermitPurpose[] = ['family-reunification', 'family-formation', 'relationship'];

/** A regular permit with one of `purposes` (an asylum-temporary permit is never one of them). */
export const withPurpose =
  (...purposes: NlPermitPurpose[]) =>
  (p: NlPermit) =>
    !p.asylumTemporary && purposes.includes(p.purpose);

/** Spans merged where they overlap or one follows the next without a gap. */
export function merge(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => compareDates(a.from, b.from))) {
    const last = merged[merged.length - 1];
    if (last && compareDates(s.from, addDays(last.to, 1)) <= 0) {
      if (compareDates(s.to, last.to) > 0) last.to = s.to;
    } else {
      merged.push({ ...s });
    }
  }
  return merged;
}

/** Spans cut off at `until` (those starting later are dropped). */
export const clipTo = (spans: readonly Span[], until: LocalDate): Span[] =>
  spans.filter((s) => compareDates(s.from, until) <= 0).map((s) => ({ from: s.from, to: compareDates(s.to, until) <= 0 ? s.to : until }));

/** Permits that match, cut off at `until`, merged where one follows the next without a gap. */
export const chains = (permits: readonly NlPermit[], match: (p: NlPermit) => boolean, until: LocalDate): Span[] => merge(clipTo(permits.filter(match), until));

/** Spans that do not overlap (as `chains` returns them), clipped to start no earlier than `from`. */
export const clipFrom = (spans: readonly Span[], from: LocalDate): Span[] =>
  spans.filter((s) => compareDates(s.to, from) >= 0).map((s) => ({ from: compareDates(s.from, from) >= 0 ? s.from : from, to: s.to }));

const daysIn = (s: Span) => daysBetween(s.from, s.to) + 1;

/** The time held in all `spans` together, as one span of that many days from the first day; undefined when none. */
export function total(spans: readonly Span[]): Span | undefined {
  if (spans.length === 0) return undefined;
  const days = spans.reduce((sum, s) => sum + daysIn(s), 0);
  return { from: spans[0]!.from, to: addDays(spans[0]!.from, days - 1) };
}

/** The time `permits` matching `match` were held up to `until`, added up. */
export const heldTotal = (permits: readonly NlPermit[], match: (p: NlPermit) => boolean, until: LocalDate) => total(chains(permits, match, until));

/** True when the inclusive span lasts at least `years` calendar years ("drie jaar", "ten minste drie jaren"). */
export function lastsYears(span: Span | undefined, years: number): boolean {
  return span !== undefined && compareDates(addYears(span.from, years), addDays(span.to, 1)) <= 0;
}

/** True when the inclusive span lasts longer than `years` calendar years ("langer dan een jaar"). */
export function lastsMoreThanYears(span: Span | undefined, years: number): boolean {
  return span !== undefined && compareDates(addYears(span.from, years), span.to) <= 0;
}

/** The days both spans cover, or undefined. */
export function intersect(a: Span | undefined, b: Span | undefined): Span | undefined {
  if (!a || !b) return undefined;
  const from = compareDates(a.from, b.from) >= 0 ? a.from : b.from;
  const to = compareDates(a.to, b.to) <= 0 ? a.to : b.to;
  return compareDates(from, to) <= 0 ? { from, to } : undefined;
}

/** True when `outer` covers every day of every span. */
export const covers = (outer: Span | undefined, spans: readonly Span[]) =>
  spans.length > 0 && outer !== undefined && spans.every((s) => compareDates(outer.from, s.from) <= 0 && compareDates(s.to, outer.to) <= 0);

export function describeSpan(span: Span | undefined): string {
  return span ? `${span.from} to ${span.to} (${daysIn(span)} days)` : 'none';
}

export function describeSpans(spans: readonly Span[]): string {
  if (spans.length === 0) return 'none';
  const sum = total(spans)!;
  return spans.length === 1 ? describeSpan(spans[0]) : `${spans.map((s) => `${s.from} to ${s.to}`).join(', ')}: ${daysIn(sum)} days in all`;
}

export const eighteenthBirthday = (facts: NlFacts | { applicant: { dateOfBirth: LocalDate } }) => addYears(facts.applicant.dateOfBirth, 18);

export const isMinorOn = (dateOfBirth: LocalDate, onDate: LocalDate) => compareDates(onDate, addYears(dateOfBirth, 18)) < 0;

/** The permit in force on `date`, if any (the latest-starting one when several overlap). */
export function permitOn(permits: readonly NlPermit[], date: LocalDate): NlPermit | undefined {
  return [...permits].filter((p) => compareDates(p.from, date) <= 0 && compareDates(date, p.to) <= 0).sort((a, b) => compareDates(b.from, a.from))[0];
}

/** The permit held most recently on or before `onDate`. */
export function latestPermitBefore(permits: readonly NlPermit[], onDate: LocalDate): NlPermit | undefined {
  return [...permits].filter((p) => compareDates(p.from, onDate) <= 0).sort((a, b) => compareDates(b.to, a.to) || compareDates(b.from, a.from))[0];
}

/** The renewal-conditions period recorded, cut off at `until`. */
export function renewalSpan(facts: NlFacts, until: LocalDate): Span | undefined {
  const p = facts.renewalConditionsMet;
  if (!p || compareDates(p.from, until) > 0) return undefined;
  return { from: p.from, to: compareDates(p.to, until) < 0 ? p.to : until };
}
