/**
 * Vb 2000 art. 3.52: continued residence for compelling reasons of a humanitarian nature. The
 * pack always considers these rules when no route of art. 3.50 or 3.51 grants. Where B16 gives a
 * circumstance decisive weight (violence within the family proven by the required documents; a
 * trafficking case ending in conviction or pending for three years) the policy grants; otherwise
 * the circumstances present call for a caseworker's humanitarian assessment.
 */
import type { NlFacts } from '../../application/nl';
import { condition, defineRule, failedConditions } from '../registry';
import type { Condition, OutcomeKind } from '../types';
import { PERIODS, exclusionConditions } from './common';
import { counts, describeSpan, isMinorOn, lastsYears, latestChain } from './history';

const VB_IN_FORCE = '2001-04-01';
const HUMANITARIAN_EXCLUSIONS = ['national-security', 'public-order'] as const;

/** Decisive weight grants; a failed requirement leaves the weighing to a caseworker. */
function humanitarianOutcome(conditions: readonly Condition[], applicable: boolean, decisive: boolean): OutcomeKind {
  if (!applicable) return 'not-eligible';
  if (!decisive) return 'humanitarian-assessment-needed';
  return failedConditions(conditions).some((c) => c.kind === 'exclusion') ? 'refusal-ground-applies' : 'policy-grants';
}

export const art352Relationship = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.52-relationship',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/8',
    title: 'Compelling humanitarian reasons after the relationship ended',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const v = facts.violenceWithinFamily;
    const f = facts.relationshipFactors;
    const ended = facts.relationship?.ended !== undefined && facts.relationship.ended.on <= onDate;
    const factors = [
      condition('a-violence-within-family', 'factor', 'a. the relationship ended because of violence within the family', v?.relationshipEndedBecauseOfViolence === true),
      condition('b-honour-related-violence', 'factor', 'b. a threat of honour-related violence on return', f?.honourRelatedViolenceOnReturn === true),
      condition('c-social-exclusion', 'factor', 'c. social exclusion in the country of origin because the relationship ended', f?.socialExclusionOnReturn === true),
      condition('d-minor-child-in-netherlands', 'factor', 'd. cares for a minor child lawfully living in the Netherlands', f?.caresForMinorChildInNetherlands === true),
      condition('e-other-circumstances', 'factor', 'e. other compelling circumstances', (f?.otherCompellingCircumstances ?? null) !== null, {
        detail: f?.otherCompellingCircumstances ?? undefined,
      }),
    ];
    const anyFactor = factors.some((c) => c.held);
    const conditions: Condition[] = [
      condition('relationship-ended', 'requirement', 'the relationship with the main person has ended', ended),
      condition('some-factor-present', 'requirement', 'at least one of the circumstances a to e is present', anyFactor),
      ...factors,
    ];
    let decisive = false;
    if (v?.relationshipEndedBecauseOfViolence) {
      // Violence within the family weighs decisively only when each required document is there.
      const docs = [
        condition('police-report', 'requirement', 'a police report (aangifte) of the violence', v.evidence.policeReport),
        condition('prosecutor-or-police-statement', 'requirement', 'a statement of the public prosecutor or the police on the report', v.evidence.prosecutorOrPoliceStatement),
        condition('doctor-statement', 'requirement', 'a statement of a doctor on the injuries', v.evidence.doctorStatement),
      ];
      conditions.push(...docs);
      decisive = ended && docs.every((c) => c.held);
    }
    conditions.push(...exclusionConditions(facts, onDate, HUMANITARIAN_EXCLUSIONS));
    const outcome = humanitarianOutcome(conditions, ended && anyFactor, decisive);
    return { outcome, conditions, ...(decisive ? { notes: ['violence within the family proven by the required documents: decisive weight'] } : {}) };
  },
);

export const art352Trafficking = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.52-human-trafficking',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/9 (after a B9 permit)',
    title: 'Continued residence of a victim or witness of human trafficking',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(['human-trafficking']), onDate);
    const c = facts.humanTrafficking?.criminalCase;
    const convicted = c?.status === 'judgment' && c.final && c.conviction && c.on <= onDate;
    const pending = c?.status === 'investigation' || c?.status === 'prosecution';
    const conditions: Condition[] = [
      condition('held-b9-permit', 'requirement', 'held a permit as a victim or witness of human trafficking (B9)', chain !== undefined, { detail: describeSpan(chain) }),
      condition('final-conviction', 'requirement', 'the criminal case ended in a final judgment convicting the suspect', convicted, {
        anyOf: 'trafficking-ground',
        detail: c ? c.status : 'no criminal case given',
      }),
      condition(
        'b9-period-case-pending',
        'requirement',
        `held the B9 permit for ${PERIODS.traffickingPermitYears} years while the criminal case is still pending`,
        pending && lastsYears(chain, PERIODS.traffickingPermitYears),
        { anyOf: 'trafficking-ground' },
      ),
      ...exclusionConditions(facts, onDate, HUMANITARIAN_EXCLUSIONS),
    ];
    const outcome = humanitarianOutcome(conditions, chain !== undefined, convicted || (pending && lastsYears(chain, PERIODS.traffickingPermitYears)));
    return { outcome, conditions };
  },
);

export const art352FormerUnaccompaniedMinor = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.52-former-unaccompanied-minor',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/5',
    title: 'Humanitarian assessment of a former unaccompanied minor',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(['unaccompanied-minor']), onDate);
    const conditions: Condition[] = [
      condition('held-amv-permit', 'requirement', 'held a permit as an unaccompanied minor', chain !== undefined, { detail: describeSpan(chain) }),
      condition('now-adult', 'requirement', 'has reached majority', !isMinorOn(facts.applicant.dateOfBirth, onDate)),
      condition('no-adequate-care-on-return', 'factor', 'adequate care in the country of origin is still not available', facts.unaccompaniedMinor?.adequateCareAvailableOnReturn === false),
    ];
    const applicable = failedConditions(conditions).length === 0;
    return { outcome: applicable ? 'humanitarian-assessment-needed' : 'not-eligible', conditions };
  },
);
