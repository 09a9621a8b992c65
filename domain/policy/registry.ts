/**
 * Versions and results: which version of a rule is in force on a date, how a rule reports its
 * declared conditions, and what a list of conditions adds up to. Shared by every policy pack.
 */
import type { LocalDate } from '../calendar/dates';
import { versionInForce } from '../versions';
import type { Assessment, Condition, ConditionSpec, FailingCondition, OutcomeKind, Rule, RuleResult, Waiver, WeighedFactor } from './types';

/** The version of rule `id` in force on `onDate` (the law's one lookup, domain/versions), or undefined. */
export function ruleInForce<F>(rules: readonly Rule<F>[], id: string, onDate: LocalDate): Rule<F> | undefined {
  try {
    return versionInForce(
      rules.filter((r) => r.id === id),
      onDate,
    );
  } catch (defect) {
    throw new Error(`rule ${id}: ${(defect as Error).message}`);
  }
}

export function ruleIds<F>(rules: readonly Rule<F>[]): string[] {
  return [...new Set(rules.map((r) => r.id))];
}

/** Every rule id with its version in force (or none) on `onDate`. */
export function selectInForce<F>(rules: readonly Rule<F>[], onDate: LocalDate): { inForce: Rule<F>[]; notInForce: string[] } {
  const inForce: Rule<F>[] = [];
  const notInForce: string[] = [];
  for (const id of ruleIds(rules)) {
    const rule = ruleInForce(rules, id, onDate);
    if (rule) inForce.push(rule);
    else notInForce.push(id);
  }
  return { inForce, notInForce };
}

/** The rules of `ids`, each in its version in force on `onDate`, evaluated (rules that build on other rules call this). */
export function evaluateInForce<F>(rules: readonly Rule<F>[], ids: readonly string[], facts: F, onDate: LocalDate): RuleResult[] {
  return ids.flatMap((id) => {
    const rule = ruleInForce(rules, id, onDate);
    return rule ? [rule.evaluate(facts, onDate)] : [];
  });
}

/** Conditions that count as failed: a failed alternative only when no member of its group held. */
export function failedConditions(conditions: readonly Condition[]): Condition[] {
  const groupHeld = new Map<string, boolean>();
  for (const c of conditions) {
    if (c.anyOf !== undefined) groupHeld.set(c.anyOf, (groupHeld.get(c.anyOf) ?? false) || c.held);
  }
  return conditions.filter((c) => (c.kind === 'requirement' || c.kind === 'exclusion') && !c.held && !(c.anyOf !== undefined && groupHeld.get(c.anyOf)));
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

type RuleBody = Omit<RuleResult, 'ruleId' | 'version' | 'source' | 'citation' | 'title' | 'validFrom' | 'validUntil'>;

/** Reports one declared condition: whether it held, and the facts behind that. */
export type Judge<C extends string> = (id: C, held: boolean, detail?: string) => Condition;

export type RuleMeta<C extends string> = Omit<Rule<unknown>, 'evaluate' | 'conditions'> & { conditions: Record<C, ConditionSpec> };

/**
 * A rule from its metadata, its declared conditions and a body. The body reports conditions
 * through `judge`, so it can only report what the rule declares (and conditions it includes from
 * the rules named in `includes`); the result always carries the version, its source and citation.
 */
export function defineRule<F, C extends string>(meta: RuleMeta<C>, body: (facts: F, onDate: LocalDate, judge: Judge<C>) => RuleBody): Rule<F> {
  const judge: Judge<C> = (id, held, detail) => {
    const spec = meta.conditions[id];
    if (!spec) throw new Error(`rule ${meta.id} reports condition "${id}", which it does not declare`);
    return { id, ...spec, held, ...(detail ? { detail } : {}) };
  };
  const rule: Rule<F> = {
    ...meta,
    evaluate: (facts, onDate) => {
      const result = body(facts, onDate, judge);
      for (const c of result.conditions) {
        const declared = c.from === undefined ? c.id in meta.conditions : (meta.includes ?? []).includes(c.from);
        if (!declared) throw new Error(`rule ${meta.id} reports condition "${c.id}"${c.from ? ` of ${c.from}` : ''}, which it neither declares nor includes`);
      }
      return resultOf(rule, result);
    },
  };
  return rule;
}

export function resultOf<F>(rule: Rule<F>, rest: RuleBody): RuleResult {
  return {
    ruleId: rule.id,
    version: rule.version,
    source: rule.source,
    citation: rule.citation,
    title: rule.title,
    ...(rule.validFrom !== undefined ? { validFrom: rule.validFrom } : {}),
    ...(rule.validUntil !== undefined ? { validUntil: rule.validUntil } : {}),
    ...rest,
  };
}

/** The conditions of another rule's result, tagged with that rule, for a rule that includes them. */
export const included = (result: RuleResult, ids?: readonly string[]): Condition[] =>
  result.conditions.filter((c) => ids === undefined || ids.includes(c.id)).map((c) => ({ ...c, from: c.from ?? result.ruleId }));

const asFailing = (r: RuleResult, c: Condition): FailingCondition => ({
  ruleId: c.from ?? r.ruleId,
  citation: r.citation,
  conditionId: c.id,
  paragraph: c.paragraph,
  description: c.description,
  kind: c.kind,
  ...(c.detail ? { detail: c.detail } : {}),
});

export function failingConditionsOf(results: readonly RuleResult[]): FailingCondition[] {
  return results.flatMap((r) => failedConditions(r.conditions).map((c) => asFailing(r, c)));
}

/**
 * What a caseworker needs beside the outcome, from the rules it rests on: the refusal grounds
 * that apply, the factors to weigh with their facts, what the granting route waives, and the notes.
 */
export function explain(outcome: OutcomeKind, basis: readonly RuleResult[]): Pick<Assessment, 'refusalGrounds' | 'factors' | 'waived' | 'notes'> {
  const all = basis.flatMap((r) => r.conditions.map((c) => [r, c] as const));
  const grants = outcome === 'entitled' || outcome === 'policy-grants';
  return {
    refusalGrounds: outcome === 'refusal-ground-applies' ? all.filter(([, c]) => c.kind === 'exclusion' && !c.held).map(([r, c]) => asFailing(r, c)) : [],
    factors: !grants
      ? all
          .filter(([, c]) => c.kind === 'factor')
          .map(
            ([r, c]): WeighedFactor => ({
              ruleId: c.from ?? r.ruleId,
              conditionId: c.id,
              paragraph: c.paragraph,
              description: c.description,
              present: c.held,
              ...(c.detail ? { facts: c.detail } : {}),
            }),
          )
      : [],
    waived: grants
      ? all
          .filter(([, c]) => c.kind === 'waiver')
          .map(
            ([r, c]): Waiver => ({
              ruleId: c.from ?? r.ruleId,
              conditionId: c.id,
              paragraph: c.paragraph,
              description: c.description,
              reliedOn: c.held,
              ...(c.detail ? { detail: c.detail } : {}),
            }),
          )
      : [],
    notes: all.filter(([, c]) => c.kind === 'note' && c.held).map(([r, c]) => asFailing(r, c)),
  };
}
