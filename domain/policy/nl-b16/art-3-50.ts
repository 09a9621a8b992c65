/**
 * Vb 2000 art. 3.50, Vc 2000 B16/2: continued residence as of right after residence as a minor,
 * and for the minor child of a Dutch national. "Wordt verleend": no discretion, so the outcome
 * of a met route is `entitled`, barred only by the four exclusion grounds of the third paragraph.
 */
import { addYears, compareDates } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { condition, defineRule, routeOutcome } from '../registry';
import { PERIODS, exclusionConditions } from './common';
import { counts, describeSpan, eighteenthBirthday, isMinorOn, lastsYears, latestChain, permitOn } from './history';

const VB_IN_FORCE = '2001-04-01'; // Vreemdelingenwet 2000 and its Besluit entered into force

export const art350ResidenceAsMinor = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.50-residence-as-minor',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.50; Vc 2000 B16/2',
    title: 'Continued residence after lawful residence as a minor',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const chain = latestChain(facts.permits, counts(), onDate);
    const majority = eighteenthBirthday(facts);
    const born = facts.applicant.bornInNetherlands;
    // Admission is the start of the unbroken regular residence; a child born here was never "admitted".
    const admittedAsMinor = born || (chain !== undefined && compareDates(chain.from, majority) < 0);
    const notMajorityInFirstYear =
      born || (chain !== undefined && compareDates(addYears(chain.from, PERIODS.admittedBeforeMajorityYears), majority) <= 0);
    const conditions = [
      condition('resided-as-minor', 'requirement', 'born in the Netherlands, or admitted for regular residence before the 18th birthday', admittedAsMinor, {
        detail: born ? 'born in the Netherlands' : `regular residence from ${chain?.from ?? 'never'}; 18th birthday ${majority}`,
      }),
      condition(
        'not-majority-in-first-year',
        'requirement',
        `did not reach majority within the first ${PERIODS.admittedBeforeMajorityYears} year of admission`,
        notMajorityInFirstYear,
      ),
      condition(
        'lawful-residence-period',
        'requirement',
        `${PERIODS.residenceAsMinorYears} years of unbroken regular residence (asylum-temporary permits do not count)`,
        lastsYears(chain, PERIODS.residenceAsMinorYears),
        { detail: describeSpan(chain) },
      ),
      ...exclusionConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'entitled'), conditions };
  },
);

export const art350DutchParent = defineRule<NlFacts>(
  {
    id: 'nl-vb-3.50-dutch-parent',
    version: VB_IN_FORCE,
    citation: 'Vb 2000 art. 3.50; Vc 2000 B16/2',
    title: 'Continued residence of the minor child of a Dutch national',
    validFrom: VB_IN_FORCE,
  },
  (facts, onDate) => {
    const isChild = facts.relationship?.kind === 'child-of-sponsor';
    const conditions = [
      condition('applicant-is-minor', 'requirement', 'the applicant is under 18 on the date of assessment', isMinorOn(facts.applicant.dateOfBirth, onDate)),
      condition(
        'parent-is-dutch-national',
        'requirement',
        'the main person is a parent of the applicant and a Dutch national',
        isChild && facts.sponsor?.status === 'dutch-national',
        { detail: `relationship ${facts.relationship?.kind ?? 'none'}, main person ${facts.sponsor?.status ?? 'none'}` },
      ),
      condition('holds-regular-permit', 'requirement', 'holds a regular (not asylum-temporary) residence permit on the date of assessment', (() => {
        const p = permitOn(facts.permits, onDate);
        return p !== undefined && !p.asylumTemporary;
      })()),
      ...exclusionConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'entitled'), conditions };
  },
);
