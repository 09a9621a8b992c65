/**
 * The law in the code is the law in the text. Each pack keeps trace.json: for every paragraph of
 * its text, a row per normative sentence (the rule and condition that implement it, and scenarios
 * where it holds and where it just fails), and the sentences that state no rule, each with the
 * reason. This test holds the three together:
 * - every sentence of the text is quoted by a row or set aside with a reason;
 * - every row names a rule and condition the pack declares, and its scenarios show the condition
 *   holding and failing as the row says;
 * - every condition a rule declares has a row, and cites the paragraph the row sits in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NL_B16_PERMIT_RULES, nlB16Pack, noS38Pack, type PolicyPack, type Rule } from '../../../domain/policy';
import { scenarios, type Evaluated } from './policy-scenarios';

const OUTCOMES = ['entitled', 'policy-grants', 'humanitarian-assessment-needed', 'refusal-ground-applies', 'not-eligible'] as const;
const KINDS = [
  'condition',
  'period',
  'exception',
  'exemption',
  'outcome',
  'restriction',
  'labour-market-note',
  'factor',
  'evidence',
  'procedure',
  'date',
  'definition',
] as const;
const Quote = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const RowSchema = z
  .strictObject({
    id: z.string().min(1),
    /** Where in the text: "B16/3.1 sub b", "s. 38 fifth paragraph letter d". */
    paragraph: z.string().min(1),
    kind: z.enum(KINDS),
    /** The sentence (or sentences), quoted from the text. */
    text: Quote,
    rule: z.string().min(1),
    condition: z.string().min(1).optional(),
    outcome: z.enum(OUTCOMES).optional(),
    finding: z.strictObject({ path: z.string().min(1), equals: z.unknown() }).optional(),
    scenarios: z.strictObject({ holds: z.array(z.string()).min(1), fails: z.array(z.string()).min(1) }),
  })
  .refine((r) => [r.condition, r.outcome, r.finding].filter((x) => x !== undefined).length === 1, { error: 'name exactly one of condition, outcome, finding' });
type Row = z.infer<typeof RowSchema>;

const TraceSchema = z.strictObject({
  pack: z.string(),
  /** The text file in the pack's folder. */
  text: z.string(),
  /** Characters garbled in the source and what they stand for (law/README). */
  normalise: z.record(z.string(), z.string()),
  sections: z.array(
    z.strictObject({
      paragraph: z.string(),
      /** The start of the line the section starts at; it runs to the next section's heading. */
      heading: z.string(),
      rows: z.array(RowSchema),
      notNormative: z.array(z.strictObject({ text: Quote, why: z.string().min(10) })),
    }),
  ),
});

const quotes = (q: string | string[]) => (Array.isArray(q) ? q : [q]);

interface Pack {
  pack: PolicyPack<never, object>;
  rules: Rule<never>[];
  folder: string;
}
const PACKS: Pack[] = [
  { pack: nlB16Pack as PolicyPack<never, object>, rules: [...nlB16Pack.rules, ...NL_B16_PERMIT_RULES] as Rule<never>[], folder: 'nl-b16' },
  { pack: noS38Pack as PolicyPack<never, object>, rules: [...noS38Pack.rules] as Rule<never>[], folder: 'no-immigration-act-s38' },
];

const DOMAIN = join(__dirname, '..', '..', '..', 'domain', 'policy');
/** What may stay unquoted in a line: list markers, connectives, punctuation. */
const RESIDUE = /^(([a-e]|\d+)\.|en|of|and|or|[.,;:()–-]+)$/;

function sectionsOf(trace: z.infer<typeof TraceSchema>, text: string) {
  const normalise = (s: string) =>
    [...s]
      .map((ch) => trace.normalise[ch] ?? ch)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  const lines = text.split('\n').map(normalise).filter(Boolean);
  let from = 0;
  const starts = trace.sections.map((section) => {
    const heading = normalise(section.heading);
    const at = lines.findIndex((line, i) => i >= from && line.startsWith(heading));
    if (at < 0) throw new Error(`heading "${section.heading}" of ${section.paragraph} not found after line ${from}`);
    from = at + 1;
    return at;
  });
  return trace.sections.map((section, i) => ({ ...section, lines: lines.slice(starts[i], starts[i + 1] ?? lines.length), startsAt: starts[i]!, normalise }));
}

function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

describe.each(PACKS.map((p) => [p.pack.id, p] as const))('%s', (_id, { pack, rules, folder }) => {
  const trace = TraceSchema.parse(JSON.parse(readFileSync(join(DOMAIN, folder, 'trace.json'), 'utf8')));
  const text = readFileSync(join(DOMAIN, folder, trace.text), 'utf8');
  const sections = sectionsOf(trace, text);
  const rows: (Row & { section: string })[] = trace.sections.flatMap((s) => s.rows.map((r) => ({ ...r, section: s.paragraph })));
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const all = scenarios();

  test("the trace is of this pack's text, which starts at the first section", () => {
    expect(trace.pack).toBe(pack.id);
    expect(`domain/policy/${folder}/${trace.text}`).toBe(pack.text.file);
    expect(sections[0]!.startsAt).toBe(0);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  test('every sentence of the text is quoted by a row, or set aside with the reason it states no rule', () => {
    const unquoted: string[] = [];
    for (const section of sections) {
      const texts = [...section.rows.map((r) => r.text), ...section.notNormative.map((n) => n.text)].flatMap(quotes).map(section.normalise);
      for (const quote of texts) {
        if (!section.lines.some((line) => line.includes(quote))) unquoted.push(`${section.paragraph}: quoted text not found in the section: "${quote}"`);
      }
      for (const line of section.lines) {
        const covered = new Array<boolean>(line.length).fill(false);
        for (const quote of texts) {
          for (let at = line.indexOf(quote); at >= 0; at = line.indexOf(quote, at + 1)) covered.fill(true, at, at + quote.length);
        }
        const residue = [...line]
          .map((ch, i) => (covered[i] ? ' ' : ch))
          .join('')
          .split(/\s+/)
          .filter(Boolean);
        const left = residue.filter((token) => !RESIDUE.test(token));
        if (left.length) unquoted.push(`${section.paragraph}: "${left.join(' ')}" in "${line.slice(0, 80)}…"`);
      }
    }
    expect(unquoted).toEqual([]);
  });

  test('every row names a rule of the pack and a condition it declares or includes (or its outcome, or a finding)', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const rule = ruleById.get(row.rule);
      if (!rule) {
        problems.push(`${row.id}: no rule ${row.rule}`);
        continue;
      }
      if (row.condition === undefined) continue;
      const declared = row.condition in rule.conditions;
      const includedFrom = (rule.includes ?? []).some((id) => row.condition! in (ruleById.get(id)?.conditions ?? {}));
      if (!declared && !includedFrom) problems.push(`${row.id}: rule ${row.rule} neither declares nor includes condition ${row.condition}`);
    }
    expect(problems).toEqual([]);
  });

  test('every condition a rule declares has a row, in the paragraph the condition cites', () => {
    const missing: string[] = [];
    for (const rule of rules) {
      for (const [id, spec] of Object.entries(rule.conditions)) {
        const traced = rows.filter((r) => r.rule === rule.id && r.condition === id);
        if (traced.length === 0) missing.push(`${rule.id} / ${id}: no row`);
        else if (!traced.some((r) => spec.paragraph.includes(r.section)))
          missing.push(`${rule.id} / ${id}: cites "${spec.paragraph}", traced in ${traced.map((r) => r.section).join(', ')}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("each row's scenarios show what it says: the condition holds in one, and just fails in the other", () => {
    const problems: string[] = [];
    const check = (row: Row, id: string, expected: boolean) => {
      const evaluated: Evaluated | undefined = all.get(id);
      if (!evaluated) return problems.push(`${row.id}: no scenario ${id}`);
      const result = evaluated.results.get(row.rule);
      if (!result) return problems.push(`${row.id}: scenario ${id} did not evaluate ${row.rule}`);
      let actual: boolean;
      if (row.condition !== undefined) {
        const condition = result.conditions.find((c) => c.id === row.condition);
        if (!condition) return problems.push(`${row.id}: ${row.rule} reports no ${row.condition} in ${id}`);
        actual = condition.held;
      } else if (row.outcome !== undefined) {
        actual = result.outcome === row.outcome;
      } else {
        actual = JSON.stringify(getPath(evaluated.assessment?.findings, row.finding!.path)) === JSON.stringify(row.finding!.equals);
      }
      if (actual !== expected)
        problems.push(`${row.id}: in ${id} expected ${row.condition ?? row.outcome ?? row.finding!.path} to ${expected ? 'hold' : 'fail'}`);
      return undefined;
    };
    for (const row of rows) {
      for (const id of row.scenarios.holds) check(row, id, true);
      for (const id of row.scenarios.fails) check(row, id, false);
    }
    expect(problems).toEqual([]);
  });
});

test('every scenario is used by a row of a trace', () => {
  const used = new Set(
    PACKS.flatMap(({ folder }) =>
      TraceSchema.parse(JSON.parse(readFileSync(join(DOMAIN, folder, 'trace.json'), 'utf8'))).sections.flatMap((s) =>
        s.rows.flatMap((r) => [...r.scenarios.holds, ...r.scenarios.fails]),
      ),
    ),
  );
  expect([...scenarios().keys()].filter((id) => !used.has(id))).toEqual([]);
});
