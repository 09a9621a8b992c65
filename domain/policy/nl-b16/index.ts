/**
 * Policy pack: Dutch continued residence (Vb 2000 art. 3.50-3.52; Vc 2000 chapter B16).
 *
 * Order of the law: a right under art. 3.50 first, then the policy routes of art. 3.51 (and the
 * B16/7.1 conversion), and, only when those fail, compelling humanitarian reasons under art. 3.52,
 * which are then always considered. A grant carries the B16/10 restriction and labour-market note.
 */
import type { LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import { failingConditionsOf, selectInForce } from '../registry';
import type { Assessment, OutcomeKind, PolicyPack, Rule, RuleResult } from '../types';
import { art350DutchParent, art350ResidenceAsMinor } from './art-3-50';
import {
  art351DeathOfMainPerson,
  art351FamilyFiveYears,
  art351FamilyThreeYears,
  art351MedicalTreatment,
  art351NotAtFault,
  art351UnaccompaniedMinor,
} from './art-3-51';
import { art352FormerUnaccompaniedMinor, art352Relationship, art352Trafficking } from './art-3-52';
import { b16OldActEstate } from './b16-7';
import { b16Restriction } from './b16-10';

export const NL_B16_RULES: readonly Rule<NlFacts>[] = [
  art350ResidenceAsMinor,
  art350DutchParent,
  art351FamilyThreeYears,
  art351FamilyFiveYears,
  art351DeathOfMainPerson,
  art351MedicalTreatment,
  art351UnaccompaniedMinor,
  art351NotAtFault,
  b16OldActEstate,
  art352Relationship,
  art352Trafficking,
  art352FormerUnaccompaniedMinor,
  b16Restriction,
];

const HUMANITARIAN = new Set([art352Relationship.id, art352Trafficking.id, art352FormerUnaccompaniedMinor.id]);
const CONSEQUENCE = b16Restriction.id;

export interface NlFindings {
  /** Present when the outcome grants: the restriction and the labour-market note of B16/10. */
  permit?: { restriction: string; labourMarket: 'free' | 'twv-required'; labourMarketNote: string };
  /** Whether art. 3.52 had to be considered (no route of art. 3.50 or 3.51 granted). */
  humanitarianConsidered: boolean;
}

function assess(facts: NlFacts, onDate: LocalDate): Assessment<NlFindings> {
  const { inForce, notInForce } = selectInForce(NL_B16_RULES, onDate);
  const evaluated = inForce.map((rule) => rule.evaluate(facts, onDate));
  const routes = evaluated.filter((r) => r.ruleId !== CONSEQUENCE);
  const primary = routes.filter((r) => !HUMANITARIAN.has(r.ruleId));
  const humanitarian = routes.filter((r) => HUMANITARIAN.has(r.ruleId));
  const having = (list: RuleResult[], outcome: OutcomeKind) => list.filter((r) => r.outcome === outcome);

  const steps: [OutcomeKind, RuleResult[]][] = [
    ['entitled', having(primary, 'entitled')],
    ['policy-grants', having(primary, 'policy-grants')],
    ['policy-grants', having(humanitarian, 'policy-grants')],
    ['refusal-ground-applies', having(routes, 'refusal-ground-applies')],
    ['humanitarian-assessment-needed', having(humanitarian, 'humanitarian-assessment-needed')],
  ];
  const found = steps.find(([, basis]) => basis.length > 0);
  const [outcome, basis]: [OutcomeKind, RuleResult[]] = found ?? ['not-eligible', routes];
  const humanitarianConsidered = having(primary, 'entitled').length === 0 && having(primary, 'policy-grants').length === 0;

  const findings: NlFindings = { humanitarianConsidered };
  const grantBasis = [...basis];
  if (outcome === 'entitled' || outcome === 'policy-grants') {
    const restriction = evaluated.find((r) => r.ruleId === CONSEQUENCE);
    if (restriction?.effects) {
      grantBasis.push(restriction);
      findings.permit = {
        restriction: String(restriction.effects.restriction),
        labourMarket: restriction.effects.labourMarket === 'twv-required' ? 'twv-required' : 'free',
        labourMarketNote: String(restriction.effects.labourMarketNote),
      };
    }
  }

  const citations = basis.map((r) => r.citation).join('; ');
  const summary =
    outcome === 'not-eligible'
      ? 'no route of Vb 2000 art. 3.50, 3.51 or 3.52 applies'
      : outcome === 'refusal-ground-applies' && having(humanitarian, 'humanitarian-assessment-needed').length > 0
        ? `${outcome} (${citations}); humanitarian circumstances under art. 3.52 are present and must be weighed against it`
        : `${outcome} (${citations})`;

  return {
    jurisdiction: 'NL',
    pack: NL_B16_PACK_ID,
    onDate,
    outcome,
    summary,
    basis: grantBasis,
    failingConditions: failingConditionsOf(basis),
    evaluated,
    notInForce,
    findings,
  };
}

export const NL_B16_PACK_ID = 'nl-b16';

export const nlB16Pack: PolicyPack<NlFacts, NlFindings> = {
  id: NL_B16_PACK_ID,
  jurisdiction: 'NL',
  title: 'Continued residence (Vb 2000 art. 3.50-3.52; Vc 2000 B16)',
  rules: NL_B16_RULES,
  assess,
};
