/**
 * Vc 2000 B16/7.1: the permit under the restriction "afwikkeling nalatenschap oude
 * Vreemdelingenwet" is changed ex officio, after one year (at its first renewal) and barring
 * contra-indications, into a permit "voortgezet verblijf" on the basis of articles 3.6 and 3.52
 * Vb and article 3.17a sub c VV. The permit workflow converts on that anniversary (domain/permit.ts);
 * this rule is the same conversion as an assessment of the facts.
 *
 * The text does not list the contra-indications; every refusal ground recorded in the facts is
 * taken as one, and a caseworker decides (the permit workflow asks for a review).
 */
import { addYears } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { defineRule, routeOutcome } from '../registry';
import { GROUNDS, NL_TEXT, PERIODS } from './common';
import { chains, describeSpans, lastsYears, total, withPurpose } from './history';

const B16_7_1 = 'Vc 2000 B16/7.1';

/** The articles the conversion rests on, as the text names them; a conversion cites them. */
export const CONVERSION_BASIS = 'Vb 2000 art. 3.6 and 3.52; VV art. 3.17a sub c; Vc 2000 B16/7.1';

/** The anniversary on which the estate permit converts. */
export const estateConversionDate = (validFrom: string) => addYears(validFrom, PERIODS.oldActEstatePermitYears);

export const b16OldActEstate = defineRule<NlFacts, 'estate-permit-one-year' | 'no-contra-indication' | 'ex-officio'>(
  {
    id: 'nl-b16-7.1-old-act-estate',
    ...NL_TEXT,
    citation: CONVERSION_BASIS,
    title: 'Ex officio change of the old-act estate permit into continued residence after one year',
    conditions: {
      'estate-permit-one-year': {
        kind: 'requirement',
        paragraph: B16_7_1,
        description: 'has held the permit "afwikkeling nalatenschap oude Vreemdelingenwet" (granted ex officio, art. 3.6 Vb) for one year, its first renewal',
      },
      'no-contra-indication': {
        kind: 'exclusion',
        paragraph: B16_7_1,
        description: 'no contra-indication (every refusal ground recorded in the facts counts as one)',
      },
      'ex-officio': { kind: 'note', paragraph: B16_7_1, description: 'the change is made ex officio: the holder need not apply' },
    },
  },
  (facts, onDate, judge) => {
    const spans = chains(facts.permits, withPurpose('old-act-estate'), onDate);
    const found = [
      GROUNDS.incorrectInformation(facts),
      GROUNDS.nationalSecurity(facts, onDate),
      GROUNDS.publicOrder(facts, onDate),
      GROUNDS.mainResidenceAbroad(facts, onDate),
      GROUNDS.otherGeneral(facts),
    ].filter(([absent]) => !absent);
    const conditions = [
      judge('estate-permit-one-year', lastsYears(total(spans), PERIODS.oldActEstatePermitYears), describeSpans(spans)),
      judge('no-contra-indication', found.length === 0, found.map(([, detail]) => detail).join('; ') || undefined),
      judge('ex-officio', spans.length > 0),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
