/**
 * Bench-only workflow interceptor: every durable timer fires after 1/SCALE of its duration, so a
 * two-week legal period passes in one second of wall time on the dev server (which cannot skip
 * time). The workflows, their deadlines (computed by the calendar) and their histories are
 * otherwise unchanged; the baseline's timer is compressed alike. Never part of a production worker.
 */
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** Wall milliseconds per simulated day: two weeks (14 days) take one second. */
export const SIMULATED_DAY_MS = 1000 / 14;
const SCALE = 86_400_000 / SIMULATED_DAY_MS;

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      startTimer: (input, next) => next({ ...input, durationMs: Math.max(1, Math.round(input.durationMs / SCALE)) }),
    },
  ],
});
