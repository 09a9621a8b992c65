/** Norway: a residence permit on strong humanitarian considerations or a particular connection with the realm (Immigration Act s. 38). */
import { noFactsSchema } from '../../application/no';
import { noS38Pack } from '../../policy/no-immigration-act-s38';
import type { JurisdictionPack } from '../types';
import { NO_CALENDAR } from './calendar';
import { NO_PROCEDURE } from './procedure';

export const no: JurisdictionPack = {
  code: 'NO',
  name: 'Norway',
  timeZone: 'Europe/Oslo',
  calendar: NO_CALENDAR,
  procedure: NO_PROCEDURE,
  facts: noFactsSchema,
  policy: noS38Pack as JurisdictionPack['policy'],
  notices: { remedy: 'appeal' },
};
