/**
 * Starts and talks to the benchmark worker process (worker-process.ts): the bench bundle is built
 * once per benchmark and handed to every worker, with or without the compressed-time interceptor.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { failureConverterPath } from '../../worker/data-converter';

export type WorkerRequest = { type: 'stats' } | { type: 'stop' };
export type WorkerReply = { type: 'ready' } | { type: 'stats'; rssMiB: number; heapUsedMiB: number; cachedWorkflows: number };
export type WorkerStats = Omit<Extract<WorkerReply, { type: 'stats' }>, 'type'>;

const ROOT = resolve(__dirname, '../..');

/** Bundles dossier's workflows and the baseline into a file; `compressTime` adds the bench-only timer interceptor. */
export async function bundleBenchWorkflows({ compressTime }: { compressTime: boolean }): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath,
    workflowInterceptorModules: compressTime ? [require.resolve('../workflows/compressed-time')] : [],
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

/** A worker process on `env` (TEMPORAL_ADDRESS, keys, SMTP_URL …) running the given bundle. */
export async function startWorkerProcess(env: Record<string, string>, bundlePath: string, options: { maxCachedWorkflows?: number } = {}): Promise<BenchWorker> {
  const child: ChildProcess = fork(resolve(ROOT, 'bin/run.js'), [resolve(__dirname, 'worker-process.ts')], {
    execArgv: ['--expose-gc'],
    env: {
      ...process.env,
      ...env,
      BENCH_WORKFLOW_BUNDLE: bundlePath,
      ...(options.maxCachedWorkflows !== undefined ? { BENCH_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows) } : {}),
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
