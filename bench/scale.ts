/**
 * `npm run bench:scale`: 10,000 open cases on one machine. Each case is submitted and sent an
 * evidence request, so it waits on its cure deadline (two weeks of real time: nothing is
 * compressed here). Reports the start throughput (cases per second until every case waits on its
 * deadline), the worker's resident memory and cache, the CPU of server, worker and load generator,
 * and the time the operator's listings take through visibility (`dossier cases list --overdue`,
 * and every case with a deadline in the next month, paged through). Three runs, each on a fresh
 * dev server. `--cases 2000 --runs 1 --in-flight 50` change the plan; `--cluster` runs it on a fresh
 * Temporal cluster on PostgreSQL instead, and reports PostgreSQL's CPU and its bytes per open case. Progress on stderr.
 */
import type { Client } from '@temporalio/client';
import { listCases, type CaseFilter } from '../platform/case-list';
import { loadConfig } from '../platform/config';
import { openWaitingCase, waitUntilVisible } from './support/open-cases';
import { residentMiBOf } from './support/processes';
import { option, printResult, progress, RUNS, runBenchmark, spreadOf } from './support/report';
import { onCluster, serverMethod, startStack, type Stack, type StorageBytes } from './support/stack';
import { bundleBenchWorkflows } from './support/worker';

const CASES = option('--cases', 10_000);
const IN_FLIGHT = option('--in-flight', 50);
const RUN_COUNT = option('--runs', RUNS);
const CLUSTER = onCluster();

/** Bytes each open case added to Temporal's store (persistence and visibility) and to dossier's database. */
function storagePerCase(before: StorageBytes, after: StorageBytes) {
  const temporal = (s: StorageBytes) => s.temporal + (s.visibility ?? 0);
  return {
    temporalStoreBytes: temporal(after),
    temporalStoreBytesPerOpenCase: Math.round((temporal(after) - temporal(before)) / CASES),
    ...(after.visibility === undefined
      ? {}
      : {
          persistenceBytesPerOpenCase: Math.round((after.temporal - before.temporal) / CASES),
          visibilityBytesPerOpenCase: Math.round((after.visibility - before.visibility!) / CASES),
        }),
    dossierDatabaseBytes: after.dossier,
    dossierDatabaseBytesPerOpenCase: Math.round((after.dossier - before.dossier) / CASES),
  };
}

async function timedList(client: Client, filter: CaseFilter) {
  const start = performance.now();
  const rows = await listCases(client, filter, Number.MAX_SAFE_INTEGER);
  return { seconds: +((performance.now() - start) / 1000).toFixed(3), cases: rows.length };
}

async function measureRun(bundle: string, run: number) {
  const stack: Stack = await startStack(bundle, { cluster: CLUSTER });
  try {
    const storageBefore = await stack.storageBytes();
    const cpu = stack.cpu();
    let opened = 0;
    let peakWorkerRss = 0;
    const started = performance.now();
    const sampler = setInterval(() => {
      peakWorkerRss = Math.max(peakWorkerRss, residentMiBOf(stack.worker.pid));
      const seconds = (performance.now() - started) / 1000;
      progress(
        `run ${run}: ${opened}/${CASES} cases waiting on their cure deadline ` +
          `(${(opened / seconds).toFixed(1)}/s), worker ${residentMiBOf(stack.worker.pid)} MiB resident`,
      );
    }, 5_000);
    let next = 0;
    const opener = async () => {
      while (next < CASES) {
        next++;
        await openWaitingCase(stack.client, stack.taskQueue);
        opened++;
      }
    };
    try {
      await Promise.all(Array.from({ length: IN_FLIGHT }, opener));
    } finally {
      clearInterval(sampler);
    }
    const startSeconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpu.read();
    const visibilityLagSeconds = await waitUntilVisible(stack.client, CASES);
    const worker = await stack.worker.stats();
    peakWorkerRss = Math.max(peakWorkerRss, worker.rssMiB);
    progress(`run ${run}: ${CASES} cases open in ${startSeconds.toFixed(1)} s; listing`);
    const overdue = await timedList(stack.client, { states: [], overdue: true, running: false });
    const inAMonth = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const dueWithinAMonth = await timedList(stack.client, { states: [], overdue: false, running: false, deadlineBefore: inAMonth });
    if (dueWithinAMonth.cases !== CASES) throw new Error(`listing found ${dueWithinAMonth.cases} cases due within a month, expected ${CASES}`);
    const storage = storagePerCase(storageBefore, await stack.storageBytes());
    return {
      casesOpenedPerSecond: +(CASES / startSeconds).toFixed(2),
      openSeconds: +startSeconds.toFixed(1),
      visibilityLagSeconds: +visibilityLagSeconds.toFixed(2),
      workerRssMiB: +worker.rssMiB.toFixed(1),
      workerPeakRssMiB: +peakWorkerRss.toFixed(1),
      workerHeapUsedMiB: +worker.heapUsedMiB.toFixed(1),
      workerHeapTotalMiB: +worker.heapTotalMiB.toFixed(1),
      workerExternalMiB: +worker.externalMiB.toFixed(1),
      cachedWorkflows: worker.cachedWorkflows,
      serverRssMiB: residentMiBOf(stack.server.pid),
      serverCpuSeconds: cpuSeconds.server,
      workerCpuSeconds: cpuSeconds.worker,
      loadGeneratorCpuSeconds: cpuSeconds.loadGenerator,
      ...(cpuSeconds.postgres === undefined ? {} : { postgresCpuSeconds: cpuSeconds.postgres }),
      serverCpuPerOpenCase: +(cpuSeconds.server / CASES).toFixed(4),
      workerCpuPerOpenCase: +(cpuSeconds.worker / CASES).toFixed(4),
      ...(cpuSeconds.postgres === undefined ? {} : { postgresCpuPerOpenCase: +(cpuSeconds.postgres / CASES).toFixed(4) }),
      ...storage,
      listOverdueSeconds: overdue.seconds,
      overdueCases: overdue.cases,
      listDueWithinAMonthSeconds: dueWithinAMonth.seconds,
      dueWithinAMonthCases: dueWithinAMonth.cases,
      noticesSent: stack.smtp.accepted,
    };
  } finally {
    await stack.stop();
  }
}

runBenchmark(async () => {
  progress('bundling the workflows');
  const bundle = await bundleBenchWorkflows({ compressTime: false });
  const runs = [];
  for (let run = 1; run <= RUN_COUNT; run++) runs.push(await measureRun(bundle, run));
  printResult('scale', {
    method: {
      ...serverMethod(CLUSTER),
      storage: CLUSTER
        ? "pg_database_size of Temporal's persistence and visibility databases and of dossier's, " +
          'before the first case and after the listings; per open case: the growth / cases'
        : "the dev server's SQLite file and its WAL, and the worker's data folder (dossier's SQLite database), " +
          'before the first case and after the listings; per open case: the growth / cases',
      worker:
        'one worker process with the production worker options (workflow cache: ' +
        `DOSSIER_MAX_CACHED_WORKFLOWS=${loadConfig().DOSSIER_MAX_CACHED_WORKFLOWS}), production activities and AES-GCM data converter`,
      cases: CASES,
      inFlight:
        `${IN_FLIGHT} submissions in flight; each case is started, sent its receipt notice, ` +
        'sent an evidence request (update) and its notice, then waits on its cure deadline (real time, nothing compressed)',
      listings:
        "through visibility with the CLI's own query (cli/case-filter.ts): --overdue, and --deadline-before a month from now (every case), paged to the end",
      runs: RUN_COUNT,
    },
    ...spreadOf(runs as Record<string, number>[]),
  });
});
