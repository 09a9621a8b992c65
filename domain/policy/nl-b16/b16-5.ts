/**
 * Vc 2000 B16/5: continued residence after residence as an unaccompanied minor (Amv; art. 3.51
 * lid 1 sub c Vb), and the transitional law of B16/5.1: the eighteen-year-olds of art. 9.4 Vb, the
 * minors once refused as accompanied, and the adult ex-bama permit (both under art. 3.52 Vb).
 */
import { addDays, compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { defineRule, routeOutcome } from '../registry';
import { NL_TEXT, PERIODS, appliedOn, generalConditions } from './common';
import { chains, describeSpans, eighteenthBirthday, isMinorOn, lastsYears, total, withPurpose } from './history';

const B16_5 = 'Vc 2000 B16/5';
const isAmvPermit = withPurpose('unaccompanied-minor');

/** B16/5: the reference date (peildatum) is the last day of validity of the Amv permit. */
export function amvReferenceDate(facts: NlFacts): LocalDate | undefined {
  return facts.permits
    .filter(isAmvPermit)
    .map((p) => p.to)
    .sort()
    .at(-1);
}

export const art351UnaccompaniedMinor = defineRule<
  NlFacts,
  'amv-permit-three-years' | 'minor-on-reference-date' | 'meets-amv-policy-conditions' | 'issue-w2-document' | 'late-application'
>(
  {
    id: 'nl-vb-3.51-unaccompanied-minor',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.51 lid 1 sub c; Vc 2000 B16/5',
    title: 'Continued residence after three years as an unaccompanied minor',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'amv-permit-three-years': {
        kind: 'requirement',
        paragraph: `${B16_5} sub a`,
        description:
          'held a regular fixed-term permit "verblijf als Amv" for three years by the reference date ' +
          '(time on an asylum permit for a fixed period does not count)',
      },
      'minor-on-reference-date': {
        kind: 'requirement',
        paragraph: `${B16_5} sub b; peildatum`,
        description: 'is still a minor on the reference date, the last day of validity of the Amv permit',
      },
      'meets-amv-policy-conditions': {
        kind: 'requirement',
        paragraph: `${B16_5} sub c`,
        description: 'otherwise still meets, on the reference date, the conditions of the special policy for unaccompanied minors',
      },
      'issue-w2-document': {
        kind: 'note',
        paragraph: B16_5,
        description:
          'while the decision is pending, issue the residence document of annex 7f2 VV (W2), since the applicant has no valid document for crossing borders',
      },
      'late-application': {
        kind: 'note',
        paragraph: B16_5,
        description: 'the application was filed after the Amv permit expired: B1/5.1 on late applications applies',
      },
    },
  },
  (facts, onDate, judge) => {
    const reference = amvReferenceDate(facts);
    const spans = reference ? chains(facts.permits, isAmvPermit, reference) : [];
    const filed = appliedOn(facts, onDate);
    const meets = facts.unaccompaniedMinor?.meetsPolicyConditions;
    const conditions = [
      judge('amv-permit-three-years', lastsYears(total(spans), PERIODS.unaccompaniedMinorPermitYears), describeSpans(spans)),
      judge(
        'minor-on-reference-date',
        reference !== undefined && isMinorOn(facts.applicant.dateOfBirth, reference),
        reference ? `reference date ${reference}; 18th birthday ${eighteenthBirthday(facts)}` : 'no Amv permit given',
      ),
      judge(
        'meets-amv-policy-conditions',
        meets === true,
        meets === undefined ? 'not established (unaccompaniedMinor.meetsPolicyConditions)' : meets ? 'met' : 'not met',
      ),
      // "er overigens geen gronden voor weigering zijn" (sub d), on the reference date.
      ...generalConditions(facts, reference ?? onDate),
      judge('issue-w2-document', reference !== undefined && facts.travelDocument.status === 'none'),
      judge(
        'late-application',
        reference !== undefined && compareDates(filed, reference) > 0,
        reference ? `filed ${filed}; Amv permit valid until ${reference}` : undefined,
      ),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions, ...(reference ? { effects: { referenceDate: reference } } : {}) };
  },
);

const B16_5_1 = 'Vc 2000 B16/5.1';

/** B16/5.1: continued residence from 4 January 2001 for one who turned 18 before it, else from the 18th birthday. */
export function art94ContinuedResidenceFrom(dateOfBirth: LocalDate): LocalDate {
  const majority = eighteenthBirthday({ applicant: { dateOfBirth } });
  return compareDates(majority, PERIODS.amvPolicyFrom) < 0 ? PERIODS.amvPolicyFrom : majority;
}

export const art94TransitionalAmv = defineRule<
  NlFacts,
  'first-asylum-decision-grants-amv-permit' | 'qualifies-under-amv-policy' | 'continued-residence-date-reached' | 'asylum-application-counts'
>(
  {
    id: 'nl-vb-9.4-transitional-amv',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 9.4; Vc 2000 B16/5.1',
    title: 'Transitional law for eighteen-year-olds: continued residence after an Amv permit granted on a first asylum decision',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'first-asylum-decision-grants-amv-permit': {
        kind: 'requirement',
        paragraph: B16_5_1,
        description: 'a first decision on the asylum application grants, ex officio, a permit under the Amv policy',
      },
      'qualifies-under-amv-policy': {
        kind: 'requirement',
        paragraph: B16_5_1,
        description: 'the applicant qualifies for residence under the Amv policy then in force',
      },
      'continued-residence-date-reached': {
        kind: 'requirement',
        paragraph: B16_5_1,
        description:
          'the day continued residence starts has come: 4 January 2001 for one who turned 18 ' +
          'before that day, otherwise the 18th birthday (the Amv permit runs until the day before)',
      },
      'asylum-application-counts': {
        kind: 'note',
        paragraph: B16_5_1,
        description:
          'the applicant is already 18 at the first decision: the asylum application also ' +
          'counts as the application for continued residence; no separate application is needed',
      },
    },
  },
  (facts, onDate, judge) => {
    const t = facts.amvTransitional;
    const from = art94ContinuedResidenceFrom(facts.applicant.dateOfBirth);
    const conditions = [
      judge('first-asylum-decision-grants-amv-permit', t?.firstAsylumDecisionGrantsAmvPermit === true, t ? undefined : 'not claimed (amvTransitional)'),
      judge('qualifies-under-amv-policy', t?.qualifiesUnderAmvPolicy === true),
      judge('continued-residence-date-reached', compareDates(from, onDate) <= 0, `continued residence from ${from}; Amv permit until ${addDays(from, -1)}`),
      ...generalConditions(facts, onDate),
      judge('asylum-application-counts', t?.firstAsylumDecisionGrantsAmvPermit === true && !isMinorOn(facts.applicant.dateOfBirth, onDate)),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions, effects: { continuedResidenceFrom: from } };
  },
);

const ACCOMPANIED = `${B16_5_1} Begeleide minderjarige vreemdelingen`;

export const art352AccompaniedMinor = defineRule<
  NlFacts,
  | 'holds-amv-permit'
  | 'second-application-before-eighteen'
  | 'earlier-application-from-2001-01-04'
  | 'refused-as-accompanied'
  | 'would-have-qualified-ex-tunc'
  | 'would-have-qualified-for-continued-residence'
  | 'qualifying-day-reached'
>(
  {
    id: 'nl-vb-3.52-accompanied-minor',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/5.1',
    title: 'Transitional provision for minors once refused an Amv permit because they were accompanied',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'holds-amv-permit': { kind: 'requirement', paragraph: ACCOMPANIED, description: 'was granted a regular fixed-term permit "verblijf als Amv"' },
      'second-application-before-eighteen': {
        kind: 'requirement',
        paragraph: `${ACCOMPANIED}; Uitgeprocedeerde meerderjarigen`,
        description: 'filed the second application before the 18th birthday (the provision does not apply to one already of age when applying)',
      },
      'earlier-application-from-2001-01-04': {
        kind: 'requirement',
        paragraph: ACCOMPANIED,
        description: 'the earlier asylum application dates from 4 January 2001 or later',
      },
      'refused-as-accompanied': {
        kind: 'requirement',
        paragraph: ACCOMPANIED,
        description: 'in the first procedure an Amv permit was refused because the applicant was considered an accompanied minor',
      },
      'would-have-qualified-ex-tunc': {
        kind: 'requirement',
        paragraph: ACCOMPANIED,
        description: 'had the first decision followed the new view, the applicant would have qualified for that permit (ex tunc, as of the first decision)',
      },
      'would-have-qualified-for-continued-residence': {
        kind: 'requirement',
        paragraph: ACCOMPANIED,
        description: 'on that permit the applicant would eventually have qualified for a permit "voortgezet verblijf"',
      },
      'qualifying-day-reached': {
        kind: 'requirement',
        paragraph: ACCOMPANIED,
        description:
          'the day has come on which the applicant comes of age, or would have qualified under art. 3.51 Vb had the first decision followed the new view',
      },
    },
  },
  (facts, onDate, judge) => {
    const a = facts.accompaniedMinor;
    const majority = eighteenthBirthday(facts);
    const qualifyingDay =
      a?.wouldHaveQualifiedUnder351On && compareDates(a.wouldHaveQualifiedUnder351On, majority) < 0 ? a.wouldHaveQualifiedUnder351On : majority;
    const amv = facts.permits.some(isAmvPermit);
    const conditions = [
      judge('holds-amv-permit', amv, amv ? undefined : 'no Amv permit given'),
      judge(
        'second-application-before-eighteen',
        a !== undefined && compareDates(a.secondApplicationOn, majority) < 0,
        a ? `second application ${a.secondApplicationOn}; 18th birthday ${majority}` : 'not claimed (accompaniedMinor)',
      ),
      judge(
        'earlier-application-from-2001-01-04',
        a !== undefined && compareDates(a.earlierAsylumApplicationOn, PERIODS.amvPolicyFrom) >= 0,
        a ? `earlier application ${a.earlierAsylumApplicationOn}` : undefined,
      ),
      judge('refused-as-accompanied', a?.refusedAsAccompaniedMinor === true),
      judge('would-have-qualified-ex-tunc', a?.wouldHaveQualifiedExTunc === true),
      judge('would-have-qualified-for-continued-residence', a?.wouldHaveQualifiedForContinuedResidence === true),
      judge('qualifying-day-reached', compareDates(qualifyingDay, onDate) <= 0, `from ${qualifyingDay}`),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions, effects: { continuedResidenceFrom: qualifyingDay } };
  },
);

const EX_BAMA = `${B16_5_1} Uitgeprocedeerde meerderjarigen`;

export const art352AdultExBama = defineRule<NlFacts, 'holds-ex-bama-permit' | 'at-first-renewal'>(
  {
    id: 'nl-vb-3.52-adult-ex-bama',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; VV art. 3.17a; Vc 2000 B16/5.1',
    title: 'Change of the permit "verblijf als meerderjarige ex-bama" at its first renewal',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'holds-ex-bama-permit': {
        kind: 'requirement',
        paragraph: EX_BAMA,
        description: 'holds a permit under the restriction "verblijf als meerderjarige ex-bama"',
      },
      'at-first-renewal': {
        kind: 'requirement',
        paragraph: EX_BAMA,
        description: 'the holder applies at the first renewal of that permit (it has not been renewed before)',
      },
    },
  },
  (facts, onDate, judge) => {
    const permits = chains(facts.permits, withPurpose('adult-ex-bama'), onDate);
    const entries = facts.permits.filter(withPurpose('adult-ex-bama')).length;
    const conditions = [
      judge('holds-ex-bama-permit', permits.length > 0, describeSpans(permits)),
      judge('at-first-renewal', entries === 1, `${entries} ex-bama permit period(s) given`),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
