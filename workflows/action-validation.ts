/**
 * The update validator every dossier workflow uses: an action with a bad payload, or one the
 * machine refuses in its current state, is rejected before it reaches history, with a message that
 * names the state, the action and the field or rule. Workflow code (deterministic).
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { describeIssues } from '../domain/case';
import { INVALID_ACTION } from './definitions';
import { workflowNow } from './machine-runner';

export function validateAction<S extends z.ZodType<{ type: string }>>(
  schema: S,
  action: unknown,
  state: string,
  rejectionOf: (event: z.output<S> & { at: string }) => string | null,
): void {
  const parsed = schema.safeParse(action);
  if (!parsed.success) {
    const type = (action as { type?: unknown } | null)?.type;
    const named = typeof type === 'string' ? ` "${type}"` : '';
    throw ApplicationFailure.nonRetryable(`invalid action${named} in state "${state}": ${describeIssues(parsed.error, 'action')}`, INVALID_ACTION);
  }
  const rejection = rejectionOf({ ...parsed.data, at: workflowNow() });
  if (rejection) throw ApplicationFailure.nonRetryable(rejection, INVALID_ACTION);
}
