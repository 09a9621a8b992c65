/**
 * Vb 2000 art. 3.50, Vc 2000 B16/2: continued residence after residence as a minor, and for the
 * minor child of a Dutch parent. "Wordt verleend" and "moet worden verleend" (B16/1): no
 * discretion, so a met route is `entitled`, barred only by the exceptions ("tenzij") the text
 * lists for it: four for the first route, two for the Dutch parent. The general conditions of
 * art. 16 Vw are not among them (art. 3.50 lists its own).
 */
import { addYears, compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts, NlPermit } from '../../application/nl';
import { defineRule, routeOutcome } from '../registry';
import { GROUNDS, NL_TEXT, NON_TEMPORARY, PERIODS, describeSponsor, sponsorIsNonTemporary } from './common';
import { chains, describeSpans, eighteenthBirthday, isMinorOn, lastsMoreThanYears, total, withPurpose } from './history';

const B16_2 = 'Vc 2000 B16/2';

/** B16/2 sub a: a permit for family reunification, adoption or as a foster child. */
export const isMinorsPermit = withPurpose('family-reunification', 'adoption', 'foster-child');

/** The first B16/2 sub a permit held before the 18th birthday, if any. */
export function firstPermitAsMinor(permits: readonly NlPermit[], dateOfBirth: LocalDate): NlPermit | undefined {
  const majority = addYears(dateOfBirth, 18);
  return [...permits].filter((p) => isMinorsPermit(p) && compareDates(p.from, majority) < 0).sort((a, b) => compareDates(a.from, b.from))[0];
}

/**
 * B16/2 sub b: the day a minor admitted on `admittedOn` has held the permit for longer than a
 * year (when it was held without a break). Turning 18 in that year does not stand in the way.
 */
export const moreThanOneYearOn = (admittedOn: LocalDate) => addYears(admittedOn, PERIODS.residenceAsMinorMoreThanYears);

/** B16/2 "Algemeen": the family tie need not be broken; the child may still live with the parent(s). */
const familyTie = (facts: NlFacts): [boolean, string] => {
  const r = facts.relationship;
  if (!r) return [false, 'no family relationship given'];
  return r.ended ? [false, `ended ${r.ended.on}`] : [true, `${r.kind} since ${r.start}, not broken`];
};

const EXCEPTIONS = {
  'no-incorrect-information': {
    kind: 'exclusion',
    paragraph: `${B16_2} tenzij a`,
    description: 'no incorrect or withheld information that would have led to refusal of the original application (B1/5.3.3)',
  },
  'no-danger-to-national-security': { kind: 'exclusion', paragraph: `${B16_2} tenzij b`, description: 'the applicant is not a danger to national security' },
  'no-public-order-ground': {
    kind: 'exclusion',
    paragraph: `${B16_2} tenzij c`,
    description: 'the application cannot be refused under Vb 3.86 or 3.87 (B1/5.3.6)',
  },
  'main-residence-in-netherlands': {
    kind: 'exclusion',
    paragraph: `${B16_2} tenzij d`,
    description: 'the applicant has not moved their main residence out of the Netherlands (B1/5.3.2)',
  },
} as const;

/** B16/2 Algemeen, for both routes of art. 3.50. */
const FAMILY_TIE_NOT_BROKEN = {
  kind: 'waiver',
  paragraph: `${B16_2} Algemeen`,
  description: 'the family tie need not be broken: the child may still live with the parent(s)',
} as const;

export const art350ResidenceAsMinor = defineRule<
  NlFacts,
  | 'held-permit-as-minor'
  | 'stay-with-non-temporary-resident'
  | 'held-more-than-one-year'
  | 'born-here-to-non-temporary-parents'
  | keyof typeof EXCEPTIONS
  | 'family-tie-not-broken'
>(
  {
    id: 'nl-vb-3.50-residence-as-minor',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.50; Vc 2000 B16/2',
    title: 'Continued residence after residence as a minor',
    conditions: {
      'held-permit-as-minor': {
        kind: 'requirement',
        paragraph: `${B16_2} sub a`,
        description: 'held, as a minor, a permit for family reunification, for adoption or as a foster child',
      },
      'stay-with-non-temporary-resident': {
        kind: 'requirement',
        paragraph: `${B16_2} sub a`,
        description:
          'that permit was for residence with a Dutch national or a foreign national with a non-temporary right (art. 3.5 Vb); ' +
          'the holder of an asylum permit for a fixed period does not count',
      },
      'held-more-than-one-year': { kind: 'requirement', anyOf: 'b', paragraph: `${B16_2} sub b`, description: 'held that permit for longer than a year' },
      'born-here-to-non-temporary-parents': {
        kind: 'requirement',
        anyOf: 'b',
        paragraph: `${B16_2} sub b`,
        description: 'born in the Netherlands to parents with a non-temporary right of residence (art. 3.5 Vb)',
      },
      ...EXCEPTIONS,
      'family-tie-not-broken': FAMILY_TIE_NOT_BROKEN,
    },
  },
  (facts, onDate, judge) => {
    const majority = eighteenthBirthday(facts);
    const asMinor = firstPermitAsMinor(facts.permits, facts.applicant.dateOfBirth);
    const held = chains(facts.permits, isMinorsPermit, onDate);
    const parents = facts.parents ?? [];
    const bornToNonTemporary = facts.applicant.bornInNetherlands && parents.length > 0 && parents.every((p) => NON_TEMPORARY.includes(p.status));
    const conditions = [
      judge(
        'held-permit-as-minor',
        asMinor !== undefined && compareDates(asMinor.from, onDate) <= 0,
        asMinor ? `${asMinor.purpose} from ${asMinor.from}; 18th birthday ${majority}` : `no such permit before the 18th birthday (${majority})`,
      ),
      judge('stay-with-non-temporary-resident', sponsorIsNonTemporary(facts), describeSponsor(facts)),
      judge('held-more-than-one-year', lastsMoreThanYears(total(held), PERIODS.residenceAsMinorMoreThanYears), describeSpans(held)),
      judge(
        'born-here-to-non-temporary-parents',
        bornToNonTemporary,
        facts.applicant.bornInNetherlands ? `parents: ${parents.map((p) => p.status).join(', ') || 'not given'}` : 'not born in the Netherlands',
      ),
      judge('no-incorrect-information', ...GROUNDS.incorrectInformation(facts)),
      judge('no-danger-to-national-security', ...GROUNDS.nationalSecurity(facts, onDate)),
      judge('no-public-order-ground', ...GROUNDS.publicOrder(facts, onDate)),
      judge('main-residence-in-netherlands', ...GROUNDS.mainResidenceAbroad(facts, onDate)),
      judge('family-tie-not-broken', ...familyTie(facts)),
    ];
    return { outcome: routeOutcome(conditions, 'entitled'), conditions };
  },
);

const DUTCH_PARENT = `${B16_2} Nederlandse ouder`;

export const art350DutchParent = defineRule<
  NlFacts,
  | 'applicant-is-minor'
  | 'majority-in-year-after-admission'
  | 'dutch-parent-established-here'
  | 'no-incorrect-information'
  | 'main-residence-in-netherlands'
  | 'family-tie-not-broken'
>(
  {
    id: 'nl-vb-3.50-dutch-parent',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.50 lid 4; Vc 2000 B16/2',
    title: 'Continued residence of the minor child of a Dutch parent',
    conditions: {
      'applicant-is-minor': { kind: 'requirement', anyOf: 'age', paragraph: DUTCH_PARENT, description: 'the applicant is a minor' },
      'majority-in-year-after-admission': {
        kind: 'requirement',
        anyOf: 'age',
        paragraph: DUTCH_PARENT,
        description: 'the applicant came of age in the year after admission',
      },
      'dutch-parent-established-here': {
        kind: 'requirement',
        paragraph: DUTCH_PARENT,
        description: 'one of the parents has Dutch nationality and is established in the Netherlands',
      },
      'no-incorrect-information': {
        kind: 'exclusion',
        paragraph: DUTCH_PARENT,
        description: 'no incorrect or withheld information that would have led to refusal of the original application',
      },
      'main-residence-in-netherlands': {
        kind: 'exclusion',
        paragraph: DUTCH_PARENT,
        description: 'the applicant has not moved their main residence out of the Netherlands',
      },
      'family-tie-not-broken': FAMILY_TIE_NOT_BROKEN,
    },
  },
  (facts, onDate, judge) => {
    const majority = eighteenthBirthday(facts);
    const admission = [...facts.permits].filter((p) => !p.asylumTemporary).sort((a, b) => compareDates(a.from, b.from))[0]?.from;
    const majorityInFirstYear =
      admission !== undefined &&
      compareDates(admission, majority) <= 0 &&
      compareDates(majority, addYears(admission, PERIODS.majorityWithinYearsOfAdmission)) < 0;
    const parents = facts.parents ?? [];
    const dutch = parents.filter((p) => p.status === 'dutch-national');
    const established = dutch.some((p) => p.residesInNetherlands === true);
    const parentDetail =
      parents.length === 0
        ? 'no parents given (parents[])'
        : dutch.length === 0
          ? `no parent with Dutch nationality (${parents.map((p) => p.status).join(', ')})`
          : established
            ? 'a Dutch parent is established in the Netherlands'
            : 'the Dutch parent is not established in the Netherlands (parents[].residesInNetherlands)';
    const conditions = [
      judge('applicant-is-minor', isMinorOn(facts.applicant.dateOfBirth, onDate), `18th birthday ${majority}`),
      judge(
        'majority-in-year-after-admission',
        majorityInFirstYear,
        admission ? `admitted ${admission}; 18th birthday ${majority}` : 'no admission (no regular permit) given',
      ),
      judge('dutch-parent-established-here', established, parentDetail),
      judge('no-incorrect-information', ...GROUNDS.incorrectInformation(facts)),
      judge('main-residence-in-netherlands', ...GROUNDS.mainResidenceAbroad(facts, onDate)),
      judge('family-tie-not-broken', ...familyTie(facts)),
    ];
    return { outcome: routeOutcome(conditions, 'entitled'), conditions };
  },
);
