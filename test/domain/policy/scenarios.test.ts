/**
 * Runs every scenario in ./scenarios: each file names the paragraph it tests (`cites`), the facts,
 * the date, and what the text says about them. A scenario is data a lawyer can read and review;
 * trace.json points at them from each sentence of the law.
 */
import { failedConditions } from '../../../domain/policy';
import { scenarioFiles, scenarios } from './policy-scenarios';

const all = [...scenarios().values()];

test('the scenario folder holds scenarios, one per file, named by id', () => {
  expect(all.length).toBeGreaterThanOrEqual(100);
  expect(scenarioFiles).toEqual(all.map(({ scenario }) => `${scenario.id}.json`));
});

describe.each(all.map((e) => [e.scenario.id, e] as const))('%s', (_id, { scenario, assessment, results }) => {
  test(`${scenario.cites}: ${scenario.description}`, () => {
    const { expected } = scenario;
    if (assessment) {
      if (expected.outcome) expect(assessment.outcome).toBe(expected.outcome);
      if (expected.basis) expect(assessment.basis.map((r) => r.ruleId)).toEqual(expected.basis);
      if (expected.findings) expect(assessment.findings).toMatchObject(expected.findings);
      if (expected.refusalGrounds) expect(assessment.refusalGrounds.map((c) => c.conditionId)).toEqual(expected.refusalGrounds);
      if (expected.waived) expect(assessment.waived.filter((w) => w.reliedOn).map((w) => w.conditionId)).toEqual(expected.waived);
      if (expected.notes) expect(assessment.notes.map((n) => n.conditionId)).toEqual(expected.notes);
      if (expected.factors) expect(assessment.factors.filter((f) => f.present).map((f) => f.conditionId)).toEqual(expected.factors);
    }
    for (const [ruleId, failing] of Object.entries(expected.failing ?? {})) {
      const result = results.get(ruleId);
      expect(result).toBeDefined();
      expect([ruleId, failedConditions(result!.conditions).map((c) => c.id)]).toEqual([ruleId, failing]);
    }

    // The paragraph a scenario cites is the one its checked rules cite.
    const checked = new Set([...Object.keys(expected.failing ?? {}), ...(expected.basis ?? []), ...(assessment?.basis.map((r) => r.ruleId) ?? [])]);
    const citations = [...results.values()].filter((r) => checked.has(r.ruleId)).map((r) => r.citation);
    const paragraph = scenario.cites
      .split(';')[0]!
      .replace(/^Vc 2000 /, '')
      .replace(/^Immigration Act \(NO\) /, '');
    expect(citations.some((c) => c.includes(paragraph))).toBe(true);
  });
});
