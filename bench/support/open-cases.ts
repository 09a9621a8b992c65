/** Open cases for the benchmarks that measure many of them: each waits on its cure deadline. */
import type { Client } from '@temporalio/client';
import { anApplication, withActor } from '../../test/support/cases';
import { actUpdate, APPLICATION_WORKFLOW } from '../../workflows/definitions';

/** The state every opened case waits in. */
export const WAITING = 'awaitingEvidence';

/** Submits one case and requests evidence, so that it waits on its cure deadline; its case number. */
export async function openWaitingCase(client: Client, taskQueue: string): Promise<string> {
  const application = anApplication();
  const handle = await client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: application.caseNumber!, args: [{ application }] });
  const status = await handle.executeUpdate(actUpdate, { args: [withActor({ type: 'request-evidence', missing: ['passport'] })] });
  if (status.state !== WAITING) throw new Error(`case ${application.caseNumber} is in ${status.state}, not ${WAITING}`);
  return application.caseNumber!;
}

/** Waits until visibility shows `expected` cases waiting; the seconds that took. */
export async function waitUntilVisible(client: Client, expected: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const { count } = await client.workflow.count(`WorkflowType = '${APPLICATION_WORKFLOW}' AND DossierState = '${WAITING}'`);
    if (count >= expected) return (performance.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 500));
  }
}
