/**
 * One entry point for every jurisdiction: `assess(application, onDate)` picks the policy pack by
 * the application's jurisdiction. A new jurisdiction is a new schema branch in
 * `domain/application/facts.ts` and a new entry in PACKS; callers (machines, CLI) do not change.
 */
import { isLocalDate, type LocalDate } from '../calendar/dates';
import type { ApplicationFacts, Jurisdiction } from '../application/facts';
import { ruleInForce } from './registry';
import type { Assessment, PolicyPack, RuleResult } from './types';
import { nlB16Pack } from './nl-b16';
import { noS38Pack } from './no-immigration-act-s38';

export type * from './types';
export { ruleInForce, selectInForce, failedConditions } from './registry';
export { nlB16Pack, NL_B16_PERMIT_RULES, firstPermitAsMinor, withdrawalFactsSchema, type NlFindings } from './nl-b16';
export { noS38Pack, type NoFindings } from './no-immigration-act-s38';

type FactsOf<J extends Jurisdiction> = Extract<ApplicationFacts, { jurisdiction: J }>;

const PACKS: { [J in Jurisdiction]: PolicyPack<FactsOf<J>, object> } = {
  NL: nlB16Pack,
  NO: noS38Pack,
};

export function packFor<J extends Jurisdiction>(jurisdiction: J): PolicyPack<FactsOf<J>, object> {
  return PACKS[jurisdiction];
}

function checkDate(onDate: LocalDate): void {
  if (!isLocalDate(onDate)) throw new RangeError(`onDate "${onDate}" is not a calendar date (YYYY-MM-DD)`);
}

/** The outcome on `onDate` and the rules it rests on. `application` must already be parsed. */
export function assess(application: ApplicationFacts, onDate: LocalDate): Assessment<object> {
  checkDate(onDate);
  // The union is correlated (jurisdiction ↔ facts); TypeScript cannot follow it through the lookup.
  const pack = PACKS[application.jurisdiction] as PolicyPack<ApplicationFacts, object>;
  return pack.assess(application, onDate);
}

/** One rule by id, in the version in force on `onDate` (what a machine guard calls). */
export function evaluateRule(application: ApplicationFacts, ruleId: string, onDate: LocalDate): RuleResult {
  checkDate(onDate);
  const pack = PACKS[application.jurisdiction] as PolicyPack<ApplicationFacts, object>;
  const rule = ruleInForce(pack.rules, ruleId, onDate);
  if (!rule) throw new Error(`no version of rule ${ruleId} is in force on ${onDate} in pack ${pack.id}`);
  return rule.evaluate(application, onDate);
}
