/**
 * Closed-loop throughput of one workflow kind on a fresh stack per run: completed cases per
 * second, update round trips, history events per case and the CPU seconds of the server, the
 * worker and the load generator per completed case. Shared by bench/baseline.ts and
 * bench/case-lifecycle.ts, so both kinds are measured in exactly the same way.
 */
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { readCaseStatus } from '../../platform/case-queue';
import { loadConfig } from '../../platform/config';
import { openExistingDatabase } from '../../platform/database';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery, type CaseStatus } from '../../workflows/definitions';
import { anApplication, GRANT, withActor, type TestAction } from '../../test/support/cases';
import { BASELINE_WORKFLOW, pokeUpdate, stepQuery, type BaselineStep } from '../workflows/baseline';
import { SIMULATED_DAY_MS } from '../workflows/compressed-time';
import { closedLoop, type CaseOutcome } from './closed-loop';
import type { CpuMeter } from './processes';
import { progress, ratio, RUNS, spread, type Spread } from './report';
import { serverMethod, startStack } from './stack';

export type Kind = 'baseline' | 'matched' | 'case';

export const DEFAULT_LEVELS = [1, 5, 10, 25, 50];

/** The timer of the baseline: as long as the case's cure period, and compressed alike. */
const BASELINE_TIMER = '14 days';

/** The baseline proper: one no-op activity, one timer (and one no-op update, sent at once). */
const BASELINE_STEPS: BaselineStep[] = [{ activity: true }, { timer: BASELINE_TIMER }];

/**
 * The case's activities, timers and updates with nothing else: receipt notice; request-evidence;
 * evidence-request notice; two cure reminders (5 and 1 days before) and the cure expiry; proceed
 * and grant; decision notice; permit start.
 */
const MATCHED_STEPS: BaselineStep[] = [
  { activity: true },
  { updates: 1 },
  { activity: true },
  { timer: '9 days' },
  { activity: true },
  { timer: '4 days' },
  { activity: true },
  { timer: '1 day' },
  { updates: 3 },
  { activity: true },
  { activity: true },
];
const MATCHED_WAITS_FOR_DECISION = MATCHED_STEPS.findIndex((s) => 'updates' in s && s.updates === 3);

/** How often the load generator looks whether the cure period has expired (a caseworker's screen refreshing). */
const CURE_POLL_MS = 100;

/**
 * How the load generator reads the case's status while it polls. `line`: as the web app and the
 * API read it since the work queue (issue 16), the status the worker keeps in its database, read in
 * the load generator's process (`readCaseStatus`, the API's own function). `query`: a status query
 * to the workflow through the server and the worker, as every client did before. The matched bare
 * workflow has no line: it is always queried (a number).
 */
export type PollMethod = 'line' | 'query';

export interface ThroughputOptions {
  levels: number[];
  warmupSeconds: number;
  windowSeconds: number;
  runs: number;
  /** Completed workflows per run whose history is fetched and counted. */
  historySample: number;
  /** `--cluster`: each run on a fresh Temporal cluster on PostgreSQL instead of the dev server. */
  cluster: boolean;
  /** `--poll line|query`: how the case's status is read while polling (default `line`). */
  poll: PollMethod;
}

/** `--levels 1,5 --window 10 --warmup 3 --runs 3 --cluster --poll query` from the command line; the defaults otherwise. */
export function throughputOptions(argv = process.argv.slice(2)): ThroughputOptions {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (flag: string, fallback: number) => {
    const text = value(flag);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: must be a positive number, got "${text}"`);
    return n;
  };
  const levelsText = value('--levels');
  const levels = levelsText ? levelsText.split(',').map((t) => Number(t)) : DEFAULT_LEVELS;
  if (levels.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--levels: must be whole numbers ≥ 1 separated by commas, got "${levelsText}"`);
  const poll = value('--poll') ?? 'line';
  if (poll !== 'line' && poll !== 'query') throw new Error(`--poll: must be line or query, got "${poll}"`);
  return {
    levels,
    warmupSeconds: number('--warmup', 4),
    windowSeconds: number('--window', 15),
    runs: number('--runs', RUNS),
    historySample: 5,
    cluster: argv.includes('--cluster'),
    poll,
  };
}

const timed = async <T>(latencies: number[], call: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await call();
  latencies.push(performance.now() - start);
  return result;
};

/** The bare workflow: start, one no-op update at once, its result. */
async function runBaseline(client: Client, taskQueue: string, workflowId: string): Promise<CaseOutcome> {
  const handle = await client.workflow.start(BASELINE_WORKFLOW, { taskQueue, workflowId, args: [{ steps: BASELINE_STEPS }] });
  const updateLatenciesMs: number[] = [];
  await timed(updateLatenciesMs, () => handle.executeUpdate(pokeUpdate));
  await handle.result();
  return { workflowId, updateLatenciesMs };
}

/** The matched bare workflow, driven as the case is: one update at once, two when the timers have run. */
async function runMatched(client: Client, taskQueue: string, workflowId: string): Promise<CaseOutcome> {
  const handle = await client.workflow.start(BASELINE_WORKFLOW, { taskQueue, workflowId, args: [{ steps: MATCHED_STEPS }] });
  const updateLatenciesMs: number[] = [];
  const poke = () => timed(updateLatenciesMs, () => handle.executeUpdate(pokeUpdate));
  await poke();
  while ((await handle.query(stepQuery)) < MATCHED_WAITS_FOR_DECISION) await new Promise((r) => setTimeout(r, CURE_POLL_MS));
  await poke();
  await poke();
  await handle.result();
  return { workflowId, updateLatenciesMs };
}

/** The case: submission, an evidence request, the cure period expiring, proceeding without it, a grant; notices to the SMTP sink. */
async function runCase(client: Client, taskQueue: string, readStatus: (caseNumber: string) => Promise<CaseStatus>): Promise<CaseOutcome> {
  const application = anApplication();
  const workflowId = application.caseNumber!;
  const handle = await client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId, args: [{ application }] });
  const updateLatenciesMs: number[] = [];
  const act = (action: TestAction) => timed(updateLatenciesMs, () => handle.executeUpdate(actUpdate, { args: [withActor(action)] }));
  await act({ type: 'request-evidence', missing: ['passport'] });
  while ((await readStatus(workflowId)).state !== 'cureExpired') await new Promise((r) => setTimeout(r, CURE_POLL_MS));
  await act({ type: 'proceed-without-evidence' });
  await act(GRANT);
  const result = await handle.result();
  if (result.ending !== 'closed' || result.decision?.outcome !== 'granted')
    throw new Error(`case ${workflowId} ended ${result.ending}, not closed with a grant`);
  return { workflowId, updateLatenciesMs };
}

const EVENT_TYPE = temporal.api.enums.v1.EventType;
const eventName = (type: number | null | undefined) => String(EVENT_TYPE[type ?? 0]).replace(/^EVENT_TYPE_/, '');

/** Events of each type in one history. */
function tally(events: { eventType?: number | null }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[eventName(e.eventType)] = (counts[eventName(e.eventType)] ?? 0) + 1;
  return counts;
}

export interface RunFigures {
  completedPerSecond: number;
  updateP50Ms: number;
  updateP99Ms: number;
  eventsPerCase: number;
  /** CPU seconds per completed case. */
  serverCpuPerCase: number;
  workerCpuPerCase: number;
  loadGeneratorCpuPerCase: number;
  /** CPU seconds per wall second in the window (2 = both cores busy). */
  serverCpuLoad: number;
  workerCpuLoad: number;
  loadGeneratorCpuLoad: number;
  /** On a cluster: PostgreSQL's CPU seconds (postmaster and children) per completed case and per wall second. */
  postgresCpuPerCase?: number;
  postgresCpuLoad?: number;
  noticesPerCase: number;
  workerRssMiB: number;
}

/** One run: a fresh stack, the closed loop, then a sample of histories. */
async function measureRun(kind: Kind, concurrency: number, bundlePath: string, options: ThroughputOptions, run: number) {
  const stack = await startStack(bundlePath, { cluster: options.cluster });
  // The worker's own database (created by the worker by now), read as the API reads it.
  const database = kind === 'case' && options.poll === 'line' ? openExistingDatabase(loadConfig(stack.env)) : undefined;
  const readStatus = (caseNumber: string) =>
    database ? readCaseStatus(stack.client, database.db, caseNumber) : stack.client.workflow.getHandle(caseNumber).query(statusQuery);
  try {
    let meter: CpuMeter | undefined;
    let cpu: ReturnType<CpuMeter['read']> = { server: 0, worker: 0, loadGenerator: 0, ...(options.cluster ? { postgres: 0 } : {}) };
    let mailsAtOpen = 0;
    let mailsInWindow = 0;
    let sequence = 0;
    const loop = await closedLoop({
      concurrency,
      warmupSeconds: options.warmupSeconds,
      windowSeconds: options.windowSeconds,
      runCase: () => {
        const id = `${kind}-${run}-${++sequence}`;
        if (kind === 'baseline') return runBaseline(stack.client, stack.taskQueue, id);
        if (kind === 'matched') return runMatched(stack.client, stack.taskQueue, id);
        return runCase(stack.client, stack.taskQueue, readStatus);
      },
      onWindow: (edge) => {
        if (edge === 'open') {
          meter = stack.cpu();
          mailsAtOpen = stack.smtp.accepted;
        } else {
          cpu = meter!.read();
          mailsInWindow = stack.smtp.accepted - mailsAtOpen;
        }
      },
    });
    const workerRssMiB = (await stack.worker.stats()).rssMiB;
    const sample = loop.completedIds.slice(0, options.historySample);
    const histories = await Promise.all(sample.map((id) => stack.client.workflow.getHandle(id).fetchHistory()));
    const eventCounts = histories.map((h) => h.events?.length ?? 0);
    const perCase = (seconds: number) => (loop.completed ? +(seconds / loop.completed).toFixed(4) : NaN);
    const load = (seconds: number) => +(seconds / options.windowSeconds).toFixed(3);
    const figures: RunFigures = {
      completedPerSecond: loop.completedPerSecond,
      updateP50Ms: loop.updateLatencyMs.p50,
      updateP99Ms: loop.updateLatencyMs.p99,
      eventsPerCase: eventCounts.reduce((a, b) => a + b, 0) / Math.max(1, eventCounts.length),
      serverCpuPerCase: perCase(cpu.server),
      workerCpuPerCase: perCase(cpu.worker),
      loadGeneratorCpuPerCase: perCase(cpu.loadGenerator),
      serverCpuLoad: load(cpu.server),
      workerCpuLoad: load(cpu.worker),
      loadGeneratorCpuLoad: load(cpu.loadGenerator),
      ...(cpu.postgres === undefined ? {} : { postgresCpuPerCase: perCase(cpu.postgres), postgresCpuLoad: load(cpu.postgres) }),
      // Mails accepted in the window per case completed in it (steady state: each case's notices).
      noticesPerCase: loop.completed ? +(mailsInWindow / loop.completed).toFixed(2) : NaN,
      workerRssMiB: +workerRssMiB.toFixed(1),
    };
    return { figures, completed: loop.completed, failures: loop.failures, eventTypes: histories[0] ? tally(histories[0].events ?? []) : {} };
  } finally {
    await database?.close();
    await stack.stop();
  }
}

export interface KindResult {
  completedCases: number[];
  failures: string[];
  figures: Record<keyof RunFigures, Spread>;
  /** One completed workflow's history, by event type. */
  eventTypes: Record<string, number>;
}

/** Three (or `runs`) fresh runs of one kind at one concurrency: the median and spread of each figure. */
export async function measureKind(kind: Kind, concurrency: number, bundlePath: string, options: ThroughputOptions): Promise<KindResult> {
  const runs: Awaited<ReturnType<typeof measureRun>>[] = [];
  for (let run = 1; run <= options.runs; run++) {
    progress(`${kind}: ${concurrency} in flight, run ${run}/${options.runs} (${options.warmupSeconds} s warm-up, ${options.windowSeconds} s measured)`);
    const result = await measureRun(kind, concurrency, bundlePath, options, run);
    progress(
      `  ${result.completed} completed, ${result.figures.completedPerSecond}/s, update p50 ${result.figures.updateP50Ms} ms, ${result.failures.length} failed`,
    );
    runs.push(result);
  }
  const keys = Object.keys(runs[0]!.figures) as (keyof RunFigures)[];
  return {
    completedCases: runs.map((r) => r.completed),
    failures: runs.flatMap((r) => r.failures).slice(0, 5),
    figures: Object.fromEntries(keys.map((k) => [k, spread(runs.map((r) => r.figures[k] as number))])) as Record<keyof RunFigures, Spread>,
    eventTypes: runs[0]!.eventTypes,
  };
}

/** What every throughput report says about how it measured. */
export function method(options: ThroughputOptions) {
  return {
    ...serverMethod(options.cluster),
    worker:
      'one worker process launched as npm run worker launches it (512 MiB heap limit, DOSSIER_MAX_CACHED_WORKFLOWS cache), ' +
      'dossier production activities and AES-GCM data converter; both kinds on the same task queue and options',
    loop: `closed loop; ${options.warmupSeconds} s warm-up, then ${options.windowSeconds} s measured; only cases completed inside the window count`,
    runs: options.runs,
    timers:
      'durable timers compressed by a bench-only workflow interceptor: one simulated day = ' +
      `${SIMULATED_DAY_MS.toFixed(1)} ms of wall time, so two weeks = 1 s; the baseline's ${BASELINE_TIMER} timer alike`,
    smtp: 'real SMTP server on loopback (smtp-server) in the load generator process, counting messages',
    poll:
      options.poll === 'line'
        ? "the case's status is polled from the line the worker keeps in its database (readCaseStatus, as the HTTP API reads it), " +
          'in the load generator process; the matched workflow is queried'
        : 'the case and the matched workflow are both polled with a query to the workflow',
    cpu: options.cluster
      ? 'CPU seconds (user + system from /proc) of the Temporal server, PostgreSQL (the postmaster and its children, running and ended), ' +
        'the worker process and the load generator process, per completed case and per wall second'
      : 'CPU seconds (user + system from /proc) of the dev server, the worker process and the load generator process, per completed case and per wall second',
  };
}

/** Ratios of the case's medians to the baseline's. */
export function ratios(kase: KindResult, baseline: KindResult) {
  const r = (k: keyof RunFigures) => ratio(kase.figures[k].median, baseline.figures[k].median);
  return {
    completedPerSecond: r('completedPerSecond'),
    updateP50: r('updateP50Ms'),
    updateP99: r('updateP99Ms'),
    eventsPerCase: r('eventsPerCase'),
    workerCpuPerCase: r('workerCpuPerCase'),
    serverCpuPerCase: r('serverCpuPerCase'),
    ...(kase.figures.postgresCpuPerCase ? { postgresCpuPerCase: r('postgresCpuPerCase') } : {}),
  };
}
