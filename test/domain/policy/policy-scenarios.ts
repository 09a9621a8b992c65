/**
 * The policy scenarios in ./scenarios, loaded and evaluated once for the scenario test and the
 * traceability test. A scenario is written from the text: the facts of one case, the date, and
 * what the text says about it. Most assess an application; a few evaluate a rule that decides on a
 * permit already granted (`rule` and `input`, e.g. a withdrawal under B16/8).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseApplicationFacts } from '../../../domain/application';
import { NL_B16_PERMIT_RULES, assess, withdrawalFactsSchema, type Assessment, type Rule, type RuleResult } from '../../../domain/policy';

const OUTCOMES = ['entitled', 'policy-grants', 'humanitarian-assessment-needed', 'refusal-ground-applies', 'not-eligible'] as const;

/** Scenario files are parsed too, so a typo in an expectation fails loudly instead of passing silently. */
const ScenarioSchema = z
  .strictObject({
    id: z.string().min(1),
    cites: z.string().min(1),
    description: z.string().min(1),
    onDate: z.string(),
    application: z.unknown().optional(),
    /** For a rule that decides on a permit: its id, and the facts it reads. */
    rule: z.string().optional(),
    input: z.unknown().optional(),
    expected: z.strictObject({
      outcome: z.enum(OUTCOMES).optional(),
      /** Rule ids of the assessment's basis, in order. */
      basis: z.array(z.string()).optional(),
      /** Per rule id: exactly the ids of its conditions that failed. */
      failing: z.record(z.string(), z.array(z.string())).optional(),
      /** A subset of the pack's findings. */
      findings: z.record(z.string(), z.unknown()).optional(),
      /** Exactly the condition ids of the refusal grounds, of the waivers relied on, of the notes. */
      refusalGrounds: z.array(z.string()).optional(),
      waived: z.array(z.string()).optional(),
      notes: z.array(z.string()).optional(),
      /** The factors present (condition ids), exactly. */
      factors: z.array(z.string()).optional(),
    }),
  })
  .refine((s) => (s.application === undefined) !== (s.rule === undefined), { error: 'give either "application" or "rule" and "input"' });
export type Scenario = z.infer<typeof ScenarioSchema>;

const PERMIT_RULES: Record<string, { rule: Rule<never>; parse: (input: unknown) => unknown }> = Object.fromEntries(
  NL_B16_PERMIT_RULES.map((rule) => [rule.id, { rule: rule as Rule<never>, parse: (input: unknown) => withdrawalFactsSchema().parse(input) }]),
);

export interface Evaluated {
  scenario: Scenario;
  /** The assessment, for an application scenario. */
  assessment?: Assessment<object>;
  /** Every rule result the scenario produced, by rule id. */
  results: Map<string, RuleResult>;
}

function evaluate(scenario: Scenario): Evaluated {
  if (scenario.rule !== undefined) {
    const entry = PERMIT_RULES[scenario.rule];
    if (!entry) throw new Error(`${scenario.id}: no permit rule ${scenario.rule}`);
    const result = entry.rule.evaluate(entry.parse(scenario.input) as never, scenario.onDate);
    return { scenario, results: new Map([[result.ruleId, result]]) };
  }
  const parsed = parseApplicationFacts(scenario.application);
  if (!parsed.ok) throw new Error(`${scenario.id}: the facts are invalid:\n${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  const assessment = assess(parsed.value, scenario.onDate);
  return { scenario, assessment, results: new Map(assessment.evaluated.map((r) => [r.ruleId, r])) };
}

export const SCENARIO_DIR = join(__dirname, 'scenarios');
export const scenarioFiles = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

let loaded: Map<string, Evaluated> | undefined;
/** Every scenario by id, evaluated once. */
export function scenarios(): Map<string, Evaluated> {
  loaded ??= new Map(
    scenarioFiles.map((file) => {
      const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')));
      return [scenario.id, evaluate(scenario)];
    }),
  );
  return loaded;
}
