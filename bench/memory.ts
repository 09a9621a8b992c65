/**
 * `npm run bench:memory`: the worker's heap per cached workflow, for the case workflow against the
 * baseline workflow, and what dossier's module-level code costs each workflow (bench/README.md, bench:memory).
 *
 * Each run starts a fresh stack. Workers run their workflows in their main thread (the SDK's
 * `debugMode`: the same reusable V8 context, minus the worker thread), so that the main thread's
 * heap after a full GC includes them. Workflows of a kind are opened and left waiting, cached; the
 * heap per cached workflow is the heap's growth divided by the growth of the worker's cache.
 *
 * Options: `--cases 150` (cases per run), `--layer-workflows 60` (baselines per module layer),
 * `--runs 3`, `--layers bare,zod,...` (module layers to measure), `--threaded` (workflows in the
 * SDK's worker thread, as in production: RSS only, the main thread's heap does not see them),
 * `--preload ./workflows/preload,./domain/policy` (an experiment: dossier's bundle with other
 * `preloadModules` than production's workflows/preload-modules.ts; `--preload none` for none).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { APPLICATION_WORKFLOW, actUpdate, statusQuery, type ApplicationWorkflowInput } from '../workflows/definitions';
import { anApplication, withActor } from '../test/support/cases';
import { BASELINE_WORKFLOW } from './workflows/baseline';
import { SQLITE_SETTINGS } from './support/dev-server';
import { printResult, progress, ratio, runBenchmark, RUNS, spreadOf } from './support/report';
import { startStack } from './support/stack';
import { PRELOAD_MODULES } from '../workflows/preload-modules';
import { bundleBenchWorkflows, bundleToFile, startWorkerProcess, type BenchWorker, type WorkerProcessOptions, type WorkerStats } from './support/worker';

const ROOT = resolve(__dirname, '..');

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Cases per run (and baselines in dossier's bundle). The slope is stable to well under 1 % from 100 on. */
const CASES = Number(option('cases') ?? 150);
/** Baselines per module layer: a layer costs hundreds of KiB per workflow, so fewer workflows suffice. */
const LAYER_WORKFLOWS = Number(option('layer-workflows') ?? 60);
const RUN_COUNT = Number(option('runs') ?? RUNS);
const THREADED = process.argv.includes('--threaded');
/** Workflows of each kind opened (and kept) before the first reading: JIT, inline caches and pools warm up. */
const WARMUP = 20;
/** Starts, updates and describes in flight at once. */
const CONCURRENCY = 32;
/**
 * The baseline proper, one no-op activity then a timer that is not compressed, so it stays open
 * (and cached) for the whole run. Given in both of the baseline's input shapes (`steps`, and the
 * older `timer`), so the benchmark runs on either version of bench/workflows/baseline.ts.
 */
const BASELINE_INPUT = { steps: [{ activity: true }, { timer: '365 days' }], timer: '365 days' };

/**
 * Module layers: the baseline workflow in bundles whose entry point imports one more part of
 * dossier's workflow code, evaluated (and kept) for every workflow as the reused V8 context does.
 * A layer's figure minus `bare` is what that part costs each cached workflow.
 */
const MODULE_LAYERS = {
  bare: { entry: './workflows/baseline', imports: 'nothing but the baseline (@temporalio/workflow is shared by all workflows)' },
  xstate: { entry: './workflows/probes/xstate', imports: 'the XState library' },
  zod: { entry: './workflows/probes/zod', imports: 'the zod library' },
  applicationMachine: {
    entry: './workflows/probes/application-machine',
    imports: 'machines/application and what it imports: XState, zod, the case actions schema, roles, legal calendar, policy packs',
  },
  caseModules: {
    entry: './workflows/probes/case-modules',
    imports: 'workflows/application and everything it imports: what a case evaluates in the production bundle',
  },
  allModules: {
    entry: './workflows/probes/all-modules',
    imports:
      "both workflows' modules and the application facts schemas built at import: " +
      "what every workflow evaluated before the lazy workflow index and the case's start-only application schema",
  },
} as const;
type Layer = keyof typeof MODULE_LAYERS;

/** `--layers module:domain/policy`: a probe like those in workflows/probes for any one module of dossier (path from the root). */
function moduleProbe(path: string): string {
  const file = resolve(__dirname, 'workflows/probes', `generated-${path.replace(/[^a-z0-9]+/gi, '-')}.ts`);
  writeFileSync(file, `import * as m from '../../../${path}';\nexport { baselineWorkflow } from '../baseline';\nexport const probe = m;\n`);
  return file;
}

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Waits until the worker is idle and none of `handles` has a workflow task or activity pending; checks the worker caches `expectedCached`. */
async function settle(worker: BenchWorker, handles: WorkflowHandle[], expectedCached: number): Promise<WorkerStats> {
  const deadline = Date.now() + 90_000;
  let unsettled = handles;
  for (;;) {
    const stats = await worker.stats();
    if (stats.cachedWorkflows >= expectedCached && stats.inFlightActivations === 0 && stats.inFlightActivities === 0) {
      const busy: WorkflowHandle[] = [];
      await pool(unsettled, CONCURRENCY, async (h) => {
        const { raw, status } = await h.describe();
        if (status.name !== 'RUNNING') throw new Error(`workflow ${h.workflowId} is ${status.name}: every workflow must stay open`);
        if (raw.pendingActivities?.length || raw.pendingWorkflowTask) busy.push(h);
      });
      unsettled = busy;
      if (busy.length === 0) {
        const after = await worker.stats();
        if (after.cachedWorkflows !== expectedCached) throw new Error(`expected ${expectedCached} cached workflows, the worker has ${after.cachedWorkflows}`);
        return after;
      }
    }
    if (Date.now() > deadline) throw new Error(`the workflows did not settle (${unsettled.length} busy, ${stats.cachedWorkflows}/${expectedCached} cached)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Case numbers look like NL-2026-000123: capitals, digits and dashes. */
const RUN_ID = Date.now().toString(36).toUpperCase();
let sequence = 0;

/** A worker with the workflows it keeps open. */
interface Fleet {
  worker: BenchWorker;
  taskQueue: string;
  handles: WorkflowHandle[];
}

interface Reading {
  heapMiB: number;
  rssMiB: number;
  cached: number;
}
const reading = (s: WorkerStats): Reading => ({ heapMiB: s.heapUsedMiB, rssMiB: s.rssMiB, cached: s.cachedWorkflows });
/** KiB per cached workflow between two readings. */
const kib = (from: Reading, to: Reading, field: 'heapMiB' | 'rssMiB') => ((to[field] - from[field]) * 1024) / (to.cached - from.cached);
const round = (n: number) => +n.toFixed(1);

type Kind = 'baseline' | 'case';

/** Opens `count` workflows of a kind on the fleet's worker and waits until they all wait, cached. */
async function open(client: Client, fleet: Fleet, kind: Kind, count: number): Promise<{ reading: Reading; handles: WorkflowHandle[] }> {
  const handles: WorkflowHandle[] = [];
  await pool(
    Array.from({ length: count }, () => ++sequence),
    CONCURRENCY,
    async (i) => {
      if (kind === 'baseline') {
        handles.push(
          await client.workflow.start(BASELINE_WORKFLOW, { taskQueue: fleet.taskQueue, workflowId: `mem-baseline-${RUN_ID}-${i}`, args: [BASELINE_INPUT] }),
        );
      } else {
        // Started as the CLI starts a case (cli/commands/cases.ts).
        const application = anApplication({ caseNumber: `NL-MEM${RUN_ID}-${i}` });
        const input: ApplicationWorkflowInput = { application };
        handles.push(await client.workflow.start(APPLICATION_WORKFLOW, { taskQueue: fleet.taskQueue, workflowId: application.caseNumber, args: [input] }));
      }
    },
  );
  fleet.handles.push(...handles);
  return { reading: reading(await settle(fleet.worker, handles, fleet.handles.length)), handles };
}

/** The caseworker asks for the passport: each case moves to awaitingEvidence (an evidence-request notice, a cure timer). */
async function requestEvidence(fleet: Fleet, cases: WorkflowHandle[]): Promise<Reading> {
  await pool(cases, CONCURRENCY, async (h) => {
    const status = await h.executeUpdate(actUpdate, { args: [withActor({ type: 'request-evidence', missing: ['passport'] })] });
    if (status.state !== 'awaitingEvidence') throw new Error(`case ${h.workflowId} is in ${status.state} after request-evidence`);
  });
  return reading(await settle(fleet.worker, cases, fleet.handles.length));
}

const workerOptions: WorkerProcessOptions = { maxCachedWorkflows: 2 * WARMUP + 2 * CASES + 100, workflowsInMainThread: !THREADED };

/** The baseline's KiB per cached workflow in one layer's bundle, on its own worker and task queue. */
async function baselineIn(client: Client, env: Record<string, string>, layer: string, bundle: string) {
  const taskQueue = `dossier-bench-memory-${layer}`;
  const worker = await startWorkerProcess({ ...env, TEMPORAL_TASK_QUEUE: taskQueue }, bundle, workerOptions);
  try {
    const fleet: Fleet = { worker, taskQueue, handles: [] };
    const warm = await open(client, fleet, 'baseline', WARMUP);
    const full = await open(client, fleet, 'baseline', LAYER_WORKFLOWS);
    return { heap: kib(warm.reading, full.reading, 'heapMiB'), rss: kib(warm.reading, full.reading, 'rssMiB') };
  } finally {
    await worker.stop();
  }
}

async function measureRun(run: number, bundles: { dossier: string; layers: [string, string][] }) {
  progress(`run ${run}: starting the stack (dev server, SMTP sink, worker with dossier's bundle)`);
  const stack = await startStack(bundles.dossier, workerOptions);
  try {
    const { client } = stack;
    const layerHeap: Record<string, number> = {};
    const layerRss: Record<string, number> = {};
    for (const [layer, bundle] of bundles.layers) {
      progress(`run ${run}: ${LAYER_WORKFLOWS} baselines in the ${layer} bundle`);
      const figures = await baselineIn(client, stack.env, layer, bundle);
      layerHeap[layer] = round(figures.heap);
      layerRss[layer] = round(figures.rss);
    }

    const dossier: Fleet = { worker: stack.worker, taskQueue: stack.taskQueue, handles: [] };
    progress(`run ${run}: dossier's bundle: warming up (${WARMUP} baselines, ${WARMUP} cases in awaitingEvidence)`);
    await open(client, dossier, 'baseline', WARMUP);
    const d0 = await requestEvidence(dossier, (await open(client, dossier, 'case', WARMUP)).handles);
    progress(`run ${run}: dossier's bundle: ${LAYER_WORKFLOWS} baselines`);
    const d1 = (await open(client, dossier, 'baseline', LAYER_WORKFLOWS)).reading;
    // The cases in two halves: the slope of each half shows whether the cost grows linearly.
    const half = Math.floor(CASES / 2);
    progress(`run ${run}: dossier's bundle: ${CASES} cases (waiting in completenessCheck), in two halves`);
    const first = await open(client, dossier, 'case', half);
    const second = await open(client, dossier, 'case', CASES - half);
    const d2 = first.reading;
    const d3 = second.reading;
    progress(`run ${run}: dossier's bundle: request-evidence on the ${CASES} cases (awaitingEvidence)`);
    const cases = [...first.handles, ...second.handles];
    const d4 = await requestEvidence(dossier, cases);
    const sample = await cases[0]!.query(statusQuery);
    if (sample.state !== 'awaitingEvidence') throw new Error(`a case is in ${sample.state}, not awaitingEvidence`);

    const update = (field: 'heapMiB' | 'rssMiB') => ((d4[field] - d3[field]) * 1024) / CASES;
    const perKind = (field: 'heapMiB' | 'rssMiB') => ({
      bareBaseline: layerHeap.bare === undefined ? NaN : field === 'heapMiB' ? layerHeap.bare : layerRss.bare!,
      baselineInDossierBundle: round(kib(d0, d1, field)),
      caseCompletenessCheck: round(kib(d1, d3, field)),
      caseAwaitingEvidence: round(kib(d1, d3, field) + update(field)),
    });
    const result = {
      heapKiB: perKind('heapMiB'),
      rssKiB: perKind('rssMiB'),
      caseHalves: { firstHalfHeapKiB: round(kib(d1, d2, 'heapMiB')), secondHalfHeapKiB: round(kib(d2, d3, 'heapMiB')) },
      layerHeapKiB: layerHeap,
      cachedWorkflowsAtEnd: d4.cached,
    };
    progress(`run ${run}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await stack.stop();
  }
}

runBenchmark(async () => {
  const layerNames = (option('layers')?.split(',') ?? Object.keys(MODULE_LAYERS)) as Layer[];
  for (const layer of layerNames) {
    if (!(layer in MODULE_LAYERS) && !layer.startsWith('module:')) {
      throw new Error(`--layers: no layer "${layer}" (${Object.keys(MODULE_LAYERS).join(', ')}, or module:PATH)`);
    }
  }
  progress(`bundling dossier's workflows and ${layerNames.length} module layers`);
  const preload = option('preload')
    ?.split(',')
    .filter((m) => m !== 'none')
    .map((m) => (m.startsWith('.') ? require.resolve(`../${m}`) : m));
  const dossier = preload
    ? await bundleToFile({ workflowsPath: require.resolve('./workflows'), preloadModules: preload })
    : await bundleBenchWorkflows({ compressTime: false });
  const layers: [string, string][] = [];
  // Each layer with the same preloaded modules as dossier's bundle: a layer shows what its modules cost each workflow there.
  for (const layer of layerNames) {
    const entry = layer.startsWith('module:') ? moduleProbe(layer.slice('module:'.length)) : require.resolve(MODULE_LAYERS[layer].entry);
    try {
      layers.push([layer, await bundleToFile({ workflowsPath: entry, preloadModules: preload ?? PRELOAD_MODULES })]);
    } finally {
      if (layer.startsWith('module:')) rmSync(entry, { force: true });
    }
  }

  const runs = [];
  try {
    for (let run = 1; run <= RUN_COUNT; run++) runs.push(await measureRun(run, { dossier, layers }));
  } finally {
    for (const bundle of [dossier, ...layers.map(([, b]) => b)]) rmSync(dirname(bundle), { recursive: true, force: true });
  }

  const heap = spreadOf(
    runs.map((r) => r.heapKiB),
    1,
  );
  const layerHeap = spreadOf(
    runs.map((r) => r.layerHeapKiB),
    1,
  );
  const bare = heap.bareBaseline.median;
  const caseRatio = ratio(heap.caseAwaitingEvidence.median, bare);
  const inBundleRatio = ratio(heap.caseAwaitingEvidence.median, heap.baselineInDossierBundle.median);
  printResult('memory', {
    sqlite: SQLITE_SETTINGS,
    method: {
      measuredIn: THREADED
        ? "workflows in the SDK's workflow worker thread (production mode): only RSS sees them; heap figures are the main thread's and meaningless"
        : "workflows in the worker's main thread (SDK debugMode, same reusable V8 context): V8 heap after two full GCs, and RSS",
      perCachedWorkflow: 'growth of the reading / growth of the worker cache (numCachedWorkflows, checked equal to the workflows opened)',
      baseline: 'baselineWorkflow: a no-op activity, then a 365-day timer (uncompressed): open and cached for the whole run',
      case: 'applicationWorkflow started as the CLI starts it; waiting in completenessCheck, then in awaitingEvidence after one request-evidence update',
      cases: CASES,
      layerWorkflows: LAYER_WORKFLOWS,
      warmupPerKind: WARMUP,
      preloadModules: (preload ?? PRELOAD_MODULES).map((m) => relative(ROOT, m)),
      layers: Object.fromEntries(layerNames.map((l) => [l, MODULE_LAYERS[l]?.imports ?? `${l.slice('module:'.length)} and what it imports`])),
    },
    heapKiBPerCachedWorkflow: heap,
    rssKiBPerCachedWorkflow: spreadOf(
      runs.map((r) => r.rssKiB),
      1,
    ),
    caseLinearity: spreadOf(
      runs.map((r) => r.caseHalves),
      1,
    ),
    moduleLayers: {
      heapKiBPerCachedWorkflow: layerHeap,
      /** Each layer's figure minus the bare baseline's: what that part of the code costs every workflow that imports it. */
      overBareKiB: Object.fromEntries(Object.entries(layerHeap).map(([k, v]) => [k, round(v.median - (layerHeap.bare?.median ?? NaN))])),
    },
    target: {
      target: 'issue 18: heap per cached case at most 2 times the bare baseline in the same bundle, aiming for 1.5',
      case: 'caseAwaitingEvidence',
      baseline: 'baselineInDossierBundle',
      ratio: inBundleRatio,
      met: inBundleRatio !== null && inBundleRatio <= 2,
      aimMet: inBundleRatio !== null && inBundleRatio <= 1.5,
      ratioToBareBaseline: caseRatio,
    },
    cachedWorkflowsAtEnd: runs.map((r) => r.cachedWorkflowsAtEnd),
  });
});
