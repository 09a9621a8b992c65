/** The Netherlands: continued residence under Vc 2000 chapter B16 (Vb 2000 art. 3.50-3.52). */
import { nlFactsSchema } from '../../application/nl';
import { nlB16Pack } from '../../policy/nl-b16';
import type { JurisdictionPack } from '../types';
import { NL_CALENDAR } from './calendar';
import { NL_LETTERS } from './letters';
import { NL_PROCEDURE } from './procedure';

export { OLD_ACT_ESTATE_RESTRICTION } from './procedure';

export const nl: JurisdictionPack = {
  code: 'NL',
  name: 'the Netherlands',
  timeZone: 'Europe/Amsterdam',
  calendar: NL_CALENDAR,
  procedure: NL_PROCEDURE,
  facts: nlFactsSchema,
  policy: nlB16Pack as JurisdictionPack['policy'],
  notices: {
    withdrawnApplication: 'Awb 1:3(3): a withdrawn application leaves no request to decide on',
    receiptWithoutDeadline: `${NL_PROCEDURE.decisionPeriod!.basis} (decision period)`,
  },
  letters: NL_LETTERS,
};
