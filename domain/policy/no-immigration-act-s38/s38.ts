/**
 * Norway, Immigration Act section 38, paragraph by paragraph, as the English text in
 * no-immigration-act-s38.txt states it. The section gives a power ("may be granted"), to be used
 * after an overall assessment: the rules report what bears on that assessment, never a grant.
 */
import { addYears, compareDates, type LocalDate } from '../../calendar/dates';
import type { NoFacts } from '../../application/no';
import type { S38_LIMITATIONS } from '../../case-actions';
import { defineRule } from '../registry';
import type { Condition, OutcomeKind, RuleResult } from '../types';

export const NO_TEXT = {
  version: 'utl-s38',
  source: 'Immigration Act (utlendingsloven) section 38, the English text in domain/policy/no-immigration-act-s38/no-immigration-act-s38.txt (../shared/law)',
} as const;
const S38 = 'Immigration Act (NO) s. 38';
const P1 = `${S38} first paragraph`;
const P2 = `${S38} second paragraph`;
const P3 = `${S38} third paragraph`;
const P4 = `${S38} fourth paragraph`;
const P5 = `${S38} fifth paragraph`;

/** A ground or circumstance is present when every part of it holds: then the overall assessment weighs it. */
const present = (conditions: readonly Condition[]): OutcomeKind => (conditions.every((c) => c.held) ? 'humanitarian-assessment-needed' : 'not-eligible');

export const isChildOn = (dateOfBirth: LocalDate, onDate: LocalDate) => compareDates(onDate, addYears(dateOfBirth, 18)) < 0;

export const s38ParticularConnection = defineRule<NoFacts, 'particular-connection'>(
  {
    id: 'no-s38-1-particular-connection',
    ...NO_TEXT,
    citation: P1,
    title: 'Particular connection with the realm',
    conditions: {
      'particular-connection': {
        kind: 'factor',
        paragraph: P1,
        description: "the applicant has a particular connection with the realm (a permit may then be granted even if the Act's other conditions are not met)",
      },
    },
  },
  (facts, _onDate, judge) => {
    const conditions = [judge('particular-connection', facts.s38.particularConnectionWithRealm)];
    return { outcome: present(conditions), conditions };
  },
);

export const s38UnaccompaniedMinor = defineRule<NoFacts, 'minor' | 'unaccompanied' | 'no-proper-care-on-return'>(
  {
    id: 'no-s38-2a-unaccompanied-minor',
    ...NO_TEXT,
    citation: `${P2} letter a`,
    title: 'Unaccompanied minor who would be left without proper care on return',
    conditions: {
      minor: { kind: 'factor', paragraph: `${P2} letter a`, description: 'the applicant is a minor' },
      unaccompanied: { kind: 'factor', paragraph: `${P2} letter a`, description: 'the applicant is unaccompanied' },
      'no-proper-care-on-return': {
        kind: 'factor',
        paragraph: `${P2} letter a`,
        description: 'the applicant would be left without proper care in the event of return',
      },
    },
  },
  (facts, onDate, judge) => {
    const u = facts.s38.unaccompaniedMinor;
    const conditions = [
      judge('minor', isChildOn(facts.applicant.dateOfBirth, onDate), `born ${facts.applicant.dateOfBirth}`),
      judge('unaccompanied', u.unaccompanied),
      judge('no-proper-care-on-return', !u.properCareOnReturn),
    ];
    return { outcome: present(conditions), conditions };
  },
);

export const s38Health = defineRule<NoFacts, 'compelling-health-circumstances' | 'needs-to-stay-in-realm'>(
  {
    id: 'no-s38-2b-health',
    ...NO_TEXT,
    citation: `${P2} letter b`,
    title: 'Compelling health circumstances',
    conditions: {
      'compelling-health-circumstances': { kind: 'factor', paragraph: `${P2} letter b`, description: 'there are compelling health circumstances' },
      'needs-to-stay-in-realm': { kind: 'factor', paragraph: `${P2} letter b`, description: 'because of them the applicant needs to stay in the realm' },
    },
  },
  (facts, _onDate, judge) => {
    const h = facts.s38.health;
    const conditions = [judge('compelling-health-circumstances', h.compellingCircumstances), judge('needs-to-stay-in-realm', h.needsTreatmentInRealm)];
    return { outcome: present(conditions), conditions };
  },
);

export const s38SituationOnReturn = defineRule<NoFacts, 'situation-on-return'>(
  {
    id: 'no-s38-2c-situation-on-return',
    ...NO_TEXT,
    citation: `${P2} letter c`,
    title: 'Social or humanitarian circumstances relating to the return situation',
    conditions: {
      'situation-on-return': {
        kind: 'factor',
        paragraph: `${P2} letter c`,
        description: 'social or humanitarian circumstances relating to the return situation give grounds for a permit',
      },
    },
  },
  (facts, _onDate, judge) => {
    const conditions = [judge('situation-on-return', facts.s38.socialOrHumanitarianSituationOnReturn)];
    return { outcome: present(conditions), conditions };
  },
);

export const s38Trafficking = defineRule<NoFacts, 'victim-of-trafficking'>(
  {
    id: 'no-s38-2d-human-trafficking',
    ...NO_TEXT,
    citation: `${P2} letter d`,
    title: 'Victim of human trafficking',
    conditions: {
      'victim-of-trafficking': { kind: 'factor', paragraph: `${P2} letter d`, description: 'the applicant has been a victim of human trafficking' },
    },
  },
  (facts, _onDate, judge) => {
    const conditions = [judge('victim-of-trafficking', facts.s38.victimOfHumanTrafficking)];
    return { outcome: present(conditions), conditions };
  },
);

export const LETTER_RULES = [s38UnaccompaniedMinor, s38Health, s38SituationOnReturn, s38Trafficking];
const LETTER: Record<string, string> = { [s38UnaccompaniedMinor.id]: 'a', [s38Health.id]: 'b', [s38SituationOnReturn.id]: 'c', [s38Trafficking.id]: 'd' };
export const letterOf = (result: RuleResult) => LETTER[result.ruleId];

export const s38OverallAssessment = defineRule<NoFacts, 'listed-factor-present' | 'other-circumstances'>(
  {
    id: 'no-s38-2-overall-assessment',
    ...NO_TEXT,
    citation: P2,
    title: 'Overall assessment of whether strong humanitarian considerations apply',
    conditions: {
      'listed-factor-present': { kind: 'factor', paragraph: P2, description: 'one or more of the circumstances a to d is present' },
      'other-circumstances': {
        kind: 'factor',
        paragraph: P2,
        description: 'other circumstances put forward ("among other things": the list a to d is not exhaustive)',
      },
    },
  },
  (facts, onDate, judge) => {
    const listed = LETTER_RULES.map((r) => r.evaluate(facts, onDate)).filter((r) => r.outcome === 'humanitarian-assessment-needed');
    const other = facts.s38.otherCircumstances ?? [];
    const conditions = [
      judge('listed-factor-present', listed.length > 0, listed.length ? `letters ${listed.map(letterOf).join(', ')}` : undefined),
      judge('other-circumstances', other.length > 0, other.join('; ') || undefined),
    ];
    const applies = listed.length > 0 || other.length > 0;
    return { outcome: applies ? 'humanitarian-assessment-needed' : 'not-eligible', conditions };
  },
);

export const s38Children = defineRule<NoFacts, 'applicant-is-child' | 'case-concerns-children'>(
  {
    id: 'no-s38-3-children',
    ...NO_TEXT,
    citation: P3,
    title: 'Cases concerning children',
    conditions: {
      'applicant-is-child': {
        kind: 'factor',
        paragraph: P3,
        description: 'the applicant is a child: a permit may be granted even if the situation is not so serious that one would have been granted to an adult',
      },
      'case-concerns-children': {
        kind: 'factor',
        paragraph: P3,
        description: 'the case concerns children: the best interests of the child shall be a fundamental consideration',
      },
    },
  },
  (facts, onDate, judge) => {
    const child = isChildOn(facts.applicant.dateOfBirth, onDate);
    const others = facts.s38.childrenConcerned ?? null;
    const concerns = child || others !== null;
    return {
      conditions: [
        judge('applicant-is-child', child, `born ${facts.applicant.dateOfBirth}`),
        judge('case-concerns-children', concerns, [child ? 'the applicant is a child' : '', others ?? ''].filter(Boolean).join('; ') || undefined),
      ],
      effects: { bestInterestsFundamental: concerns, lowerThreshold: child },
    };
  },
);

const CONTROL = {
  'a-consequences-for-similar-applications': [
    'consequencesForSimilarApplications',
    'a. possible consequences for the number of applications based on similar grounds',
  ],
  'b-social-consequences': ['socialConsequences', 'b. social consequences'],
  'c-need-for-control': ['controlConsiderations', 'c. the need for control'],
  'd-respect-for-other-provisions': ['respectForOtherRules', "d. the consideration of respect for the Act's other provisions"],
} as const;
type ControlId = keyof typeof CONTROL;

export const s38ImmigrationControl = defineRule<NoFacts, ControlId>(
  {
    id: 'no-s38-4-immigration-control',
    ...NO_TEXT,
    citation: P4,
    title: 'Considerations relating to immigration control',
    conditions: Object.fromEntries(Object.entries(CONTROL).map(([id, [, description]]) => [id, { kind: 'factor', paragraph: P4, description }])) as Record<
      ControlId,
      { kind: 'factor'; paragraph: string; description: string }
    >,
  },
  (facts, _onDate, judge) => {
    const conditions = (Object.keys(CONTROL) as ControlId[]).map((id) => judge(id, facts.s38.immigrationControl[CONTROL[id][0]]));
    return { conditions, effects: { considerations: conditions.filter((c) => c.held).map((c) => c.description) } };
  },
);

/** Fifth paragraph letters a to d, as the permit's `s38Limitations` name them. */
const RESTRICTIONS = {
  'a-no-basis-for-permanent-permit': ['no-basis-for-permanent-permit', 'a. the permit shall not provide a basis for a permanent residence permit'],
  'b-no-basis-for-family-members': [
    'no-basis-for-family-members',
    "b. the permit shall not provide a basis for residence permits under chapter 6 for the applicant's family members",
  ],
  'c-not-renewable': ['not-renewable', 'c. the permit may not be renewed'],
  'd-validity-under-one-year': ['validity-under-one-year', 'd. the validity period of the permit shall be shorter than one year'],
} as const satisfies Record<string, readonly [(typeof S38_LIMITATIONS)[number], string]>;
type RestrictionId = keyof typeof RESTRICTIONS;

export const s38Restrictions = defineRule<NoFacts, 'identity-in-doubt' | 'need-is-temporary' | 'other-particular-grounds' | RestrictionId>(
  {
    id: 'no-s38-5-restrictions',
    ...NO_TEXT,
    citation: P5,
    title: 'Restrictions that may be decided',
    conditions: {
      'identity-in-doubt': { kind: 'factor', paragraph: P5, description: 'there is doubt regarding the identity of the applicant' },
      'need-is-temporary': { kind: 'factor', paragraph: P5, description: 'the need is temporary' },
      'other-particular-grounds': { kind: 'factor', paragraph: P5, description: 'other particular grounds indicate a restriction' },
      ...(Object.fromEntries(
        Object.entries(RESTRICTIONS).map(([id, [, description]]) => [
          id,
          { kind: 'note', paragraph: `${P5} letter ${id[0]}`, description: `it may be decided that ${description.slice(3)}` },
        ]),
      ) as Record<RestrictionId, { kind: 'note'; paragraph: string; description: string }>),
    },
  },
  (facts, _onDate, judge) => {
    const other = facts.s38.otherParticularGrounds ?? null;
    const triggers = [
      judge('identity-in-doubt', facts.identity === 'in-doubt'),
      judge('need-is-temporary', facts.s38.needIsTemporary),
      judge('other-particular-grounds', other !== null, other ?? undefined),
    ];
    const any = triggers.some((c) => c.held);
    const restrictions = (Object.keys(RESTRICTIONS) as RestrictionId[]).map((id) => judge(id, any));
    return {
      conditions: [...triggers, ...restrictions],
      effects: {
        triggers: triggers.filter((c) => c.held).map((c) => c.id),
        possibleRestrictions: any ? Object.values(RESTRICTIONS).map(([limitation]) => limitation) : [],
      },
    };
  },
);
