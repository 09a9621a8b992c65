/**
 * The one place clients (the CLI, the HTTP API, the web app) reach cases: open one, read it, act
 * on one or many, find them, read a history. Unknown cases throw NotFoundError; refused actions
 * RefusedError (platform/errors.ts), so each client answers in its own way.
 */
import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { addDays } from '../domain/calendar';
import type { Application } from '../domain/case';
import type { CaseAction, CaseActionInput } from '../domain/case-actions';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery, type ApplicationWorkflowInput, type CaseStatus } from '../workflows/definitions';
import type { CaseFilter } from './case-list';
import { isWorkflowMissing, NotFoundError, RefusedError } from './errors';
import { decodeHistory, type DecodedEvent } from './history/decode';
import { caseTimeline, type TimelineEntry } from './history/timeline';

/** A new case number: jurisdiction, receipt date, random suffix (no personal data: it is the workflow id). */
export function newCaseNumber(jurisdiction: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${jurisdiction}-${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** Turns Temporal's "no such workflow" into NotFoundError. */
export const missingCase =
  (caseNumber: string) =>
  (err: unknown): never => {
    if (isWorkflowMissing(err)) throw new NotFoundError('case', caseNumber);
    throw err;
  };

/**
 * Opens the case of an application parsed by `applicationSchema()`; one case per case number, ever: with a number already in
 * use (even of a closed case) it returns that case with `created: false`.
 */
export async function submitCase(client: Client, taskQueue: string, parsed: Application): Promise<{ created: boolean; status: CaseStatus }> {
  const application = { ...parsed, caseNumber: parsed.caseNumber ?? newCaseNumber(parsed.facts.jurisdiction) };
  const input: ApplicationWorkflowInput = { application };
  let created = true;
  try {
    await client.workflow.start(APPLICATION_WORKFLOW, {
      taskQueue,
      workflowId: application.caseNumber,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    created = false;
  }
  return { created, status: await caseStatus(client, application.caseNumber) };
}

export const caseStatus = (client: Client, caseNumber: string): Promise<CaseStatus> =>
  client.workflow.getHandle(caseNumber).query(statusQuery).catch(missingCase(caseNumber));

/** Sends one action to a case: its status after, or RefusedError with the workflow's reason. */
export async function actOnCase(client: Client, caseNumber: string, action: CaseActionInput): Promise<CaseStatus> {
  try {
    return await client.workflow.getHandle(caseNumber).executeUpdate(actUpdate, { args: [action] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const state = await caseStatus(client, caseNumber).then(
        (s) => s.state,
        () => null,
      );
      throw new RefusedError(state, err.cause?.message ?? err.message);
    }
    return missingCase(caseNumber)(err);
  }
}

/** A case's history: Temporal's events decoded, and the timeline people read (who, what, when, on which basis). */
export async function caseHistory(client: Client, caseNumber: string): Promise<{ caseNumber: string; entries: TimelineEntry[]; events: DecodedEvent[] }> {
  const history = await client.workflow.getHandle(caseNumber).fetchHistory().catch(missingCase(caseNumber));
  const events = await decodeHistory(history, client.options.loadedDataConverter);
  return { caseNumber, entries: caseTimeline(events), events };
}

// ---- one action on many cases ----

export interface BulkOutcome {
  caseNumber: string;
  action: CaseAction | null;
  result: 'accepted' | 'rejected' | 'would-act' | 'would-reject';
  reason: string | null;
  state: string | null;
}

export type BulkSummary =
  | { dryRun: true; matched: number; wouldAct: number; wouldReject: number; cases: BulkOutcome[] }
  | { dryRun: false; matched: number; accepted: number; rejected: number; cases: BulkOutcome[] };

/**
 * The action for one case from the caller's template. With `byDays`, `extend-cure-period` moves each
 * case's own cure deadline by that many days (the legal calendar's `addDays` on its current due
 * date), so one command after an outage gives every case the same extra week.
 */
export function bulkActionFor(
  status: Pick<CaseStatus, 'state' | 'deadlines'>,
  template: Record<string, unknown>,
  byDays: number | null,
): Record<string, unknown> {
  if (byDays === null) return template;
  if (!status.deadlines.cure) throw new Error(`no cure period runs in state "${status.state}"`);
  return { ...template, until: addDays(status.deadlines.cure.due, byDays) };
}

/** Tries one case: `make` builds (and parses) its action from its status; a dry run only checks what the case offers now. */
async function tryCase(client: Client, caseNumber: string, make: (status: CaseStatus) => CaseAction, dryRun: boolean): Promise<BulkOutcome> {
  const refused = dryRun ? 'would-reject' : 'rejected';
  let status: CaseStatus;
  try {
    status = await caseStatus(client, caseNumber);
  } catch (err) {
    return { caseNumber, action: null, result: refused, reason: (err as Error).message, state: null };
  }
  let action: CaseAction;
  try {
    action = make(status);
  } catch (err) {
    return { caseNumber, action: null, result: refused, reason: (err as Error).message, state: status.state };
  }
  if (dryRun) {
    // Rules on the payload are checked only when it is sent.
    const offered = status.allowedActions.includes(action.type);
    return {
      caseNumber,
      action,
      result: offered ? 'would-act' : 'would-reject',
      reason: offered ? null : `action "${action.type}" is not allowed in state "${status.state}"`,
      state: status.state,
    };
  }
  try {
    const after = await actOnCase(client, caseNumber, action);
    return { caseNumber, action, result: 'accepted', reason: null, state: after.state };
  } catch (err) {
    return { caseNumber, action, result: 'rejected', reason: err instanceof RefusedError ? err.reason : (err as Error).message, state: status.state };
  }
}

/** Runs `task` over `items`, at most `width` at a time, keeping the order of `items` in the result. */
async function inBatches<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/** One action on each of the cases (found by the caller: the queue or visibility), eight at a time. */
export async function bulkAct(client: Client, caseNumbers: string[], make: (status: CaseStatus) => CaseAction, dryRun: boolean): Promise<BulkSummary> {
  const outcomes = await inBatches(caseNumbers, 8, (caseNumber) => tryCase(client, caseNumber, make, dryRun));
  const count = (result: BulkOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return dryRun
    ? { dryRun: true, matched: outcomes.length, wouldAct: count('would-act'), wouldReject: count('would-reject'), cases: outcomes }
    : { dryRun: false, matched: outcomes.length, accepted: count('accepted'), rejected: count('rejected'), cases: outcomes };
}

/** A filter that names nothing would act on every case: never what anyone means by accident. */
export const isNarrowFilter = (filter: CaseFilter) => filter.states.length > 0 || !!filter.jurisdiction || !!filter.deadlineBefore || filter.overdue;
