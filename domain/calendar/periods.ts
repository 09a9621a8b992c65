/**
 * The period kinds dossier computes, per jurisdiction: their length, direction, how their end
 * moves off a non-working day, and their citations, each as versions with the date they apply from.
 *
 * Versions before the calendar's modelled range (`MODELLED_FROM`) are not known to dossier; a
 * computation before that date is refused rather than answered under the wrong law.
 */
import type { LocalDate } from './dates';
import type { Jurisdiction } from './holidays';
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
  jurisdiction: Jurisdiction;
  kind: PeriodKind;
  title: string;
  /** What the `from` date is for this kind (the day the period is counted from). */
  fromMeans: string;
  /** What the `due` date is for this kind. */
  dueMeans: string;
  versions: PeriodVersion[];
}

/** The earliest date dossier's calendar models, per jurisdiction (Vw 2000 and utlendingsloven 2008 entered into force). */
export const MODELLED_FROM: Record<Jurisdiction, LocalDate> = { NL: '2001-04-01', NO: '2010-01-01' };

const VW2000_IN_FORCE = '2001-04-01';

const PERIODS: PeriodDefinition[] = [
  {
    jurisdiction: 'NL',
    kind: 'cure',
    title: 'Cure period after an evidence request (herstel verzuim)',
    fromMeans: 'the date of the evidence request letter',
    dueMeans: 'the last day on which the applicant may supply the missing evidence',
    versions: [
      {
        validFrom: VW2000_IN_FORCE,
        source: 'Vc 2000 B16/7 and Awb 4:5; two weeks is the office\'s standard term',
        length: { amount: 14, unit: 'days' },
        direction: 'forward',
        extension: 'office-roll',
        citations: [
          'Vc 2000 B16/7; Awb 4:5 (cure period after an evidence request, in principle two weeks)',
          'Office policy: a cure period ending on a Saturday, Sunday or Atw holiday runs on to the next working day, as Atw art. 1(1) does for statutory periods',
        ],
      },
    ],
  },
  {
    jurisdiction: 'NL',
    kind: 'decision',
    title: 'Decision period on an application for a regular residence permit',
    fromMeans: 'the date the application was received',
    dueMeans: 'the last day on which the decision must be given',
    versions: [
      {
        validFrom: VW2000_IN_FORCE,
        source: 'Vw 2000 art. 25(1) as enacted (six months); in force until the amendment below',
        length: { amount: 6, unit: 'months' },
        direction: 'forward',
        extension: 'atw',
        citations: ['Vw 2000 art. 25(1) (text in force 2001-04-01 to 2013-05-31: six months after receipt of the application)'],
      },
      {
        validFrom: '2013-06-01',
        source:
          'Vw 2000 art. 25(1) as amended with effect from 2013-06-01 (Wet modern migratiebeleid; amending act and Stb. reference to be verified)',
        length: { amount: 90, unit: 'days' },
        direction: 'forward',
        extension: 'atw',
        citations: ['Vw 2000 art. 25(1) (90 days after receipt of the application)'],
      },
    ],
  },
  {
    jurisdiction: 'NL',
    kind: 'objection',
    title: 'Objection period against a decision (bezwaartermijn)',
    fromMeans: 'the date the decision was sent (announced)',
    dueMeans: 'the last day on which a notice of objection may be lodged',
    versions: [
      {
        validFrom: VW2000_IN_FORCE,
        source: 'Vw 2000 art. 69(1); Awb 6:8(1)',
        length: { amount: 4, unit: 'weeks' },
        direction: 'forward',
        extension: 'atw',
        citations: [
          'Vw 2000 art. 69(1) (four weeks, in derogation of Awb 6:7)',
          'Awb 6:8(1) (the period starts on the day after the decision is announced)',
        ],
      },
    ],
  },
  {
    jurisdiction: 'NL',
    kind: 'renewal-window',
    title: 'Opening of the renewal window before a permit expires',
    fromMeans: 'the date the residence permit expires',
    dueMeans: 'the first day on which the renewal may be filed (the window opens)',
    versions: [
      {
        validFrom: VW2000_IN_FORCE,
        source: 'IND practice: a renewal may be filed from three months before expiry; no statutory article located (to confirm)',
        length: { amount: 3, unit: 'months' },
        direction: 'backward',
        extension: 'atw',
        citations: ['IND renewal practice: a renewal application may be filed from three months before the permit expires (statutory basis to be confirmed)'],
      },
    ],
  },
  {
    jurisdiction: 'NO',
    kind: 'cure',
    title: 'Cure period after an evidence request (office-set)',
    fromMeans: 'the date of the evidence request letter',
    dueMeans: 'the last day on which the applicant may supply the missing evidence',
    versions: [
      {
        validFrom: MODELLED_FROM.NO,
        source: 'Office policy under forvaltningsloven § 17 (the office sets the period); kept for the machines\' shared cure contract',
        length: { amount: 14, unit: 'days' },
        direction: 'forward',
        extension: 'dl149',
        citations: [
          'forvaltningsloven § 17 (duty to clarify the case; the office sets a two-week period for missing evidence by policy)',
          'domstolloven § 149 first paragraph, applied by office policy (a period ending on a Saturday, Sunday or holiday runs on to the next working day)',
        ],
      },
    ],
  },
  {
    jurisdiction: 'NO',
    kind: 'appeal',
    title: 'Appeal period against a decision (klagefrist)',
    fromMeans: 'the date the notification of the decision reached the party',
    dueMeans: 'the last day on which an appeal may be lodged',
    versions: [
      {
        validFrom: '1970-01-01',
        source: 'forvaltningsloven § 29 (in force 1970-01-01); domstolloven §§ 148-149 for the computation',
        length: { amount: 3, unit: 'weeks' },
        direction: 'forward',
        extension: 'dl149',
        citations: [
          'forvaltningsloven § 29 first paragraph (three weeks from the notification reaching the party)',
          'domstolloven § 148 (the day of notification is not counted; a period in weeks ends on the same weekday)',
          'domstolloven § 149 first paragraph (a period ending on a Saturday, Sunday, holiday or 1 or 17 May runs on to the next working day)',
        ],
      },
    ],
  },
  {
    jurisdiction: 'NO',
    kind: 'renewal',
    title: 'Latest renewal application that keeps the right to stay',
    fromMeans: 'the date the residence permit expires',
    dueMeans: 'the last day on which a renewal application keeps the right to stay on the same terms',
    versions: [
      {
        validFrom: MODELLED_FROM.NO,
        source: 'utlendingsloven (2008) § 61 sixth paragraph, in force 2010-01-01',
        length: { amount: 1, unit: 'months' },
        direction: 'backward',
        extension: 'dl149',
        citations: [
          'Immigration Act (utlendingsloven) s. 61 sixth paragraph (a renewal applied for at least one month before expiry keeps the right to stay until decided)',
          'utlendingsforskriften § 10-25 (a later application is assessed on its merits)',
        ],
      },
    ],
  },
];

export function periodKinds(jurisdiction: Jurisdiction): PeriodKind[] {
  return PERIODS.filter((p) => p.jurisdiction === jurisdiction).map((p) => p.kind);
}

export function periodDefinition(jurisdiction: Jurisdiction, kind: string): PeriodDefinition | undefined {
  return PERIODS.find((p) => p.jurisdiction === jurisdiction && p.kind === kind);
}
