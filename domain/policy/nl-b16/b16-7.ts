/**
 * Vb 2000 art. 3.52, Vc 2000 B16/7: compelling reasons of a humanitarian nature. When no route of
 * art. 3.50 or 3.51 (B16/2 to B16/6) is met, the office always considers whether continued
 * residence must be accepted on such reasons. B16/7 works this out for a (marriage) relationship
 * that ended within three years, extended family reunification and the elderly policy, a medical
 * emergency, victims and witnesses of human trafficking, and former unaccompanied minors.
 *
 * Where the text leaves the outcome to the minister ("de beoordeling ... is aan de Minister",
 * "bijzondere individuele omstandigheden"), the outcome is an assessment for a caseworker, with
 * the factors the text names and the facts on each. Where it states when the application "komt
 * in aanmerking" or "kan in ieder geval worden ingewilligd", the outcome is a grant.
 */
import { addDays, addYears, compareDates, type LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { defineRule, routeOutcome, selectInForce } from '../registry';
import type { Rule, RuleResult } from '../types';
import { DOCUMENT_AND_MEANS, NL_TEXT, PERIODS, claimNotSubstantiated, generalConditions, humanitarianReasons, lacks, offerCurePeriod } from './common';
import { art350DutchParent, art350ResidenceAsMinor } from './b16-2';
import { art351DeathOfMainPerson, art351ExtendedFamily, art351Relationship, art96TransitionalMarriage, permitsOnRelationship } from './b16-3';
import { art351MedicalTreatment, medicalFacts } from './b16-4';
import { art351UnaccompaniedMinor, art94TransitionalAmv } from './b16-5';
import { art351NotAtFault } from './b16-6';
import { chains, clipTo, describeSpans, eighteenthBirthday, lastsYears, merge, permitOn, total, withPurpose, type Span } from './history';

const B16_7 = 'Vc 2000 B16/7';
const granting = (r: RuleResult) => r.outcome === 'entitled' || r.outcome === 'policy-grants';

/** The routes of art. 3.50 and 3.51 (B16/2 to B16/6, with their transitional rules). */
export const CONTINUED_RESIDENCE_ROUTES: readonly Rule<NlFacts>[] = [
  art350ResidenceAsMinor,
  art350DutchParent,
  art351Relationship,
  art96TransitionalMarriage,
  art351ExtendedFamily,
  art351DeathOfMainPerson,
  art351MedicalTreatment,
  art351UnaccompaniedMinor,
  art94TransitionalAmv,
  art351NotAtFault,
];

const reasonsDetail = (facts: NlFacts, extra: string[] = []) => {
  const all = [...humanitarianReasons(facts), ...extra];
  return [all.length > 0, all.length ? all.join('; ') : 'none put forward'] as [boolean, string];
};

export const art352Humanitarian = defineRule<NlFacts, 'no-route-of-3.50-or-3.51' | 'reasons-put-forward'>(
  {
    id: 'nl-vb-3.52-humanitarian',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/1, B16/7',
    title: 'Compelling reasons of a humanitarian nature, always considered when no route of art. 3.50 or 3.51 is met',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'no-route-of-3.50-or-3.51': {
        kind: 'requirement',
        paragraph: `${B16_7}; B16/1`,
        description: 'the applicant does not qualify for continued residence under art. 3.50 or 3.51 Vb (B16/2 to B16/6)',
      },
      'reasons-put-forward': {
        kind: 'factor',
        paragraph: `${B16_7}; B16/1`,
        description: 'compelling reasons of a humanitarian nature put forward by the applicant',
      },
    },
  },
  (facts, onDate, judge) => {
    const { inForce } = selectInForce(CONTINUED_RESIDENCE_ROUTES, onDate);
    const met = inForce.map((r) => r.evaluate(facts, onDate)).filter(granting);
    const conditions = [
      judge('no-route-of-3.50-or-3.51', met.length === 0, met.length ? `met: ${met.map((r) => r.ruleId).join(', ')}` : undefined),
      judge('reasons-put-forward', ...reasonsDetail(facts)),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'humanitarian-assessment-needed'), conditions };
  },
);

/** B16/7: violence within the family, proven as the text says, and the facts. Nothing more may be asked. */
function violenceProven(facts: NlFacts): [boolean, string] {
  const v = facts.violenceWithinFamily;
  if (!v) return [false, 'no violence within the family put forward'];
  if (!v.relationshipEndedBecauseOfViolence) return [false, 'the violence did not lead to the actual breakdown of the relationship'];
  const e = v.evidence;
  if (!e.doctorStatement) return [false, 'no statement of a (confidential) doctor'];
  if (e.policeReport) return [true, "police record of the report and a doctor's statement"];
  if (v.prosecutedExOfficio && e.prosecutorOrPoliceStatement)
    return [true, "ex officio prosecution: statement of the public prosecutor or police and a doctor's statement"];
  return [false, v.prosecutedExOfficio ? 'ex officio prosecution, but no statement of the public prosecutor or the police' : 'no police record of the report'];
}

/** The day residence on the relationship or family tie was accepted: the first permit on it. */
const admissionOf = (spans: readonly Span[]): LocalDate | undefined => spans[0]?.from;
const withinYearsOfAdmission = (admission: LocalDate | undefined, ended: LocalDate | undefined) =>
  admission !== undefined && ended !== undefined && compareDates(ended, addYears(admission, PERIODS.humanitarianWithinYearsOfAdmission)) < 0;

const RELATIONSHIP = `${B16_7} (huwelijks)relatie`;

export const art352Relationship = defineRule<
  NlFacts,
  | 'residence-on-relationship'
  | 'broken-within-three-years-of-admission'
  | 'not-broken-by-death'
  | 'a-single-women'
  | 'b-position-of-women'
  | 'c-no-acceptable-reception'
  | 'left-behind-without-documents'
  | 'd-care-for-children'
  | 'd-rootedness'
  | 'd-family-life-elsewhere-impossible'
  | 'e-violence-within-family'
  | 'violence-weighed-as-circumstance'
  | 'reasons-put-forward'
  | 'other-factors-not-examined'
  | 'ambtsbericht-may-be-requested'
  | 'offer-cure-period'
>(
  {
    id: 'nl-vb-3.52-relationship',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7',
    title: 'Compelling humanitarian reasons after a (marriage) relationship ended within three years of admission',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'residence-on-relationship': {
        kind: 'requirement',
        paragraph: RELATIONSHIP,
        description: 'residence was granted on a marriage, registered partnership or relationship with the main person',
      },
      'broken-within-three-years-of-admission': {
        kind: 'requirement',
        paragraph: RELATIONSHIP,
        description: 'the (marriage) relationship was broken within three years after admission',
      },
      'not-broken-by-death': { kind: 'requirement', paragraph: RELATIONSHIP, description: 'it was broken otherwise than by death' },
      'a-single-women': { kind: 'factor', paragraph: `${RELATIONSHIP} sub a`, description: 'a. the situation of single women in the country of origin' },
      'b-position-of-women': { kind: 'factor', paragraph: `${RELATIONSHIP} sub b`, description: 'b. the social position of women in the country of origin' },
      'c-no-acceptable-reception': {
        kind: 'factor',
        paragraph: `${RELATIONSHIP} sub c`,
        description: 'c. no reception acceptable by the standards of the country of origin is available there',
      },
      'left-behind-without-documents': {
        kind: 'factor',
        paragraph: `${RELATIONSHIP} ad a, b en c`,
        description: 'left behind in the country of origin against their will, without identity and residence documents (with any children)',
      },
      'd-care-for-children': {
        kind: 'factor',
        paragraph: `${RELATIONSHIP} sub d`,
        description: 'd. cares for children born in the Netherlands and/or in education here',
      },
      'd-rootedness': { kind: 'factor', paragraph: `${RELATIONSHIP} ad d`, description: 'ad d. the degree of rootedness in Dutch society' },
      'd-family-life-elsewhere-impossible': {
        kind: 'factor',
        paragraph: `${RELATIONSHIP} ad d`,
        description: 'ad d. family life cannot be continued elsewhere',
      },
      'e-violence-within-family': {
        kind: 'factor',
        paragraph: `${RELATIONSHIP} sub e, ad e`,
        description:
          'e. (sexual) violence within the family, proven: it led to the actual breakdown of the relationship and is shown by ' +
          'a police record of the report and a statement of a (confidential) doctor, or, where the public prosecutor prosecuted ' +
          "ex officio, a statement of the prosecutor or the police and a doctor's statement; heavy weight (from 17 October 2003)",
      },
      'violence-weighed-as-circumstance': {
        kind: 'factor',
        paragraph: `${RELATIONSHIP} ad e`,
        description:
          '(sexual) violence put forward that is not factor e (not shown in the way the text requires, ' +
          'or before the regulation applied), weighed in the combination of reasons',
      },
      'reasons-put-forward': { kind: 'factor', paragraph: RELATIONSHIP, description: 'the compelling humanitarian reasons the applicant states' },
      'other-factors-not-examined': {
        kind: 'waiver',
        paragraph: `${RELATIONSHIP} ad e`,
        description: 'beside proven violence within the family, factors a to d need not be examined',
      },
      'ambtsbericht-may-be-requested': {
        kind: 'note',
        paragraph: `${RELATIONSHIP} ad a, b en c`,
        description:
          'on the information given about factors a to c, an individual official report (ambtsbericht) ' +
          'may be requested from the Ministry of Foreign Affairs (request-ambtsbericht)',
      },
      'offer-cure-period': offerCurePeriod(RELATIONSHIP),
    },
  },
  (facts, onDate, judge) => {
    const r = facts.relationship;
    const f = facts.relationshipFactors ?? {};
    const permits = permitsOnRelationship(facts, onDate);
    const admission = admissionOf(permits);
    const ended = r?.ended && compareDates(r.ended.on, onDate) <= 0 ? r.ended : undefined;
    const [proven, proof] = violenceProven(facts);
    const inForce = compareDates(onDate, PERIODS.violenceRegulationFrom) >= 0;
    const e = proven && inForce;
    const children = f.careForChildren;
    const legacy = [
      f.honourRelatedViolenceOnReturn ? 'honour-related violence on return' : '',
      f.socialExclusionOnReturn ? 'social exclusion on return' : '',
      f.caresForMinorChildInNetherlands ? 'cares for a minor child in the Netherlands' : '',
      f.otherCompellingCircumstances ?? '',
    ].filter(Boolean);
    const factorA = f.singleWomenSituation ?? null;
    const factorB = f.positionOfWomen ?? null;
    const factorC = f.acceptableReceptionAvailable === false;
    const [notSubstantiated, substantiation] = claimNotSubstantiated(facts);
    const conditions = [
      judge('residence-on-relationship', permits.length > 0, r ? `${r.kind}; permits ${describeSpans(permits)}` : 'no relationship given'),
      judge(
        'broken-within-three-years-of-admission',
        withinYearsOfAdmission(admission, ended?.on),
        `admitted ${admission ?? 'never'}; ${ended ? `broken ${ended.on}` : 'not broken'}`,
      ),
      judge('not-broken-by-death', ended !== undefined && ended.how !== 'death-of-main-person', ended ? ended.how : 'not broken'),
      judge('a-single-women', factorA !== null, factorA ?? undefined),
      judge('b-position-of-women', factorB !== null, factorB ?? undefined),
      judge(
        'c-no-acceptable-reception',
        factorC,
        f.acceptableReceptionAvailable === undefined ? 'not assessed' : factorC ? 'no acceptable reception' : 'acceptable reception available',
      ),
      judge('left-behind-without-documents', (f.leftBehindWithoutDocuments ?? null) !== null, f.leftBehindWithoutDocuments ?? undefined),
      judge(
        'd-care-for-children',
        children != null && (children.bornInNetherlands || children.inEducation),
        children
          ? `children born in the Netherlands: ${children.bornInNetherlands ? 'yes' : 'no'}; in education: ${children.inEducation ? 'yes' : 'no'}`
          : undefined,
      ),
      judge('d-rootedness', (f.rootedness ?? null) !== null, f.rootedness ?? undefined),
      judge(
        'd-family-life-elsewhere-impossible',
        f.familyLifeElsewherePossible === false,
        f.familyLifeElsewherePossible === undefined ? 'not assessed' : f.familyLifeElsewherePossible ? 'possible elsewhere' : 'not possible elsewhere',
      ),
      judge('e-violence-within-family', e, proven && !inForce ? `${proof}; the regulation applies from ${PERIODS.violenceRegulationFrom}` : proof),
      judge('violence-weighed-as-circumstance', facts.violenceWithinFamily !== undefined && !e, facts.violenceWithinFamily && !e ? proof : undefined),
      judge('reasons-put-forward', ...reasonsDetail(facts, legacy)),
      judge('other-factors-not-examined', e),
      judge('ambtsbericht-may-be-requested', factorA !== null || factorB !== null || factorC),
      judge('offer-cure-period', notSubstantiated, substantiation),
      ...generalConditions(facts, onDate),
    ];
    return {
      outcome: routeOutcome(conditions, 'humanitarian-assessment-needed'),
      conditions,
      ...(e ? { notes: ['proven violence within the family carries heavy weight; factors a to d need not be examined'] } : {}),
    };
  },
);

const EXTENDED = `${B16_7} Verruimde gezinshereniging en ouderenbeleid`;

export const art352ExtendedFamily = defineRule<
  NlFacts,
  | 'admitted-extended-family-or-elderly'
  | 'conditions-ended-within-three-years'
  | 'violence-proven-within-three-years'
  | 'reasons-put-forward'
  | 'offer-cure-period'
>(
  {
    id: 'nl-vb-3.52-extended-family',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7',
    title: 'Compelling humanitarian reasons after extended family reunification or the elderly policy ended within three years',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'admitted-extended-family-or-elderly': {
        kind: 'requirement',
        paragraph: EXTENDED,
        description: 'admitted for extended family reunification or under the elderly policy (B2/7)',
      },
      'conditions-ended-within-three-years': {
        kind: 'requirement',
        paragraph: EXTENDED,
        description: 'within three years after admission the conditions of that admission are no longer met',
      },
      'violence-proven-within-three-years': {
        kind: 'factor',
        paragraph: EXTENDED,
        description:
          'proven (sexual) violence within the family led, within three years after admission, to the breaking of ' +
          "the family relationship (police record of the report and a doctor's statement, or, after ex officio prosecution, " +
          "a statement of the prosecutor or police and a doctor's statement): the applicant then qualifies",
      },
      'reasons-put-forward': { kind: 'factor', paragraph: EXTENDED, description: 'the compelling humanitarian reasons the applicant states' },
      'offer-cure-period': offerCurePeriod(EXTENDED),
    },
  },
  (facts, onDate, judge) => {
    const permits = chains(facts.permits, withPurpose('extended-family-reunification', 'elderly-policy'), onDate);
    const admission = admissionOf(permits);
    const endedOn = facts.admissionConditionsNoLongerMetOn ?? facts.relationship?.ended?.on;
    const ended = endedOn !== undefined && compareDates(endedOn, onDate) <= 0 ? endedOn : undefined;
    const [proven, proof] = violenceProven(facts);
    const tieBrokenOn = facts.relationship?.ended?.on;
    const violence = proven && withinYearsOfAdmission(admission, tieBrokenOn);
    const [notSubstantiated, substantiation] = claimNotSubstantiated(facts);
    const conditions = [
      judge('admitted-extended-family-or-elderly', permits.length > 0, describeSpans(permits)),
      judge(
        'conditions-ended-within-three-years',
        withinYearsOfAdmission(admission, ended),
        `admitted ${admission ?? 'never'}; conditions no longer met ${ended ?? 'not given'}`,
      ),
      judge('violence-proven-within-three-years', violence, proven ? `${proof}; family relationship broken ${tieBrokenOn ?? 'not given'}` : proof),
      judge('reasons-put-forward', ...reasonsDetail(facts)),
      judge('offer-cure-period', notSubstantiated && !violence, substantiation),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, violence ? 'policy-grants' : 'humanitarian-assessment-needed'), conditions };
  },
);

const EMERGENCY = `${B16_7} Medische noodsituatie`;

export const art352MedicalEmergency = defineRule<
  NlFacts,
  'medical-emergency-permit-three-years' | 'emergency-lasts-one-more-year' | 'renewal-conditions-whole-period'
>(
  {
    id: 'nl-vb-3.52-medical-emergency',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7',
    title: 'Continued residence after three years of residence because of a medical emergency',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'medical-emergency-permit-three-years': {
        kind: 'requirement',
        paragraph: EMERGENCY,
        description: 'held a permit "verblijf vanwege medische noodsituatie" for three years',
      },
      'emergency-lasts-one-more-year': {
        kind: 'requirement',
        paragraph: EMERGENCY,
        description: "in the minister's judgement the medical emergency will last at least one more year",
      },
      'renewal-conditions-whole-period': {
        kind: 'requirement',
        paragraph: EMERGENCY,
        description: 'met the conditions for renewing the original permit during the whole period',
      },
    },
  },
  (facts, onDate, judge) => {
    const m = medicalFacts(facts, onDate, 'medical-emergency');
    const conditions = [
      judge('medical-emergency-permit-three-years', ...m.threeYears),
      judge('emergency-lasts-one-more-year', ...m.anotherYear),
      judge('renewal-conditions-whole-period', ...m.wholePeriod),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

const TRAFFICKING = `${B16_7} Slachtoffer/getuige-aangever van mensenhandel`;

/** The trafficking facts every category reads. */
function traffickingFacts(facts: NlFacts, onDate: LocalDate) {
  const t = facts.humanTrafficking;
  const b9 = chains(facts.permits, withPurpose('human-trafficking'), onDate);
  const c = t?.criminalCase;
  const judgment = c?.status === 'judgment' && compareDates(c.on, onDate) <= 0 ? c : undefined;
  return {
    b9,
    heldB9: [b9.length > 0, describeSpans(b9)] as [boolean, string],
    victim: [t?.role === 'victim', t ? t.role : 'no trafficking facts given'] as [boolean, string],
    cooperated: [t !== undefined && t.cooperated !== false, t?.cooperated === false ? 'did not cooperate' : undefined] as [boolean, string | undefined],
    judgment,
    final: [
      judgment?.final === true,
      judgment ? `judgment ${judgment.on}${judgment.final ? ', irrevocable' : ', not yet irrevocable'}` : `criminal case: ${c?.status ?? 'none'}`,
    ] as [boolean, string],
    copy: [t?.judgmentCopySubmitted === true, t?.judgmentCopySubmitted ? 'submitted' : 'no copy of the judgment submitted'] as [boolean, string],
    running: c?.status === 'investigation' || c?.status === 'prosecution' || (c?.status === 'judgment' && !c.final),
    caseStatus:
      c === undefined
        ? 'no criminal case given'
        : c.status === 'judgment'
          ? `judgment of ${c.on}${c.final ? ', irrevocable' : ', not yet irrevocable'}`
          : c.status,
  };
}

const B9_PERMIT = {
  kind: 'requirement',
  paragraph: TRAFFICKING,
  description:
    'a victim or witness-declarant of human trafficking who was allowed to stay for the duration and in the interest of the criminal proceedings (B9 permit)',
} as const;
const COMMON_CATEGORY = {
  'held-b9-permit': B9_PERMIT,
  victim: { kind: 'requirement', paragraph: TRAFFICKING, description: 'the applicant is a victim (the categories are for victims, not witness-declarants)' },
  'reported-or-cooperated': {
    kind: 'requirement',
    paragraph: TRAFFICKING,
    description: 'reported the trafficking for the criminal case, or otherwise cooperated with it',
  },
  'judgment-final': {
    kind: 'requirement',
    paragraph: `${TRAFFICKING} ad a, ad b`,
    description: 'the judgment is irrevocable: no legal remedy against the first-instance judgment, or the Court of Appeal has ruled',
  },
  'judgment-copy-submitted': {
    kind: 'requirement',
    paragraph: TRAFFICKING,
    description: 'the applicant showed the category by submitting a copy of the judgment in the criminal case',
  },
} as const;

export const art352TraffickingConviction = defineRule<NlFacts, keyof typeof COMMON_CATEGORY | 'conviction'>(
  {
    id: 'nl-vb-3.52-trafficking-conviction',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7 (mensenhandel, categorie a)',
    title: 'Victim of human trafficking whose criminal case ended in a conviction',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      ...COMMON_CATEGORY,
      conviction: {
        kind: 'requirement',
        paragraph: `${TRAFFICKING} sub a, ad a`,
        description:
          'the criminal case ended in a conviction of the suspect, for trafficking or for another offence charged where trafficking was part of the charge',
      },
    },
  },
  (facts, onDate, judge) => {
    const t = traffickingFacts(facts, onDate);
    const j = t.judgment;
    const charged = j?.traffickingPartOfCharge !== false;
    const conditions = [
      judge('held-b9-permit', ...t.heldB9),
      judge('victim', ...t.victim),
      judge('reported-or-cooperated', ...t.cooperated),
      judge(
        'conviction',
        j?.conviction === true && charged,
        j ? `${j.conviction ? 'conviction' : 'no conviction'}${charged ? '' : '; trafficking was not part of the charge'}` : `criminal case: ${t.caseStatus}`,
      ),
      judge('judgment-final', ...t.final),
      judge('judgment-copy-submitted', ...t.copy),
      ...generalConditions(facts, onDate),
    ];
    const outcome = routeOutcome(conditions, 'policy-grants');
    return {
      outcome,
      conditions,
      ...(outcome === 'policy-grants' ? { notes: ['a conviction is taken to mean that return brings risk for the victim (ad a)'] } : {}),
    };
  },
);

export const art352TraffickingNoConviction = defineRule<
  NlFacts,
  keyof typeof COMMON_CATEGORY | 'judgment-without-conviction' | 'three-years-on-b9-at-judgment'
>(
  {
    id: 'nl-vb-3.52-trafficking-no-conviction',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7 (mensenhandel, categorie b)',
    title: 'Victim of human trafficking, three years on the B9 permit when a judgment without conviction was given',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      ...COMMON_CATEGORY,
      'judgment-without-conviction': {
        kind: 'requirement',
        paragraph: `${TRAFFICKING} sub b, ad b`,
        description: 'the criminal case ended in a judgment that is not a conviction',
      },
      'three-years-on-b9-at-judgment': {
        kind: 'requirement',
        paragraph: `${TRAFFICKING} sub b, ad b`,
        description:
          'on the day of the judgment the victim had stayed for three years or longer on the B9 permit ' +
          '(the time of a complaint procedure after an earlier dismissal counts)',
      },
    },
  },
  (facts, onDate, judge) => {
    const t = traffickingFacts(facts, onDate);
    const j = t.judgment;
    const complaint = facts.humanTrafficking?.complaintProcedure;
    const counted = j ? chains(facts.permits, withPurpose('human-trafficking'), j.on) : [];
    const spans = complaint && j ? merge([...counted, ...clipTo([complaint], j.on)]) : counted;
    const conditions = [
      judge('held-b9-permit', ...t.heldB9),
      judge('victim', ...t.victim),
      judge('reported-or-cooperated', ...t.cooperated),
      judge(
        'judgment-without-conviction',
        j !== undefined && !j.conviction,
        j ? (j.conviction ? 'conviction' : 'no conviction') : `criminal case: ${t.caseStatus}`,
      ),
      judge('judgment-final', ...t.final),
      judge(
        'three-years-on-b9-at-judgment',
        j !== undefined && lastsYears(total(spans), PERIODS.traffickingPermitYears),
        j ? `${describeSpans(spans)} up to the judgment on ${j.on}` : 'no judgment',
      ),
      judge('judgment-copy-submitted', ...t.copy),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

const PENDING = `${TRAFFICKING}: Strafzaak mensenhandel loopt na drie jaar nog`;

export const art352TraffickingCasePending = defineRule<NlFacts, 'held-b9-permit' | 'victim' | 'three-years-on-b9' | 'criminal-case-still-running'>(
  {
    id: 'nl-vb-3.52-trafficking-case-pending',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7 (mensenhandel, strafzaak loopt na drie jaar nog)',
    title: 'Victim of human trafficking, three years on the B9 permit while the criminal case still runs',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'held-b9-permit': B9_PERMIT,
      victim: { kind: 'requirement', paragraph: PENDING, description: 'the applicant is a victim' },
      'three-years-on-b9': { kind: 'requirement', paragraph: PENDING, description: 'has stayed three years on the B9 permit' },
      'criminal-case-still-running': { kind: 'requirement', paragraph: PENDING, description: 'the criminal case is still running' },
    },
  },
  (facts, onDate, judge) => {
    const t = traffickingFacts(facts, onDate);
    const conditions = [
      judge('held-b9-permit', ...t.heldB9),
      judge('victim', ...t.victim),
      judge('three-years-on-b9', lastsYears(total(t.b9), PERIODS.traffickingPermitYears), describeSpans(t.b9)),
      judge('criminal-case-still-running', t.running, t.caseStatus),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);

const SPECIAL = `${TRAFFICKING}: Sepot of vrijspraak binnen drie jaar`;
const TRAFFICKING_CATEGORIES = [art352TraffickingConviction, art352TraffickingNoConviction, art352TraffickingCasePending];

export const art352TraffickingSpecialCircumstances = defineRule<
  NlFacts,
  | 'held-b9-permit'
  | 'no-category-applies'
  | 'reprisal-risk'
  | 'prosecution-risk'
  | 'reintegration'
  | 'witness-report-led-to-conviction'
  | 'psychological-treatment'
  | 'care-for-children'
  | 'position-of-single-women'
  | 'reasons-put-forward'
  | 'medical-policy-more-appropriate'
  | 'offer-cure-period'
>(
  {
    id: 'nl-vb-3.52-trafficking-special-circumstances',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7 (mensenhandel, bijzondere individuele omstandigheden)',
    title: 'Victim or witness of human trafficking outside the categories: special individual circumstances',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'held-b9-permit': B9_PERMIT,
      'no-category-applies': {
        kind: 'requirement',
        paragraph: SPECIAL,
        description:
          'the applicant falls in none of the categories granted in any case (a dismissal without complaint or with ' +
          'a complaint not upheld, an acquittal within three years, no criminal case or judgment, a witness-declarant)',
      },
      'reprisal-risk': {
        kind: 'factor',
        paragraph: SPECIAL,
        description:
          'the risk of reprisals against the applicant and their family, ' +
          'and the protection the authorities of the country of origin are willing and able to give',
      },
      'prosecution-risk': { kind: 'factor', paragraph: SPECIAL, description: 'the risk of prosecution in the country of origin, e.g. for prostitution' },
      reintegration: {
        kind: 'factor',
        paragraph: SPECIAL,
        description:
          'the possibilities of social reintegration in the country of origin (cultural background, ' +
          'any past in prostitution, lasting disruption of family relations, views on prostitution and government policy there)',
      },
      'witness-report-led-to-conviction': {
        kind: 'factor',
        paragraph: SPECIAL,
        description:
          'a witness-declarant whose report led to a conviction: whether to give that conviction heavy, even decisive, weight in the risk of reprisals',
      },
      'psychological-treatment': {
        kind: 'factor',
        paragraph: SPECIAL,
        description: 'psychological problems for which the applicant is being treated in the Netherlands',
      },
      'care-for-children': { kind: 'factor', paragraph: SPECIAL, description: 'care for children born in the Netherlands or in education here' },
      'position-of-single-women': { kind: 'factor', paragraph: SPECIAL, description: 'the position of single women in the country of origin' },
      'reasons-put-forward': {
        kind: 'factor',
        paragraph: SPECIAL,
        description: 'the compelling humanitarian reasons the applicant states (the named factors are not the only ones)',
      },
      'medical-policy-more-appropriate': {
        kind: 'note',
        paragraph: SPECIAL,
        description:
          'only medical circumstances are put forward: they count only as one factor, and an assessment under the medical-treatment policy is more appropriate',
      },
      'offer-cure-period': offerCurePeriod(SPECIAL),
    },
  },
  (facts, onDate, judge) => {
    const t = traffickingFacts(facts, onDate);
    const inCategory = TRAFFICKING_CATEGORIES.map((r) => r.evaluate(facts, onDate)).filter((r) => r.outcome !== 'not-eligible');
    const c = facts.humanTrafficking?.circumstances ?? {};
    const said = (v: string | null | undefined): [boolean, string | undefined] => [(v ?? null) !== null, v ?? undefined];
    const witnessConviction = facts.humanTrafficking?.role === 'witness' && t.judgment?.conviction === true;
    const [notSubstantiated, substantiation] = claimNotSubstantiated(facts);
    const conditions = [
      judge('held-b9-permit', ...t.heldB9),
      judge(
        'no-category-applies',
        inCategory.length === 0,
        inCategory.length ? `falls in ${inCategory.map((r) => r.ruleId).join(', ')}` : `criminal case: ${t.caseStatus}`,
      ),
      judge('reprisal-risk', ...said(c.reprisalRisk)),
      judge('prosecution-risk', ...said(c.prosecutionRisk)),
      judge('reintegration', ...said(c.reintegration)),
      judge('witness-report-led-to-conviction', witnessConviction, witnessConviction ? `judgment ${t.judgment!.on}` : undefined),
      judge('psychological-treatment', ...said(c.psychologicalTreatmentInNetherlands)),
      judge('care-for-children', ...said(c.careForChildren)),
      judge('position-of-single-women', ...said(c.positionOfSingleWomen)),
      judge('reasons-put-forward', ...reasonsDetail(facts)),
      judge('medical-policy-more-appropriate', c.onlyMedicalCircumstances === true),
      judge('offer-cure-period', notSubstantiated, substantiation),
      ...generalConditions(facts, onDate),
    ];
    return { outcome: routeOutcome(conditions, 'humanitarian-assessment-needed'), conditions };
  },
);

const AMV = `${B16_7} Amv`;

export const art352FormerUnaccompaniedMinor = defineRule<
  NlFacts,
  'not-eligible-under-b16-5' | 'amv-permit-until-majority' | 'three-years-on-a-permit' | 'met-amv-policy-throughout' | 'travel-document-waived' | 'means-waived'
>(
  {
    id: 'nl-vb-3.52-former-unaccompanied-minor',
    ...NL_TEXT,
    citation: 'Vb 2000 art. 3.52; Vc 2000 B16/7 (Amv)',
    title: 'Special individual circumstances of a former unaccompanied minor',
    includes: ['nl-b16-1-general-conditions'],
    conditions: {
      'not-eligible-under-b16-5': {
        kind: 'requirement',
        paragraph: AMV,
        description: 'the applicant does not qualify for continued residence under art. 3.51 (B16/5)',
      },
      'amv-permit-until-majority': {
        kind: 'requirement',
        paragraph: `${AMV} sub a`,
        description: 'held a regular fixed-term permit "verblijf als Amv" until coming of age',
      },
      'three-years-on-a-permit': {
        kind: 'requirement',
        paragraph: `${AMV} sub b`,
        description: 'held a residence permit for three years (any permit, including an asylum permit)',
      },
      'met-amv-policy-throughout': {
        kind: 'requirement',
        paragraph: `${AMV} sub c`,
        description: 'throughout the residence in the Netherlands, always met the conditions of the special policy for unaccompanied minors',
      },
      'travel-document-waived': {
        kind: 'waiver',
        paragraph: AMV,
        description: 'not refused because the applicant has no valid document for crossing borders (in derogation of B1/4.2)',
      },
      'means-waived': {
        kind: 'waiver',
        paragraph: AMV,
        description: 'not refused because the applicant has no sufficient, lasting means of subsistence (in derogation of B1/4.3)',
      },
    },
  },
  (facts, onDate, judge) => {
    const majority = eighteenthBirthday(facts);
    const amvAtMajority = permitOn(facts.permits.filter(withPurpose('unaccompanied-minor')), addDays(majority, -1));
    const all = chains(facts.permits, () => true, onDate);
    const b16_5 = art351UnaccompaniedMinor.evaluate(facts, onDate);
    const throughout = facts.unaccompaniedMinor?.metPolicyConditionsThroughout;
    const conditions = [
      judge('not-eligible-under-b16-5', !granting(b16_5), `B16/5: ${b16_5.outcome}`),
      judge(
        'amv-permit-until-majority',
        amvAtMajority !== undefined && compareDates(majority, onDate) <= 0,
        `18th birthday ${majority}; ${amvAtMajority ? `Amv permit ${amvAtMajority.from} to ${amvAtMajority.to}` : 'no Amv permit on the day before'}`,
      ),
      judge('three-years-on-a-permit', lastsYears(total(all), PERIODS.formerUnaccompaniedMinorPermitYears), describeSpans(all)),
      judge(
        'met-amv-policy-throughout',
        throughout === true,
        throughout === undefined ? 'not established (unaccompaniedMinor.metPolicyConditionsThroughout)' : throughout ? 'met throughout' : 'not met throughout',
      ),
      ...generalConditions(facts, onDate, DOCUMENT_AND_MEANS),
      judge('travel-document-waived', ...lacks.travelDocument(facts)),
      judge('means-waived', ...lacks.means(facts)),
    ];
    return { outcome: routeOutcome(conditions, 'policy-grants'), conditions };
  },
);
