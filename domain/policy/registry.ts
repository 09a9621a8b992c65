/**
 * Versions and results: which version of a rule is in force on a date, and what a list of
 * conditions adds up to. Shared by every policy pack.
 */
import { compareDates, type LocalDate } from '../calendar/dates';
import type { Condition, FailingCondition, OutcomeKind, Rule, RuleResult } from './types';

export function isInForce(rule: Pick<Rule<unknown>, 'validFrom' | 'validUntil'>, onDate: LocalDate): boolean {
  return compareDates(rule.validFrom, onDate) <= 0 && (rule.validUntil === undefined || compareDates(onDate, rule.validUntil) <= 0);
}

/** The version of rule `id` in force on `onDate`, or undefined. Two versions in force at once is a defect in the pack. */
export function versionInForce<F>(rules: readonly Rule<F>[], id: string, onDate: LocalDate): Rule<F> | undefined {
  const matching = rules.filter((r) => r.id === id && isInForce(r, onDate));
  if (matching.length > 1) {
    throw new Error(`rule ${id} has ${matching.length} versions in force on ${onDate}: ${matching.map((r) => r.version).join(', ')}`);
  }
  return matching[0];
}

export function ruleIds<F>(rules: readonly Rule<F>[]): string[] {
  return [...new Set(rules.map((r) => r.id))];
}

/** Every rule id with its version in force (or none) on `onDate`. */
export function selectInForce<F>(rules: readonly Rule<F>[], onDate: LocalDate): { inForce: Rule<F>[]; notInForce: string[] } {
  const inForce: Rule<F>[] = [];
  const notInForce: string[] = [];
  for (const id of ruleIds(rules)) {
    const rule = versionInForce(rules, id, onDate);
    if (rule) inForce.push(rule);
    else notInForce.push(id);
  }
  return { inForce, notInForce };
}

/** Conditions that count as failed: a failed alternative only when no member of its group held. */
export function failedConditions(conditions: readonly Condition[]): Condition[] {
  const groupHeld = new Map<string, boolean>();
  for (const c of conditions) {
    if (c.anyOf !== undefined) groupHeld.set(c.anyOf, (groupHeld.get(c.anyOf) ?? false) || c.held);
  }
  return conditions.filter((c) => c.kind !== 'factor' && !c.held && !(c.anyOf !== undefined && groupHeld.get(c.anyOf)));
}

/**
 * The usual reading of a route: every requirement holds and no refusal ground applies → the
 * route's grant; a requirement fails → not eligible; only a refusal ground fails → refusal.
 */
export function routeOutcome(conditions: readonly Condition[], grant: OutcomeKind): OutcomeKind {
  const failed = failedConditions(conditions);
  if (failed.some((c) => c.kind === 'requirement')) return 'not-eligible';
  if (failed.some((c) => c.kind === 'exclusion')) return 'refusal-ground-applies';
  return grant;
}

export function resultOf<F>(rule: Rule<F>, rest: RuleBody): RuleResult {
  return {
    ruleId: rule.id,
    version: rule.version,
    citation: rule.citation,
    title: rule.title,
    validFrom: rule.validFrom,
    ...(rule.validUntil !== undefined ? { validUntil: rule.validUntil } : {}),
    ...rest,
  };
}

export function failingConditionsOf(results: readonly RuleResult[]): FailingCondition[] {
  return results.flatMap((r) =>
    failedConditions(r.conditions).map((c) => ({
      ruleId: r.ruleId,
      citation: r.citation,
      conditionId: c.id,
      description: c.description,
      kind: c.kind,
    })),
  );
}

type RuleBody = Omit<RuleResult, 'ruleId' | 'version' | 'citation' | 'title' | 'validFrom' | 'validUntil'>;

/** A rule from its metadata and a body; the result always carries the version's id and citation. */
export function defineRule<F>(meta: Omit<Rule<F>, 'evaluate'>, body: (facts: F, onDate: LocalDate) => RuleBody): Rule<F> {
  const rule: Rule<F> = { ...meta, evaluate: (facts, onDate) => resultOf(rule, body(facts, onDate)) };
  return rule;
}

export const condition = (
  id: string,
  kind: Condition['kind'],
  description: string,
  held: boolean,
  extra: { anyOf?: string; detail?: string } = {},
): Condition => ({
  id,
  kind,
  description,
  held,
  ...(extra.anyOf !== undefined ? { anyOf: extra.anyOf } : {}),
  ...(extra.detail ? { detail: extra.detail } : {}),
});
