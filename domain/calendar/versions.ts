/**
 * Versioned rules: law changes, and a deadline is computed under the text in force on its date.
 * Every rule and period in the calendar is a list of versions, each with the date from which it
 * applies; a version stays in force until the next one begins.
 */
import type { LocalDate } from './dates';

export interface Versioned {
  /** First day on which this version applies (inclusive). */
  validFrom: LocalDate;
  /** Where this version comes from (the article, the amending act, or an honest note of what is not known). */
  source: string;
}

/** The version in force on `onDate`: the one with the latest `validFrom` not after it, or undefined before the first. */
export function versionInForce<V extends Versioned>(versions: readonly V[], onDate: LocalDate): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.validFrom <= onDate && (!best || v.validFrom > best.validFrom)) best = v;
  }
  return best;
}
