/**
 * `npm run bench:long`: long cases, as one JSON object on stdout (progress on stderr).
 *
 * 1. permit — the permit workflow over 1, 5 and 10 simulated years on the time-skipping test
 *    server, renewed at the end of every period through a renewal case (the approach of
 *    test/workflows/permit-history.test.ts, with one-year periods so every simulated year has a
 *    renewal): wall time, renewals, runs of the continue-as-new chain and events per run (max, mean),
 *    checked against the bound.
 * 2. replay — replay time against history length: one application case receives k accepted
 *    `extend-cure-period` updates (each moves the cure deadline a day later and sends a notice) on
 *    the time-skipping server; its history at k = 0, 10, 20, 40, 80, 160 (cut where the case was
 *    quiet) is replayed by one replay worker, whose start-up is reported apart; a least-squares
 *    line through the points.
 * 3. tinyCache — what operators feel: a worker with `maxCachedWorkflows: 3` (its own process, on a
 *    fresh dev server) serving more open cases than that, updated round-robin, so each update's
 *    workflow task fetches and replays the case's whole history; against the same cases updated
 *    while they stay cached.
 *
 * Every part repeats RUNS (3) times and reports the median and spread. A quick trial:
 * `npm run bench:long -- --years 1 --lengths 0,20 --cache-lengths 0,10 --runs 1`
 * (`--only permit,replay,cache` picks parts; `--cases N`, `--validity-years N`).
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { addDays, addYears, daysBetween, startOfDay, type LocalDate } from '../domain/calendar';
import type { Actor } from '../domain/roles';
import { renewalCalendar, type PermitInput } from '../domain/permit';
import { actUpdate, APPLICATION_WORKFLOW } from '../workflows/definitions';
import type { applicationWorkflow } from '../workflows/application';
import { anApplication, FACTS, withActor, type TestAction } from '../test/support/cases';
import { aPermitNumber, PermitHarness } from '../test/support/permits';
import { bundleWorkflows } from '../test/support/temporal';
import { startStack } from './support/stack';
import { percentile, printResult, progress, ratio, runBenchmark, RUNS, spread, spreadOf } from './support/report';
import { caseQueueSinks } from '../platform/case-queue';

type History = temporal.api.history.v1.IHistory;

// ---------------------------------------------------------------------------------------------
// Settings (defaults sized for about five minutes on two cores).

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const numbers = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number) : fallback);

const SETTINGS = {
  runs: Number(flag('runs') ?? RUNS),
  /** Simulated years of the permit part. */
  years: numbers(flag('years'), [1, 5, 10]),
  /** Years each permit period is valid: a renewal (and a new run) per period. */
  validityYears: Number(flag('validity-years') ?? 1),
  /** Accepted updates in each recorded application history (replay part). */
  lengths: numbers(flag('lengths'), [0, 10, 20, 40, 80, 160]),
  /** Open cases served by the worker with the tiny cache: more than it holds, so round-robin over them always misses. */
  cases: Number(flag('cases') ?? 4),
  /** Updates per case at which the tiny-cache part measures. */
  cacheLengths: numbers(flag('cache-lengths'), [0, 20, 40, 60]),
  maxCachedWorkflows: 3,
  parts: (flag('only') ?? 'permit,replay,cache').split(','),
};

/**
 * The bound on events per run of the permit workflow. workflows/permit.ts continues as new at each
 * renewal or conversion and when the server suggests it (`continueAsNewSuggested`: 4,096 events or
 * 4 MB by default); it has no constant of its own. test/workflows/permit-history.test.ts holds a run
 * of a renewed permit under 100 events; this benchmark checks both.
 */
const SERVER_SUGGESTED_EVENTS = 4_096;
const TESTED_EVENTS_PER_RUN = 100;

const HOLDER: Actor = { id: 'portal-7781', role: 'applicant' };
const AMS = 'Europe/Amsterdam';

// ---------------------------------------------------------------------------------------------
// Helpers

/** Least squares y = slope·x + intercept, with R². */
function linearFit(points: { x: number; y: number }[]) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - (slope * p.x + intercept)) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot, points: n };
}

const median = (values: number[]) => spread(values).median;
const round = (n: number, digits = 3) => +n.toFixed(digits);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { EventType } = temporal.api.enums.v1;
const WORKFLOW_TASK_EVENTS = new Set([
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
]);
const ACTIVITY_CLOSED = new Set([
  EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
  EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED,
]);
/** Commands a completed workflow task may leave after it without anything else being pending. */
const QUIET_AFTER_TASK = new Set([
  EventType.EVENT_TYPE_TIMER_STARTED,
  EventType.EVENT_TYPE_TIMER_CANCELED,
  EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  EventType.EVENT_TYPE_MARKER_RECORDED,
]);

/**
 * Waits until the case is quiet (its last workflow task completed, no activity or task pending,
 * only timers armed) and returns its history: so each update adds the same events, in the same order.
 */
async function settle(handle: WorkflowHandle): Promise<History> {
  for (let i = 0; i < 400; i++) {
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    let lastTask = events.length - 1;
    while (lastTask >= 0 && !WORKFLOW_TASK_EVENTS.has(events[lastTask]!.eventType!)) lastTask--;
    const activities = events.reduce(
      (open, e) => open + (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ? 1 : ACTIVITY_CLOSED.has(e.eventType!) ? -1 : 0),
      0,
    );
    const quiet =
      activities === 0 &&
      events[lastTask]?.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED &&
      events.slice(lastTask + 1).every((e) => QUIET_AFTER_TASK.has(e.eventType!));
    if (quiet) return history;
    await sleep(20);
  }
  throw new Error(`${handle.workflowId} did not settle`);
}

type CureCase = Awaited<ReturnType<typeof openCureCase>>;

/** An application case waiting for evidence, whose cure deadline can be moved again and again. */
async function openCureCase(client: Client, taskQueue: string) {
  const application = anApplication();
  const handle = await client.workflow.start<typeof applicationWorkflow>(APPLICATION_WORKFLOW, {
    taskQueue,
    workflowId: application.caseNumber,
    args: [{ application }],
  });
  const act = (action: TestAction) => handle.executeUpdate(actUpdate, { args: [withActor(action)] });
  const status = await act({ type: 'request-evidence', missing: ['passport'] });
  let due = status.deadlines.cure!.due as LocalDate;
  let extensions = 0;
  return {
    handle,
    /** Moves the cure deadline one day later (an accepted update that sends a notice). */
    extend: async () => {
      due = addDays(due, 1);
      extensions++;
      await act({ type: 'extend-cure-period', until: due, reason: `benchmark extension ${extensions}` });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. The permit over the years (time-skipping server)

interface PermitRun {
  wallMs: number;
  simulatedDays: number;
  renewals: number;
  runs: number;
  eventsPerRun: number[];
  kibPerRun: number[];
  notices: number;
}

/** Every run of a continue-as-new chain, oldest first: its events and its size (the last run may be open). */
async function runChain(client: Client, workflowId: string, firstRunId: string): Promise<{ events: number; kib: number }[]> {
  const runs = [];
  for (let runId: string | undefined = firstRunId; runId; ) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    runs.push({ events: events.length, kib: round(historyBytes(history) / 1024, 1) });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** One permit, renewed every period, over `years` simulated years; the chain's runs counted. */
async function simulatePermit(h: PermitHarness, years: number): Promise<PermitRun> {
  const started = performance.now();
  const start = await h.today();
  const end = addYears(start, years);
  const permitNumber = aPermitNumber('NL');
  const permit: PermitInput = {
    permitNumber,
    caseNumber: permitNumber.replace('-V', '-C'),
    jurisdiction: 'NL',
    holder: { name: 'Holder Example', email: `${permitNumber.toLowerCase()}@example.test`, language: 'en' },
    nationality: 'MAR',
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom: start,
    validUntil: addDays(addYears(start, SETTINGS.validityYears), -1),
    s38Limitations: [],
    grantedOn: start,
  };
  const handle = await h.startPermit(permit);
  let validUntil = permit.validUntil;
  let n = 0;
  for (;;) {
    const calendar = renewalCalendar('NL', validUntil);
    if (calendar.inviteOn >= end) break;
    n++;
    await h.skipPast(startOfDay(calendar.inviteOn, AMS));
    // Every other period the holder waits for the reminder (as the history test does).
    if (n % 2 === 0) await h.skipPast(startOfDay(calendar.remindOn, AMS));
    await h.act(handle, { type: 'file-renewal', filedOn: await h.today(), facts: FACTS.nlPolicyGrants, actor: HOLDER });
    const renewalCase = h.env.client.workflow.getHandle(`${permitNumber}.renewal.${n}`);
    await h.cases.act(renewalCase, { type: 'confirm-complete' });
    const next = {
      restriction: 'voortgezet verblijf',
      labourMarketNote: 'free to work; no TWV required',
      validFrom: addDays(validUntil, 1),
      validUntil: addYears(validUntil, SETTINGS.validityYears),
    };
    await h.cases.act(renewalCase, { type: 'grant', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'], permit: next });
    await h.until(
      () => h.status(handle),
      (s) => s.generation === n,
      `renewal ${n}`,
    );
    validUntil = next.validUntil;
  }
  // The rest of the span: the invitation (and reminder) of a period that ends after it still fire inside it.
  await h.skipPast(startOfDay(end, AMS), 0);
  const status = await h.status(handle);
  if (status.generation !== n || status.state !== 'valid')
    throw new Error(`permit ended in ${status.state}, generation ${status.generation}, expected valid, ${n}`);
  const wallMs = performance.now() - started;
  const simulatedDays = daysBetween(start, await h.today());
  // Every run's history, the last one still open (fetched before the permit is terminated).
  const runs = await runChain(h.env.client, handle.workflowId, handle.firstExecutionRunId);
  const notices = h.subjects(permitNumber).length;
  await handle.terminate('benchmark done');
  return { wallMs, simulatedDays, renewals: n, runs: runs.length, eventsPerRun: runs.map((r) => r.events), kibPerRun: runs.map((r) => r.kib), notices };
}

async function permitPart(h: PermitHarness) {
  const byYears = new Map<number, PermitRun[]>(SETTINGS.years.map((y) => [y, []]));
  // One untimed year first: the JIT, the server's and the worker's first workflow tasks.
  progress('permit: warm-up (1 simulated year, not counted)');
  await simulatePermit(h, 1);
  for (let run = 1; run <= SETTINGS.runs; run++) {
    for (const years of SETTINGS.years) {
      progress(`permit: run ${run}/${SETTINGS.runs}, ${years} simulated year(s)…`);
      const result = await simulatePermit(h, years);
      byYears.get(years)!.push(result);
      progress(
        `permit: ${years} year(s) in ${(result.wallMs / 1000).toFixed(1)} s: ${result.renewals} renewals, ` +
          `${result.runs} runs, events per run ${result.eventsPerRun.join(', ')}`,
      );
    }
  }
  const rows = SETTINGS.years.map((years) => {
    const results = byYears.get(years)!;
    const last = results.at(-1)!;
    const maxEvents = Math.max(...results.flatMap((r) => r.eventsPerRun));
    return {
      years,
      simulatedDays: last.simulatedDays,
      renewals: last.renewals,
      runs: last.runs,
      noticesSent: last.notices,
      eventsPerRunOfLastRun: last.eventsPerRun,
      kibPerRunOfLastRun: last.kibPerRun,
      ...spreadOf(
        results.map((r) => ({
          wallMs: r.wallMs,
          eventsPerRunMax: Math.max(...r.eventsPerRun),
          eventsPerRunMean: r.eventsPerRun.reduce((a, b) => a + b, 0) / r.eventsPerRun.length,
          // The last run is still open (it has just continued as new, or waits for its next timer).
          eventsPerClosedRunMean:
            r.eventsPerRun.length > 1 ? r.eventsPerRun.slice(0, -1).reduce((a, b) => a + b, 0) / (r.eventsPerRun.length - 1) : r.eventsPerRun[0]!,
          eventsTotal: r.eventsPerRun.reduce((a, b) => a + b, 0),
          kibPerRunMax: Math.max(...r.kibPerRun),
        })),
        1,
      ),
      maxEventsInAnyRun: maxEvents,
      withinBound: maxEvents < TESTED_EVENTS_PER_RUN,
    };
  });
  const all = rows.map((r) => r.maxEventsInAnyRun);
  const wallFit = linearFit(rows.map((r) => ({ x: r.years, y: r.wallMs.median })));
  const totalFit = linearFit(rows.map((r) => ({ x: r.years, y: r.eventsTotal.median })));
  return {
    server: 'time-skipping test server (.tools), one for the whole part; worker with every activity, real SMTP sink (test/support/permits.ts)',
    scenario:
      `NL permit valid ${SETTINGS.validityYears} year(s) at a time, renewed in time at ` +
      'every period through a renewal case (file-renewal when invited, confirm-complete, grant), ' +
      'the reminder awaited every other period; the case continues as new at each renewal',
    bound: {
      checked: TESTED_EVENTS_PER_RUN,
      serverSuggestsContinueAsNewAt: SERVER_SUGGESTED_EVENTS,
      source:
        'workflows/permit.ts continues as new at each renewal/conversion and on ' +
        'continueAsNewSuggested; the tested bound is test/workflows/permit-history.test.ts',
    },
    byYears: rows,
    maxEventsInAnyRun: Math.max(...all),
    everyRunWithinBound: all.every((m) => m < TESTED_EVENTS_PER_RUN),
    everyRunWithinServerSuggestion: all.every((m) => m <= SERVER_SUGGESTED_EVENTS),
    growth: {
      wallMsPerSimulatedYear: round(wallFit.slope, 1),
      wallMsIntercept: round(wallFit.intercept, 1),
      wallR2: round(wallFit.r2, 4),
      totalEventsPerSimulatedYear: round(totalFit.slope, 1),
      totalEventsR2: round(totalFit.r2, 4),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Replay time against history length

/**
 * One case with the most updates; the shorter histories are its prefixes where it had had that many
 * updates, each cut when the case was quiet (settled: last task completed, its notices sent), exactly
 * what the case's history was then.
 */
async function recordHistories(h: PermitHarness): Promise<{ updates: number; events: number; history: History }[]> {
  const c = await openCureCase(h.env.client, h.cases.taskQueue);
  const eventsAt = new Map<number, number>();
  const most = Math.max(...SETTINGS.lengths);
  let history: History = {};
  for (let k = 0; ; k++) {
    if (SETTINGS.lengths.includes(k)) {
      history = await settle(c.handle);
      eventsAt.set(k, history.events!.length);
      progress(`replay: recorded ${k} updates, ${history.events!.length} events`);
    }
    if (k === most) break;
    await c.extend();
  }
  await c.handle.terminate('benchmark done');
  return SETTINGS.lengths.map((updates) => {
    const events = eventsAt.get(updates)!;
    return { updates, events, history: { ...history, events: history.events!.slice(0, events) } };
  });
}

/** The history's size as the server stores and sends it (protobuf). */
function historyBytes(history: History): number {
  return temporal.api.history.v1.History.encode(history).finish().length;
}

async function replayPart(h: PermitHarness, bundle: WorkflowBundleWithSourceMap) {
  const histories = await recordHistories(h);
  const options = { workflowBundle: bundle, replayName: 'bench-long-cases', sinks: caseQueueSinks() };
  // One replay worker for every history, one at a time: time from handing a history over to its result.
  const order = [...histories, ...Array.from({ length: SETTINGS.runs }, () => histories).flat()]; // the first pass warms up
  const times: number[][] = histories.map(() => []);
  let handedOver = 0;
  async function* feed() {
    for (const item of order) {
      handedOver = performance.now();
      yield { workflowId: 'replay', history: item.history };
    }
  }
  let i = 0;
  const workerStarted = performance.now();
  let firstResultMs = 0;
  for await (const result of Worker.runReplayHistories(options, feed())) {
    const ms = performance.now() - handedOver;
    if (result.error) throw result.error;
    if (i === 0) firstResultMs = performance.now() - workerStarted;
    if (i >= histories.length) times[i % histories.length]!.push(ms);
    i++;
  }
  // What one `Worker.runReplayHistory` costs (a new replay worker each), on the shortest history.
  const single: number[] = [];
  for (let run = 0; run < SETTINGS.runs; run++) {
    const t = performance.now();
    await Worker.runReplayHistory(options, histories[0]!.history);
    single.push(performance.now() - t);
  }
  const points = histories.map((hist, j) => {
    const ms = spread(times[j]!);
    return {
      updates: hist.updates,
      events: hist.events,
      kib: round(historyBytes(hist.history) / 1024, 1),
      ms,
      microsPerEvent: hist.events ? round((ms.median * 1000) / hist.events, 1) : null,
    };
  });
  const fit = linearFit(points.map((p) => ({ x: p.events, y: p.ms.median })));
  const eventsFit = linearFit(points.map((p) => ({ x: p.updates, y: p.events })));
  const kibFit = linearFit(points.map((p) => ({ x: p.events, y: p.kib })));
  // Bytes per update grow with the number of updates (see README): compare the last interval with the first.
  const perUpdateKib = (a: (typeof points)[number], b: (typeof points)[number]) =>
    b.updates > a.updates ? round((b.kib - a.kib) / (b.updates - a.updates), 2) : null;
  progress(`replay: ${points.map((p) => `${p.events} ev ${p.ms.median} ms`).join(', ')}`);
  return {
    server: 'histories recorded on the time-skipping test server; replayed in this process by one replay worker',
    history: 'application workflow: receipt, request-evidence, then k extend-cure-period updates (each a later cure deadline and a notice activity)',
    eventsPerUpdate: round(eventsFit.slope, 2),
    historySize: {
      kibPerEvent: round(kibFit.slope, 3),
      kibPerUpdateFirstInterval: points.length >= 2 ? perUpdateKib(points[0]!, points[1]!) : null,
      kibPerUpdateLastInterval: points.length >= 2 ? perUpdateKib(points.at(-2)!, points.at(-1)!) : null,
    },
    points,
    fit: { slopeMsPerEvent: round(fit.slope, 5), microsPerEvent: round(fit.slope * 1000, 1), interceptMs: round(fit.intercept, 2), r2: round(fit.r2, 4) },
    replayWorker: {
      firstHistoryIncludingStartMs: round(firstResultMs, 1),
      runReplayHistoryShortestMs: spread(single, 1),
      note: 'runReplayHistory builds a new replay worker per call: that constant is in runReplayHistoryShortestMs, not in the points',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. A tiny workflow cache: a case not in the cache replays its whole history (dev server)

interface Checkpoint {
  updates: number;
  /** History length of the cases when they were updated (median over the cases). */
  events: number;
  /** Updates to cases not in the cache (each replays the case's history). */
  missMs: number[];
  /** Updates, on the way to this checkpoint, to cases that stayed in the cache. */
  hitMs: number[];
}

interface CacheRun {
  checkpoints: Checkpoint[];
  cpuSeconds: { server: number; worker: number; loadGenerator: number };
  wallMs: number;
  cachedWorkflowsAtEnd: number;
}

/**
 * The cases grow in groups of the cache's size, round-robin inside the group, so they stay cached
 * (those updates are the hits). At each checkpoint every case is updated once, round-robin over all
 * of them: more cases than the cache holds, so the case is never in the cache and its workflow
 * task fetches and replays the whole history (the misses). Each miss is left to settle (its notice
 * sent) before the next, so one replay at a time is measured.
 */
async function cacheRun(bundlePath: string): Promise<CacheRun> {
  const stack = await startStack(bundlePath, { maxCachedWorkflows: SETTINGS.maxCachedWorkflows });
  try {
    const cases: (CureCase & { updates: number })[] = [];
    for (let i = 0; i < SETTINGS.cases; i++) cases.push({ ...(await openCureCase(stack.client, stack.taskQueue)), updates: 0 });
    const cpu = stack.cpu();
    const started = performance.now();
    const checkpoints: Checkpoint[] = [];
    const timed = async (c: (typeof cases)[number]) => {
      const t = performance.now();
      await c.extend();
      c.updates++;
      return performance.now() - t;
    };
    for (const target of SETTINGS.cacheLengths) {
      const hitMs: number[] = [];
      for (let g = 0; g < cases.length; g += SETTINGS.maxCachedWorkflows) {
        const group = cases.slice(g, g + SETTINGS.maxCachedWorkflows);
        const first = new Set(group);
        while (group.some((c) => c.updates < target)) {
          for (const c of group) {
            if (c.updates >= target) continue;
            const ms = await timed(c);
            // A group's first update to each case brings it into the cache: not a hit.
            if (!first.delete(c)) hitMs.push(ms);
          }
        }
      }
      for (const c of cases) await settle(c.handle);
      const events = median(await Promise.all(cases.map(async (c) => (await c.handle.describe()).historyLength)));
      const missMs: number[] = [];
      for (const c of cases) {
        missMs.push(await timed(c));
        await settle(c.handle);
      }
      checkpoints.push({ updates: target, events, missMs, hitMs });
      progress(
        `tinyCache: ${target} updates per case, ~${events} events: not cached ${median(missMs).toFixed(1)} ms, ` +
          `cached ${hitMs.length ? median(hitMs).toFixed(1) : '-'} ms (median)`,
      );
    }
    const wallMs = performance.now() - started;
    const cpuSeconds = cpu.read();
    const { cachedWorkflows } = await stack.worker.stats();
    if (cachedWorkflows > SETTINGS.maxCachedWorkflows)
      throw new Error(`the worker caches ${cachedWorkflows} workflows, more than ${SETTINGS.maxCachedWorkflows}`);
    for (const c of cases) await c.handle.terminate('benchmark done');
    return { checkpoints, cpuSeconds, wallMs, cachedWorkflowsAtEnd: cachedWorkflows };
  } finally {
    await stack.stop();
  }
}

async function cachePart(bundle: WorkflowBundleWithSourceMap) {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-long-'));
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  const runs: CacheRun[] = [];
  try {
    for (let run = 1; run <= SETTINGS.runs; run++) {
      progress(
        `tinyCache: run ${run}/${SETTINGS.runs}: fresh dev server, worker with maxCachedWorkflows ${SETTINGS.maxCachedWorkflows}, ${SETTINGS.cases} cases`,
      );
      runs.push(await cacheRun(bundlePath));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const points = SETTINGS.cacheLengths.map((updates, i) => {
    const at = runs.map((r) => r.checkpoints[i]!);
    const hits = at.filter((c) => c.hitMs.length > 0);
    return {
      updates,
      events: Math.round(median(at.map((c) => c.events))),
      notCachedMs: spread(
        at.map((c) => median(c.missMs)),
        1,
      ),
      notCachedP90Ms: spread(
        at.map((c) => percentile(c.missMs, 90)),
        1,
      ),
      cachedMs: hits.length
        ? spread(
            hits.map((c) => median(c.hitMs)),
            1,
          )
        : null,
    };
  });
  const missFit = linearFit(runs.flatMap((r) => r.checkpoints.map((c) => ({ x: c.events, y: median(c.missMs) }))));
  const hitPoints = runs.flatMap((r) => r.checkpoints.filter((c) => c.hitMs.length > 0).map((c) => ({ x: c.events, y: median(c.hitMs) })));
  const hitFit = hitPoints.length >= 2 ? linearFit(hitPoints) : null;
  const last = points.at(-1)!;
  const fitOf = (fit: ReturnType<typeof linearFit>) => ({
    slopeMsPerEvent: round(fit.slope, 5),
    microsPerEvent: round(fit.slope * 1000, 1),
    interceptMs: round(fit.intercept, 2),
    r2: round(fit.r2, 4),
  });
  return {
    server: 'fresh dev server per run (bench/support/stack.ts: SQLite file, WAL), worker in its own process with the production activities and codec',
    maxCachedWorkflows: SETTINGS.maxCachedWorkflows,
    cases: SETTINGS.cases,
    method:
      'cases grow in groups of 3 (round-robin inside the group: cached); at each checkpoint each case gets one ' +
      'update round-robin over all cases (never cached: the task replays the whole history), settled before the next',
    points,
    notCachedFit: fitOf(missFit),
    cachedFit: hitFit && fitOf(hitFit),
    notCachedOverCachedAtLongest: last.cachedMs ? ratio(last.notCachedMs.median, last.cachedMs.median) : null,
    cachedWorkflowsAtEnd: runs.map((r) => r.cachedWorkflowsAtEnd),
    ...spreadOf(
      runs.map((r) => ({
        wallMs: r.wallMs,
        serverCpuSeconds: r.cpuSeconds.server,
        workerCpuSeconds: r.cpuSeconds.worker,
        loadGeneratorCpuSeconds: r.cpuSeconds.loadGenerator,
      })),
      2,
    ),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  // Before anything touches the runtime: warnings only, and the native ones through the same logger
  // (stderr); by default core prints straight to stdout, which must hold nothing but the JSON.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } } });
  const started = performance.now();
  const result: Record<string, unknown> = { settings: SETTINGS };
  const wants = (part: string) => SETTINGS.parts.includes(part);
  progress('bundling the workflows');
  const bundle = await bundleWorkflows();
  if (wants('permit') || wants('replay')) {
    progress('starting the time-skipping test server, the SMTP sink and a worker');
    const h = await PermitHarness.start('bench-long-cases');
    try {
      if (wants('permit')) result.permit = await permitPart(h);
      if (wants('replay')) result.replay = await replayPart(h, bundle);
    } finally {
      await h.close();
    }
  }
  if (wants('cache')) result.tinyCache = await cachePart(bundle);
  result.totalWallSeconds = round((performance.now() - started) / 1000, 1);
  printResult('long-cases', result);
}

runBenchmark(main);
