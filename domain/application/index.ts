export * from './facts';
export type { NlFacts, NlPermit, NlPermitPurpose, NlSponsor } from './nl';
export type { NoFacts } from './no';
export { NlFactsSchema } from './nl';
export { NoFactsSchema } from './no';
export { LocalDateSchema } from './common';
