/**
 * `npm run bench:cli`: how long the command line takes to start and answer, against `node -e 0` on
 * the same machine. Builds dist/ first (`npm run build`), then times each command `--runs` times
 * (default 10), interleaved so that a busy moment of the machine falls on every command alike:
 *
 * - `node -e 0`, the floor of any Node.js process;
 * - `dossier help`, through bin/dossier.js and through `npx --no-install dossier` (npm's own start);
 * - `dossier deadline` (the legal calendar, no Temporal);
 * - `dossier status CASE` against a fresh dev server and worker (bench/support/stack.ts) with one case,
 *   from the status the worker keeps in the database, and with `--live` (asking the case through Temporal);
 *
 * each from dist/ (`compiled`) and from the sources through tsx (`source`, DOSSIER_FROM_SOURCE=1,
 * what every call did before dist/ existed; tsx's own cache is warm). Wall time of the child process
 * in ms, median and spread; `ratioToNode` is a median over the median of `node -e 0`. Also the cost
 * of the staleness check that chooses between them (bin/compiled.js) and of `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { openWaitingCase } from './support/open-cases';
import { option, printResult, progress, ratio, runBenchmark, spread, type Spread } from './support/report';
import { startStack } from './support/stack';
import { bundleBenchWorkflows } from './support/worker';

const ROOT = resolve(__dirname, '..');
const RUNS = option('--runs', 10);
const compiled = require('../bin/compiled') as { distIsFresh(): boolean };

interface Subject {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * One run's wall time in ms; the command must succeed. Spawned asynchronously: this process hosts the
 * stack's SMTP sink, which must keep answering the worker meanwhile.
 */
function timeOnce(subject: Subject): Promise<number> {
  return new Promise((resolveTime, reject) => {
    const start = performance.now();
    const child = spawn(subject.command, subject.args, { cwd: ROOT, env: { ...process.env, ...subject.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolveTime(ms);
      else reject(new Error(`${subject.name}: exit ${code}: ${stderr}`));
    });
  });
}

/** Every subject `RUNS` times after one warm-up each, round by round. */
async function measure(subjects: Subject[]): Promise<Record<string, Spread>> {
  for (const subject of subjects) await timeOnce(subject);
  const times = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const subject of subjects) times.get(subject.name)!.push(await timeOnce(subject));
    progress(`round ${round + 1}/${RUNS}`);
  }
  return Object.fromEntries(subjects.map((s) => [s.name, spread(times.get(s.name)!, 1)]));
}

function buildMs(): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build failed: ${run.stderr}`);
  return performance.now() - start;
}

/** Both ways of running one dossier command. */
const bothWays = (name: string, args: string[], env: Record<string, string> = {}): Subject[] => [
  { name: `${name}.compiled`, command: process.execPath, args: ['bin/dossier.js', ...args], env },
  { name: `${name}.source`, command: process.execPath, args: ['bin/dossier.js', ...args], env: { ...env, DOSSIER_FROM_SOURCE: '1' } },
];

runBenchmark(async () => {
  progress('building dist/ from nothing, then again with nothing changed');
  rmSync(resolve(ROOT, 'dist'), { recursive: true, force: true });
  const builds = [buildMs(), buildMs(), buildMs()];
  if (!compiled.distIsFresh()) throw new Error('dist/ is not fresh after the build: is a source being edited?');
  const checks = Array.from({ length: 101 }, () => {
    const start = performance.now();
    compiled.distIsFresh();
    return performance.now() - start;
  });

  progress('starting a dev server and a worker, opening a case');
  const stack = await startStack(await bundleBenchWorkflows({ compressTime: false }));
  let figures: Record<string, Spread>;
  let caseNumber: string;
  try {
    caseNumber = await openWaitingCase(stack.client, stack.taskQueue);
    const deadline = ['deadline', '--jurisdiction', 'NL', '--kind', 'objection', '--from', '2026-09-14'];
    figures = await measure([
      { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
      ...bothWays('help', ['help']),
      { name: 'npx help.compiled', command: 'npx', args: ['--no-install', 'dossier', 'help'] },
      ...bothWays('deadline', deadline),
      ...bothWays('status', ['status', caseNumber], stack.env),
      { name: 'status --live.compiled', command: process.execPath, args: ['bin/dossier.js', 'status', caseNumber, '--live'], env: stack.env },
    ]);
  } finally {
    await stack.stop();
  }
  if (!compiled.distIsFresh()) throw new Error('dist/ went stale during the run (a source was edited): the compiled figures may be the sources');

  const node = figures['node -e 0']!.median;
  const commands = Object.fromEntries(
    Object.entries(figures).map(([name, ms]) => [name, { ms, ratioToNode: name === 'node -e 0' ? 1 : ratio(ms.median, node) }]),
  );
  const within = (name: string, limit: number, of: number) => +(figures[name]!.median / of).toFixed(2) <= limit;
  printResult('cli', {
    method: {
      runs: RUNS,
      measure: 'wall time of the child process (spawn to exit) in ms, one warm-up each, subjects interleaved round by round',
      compiled: 'bin/dossier.js running dist/ (npm run build, @swc/core, CommonJS)',
      source: 'bin/dossier.js with DOSSIER_FROM_SOURCE=1: tsx compiling the sources (its cache warm), as before dist/',
      status:
        'against a fresh dev server and one worker (bench/support/stack.ts), one case waiting on its cure deadline: `status` reads the ' +
        'status the worker keeps in its database, `status --live` asks the case through Temporal',
    },
    commands,
    targets: {
      'status.compiled within 5 × node -e 0': within('status.compiled', 5, node),
      'deadline.compiled within 5 × node -e 0': within('deadline.compiled', 5, node),
      'npx help.compiled within 1.5 × help.compiled': within('npx help.compiled', 1.5, figures['help.compiled']!.median),
    },
    stalenessCheckMs: spread(checks, 3),
    buildMs: { clean: +builds[0]!.toFixed(0), unchanged: spread(builds.slice(1), 0) },
  });
});
