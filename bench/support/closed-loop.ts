/**
 * A closed-loop load generator: `concurrency` virtual users each run one case (or baseline
 * workflow) after another. Only cases that *complete* inside the measuring window count; the
 * warm-up before it is not measured. Users finish the case in hand after the window, so the
 * stack stops with nothing half-done.
 */
import { percentile } from './report';

/** What one completed case reports: the round trips of its updates. */
export interface CaseOutcome {
  workflowId: string;
  updateLatenciesMs: number[];
}

export interface LoopResult {
  windowSeconds: number;
  completed: number;
  completedPerSecond: number;
  updates: number;
  updateLatencyMs: { p50: number; p99: number };
  /** Workflow ids of cases completed inside the window (for history sampling). */
  completedIds: string[];
  failures: string[];
}

export async function closedLoop(options: {
  concurrency: number;
  warmupSeconds: number;
  windowSeconds: number;
  runCase: (user: number, sequence: number) => Promise<CaseOutcome>;
  /** Called when the window opens and closes, e.g. to read CPU meters. */
  onWindow?: (edge: 'open' | 'close') => void;
}): Promise<LoopResult> {
  const { concurrency, warmupSeconds, windowSeconds, runCase } = options;
  const opensAt = Date.now() + warmupSeconds * 1000;
  const closesAt = opensAt + windowSeconds * 1000;
  const latencies: number[] = [];
  const completedIds: string[] = [];
  const failures: string[] = [];
  const openTimer = setTimeout(() => options.onWindow?.('open'), opensAt - Date.now());
  const closeTimer = setTimeout(() => options.onWindow?.('close'), closesAt - Date.now());
  const user = async (id: number) => {
    for (let sequence = 0; Date.now() < closesAt; sequence++) {
      try {
        const outcome = await runCase(id, sequence);
        const doneAt = Date.now();
        if (doneAt >= opensAt && doneAt < closesAt) {
          completedIds.push(outcome.workflowId);
          latencies.push(...outcome.updateLatenciesMs);
        }
      } catch (err) {
        failures.push((err as Error).message);
        if (failures.length > 20) throw new Error(`too many failed cases; first: ${failures[0]}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => user(i)));
  } finally {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
  }
  return {
    windowSeconds,
    completed: completedIds.length,
    completedPerSecond: +(completedIds.length / windowSeconds).toFixed(2),
    updates: latencies.length,
    updateLatencyMs: { p50: +percentile(latencies, 50).toFixed(1), p99: +percentile(latencies, 99).toFixed(1) },
    completedIds,
    failures,
  };
}
