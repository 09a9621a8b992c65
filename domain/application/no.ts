/**
 * Facts of a Norwegian application for a residence permit on strong humanitarian grounds or a
 * particular connection with the realm (Immigration Act 2008 s. 38).
 *
 * Section 38 is an overall discretionary assessment; these facts are the circumstances the
 * section names, as a caseworker records them, so that the policy pack can list which are present.
 */
import { z } from 'zod';
import { applicantFields } from './common';

export const noFactsSchema = () => z.strictObject({
  jurisdiction: z.literal('NO'),
  category: z.literal('strong-humanitarian-considerations'),
  applicant: z.strictObject(applicantFields),
  identity: z.enum(['established', 'in-doubt']),
  s38: z.strictObject({
    /** First paragraph: a particular connection with the realm. */
    particularConnectionWithRealm: z.boolean(),
    /** Second paragraph letter a (minority itself is read from the date of birth). */
    unaccompaniedMinor: z.strictObject({ unaccompanied: z.boolean(), properCareOnReturn: z.boolean() }),
    /** Second paragraph letter b. */
    health: z.strictObject({ compellingCircumstances: z.boolean(), needsTreatmentInRealm: z.boolean() }),
    /** Second paragraph letter c. */
    socialOrHumanitarianSituationOnReturn: z.boolean(),
    /** Second paragraph letter d. */
    victimOfHumanTrafficking: z.boolean(),
    /** Whether the need behind the application is of a temporary nature (restrictions paragraph). */
    needIsTemporary: z.boolean(),
    /** Immigration-control considerations the caseworker flags as engaged in this case. */
    immigrationControl: z.strictObject({
      consequencesForSimilarApplications: z.boolean(),
      socialConsequences: z.boolean(),
      controlConsiderations: z.boolean(),
      respectForOtherRules: z.boolean(),
    }),
  }),
});
export type NoFacts = z.infer<ReturnType<typeof noFactsSchema>>;
