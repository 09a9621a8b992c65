/**
 * Builds the schema of the facts an assessment reads, for every jurisdiction: a union
 * discriminated by `jurisdiction`, so Dutch facts can never be handed to the Norwegian rules or
 * carry Norwegian fields. A function, not built at import (see nl.ts): each call builds it afresh,
 * from every pack known then (the shipped ones, and one registered at start-up).
 */
import { z } from 'zod';
import { jurisdictionPack, knownJurisdictions } from '../jurisdictions/registry';
import { nlFactsSchema } from './nl';
import { noFactsSchema } from './no';

/** The shipped jurisdictions' facts: what the code's types know. */
export const shippedFactsSchema = () => z.discriminatedUnion('jurisdiction', [nlFactsSchema(), noFactsSchema()]);
type ShippedFactsSchema = ReturnType<typeof shippedFactsSchema>;

/** Every known pack's facts; typed as the shipped ones (a registered pack's facts are its own business). */
export const applicationFactsSchema = (): ShippedFactsSchema =>
  z.discriminatedUnion('jurisdiction', knownJurisdictions().map((code) => jurisdictionPack(code).facts()) as never) as ShippedFactsSchema;
