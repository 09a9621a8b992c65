/**
 * The reference every orchestration figure is divided by: a bare Temporal workflow with one no-op
 * activity and one timer, and a no-op update (so update latency has a reference too). It runs on
 * the same server, task queue, worker and data converter as the case workflow, and its activity
 * has the same options as a notice.
 */
import { defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { IO_ACTIVITY_OPTIONS } from '../../workflows/notice-delivery';

export interface BaselineActivities {
  noop(): Promise<void>;
}

export const BASELINE_WORKFLOW = 'baselineWorkflow';

/** Answers with the workflow's phase; changes nothing. */
export const pokeUpdate = defineUpdate<string>('poke');

const { noop } = proxyActivities<BaselineActivities>(IO_ACTIVITY_OPTIONS);

export async function baselineWorkflow(input: { timer: string }): Promise<string> {
  let phase = 'activity';
  setHandler(pokeUpdate, () => phase);
  await noop();
  phase = 'timer';
  await sleep(input.timer);
  return 'done';
}
