/**
 * `npm run bench:http`: the HTTP API under load. Opens `--cases` cases (default 10,000) that wait on
 * their cure deadline, then measures through the API, with a bearer token, over loopback:
 *
 * - a cached case's status (`GET /api/v1/cases/{n}`, one of the last cases opened, which the
 *   worker's cache holds) by `--users` concurrent clients (default 20), `--requests` in all:
 *   latency percentiles and requests per second;
 * - the work queue of every open case, paged (`GET /api/v1/cases?running=true&pageSize=50`): the
 *   first and the last page, median of five each.
 *
 * One run on a fresh dev server; the server, the worker and this process (load generator and HTTP
 * server together) share the machine. Progress on stderr, the result as JSON on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../http/server';
import { Accounts } from '../platform/accounts';
import { loadConfig } from '../platform/config';
import { openDatabase } from '../platform/database';
import { openWaitingCase, waitUntilVisible } from './support/open-cases';
import { option, percentile, printResult, progress, runBenchmark } from './support/report';
import { startStack } from './support/stack';
import { bundleBenchWorkflows } from './support/worker';

const CASES = option('--cases', 10_000);
const USERS = option('--users', 20);
const REQUESTS = option('--requests', 4_000);
const PAGE_SIZE = 50;

const ms = (value: number) => +value.toFixed(2);

async function timed(url: string, token: string): Promise<{ ms: number; body: { total?: number } }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { total?: number };
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, body };
}

runBenchmark(async () => {
  progress('bundling the workflows');
  const stack = await startStack(await bundleBenchWorkflows({ compressTime: false }));
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-bench-http-'));
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

    const config = loadConfig({ ...stack.env, DOSSIER_DATA_DIR: dataDir });
    const database = await openDatabase(config);
    const accounts = new Accounts(database.db);
    const token = await accounts.createToken('bench', 'operator');
    const app = await buildServer({ client: stack.client, config, accounts, logger: false });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      // The last cases opened are in the worker's cache (the most recently used).
      const cached = opened.slice(-Math.min(50, opened.length));
      progress(`status of cached cases: ${USERS} users, ${REQUESTS} requests`);
      const latencies: number[] = [];
      let sent = 0;
      const loadStart = performance.now();
      const user = async (u: number) => {
        while (sent < REQUESTS) {
          sent++;
          latencies.push((await timed(`${base}/api/v1/cases/${cached[(sent + u) % cached.length]}`, token)).ms);
        }
      };
      await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
      const loadSeconds = (performance.now() - loadStart) / 1000;

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
          status: `${USERS} concurrent clients, ${REQUESTS} GET /api/v1/cases/{n} over the ${cached.length} cases opened last (cached), bearer token`,
          queue: `GET /api/v1/cases?running=true&pageSize=${PAGE_SIZE}, first and last of ${pages} pages, median of 5`,
        },
        statusLatencyMs: {
          p50: ms(percentile(latencies, 50)),
          p90: ms(percentile(latencies, 90)),
          p99: ms(percentile(latencies, 99)),
          max: ms(Math.max(...latencies)),
        },
        statusRequestsPerSecond: +(REQUESTS / loadSeconds).toFixed(1),
        queueFirstPageMs: firstPageMs,
        queueLastPageMs: lastPageMs,
      });
    } finally {
      await app.close();
      await database.close();
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
