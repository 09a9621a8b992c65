/**
 * Runs every scenario in ./scenarios: each file names the paragraph it tests (`cites`), the facts,
 * the date, and what the law says. A scenario is data a lawyer can read and review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseApplicationFacts } from '../../../domain/application';
import { assess, failedConditions } from '../../../domain/policy';

const OUTCOMES = ['entitled', 'policy-grants', 'humanitarian-assessment-needed', 'refusal-ground-applies', 'not-eligible'] as const;

/** Scenario files are parsed too, so a typo in an expectation fails loudly instead of passing silently. */
const Scenario = z.strictObject({
  id: z.string().min(1),
  cites: z.string().min(1),
  description: z.string().min(1),
  onDate: z.string(),
  application: z.unknown(),
  expected: z.strictObject({
    outcome: z.enum(OUTCOMES),
    /** Rule ids of the assessment's basis, in order. */
    basis: z.array(z.string()).optional(),
    /** Per rule id: exactly the ids of its conditions that failed. */
    failing: z.record(z.string(), z.array(z.string())).optional(),
    /** A subset of the pack's findings. */
    findings: z.record(z.string(), z.unknown()).optional(),
  }),
});

const dir = join(__dirname, 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const scenarios = files.map((file) => ({ file, scenario: Scenario.parse(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));

test('the scenario folder holds scenarios, one per file, named by id', () => {
  expect(scenarios.length).toBeGreaterThanOrEqual(40);
  for (const { file, scenario } of scenarios) expect(file).toBe(`${scenario.id}.json`);
});

describe.each(scenarios.map(({ scenario }) => [scenario.id, scenario] as const))('%s', (_id, scenario) => {
  const parsed = parseApplicationFacts(scenario.application);

  test(`${scenario.cites}: ${scenario.description}`, () => {
    if (!parsed.ok) throw new Error(`scenario facts are invalid:\n${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
    const assessment = assess(parsed.value, scenario.onDate);

    expect(assessment.outcome).toBe(scenario.expected.outcome);
    if (scenario.expected.basis) expect(assessment.basis.map((r) => r.ruleId)).toEqual(scenario.expected.basis);
    for (const [ruleId, failing] of Object.entries(scenario.expected.failing ?? {})) {
      const result = assessment.evaluated.find((r) => r.ruleId === ruleId);
      expect(result).toBeDefined();
      expect(failedConditions(result!.conditions).map((c) => c.id)).toEqual(failing);
    }
    if (scenario.expected.findings) expect(assessment.findings).toMatchObject(scenario.expected.findings);

    // The paragraph a scenario cites is the one its checked rules cite.
    const checked = new Set([...Object.keys(scenario.expected.failing ?? {}), ...(scenario.expected.basis ?? []), ...assessment.basis.map((r) => r.ruleId)]);
    const citations = assessment.evaluated.filter((r) => checked.has(r.ruleId)).map((r) => r.citation);
    const paragraph = scenario.cites.split(';')[0]!.replace(/^Vc 2000 /, '');
    expect(citations.some((c) => c.includes(paragraph))).toBe(true);
  });
});
