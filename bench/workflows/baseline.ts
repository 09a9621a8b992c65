/**
 * The reference every orchestration figure is divided by: a bare Temporal workflow that runs its
 * steps (no-op activities, timers, waits for no-op updates) and nothing else. The baseline proper
 * is one activity and one timer; the *matched* reference does exactly the activities, timers and
 * updates of a case, so what remains of the difference is the orchestration itself. It runs on
 * the same server, task queue, worker and data converter as the case workflow, and its activity has
 * the same options as a notice.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { NOTICE_OPTIONS } from '../../workflows/notice-delivery';

export interface BaselineActivities {
  noop(): Promise<void>;
}

export const BASELINE_WORKFLOW = 'baselineWorkflow';

/** A step of the bare workflow: a no-op activity, a timer, or waiting until this many updates have arrived in all. */
export type BaselineStep = { activity: true } | { timer: string } | { updates: number };

/** Counts itself and answers with the number of updates so far; nothing else. */
export const pokeUpdate = defineUpdate<number>('poke');

/** The index of the step the workflow is at. */
export const stepQuery = defineQuery<number>('step');

const { noop } = proxyActivities<BaselineActivities>(NOTICE_OPTIONS);

export async function baselineWorkflow(input: { steps: BaselineStep[] }): Promise<string> {
  let updates = 0;
  let at = 0;
  setHandler(pokeUpdate, () => ++updates);
  setHandler(stepQuery, () => at);
  for (const [index, step] of input.steps.entries()) {
    at = index;
    if ('activity' in step) await noop();
    else if ('timer' in step) await sleep(step.timer);
    else await condition(() => updates >= step.updates);
  }
  return 'done';
}
