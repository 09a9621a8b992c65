/**
 * What several Dutch routes share: the text they implement, its periods, the facts behind each
 * refusal ground, and the general conditions of art. 16 Vw that B16/1 applies to every route
 * "tenzij hieronder anders is aangegeven" (unless a paragraph says otherwise).
 */
import { compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts, NlSponsor, SponsorLivingStatus } from '../../application/nl';
import { defineRule, included } from '../registry';
import type { Condition, ConditionSpec } from '../types';

/** The text of chapter B16 in this folder is the version every rule implements, on every date. */
export const NL_TEXT = {
  version: 'vc2000-b16',
  source: 'Vc 2000 chapter B16 (Vb 2000 art. 3.50-3.52), the text in domain/policy/nl-b16/nl-vc2000-b16.txt (../shared/law)',
} as const;

/** The periods the text states, each where it states it. A later period is a new dated rule version naming its publication. */
export const PERIODS = {
  /** B16/2 sub b: the permit held "langer dan een jaar". */
  residenceAsMinorMoreThanYears: 1,
  /** B16/2 (Nederlandse ouder): majority "in het jaar na zijn verblijfsaanvaarding". */
  majorityWithinYearsOfAdmission: 1,
  /** B16/3.1 sub b and c, B16/3.2 sub a and b: three years. */
  familyYears: 3,
  /** B16/3.1 ad c (art. 9.6 Vb): at least one year but less than three on the marriage; the marriage lasted three. */
  transitionalMarriagePermitMinYears: 1,
  transitionalMarriagePermitMaxYears: 3,
  transitionalMarriageLastedYears: 3,
  /** B16/3.1 ad c: the permit was granted before 11 December 2000. */
  transitionalMarriageGrantedBefore: '2000-12-11',
  /** B16/4 and B16/7 (medische noodsituatie): three years on the permit, and still at least one more year. */
  medicalPermitYears: 3,
  medicalStillNeededYears: 1,
  /** B16/5 sub a: three years on the Amv permit. */
  unaccompaniedMinorPermitYears: 3,
  /** B16/5.1: the date the current Amv policy took effect (4 January 2001). */
  amvPolicyFrom: '2001-01-04',
  /** B16/6 sub a: three years on the not-at-fault permit. */
  notAtFaultPermitYears: 3,
  /** B16/7: the relationship, or extended family reunification, ended within three years after admission. */
  humanitarianWithinYearsOfAdmission: 3,
  /** B16/7: three years or longer on the B9 permit. */
  traffickingPermitYears: 3,
  /** B16/7 Amv sub b: three years on a residence permit (any permit). */
  formerUnaccompaniedMinorPermitYears: 3,
  /** B16/7 ad e: the regulation on violence within the family applies from 17 October 2003. */
  violenceRegulationFrom: '2003-10-17',
  /** B16/7.1: the old-act estate permit converts after one year. */
  oldActEstatePermitYears: 1,
} as const;

export const NON_TEMPORARY: readonly SponsorLivingStatus[] = ['dutch-national', 'permanent'];

/** The main person's right of residence (at death, for one who died). */
export const sponsorStatus = (sponsor: NlSponsor | undefined): SponsorLivingStatus | undefined =>
  sponsor === undefined ? undefined : sponsor.status === 'deceased' ? sponsor.statusAtDeath : sponsor.status;

/** A right of a non-temporary nature (art. 3.5 Vb): not a temporary one, and not the asylum permit for a fixed period. */
export const sponsorIsNonTemporary = (facts: NlFacts) => {
  const status = sponsorStatus(facts.sponsor);
  return status !== undefined && NON_TEMPORARY.includes(status);
};
export const describeSponsor = (facts: NlFacts) =>
  facts.sponsor
    ? facts.sponsor.status === 'deceased'
      ? `deceased ${facts.sponsor.diedOn}; right at death: ${facts.sponsor.statusAtDeath}`
      : facts.sponsor.status
    : 'no main person given';

/** The day the application was filed: `appliedOn`, or the assessment date. */
export const appliedOn = (facts: NlFacts, onDate: LocalDate) => facts.appliedOn ?? onDate;

const established = (on: LocalDate, onDate: LocalDate) => compareDates(on, onDate) <= 0;

/** The facts behind each refusal ground: whether it is absent on `onDate`, and what was found. */
export const GROUNDS = {
  incorrectInformation: (facts: NlFacts): [boolean, string | undefined] => {
    const g = facts.exclusionGrounds.incorrectOrWithheldInformation;
    return [!(g?.wouldHaveLedToRefusal ?? false), g ? `${g.description}${g.wouldHaveLedToRefusal ? '' : ' (would not have led to refusal)'}` : undefined];
  },
  nationalSecurity: (facts: NlFacts, onDate: LocalDate): [boolean, string | undefined] => {
    const g = facts.exclusionGrounds.nationalSecurity;
    return [g === null || !established(g.establishedOn, onDate), g ? `${g.source}, established ${g.establishedOn}` : undefined];
  },
  publicOrder: (facts: NlFacts, onDate: LocalDate): [boolean, string | undefined] => {
    const g = facts.exclusionGrounds.publicOrder;
    return [
      g === null || !g.thresholdMet || !established(g.convictedOn, onDate),
      g ? `${g.basis}: ${g.offence}, convicted ${g.convictedOn}${g.thresholdMet ? '' : ' (below the threshold)'}` : undefined,
    ];
  },
  mainResidenceAbroad: (facts: NlFacts, onDate: LocalDate): [boolean, string | undefined] => {
    const g = facts.exclusionGrounds.mainResidenceAbroad;
    return [g === null || !established(g.movedOn, onDate), g ? `moved ${g.movedOn}` : undefined];
  },
  otherGeneral: (facts: NlFacts): [boolean, string | undefined] => {
    const other = facts.exclusionGrounds.otherGeneralRefusalGrounds ?? [];
    return [other.length === 0, other.length ? other.map((g) => `${g.citation}: ${g.description}`).join('; ') : undefined];
  },
};

const GENERAL = 'Vc 2000 B16/1 (art. 16 Vw';

/**
 * B16/1: "Naast de beleidsregels in B16 zijn, tenzij hieronder anders is aangegeven, ook de
 * beleidsregels met betrekking tot de algemene voorwaarden van artikel 16 Vw van toepassing.
 * Verwezen wordt naar B1/4." Each general condition is phrased as the absence of a general refusal
 * ground. Chapter B1 is not part of the text here: whether an exemption of B1/4.2 or B1/4.3
 * applies, or another ground of B1/4 was established, is the caseworker's finding, recorded as a fact.
 */
export const b16GeneralConditions = defineRule<
  NlFacts,
  'valid-travel-document' | 'sufficient-means' | 'no-public-order-ground' | 'no-danger-to-national-security' | 'no-other-general-refusal-ground'
>(
  {
    id: 'nl-b16-1-general-conditions',
    ...NL_TEXT,
    citation: 'Vc 2000 B16/1; Vw 2000 art. 16; Vc 2000 B1/4',
    title: 'The general conditions of art. 16 Vw, which apply to every route unless a paragraph says otherwise',
    conditions: {
      'valid-travel-document': {
        kind: 'exclusion',
        paragraph: `${GENERAL}; B1/4.2)`,
        description: 'holds a valid document for crossing borders, or B1/4.2 exempts the applicant',
      },
      'sufficient-means': {
        kind: 'exclusion',
        paragraph: `${GENERAL}; B1/4.3)`,
        description: 'has sufficient, lasting means of subsistence, or B1/4.3 exempts the applicant',
      },
      'no-public-order-ground': {
        kind: 'exclusion',
        paragraph: `${GENERAL}; Vb 2000 art. 3.86, 3.87)`,
        description: 'no conviction reaching the threshold of Vb 3.86 or 3.87 (public order)',
      },
      'no-danger-to-national-security': { kind: 'exclusion', paragraph: `${GENERAL})`, description: 'the applicant is not a danger to national security' },
      'no-other-general-refusal-ground': {
        kind: 'exclusion',
        paragraph: `${GENERAL}; B1/4)`,
        description: 'no other general refusal ground of art. 16 Vw (B1/4) was established',
      },
    },
  },
  (facts, onDate, judge) => {
    const d = facts.travelDocument;
    const m = facts.means;
    return {
      conditions: [
        judge(
          'valid-travel-document',
          d.status === 'valid' || d.exemption !== null,
          d.status === 'valid' ? 'valid document' : d.exemption ? `exempt (B1/4.2): ${d.exemption}` : 'no valid document and no exemption',
        ),
        judge(
          'sufficient-means',
          m.sufficient || m.exemption !== null,
          m.sufficient ? 'sufficient' : m.exemption ? `exempt (B1/4.3): ${m.exemption}` : 'insufficient and no exemption',
        ),
        judge('no-public-order-ground', ...GROUNDS.publicOrder(facts, onDate)),
        judge('no-danger-to-national-security', ...GROUNDS.nationalSecurity(facts, onDate)),
        judge('no-other-general-refusal-ground', ...GROUNDS.otherGeneral(facts)),
      ],
    };
  },
);

export type GeneralConditionId = keyof typeof b16GeneralConditions.conditions;

/** The general conditions of B16/1 as a route includes them, evaluated on `onDate`, without those the route's paragraph waives. */
export function generalConditions(facts: NlFacts, onDate: LocalDate, waived: readonly GeneralConditionId[] = []): Condition[] {
  return included(b16GeneralConditions.evaluate(facts, onDate)).filter((c) => !waived.includes(c.id as GeneralConditionId));
}

/** Travel document and means, the two general conditions that B16/3.1, 3.2, 3.3 and 7 (Amv) waive. */
export const DOCUMENT_AND_MEANS: readonly GeneralConditionId[] = ['valid-travel-document', 'sufficient-means'];

/** Whether the applicant lacks what a waiver covers, and the facts (for the waiver conditions of the routes). */
export const lacks = {
  travelDocument: (facts: NlFacts): [boolean, string] => [
    facts.travelDocument.status === 'none',
    facts.travelDocument.status === 'valid' ? 'has a valid document' : 'no valid document',
  ],
  means: (facts: NlFacts): [boolean, string] => [!facts.means.sufficient, facts.means.sufficient ? 'sufficient means' : 'insufficient means'],
};

/** The compelling humanitarian reasons put forward, and whether the applicant substantiated them (B16/7). */
export const humanitarianReasons = (facts: NlFacts) => facts.humanitarianClaim?.reasons ?? [];
export const claimNotSubstantiated = (facts: NlFacts): [boolean, string] =>
  facts.humanitarianClaim === undefined
    ? [true, 'no substantiation recorded (humanitarianClaim.substantiated)']
    : [!facts.humanitarianClaim.substantiated, facts.humanitarianClaim.substantiated ? 'substantiated with documents' : 'not (sufficiently) substantiated'];
/** The note of each B16/7 paragraph that asks a substantiated claim: a claim not substantiated gets a cure period first. */
export const offerCurePeriod = (paragraph: string): ConditionSpec => ({
  kind: 'note',
  paragraph,
  description:
    'the claim is not (sufficiently) substantiated with relevant documents: ' +
    'give the applicant the opportunity to cure this, in principle within two weeks (request-evidence)',
});
