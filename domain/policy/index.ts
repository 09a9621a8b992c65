/**
 * One entry point for every jurisdiction: `assess(application, onDate)` picks the policy pack of
 * the application's jurisdiction from its jurisdiction pack (domain/jurisdictions); callers
 * (machines, CLI) do not change when a jurisdiction is added.
 */
import { isLocalDate, type LocalDate } from '../calendar/dates';
import type { ApplicationFacts, Jurisdiction } from '../application/facts';
import { jurisdictionPack } from '../jurisdictions/registry';
import { ruleInForce } from './registry';
import type { Assessment, PolicyPack, RuleResult } from './types';

export type * from './types';
export { ruleInForce, selectInForce, failedConditions } from './registry';
export { nlB16Pack, NL_B16_PERMIT_RULES, firstPermitAsMinor, withdrawalFactsSchema, type NlFindings } from './nl-b16';
export { noS38Pack, type NoFindings } from './no-immigration-act-s38';

type FactsOf<J extends Jurisdiction> = Extract<ApplicationFacts, { jurisdiction: J }>;

export function packFor<J extends Jurisdiction>(jurisdiction: J): PolicyPack<FactsOf<J>, object> {
  return jurisdictionPack(jurisdiction).policy as unknown as PolicyPack<FactsOf<J>, object>;
}

// The union is correlated (jurisdiction ↔ facts); TypeScript cannot follow it through the lookup.
const policyOf = (application: ApplicationFacts) => jurisdictionPack(application.jurisdiction).policy as unknown as PolicyPack<ApplicationFacts, object>;

function checkDate(onDate: LocalDate): void {
  if (!isLocalDate(onDate)) throw new RangeError(`onDate "${onDate}" is not a calendar date (YYYY-MM-DD)`);
}

/** The outcome on `onDate` and the rules it rests on. `application` must already be parsed. */
export function assess(application: ApplicationFacts, onDate: LocalDate): Assessment<object> {
  checkDate(onDate);
  return policyOf(application).assess(application, onDate);
}

/** One rule by id, in the version in force on `onDate` (what a machine guard calls). */
export function evaluateRule(application: ApplicationFacts, ruleId: string, onDate: LocalDate): RuleResult {
  checkDate(onDate);
  const pack = policyOf(application);
  const rule = ruleInForce(pack.rules, ruleId, onDate);
  if (!rule) throw new Error(`no version of rule ${ruleId} is in force on ${onDate} in pack ${pack.id}`);
  return rule.evaluate(application, onDate);
}
