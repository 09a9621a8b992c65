/**
 * bin/dossier.js runs the compiled dist/ (`npm run build`) only while it is current, else the sources
 * through tsx (bin/compiled.js): a command works either way, and an edited, added or removed source
 * is never run stale. On a copy of the sources in a temporary folder, so the real dist/ is not touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['bin', 'cli', 'domain', 'machines', 'workflows', 'activities', 'platform', 'worker', 'http', 'scripts'];
const DEADLINE = ['deadline', '--jurisdiction', 'NL', '--kind', 'objection', '--from', '2026-09-14'];

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'dossier-bin-'));
  for (const folder of FOLDERS) cpSync(join(ROOT, folder), join(copy, folder), { recursive: true, preserveTimestamps: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** `dossier deadline` in the copy: its output, and whether dist/ or the sources ran it. */
function deadline(env: NodeJS.ProcessEnv = {}) {
  const probe =
    "process.on('exit', () => process.stderr.write(Object.keys(require.cache).some((f) => f.includes('/dist/cli/')) ? 'ran:dist' : 'ran:source'));" +
    "require('./bin/dossier.js');";
  const run = spawnSync(process.execPath, ['-e', probe, '_', ...DEADLINE], { cwd: copy, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  expect(run.status).toBe(0);
  return { ran: /ran:(\w+)$/.exec(run.stderr)?.[1], due: (JSON.parse(run.stdout) as { due: string }).due };
}

function build() {
  const run = spawnSync(process.execPath, ['scripts/build.js'], { cwd: copy, encoding: 'utf8', timeout: 60_000 });
  expect([run.status, run.stderr]).toEqual([0, expect.stringMatching(/^build: \d+ sources/)]);
}

test('without dist/ the sources run; after the build, dist/; after any change of a source, the sources until the next build', () => {
  expect(deadline()).toEqual({ ran: 'source', due: '2026-10-12' });

  build();
  expect(deadline()).toEqual({ ran: 'dist', due: '2026-10-12' });
  expect(deadline({ DOSSIER_FROM_SOURCE: '1' })).toEqual({ ran: 'source', due: '2026-10-12' });

  const edited = join(copy, 'domain', 'calendar', 'index.ts');
  const later = new Date(Date.now() + 60_000);
  utimesSync(edited, later, later);
  expect(deadline()).toEqual({ ran: 'source', due: '2026-10-12' });
  build();
  expect(deadline()).toEqual({ ran: 'dist', due: '2026-10-12' });
  // Replaced by an older file (as unpacking an archive may do): still not the one built.
  utimesSync(edited, new Date(0), new Date(0));
  expect(deadline().ran).toBe('source');
  build();
  expect(deadline().ran).toBe('dist');

  // A source added, then removed (as a `git checkout` of another branch may do): the count differs from the build's.
  const added = join(copy, 'cli', 'added.ts');
  writeFileSync(added, 'export const added = 1;\n');
  utimesSync(added, new Date(0), new Date(0));
  expect(deadline().ran).toBe('source');
  build();
  expect(deadline().ran).toBe('dist');
  unlinkSync(added);
  expect(deadline().ran).toBe('source');
});
