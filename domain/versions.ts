/**
 * Versioned law, one way for every kind: the calendar's periods and holidays and the policy packs'
 * rules. Law changes, and a date is judged under the version in force on it. Each version names
 * where it comes from (the article, the amending act with its publication, or the text in a pack's
 * folder). It applies from `validFrom` (absent: from the beginning) until the next version of the
 * same thing begins, or until `validUntil` where the law ended without a successor.
 */
import type { LocalDate } from './calendar/dates';

export interface Versioned {
  /** First day on which this version applies (inclusive); absent: every date before a later version. */
  validFrom?: LocalDate;
  /** Last day it applies (inclusive), only where the law ended without a successor. */
  validUntil?: LocalDate;
  /** Where this version comes from (the article, the amending act, or an honest note of what is not known). */
  source: string;
}

const startOf = (v: Versioned) => v.validFrom ?? '';

/**
 * The version in force on `onDate`: of those begun and not ended, the one that began last; undefined
 * before the first. Two versions beginning on the same day contradict each other: a defect, not a choice.
 */
export function versionInForce<V extends Versioned>(versions: readonly V[], onDate: LocalDate): V | undefined {
  const begun = versions.filter((v) => startOf(v) <= onDate && (v.validUntil === undefined || onDate <= v.validUntil));
  const latest = begun.reduce<V | undefined>((best, v) => (!best || startOf(v) > startOf(best) ? v : best), undefined);
  const tied = latest ? begun.filter((v) => startOf(v) === startOf(latest)) : [];
  if (tied.length > 1) {
    throw new Error(`${tied.length} versions begin on ${latest!.validFrom ?? 'the same day'}: ${tied.map((v) => v.source).join('; ')}`);
  }
  return latest;
}
