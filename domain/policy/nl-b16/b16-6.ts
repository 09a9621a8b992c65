/**
 * Vb 2000 art. 3.51 lid 1 sub d, Vc 2000 B16/6: continued residence after three years on the
 * permit for a foreign national who cannot leave the Netherlands through no fault of their own.
 */
import type { NlFacts } from '../../application/nl';
import { defineRule, routeOutcome } from '../registry';
import { NL_TEXT, PERIODS, generalConditions } from './common';
import { chains, describeSpans, lastsYears, total, withPurpose } from './history';

const B16_6 = 'Vc 2000 B16/6';

export const art351NotAtFault = defineRule<NlFacts, 'not-at-fault-permit-three-years' | 'still-meets-not-at-fault-policy'>(
  {
    id: 'nl-vb-3.51-not-at-fault',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.51 lid 1 sub d; Vc 2000 B16/6',
    title: 'Continued residence after three years on the not-at-fault permit',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'not-at-fault-permit-three-years': {
        kind: 'requirement',
        paragraph: `${B16_6} sub a`,
        description: 'held for three years a regular fixed-term permit as a foreign national who cannot leave the Netherlands through no fault of their own',
      },
      'still-meets-not-at-fault-policy': {
        kind: 'requirement',
        paragraph: `${B16_6} sub b`,
        description: 'still meets the conditions of the special policy for a foreign national who cannot leave through no fault of their own',
      },
    },
  },
  (facts, onDate, judge) => {
    const spans = chains(facts.permits, withPurpose('not-at-fault'), onDate);
    const meets = facts.notAtFault?.stillMeetsPolicyConditions;
    const conditions = [
      judge('not-at-fault-permit-three-years', lastsYears(total(spans), PERIODS.notAtFaultPermitYears), describeSpans(spans)),
      judge(
        'still-meets-not-at-fault-policy',
        meets === true,
        meets === undefined ? 'not established (notAtFault.stillMeetsPolicyConditions)' : meets ? 'met' : 'not met',
      ),
      // "er overigens geen gronden voor weigering zijn" (sub c).
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
