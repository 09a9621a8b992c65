/** Norway: a residence permit on strong humanitarian considerations or a particular connection with the realm (Immigration Act s. 38). */
import { noFactsSchema } from '../../application/no';
import { noS38Pack } from '../../policy/no-immigration-act-s38';
import type { JurisdictionPack } from '../types';
import { NO_CALENDAR } from './calendar';
import { NO_LETTERS } from './letters';
import { NO_PROCEDURE } from './procedure';

export const no: JurisdictionPack = {
  code: 'NO',
  name: 'Norway',
  timeZone: 'Europe/Oslo',
  calendar: NO_CALENDAR,
  procedure: NO_PROCEDURE,
  facts: noFactsSchema,
  policy: noS38Pack as JurisdictionPack['policy'],
  notices: {
    // No article: the applicant ended the case, and there is no decision to base on one.
    withdrawnApplication: null,
    receiptWithoutDeadline: 'forvaltningsloven s. 11a (decision without undue delay; a preliminary reply when it takes more than a month)',
  },
  letters: NO_LETTERS,
};
