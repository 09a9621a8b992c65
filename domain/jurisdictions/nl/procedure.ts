/**
 * The Netherlands' procedural law, as the machines apply it: the decision period of Vw 2000 art. 25
 * with its suspension (Awb 4:15) and extension (art. 25(2)) and the penalty of Awb 4:17; a decision
 * not to process (Awb 4:5); objection (Vw 2000 art. 69); the exception grounds of art. 3.50 Vb;
 * renewal (art. 26) and withdrawal (art. 18, 19; Vc B16/8); and the permit's dates of B16/2 and
 * B16/7.1.
 */
import { addDays, addYears, applyPeriod, computeDeadline, endOfDay, type LocalDate } from '../../calendar';
import { penaltyFor } from './penalty';
import type { NlFacts } from '../../application/nl';
import {
  CONTINUED_RESIDENCE,
  CONVERSION_BASIS,
  LABOUR_MARKET_NOTES,
  b16Withdrawal,
  estateConversionDate,
  firstPermitAsMinor,
  moreThanOneYearOn,
} from '../../policy/nl-b16';
import { failedConditions } from '../../policy/registry';
import { CONTRA_INDICATION_GROUNDS } from '../../case-actions';
import type { Procedure, RenewalCalendar, RenewalTiming } from '../types';

const TIME_ZONE = 'Europe/Amsterdam';

/** The restriction of a permit granted under the Regeling afwikkeling nalatenschap oude Vreemdelingenwet. */
export const OLD_ACT_ESTATE_RESTRICTION = 'afwikkeling nalatenschap oude Vreemdelingenwet';

/** Office policy: a converted permit runs five years from conversion, the longest a regular fixed-term permit may run (Vb 2000 art. 3.64; to confirm). */
const CONVERSION_VALIDITY_YEARS = 5;
/** Office policy: the holder is reminded this many days before the renewal deadline. */
const RENEWAL_REMINDER_DAYS = 14;
const LATE_RENEWAL_POLICY = 'Vw 2000 art. 26; IND policy on late renewal applications in force from 2022-07-01';

function renewalCalendar(validUntil: LocalDate): RenewalCalendar {
  const expiresAt = endOfDay(validUntil, TIME_ZONE);
  const inviteOn = computeDeadline({ jurisdiction: 'NL', kind: 'renewal-window', from: validUntil }).due;
  const deadline = {
    due: validUntil,
    dueAt: expiresAt,
    timeZone: TIME_ZONE,
    citations: [
      'Vw 2000 art. 26 (a renewal filed after the permit expired gives a permit ' +
        'from the date of filing, unless the lateness cannot be held against the holder)',
    ],
  };
  return { inviteOn, deadline, remindOn: addDays(validUntil, -RENEWAL_REMINDER_DAYS), expiresAt };
}

function renewalTiming(validUntil: LocalDate, filedOn: LocalDate): RenewalTiming {
  const { inviteOn } = renewalCalendar(validUntil);
  if (filedOn < inviteOn) {
    return { kind: 'too-early', opensOn: inviteOn, citation: 'IND practice: a renewal may be filed from three months before the permit expires' };
  }
  if (filedOn <= validUntil) return { kind: 'in-time', citation: 'Vw 2000 art. 8(g) (lawful residence while the renewal is decided)' };
  // Four weeks counted from the day after expiry; by policy, so no Algemene termijnenwet extension.
  const graceEnds = applyPeriod({ jurisdiction: 'NL', from: validUntil, length: { amount: 4, unit: 'weeks' }, direction: 'forward', extension: 'none' }).due;
  if (filedOn <= graceEnds) {
    return {
      kind: 'late-no-gap',
      graceEnds,
      citation: `${LATE_RENEWAL_POLICY} (filed within four weeks after expiry: the lateness is not held against the holder)`,
    };
  }
  return {
    kind: 'late-gap',
    gap: { from: addDays(validUntil, 1), to: addDays(filedOn, -1) },
    citation: `${LATE_RENEWAL_POLICY} (filed more than four weeks after expiry: the new permit starts on the day of filing unless the lateness is excusable)`,
  };
}

export const NL_PROCEDURE: Procedure = {
  decisionPeriod: {
    basis: 'Vw 2000 art. 25(1)',
    rollsOn: 'the decision period runs on to the next working day (Algemene termijnenwet art. 1(1))',
    suspendedForEvidence: 'Awb 4:15(1)(a)',
    extendedForCountryReport: { basis: 'Vw 2000 art. 25(2)', months: 6 },
    penalty: {
      noticeOfDefault: 'a notice of default has effect only after the decision period has ended (Awb 4:17(3))',
      compute: penaltyFor,
    },
  },
  notProcessed: { ground: 'Awb 4:5(1)(c)', sendWithinDays: 28, basis: 'Awb 4:5(4): within four weeks after the period for supplying the evidence ended' },
  countryReportOnce: 'the decision period may be extended only once, by at most six months (Vw 2000 art. 25(2))',
  remedy: { kind: 'objection', period: 'objection' },
  exceptionGrounds: {
    basis: 'Vb 2000 art. 3.50; Vc 2000 B16/2',
    grounds: {
      'incorrect-information': 'Vb 2000 art. 3.50; Vc 2000 B16/2 tenzij a (incorrect or withheld information)',
      'national-security': 'Vb 2000 art. 3.50; Vc 2000 B16/2 tenzij b (danger to national security)',
      'public-order': 'Vb 2000 art. 3.50, 3.86 and 3.87; Vc 2000 B16/2 tenzij c (public order)',
      'main-residence-abroad': 'Vb 2000 art. 3.50; Vc 2000 B16/2 tenzij d (main residence moved abroad)',
    },
  },
  bestInterests: null,
  permitRestrictions: null,
  renewal: {
    calendar: renewalCalendar,
    timing: renewalTiming,
    latenessBasis: 'Vw 2000 art. 26',
    notRenewable: () => "Vb 2000 art. 3.64 (the permit's period of validity)",
  },
  withdrawal: {
    basis: 'Vw 2000 art. 18(1)(c) and 19 (incorrect information given or information withheld)',
    obstacle: (basis, onDate) => {
      const failed = failedConditions(b16Withdrawal.evaluate({ basis }, onDate).conditions)[0];
      return failed ? `${b16Withdrawal.id}: ${failed.description} (${failed.paragraph})` : null;
    },
  },
  milestones: {
    atGrant: (facts) => {
      // Vb 2000 art. 3.50 (B16/2): the year runs from admission, as a minor, on a permit for family reunification, adoption or as a foster child.
      const f = facts as NlFacts;
      const first = firstPermitAsMinor(f.permits, f.applicant.dateOfBirth);
      return first ? { admittedAsMinorForFamilyReunification: { admittedOn: first.from, dateOfBirth: f.applicant.dateOfBirth } } : {};
    },
    conversion: (permit) =>
      permit.restriction !== OLD_ACT_ESTATE_RESTRICTION
        ? null
        : {
            dueOn: estateConversionDate(permit.validFrom),
            grounds: [
              `${CONVERSION_BASIS} (the permit "${OLD_ACT_ESTATE_RESTRICTION}" is changed ex officio ` +
                `after one year, barring contra-indications, into a permit "${CONTINUED_RESIDENCE}")`,
              `Vc 2000 B16/10 (restriction "${CONTINUED_RESIDENCE}"; ${LABOUR_MARKET_NOTES.free})`,
            ],
            terms: (convertedOn) => ({
              restriction: CONTINUED_RESIDENCE,
              labourMarketNote: LABOUR_MARKET_NOTES.free,
              validFrom: convertedOn,
              validUntil: addDays(addYears(convertedOn, CONVERSION_VALIDITY_YEARS), -1),
            }),
            contraIndicationBasis: 'Vc 2000 B16/7.1 (behoudens contra-indicaties)',
            contraIndications: CONTRA_INDICATION_GROUNDS,
          },
    independence: (permit) =>
      permit.admittedAsMinorForFamilyReunification
        ? {
            eligibleOn: moreThanOneYearOn(permit.admittedAsMinorForFamilyReunification.admittedOn),
            grounds: ['Vb 2000 art. 3.50; Vc 2000 B16/2 sub a and b (held, as a minor, a permit for family reunification, for longer than a year)'],
          }
        : null,
  },
};
