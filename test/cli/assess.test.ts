/**
 * `dossier assess` as an operator runs it: a child process of bin/dossier.js reading a facts file,
 * the assessment as JSON on stdout; invalid facts exit non-zero with one `path: message` per line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function dossier(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'dossier.js'), 'assess', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-assess-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('prints the assessment of the example partner application as JSON', () => {
  const run = dossier('examples/nl-b16-3.51-partner.json', '--on', '2020-09-01');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const assessment = JSON.parse(run.stdout);
  expect(assessment).toMatchObject({ jurisdiction: 'NL', onDate: '2020-09-01', outcome: 'policy-grants', findings: { permit: { labourMarket: 'free' } } });
  expect(assessment.basis.map((r: { ruleId: string }) => r.ruleId)).toEqual(['nl-vb-3.51-relationship', 'nl-b16-10-restriction']);
  // Which text, which version of each rule applied, and where it comes from.
  expect(assessment.text).toEqual({ file: 'domain/policy/nl-b16/nl-vc2000-b16.txt', title: expect.stringContaining('B16') });
  expect(assessment.versions).toContainEqual({
    ruleId: 'nl-vb-3.51-relationship',
    version: 'vc2000-b16',
    source: expect.stringContaining('nl-vc2000-b16.txt'),
  });
});

test('the Norwegian example lists the section 38 factors, the child and the possible restrictions', () => {
  const run = dossier('--on=2025-03-01', 'examples/no-s38-child.json');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    outcome: 'humanitarian-assessment-needed',
    findings: {
      factorsPresent: ['a', 'c'],
      child: true,
      possibleRestrictions: expect.arrayContaining(['not-renewable']),
      restrictionTriggers: ['identity-in-doubt'],
    },
  });
});

test('every rule in force, with all its conditions, only with --all', () => {
  const brief = JSON.parse(dossier('examples/nl-b16-3.51-partner.json', '--on', '2020-09-01').stdout);
  const all = JSON.parse(dossier('examples/nl-b16-3.51-partner.json', '--on', '2020-09-01', '--all').stdout);
  expect(brief.evaluated).toBeUndefined();
  expect(all.evaluated.map((r: { ruleId: string }) => r.ruleId)).toEqual(brief.versions.map((v: { ruleId: string }) => v.ruleId));
  expect(all.evaluated.find((r: { ruleId: string }) => r.ruleId === 'nl-b16-1-general-conditions').conditions).toHaveLength(5);
});

test('without --on the date is a calendar day (today in the office time zone)', () => {
  const run = dossier('examples/no-s38-child.json');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).onDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('invalid facts exit 1 and list each problem as "path: message" on its own line', () => {
  const facts = JSON.parse(readFileSync(join(root, 'examples', 'nl-b16-3.51-partner.json'), 'utf8'));
  facts.permits[0].to = '2015-02-30';
  facts.sponsor = { status: 'cousin' };
  delete facts.travelDocument;
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(facts));
  const run = dossier(file, '--on', '2020-09-01');
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines[0]).toContain('is not a valid application');
  expect(lines.slice(1)).toEqual([
    'permits[0].to: must be a calendar date in the form YYYY-MM-DD',
    expect.stringMatching(/^sponsor\.status: /),
    expect.stringMatching(/^travelDocument: is required/),
  ]);
});

test('bad arguments exit 2 naming the argument', () => {
  const badDate = dossier('examples/nl-b16-3.51-partner.json', '--on', '2020-13-01');
  expect(badDate.status).toBe(2);
  expect(badDate.stderr).toContain('--on: "2020-13-01" is not a calendar date');
  const noFile = dossier();
  expect(noFile.status).toBe(2);
  expect(noFile.stderr).toContain('dossier assess: FILE is required');
  const notJson = dossier(join(dir, 'missing.json'));
  expect(notJson.status).toBe(2);
  expect(notJson.stderr).toContain('cannot read');
});
