/**
 * Vc 2000 B16/9: international obligations. Where the interference with private and family life
 * is not justified under art. 8 para. 2 ECHR, ending residence is not at issue, and continued
 * residence may be accepted on the basis of art. 8 ECHR (B2/10). Whether the interference is
 * justified is the caseworker's weighing; until it is recorded, the outcome is that assessment.
 */
import type { NlFacts } from '../../application/nl';
import { defineRule } from '../registry';
import { NL_TEXT } from './common';

const B16_9 = 'Vc 2000 B16/9';

export const b16Article8 = defineRule<NlFacts, 'relies-on-article-8' | 'interference-not-justified'>(
  {
    id: 'nl-b16-9-article-8-echr',
    ...NL_TEXT,
    citation: 'Vc 2000 B16/9; ECHR art. 8',
    title: 'Continued residence on the basis of art. 8 ECHR',
    conditions: {
      'relies-on-article-8': { kind: 'requirement', paragraph: B16_9, description: 'the applicant relies on private or family life (art. 8 ECHR)' },
      'interference-not-justified': {
        kind: 'requirement',
        paragraph: B16_9,
        description: 'ending residence would interfere with private or family life in a way not justified under art. 8 para. 2 ECHR',
      },
    },
  },
  (facts, _onDate, judge) => {
    const a = facts.article8;
    const conditions = [
      judge('relies-on-article-8', a !== undefined),
      judge(
        'interference-not-justified',
        a?.interferenceJustified === false,
        a === undefined ? undefined : a.interferenceJustified === null ? 'not yet weighed' : a.interferenceJustified ? 'justified' : 'not justified',
      ),
    ];
    const outcome =
      a === undefined
        ? 'not-eligible'
        : a.interferenceJustified === null
          ? 'humanitarian-assessment-needed'
          : a.interferenceJustified
            ? 'not-eligible'
            : 'policy-grants';
    return { outcome, conditions };
  },
);
