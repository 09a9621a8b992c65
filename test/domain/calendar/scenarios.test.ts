/**
 * Runs the calendar scenarios in ./scenarios/*.json: readable cases, each citing the article it
 * tests. A move is written "FROM -> TO (text)": the period's end moved from FROM to TO, and the
 * recorded reason contains `text`. `moves` lists every move, so [] means the day stands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { applyPeriod, computeDeadline, DecreeDaySchema, holidaysIn, isLocalDate, type DayAdjustment } from '../../../domain/calendar';

const date = z.string().refine(isLocalDate, 'not a calendar date');
const jurisdiction = z.enum(['NL', 'NO']);
const Expect = z.strictObject({
  due: date,
  dueAt: z.string().optional(),
  moves: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2} -> \d{4}-\d{2}-\d{2} \(.+\)$/, 'a move reads "FROM -> TO (reason text)"')),
  citationsMention: z.array(z.string()).optional(),
  reasonsMention: z.array(z.string()).optional(),
  validFrom: date.optional(),
});
const named = { name: z.string().min(1), cites: z.string().min(1) };
const Scenario = z.strictObject({
  ...named,
  jurisdiction,
  kind: z.enum(['cure', 'decision', 'objection', 'renewal-window', 'appeal', 'renewal']),
  from: date,
  onDate: date.optional(),
  extraDecreeDays: z.array(DecreeDaySchema).optional(),
  expect: Expect,
});
const PeriodScenario = z.strictObject({
  ...named,
  jurisdiction,
  from: date,
  length: z.strictObject({ amount: z.number().int().positive(), unit: z.enum(['days', 'weeks', 'months', 'years']) }),
  direction: z.enum(['forward', 'backward']),
  extension: z.enum(['atw', 'office-roll', 'dl149', 'none']),
  expect: Expect,
});
const dayAndName = z.string().regex(/^\d{4}-\d{2}-\d{2} .+$/, 'a holiday reads "YYYY-MM-DD name"');
const HolidayScenario = z.strictObject({
  ...named,
  jurisdiction,
  year: z.number().int(),
  exactly: z.array(dayAndName).optional(),
  includes: z.array(dayAndName).optional(),
  excludes: z.array(date).optional(),
});
const ScenarioFile = z.strictObject({
  title: z.string().min(1),
  cites: z.string().min(1),
  deadlines: z.array(Scenario).optional(),
  periods: z.array(PeriodScenario).optional(),
  holidays: z.array(HolidayScenario).optional(),
});

const dir = join(__dirname, 'scenarios');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function expectMoves(adjustments: DayAdjustment[], moves: string[]) {
  expect(adjustments.map((a) => `${a.date} -> ${a.movedTo}`)).toEqual(moves.map((m) => m.slice(0, 24)));
  moves.forEach((move, i) => {
    const text = move.slice(26, -1);
    expect(adjustments[i]!.reason).toContain(text);
  });
}

function splitDayAndName(entry: string): [string, string] {
  return [entry.slice(0, 10), entry.slice(11)];
}

test('the scenario folder holds the calendar scenarios', () => {
  expect(files).toEqual(['nl-termijnenwet-art2-art4.json', 'nl-termijnenwet-holidays.json', 'no-calendar.json', 'rule-versions.json']);
});

describe.each(files)('%s', (file) => {
  const data = ScenarioFile.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const deadlines = data.deadlines ?? [];
  const periods = data.periods ?? [];
  const holidays = data.holidays ?? [];

  test('has scenarios', () => {
    expect(deadlines.length + periods.length + holidays.length).toBeGreaterThan(0);
  });

  if (deadlines.length > 0) {
    test.each(deadlines.map((s) => [`${s.name} [${s.cites}]`, s] as const))('deadline: %s', (_title, s) => {
      const result = computeDeadline({
        jurisdiction: s.jurisdiction,
        kind: s.kind,
        from: s.from,
        onDate: s.onDate,
        extraDecreeDays: s.extraDecreeDays,
      });
      expect(result.due).toBe(s.expect.due);
      if (s.expect.dueAt) expect(result.dueAt).toBe(s.expect.dueAt);
      expectMoves(result.adjustments, s.expect.moves);
      for (const text of s.expect.citationsMention ?? []) expect(result.citations.join('\n')).toContain(text);
      for (const text of s.expect.reasonsMention ?? []) {
        for (const a of result.adjustments) expect(a.reason).toContain(text);
      }
      if (s.expect.validFrom) expect(result.law.validFrom).toBe(s.expect.validFrom);
      // Every computation carries its citations and a due date no earlier than counting alone gives.
      expect(result.citations.length).toBeGreaterThan(0);
      expect(result.due >= result.nominalDue).toBe(true);
    });
  }

  if (periods.length > 0) {
    test.each(periods.map((s) => [`${s.name} [${s.cites}]`, s] as const))('period: %s', (_title, s) => {
      const result = applyPeriod({ jurisdiction: s.jurisdiction, from: s.from, length: s.length, direction: s.direction, extension: s.extension });
      expect(result.due).toBe(s.expect.due);
      expectMoves(result.adjustments, s.expect.moves);
      for (const text of s.expect.citationsMention ?? []) expect(result.notes.join('\n')).toContain(text);
    });
  }

  if (holidays.length > 0) {
    test.each(holidays.map((s) => [`${s.name} [${s.cites}]`, s] as const))('holidays: %s', (_title, s) => {
      const list = holidaysIn(s.jurisdiction, s.year);
      if (s.exactly) {
        expect(list.map((h) => h.date)).toEqual(s.exactly.map((e) => splitDayAndName(e)[0]));
        for (const [i, entry] of s.exactly.entries()) expect(list[i]!.name).toContain(splitDayAndName(entry)[1]);
      }
      for (const entry of s.includes ?? []) {
        const [day, name] = splitDayAndName(entry);
        expect(
          list
            .filter((h) => h.date === day)
            .map((h) => h.name)
            .join(' | '),
        ).toContain(name);
      }
      for (const day of s.excludes ?? []) expect(list.map((h) => h.date)).not.toContain(day);
      for (const h of list) expect(h.citation).toMatch(/Atw art\. 3|helligdagsfredloven|høgtidsdager|Besluit/);
    });
  }
});
