/**
 * Policy pack: Norway, Immigration Act section 38: a residence permit on strong humanitarian
 * considerations or a particular connection with the realm, as the text in
 * no-immigration-act-s38.txt states it (trace.json maps each sentence to its rule).
 *
 * Section 38 gives a power to be used after an overall assessment, so the system never decides:
 * it reports the grounds of the first paragraph and the circumstances of the second that are
 * present, whether the case concerns children (third paragraph), the immigration-control
 * considerations flagged (fourth), and the restrictions that may be decided and why (fifth). With
 * nothing put forward that the assessment could weigh, the outcome is `not-eligible`.
 */
import type { LocalDate } from '../../calendar/dates';
import type { NoFacts } from '../../application/no';
import type { S38_LIMITATIONS } from '../../case-actions';
import { explain, failingConditionsOf, selectInForce } from '../registry';
import type { Assessment, PolicyPack, Rule, RuleResult } from '../types';
import {
  LETTER_RULES,
  letterOf,
  s38Children,
  s38Health,
  s38ImmigrationControl,
  s38OverallAssessment,
  s38ParticularConnection,
  s38Restrictions,
  s38SituationOnReturn,
  s38Trafficking,
  s38UnaccompaniedMinor,
} from './s38';

export const NO_S38_RULES: readonly Rule<NoFacts>[] = [
  s38ParticularConnection,
  s38UnaccompaniedMinor,
  s38Health,
  s38SituationOnReturn,
  s38Trafficking,
  s38OverallAssessment,
  s38Children,
  s38ImmigrationControl,
  s38Restrictions,
];

const GROUNDS = new Set([s38ParticularConnection.id, s38OverallAssessment.id, ...LETTER_RULES.map((r) => r.id)]);

export interface NoFindings {
  /** Present grounds: "particular-connection" (first paragraph), letters "a" to "d" and "other" (second paragraph). */
  factorsPresent: string[];
  child: boolean;
  /** The case concerns children (the applicant, or children the decision affects). */
  bestInterestsFundamental: boolean;
  lowerThreshold: boolean;
  immigrationControlConsiderations: string[];
  /** Why restrictions may be decided (fifth paragraph): identity in doubt, temporary need, other particular grounds. */
  restrictionTriggers: string[];
  possibleRestrictions: (typeof S38_LIMITATIONS)[number][];
}

function assess(facts: NoFacts, onDate: LocalDate): Assessment<NoFindings> {
  const { inForce, notInForce } = selectInForce(NO_S38_RULES, onDate);
  const evaluated = inForce.map((rule) => rule.evaluate(facts, onDate));
  const byId = (id: string) => evaluated.find((r) => r.ruleId === id);
  const present = evaluated.filter((r) => GROUNDS.has(r.ruleId) && r.outcome === 'humanitarian-assessment-needed');
  const children = byId(s38Children.id)?.effects;
  const restrictions = byId(s38Restrictions.id)?.effects;
  const other = (facts.s38.otherCircumstances ?? []).length > 0;

  const findings: NoFindings = {
    factorsPresent: [
      ...present.filter((r) => r.ruleId === s38ParticularConnection.id).map(() => 'particular-connection'),
      ...present.map(letterOf).filter((l): l is string => l !== undefined),
      ...(other ? ['other'] : []),
    ],
    child: children?.lowerThreshold === true,
    bestInterestsFundamental: children?.bestInterestsFundamental === true,
    lowerThreshold: children?.lowerThreshold === true,
    immigrationControlConsiderations: (byId(s38ImmigrationControl.id)?.effects?.considerations as string[] | undefined) ?? [],
    restrictionTriggers: (restrictions?.triggers as string[] | undefined) ?? [],
    possibleRestrictions: (restrictions?.possibleRestrictions as NoFindings['possibleRestrictions'] | undefined) ?? [],
  };
  // Discretion is the caseworker's: any ground, or a case concerning children, calls for the overall assessment.
  const assessmentNeeded = present.length > 0 || findings.bestInterestsFundamental;
  const context = evaluated.filter((r) => !GROUNDS.has(r.ruleId));
  const grounds = evaluated.filter((r) => GROUNDS.has(r.ruleId));
  const basis: RuleResult[] = assessmentNeeded ? [...present, ...context] : grounds;
  const outcome = assessmentNeeded ? 'humanitarian-assessment-needed' : 'not-eligible';
  return {
    jurisdiction: 'NO',
    pack: NO_S38_PACK_ID,
    onDate,
    outcome,
    summary: assessmentNeeded
      ? `overall assessment under Immigration Act (NO) s. 38 needed; present: ${findings.factorsPresent.join(', ') || 'none of the listed circumstances'}` +
        `${findings.bestInterestsFundamental ? '; the case concerns children' : ''}`
      : 'nothing is put forward that the overall assessment of Immigration Act (NO) s. 38 could weigh: ' +
        'no particular connection with the realm, none of the circumstances a to d, no other circumstance, no child',
    basis,
    failingConditions: assessmentNeeded ? [] : failingConditionsOf(grounds),
    ...explain(outcome, assessmentNeeded ? [...grounds, ...context] : []),
    versions: evaluated.map((r) => ({ ruleId: r.ruleId, version: r.version, source: r.source })),
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
  text: { file: 'domain/policy/no-immigration-act-s38/no-immigration-act-s38.txt', title: 'Immigration Act (utlendingsloven) section 38' },
  rules: NO_S38_RULES,
  assess,
};
