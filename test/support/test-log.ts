/**
 * Output kept for the test that fails (test/support/log-environment.js prints it then, and nothing
 * for a passing test). Outside that environment (a script), it goes to standard error as it comes.
 */
import type { Readable } from 'node:stream';
import { formatWithOptions } from 'node:util';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

interface KeptLogs {
  write(text: string): void;
  keepFile(path: string, label: string): void;
  atTeardown(fn: () => Promise<void>): void;
}

const kept = (): KeptLogs | undefined => (globalThis as { __dossierTestLog?: KeptLogs }).__dossierTestLog;

/** Text (ending with a newline) for the current test's logs. */
export function testLog(text: string): void {
  const logs = kept();
  if (logs) logs.write(text);
  else process.stderr.write(text);
}

/** A child process's output stream, kept for the current test's logs under `label`. */
export function keepOutput(stream: Readable, label: string): void {
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    if (lines.length > 0) testLog(lines.map((line) => `[${label}] ${line}\n`).join(''));
  });
  stream.on('end', () => partial && testLog(`[${label}] ${partial}\n`));
}

/** `fn` runs once the test file is done, after its afterAll hooks (outside jest: never). */
export function atTeardown(fn: () => Promise<void>): void {
  kept()?.atTeardown(fn);
}

/**
 * A log file another process appends to (a server's): what it gained during a failing test is
 * printed with that test's logs. False outside jest (nothing would read it).
 */
export function keepLogFile(path: string, label: string): boolean {
  const logs = kept();
  logs?.keepFile(path, label);
  return logs !== undefined;
}

/**
 * An SDK logger whose lines are kept for the current test's logs: the runtime's
 * (test/support/quiet-logs.ts) and a MockActivityEnvironment's, whose default logger prints at INFO.
 */
export function testLogger(level: LogLevel = 'WARN'): DefaultLogger {
  return new DefaultLogger(level, ({ level, timestampNanos, message, meta }: LogEntry) => {
    const at = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
    testLog(`${at} [${level}] ${message}${meta === undefined ? '' : ` ${formatWithOptions({ colors: false }, meta)}`}\n`);
  });
}
