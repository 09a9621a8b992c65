export * from './facts';
export type { NlFacts, NlPermit, NlPermitPurpose, NlSponsor } from './nl';
export type { NoFacts } from './no';
export { nlFactsSchema } from './nl';
export { noFactsSchema } from './no';
export { applicationFactsSchema } from './schema';
export { LocalDateSchema } from './common';
