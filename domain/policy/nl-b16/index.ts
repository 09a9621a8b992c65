/**
 * Policy pack: Dutch continued residence (Vb 2000 art. 3.50-3.52; Vc 2000 chapter B16), as the
 * text in nl-vc2000-b16.txt states it; trace.json maps every normative sentence of that text to
 * the rule and condition here that implement it, and to the scenarios that prove it.
 *
 * Order of the law (B16/1): a right under art. 3.50 first ("moet worden verleend"), then the
 * policy rules of art. 3.51 and the other routes the chapter grants, then art. 3.52, which is
 * always considered when no route of art. 3.50 or 3.51 is met. A grant carries the restriction
 * and labour-market note of B16/10, unless its own rule says otherwise (art. 9.6 Vb).
 */
import type { LocalDate } from '../../calendar/dates';
import type { NlFacts } from '../../application/nl';
import type { ExceptionGround } from '../../case-actions';
import { explain, failingConditionsOf, selectInForce } from '../registry';
import type { Assessment, OutcomeKind, PolicyPack, Rule, RuleResult } from '../types';
import { b16GeneralConditions } from './common';
import { art352AccompaniedMinor, art352AdultExBama } from './b16-5';
import {
  CONTINUED_RESIDENCE_ROUTES,
  art352ExtendedFamily,
  art352FormerUnaccompaniedMinor,
  art352Humanitarian,
  art352MedicalEmergency,
  art352Relationship,
  art352TraffickingCasePending,
  art352TraffickingConviction,
  art352TraffickingNoConviction,
  art352TraffickingSpecialCircumstances,
} from './b16-7';
import { b16OldActEstate } from './b16-7-1';
import { b16Renewal, b16Withdrawal } from './b16-8';
import { b16Article8 } from './b16-9';
import { b16Restriction, type LabourMarket } from './b16-10';

export { b16Withdrawal, withdrawalFactsSchema, type WithdrawalFacts } from './b16-8';
export { CONVERSION_BASIS, estateConversionDate } from './b16-7-1';
export { CONTINUED_RESIDENCE, LABOUR_MARKET_NOTES } from './b16-10';
export { firstPermitAsMinor, moreThanOneYearOn } from './b16-2';

/** Routes under art. 3.52 Vb (B16/5.1, B16/7, B16/7.1): considered after the routes of art. 3.50 and 3.51. */
const ART_3_52: readonly Rule<NlFacts>[] = [
  art352AccompaniedMinor,
  art352AdultExBama,
  art352Relationship,
  art352ExtendedFamily,
  art352MedicalEmergency,
  art352TraffickingConviction,
  art352TraffickingNoConviction,
  art352TraffickingCasePending,
  art352TraffickingSpecialCircumstances,
  art352FormerUnaccompaniedMinor,
  b16OldActEstate,
  art352Humanitarian,
];

export const NL_B16_RULES: readonly Rule<NlFacts>[] = [
  b16GeneralConditions,
  ...CONTINUED_RESIDENCE_ROUTES,
  b16Renewal,
  b16Article8,
  ...ART_3_52,
  b16Restriction,
];

/** Rules that decide on a permit already granted, not on an application (the permit workflow's actions). */
export const NL_B16_PERMIT_RULES = [b16Withdrawal] as const;

const UNDER_3_52 = new Set(ART_3_52.map((r) => r.id));
/** Ids of the refusal grounds a caseworker may name when refusing an entitled applicant (domain/case-actions). */
const EXCEPTION_GROUND_OF: Record<string, ExceptionGround> = {
  'no-incorrect-information': 'incorrect-information',
  'no-danger-to-national-security': 'national-security',
  'no-public-order-ground': 'public-order',
  'main-residence-in-netherlands': 'main-residence-abroad',
};

export interface NlFindings {
  /** Present when the outcome grants: the restriction and, under B16/10, the labour-market note. */
  permit?: { restriction: string; labourMarket?: LabourMarket; labourMarketNote?: string; from?: LocalDate };
  /** Whether art. 3.52 had to be considered (no route of art. 3.50 or 3.51 granted). */
  humanitarianConsidered: boolean;
  /** For an entitled applicant: the exception grounds of art. 3.50 a refusal may rest on (B16/2 "tenzij"). */
  exceptionGrounds?: ExceptionGround[];
}

function assess(facts: NlFacts, onDate: LocalDate): Assessment<NlFindings> {
  const { inForce, notInForce } = selectInForce(NL_B16_RULES, onDate);
  const evaluated = inForce.map((rule) => rule.evaluate(facts, onDate));
  const routes = evaluated.filter((r) => r.outcome !== undefined);
  const with_ = (outcome: OutcomeKind, list = routes) => list.filter((r) => r.outcome === outcome);
  const specific = routes.filter((r) => r.ruleId !== art352Humanitarian.id);
  const humanitarian = with_('humanitarian-assessment-needed', specific);

  const steps: [OutcomeKind, RuleResult[]][] = [
    ['entitled', with_('entitled')],
    ['policy-grants', with_('policy-grants').filter((r) => !UNDER_3_52.has(r.ruleId))],
    ['policy-grants', with_('policy-grants')],
    ['refusal-ground-applies', with_('refusal-ground-applies', specific)],
    ['refusal-ground-applies', with_('refusal-ground-applies')],
    // Art. 3.52 is always considered (B16/7): its general rule joins any route that is not a route of art. 3.52 itself.
    ['humanitarian-assessment-needed', humanitarian.some((r) => UNDER_3_52.has(r.ruleId)) ? humanitarian : with_('humanitarian-assessment-needed')],
  ];
  const [outcome, basis]: [OutcomeKind, RuleResult[]] = steps.find(([, b]) => b.length > 0) ?? ['not-eligible', routes];
  const grants = outcome === 'entitled' || outcome === 'policy-grants';
  const noRouteMet = evaluated.find((r) => r.ruleId === art352Humanitarian.id)?.conditions.find((c) => c.id === 'no-route-of-3.50-or-3.51');
  const findings: NlFindings = { humanitarianConsidered: noRouteMet?.held ?? true };

  const fullBasis = [...basis];
  if (grants) {
    const own = basis.find((r) => typeof r.effects?.restriction === 'string');
    const from = basis.map((r) => r.effects?.continuedResidenceFrom).find((d): d is string => typeof d === 'string');
    if (own) {
      findings.permit = { restriction: String(own.effects!.restriction) };
    } else {
      const restriction = evaluated.find((r) => r.ruleId === b16Restriction.id)!;
      fullBasis.push(restriction);
      const e = restriction.effects!;
      findings.permit = { restriction: String(e.restriction), labourMarket: e.labourMarket as LabourMarket, labourMarketNote: String(e.labourMarketNote) };
    }
    if (from) findings.permit.from = from;
  }
  if (outcome === 'entitled') {
    const declared = basis.flatMap((r) => r.conditions.filter((c) => c.kind === 'exclusion' && c.from === undefined).map((c) => EXCEPTION_GROUND_OF[c.id]));
    findings.exceptionGrounds = [...new Set(declared.filter((g): g is ExceptionGround => g !== undefined))];
  }

  const citations = basis.map((r) => r.citation).join('; ');
  const summary =
    outcome === 'not-eligible'
      ? 'no route of Vb 2000 art. 3.50, 3.51 or 3.52 applies'
      : outcome === 'refusal-ground-applies' && humanitarian.length > 0
        ? `${outcome} (${citations}); compelling humanitarian reasons under art. 3.52 are put forward and must be weighed against it`
        : `${outcome} (${citations})`;

  return {
    jurisdiction: 'NL',
    pack: NL_B16_PACK_ID,
    onDate,
    outcome,
    summary,
    basis: fullBasis,
    failingConditions: failingConditionsOf(basis),
    ...explain(outcome, fullBasis),
    versions: evaluated.map((r) => ({ ruleId: r.ruleId, version: r.version, source: r.source })),
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
  text: { file: 'domain/policy/nl-b16/nl-vc2000-b16.txt', title: 'Vreemdelingencirculaire 2000, hoofdstuk B16 (voortgezet verblijf)' },
  rules: NL_B16_RULES,
  assess,
};
