/**
 * `npm run bench:http`: the HTTP API under load. Opens `--cases` cases (default 10,000) that wait on
 * their cure deadline, then measures through the API, with a bearer token, over loopback:
 *
 * - a cached case's status (`GET /api/v1/cases/{n}`, one of the last cases opened, which the
 *   worker's cache holds) by `--users` connections of wrk (Debian's package; default 20) for
 *   `--seconds` (default 20) after 5 s of warm-up: latency percentiles and requests per second;
 * - the work queue of every open case, paged (`GET /api/v1/cases?running=true&pageSize=50`): the
 *   first and the last page, median of five each.
 *
 * One run on a fresh dev server; the server, the worker, this process (the HTTP server) and wrk
 * share the machine. `BENCH_PROF=DIR` writes CPU profiles of the worker process there. Progress on stderr, the result as JSON on stdout.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { promisify } from 'node:util';
import { buildServer } from '../http/server';
import { Accounts } from '../platform/accounts';
import { loadConfig } from '../platform/config';
import { queuePage } from '../platform/case-queue';
import { openDatabase } from '../platform/database';
import { openWaitingCase, waitUntilVisible } from './support/open-cases';
import { option, percentile, printResult, progress, runBenchmark } from './support/report';
import { startStack } from './support/stack';
import { bundleBenchWorkflows } from './support/worker';

const CASES = option('--cases', 10_000);
const USERS = option('--users', 20);
const SECONDS = option('--seconds', 20);
const WARMUP_SECONDS = 5;
const PAGE_SIZE = 50;

const ms = (value: number) => +value.toFixed(2);
const run = promisify(execFile);

async function timed(url: string, token: string): Promise<{ ms: number; body: { total?: number } }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { total?: number };
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, body };
}

/**
 * `wrk` (Debian's package) drives the status requests from a process of its own, so the HTTP server's
 * event loop serves requests and does not also generate them; latencies in microseconds from its
 * histogram, printed by the script's `done` hook.
 */
async function statusLoad(base: string, token: string, caseNumbers: string[], seconds: number) {
  const script = join(mkdtempSync(join(tmpdir(), 'dossier-wrk-')), 'status.lua');
  writeFileSync(
    script,
    `wrk.headers["authorization"] = "Bearer ${token}"
local paths = { ${caseNumbers.map((n) => `"/api/v1/cases/${n}"`).join(', ')} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout))
end
`,
  );
  try {
    const { stdout, stderr } = await run('wrk', ['-t1', `-c${USERS}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, base]);
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}${stderr}`);
    const [p50, p90, p99, max, requests, durationUs, errors] = line.split(' ').slice(1).map(Number) as number[];
    if (errors! > 0) throw new Error(`wrk: ${errors} requests failed (connection errors or non-2xx answers)`);
    const msOf = (us: number) => ms(us / 1000);
    return { p50: msOf(p50!), p90: msOf(p90!), p99: msOf(p99!), max: msOf(max!), requestsPerSecond: +(requests! / (durationUs! / 1e6)).toFixed(1) };
  } finally {
    rmSync(dirname(script), { recursive: true, force: true });
  }
}

runBenchmark(async () => {
  progress('bundling the workflows');
  const stack = await startStack(await bundleBenchWorkflows({ compressTime: false }));
  try {
    const opened: string[] = [];
    let next = 0;
    const started = performance.now();
    const opener = async () => {
      while (next++ < CASES) {
        opened.push(await openWaitingCase(stack.client, stack.taskQueue));
        if (opened.length % 500 === 0) progress(`${opened.length}/${CASES} cases open`);
      }
    };
    await Promise.all(Array.from({ length: 50 }, opener));
    progress(`${CASES} cases open in ${((performance.now() - started) / 1000).toFixed(0)} s; waiting for visibility`);
    await waitUntilVisible(stack.client, CASES);

    // The worker writes the work queue into the database of its data folder; the HTTP server reads it there.
    const config = loadConfig(stack.env);
    const database = await openDatabase(config);
    progress('waiting for the work queue to hold every case');
    while ((await queuePage(database.db, { states: [], overdue: false, running: true }, 1, 1)).total < CASES) await setTimeout(500);
    const accounts = new Accounts(database.db);
    const token = await accounts.createToken('bench', 'operator');
    const app = await buildServer({ client: stack.client, config, db: database.db, accounts, logger: false });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      // The last cases opened are in the worker's cache (the most recently used).
      const cached = opened.slice(-Math.min(50, opened.length));
      progress(`status of cached cases: ${USERS} users for ${SECONDS} s (after ${WARMUP_SECONDS} s of warm-up), load from wrk`);
      await statusLoad(base, token, cached, WARMUP_SECONDS);
      const status = await statusLoad(base, token, cached, SECONDS);

      progress('paging the queue of every open case');
      const pages = Math.ceil(CASES / PAGE_SIZE);
      const pageTimes = async (page: number) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const { ms: took, body } = await timed(`${base}/api/v1/cases?running=true&pageSize=${PAGE_SIZE}&page=${page}`, token);
          if (body.total !== CASES) throw new Error(`the queue lists ${body.total} cases, expected ${CASES}`);
          times.push(took);
        }
        return ms(percentile(times, 50));
      };
      const firstPageMs = await pageTimes(1);
      const lastPageMs = await pageTimes(pages);
      printResult('http', {
        method: {
          server: 'Temporal dev server (fresh SQLite file), one worker process with the production options',
          cases: `${CASES} open cases, each waiting on its cure deadline`,
          status:
            `wrk (a separate process): ${USERS} connections, each sending GET /api/v1/cases/{n} as soon as the last answered, for ${SECONDS} s, ` +
            `over the ${cached.length} cases opened last (cached), bearer token`,
          queue: `GET /api/v1/cases?running=true&pageSize=${PAGE_SIZE}, first and last of ${pages} pages, median of 5`,
        },
        statusLatencyMs: { p50: status.p50, p90: status.p90, p99: status.p99, max: status.max },
        statusRequestsPerSecond: status.requestsPerSecond,
        queueFirstPageMs: firstPageMs,
        queueLastPageMs: lastPageMs,
      });
    } finally {
      await app.close();
      await database.close();
    }
  } finally {
    await stack.stop();
  }
});
