/**
 * Policy pack: Norway, Immigration Act 2008 (utlendingsloven) s. 38, residence permit on strong
 * humanitarian grounds or a particular connection with the realm.
 *
 * Section 38 is an overall assessment ("kan"): the system never decides it. It reports the
 * factors of the first and second paragraphs that are present, whether the applicant is a child
 * (third paragraph: best interests fundamental, lower threshold), the immigration-control
 * considerations flagged for weighing (fourth paragraph), and the restrictions that may be
 * attached (fifth paragraph; Immigration Regulations s. 8-12 where identity is in doubt).
 */
import type { LocalDate } from '../../calendar/dates';
import type { NoFacts } from '../../application/no';
import { addYears, compareDates } from '../../calendar/dates';
import { condition, defineRule, failingConditionsOf, selectInForce } from '../registry';
import type { Assessment, PolicyPack, Rule, RuleResult } from '../types';

/** The Act of 15 May 2008 no. 35 entered into force on 1 January 2010. */
const ACT_IN_FORCE = '2010-01-01';
const S38 = 'Immigration Act (NO) s. 38';

const isChildOn = (dateOfBirth: LocalDate, onDate: LocalDate) => compareDates(onDate, addYears(dateOfBirth, 18)) < 0;

/** A factor rule: present when every condition holds; its absence is reported, never a refusal. */
function factorRule(id: string, citation: string, title: string, conditions: (f: NoFacts, onDate: LocalDate) => ReturnType<typeof condition>[]): Rule<NoFacts> {
  return defineRule<NoFacts>({ id, version: ACT_IN_FORCE, citation, title, validFrom: ACT_IN_FORCE }, (facts, onDate) => {
    const list = conditions(facts, onDate);
    return { outcome: list.every((c) => c.held) ? 'humanitarian-assessment-needed' : 'not-eligible', conditions: list, effects: { present: list.every((c) => c.held) } };
  });
}

export const s38ParticularConnection = factorRule('no-s38-1-particular-connection', `${S38} first paragraph`, 'Particular connection with the realm', (f) => [
  condition('particular-connection', 'requirement', 'the applicant has a particular connection with the realm', f.s38.particularConnectionWithRealm),
]);

export const s38UnaccompaniedMinor = factorRule(
  'no-s38-2a-unaccompanied-minor',
  `${S38} second paragraph letter a`,
  'Unaccompanied minor without proper care on return',
  (f, onDate) => [
    condition('minor', 'requirement', 'the applicant is under 18 on the date of assessment', isChildOn(f.applicant.dateOfBirth, onDate)),
    condition('unaccompanied', 'requirement', 'the applicant is unaccompanied', f.s38.unaccompaniedMinor.unaccompanied),
    condition('no-proper-care-on-return', 'requirement', 'the applicant would be without proper care on return', !f.s38.unaccompaniedMinor.properCareOnReturn),
  ],
);

export const s38Health = factorRule('no-s38-2b-health', `${S38} second paragraph letter b`, 'Compelling health circumstances', (f) => [
  condition('compelling-health-circumstances', 'requirement', 'compelling health circumstances', f.s38.health.compellingCircumstances),
  condition('needs-treatment-in-realm', 'requirement', 'the applicant needs treatment in the realm', f.s38.health.needsTreatmentInRealm),
]);

export const s38SituationOnReturn = factorRule('no-s38-2c-situation-on-return', `${S38} second paragraph letter c`, 'Social or humanitarian situation on return', (f) => [
  condition('situation-on-return', 'requirement', 'a social or humanitarian situation on return that gives grounds for a permit', f.s38.socialOrHumanitarianSituationOnReturn),
]);

export const s38Trafficking = factorRule('no-s38-2d-human-trafficking', `${S38} second paragraph letter d`, 'Victim of human trafficking', (f) => [
  condition('victim-of-trafficking', 'requirement', 'the applicant has been a victim of human trafficking', f.s38.victimOfHumanTrafficking),
]);

export const s38Child = defineRule<NoFacts>(
  { id: 'no-s38-3-child', version: ACT_IN_FORCE, citation: `${S38} third paragraph`, title: 'Cases concerning children', validFrom: ACT_IN_FORCE },
  (facts, onDate) => {
    const child = isChildOn(facts.applicant.dateOfBirth, onDate);
    return {
      conditions: [condition('applicant-is-child', 'factor', 'the applicant is under 18 on the date of assessment', child, { detail: `born ${facts.applicant.dateOfBirth}` })],
      effects: { bestInterestsFundamental: child, lowerThreshold: child },
      notes: child ? ['the best interests of the child are a fundamental consideration; a child may be granted a permit where an adult would not'] : [],
    };
  },
);

const CONTROL: [keyof NoFacts['s38']['immigrationControl'], string][] = [
  ['consequencesForSimilarApplications', 'a. possible consequences for the number of applications on similar grounds'],
  ['socialConsequences', 'b. social consequences'],
  ['controlConsiderations', 'c. considerations of control'],
  ['respectForOtherRules', "d. respect for the Act's other rules"],
];

export const s38ImmigrationControl = defineRule<NoFacts>(
  { id: 'no-s38-4-immigration-control', version: ACT_IN_FORCE, citation: `${S38} fourth paragraph`, title: 'Immigration-control considerations', validFrom: ACT_IN_FORCE },
  (facts) => {
    const conditions = CONTROL.map(([key, description]) => condition(key, 'factor', description, facts.s38.immigrationControl[key]));
    return { conditions, effects: { considerations: conditions.filter((c) => c.held).map((c) => c.description) } };
  },
);

export const s38Restrictions = defineRule<NoFacts>(
  {
    id: 'no-s38-5-restrictions',
    version: ACT_IN_FORCE,
    citation: `${S38} fifth paragraph; Immigration Regulations s. 8-12`,
    title: 'Restrictions that may be attached to the permit',
    validFrom: ACT_IN_FORCE,
  },
  (facts) => {
    const identityInDoubt = facts.identity === 'in-doubt';
    const temporary = facts.s38.needIsTemporary;
    const possible = identityInDoubt || temporary ? ['no basis for a permanent residence permit', 'no basis for family immigration', 'not renewable'] : [];
    return {
      conditions: [
        condition('identity-in-doubt', 'factor', "there is doubt about the applicant's identity", identityInDoubt),
        condition('need-is-temporary', 'factor', 'the need behind the application is temporary', temporary),
      ],
      effects: { possibleRestrictions: possible },
    };
  },
);

export const NO_S38_RULES: readonly Rule<NoFacts>[] = [
  s38ParticularConnection,
  s38UnaccompaniedMinor,
  s38Health,
  s38SituationOnReturn,
  s38Trafficking,
  s38Child,
  s38ImmigrationControl,
  s38Restrictions,
];

const FACTOR_LETTERS: Record<string, string> = {
  [s38ParticularConnection.id]: 'particular-connection',
  [s38UnaccompaniedMinor.id]: 'a',
  [s38Health.id]: 'b',
  [s38SituationOnReturn.id]: 'c',
  [s38Trafficking.id]: 'd',
};

export interface NoFindings {
  /** Present factors: "particular-connection" (first paragraph) and letters "a" to "d" (second paragraph). */
  factorsPresent: string[];
  child: boolean;
  bestInterestsFundamental: boolean;
  lowerThreshold: boolean;
  immigrationControlConsiderations: string[];
  possibleRestrictions: string[];
}

function assess(facts: NoFacts, onDate: LocalDate): Assessment<NoFindings> {
  const { inForce, notInForce } = selectInForce(NO_S38_RULES, onDate);
  const evaluated = inForce.map((rule) => rule.evaluate(facts, onDate));
  const byId = (id: string) => evaluated.find((r) => r.ruleId === id);
  const factorResults = evaluated.filter((r) => r.ruleId in FACTOR_LETTERS);
  const present = factorResults.filter((r) => r.effects?.present === true);
  const child = byId(s38Child.id)?.effects?.bestInterestsFundamental === true;
  const control = byId(s38ImmigrationControl.id)?.effects?.considerations;
  const restrictions = byId(s38Restrictions.id)?.effects?.possibleRestrictions;

  const findings: NoFindings = {
    factorsPresent: present.map((r) => FACTOR_LETTERS[r.ruleId] ?? r.ruleId),
    child,
    bestInterestsFundamental: child,
    lowerThreshold: child,
    immigrationControlConsiderations: Array.isArray(control) ? control : [],
    possibleRestrictions: Array.isArray(restrictions) ? restrictions : [],
  };
  // Discretion is the caseworker's: any named factor, or a child, calls for the overall assessment.
  const assessmentNeeded = present.length > 0 || child;
  const context = evaluated.filter((r) => !(r.ruleId in FACTOR_LETTERS));
  const basis: RuleResult[] = assessmentNeeded ? [...present, ...context] : factorResults;
  return {
    jurisdiction: 'NO',
    pack: NO_S38_PACK_ID,
    onDate,
    outcome: assessmentNeeded ? 'humanitarian-assessment-needed' : 'not-eligible',
    summary: assessmentNeeded
      ? `overall assessment under ${S38} needed; factors present: ${findings.factorsPresent.join(', ') || 'none'}${child ? '; the applicant is a child' : ''}`
      : `no factor named in ${S38} first or second paragraph is present (the list is not exhaustive: other circumstances may still be put forward)`,
    basis,
    failingConditions: assessmentNeeded ? [] : failingConditionsOf(factorResults),
    evaluated,
    notInForce,
    findings,
  };
}

export const NO_S38_PACK_ID = 'no-immigration-act-s38';

export const noS38Pack: PolicyPack<NoFacts, NoFindings> = {
  id: NO_S38_PACK_ID,
  jurisdiction: 'NO',
  title: 'Residence permit on strong humanitarian grounds (Immigration Act 2008 s. 38)',
  rules: NO_S38_RULES,
  assess,
};
