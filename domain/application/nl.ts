/**
 * Facts of a Dutch application for continued residence (Vb 2000 art. 3.50-3.52, Vc 2000 B16).
 *
 * Every field is a fact a caseworker can establish; no field holds a conclusion of law except
 * where the law itself hands the judgement to a separate assessment (the public-order sliding
 * scale of Vb 3.86/3.87, whether withheld information would have led to refusal). Optional
 * blocks belong to one route each: leaving one out means "not claimed", and that route's
 * conditions then fail with a readable reason.
 *
 * The schemas are built by functions, not at import: a case workflow parses its application once,
 * at its start, and lets the schema go (every module a workflow imports is kept for each cached
 * workflow; these schemas are about 200 KiB of a cached case's heap). `ApplicationFacts` in
 * facts.ts is the one built at import, for the CLI, the permit and the tests.
 */
import { z } from 'zod';
import { LocalDateSchema, PeriodSchema, applicantFields, inOrder } from './common';

/** The purpose (beperking) a residence permit was issued under. */
export const NL_PERMIT_PURPOSES = [
  'family-reunification',
  'family-formation',
  'extended-family-reunification',
  'relationship',
  'medical-treatment',
  'medical-emergency',
  'unaccompanied-minor',
  'not-at-fault',
  'human-trafficking',
  'old-act-estate',
  'continued-residence',
  'study',
  'work',
  'asylum',
  'other',
] as const;
export type NlPermitPurpose = (typeof NL_PERMIT_PURPOSES)[number];

const nlPermit = () => z
  .strictObject({
    purpose: z.enum(NL_PERMIT_PURPOSES),
    from: LocalDateSchema,
    to: LocalDateSchema,
    /** A temporary asylum permit (also a dependant's one): it never counts as regular residence. */
    asylumTemporary: z.boolean(),
  })
  .refine((p) => inOrder(p.from, p.to), { error: 'must not be before "from"', path: ['to'] })
  .refine((p) => p.purpose !== 'asylum' || p.asylumTemporary, {
    error: 'a permit with purpose "asylum" held before continued residence is an asylum-temporary permit',
    path: ['asylumTemporary'],
  });
export type NlPermit = z.infer<ReturnType<typeof nlPermit>>;

export const SPONSOR_LIVING_STATUSES = ['dutch-national', 'permanent', 'temporary', 'asylum-temporary'] as const;
export type SponsorLivingStatus = (typeof SPONSOR_LIVING_STATUSES)[number];

/** The main person (hoofdpersoon, referent) the applicant's residence derived from. */
const nlSponsor = () => z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('dutch-national') }),
  z.strictObject({ status: z.literal('permanent') }),
  z.strictObject({ status: z.literal('temporary') }),
  z.strictObject({ status: z.literal('asylum-temporary') }),
  z.strictObject({
    status: z.literal('deceased'),
    diedOn: LocalDateSchema,
    statusAtDeath: z.enum(SPONSOR_LIVING_STATUSES),
  }),
]);
export type NlSponsor = z.infer<ReturnType<typeof nlSponsor>>;

const nlRelationship = () => z
  .strictObject({
    kind: z.enum(['marriage', 'registered-partnership', 'unmarried-partnership', 'child-of-sponsor', 'other-family-member']),
    start: LocalDateSchema,
    ended: z
      .strictObject({
        on: LocalDateSchema,
        how: z.enum(['divorce', 'separation', 'annulment', 'death-of-main-person']),
      })
      .optional(),
  })
  .refine((r) => !r.ended || inOrder(r.start, r.ended.on), { error: 'must not be before the relationship started', path: ['ended', 'on'] });

/** Facts behind the four grounds that exclude continued residence (Vb 3.50 lid 3; general grounds of art. 16 Vw). */
const nlExclusionGrounds = () => z.strictObject({
  incorrectOrWithheldInformation: z
    .strictObject({
      description: z.string().min(1),
      /** Whether the true facts would have led to refusal of the original application or its renewal. */
      wouldHaveLedToRefusal: z.boolean(),
    })
    .nullable(),
  nationalSecurity: z.strictObject({ establishedOn: LocalDateSchema, source: z.string().min(1) }).nullable(),
  publicOrder: z
    .strictObject({
      basis: z.enum(['vb-3.86', 'vb-3.87']),
      convictedOn: LocalDateSchema,
      offence: z.string().min(1),
      /** Whether the sentence reaches the threshold of the sliding scale in that article. */
      thresholdMet: z.boolean(),
    })
    .nullable(),
  mainResidenceAbroad: z.strictObject({ movedOn: LocalDateSchema }).nullable(),
});

const nlTravelDocument = () => z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('valid') }),
  z.strictObject({
    status: z.literal('none'),
    /** Why none is required, if a B16/3.2 exemption is claimed. */
    exemption: z.enum(['authorities-will-not-issue', 'stateless']).nullable(),
  }),
]);

const nlMeans = () => z.discriminatedUnion('sufficient', [
  z.strictObject({ sufficient: z.literal(true) }),
  z.strictObject({
    sufficient: z.literal(false),
    exemption: z.enum(['permanently-unable-to-work', 'reached-pension-age']).nullable(),
  }),
]);

const nlMedicalTreatment = () => z.discriminatedUnion('stillNeeded', [
  z.strictObject({ stillNeeded: z.literal(false) }),
  z.strictObject({
    stillNeeded: z.literal(true),
    /** The date a doctor (BMA) expects the treatment to end, or "indefinite". */
    expectedUntil: z.union([LocalDateSchema, z.literal('indefinite')]),
  }),
]);

const nlViolenceWithinFamily = () => z.strictObject({
  relationshipEndedBecauseOfViolence: z.boolean(),
  evidence: z.strictObject({
    policeReport: z.boolean(),
    prosecutorOrPoliceStatement: z.boolean(),
    doctorStatement: z.boolean(),
  }),
});

const nlCriminalCase = () => z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('investigation') }),
  z.strictObject({ status: z.literal('prosecution') }),
  z.strictObject({ status: z.literal('dismissed'), on: LocalDateSchema }),
  z.strictObject({ status: z.literal('judgment'), on: LocalDateSchema, final: z.boolean(), conviction: z.boolean() }),
]);

export const nlFactsSchema = () => z
  .strictObject({
    jurisdiction: z.literal('NL'),
    category: z.literal('continued-residence'),
    applicant: z.strictObject({ ...applicantFields, bornInNetherlands: z.boolean() }),
    permits: z.array(nlPermit()),
    sponsor: nlSponsor().optional(),
    relationship: nlRelationship().optional(),
    /** The period over which the conditions for renewing the original permit were met. */
    renewalConditionsMet: PeriodSchema.optional(),
    exclusionGrounds: nlExclusionGrounds(),
    travelDocument: nlTravelDocument(),
    means: nlMeans(),
    medicalTreatment: nlMedicalTreatment().optional(),
    unaccompaniedMinor: z.strictObject({ adequateCareAvailableOnReturn: z.boolean() }).optional(),
    notAtFault: z.strictObject({ stillCannotLeave: z.boolean(), ownEffortsDemonstrated: z.boolean() }).optional(),
    violenceWithinFamily: nlViolenceWithinFamily().optional(),
    /** Circumstances of art. 3.52 after the relationship ended, other than violence within the family. */
    relationshipFactors: z
      .strictObject({
        honourRelatedViolenceOnReturn: z.boolean(),
        socialExclusionOnReturn: z.boolean(),
        caresForMinorChildInNetherlands: z.boolean(),
        otherCompellingCircumstances: z.string().min(1).nullable(),
      })
      .optional(),
    humanTrafficking: z.strictObject({ role: z.enum(['victim', 'witness']), criminalCase: nlCriminalCase() }).optional(),
  })
  .superRefine((f, ctx) => {
    // Cross-field facts that cannot both be true.
    if (f.relationship?.ended?.how === 'death-of-main-person') {
      if (f.sponsor?.status !== 'deceased') {
        ctx.addIssue({ code: 'custom', path: ['sponsor', 'status'], message: 'must be "deceased" when the relationship ended by the death of the main person' });
      } else if (f.sponsor.diedOn !== f.relationship.ended.on) {
        ctx.addIssue({ code: 'custom', path: ['relationship', 'ended', 'on'], message: `must equal sponsor.diedOn (${f.sponsor.diedOn})` });
      }
    }
    if (f.relationship && !f.sponsor) {
      ctx.addIssue({ code: 'custom', path: ['sponsor'], message: 'is required when a relationship with the main person is given' });
    }
    f.permits.forEach((p, i) => {
      if (!inOrder(f.applicant.dateOfBirth, p.from)) {
        ctx.addIssue({ code: 'custom', path: ['permits', i, 'from'], message: 'must not be before the applicant\'s date of birth' });
      }
    });
  });
export type NlFacts = z.infer<ReturnType<typeof nlFactsSchema>>;
