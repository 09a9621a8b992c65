/**
 * Building blocks shared by every jurisdiction's application facts. Schemas are built once, at
 * import, and hold no state.
 */
import { z } from 'zod';
import { isLocalDate } from '../calendar/dates';

/** A calendar day `YYYY-MM-DD`; 2026-02-30 is rejected, not rolled over. */
export const LocalDateSchema = z.string().refine(isLocalDate, { error: 'must be a calendar date in the form YYYY-MM-DD' });

/** ISO 3166-1 alpha-3, the code printed in travel documents ("XXA" for a stateless person). */
export const NationalitySchema = z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. "MAR"' });

/** Applicant fields every jurisdiction reads. */
export const applicantFields = {
  dateOfBirth: LocalDateSchema,
  nationality: NationalitySchema,
};

/**
 * `a` is not after `b`. Invalid dates already carry their own problem (zod runs refinements of an
 * object even when a field's refinement failed), so they are not compared: one problem, not two.
 */
export const inOrder = (a: string, b: string) => !(isLocalDate(a) && isLocalDate(b)) || a <= b;

/** An inclusive period of calendar days. */
export const PeriodSchema = z
  .strictObject({ from: LocalDateSchema, to: LocalDateSchema })
  .refine((p) => inOrder(p.from, p.to), { error: 'must not be before "from"', path: ['to'] });
