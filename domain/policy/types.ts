/**
 * The shape of law as code: rules that cite their source and say which conditions held, and
 * policy packs (one per jurisdiction) that turn rule results into an outcome.
 */
import type { LocalDate } from '../calendar/dates';

/**
 * What the law says about the application:
 * - `entitled`: the permit must be granted (a rule of law leaves no discretion);
 * - `policy-grants`: the law gives discretion and a published policy rule uses it in favour;
 * - `humanitarian-assessment-needed`: only a caseworker's overall assessment can decide;
 * - `refusal-ground-applies`: a route's requirements are met but a refusal ground bars it;
 * - `not-eligible`: no route's requirements are met.
 */
export type OutcomeKind = 'entitled' | 'policy-grants' | 'humanitarian-assessment-needed' | 'refusal-ground-applies' | 'not-eligible';

/**
 * - `requirement`: must hold for the rule to apply;
 * - `exclusion`: phrased as the absence of a refusal ground, so `held: false` means the ground applies;
 * - `factor`: a circumstance to weigh; its absence is not a failure.
 */
export type ConditionKind = 'requirement' | 'exclusion' | 'factor';

export interface Condition {
  id: string;
  description: string;
  held: boolean;
  kind: ConditionKind;
  /** Conditions sharing a group are alternatives: the group holds when any member holds. */
  anyOf?: string;
  /** A short account of the facts behind `held` (dates, periods), for letters and history. */
  detail?: string;
}

export interface RuleResult {
  ruleId: string;
  version: string;
  citation: string;
  title: string;
  validFrom: LocalDate;
  validUntil?: LocalDate;
  /** What this rule alone concludes; absent for rules that only attach consequences. */
  outcome?: OutcomeKind;
  conditions: Condition[];
  /** Consequences of the rule (restriction on the permit, labour-market note, possible restrictions). */
  effects?: Record<string, string | string[] | boolean>;
  notes?: string[];
}

export interface Rule<F> {
  id: string;
  /** Distinguishes versions of one rule; usually the date the version took effect. */
  version: string;
  citation: string;
  title: string;
  /** First day the version applies. */
  validFrom: LocalDate;
  /** Last day the version applies (inclusive); absent while in force. */
  validUntil?: LocalDate;
  evaluate(facts: F, onDate: LocalDate): RuleResult;
}

export interface FailingCondition {
  ruleId: string;
  citation: string;
  conditionId: string;
  description: string;
  kind: ConditionKind;
}

export interface Assessment<Findings = Record<string, unknown>> {
  jurisdiction: string;
  pack: string;
  onDate: LocalDate;
  outcome: OutcomeKind;
  summary: string;
  /** The rule results the outcome rests on (what a decision letter quotes). */
  basis: RuleResult[];
  /** Conditions that failed in the rules of the basis. */
  failingConditions: FailingCondition[];
  /** Every rule in force on `onDate`, evaluated. */
  evaluated: RuleResult[];
  /** Rules of the pack with no version in force on `onDate`. */
  notInForce: string[];
  findings: Findings;
}

export interface PolicyPack<F, Findings = Record<string, unknown>> {
  id: string;
  jurisdiction: string;
  title: string;
  /** Every version of every rule; the registry picks the one in force. */
  rules: readonly Rule<F>[];
  assess(facts: F, onDate: LocalDate): Assessment<Findings>;
}
