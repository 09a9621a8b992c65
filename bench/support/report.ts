/**
 * What every benchmark prints: one JSON object on stdout with the machine and versions it ran on,
 * and the median and spread of its runs. Progress goes to stderr, so stdout stays one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Every benchmark repeats its measurement this many times and reports the median and the spread. */
export const RUNS = 3;

export const temporalCliPath = () => process.env.TEMPORAL_CLI_PATH || resolve(ROOT, '.tools/venv/bin/temporal');
export const temporalTestServerPath = () => process.env.TEMPORAL_TEST_SERVER_PATH || resolve(ROOT, '.tools/venv/bin/temporal-test-server');

const versionOf = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;

function temporalCliVersion(): string {
  try {
    return execFileSync(temporalCliPath(), ['--version'], { encoding: 'utf8' }).trim();
  } catch (err) {
    return `unavailable (${(err as Error).message.split('\n')[0]})`;
  }
}

/** The machine and the software a figure was measured with. */
export function environment() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    versions: {
      temporalCli: temporalCliVersion(),
      '@temporalio/worker': versionOf('@temporalio/worker'),
      '@temporalio/client': versionOf('@temporalio/client'),
      xstate: versionOf('xstate'),
      zod: versionOf('zod'),
      nodemailer: versionOf('nodemailer'),
    },
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, in per cent: how far the runs disagree. */
  spreadPct: number;
  runs: number[];
}

/** Median and spread of a few runs' values. */
export function spread(values: number[], digits = 3): Spread {
  if (values.length === 0) throw new Error('spread() of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const round = (n: number) => +n.toFixed(digits);
  return {
    median: round(median),
    min: round(sorted[0]!),
    max: round(sorted[sorted.length - 1]!),
    spreadPct: median === 0 ? 0 : +(((sorted[sorted.length - 1]! - sorted[0]!) / median) * 100).toFixed(1),
    runs: values.map(round),
  };
}

/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Spreads of the same fields over runs: `{ a: [1, 2, 3] }`-like rows in, `{ a: Spread }` out. */
export function spreadOf<K extends string>(runs: Record<K, number>[], digits = 3): Record<K, Spread> {
  const keys = Object.keys(runs[0] ?? {}) as K[];
  return Object.fromEntries(
    keys.map((k) => [
      k,
      spread(
        runs.map((r) => r[k]),
        digits,
      ),
    ]),
  ) as Record<K, Spread>;
}

export const ratio = (a: number, b: number) => (b === 0 ? null : +(a / b).toFixed(3));

/** One progress line on stderr. */
export function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Prints the benchmark's one JSON object on stdout. */
export function printResult(bench: string, body: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ bench, at: new Date().toISOString(), environment: environment(), ...body }, null, 2) + '\n');
}

/** Runs a benchmark's main, turning a failure into a message and exit code 1. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

/** A whole-number command-line option (`--cases 2000`), at least 1; `fallback` when absent. */
export function option(flag: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: must be a whole number ≥ 1, got "${process.argv[i + 1]}"`);
  return n;
}

/** A command-line switch (`--cluster`): present or not. */
export function flag(name: string): boolean {
  return process.argv.includes(name);
}
