/**
 * The shape of law as code: rules that cite their source and say which conditions held, and
 * policy packs (one per jurisdiction) that turn rule results into an outcome.
 *
 * A rule declares its conditions up front, each with the paragraph of the text that states it,
 * so that a pack's traceability table (trace.json) can be checked against the code: every
 * declared condition has a sentence of the law, and every normative sentence has a condition.
 */
import type { LocalDate } from '../calendar/dates';
import type { Versioned } from '../versions';

/**
 * What the law says about the application:
 * - `entitled`: the permit must be granted (a rule of law leaves no discretion);
 * - `policy-grants`: the law gives discretion and a published policy rule uses it in favour;
 * - `humanitarian-assessment-needed`: only a caseworker's weighing can decide (the text leaves it
 *   to the minister's judgement, or to an overall assessment);
 * - `refusal-ground-applies`: a route's requirements are met but a refusal ground bars it;
 * - `not-eligible`: no route's requirements are met.
 */
export type OutcomeKind = 'entitled' | 'policy-grants' | 'humanitarian-assessment-needed' | 'refusal-ground-applies' | 'not-eligible';

/**
 * - `requirement`: must hold for the rule to apply;
 * - `exclusion`: phrased as the absence of a refusal ground, so `held: false` means the ground applies;
 * - `factor`: a circumstance the text names for weighing; its absence is not a failure;
 * - `waiver`: something the text says does not stand in the way (no travel document, a family tie
 *   not broken); `held: true` means the applicant is in that situation and the text waives it;
 * - `note`: a consequence the caseworker acts on (a document to issue, a cure period to offer);
 *   it never decides the outcome.
 */
export type ConditionKind = 'requirement' | 'exclusion' | 'factor' | 'waiver' | 'note';

/** A condition as a rule declares it: what the text requires, and where the text says so. */
export interface ConditionSpec {
  kind: ConditionKind;
  /** The paragraph of the text that states it, e.g. "Vc 2000 B16/3.1 sub b". */
  paragraph: string;
  description: string;
  /** Conditions sharing a group are alternatives: the group holds when any member holds. */
  anyOf?: string;
}

export interface Condition extends ConditionSpec {
  id: string;
  held: boolean;
  /** A short account of the facts behind `held` (dates, periods), for letters and history. */
  detail?: string;
  /** The rule that declares this condition, when a rule includes another rule's conditions. */
  from?: string;
}

/**
 * A rule version, versioned as all law is (domain/versions): `source` is the text in the pack's
 * folder, or, for a later version, its Staatsblad, Staatscourant or Norwegian amendment.
 */
export interface RuleVersion extends Versioned {
  /** Distinguishes versions of one rule. */
  version: string;
}

export interface RuleResult extends RuleVersion {
  ruleId: string;
  citation: string;
  title: string;
  /** What this rule alone concludes; absent for rules that only attach consequences. */
  outcome?: OutcomeKind;
  conditions: Condition[];
  /** Consequences of the rule (restriction on the permit, labour-market note, possible restrictions). */
  effects?: Record<string, string | string[] | boolean>;
  notes?: string[];
}

export interface Rule<F> extends RuleVersion {
  id: string;
  citation: string;
  title: string;
  /** Every condition the rule may report, by id. */
  conditions: Readonly<Record<string, ConditionSpec>>;
  /** Rules whose conditions this one includes (e.g. the general conditions of B16/1). */
  includes?: readonly string[];
  evaluate(facts: F, onDate: LocalDate): RuleResult;
}

export interface FailingCondition {
  ruleId: string;
  citation: string;
  conditionId: string;
  paragraph: string;
  description: string;
  kind: ConditionKind;
  detail?: string;
}

/** A circumstance the text names for weighing, with the facts that bear on it. */
export interface WeighedFactor {
  ruleId: string;
  conditionId: string;
  paragraph: string;
  description: string;
  present: boolean;
  facts?: string;
}

/** Something the text waives for the route that grants, and whether this applicant relies on it. */
export interface Waiver {
  ruleId: string;
  conditionId: string;
  paragraph: string;
  description: string;
  reliedOn: boolean;
  detail?: string;
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
  /** For a refusal: the grounds that apply, each with its paragraph. */
  refusalGrounds: FailingCondition[];
  /** For an assessment a caseworker must make: the factors the text lists, with the facts on each. */
  factors: WeighedFactor[];
  /** For a grant: what the text waives for the granting route. */
  waived: Waiver[];
  /** Notes the caseworker acts on (documents to issue, a cure period to offer). */
  notes: FailingCondition[];
  /** Which version of each rule in force was applied, and where it comes from. */
  versions: { ruleId: string; version: string; source: string }[];
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
  /** The text the pack implements (a file in the pack's folder) and where it was taken from. */
  text: { file: string; title: string };
  /** Every version of every rule; the registry picks the one in force. */
  rules: readonly Rule<F>[];
  assess(facts: F, onDate: LocalDate): Assessment<Findings>;
}
