/**
 * Vc 2000 B16/7.1: the permit granted under the regulation winding up the old Aliens Act
 * (Regeling afwikkeling nalatenschap oude Vreemdelingenwet, in force 15 June 2007) converts to
 * continued residence after one year.
 */
import type { NlFacts } from '../../application/nl';
import { condition, defineRule, routeOutcome } from '../registry';
import { PERIODS, exclusionConditions } from './common';
import { counts, describeSpan, lastsYears, latestChain } from './history';

export const b16OldActEstate = defineRule<NlFacts>(
  {
    id: 'nl-b16-7.1-old-act-estate',
    version: '2007-06-15',
    citation: 'Vc 2000 B16/7.1; Regeling afwikkeling nalatenschap oude Vreemdelingenwet',
    title: 'Conversion of the old-act estate permit after one year',
    validFrom: '2007-06-15',
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(['old-act-estate']), onDate);
    const conditions = [
      condition(
        'estate-permit-period',
        'requirement',
        `held the old-act estate permit without a break for ${PERIODS.oldActEstatePermitYears} year`,
        lastsYears(chain, PERIODS.oldActEstatePermitYears),
        { detail: describeSpan(chain) },
      ),
      // The regulation itself already screened information given; only later grounds bar conversion.
      ...exclusionConditions(facts, onDate, ['national-security', 'public-order', 'main-residence-abroad']),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
