/**
 * Vb 2000 art. 3.51 lid 1 sub b, Vc 2000 B16/4: continued residence after three years on a
 * permit for medical treatment, when the treatment is, in the minister's judgement, still needed
 * for at least one more year, and the renewal conditions were met during the whole period. The
 * same test, under art. 3.52, after a permit for a medical emergency (B16/7) uses `medicalSpans`.
 */
import { addDays, addYears, compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts, NlPermitPurpose } from '../../application/nl';
import { defineRule, routeOutcome } from '../registry';
import { NL_TEXT, PERIODS, generalConditions } from './common';
import { chains, covers, describeSpan, describeSpans, lastsYears, renewalSpan, total, withPurpose } from './history';

/** The facts of a medical route: the permit periods, whether the need lasts another year, and whether renewal conditions covered the whole period. */
export function medicalFacts(facts: NlFacts, onDate: LocalDate, purpose: NlPermitPurpose) {
  const spans = chains(facts.permits, withPurpose(purpose), onDate);
  const m = facts.medicalTreatment;
  // Periods count whole days, the first and the last included: a year from `onDate` ends the day before its anniversary.
  const yearEnds = addDays(addYears(onDate, PERIODS.medicalStillNeededYears), -1);
  const lastsAnotherYear = m?.stillNeeded === true && (m.expectedUntil === 'indefinite' || compareDates(yearEnds, m.expectedUntil) <= 0);
  const renewal = renewalSpan(facts, onDate);
  return {
    threeYears: [lastsYears(total(spans), PERIODS.medicalPermitYears), describeSpans(spans)] as [boolean, string],
    anotherYear: [
      lastsAnotherYear,
      m === undefined
        ? 'no medical facts given'
        : m.stillNeeded
          ? `needed until ${m.expectedUntil}; a year from ${onDate} runs to ${yearEnds}`
          : 'no longer needed',
    ] as [boolean, string],
    wholePeriod: [covers(renewal, spans), `renewal conditions met ${describeSpan(renewal)}; permits ${describeSpans(spans)}`] as [boolean, string],
  };
}

const B16_4 = 'Vc 2000 B16/4';

export const art351MedicalTreatment = defineRule<
  NlFacts,
  'medical-treatment-permit-three-years' | 'treatment-needed-one-more-year' | 'renewal-conditions-whole-period'
>(
  {
    id: 'nl-vb-3.51-medical-treatment',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.51 lid 1 sub b; Vc 2000 B16/4',
    title: 'Continued residence after three years of residence for medical treatment',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'medical-treatment-permit-three-years': { kind: 'requirement', paragraph: B16_4, description: 'held a permit for medical treatment for three years' },
      'treatment-needed-one-more-year': {
        kind: 'requirement',
        paragraph: B16_4,
        description: "in the minister's judgement the medical treatment will still be needed for at least one more year",
      },
      'renewal-conditions-whole-period': {
        kind: 'requirement',
        paragraph: B16_4,
        description: 'met the conditions for renewing the original permit during the whole period',
      },
    },
  },
  (facts, onDate, judge) => {
    const m = medicalFacts(facts, onDate, 'medical-treatment');
    const conditions = [
      judge('medical-treatment-permit-three-years', ...m.threeYears),
      judge('treatment-needed-one-more-year', ...m.anotherYear),
      judge('renewal-conditions-whole-period', ...m.wholePeriod),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
