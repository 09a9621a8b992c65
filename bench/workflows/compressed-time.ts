/**
 * Bench-only workflow interceptor: a fast clock, so the case lifecycle's legal periods pass on the
 * dev server (which cannot skip time). Inside the workflow, time runs SPEED times faster from the
 * run's start (one wall second = two weeks), and every durable timer fires after 1/SPEED of its
 * duration. Deadlines are still computed by the calendar from that (fast) workflow time, so the
 * machine, its timers and its history are those of a real case; the baseline's timer is
 * compressed alike. Never part of a production worker.
 *
 * Workflow time is the activation's timestamp, which the SDK keeps on its activator; setting it
 * from the same timestamp keeps replay deterministic. (Internal SDK API, pinned version.)
 */
import { tsToMs } from '@temporalio/common/lib/time';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { getActivator } from '@temporalio/workflow/lib/global-attributes';

/** Wall milliseconds per simulated day: two weeks (14 days) take one second. */
export const SIMULATED_DAY_MS = 1000 / 14;
const SPEED = 86_400_000 / SIMULATED_DAY_MS;

export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate(input, next) {
        // Queries carry no timestamp: workflow time stays where the last activation put it.
        if (input.activation.timestamp) {
          const start = workflowInfo().runStartTime.getTime();
          getActivator().now = start + (tsToMs(input.activation.timestamp) - start) * SPEED;
        }
        return next(input);
      },
    },
  ],
  outbound: [
    {
      startTimer: (input, next) => next({ ...input, durationMs: Math.max(1, Math.round(input.durationMs / SPEED)) }),
    },
  ],
});
