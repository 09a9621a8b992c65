/**
 * What a legal period is: its length, direction, how its end moves off a non-working day, and its
 * citations, each as versions with the date they apply from. The periods of each jurisdiction are
 * in its pack's calendar (domain/jurisdictions/<code>/calendar.ts).
 */
import type { LocalDate } from './dates';
import { jurisdictionPack, type Jurisdiction } from '../jurisdictions/registry';
import type { Versioned } from '../versions';

export type PeriodKind = 'cure' | 'decision' | 'objection' | 'renewal-window' | 'appeal' | 'renewal';
export type PeriodUnit = 'days' | 'weeks' | 'months' | 'years';

export interface PeriodLength {
  amount: number;
  unit: PeriodUnit;
}

/**
 * How the end of a period moves when it falls on a day that is not a working day:
 * - `atw`: a Dutch statutory period, Algemene termijnenwet arts. 1, 2 and 4;
 * - `office-roll`: a period the office sets itself; by policy it runs on to the next working day
 *   (the Atw applies only to periods set by statute);
 * - `dl149`: a Norwegian period, domstolloven § 149 first paragraph (next working day);
 * - `none`: the day stands.
 */
export type ExtensionRegime = 'atw' | 'office-roll' | 'dl149' | 'none';

export interface PeriodVersion extends Versioned {
  /** Every period version of the calendar names the day it applies from. */
  validFrom: LocalDate;
  length: PeriodLength;
  /** `forward` counts from the day after `from`; `backward` counts back from `from` (an expiry date). */
  direction: 'forward' | 'backward';
  extension: ExtensionRegime;
  citations: string[];
}

export interface PeriodDefinition {
  kind: PeriodKind;
  title: string;
  /** What the `from` date is for this kind (the day the period is counted from). */
  fromMeans: string;
  /** What the `due` date is for this kind. */
  dueMeans: string;
  versions: PeriodVersion[];
}

/** The period kinds `jurisdiction`'s calendar defines. */
export function periodKinds(jurisdiction: Jurisdiction): PeriodKind[] {
  return jurisdictionPack(jurisdiction).calendar.periods.map((p) => p.kind);
}

export function periodDefinition(jurisdiction: Jurisdiction, kind: string): PeriodDefinition | undefined {
  return jurisdictionPack(jurisdiction).calendar.periods.find((p) => p.kind === kind);
}

/** The earliest date the calendar models `jurisdiction`'s law for; a computation before it is refused, not answered under the wrong law. */
export const modelledFrom = (jurisdiction: Jurisdiction): LocalDate => jurisdictionPack(jurisdiction).calendar.modelledFrom;
