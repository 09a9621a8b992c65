/**
 * Vb 2000 art. 3.51, Vc 2000 B16/3: continued residence after a (marriage) relationship,
 * extended family reunification or the elderly policy, and after the death of the main person.
 * The minister "may" grant; the policy rules of B16/3 say when the permit "wordt verleend"
 * (outcome `policy-grants`), and what they waive of the general conditions of art. 16 Vw.
 */
import { compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { defineRule, failedConditions, routeOutcome } from '../registry';
import type { ConditionSpec } from '../types';
import { DOCUMENT_AND_MEANS, GROUNDS, NL_TEXT, PERIODS, describeSponsor, generalConditions, humanitarianReasons, lacks, sponsorIsNonTemporary } from './common';
import {
  FAMILY_PURPOSES,
  PARTNER_PURPOSES,
  chains,
  clipFrom,
  describeSpan,
  describeSpans,
  intersect,
  lastsYears,
  permitOn,
  renewalSpan,
  total,
  withPurpose,
  type Span,
} from './history';

const B16_3_1 = 'Vc 2000 B16/3.1';
const PARTNER_KINDS = ['marriage', 'registered-partnership', 'unmarried-partnership'];

/** B16/3.1 ad b: the relationship counts from its earlier form with the same main person, if any. */
const relationshipStart = (facts: NlFacts) => facts.relationship?.previousForm?.start ?? facts.relationship?.start;

/** The (marriage) relationship from its first form to its end, or to `until`. */
function relationshipSpan(facts: NlFacts, until: LocalDate): Span | undefined {
  const r = facts.relationship;
  const start = relationshipStart(facts);
  if (!r || !start || compareDates(start, until) > 0) return undefined;
  return { from: start, to: r.ended && compareDates(r.ended.on, until) < 0 ? r.ended.on : until };
}

/**
 * B16/3.1 sub b and ad b: the permits held on the relationship. Permits from its current form
 * count; those from an earlier relationship with the same main person count only in the unbroken
 * period that continues into the current form ("aansluitend").
 */
export function permitsOnRelationship(facts: NlFacts, until: LocalDate): Span[] {
  const r = facts.relationship;
  if (!r || !PARTNER_KINDS.includes(r.kind)) return [];
  const held = chains(facts.permits, withPurpose(...PARTNER_PURPOSES), until);
  const previous = r.previousForm;
  const bridging = previous && held.find((s) => compareDates(s.from, r.start) < 0 && compareDates(s.to, r.start) >= 0);
  const countFrom = previous && bridging ? (compareDates(bridging.from, previous.start) < 0 ? previous.start : bridging.from) : r.start;
  return clipFrom(held, countFrom);
}

const WAIVERS = (paragraph: string, means: string) =>
  ({
    'travel-document-waived': {
      kind: 'waiver',
      paragraph,
      description: 'granted although the applicant has no (longer a) valid document for crossing borders (in derogation of B1/4.2)',
    },
    'means-waived': {
      kind: 'waiver',
      paragraph,
      description: `granted although the applicant, ${means}, has no (longer) sufficient means of subsistence (in derogation of B1/4.3)`,
    },
  }) satisfies Record<string, ConditionSpec>;

export const art351Relationship = defineRule<
  NlFacts,
  | 'partner-relationship'
  | 'main-person-non-temporary-right'
  | 'relationship-three-years'
  | 'permit-three-years-on-relationship'
  | 'renewal-conditions-three-years'
  | 'travel-document-waived'
  | 'means-waived'
  | 'relationship-need-not-be-broken'
>(
  {
    id: 'nl-vb-3.51-relationship',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.51 lid 1 sub a; Vc 2000 B16/3.1',
    title: 'Continued residence after three years on a marriage, registered partnership or relationship',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'partner-relationship': {
        kind: 'requirement',
        paragraph: `${B16_3_1} sub a`,
        description: 'entered into a marriage, registered partnership or lasting and exclusive relationship with the main person',
      },
      'main-person-non-temporary-right': {
        kind: 'requirement',
        paragraph: `${B16_3_1} sub a, ad a`,
        description:
          'the main person has a right of residence of a non-temporary nature ' +
          '(not a temporary right such as study or medical treatment, not an asylum permit for a fixed period)',
      },
      'relationship-three-years': {
        kind: 'requirement',
        paragraph: `${B16_3_1} sub b, ad b`,
        description: 'the (marriage) relationship has existed for three years',
      },
      'permit-three-years-on-relationship': {
        kind: 'requirement',
        paragraph: `${B16_3_1} sub b, ad b`,
        description:
          'held a permit on that (marriage) relationship for at least three years ' +
          '(an earlier relationship with the same main person, followed directly by the marriage or partnership, counts)',
      },
      'renewal-conditions-three-years': {
        kind: 'requirement',
        paragraph: `${B16_3_1} sub c`,
        description: 'met the conditions for renewing that permit for three years',
      },
      ...WAIVERS(B16_3_1, 'alone or together with the spouse or registered partner'),
      'relationship-need-not-be-broken': { kind: 'waiver', paragraph: B16_3_1, description: 'the (marriage) relationship need not have broken down or ended' },
    },
  },
  (facts, onDate, judge) => {
    const r = facts.relationship;
    const relationship = relationshipSpan(facts, onDate);
    const permits = permitsOnRelationship(facts, onDate);
    const renewal = intersect(renewalSpan(facts, onDate), permits.length ? { from: permits[0]!.from, to: permits[permits.length - 1]!.to } : undefined);
    const conditions = [
      judge('partner-relationship', r !== undefined && PARTNER_KINDS.includes(r.kind), r ? r.kind : 'no relationship given'),
      judge('main-person-non-temporary-right', sponsorIsNonTemporary(facts), describeSponsor(facts)),
      judge('relationship-three-years', lastsYears(relationship, PERIODS.familyYears), describeSpan(relationship)),
      judge('permit-three-years-on-relationship', lastsYears(total(permits), PERIODS.familyYears), describeSpans(permits)),
      judge('renewal-conditions-three-years', lastsYears(renewal, PERIODS.familyYears), describeSpan(renewal)),
      ...generalConditions(facts, onDate, DOCUMENT_AND_MEANS),
      judge('travel-document-waived', ...lacks.travelDocument(facts)),
      judge('means-waived', ...lacks.means(facts)),
      judge('relationship-need-not-be-broken', r !== undefined && r.ended === undefined, r?.ended ? `ended ${r.ended.on}` : 'not ended'),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

const AD_C = `${B16_3_1} ad c (art. 9.6 Vb)`;

/** B16/3.1 ad c: the transitional rule of art. 9.6 Vb; its permit carries a different restriction. */
export const art96TransitionalMarriage = defineRule<
  NlFacts,
  'marriage-not-relationship' | 'marriage-lasted-three-years-before-breakdown' | 'permit-on-marriage-one-to-three-years' | 'permit-granted-before-2000-12-11'
>(
  {
    id: 'nl-vb-9.6-transitional-marriage',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 9.6; Vc 2000 B16/3.1 ad c',
    title: 'Transitional rule for a marriage that lasted three years before it broke down',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'marriage-not-relationship': {
        kind: 'requirement',
        paragraph: AD_C,
        description: 'the permit was granted on a marriage, not on a relationship',
      },
      'marriage-lasted-three-years-before-breakdown': {
        kind: 'requirement',
        paragraph: AD_C,
        description: 'the marriage broke down or was dissolved, and had lasted three years directly before',
      },
      'permit-on-marriage-one-to-three-years': {
        kind: 'requirement',
        paragraph: AD_C,
        description: 'held the permit on the marriage for at least one year but less than three years',
      },
      'permit-granted-before-2000-12-11': { kind: 'requirement', paragraph: AD_C, description: 'the permit was granted before 11 December 2000' },
    },
  },
  (facts, onDate, judge) => {
    const r = facts.relationship;
    const marriage = r?.kind === 'marriage' ? r : undefined;
    const firstPartnerPermit = chains(facts.permits, withPurpose(...PARTNER_PURPOSES), onDate)[0];
    const onMarriage =
      marriage !== undefined &&
      marriage.previousForm === undefined &&
      (firstPartnerPermit === undefined || compareDates(firstPartnerPermit.from, marriage.start) >= 0);
    const ended = marriage?.ended && compareDates(marriage.ended.on, onDate) <= 0 ? marriage.ended : undefined;
    const permits = marriage ? clipFrom(chains(facts.permits, withPurpose(...PARTNER_PURPOSES), ended?.on ?? onDate), marriage.start) : [];
    const held = total(permits);
    const conditions = [
      judge(
        'marriage-not-relationship',
        onMarriage,
        r
          ? `${r.kind} from ${r.start}${r.previousForm ? `, after a relationship from ${r.previousForm.start}` : ''}` +
              `; first permit ${firstPartnerPermit?.from ?? 'none'}`
          : 'no relationship given',
      ),
      judge(
        'marriage-lasted-three-years-before-breakdown',
        ended !== undefined && lastsYears({ from: marriage!.start, to: ended.on }, PERIODS.transitionalMarriageLastedYears),
        ended ? `married ${marriage!.start}, ${ended.how} ${ended.on}` : 'the marriage has not broken down or ended',
      ),
      judge(
        'permit-on-marriage-one-to-three-years',
        lastsYears(held, PERIODS.transitionalMarriagePermitMinYears) && !lastsYears(held, PERIODS.transitionalMarriagePermitMaxYears),
        describeSpans(permits),
      ),
      judge(
        'permit-granted-before-2000-12-11',
        permits.length > 0 && compareDates(permits[0]!.from, PERIODS.transitionalMarriageGrantedBefore) < 0,
        permits.length ? `first permit on the marriage from ${permits[0]!.from}` : 'no permit on the marriage',
      ),
      ...generalConditions(facts, onDate),
    ];
    return {
      outcome: routeOutcome(conditions, 'policy-grants'),
      conditions,
      effects: { restriction: 'het zoeken en verrichten van arbeid al dan niet in loondienst' },
    };
  },
);

const B16_3_2 = 'Vc 2000 B16/3.2';

export const art351ExtendedFamily = defineRule<
  NlFacts,
  | 'extended-family-or-elderly-permit-three-years'
  | 'main-person-non-temporary-right'
  | 'renewal-conditions-three-years'
  | 'travel-document-waived'
  | 'means-waived'
  | 'family-tie-need-not-be-broken'
>(
  {
    id: 'nl-vb-3.51-extended-family',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.51 lid 1 sub a; Vc 2000 B16/3.2',
    title: 'Continued residence after three years of extended family reunification or the elderly policy',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'extended-family-or-elderly-permit-three-years': {
        kind: 'requirement',
        paragraph: `${B16_3_2} sub a`,
        description: 'held a permit for extended family reunification or under the elderly policy (B2/7) for three years',
      },
      'main-person-non-temporary-right': {
        kind: 'requirement',
        paragraph: `${B16_3_2} sub a`,
        description: 'the permit was for residence with a main person with a right of a non-temporary nature',
      },
      'renewal-conditions-three-years': {
        kind: 'requirement',
        paragraph: `${B16_3_2} sub b`,
        description: 'met the conditions for renewing that permit for three years',
      },
      ...WAIVERS(B16_3_2, 'alone or together with the main person'),
      'family-tie-need-not-be-broken': { kind: 'waiver', paragraph: B16_3_2, description: 'the actual family tie need not be broken' },
    },
  },
  (facts, onDate, judge) => {
    const permits = chains(facts.permits, withPurpose('extended-family-reunification', 'elderly-policy'), onDate);
    const renewal = intersect(renewalSpan(facts, onDate), permits.length ? { from: permits[0]!.from, to: permits[permits.length - 1]!.to } : undefined);
    const tieIntact = facts.relationship !== undefined && facts.relationship.ended === undefined;
    const conditions = [
      judge('extended-family-or-elderly-permit-three-years', lastsYears(total(permits), PERIODS.familyYears), describeSpans(permits)),
      judge('main-person-non-temporary-right', sponsorIsNonTemporary(facts), describeSponsor(facts)),
      judge('renewal-conditions-three-years', lastsYears(renewal, PERIODS.familyYears), describeSpan(renewal)),
      ...generalConditions(facts, onDate, DOCUMENT_AND_MEANS),
      judge('travel-document-waived', ...lacks.travelDocument(facts)),
      judge('means-waived', ...lacks.means(facts)),
      judge(
        'family-tie-need-not-be-broken',
        tieIntact,
        facts.relationship ? (tieIntact ? 'the family tie continues' : `ended ${facts.relationship.ended!.on}`) : 'no family relationship given',
      ),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

const B16_3_3 = 'Vc 2000 B16/3.3';

export const art351DeathOfMainPerson = defineRule<
  NlFacts,
  | 'main-person-died'
  | 'family-tie-broken-by-death'
  | 'family-permit-at-death'
  | 'main-person-non-temporary-right'
  | 'not-admitted-under-elderly-policy'
  | 'no-incorrect-information'
  | 'main-residence-in-netherlands'
  | 'travel-document-waived'
  | 'means-waived'
  | 'no-other-humanitarian-reasons-needed'
>(
  {
    id: 'nl-vb-3.51-death-of-main-person',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.51 lid 3; Vc 2000 B16/3.3',
    title: 'Continued residence after the death of the main person',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'main-person-died': { kind: 'requirement', paragraph: B16_3_3, description: 'the main person has died' },
      'family-tie-broken-by-death': {
        kind: 'requirement',
        paragraph: B16_3_3,
        description: 'the family tie was broken by that death (it lasted until the death)',
      },
      'family-permit-at-death': {
        kind: 'requirement',
        paragraph: B16_3_3,
        description: 'held a permit for (extended) family reunification or formation when the main person died',
      },
      'main-person-non-temporary-right': {
        kind: 'requirement',
        paragraph: B16_3_3,
        description: 'the main person had a right of a non-temporary nature (otherwise only art. 3.52 Vb can apply)',
      },
      'not-admitted-under-elderly-policy': {
        kind: 'requirement',
        paragraph: B16_3_3,
        description:
          'residence was not granted under the elderly policy (B2/7); if it was, ' +
          'the power is not used as a rule and other compelling reasons must be put forward and examined',
      },
      'no-incorrect-information': {
        kind: 'exclusion',
        paragraph: B16_3_3,
        description: 'no incorrect or withheld information that led to the grant of the permit (B1/5.3.3)',
      },
      'main-residence-in-netherlands': {
        kind: 'exclusion',
        paragraph: B16_3_3,
        description: 'the applicant has not moved their main residence out of the Netherlands',
      },
      'travel-document-waived': {
        kind: 'waiver',
        paragraph: B16_3_3,
        description: 'not refused because the applicant has no valid document for crossing borders (in derogation of B1/4.2)',
      },
      'means-waived': {
        kind: 'waiver',
        paragraph: B16_3_3,
        description: 'not refused because the applicant has no sufficient, lasting means of subsistence (in derogation of B1/4.3)',
      },
      'no-other-humanitarian-reasons-needed': {
        kind: 'waiver',
        paragraph: B16_3_3,
        description: 'other compelling humanitarian reasons need not be put forward or examined',
      },
    },
  },
  (facts, onDate, judge) => {
    const s = facts.sponsor;
    const died = s?.status === 'deceased' && compareDates(s.diedOn, onDate) <= 0 ? s.diedOn : undefined;
    const r = facts.relationship;
    const lastedUntilDeath =
      died !== undefined && r !== undefined && compareDates(relationshipStart(facts)!, died) <= 0 && (!r.ended || compareDates(r.ended.on, died) >= 0);
    const permitAtDeath = died !== undefined ? permitOn(facts.permits.filter(withPurpose(...FAMILY_PURPOSES)), died) : undefined;
    const elderly = facts.permits.some(withPurpose('elderly-policy'));
    const reasons = humanitarianReasons(facts);
    const conditions = [
      judge('main-person-died', died !== undefined, died ? `died ${died}` : describeSponsor(facts)),
      judge(
        'family-tie-broken-by-death',
        lastedUntilDeath,
        r ? `${r.kind} from ${r.start}${r.ended ? `, ended ${r.ended.on} (${r.ended.how})` : ''}` : 'no relationship given',
      ),
      judge(
        'family-permit-at-death',
        permitAtDeath !== undefined,
        permitAtDeath ? `${permitAtDeath.purpose} ${permitAtDeath.from} to ${permitAtDeath.to}` : 'none',
      ),
      judge('main-person-non-temporary-right', sponsorIsNonTemporary(facts), describeSponsor(facts)),
      judge('not-admitted-under-elderly-policy', !elderly, elderly ? 'admitted under the elderly policy' : undefined),
      judge('no-incorrect-information', ...GROUNDS.incorrectInformation(facts)),
      judge('main-residence-in-netherlands', ...GROUNDS.mainResidenceAbroad(facts, onDate)),
      ...generalConditions(facts, onDate, DOCUMENT_AND_MEANS),
      judge('travel-document-waived', ...lacks.travelDocument(facts)),
      judge('means-waived', ...lacks.means(facts)),
      judge('no-other-humanitarian-reasons-needed', reasons.length === 0, reasons.length ? `reasons put forward: ${reasons.join('; ')}` : 'none put forward'),
    ];
    // Admitted under the elderly policy: art. 3.51 lid 3 still gives the power, but B16/3.3's
    // "in principle always" does not apply, so the caseworker weighs the reasons put forward.
    const others = failedConditions(conditions).filter((c) => c.id !== 'not-admitted-under-elderly-policy');
    const outcome = elderly && others.length === 0 ? 'humanitarian-assessment-needed' : routeOutcome(conditions, 'policy-grants');
    return { outcome, conditions };
  },
);
