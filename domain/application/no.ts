/**
 * Facts of a Norwegian application for a residence permit on strong humanitarian grounds or a
 * particular connection with the realm (Immigration Act 2008 s. 38).
 *
 * Section 38 is an overall discretionary assessment; these facts are the circumstances the
 * section names, as a caseworker records them, so that the policy pack can list which are present.
 */
import { z } from 'zod';
import { applicantFields } from './common';

export const noFactsSchema = () =>
  z.strictObject({
    jurisdiction: z.literal('NO'),
    category: z.literal('strong-humanitarian-considerations'),
    applicant: z.strictObject(applicantFields),
    /** Fifth paragraph: whether there is doubt regarding the applicant's identity. */
    identity: z.enum(['established', 'in-doubt']),
    s38: z.strictObject({
      /** First paragraph: a particular connection with the realm. */
      particularConnectionWithRealm: z.boolean(),
      /** Second paragraph letter a (minority itself is read from the date of birth). */
      unaccompaniedMinor: z.strictObject({ unaccompanied: z.boolean(), properCareOnReturn: z.boolean() }),
      /** Second paragraph letter b: compelling health circumstances, for which the applicant needs to stay in the realm. */
      health: z.strictObject({ compellingCircumstances: z.boolean(), needsTreatmentInRealm: z.boolean() }),
      /** Second paragraph letter c. */
      socialOrHumanitarianSituationOnReturn: z.boolean(),
      /** Second paragraph letter d. */
      victimOfHumanTrafficking: z.boolean(),
      /** Other circumstances put forward for the overall assessment (second paragraph: "among other things"). */
      otherCircumstances: z.array(z.string().trim().min(1)).optional(),
      /** Third paragraph: children the case concerns besides the applicant (e.g. the applicant's children in the realm), described. */
      childrenConcerned: z.string().trim().min(1).nullable().optional(),
      /** Fifth paragraph: whether the need behind the application is temporary. */
      needIsTemporary: z.boolean(),
      /** Fifth paragraph: other particular grounds that indicate a restriction, described. */
      otherParticularGrounds: z.string().trim().min(1).nullable().optional(),
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
