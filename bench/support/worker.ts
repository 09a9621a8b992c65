/**
 * Starts and talks to the benchmark worker process (worker-process.ts): the bench bundle is built
 * once per benchmark and handed to every worker, with or without the compressed-time interceptor.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { failureConverterPath } from '../../platform/data-converter';
import { PRELOAD_MODULES } from '../../workflows/preload-modules';

export type WorkerRequest = { type: 'stats' } | { type: 'stop' };
export type WorkerReply =
  | { type: 'ready' }
  | {
      type: 'stats';
      rssMiB: number;
      /** Main-thread V8 heap after full GCs. Holds the workflows' heap only with `workflowsInMainThread`. */
      heapUsedMiB: number;
      /** The main thread's V8 heap as reserved from the system, used or not. */
      heapTotalMiB: number;
      /** Memory outside the V8 heap held by JS objects (buffers). */
      externalMiB: number;
      cachedWorkflows: number;
      /** Workflow activations and activities the worker is still running (0 and 0 when it is idle). */
      inFlightActivations: number;
      inFlightActivities: number;
    };
export type WorkerStats = Omit<Extract<WorkerReply, { type: 'stats' }>, 'type'>;

const ROOT = resolve(__dirname, '../..');

/** Bundles dossier's workflows and the baseline into a file; `compressTime` adds the bench-only timer interceptor. */
export async function bundleBenchWorkflows({ compressTime }: { compressTime: boolean }): Promise<string> {
  return bundleToFile({
    workflowsPath: require.resolve('../workflows'),
    preloadModules: PRELOAD_MODULES,
    workflowInterceptorModules: compressTime ? [require.resolve('../workflows/compressed-time')] : [],
  });
}

/**
 * Bundles any workflows entry point into a file, with the production failure converter: e.g. the
 * baseline alone (`bench/workflows/baseline.ts`), or dossier's bundle with other `preloadModules`.
 */
export async function bundleToFile(options: { workflowsPath: string; workflowInterceptorModules?: string[]; preloadModules?: string[] }): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath,
    failureConverterPath,
    workflowInterceptorModules: options.workflowInterceptorModules ?? [],
    ...(options.preloadModules ? { preloadModules: options.preloadModules } : {}),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: (message) => process.stderr.write(`bundler: ${message}\n`), log() {} },
  });
  const path = join(mkdtempSync(join(tmpdir(), 'dossier-bench-bundle-')), 'workflows.js');
  writeFileSync(path, code);
  return path;
}

export interface BenchWorker {
  pid: number;
  stats(): Promise<WorkerStats>;
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  maxCachedWorkflows?: number;
  /**
   * Runs the workflows in the worker's main thread (the SDK's `debugMode`: the same reusable V8
   * context, without the workflow worker thread), so that `stats().heapUsedMiB` includes the
   * workflows' heap. By default they run in the SDK's worker thread, whose heap the main thread
   * cannot see (only RSS does).
   */
  workflowsInMainThread?: boolean;
}

/** A worker process on `env` (TEMPORAL_ADDRESS, keys, SMTP_URL …) running the given bundle. */
export async function startWorkerProcess(env: Record<string, string>, bundlePath: string, options: WorkerProcessOptions = {}): Promise<BenchWorker> {
  const child: ChildProcess = fork(resolve(ROOT, 'bin/run.js'), [resolve(__dirname, 'worker-process.ts')], {
    // The heap limit of `npm run worker`: it also bounds the SDK's workflow thread, whose garbage would otherwise grow the RSS.
    // BENCH_NODE_FLAGS: more flags for the worker's node, to try a setting (e.g. `--max-semi-space-size=4`).
    execArgv: [
      '--expose-gc',
      '--max-old-space-size=512',
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : []),
    ],
    env: {
      ...process.env,
      ...env,
      BENCH_WORKFLOW_BUNDLE: bundlePath,
      // The production setting, so that the worker process sizes its cache as `npm run worker` does.
      ...(options.maxCachedWorkflows !== undefined ? { DOSSIER_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows) } : {}),
      ...(options.workflowsInMainThread ? { BENCH_WORKFLOWS_IN_MAIN_THREAD: '1' } : {}),
      DOSSIER_METRICS_ADDRESS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const next = (type: WorkerReply['type']) =>
    new Promise<WorkerReply>((resolveReply, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolveReply(reply);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`the bench worker exited (code ${code}) before answering ${type}`)));
    });
  await next('ready');
  return {
    pid: child.pid!,
    async stats() {
      const reply = next('stats');
      child.send({ type: 'stats' } satisfies WorkerRequest);
      const { type: _type, ...stats } = (await reply) as Extract<WorkerReply, { type: 'stats' }>;
      return stats;
    },
    async stop() {
      child.send({ type: 'stop' } satisfies WorkerRequest);
      const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
