/**
 * Rule versions: the registry picks the version in force on the assessment date, and the packs
 * are well-formed (every rule cites its source; versions of one rule never overlap).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../../domain/calendar/dates';
import { parseApplicationFacts, type ApplicationFacts } from '../../../domain/application';
import { assess, evaluateRule, failedConditions, isInForce, nlB16Pack, noS38Pack, selectInForce, versionInForce } from '../../../domain/policy';
import { defineRule } from '../../../domain/policy/registry';

function facts(file: string): ApplicationFacts {
  const parsed = parseApplicationFacts(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}

/** A relationship permit from 2009-06-01, the marriage and renewal conditions lasting until 2012-12-31. */
function threeAndAHalfYears(): ApplicationFacts {
  const scenario = JSON.parse(readFileSync(join(__dirname, 'scenarios', 'nl-b16-3.1-three-years-after-2012-amendment.json'), 'utf8'));
  const parsed = parseApplicationFacts(scenario.application);
  if (!parsed.ok) throw new Error('scenario facts invalid');
  return parsed.value;
}

describe('two versions of art. 3.51 lid 1 sub a (three years until 30 September 2012, five years since)', () => {
  test('the registry picks the three-year version on the last day it applies and the five-year one the next day', () => {
    const before = versionInForce(nlB16Pack.rules, 'nl-vb-3.51-family', '2012-09-30');
    const after = versionInForce(nlB16Pack.rules, 'nl-vb-3.51-family', '2012-10-01');
    expect(before?.version).toBe('2001-04-01');
    expect(before?.citation).toContain('until 30 September 2012');
    expect(after?.version).toBe('2012-10-01');
    expect(after?.citation).toContain('Stb. 2012, 148');
  });

  test('the same facts meet the rule on 2012-09-30 and fail its period on 2012-10-01', () => {
    const application = threeAndAHalfYears();
    const old = evaluateRule(application, 'nl-vb-3.51-family', '2012-09-30');
    const amended = evaluateRule(application, 'nl-vb-3.51-family', '2012-10-01');
    expect(old.outcome).toBe('policy-grants');
    expect(failedConditions(old.conditions)).toEqual([]);
    expect(amended.outcome).toBe('not-eligible');
    expect(failedConditions(amended.conditions).map((c) => c.id)).toContain('permit-period');
    expect(assess(application, '2012-09-30').outcome).toBe('policy-grants');
    expect(assess(application, '2012-10-01').outcome).toBe('not-eligible');
  });
});

test('a rule is not applied before its version starts: the old-act estate regulation from 2007-06-15', () => {
  expect(selectInForce(nlB16Pack.rules, '2007-06-14').notInForce).toEqual(['nl-b16-7.1-old-act-estate']);
  expect(selectInForce(nlB16Pack.rules, '2007-06-15').notInForce).toEqual([]);
  expect(selectInForce(noS38Pack.rules, '2009-12-31').inForce).toEqual([]);
});

test('two versions of one rule in force on the same day is reported as a defect, not resolved silently', () => {
  const body = () => ({ conditions: [] });
  const a = defineRule<unknown>({ id: 'x', version: 'a', citation: 'c', title: 't', validFrom: '2020-01-01' }, body);
  const b = defineRule<unknown>({ id: 'x', version: 'b', citation: 'c', title: 't', validFrom: '2021-01-01' }, body);
  expect(versionInForce([a, b], 'x', '2020-12-31')?.version).toBe('a');
  expect(() => versionInForce([a, b], 'x', '2021-01-01')).toThrow('rule x has 2 versions in force on 2021-01-01: a, b');
});

describe.each([nlB16Pack, noS38Pack].map((p) => [p.id, p] as const))('pack %s', (_id, pack) => {
  test('every rule names its article and has a valid period', () => {
    for (const rule of pack.rules) {
      expect(rule.citation).toMatch(/art\. 3\.5\d|B16\/\d|s\. 38/);
      if (rule.validUntil !== undefined) expect(rule.validUntil >= rule.validFrom).toBe(true);
    }
  });

  test('the versions of each rule never overlap: at most one is in force on any boundary day', () => {
    const boundaries = pack.rules.flatMap((r) => [r.validFrom, addDays(r.validFrom, -1), ...(r.validUntil ? [r.validUntil, addDays(r.validUntil, 1)] : [])]);
    for (const day of boundaries) {
      for (const id of new Set(pack.rules.map((r) => r.id))) {
        expect(pack.rules.filter((r) => r.id === id && isInForce(r, day)).length).toBeLessThanOrEqual(1);
      }
    }
  });
});

test('assess picks the pack by jurisdiction', () => {
  expect(assess(facts('examples/nl-b16-3.51-partner.json'), '2020-09-01')).toMatchObject({ jurisdiction: 'NL', pack: 'nl-b16', outcome: 'policy-grants' });
  expect(assess(facts('examples/no-s38-child.json'), '2025-03-01')).toMatchObject({
    jurisdiction: 'NO',
    pack: 'no-immigration-act-s38',
    outcome: 'humanitarian-assessment-needed',
  });
});

test('assess is deterministic and leaves the facts untouched', () => {
  const application = facts('examples/nl-b16-3.51-partner.json');
  const copy = structuredClone(application);
  const first = assess(application, '2020-09-01');
  expect(assess(application, '2020-09-01')).toEqual(first);
  expect(application).toEqual(copy);
});

test('assess rejects a date that is not a calendar day', () => {
  const application = facts('examples/nl-b16-3.51-partner.json');
  expect(() => assess(application, '2020-02-30')).toThrow(RangeError);
  expect(() => evaluateRule(application, 'nl-vb-3.51-family', '2000-01-01')).toThrow('no version of rule nl-vb-3.51-family is in force on 2000-01-01');
});

test('the assessment lists the failing conditions of the rules it rests on', () => {
  const application = facts('examples/nl-b16-3.51-partner.json');
  // Four years and ten months into the relationship permit: one route, several failing periods.
  const assessment = assess(application, '2019-12-31');
  expect(assessment.outcome).toBe('not-eligible');
  expect(assessment.failingConditions).toEqual(
    expect.arrayContaining([expect.objectContaining({ ruleId: 'nl-vb-3.51-family', conditionId: 'permit-period', kind: 'requirement' })]),
  );
  expect(assessment.failingConditions.every((c) => c.citation.length > 0)).toBe(true);
});
