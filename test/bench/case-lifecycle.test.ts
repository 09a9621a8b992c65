/**
 * The case-lifecycle benchmark runs end to end on a short plan (one level, one short run of each
 * kind): real dev servers, worker processes and SMTP sink. It checks the report's content, never
 * its speed — speed is for `npm run bench:lifecycle` to measure.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');

interface KindReport {
  completedCases: number[];
  failures: string[];
  figures: Record<string, { median: number; runs: number[] }>;
  eventTypes: Record<string, number>;
}

test('bench:lifecycle reports the baseline, the matched workflow and the case, with ratios', async () => {
  const { stdout } = await promisify(execFile)(
    'node',
    ['bin/run.js', 'bench/case-lifecycle.ts', '--levels', '2', '--window', '4', '--warmup', '1', '--runs', '1'],
    {
      cwd: ROOT,
      maxBuffer: 10 * 2 ** 20,
    },
  );
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ bench: 'case-lifecycle', environment: { cores: expect.any(Number), versions: { '@temporalio/worker': expect.any(String) } } });
  expect(report.method.sqlite.pragmas).toEqual({ journal_mode: 'wal', synchronous: 'normal' });
  const [level] = report.levels;
  const kinds: Record<string, KindReport> = { baseline: level.baseline, matched: level.matched, case: level.case };
  for (const [kind, result] of Object.entries(kinds)) {
    expect([kind, result.failures]).toEqual([kind, []]);
    expect(result.completedCases[0]).toBeGreaterThan(0);
    expect(result.figures.workerCpuPerCase!.median).toBeGreaterThan(0);
    expect(result.figures.updateP50Ms!.median).toBeGreaterThan(0);
  }
  // The histories are what each kind does: the baseline one activity and one timer, the matched
  // workflow the case's six activities and three timers, the case its machine's effects besides.
  expect(level.baseline.eventTypes).toMatchObject({ ACTIVITY_TASK_COMPLETED: 1, TIMER_FIRED: 1, WORKFLOW_EXECUTION_UPDATE_COMPLETED: 1 });
  expect(level.matched.eventTypes).toMatchObject({ ACTIVITY_TASK_COMPLETED: 6, TIMER_FIRED: 3, WORKFLOW_EXECUTION_UPDATE_COMPLETED: 3 });
  expect(level.case.eventTypes).toMatchObject({
    WORKFLOW_EXECUTION_UPDATE_COMPLETED: 3,
    UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: expect.any(Number),
    MARKER_RECORDED: 2,
  });
  // Notices reached the SMTP sink: at least receipt, evidence request and decision per case.
  expect(level.case.figures.noticesPerCase.median).toBeGreaterThanOrEqual(3);
  expect(level.ratioToBaseline.completedPerSecond).toBeCloseTo(
    level.case.figures.completedPerSecond.median / level.baseline.figures.completedPerSecond.median,
    2,
  );
  expect(level.targets.eventsPerCase.allowed).toBeCloseTo(1.1 * level.baseline.figures.eventsPerCase.median + 3, 1);
}, 240_000);
