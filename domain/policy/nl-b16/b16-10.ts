/**
 * Vc 2000 B16/10: a granted continued-residence permit carries the restriction "voortgezet
 * verblijf". Work is then free, except after a permit for medical treatment or a medical
 * emergency: that residence was never meant to lead to the labour market, so the employer
 * still needs a work permit (TWV, Wet arbeid vreemdelingen).
 */
import type { NlFacts } from '../../application/nl';
import { condition, defineRule } from '../registry';
import { MEDICAL_PURPOSES, latestPermitBefore } from './history';

export const b16Restriction = defineRule<NlFacts>(
  {
    id: 'nl-b16-10-restriction',
    version: '2001-04-01',
    citation: 'Vc 2000 B16/10; Wav art. 2 (TWV)',
    title: 'Restriction "voortgezet verblijf" and the labour-market note',
    validFrom: '2001-04-01',
  },
  (facts, onDate) => {
    const previous = latestPermitBefore(facts.permits, onDate);
    const afterMedical = previous !== undefined && MEDICAL_PURPOSES.includes(previous.purpose);
    const conditions = [
      condition('previous-permit-not-medical', 'factor', 'the previous permit was not for medical treatment or a medical emergency', !afterMedical, {
        detail: previous ? `previous permit: ${previous.purpose} until ${previous.to}` : 'no previous permit',
      }),
    ];
    return {
      conditions,
      effects: {
        restriction: 'voortgezet verblijf',
        labourMarket: afterMedical ? 'twv-required' : 'free',
        labourMarketNote: afterMedical
          ? 'work only with a TWV (work permit): the previous residence was for medical treatment or a medical emergency'
          : 'free to work; no TWV required',
      },
    };
  },
);
