/**
 * Builds the schema of the facts an assessment reads, for every jurisdiction: a union
 * discriminated by `jurisdiction`, so Dutch facts can never be handed to the Norwegian rules or
 * carry Norwegian fields. A function, not built at import (see nl.ts): each call builds it afresh.
 */
import { z } from 'zod';
import { nlFactsSchema } from './nl';
import { noFactsSchema } from './no';

export const applicationFactsSchema = () => z.discriminatedUnion('jurisdiction', [nlFactsSchema(), noFactsSchema()]);
