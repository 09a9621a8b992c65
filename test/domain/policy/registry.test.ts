/**
 * Rule versions and the shape of a rule: the text in a pack's folder applies on every date until a
 * later version names its publication; a rule reports only the conditions it declares; the packs
 * are well-formed (every rule and condition cites its paragraph; versions of one rule never overlap).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../../domain/calendar/dates';
import { parseApplicationFacts, type ApplicationFacts } from '../../../domain/application';
import { assess, evaluateRule, nlB16Pack, noS38Pack, ruleInForce, selectInForce, type PolicyPack } from '../../../domain/policy';
import { defineRule, included } from '../../../domain/policy/registry';

function facts(file: string): ApplicationFacts {
  const parsed = parseApplicationFacts(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}

const PACKS: readonly PolicyPack<never, object>[] = [nlB16Pack, noS38Pack];
/** A rule version that starts on a date must say where it was published (Staatsblad, Staatscourant, a Norwegian amendment). */
const PUBLICATION = /Stb\.|Stcrt\.|Staatsblad|Staatscourant|LOV-\d|FOR-\d|amending act/;

describe('versions: the text in the pack folder is the rule on every date', () => {
  test.each(PACKS.map((p) => [p.id, p] as const))('%s: every rule is the text version, in force on any date, and names its text', (_id, pack) => {
    for (const rule of pack.rules) {
      expect(rule.source).toContain(pack.text.file);
      if (rule.validFrom !== undefined) expect(rule.source).toMatch(PUBLICATION);
    }
    for (const day of ['1990-01-01', '2012-10-01', '2031-06-30']) expect(selectInForce(pack.rules, day).notInForce).toEqual([]);
  });

  test("the period of B16/3.1 is the text's three years on every date: no other period without a publication", () => {
    // Three years and a day of marriage, permit and renewal conditions, assessed across 2012.
    const application = facts('test/fixtures/facts-nl-policy-grants.json');
    for (const day of ['2018-02-28', '2012-09-30', '2026-12-01']) {
      const rule = ruleInForce(nlB16Pack.rules, 'nl-vb-3.51-relationship', day)!;
      expect(rule.version).toBe('vc2000-b16');
      expect(rule.conditions['permit-three-years-on-relationship']!.description).toContain('three years');
    }
    expect(evaluateRule(application, 'nl-vb-3.51-relationship', '2018-02-28').outcome).toBe('policy-grants');
    expect(evaluateRule(application, 'nl-vb-3.51-relationship', '2018-02-27').outcome).toBe('not-eligible');
  });

  test("a later version takes over on its date, by the law's one lookup (domain/versions), when it names its publication", () => {
    const body = () => ({ conditions: [] });
    const text = defineRule<unknown, never>({ id: 'x', version: 'text', source: 'the text', citation: 'c', title: 't', conditions: {} }, body);
    const later = defineRule<unknown, never>(
      { id: 'x', version: '2021', source: 'Stb. 2020, 999', validFrom: '2021-01-01', citation: 'c', title: 't', conditions: {} },
      body,
    );
    const repealed = defineRule<unknown, never>(
      { id: 'y', version: 'text', source: 'the text', validUntil: '2020-12-31', citation: 'c', title: 't', conditions: {} },
      body,
    );
    expect(ruleInForce([text, later], 'x', '1970-01-01')?.version).toBe('text');
    expect(ruleInForce([text, later], 'x', '2020-12-31')?.version).toBe('text');
    expect(ruleInForce([text, later], 'x', '2021-01-01')?.version).toBe('2021');
    expect(later.evaluate(null, '2021-01-01')).toMatchObject({ version: '2021', source: 'Stb. 2020, 999', validFrom: '2021-01-01' });
    expect(ruleInForce([repealed], 'y', '2021-01-01')).toBeUndefined();
  });

  test('two versions of one rule beginning on the same day is reported as a defect, not resolved silently', () => {
    const body = () => ({ conditions: [] });
    const a = defineRule<unknown, never>(
      { id: 'x', version: 'a', source: 'Stb. 2020, 1', validFrom: '2021-01-01', citation: 'c', title: 't', conditions: {} },
      body,
    );
    const b = defineRule<unknown, never>(
      { id: 'x', version: 'b', source: 'Stb. 2020, 2', validFrom: '2021-01-01', citation: 'c', title: 't', conditions: {} },
      body,
    );
    expect(ruleInForce([a, b], 'x', '2020-12-31')).toBeUndefined();
    expect(() => ruleInForce([a, b], 'x', '2021-01-01')).toThrow('rule x: 2 versions begin on 2021-01-01: Stb. 2020, 1; Stb. 2020, 2');
  });
});

describe('a rule reports only what it declares', () => {
  const spec = { kind: 'requirement', paragraph: 'B16/0', description: 'd' } as const;
  const other = defineRule<unknown, 'y'>({ id: 'other', version: 'v', source: 's', citation: 'c', title: 't', conditions: { y: spec } }, (_f, _d, judge) => ({
    conditions: [judge('y', true)],
  }));

  test('a condition is reported with its declared kind and paragraph', () => {
    const rule = defineRule<unknown, 'x'>({ id: 'r', version: 'v', source: 's', citation: 'c', title: 't', conditions: { x: spec } }, (_f, _d, judge) => ({
      conditions: [judge('x', false, 'why')],
    }));
    expect(rule.evaluate(null, '2020-01-01').conditions).toEqual([
      { id: 'x', kind: 'requirement', paragraph: 'B16/0', description: 'd', held: false, detail: 'why' },
    ]);
  });

  test('an undeclared condition, or one from a rule it does not include, is a defect', () => {
    const undeclared = defineRule<unknown, 'x'>(
      { id: 'r', version: 'v', source: 's', citation: 'c', title: 't', conditions: { x: spec } },
      (_f, _d, judge) => ({
        conditions: [judge('z' as 'x', true)],
      }),
    );
    expect(() => undeclared.evaluate(null, '2020-01-01')).toThrow('rule r reports condition "z", which it does not declare');
    const borrowing = defineRule<unknown, never>({ id: 'r', version: 'v', source: 's', citation: 'c', title: 't', conditions: {} }, () => ({
      conditions: included(other.evaluate(null, '2020-01-01')),
    }));
    expect(() => borrowing.evaluate(null, '2020-01-01')).toThrow('rule r reports condition "y" of other, which it neither declares nor includes');
    const including = defineRule<unknown, never>(
      { id: 'r', version: 'v', source: 's', citation: 'c', title: 't', conditions: {}, includes: ['other'] },
      () => ({
        conditions: included(other.evaluate(null, '2020-01-01')),
      }),
    );
    expect(including.evaluate(null, '2020-01-01').conditions[0]).toMatchObject({ id: 'y', from: 'other' });
  });
});

describe.each(PACKS.map((p) => [p.id, p] as const))('pack %s', (_id, pack) => {
  test('every rule names its article, and every condition the paragraph of the text that states it', () => {
    for (const rule of pack.rules) {
      expect(rule.citation).toMatch(/art\. 3\.5\d|B16\/\d|s\. 38/);
      for (const [id, c] of Object.entries(rule.conditions)) {
        expect([id, c.paragraph]).toEqual([id, expect.stringMatching(/B16\/\d+(\.\d)?|s\. 38 (first|second|third|fourth|fifth) paragraph/)]);
      }
    }
  });

  test('the versions of each rule never contradict each other: one is in force on every boundary day', () => {
    const boundaries = pack.rules.flatMap((r) => [
      ...(r.validFrom ? [r.validFrom, addDays(r.validFrom, -1)] : []),
      ...(r.validUntil ? [r.validUntil, addDays(r.validUntil, 1)] : []),
      '2000-01-01',
    ]);
    for (const day of boundaries) {
      for (const id of new Set(pack.rules.map((r) => r.id))) expect(() => ruleInForce(pack.rules, id, day)).not.toThrow();
    }
  });
});

test('assess picks the pack by jurisdiction, and says which version of each rule it applied', () => {
  const nl = assess(facts('examples/nl-b16-3.51-partner.json'), '2020-09-01');
  expect(nl).toMatchObject({ jurisdiction: 'NL', pack: 'nl-b16', outcome: 'policy-grants' });
  expect(nl.versions).toContainEqual({ ruleId: 'nl-vb-3.51-relationship', version: 'vc2000-b16', source: expect.stringContaining('nl-vc2000-b16.txt') });
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

test('assess rejects a date that is not a calendar day; evaluateRule an unknown rule', () => {
  const application = facts('examples/nl-b16-3.51-partner.json');
  expect(() => assess(application, '2020-02-30')).toThrow(RangeError);
  expect(() => evaluateRule(application, 'nl-vb-3.51-family', '2020-01-01')).toThrow('no version of rule nl-vb-3.51-family is in force on 2020-01-01');
});

test('the assessment lists the failing conditions of the rules it rests on, each with its paragraph', () => {
  const application = facts('examples/nl-b16-3.51-partner.json');
  // Two years and ten months into the relationship permit: the three-year periods fail; art. 3.52 is considered.
  const assessment = assess(application, '2017-12-31');
  expect(assessment.outcome).toBe('humanitarian-assessment-needed');
  const relationship = assessment.evaluated.find((r) => r.ruleId === 'nl-vb-3.51-relationship')!;
  expect(relationship.outcome).toBe('not-eligible');
  expect(relationship.conditions.find((c) => c.id === 'permit-three-years-on-relationship')).toMatchObject({
    held: false,
    paragraph: 'Vc 2000 B16/3.1 sub b, ad b',
  });
});
