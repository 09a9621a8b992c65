/**
 * Vb 2000 art. 3.51, Vc 2000 B16/3-6: continued residence the minister "may" grant, which the
 * policy rules of B16 grant when their conditions hold (outcome `policy-grants`).
 */
import { addYears, compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { condition, defineRule, routeOutcome } from '../registry';
import type { Rule } from '../types';
import { PERIODS, exclusionConditions, meansCondition, sponsorRightIsNonTemporary, travelDocumentCondition } from './common';
import { FAMILY_PURPOSES, MEDICAL_PURPOSES, counts, describeSpan, intersect, lastsYears, latestChain, permitOn, type Span } from './history';

const VB_IN_FORCE = '2001-04-01';

function relationshipSpan(facts: NlFacts, onDate: LocalDate): Span | undefined {
  const r = facts.relationship;
  if (!r || compareDates(r.start, onDate) > 0) return undefined;
  const end = r.ended && compareDates(r.ended.on, onDate) < 0 ? r.ended.on : onDate;
  return { from: r.start, to: end };
}

function renewalSpan(facts: NlFacts, onDate: LocalDate): Span | undefined {
  const p = facts.renewalConditionsMet;
  if (!p || compareDates(p.from, onDate) > 0) return undefined;
  return { from: p.from, to: compareDates(p.to, onDate) < 0 ? p.to : onDate };
}

/**
 * B16/3.1 and 3.2: after N years of a family permit with a main person whose right is not
 * temporary. N changed on 1 October 2012 (three → five years); each period is its own version.
 */
function familyRoute(v: { version: string; validFrom: LocalDate; validUntil?: LocalDate; years: number; citation: string }): Rule<NlFacts> {
  return defineRule<NlFacts>(
    {
      id: 'nl-vb-3.51-family',
      version: v.version,
      citation: v.citation,
      title: `Continued residence after ${v.years} years of (extended) family reunification or relationship`,
      validFrom: v.validFrom,
      ...(v.validUntil !== undefined ? { validUntil: v.validUntil } : {}),
    },
    (facts, onDate) => {
      const permits = latestChain(facts.permits, counts(FAMILY_PURPOSES), onDate);
      const relationship = relationshipSpan(facts, onDate);
      const renewal = renewalSpan(facts, onDate);
      const together = intersect(permits, relationship, renewal);
      const conditions = [
        condition(
          'permit-period',
          'requirement',
          `held a regular family or relationship permit without a break for ${v.years} years (asylum-temporary permits do not count)`,
          lastsYears(permits, v.years),
          { detail: describeSpan(permits) },
        ),
        condition('relationship-period', 'requirement', `the relationship with the main person lasted ${v.years} years`, lastsYears(relationship, v.years), {
          detail: describeSpan(relationship),
        }),
        condition('renewal-conditions-period', 'requirement', `the conditions for renewing the permit were met for ${v.years} years`, lastsYears(renewal, v.years), {
          detail: describeSpan(renewal),
        }),
        condition('periods-coincide', 'requirement', `permit, relationship and renewal conditions coincided for ${v.years} years`, lastsYears(together, v.years), {
          detail: describeSpan(together),
        }),
        condition(
          'sponsor-non-temporary-right',
          'requirement',
          'the main person is Dutch or has a non-temporary right of residence',
          sponsorRightIsNonTemporary(facts),
          { detail: facts.sponsor ? facts.sponsor.status : 'no main person' },
        ),
        travelDocumentCondition(facts),
        meansCondition(facts),
        ...exclusionConditions(facts, onDate),
      ];
      return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
    },
  );
}

/** Version in force from the start of the Vb 2000 until the 2012 amendment: three years. */
export const art351FamilyThreeYears = familyRoute({
  version: '2001-04-01',
  validFrom: VB_IN_FORCE,
  validUntil: '2012-09-30',
  years: 3,
  citation: 'Vb 2000 art. 3.51 lid 1 sub a (text until 30 September 2012); Vc 2000 B16/3.1, B16/3.2',
});

/** Version from 1 October 2012 (Besluit of 21 March 2012, Stb. 2012, 148): five years. */
export const art351FamilyFiveYears = familyRoute({
  version: '2012-10-01',
  validFrom: '2012-10-01',
  years: 5,
  citation: 'Vb 2000 art. 3.51 lid 1 sub a as amended by Stb. 2012, 148; Vc 2000 B16/3.1, B16/3.2',
});

export const art351DeathOfMainPerson = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.51-death-of-main-person',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.51; Vc 2000 B16/3.3',
    title: 'Continued residence after the death of the main person',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const s = facts.sponsor;
    const died = s?.status === 'deceased' && compareDates(s.diedOn, onDate) <= 0 ? s.diedOn : undefined;
    const r = facts.relationship;
    const lastedUntilDeath = died !== undefined && r !== undefined && compareDates(r.start, died) <= 0 && (!r.ended || compareDates(r.ended.on, died) >= 0);
    const permitAtDeath = died !== undefined ? permitOn(facts.permits.filter(counts(FAMILY_PURPOSES)), died) : undefined;
    // No minimum period and no means test: the loss of the main person is not the applicant's doing.
    const conditions = [
      condition('main-person-died', 'requirement', 'the main person has died', died !== undefined, { detail: died ? `died ${died}` : `main person ${s?.status ?? 'none'}` }),
      condition('relationship-until-death', 'requirement', 'the relationship existed until the death', lastedUntilDeath),
      condition('family-permit-at-death', 'requirement', 'held a regular family or relationship permit on the day of the death', permitAtDeath !== undefined),
      travelDocumentCondition(facts),
      ...exclusionConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

export const art351MedicalTreatment = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.51-medical-treatment',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.51; Vc 2000 B16/4',
    title: 'Continued residence after residence for medical treatment',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(MEDICAL_PURPOSES), onDate);
    const m = facts.medicalTreatment;
    const longEnough =
      m?.stillNeeded === true && (m.expectedUntil === 'indefinite' || compareDates(addYears(onDate, PERIODS.medicalStillNeededYears), m.expectedUntil) <= 0);
    const conditions = [
      condition('medical-permit-period', 'requirement', `held a medical-treatment permit without a break for ${PERIODS.medicalPermitYears} year`, lastsYears(chain, PERIODS.medicalPermitYears), {
        detail: describeSpan(chain),
      }),
      condition('treatment-still-needed', 'requirement', 'medical treatment is still needed', m?.stillNeeded === true, { detail: m ? '' : 'no medical facts given' }),
      condition('treatment-needed-long-enough', 'requirement', `the treatment is expected to last at least ${PERIODS.medicalStillNeededYears} more year`, longEnough, {
        detail: m?.stillNeeded ? `expected until ${m.expectedUntil}` : 'not needed',
      }),
      travelDocumentCondition(facts),
      ...exclusionConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

export const art351UnaccompaniedMinor = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.51-unaccompanied-minor',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.51; Vc 2000 B16/5',
    title: 'Continued residence after residence as an unaccompanied minor',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(['unaccompanied-minor']), onDate);
    const conditions = [
      condition(
        'amv-permit-period',
        'requirement',
        `held a permit as an unaccompanied minor without a break for ${PERIODS.unaccompaniedMinorPermitYears} years`,
        lastsYears(chain, PERIODS.unaccompaniedMinorPermitYears),
        { detail: describeSpan(chain) },
      ),
      condition(
        'no-adequate-care-on-return',
        'requirement',
        'adequate care in the country of origin is still not available',
        facts.unaccompaniedMinor?.adequateCareAvailableOnReturn === false,
        { detail: facts.unaccompaniedMinor ? '' : 'no unaccompanied-minor facts given' },
      ),
      ...exclusionConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

export const art351NotAtFault = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.51-not-at-fault',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.51; Vc 2000 B16/6',
    title: 'Continued residence after a not-at-fault permit',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(['not-at-fault']), onDate);
    const n = facts.notAtFault;
    const conditions = [
      condition(
        'not-at-fault-permit-period',
        'requirement',
        `held a not-at-fault permit without a break for ${PERIODS.notAtFaultPermitYears} year`,
        lastsYears(chain, PERIODS.notAtFaultPermitYears),
        { detail: describeSpan(chain) },
      ),
      condition('still-cannot-leave', 'requirement', 'still cannot leave the Netherlands through no fault of their own', n?.stillCannotLeave === true),
      condition('own-efforts-demonstrated', 'requirement', 'has shown their own efforts to leave', n?.ownEffortsDemonstrated === true),
      ...exclusionConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
