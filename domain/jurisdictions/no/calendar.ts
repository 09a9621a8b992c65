/**
 * Norway's legal calendar: Saturdays and the days domstolloven § 149 treats as holidays (Sundays and
 * the public holidays of helligdagsfredloven § 2, and 1 and 17 May, høgtidsdager by the 1947 act),
 * and the periods dossier computes, each as dated versions with their citations.
 */
import type { LocalDate } from '../../calendar/dates';
import { fixedDate, fromEaster, type HolidayRule } from '../../calendar/holiday-rules';
import type { JurisdictionCalendar } from '../types';

/** Lov 24. februar 1995 nr. 12 om helligdager og helligdagsfred; the older law it replaced is not modelled. */
const HELLIGDAG_FROM = '1995-02-24';
const HELLIGDAG_SOURCE = 'helligdagsfredloven § 2 (lov 24. februar 1995 nr. 12)';
/** Lov 26. april 1947 nr. 1 om 1. og 17. mai som høgtidsdager. */
const HOYTID_FROM = '1947-04-26';
const HOYTID_SOURCE = 'lov 26. april 1947 nr. 1 om 1. og 17. mai som høgtidsdager';

function noHoliday(id: string, name: string, dateIn: (year: number) => LocalDate, kind: 'helligdag' | 'høytidsdag'): HolidayRule {
  const [validFrom, source] = kind === 'helligdag' ? [HELLIGDAG_FROM, HELLIGDAG_SOURCE] : [HOYTID_FROM, HOYTID_SOURCE];
  const citation = kind === 'helligdag' ? 'helligdagsfredloven § 2; domstolloven § 149' : 'lov om 1. og 17. mai som høgtidsdager (1947); domstolloven § 149';
  return { id, versions: [{ validFrom, source, name, citation, dateIn }] };
}

export const NO_HOLIDAYS: readonly HolidayRule[] = [
  noHoliday('no-new-year', "New Year's Day (nyttårsdag)", fixedDate(1, 1), 'helligdag'),
  noHoliday('no-maundy-thursday', 'Maundy Thursday (skjærtorsdag)', fromEaster(-3), 'helligdag'),
  noHoliday('no-good-friday', 'Good Friday (langfredag)', fromEaster(-2), 'helligdag'),
  noHoliday('no-easter-sunday', 'Easter Sunday (første påskedag)', fromEaster(0), 'helligdag'),
  noHoliday('no-easter-monday', 'Easter Monday (andre påskedag)', fromEaster(1), 'helligdag'),
  noHoliday('no-may-day', '1 May (offentlig høytidsdag)', fixedDate(5, 1), 'høytidsdag'),
  noHoliday('no-constitution-day', '17 May, Constitution Day (offentlig høytidsdag)', fixedDate(5, 17), 'høytidsdag'),
  noHoliday('no-ascension', 'Ascension Day (Kristi himmelfartsdag)', fromEaster(39), 'helligdag'),
  noHoliday('no-whit-sunday', 'Whit Sunday (første pinsedag)', fromEaster(49), 'helligdag'),
  noHoliday('no-whit-monday', 'Whit Monday (andre pinsedag)', fromEaster(50), 'helligdag'),
  noHoliday('no-christmas', 'Christmas Day (første juledag)', fixedDate(12, 25), 'helligdag'),
  noHoliday('no-boxing-day', 'Boxing Day (andre juledag)', fixedDate(12, 26), 'helligdag'),
];

/** Utlendingsloven (2008) entered into force on 1 January 2010: the earliest date dossier models Norwegian periods for. */
const UTL_IN_FORCE = '2010-01-01';

export const NO_CALENDAR: JurisdictionCalendar = {
  modelledFrom: UTL_IN_FORCE,
  holidays: NO_HOLIDAYS,
  decreeDays: [],
  periods: [
    {
      kind: 'cure',
      title: 'Cure period after an evidence request (office-set)',
      fromMeans: 'the date of the evidence request letter',
      dueMeans: 'the last day on which the applicant may supply the missing evidence',
      versions: [
        {
          validFrom: UTL_IN_FORCE,
          source: "Office policy under forvaltningsloven § 17 (the office sets the period); kept for the machines' shared cure contract",
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
      kind: 'renewal',
      title: 'Latest renewal application that keeps the right to stay',
      fromMeans: 'the date the residence permit expires',
      dueMeans: 'the last day on which a renewal application keeps the right to stay on the same terms',
      versions: [
        {
          validFrom: UTL_IN_FORCE,
          source: 'utlendingsloven (2008) § 61 sixth paragraph, in force 2010-01-01',
          length: { amount: 1, unit: 'months' },
          direction: 'backward',
          extension: 'dl149',
          citations: [
            'Immigration Act (utlendingsloven) s. 61 sixth paragraph (a renewal applied ' +
              'for at least one month before expiry keeps the right to stay until decided)',
            'utlendingsforskriften § 10-25 (a later application is assessed on its merits)',
          ],
        },
      ],
    },
  ],
};
