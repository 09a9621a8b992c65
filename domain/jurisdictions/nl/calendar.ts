/**
 * The Netherlands' legal calendar: the days that are not working days for a statutory period
 * (Saturdays and Sundays, the holidays of the Algemene termijnenwet art. 3(1), Good Friday (art.
 * 3(2)), and days equated with a holiday by decree (art. 3(3)), which are data in decree-days.json),
 * and the periods dossier computes, each as dated versions with their citations.
 */
import { dayOfWeek, type LocalDate } from '../../calendar/dates';
import { DecreeDayFileSchema, fixedDate, fromEaster, type HolidayRule } from '../../calendar/holiday-rules';
import type { JurisdictionCalendar } from '../types';
import decreeDaysFile from './decree-days.json';

/** The Atw entered into force on 1 April 1965 (Stb. 1964, 314). */
const ATW_IN_FORCE = '1965-04-01';
const ATW_SOURCE = 'Algemene termijnenwet art. 3, current text (amendments to the list since 1965 are not modelled)';

function atwHoliday(id: string, name: string, citation: string, dateIn: (year: number) => LocalDate): HolidayRule {
  return { id, versions: [{ validFrom: ATW_IN_FORCE, source: ATW_SOURCE, name, citation, dateIn }] };
}

export const NL_HOLIDAYS: readonly HolidayRule[] = [
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
        citation: "Atw art. 3(1) (the day the monarch's birthday is celebrated: 30 April, or 29 April when the 30th is a Sunday)",
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

/** Vreemdelingenwet 2000 entered into force on 1 April 2001: the earliest date dossier models Dutch periods for. */
const VW2000_IN_FORCE = '2001-04-01';

export const NL_CALENDAR: JurisdictionCalendar = {
  modelledFrom: VW2000_IN_FORCE,
  holidays: NL_HOLIDAYS,
  decreeDays: DecreeDayFileSchema.parse(decreeDaysFile).days,
  periods: [
    {
      kind: 'cure',
      title: 'Cure period after an evidence request (herstel verzuim)',
      fromMeans: 'the date of the evidence request letter',
      dueMeans: 'the last day on which the applicant may supply the missing evidence',
      versions: [
        {
          validFrom: VW2000_IN_FORCE,
          source: "Vc 2000 B16/7 and Awb 4:5; two weeks is the office's standard term",
          length: { amount: 14, unit: 'days' },
          direction: 'forward',
          extension: 'office-roll',
          citations: [
            'Vc 2000 B16/7; Awb 4:5 (cure period after an evidence request, in principle two weeks)',
            'Office policy: a cure period ending on a Saturday, Sunday or Atw holiday ' +
              'runs on to the next working day, as Atw art. 1(1) does for statutory periods',
          ],
        },
      ],
    },
    {
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
          source: 'Vw 2000 art. 25(1) as amended with effect from 2013-06-01 (Wet modern migratiebeleid; amending act and Stb. reference to be verified)',
          length: { amount: 90, unit: 'days' },
          direction: 'forward',
          extension: 'atw',
          citations: ['Vw 2000 art. 25(1) (90 days after receipt of the application)'],
        },
      ],
    },
    {
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
          citations: ['Vw 2000 art. 69(1) (four weeks, in derogation of Awb 6:7)', 'Awb 6:8(1) (the period starts on the day after the decision is announced)'],
        },
      ],
    },
    {
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
  ],
};
