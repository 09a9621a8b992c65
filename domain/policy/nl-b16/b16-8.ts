/**
 * Vc 2000 B16/8: the legal position of a permit "voortgezet verblijf". It is not withdrawn, and
 * its renewal is not refused, because the holder no longer meets the conditions of the special
 * policy under which earlier residence was allowed. Its renewal may be refused (art. 18 lid 1 sub
 * c Vw), and the permit withdrawn (art. 19 Vw), for incorrect or withheld information that would
 * have led to refusal of the original application.
 */
import { z } from 'zod';
import type { LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { defineRule, routeOutcome } from '../registry';
import { GROUNDS, NL_TEXT } from './common';
import { latestPermitBefore } from './history';

const B16_8 = 'Vc 2000 B16/8';

export const b16Renewal = defineRule<NlFacts, 'holds-continued-residence-permit' | 'no-incorrect-information'>(
  {
    id: 'nl-b16-8-renewal',
    ...NL_TEXT,
    citation: 'Vc 2000 B16/8; Vw 2000 art. 18 lid 1 sub c',
    title: 'Renewal of a permit "voortgezet verblijf"',
    conditions: {
      'holds-continued-residence-permit': {
        kind: 'requirement',
        paragraph: B16_8,
        description:
          'the application renews a permit "voortgezet verblijf" (the latest permit held); the conditions of the earlier special policy are not examined again',
      },
      'no-incorrect-information': {
        kind: 'exclusion',
        paragraph: `${B16_8}; Vw 2000 art. 18 lid 1 sub c`,
        description: 'no incorrect or withheld information that would have led to refusal of the original application',
      },
    },
  },
  (facts, onDate, judge) => {
    const latest = latestPermitBefore(facts.permits, onDate);
    const conditions = [
      judge(
        'holds-continued-residence-permit',
        latest?.purpose === 'continued-residence',
        latest ? `latest permit: ${latest.purpose} ${latest.from} to ${latest.to}` : 'no permit',
      ),
      judge('no-incorrect-information', ...GROUNDS.incorrectInformation(facts)),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

/** What a withdrawal of a continued-residence permit rests on (the permit workflow's `withdraw` action). */
export const withdrawalFactsSchema = () => z.strictObject({ basis: z.enum(['incorrect-information', 'conditions-no-longer-met']) });
export type WithdrawalFacts = z.infer<ReturnType<typeof withdrawalFactsSchema>>;

export const b16Withdrawal = defineRule<WithdrawalFacts, 'withdrawn-for-incorrect-information-only'>(
  {
    id: 'nl-b16-8-withdrawal',
    ...NL_TEXT,
    citation: 'Vc 2000 B16/8; Vw 2000 art. 19',
    title: 'Withdrawal of a permit "voortgezet verblijf"',
    conditions: {
      'withdrawn-for-incorrect-information-only': {
        kind: 'requirement',
        paragraph: `${B16_8}; Vw 2000 art. 19`,
        description:
          'the permit is withdrawn for incorrect or withheld information (art. 19 Vw), ' +
          'not because the holder no longer meets the conditions of the earlier special policy',
      },
    },
  },
  (facts, _onDate: LocalDate, judge) => ({
    conditions: [judge('withdrawn-for-incorrect-information-only', facts.basis === 'incorrect-information', `basis: ${facts.basis}`)],
  }),
);
