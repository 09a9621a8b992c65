/**
 * Starts a granted permit's own workflow. The permit outlives its application case by years, so it
 * is started as an independent workflow (not a child), on the worker's task queue, with the id
 * `${caseNumber}.permit`. Idempotent: a retry finds the permit already started and succeeds.
 */
import { activityInfo, log } from '@temporalio/activity';
import { heartbeating } from './heartbeats';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { PERMIT_WORKFLOW, permitWorkflowId, type PermitInput, type PermitWorkflowStart } from '../domain/permit';

export function createPermitStarterActivities(client: Client) {
  return {
    async startPermit(permit: PermitInput): Promise<{ workflowId: string; started: boolean }> {
      const workflowId = permitWorkflowId(permit.caseNumber);
      try {
        await heartbeating(() =>
          client.workflow.start(PERMIT_WORKFLOW, {
            taskQueue: activityInfo().taskQueue,
            workflowId,
            args: [{ permit } satisfies PermitWorkflowStart],
            // One permit per grant, ever.
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        );
        log.info('permit started', { caseNumber: permit.caseNumber, permitNumber: permit.permitNumber, workflowId });
        return { workflowId, started: true };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
        throw err;
      }
    },
  };
}

export type PermitStarterActivities = ReturnType<typeof createPermitStarterActivities>;
