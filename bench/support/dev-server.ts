/**
 * A fresh Temporal dev server for a benchmark run: its own SQLite file in a temporary folder, with
 * the same pragmas as `npm start` (WAL, synchronous=normal), headless, the case search attributes
 * registered. A fresh file per run keeps one run's leftovers out of the next.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../worker/search-attributes';
import { temporalCliPath } from './report';
import { freePort } from '../../scripts/free-port';

/** The dev server's SQLite settings, as every benchmark reports them. */
export const SQLITE_SETTINGS = { database: 'file (fresh per run)', pragmas: { journal_mode: 'wal', synchronous: 'normal' } } as const;

/**
 * The dev server fires a timer up to a second late by default (its timer queue may shift a timer by
 * `history.timerProcessorMaxTimeShift`, 1 s). Benchmarks compress two-week timers to a second, so
 * they set it to 10 ms: measured, a 71 ms timer then completes in ~170 ms instead of ~1,100 ms.
 */
export const DYNAMIC_CONFIG = { 'history.timerProcessorMaxTimeShift': '10ms' } as const;

export interface DevServer {
  address: string;
  pid: number;
  connection: Connection;
  /** The server's SQLite file (persistence and visibility; `-wal` beside it). */
  dbFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the server, again on fresh ports when it exits at once: a port found free may be taken by
 * another process before the server binds it (a run failed so on its HTTP port).
 */
export async function startDevServer(attempts = 3): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOnce();
    } catch (err) {
      if (attempt >= attempts || !(err instanceof ServerExited)) throw err;
    }
  }
}

class ServerExited extends Error {}

async function startDevServerOnce(): Promise<DevServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  const [port, httpPort] = [await freePort(), await freePort()];
  const address = `127.0.0.1:${port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--http-port',
    String(httpPort),
    '--headless',
    '--log-level',
    'error',
    '--db-filename',
    join(dir, 'temporal.sqlite'),
  ];
  for (const [pragma, value] of Object.entries(SQLITE_SETTINGS.pragmas)) args.push('--sqlite-pragma', `${pragma}=${value}`);
  for (const [key, value] of Object.entries(DYNAMIC_CONFIG)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  const server: ChildProcess = spawn(temporalCliPath(), args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolveExit) => server.once('exit', () => resolveExit()));
  const connection = await connectWhenUp(address, server).catch((err: Error) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  await ensureSearchAttributes(connection, 'default');
  return {
    address,
    pid: server.pid!,
    connection,
    dbFile: join(dir, 'temporal.sqlite'),
    async stop() {
      await connection.close();
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function connectWhenUp(address: string, server: ChildProcess, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) {
      throw new ServerExited(`the Temporal dev server exited with code ${server.exitCode} (is it installed? run \`npm run setup\`)`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1 second' });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the Temporal dev server did not answer at ${address}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
