/**
 * Conditions several Dutch routes share: the four exclusion grounds, the travel document and
 * means with their B16/3.2 exemptions, and the periods the routes count.
 */
import { compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { condition } from '../registry';
import type { Condition } from '../types';

/**
 * Periods of the routes, in years of holding the named permit. One table, so a change of policy
 * is a reviewed change here (and a new rule version where the date of the change matters).
 */
export const PERIODS = {
  /** B16/2: lawful regular residence needed after admission as a minor. */
  residenceAsMinorYears: 5,
  /** B16/2: admission must precede majority by at least this much ("majority in the first year" does not count). */
  admittedBeforeMajorityYears: 1,
  /** B16/4: medical-treatment permit held, and treatment still needed for at least as long again. */
  medicalPermitYears: 1,
  medicalStillNeededYears: 1,
  /** B16/5: permit as an unaccompanied minor held. */
  unaccompaniedMinorPermitYears: 3,
  /** B16/6: not-at-fault permit held. */
  notAtFaultPermitYears: 1,
  /** B16/7.1: permit under the old-act estate regulation held before it converts. */
  oldActEstatePermitYears: 1,
  /** B16/9: time on the B9 (human trafficking) permit while the criminal case is still pending. */
  traffickingPermitYears: 3,
} as const;

export type ExclusionGround = 'incorrect-information' | 'national-security' | 'public-order' | 'main-residence-abroad';

export const ALL_EXCLUSIONS: readonly ExclusionGround[] = ['incorrect-information', 'national-security', 'public-order', 'main-residence-abroad'];

/** Each ground phrased as its absence, so `held: false` reads "the refusal ground applies". */
export function exclusionConditions(facts: NlFacts, onDate: LocalDate, grounds: readonly ExclusionGround[] = ALL_EXCLUSIONS): Condition[] {
  const g = facts.exclusionGrounds;
  const out: Condition[] = [];
  for (const ground of grounds) {
    switch (ground) {
      case 'incorrect-information':
        out.push(
          condition(
            'no-incorrect-information',
            'exclusion',
            'no incorrect or withheld information that would have led to refusal of the original application or its renewal (Vb 3.50 lid 3 sub a)',
            !(g.incorrectOrWithheldInformation?.wouldHaveLedToRefusal ?? false),
            g.incorrectOrWithheldInformation ? { detail: g.incorrectOrWithheldInformation.description } : {},
          ),
        );
        break;
      case 'national-security':
        out.push(
          condition(
            'no-danger-to-national-security',
            'exclusion',
            'the applicant is not a danger to national security (Vb 3.50 lid 3 sub b)',
            g.nationalSecurity === null || compareDates(g.nationalSecurity.establishedOn, onDate) > 0,
          ),
        );
        break;
      case 'public-order':
        out.push(
          condition(
            'no-public-order-ground',
            'exclusion',
            'no conviction reaching the threshold of Vb 3.86 or 3.87 (Vb 3.50 lid 3 sub c)',
            g.publicOrder === null || !g.publicOrder.thresholdMet || compareDates(g.publicOrder.convictedOn, onDate) > 0,
            g.publicOrder ? { detail: `${g.publicOrder.basis}: ${g.publicOrder.offence}, convicted ${g.publicOrder.convictedOn}` } : {},
          ),
        );
        break;
      case 'main-residence-abroad':
        out.push(
          condition(
            'main-residence-in-netherlands',
            'exclusion',
            'the applicant has not moved their main residence out of the Netherlands (Vb 3.50 lid 3 sub d)',
            g.mainResidenceAbroad === null || compareDates(g.mainResidenceAbroad.movedOn, onDate) > 0,
            g.mainResidenceAbroad ? { detail: `moved ${g.mainResidenceAbroad.movedOn}` } : {},
          ),
        );
        break;
    }
  }
  return out;
}

/** B16/3.2: a valid travel document, unless the authorities will not issue one or the applicant is stateless. */
export function travelDocumentCondition(facts: NlFacts): Condition {
  const d = facts.travelDocument;
  const held = d.status === 'valid' || d.exemption !== null;
  return condition('valid-travel-document', 'requirement', 'holds a valid travel document, or is exempt from that requirement (Vc B16/3.2)', held, {
    detail: d.status === 'valid' ? 'valid document' : d.exemption ? `exempt: ${d.exemption}` : 'no document and no exemption',
  });
}

/** B16/3.2: sufficient, lasting means, unless permanently unable to work or of pension age. */
export function meansCondition(facts: NlFacts): Condition {
  const m = facts.means;
  const held = m.sufficient || m.exemption !== null;
  return condition('sufficient-means', 'requirement', 'has sufficient means of subsistence, or is exempt from that requirement (Vc B16/3.2)', held, {
    detail: m.sufficient ? 'sufficient' : m.exemption ? `exempt: ${m.exemption}` : 'insufficient and no exemption',
  });
}

/** The sponsor's right counts as non-temporary: Dutch, permanent, or asylum (asylum residence is not temporary under Vb 3.5). */
export function sponsorRightIsNonTemporary(facts: NlFacts): boolean {
  const s = facts.sponsor;
  if (!s) return false;
  const status = s.status === 'deceased' ? s.statusAtDeath : s.status;
  return status !== 'temporary';
}
