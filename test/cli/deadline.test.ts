/**
 * `dossier deadline` as an operator runs it: a child process of bin/dossier.js, JSON on stdout,
 * exit code 2 and a message naming the argument for bad input. No Temporal server is involved.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function dossier(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'dossier.js'), 'deadline', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('prints one computation as JSON: the NL objection period from 2026-09-14', () => {
  const run = dossier('--jurisdiction', 'NL', '--kind', 'objection', '--from', '2026-09-14');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result).toMatchObject({
    kind: 'objection',
    jurisdiction: 'NL',
    from: '2026-09-14',
    due: '2026-10-12',
    dueAt: '2026-10-12T21:59:59.999Z',
    timeZone: 'Europe/Amsterdam',
    adjustments: [],
  });
  expect(result.citations).toEqual(expect.arrayContaining(['Vw 2000 art. 69(1) (four weeks, in derogation of Awb 6:7)']));
});

test('the jurisdiction is accepted in any case, and adjustments list each day moved and why', () => {
  const run = dossier('--jurisdiction=no', '--kind=appeal', '--from=2026-03-12');
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result.jurisdiction).toBe('NO');
  expect(result.due).toBe('2026-04-07');
  expect(result.adjustments.map((a: { date: string; movedTo: string }) => `${a.date}>${a.movedTo}`)).toEqual([
    '2026-04-02>2026-04-03',
    '2026-04-03>2026-04-04',
    '2026-04-04>2026-04-05',
    '2026-04-05>2026-04-06',
    '2026-04-06>2026-04-07',
  ]);
  expect(result.adjustments[0].reason).toContain('Maundy Thursday');
  expect(result.adjustments[0].reason).toContain('domstolloven § 149');
});

test('--on picks the law in force on another date (Vw 2000 art. 25(1) before and after 2013-06-01)', () => {
  const old = JSON.parse(dossier('--jurisdiction', 'NL', '--kind', 'decision', '--from', '2013-05-31').stdout);
  const later = JSON.parse(dossier('--jurisdiction', 'NL', '--kind', 'decision', '--from', '2013-05-31', '--on', '2013-06-01').stdout);
  expect([old.due, old.law.validFrom]).toEqual(['2013-11-30', '2001-04-01']);
  expect([later.due, later.law.validFrom]).toEqual(['2013-08-29', '2013-06-01']);
});

test('--decree-days adds days equated with a holiday from a file, without a code change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-decree-'));
  const file = join(dir, 'decree.json');
  writeFileSync(file, JSON.stringify({ days: [{ jurisdiction: 'NL', date: '2026-10-12', name: 'Test day', decree: 'Besluit (test), Atw art. 3(3)' }] }));
  const run = dossier('--jurisdiction', 'NL', '--kind', 'objection', '--from', '2026-09-14', '--decree-days', file);
  rmSync(dir, { recursive: true, force: true });
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result.due).toBe('2026-10-13');
  expect(result.adjustments[0]).toMatchObject({ date: '2026-10-12', movedTo: '2026-10-13' });
  expect(result.adjustments[0].reason).toContain('Besluit (test), Atw art. 3(3)');
});

test.each([
  [
    ['--jurisdiction', 'NL', '--kind', 'x', '--from', '2026-09-14'],
    'dossier deadline: --kind: unknown period kind "x" for NL; known: cure, decision, objection, renewal-window',
  ],
  [
    ['--jurisdiction', 'NO', '--kind', 'objection', '--from', '2026-09-14'],
    'dossier deadline: --kind: unknown period kind "objection" for NO; known: cure, appeal, renewal',
  ],
  [['--jurisdiction', 'NL', '--kind', 'cure', '--from', '2026-02-30'], 'dossier deadline: --from: "2026-02-30" is not a calendar date (YYYY-MM-DD)'],
  [['--jurisdiction', 'SE', '--kind', 'cure', '--from', '2026-02-03'], 'dossier deadline: --jurisdiction: unknown jurisdiction "SE"; known: NL, NO'],
  [['--jurisdiction', 'NL', '--kind', 'cure'], 'dossier deadline: --from is required (YYYY-MM-DD)'],
  [['--jurisdiction', 'NL', '--kind', 'decision', '--from', '2026-01-05', '--on', '1999-12-31'], 'dossier deadline: --on: 1999-12-31 is before 2001-04-01'],
  [
    ['--jurisdiction', 'NL', '--kind', 'cure', '--from', '2026-01-05', '--decree-days', '/nonexistent/decree.json'],
    'dossier deadline: --decree-days: cannot read "/nonexistent/decree.json"',
  ],
])('bad input exits 2 naming the argument: %j', (args, message) => {
  const run = dossier(...args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(message);
});
