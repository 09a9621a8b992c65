/**
 * Vc 2000 B16/10: a continued-residence permit is granted under the restriction "voortgezet
 * verblijf". Its labour-market note reads "arbeid uitsluitend toegestaan indien werkgever beschikt
 * over TWV" when the earlier permit was granted under the restriction "medische behandeling" or
 * "verblijf vanwege medische noodsituatie", and "arbeid vrij toegestaan. TWV niet vereist." in
 * the other cases. The notes are quoted as the text words them: they are what the permit says.
 */
import type { NlFacts } from '../../application/nl';
import { defineRule } from '../registry';
import { NL_TEXT } from './common';
import { latestPermitBefore } from './history';

export const CONTINUED_RESIDENCE = 'voortgezet verblijf';
export const LABOUR_MARKET_NOTES = {
  free: 'arbeid vrij toegestaan. TWV niet vereist.',
  'twv-required': 'arbeid uitsluitend toegestaan indien werkgever beschikt over TWV',
} as const;
export type LabourMarket = keyof typeof LABOUR_MARKET_NOTES;

export const b16Restriction = defineRule<NlFacts, 'earlier-permit-medical'>(
  {
    id: 'nl-b16-10-restriction',
    ...NL_TEXT,
    citation: 'Vc 2000 B16/10',
    title: 'Restriction "voortgezet verblijf" and the labour-market note',
    conditions: {
      'earlier-permit-medical': {
        kind: 'note',
        paragraph: 'Vc 2000 B16/10',
        description:
          'the earlier permit was granted under the restriction "medische behandeling" or "verblijf vanwege medische noodsituatie": ' +
          `the labour-market note reads "${LABOUR_MARKET_NOTES['twv-required']}"`,
      },
    },
  },
  (facts, onDate, judge) => {
    const earlier = latestPermitBefore(facts.permits, onDate);
    const medical = earlier?.purpose === 'medical-treatment' || earlier?.purpose === 'medical-emergency';
    const labourMarket: LabourMarket = medical ? 'twv-required' : 'free';
    return {
      conditions: [judge('earlier-permit-medical', medical, earlier ? `earlier permit: ${earlier.purpose} until ${earlier.to}` : 'no earlier permit')],
      effects: { restriction: CONTINUED_RESIDENCE, labourMarket, labourMarketNote: LABOUR_MARKET_NOTES[labourMarket] },
    };
  },
);
