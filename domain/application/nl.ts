/**
 * Facts of a Dutch application for continued residence (Vb 2000 art. 3.50-3.52, Vc 2000 B16).
 *
 * Every field is a fact a caseworker can establish; no field holds a conclusion of law except
 * where the text itself hands the judgement to another assessment (the public-order sliding
 * scale of Vb 3.86/3.87, whether withheld information would have led to refusal, the minister's
 * judgement on how long treatment is still needed, whether the conditions of a special policy are
 * met). Optional blocks belong to one route each: leaving one out means "not claimed" or "not
 * established", and that route's conditions then fail with a readable reason.
 *
 * Fields added after the first release are optional, so that older application files keep
 * parsing; their absence means what the text takes as the default (no such fact established).
 * Fields the text does not use any more are still accepted (marked "kept so that older files
 * parse") but decide nothing.
 *
 * The schemas are built by functions, not at import: a case workflow parses its application once,
 * at its start, and lets the schema go (every module a workflow imports is kept for each cached
 * workflow). `ApplicationFacts` in facts.ts is the one built at import, for the CLI and the tests.
 */
import { z } from 'zod';
import { LocalDateSchema, PeriodSchema, applicantFields, inOrder } from './common';

/** The purpose (beperking) a residence permit was issued under. */
export const NL_PERMIT_PURPOSES = [
  'family-reunification',
  'family-formation',
  'extended-family-reunification',
  /**
   * A permit for residence with a partner. For B16/3.1 the permits for family reunification,
   * family formation and a relationship all count as held on the (marriage) relationship; which
   * form the relationship had at the time (unmarried, then married: ad b and ad c) is read from
   * `relationship.kind`, `relationship.start` and `relationship.previousForm`, not from the purpose.
   */
  'relationship',
  /** Verblijf ter adoptie (B16/2 sub a). */
  'adoption',
  /** Verblijf als pleegkind (B16/2 sub a). */
  'foster-child',
  /** Admission under the elderly policy, ouderenbeleid (B2/7; B16/3.2, B16/3.3, B16/7). */
  'elderly-policy',
  'medical-treatment',
  'medical-emergency',
  'unaccompanied-minor',
  /** Verblijf als meerderjarige ex-bama (B16/5.1). */
  'adult-ex-bama',
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

const nlPermit = () =>
  z
    .strictObject({
      purpose: z.enum(NL_PERMIT_PURPOSES),
      from: LocalDateSchema,
      to: LocalDateSchema,
      /** A temporary asylum permit (also a dependant's one). */
      asylumTemporary: z.boolean(),
    })
    .refine((p) => inOrder(p.from, p.to), { error: 'must not be before "from"', path: ['to'] })
    .refine((p) => p.purpose !== 'asylum' || p.asylumTemporary, {
      error: 'a permit with purpose "asylum" held before continued residence is an asylum-temporary permit',
      path: ['asylumTemporary'],
    });
export type NlPermit = z.infer<ReturnType<typeof nlPermit>>;

/**
 * A person's right of residence in the sense of Vb 2000 art. 3.5: `dutch-national`; `permanent`,
 * a right of a non-temporary nature (a permit, asylum or regular, for an indefinite period, or one
 * under the restriction readmission or continued residence; Vc B16/3.1 sub a); `temporary` (e.g.
 * study or medical treatment); `asylum-temporary`, the asylum permit for a fixed period (Vw art. 28).
 */
export const SPONSOR_LIVING_STATUSES = ['dutch-national', 'permanent', 'temporary', 'asylum-temporary'] as const;
export type SponsorLivingStatus = (typeof SPONSOR_LIVING_STATUSES)[number];

/** The main person (hoofdpersoon, referent) the applicant's residence derived from. */
const nlSponsor = () =>
  z.discriminatedUnion('status', [
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

/** A parent of the applicant (B16/2: born in the Netherlands to parents with a non-temporary right; a Dutch parent established here). */
const nlParent = () =>
  z.strictObject({
    status: z.enum(SPONSOR_LIVING_STATUSES),
    /** Whether the parent is established (gevestigd) in the Netherlands. */
    residesInNetherlands: z.boolean().optional(),
  });

const nlRelationship = () =>
  z
    .strictObject({
      kind: z.enum(['marriage', 'registered-partnership', 'unmarried-partnership', 'child-of-sponsor', 'other-family-member']),
      start: LocalDateSchema,
      /**
       * B16/3.1 ad b: before this marriage or registered partnership, a relationship with the same
       * main person on which the applicant already held a permit.
       */
      previousForm: z.strictObject({ kind: z.literal('unmarried-partnership'), start: LocalDateSchema }).optional(),
      ended: z
        .strictObject({
          on: LocalDateSchema,
          how: z.enum(['divorce', 'separation', 'annulment', 'death-of-main-person']),
        })
        .optional(),
    })
    .refine((r) => !r.ended || inOrder(r.start, r.ended.on), { error: 'must not be before the relationship started', path: ['ended', 'on'] })
    .refine((r) => !r.previousForm || inOrder(r.previousForm.start, r.start), {
      error: "must not be after the relationship's current form started",
      path: ['previousForm', 'start'],
    })
    .refine((r) => !r.previousForm || r.kind === 'marriage' || r.kind === 'registered-partnership', {
      error: 'only a marriage or registered partnership can follow an earlier relationship (Vc B16/3.1 ad b)',
      path: ['previousForm'],
    });

/** Facts behind the refusal grounds: of art. 3.50 (B16/2 "tenzij"), and the general refusal grounds of art. 16 Vw (B1/4). */
const nlExclusionGrounds = () =>
  z.strictObject({
    incorrectOrWithheldInformation: z
      .strictObject({
        description: z.string().min(1),
        /** Whether the true facts would have led to refusal of the original application (they led to the grant). */
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
    /** Any other general refusal ground of art. 16 Vw the caseworker established under B1/4, with its citation. */
    otherGeneralRefusalGrounds: z.array(z.strictObject({ citation: z.string().trim().min(1), description: z.string().trim().min(1) })).optional(),
  });

/** A valid document for crossing borders (B1/4.2), or the caseworker's finding that B1/4.2 exempts the applicant. */
const nlTravelDocument = () =>
  z.discriminatedUnion('status', [
    z.strictObject({ status: z.literal('valid') }),
    z.strictObject({
      status: z.literal('none'),
      /** The exemption found under B1/4.2 (a text outside chapter B16), if any. */
      exemption: z.enum(['authorities-will-not-issue', 'stateless']).nullable(),
    }),
  ]);

/** Sufficient, lasting means of subsistence (B1/4.3), or the caseworker's finding that B1/4.3 exempts the applicant. */
const nlMeans = () =>
  z.discriminatedUnion('sufficient', [
    z.strictObject({ sufficient: z.literal(true) }),
    z.strictObject({
      sufficient: z.literal(false),
      /** The exemption found under B1/4.3 (a text outside chapter B16), if any. */
      exemption: z.enum(['permanently-unable-to-work', 'reached-pension-age']).nullable(),
    }),
  ]);

/** B16/4 (treatment) and B16/7 (medical emergency): how long the minister judges it will still last. */
const nlMedicalTreatment = () =>
  z.discriminatedUnion('stillNeeded', [
    z.strictObject({ stillNeeded: z.literal(false) }),
    z.strictObject({
      stillNeeded: z.literal(true),
      /** The last day on which, in the minister's judgement (on medical advice), the treatment or emergency lasts (included), or "indefinite". */
      expectedUntil: z.union([LocalDateSchema, z.literal('indefinite')]),
    }),
  ]);

/** B16/7: violence within the family, and the documents that prove it. */
const nlViolenceWithinFamily = () =>
  z.strictObject({
    relationshipEndedBecauseOfViolence: z.boolean(),
    /** The public prosecutor prosecuted the perpetrator ex officio, without a report by the applicant. */
    prosecutedExOfficio: z.boolean().optional(),
    evidence: z.strictObject({
      /** A police record of the report (proces-verbaal van de aangifte). */
      policeReport: z.boolean(),
      /** A statement of the public prosecutor (OM) or of the police. */
      prosecutorOrPoliceStatement: z.boolean(),
      /** A statement of a doctor or a confidential doctor ((vertrouwens)arts). */
      doctorStatement: z.boolean(),
    }),
  });

/** B16/7 (huwelijks)relatie: the circumstances a to e, each a description of the facts, or null. */
const nlRelationshipFactors = () =>
  z.strictObject({
    /** a. The situation of single women in the country of origin. */
    singleWomenSituation: z.string().trim().min(1).nullable().optional(),
    /** b. The social position of women in the country of origin. */
    positionOfWomen: z.string().trim().min(1).nullable().optional(),
    /** c. Whether reception acceptable by that country's standards exists in the country of origin. */
    acceptableReceptionAvailable: z.boolean().optional(),
    /** Ad a, b and c: left behind in the country of origin against their will, without identity and residence documents. */
    leftBehindWithoutDocuments: z.string().trim().min(1).nullable().optional(),
    /** d. Care for children born in the Netherlands and/or in education here. */
    careForChildren: z.strictObject({ bornInNetherlands: z.boolean(), inEducation: z.boolean() }).nullable().optional(),
    /** Ad d: how rooted the applicant is in Dutch society. */
    rootedness: z.string().trim().min(1).nullable().optional(),
    /** Ad d: whether family life could be continued elsewhere. */
    familyLifeElsewherePossible: z.boolean().optional(),
    // Kept so that older files parse; not circumstances B16/7 names (reported as other circumstances put forward).
    honourRelatedViolenceOnReturn: z.boolean().optional(),
    socialExclusionOnReturn: z.boolean().optional(),
    caresForMinorChildInNetherlands: z.boolean().optional(),
    otherCompellingCircumstances: z.string().min(1).nullable().optional(),
  });

const nlCriminalCase = () =>
  z.discriminatedUnion('status', [
    z.strictObject({ status: z.literal('investigation') }),
    z.strictObject({ status: z.literal('prosecution') }),
    z.strictObject({
      status: z.literal('dismissed'),
      on: LocalDateSchema,
      /** A complaint against the dismissal (beklag, art. 12 Sv); a complaint upheld reopens the prosecution. */
      complaint: z.strictObject({ upheld: z.boolean() }).optional(),
    }),
    z.strictObject({
      status: z.literal('judgment'),
      /** The date of the judgment that decided the case (first instance, or the Court of Appeal). */
      on: LocalDateSchema,
      /** Irrevocable in B16/7's sense: no appeal against the first-instance judgment, or the Court of Appeal has ruled. */
      final: z.boolean(),
      conviction: z.boolean(),
      /** B16/7 ad a: human trafficking was part of the charge (a conviction for another offence charged then suffices). */
      traffickingPartOfCharge: z.boolean().optional(),
    }),
  ]);

/** B16/7 trafficking, special individual circumstances: the factors the text names, each described, or null. */
const nlTraffickingCircumstances = () =>
  z.strictObject({
    reprisalRisk: z.string().trim().min(1).nullable().optional(),
    prosecutionRisk: z.string().trim().min(1).nullable().optional(),
    reintegration: z.string().trim().min(1).nullable().optional(),
    psychologicalTreatmentInNetherlands: z.string().trim().min(1).nullable().optional(),
    careForChildren: z.string().trim().min(1).nullable().optional(),
    positionOfSingleWomen: z.string().trim().min(1).nullable().optional(),
    /** Only medical circumstances are put forward. */
    onlyMedicalCircumstances: z.boolean().optional(),
  });

const nlHumanTrafficking = () =>
  z.strictObject({
    role: z.enum(['victim', 'witness']),
    criminalCase: nlCriminalCase(),
    /** The applicant reported the trafficking or otherwise cooperated with the criminal case (default: yes, as the B9 permit presumes). */
    cooperated: z.boolean().optional(),
    /** A copy of the judgment in the criminal case was submitted (B16/7: the applicant is the first to show it). */
    judgmentCopySubmitted: z.boolean().optional(),
    /** The complaint procedure (beklag) after an earlier dismissal, after which the prosecution was taken up. */
    complaintProcedure: PeriodSchema.optional(),
    circumstances: nlTraffickingCircumstances().optional(),
  });

export const nlFactsSchema = () =>
  z
    .strictObject({
      jurisdiction: z.literal('NL'),
      category: z.literal('continued-residence'),
      applicant: z.strictObject({ ...applicantFields, bornInNetherlands: z.boolean() }),
      /** The day the application was filed; absent: the day of the assessment. */
      appliedOn: LocalDateSchema.optional(),
      permits: z.array(nlPermit()),
      sponsor: nlSponsor().optional(),
      /** The applicant's parents (one or two). */
      parents: z.array(nlParent()).min(1).max(2).optional(),
      relationship: nlRelationship().optional(),
      /** The period over which the conditions for renewing the original permit were met. */
      renewalConditionsMet: PeriodSchema.optional(),
      /** B16/7: the day the conditions of extended family reunification or the elderly policy were no longer met. */
      admissionConditionsNoLongerMetOn: LocalDateSchema.optional(),
      exclusionGrounds: nlExclusionGrounds(),
      travelDocument: nlTravelDocument(),
      means: nlMeans(),
      medicalTreatment: nlMedicalTreatment().optional(),
      unaccompaniedMinor: z
        .strictObject({
          /** B16/5 sub c: on the reference date, the applicant still meets the conditions of the special policy for unaccompanied minors. */
          meetsPolicyConditions: z.boolean().optional(),
          /** B16/7 Amv sub c: throughout the residence, the applicant met the conditions of that policy. */
          metPolicyConditionsThroughout: z.boolean().optional(),
          /** Kept so that older files parse; not a condition of B16/5 or B16/7. */
          adequateCareAvailableOnReturn: z.boolean().optional(),
        })
        .optional(),
      /** B16/5.1 (art. 9.4 Vb): a first decision on an asylum application that grants an Amv permit ex officio. */
      amvTransitional: z
        .strictObject({
          firstAsylumDecisionGrantsAmvPermit: z.boolean(),
          /** Qualifies for residence under the Amv policy then in force. */
          qualifiesUnderAmvPolicy: z.boolean(),
        })
        .optional(),
      /** B16/5.1: a minor once refused an Amv permit because he was accompanied, who applied a second time. */
      accompaniedMinor: z
        .strictObject({
          earlierAsylumApplicationOn: LocalDateSchema,
          refusedAsAccompaniedMinor: z.boolean(),
          /** Ex tunc, as of the first decision, he would have qualified for the Amv permit. */
          wouldHaveQualifiedExTunc: z.boolean(),
          /** On that permit he would eventually have qualified for continued residence. */
          wouldHaveQualifiedForContinuedResidence: z.boolean(),
          /** The day of the second application. */
          secondApplicationOn: LocalDateSchema,
          /** The day he would have qualified for continued residence under art. 3.51 had the first decision followed the new view. */
          wouldHaveQualifiedUnder351On: LocalDateSchema.optional(),
        })
        .optional(),
      notAtFault: z
        .strictObject({
          /** B16/6 sub b: the applicant still meets the conditions of the not-at-fault policy. */
          stillMeetsPolicyConditions: z.boolean().optional(),
          /** Kept so that older files parse; not conditions of B16/6. */
          stillCannotLeave: z.boolean().optional(),
          ownEffortsDemonstrated: z.boolean().optional(),
        })
        .optional(),
      violenceWithinFamily: nlViolenceWithinFamily().optional(),
      relationshipFactors: nlRelationshipFactors().optional(),
      /** B16/7: the compelling humanitarian reasons the applicant puts forward, and whether they are substantiated with documents. */
      humanitarianClaim: z.strictObject({ reasons: z.array(z.string().trim().min(1)), substantiated: z.boolean() }).optional(),
      humanTrafficking: nlHumanTrafficking().optional(),
      /** B16/9: the applicant relies on art. 8 ECHR; whether the interference is justified under its second paragraph (null: not yet assessed). */
      article8: z.strictObject({ interferenceJustified: z.boolean().nullable() }).optional(),
    })
    .superRefine((f, ctx) => {
      // Cross-field facts that cannot both be true.
      if (f.relationship?.ended?.how === 'death-of-main-person') {
        if (f.sponsor?.status !== 'deceased') {
          ctx.addIssue({
            code: 'custom',
            path: ['sponsor', 'status'],
            message: 'must be "deceased" when the relationship ended by the death of the main person',
          });
        } else if (f.sponsor.diedOn !== f.relationship.ended.on) {
          ctx.addIssue({ code: 'custom', path: ['relationship', 'ended', 'on'], message: `must equal sponsor.diedOn (${f.sponsor.diedOn})` });
        }
      }
      if (f.relationship && !f.sponsor) {
        ctx.addIssue({ code: 'custom', path: ['sponsor'], message: 'is required when a relationship with the main person is given' });
      }
      f.permits.forEach((p, i) => {
        if (!inOrder(f.applicant.dateOfBirth, p.from)) {
          ctx.addIssue({ code: 'custom', path: ['permits', i, 'from'], message: "must not be before the applicant's date of birth" });
        }
      });
    });
export type NlFacts = z.infer<ReturnType<typeof nlFactsSchema>>;
