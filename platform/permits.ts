/**
 * The one place clients (the CLI, the HTTP API) reach permits: find them, read one, act on one,
 * read its history. A permit is named by its workflow id (`<case>.permit`) or by the number of the
 * case that granted it. Unknown permits throw NotFoundError; refused actions RefusedError
 * (platform/errors.ts), so each client answers in its own way.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { CaseNumberSchema, issueLines } from '../domain/case';
import { isJurisdiction, knownJurisdictions } from '../domain/jurisdictions';
import { PERMIT_ACTION_TYPES, PermitActionSchema, type PermitAction, type PermitActionInput } from '../domain/permit';
import { leafStateNames } from '../machines/diagram';
import { permitMachine } from '../machines/permit';
import { PERMIT_WORKFLOW, permitActUpdate, permitStatusQuery, permitWorkflowId, type PermitStatus } from '../workflows/permit-definitions';
import { isWorkflowMissing, NotFoundError, RefusedError } from './errors';
import { decodeHistory, type DecodedEvent } from './history/decode';
import { permitTimeline } from './history/permit-timeline';
import type { TimelineEntry } from './history/timeline';

/** The states a permit reports (`PermitStatus.state`): the permit machine's innermost states. */
export const PERMIT_STATES = leafStateNames(permitMachine);

/** Input from outside, checked: the value, or one `field: rule` line per problem. */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: string[] };

// ---- naming a permit ----

const SUFFIX = permitWorkflowId('');

/** The permit's workflow id from its workflow id or its case number; null when `id` is neither. */
export function permitWorkflowIdOf(id: string): string | null {
  const caseNumber = id.endsWith(SUFFIX) ? id.slice(0, -SUFFIX.length) : id;
  return CaseNumberSchema.safeParse(caseNumber).success ? permitWorkflowId(caseNumber) : null;
}

/** The workflow id of a permit that may exist; NotFoundError, naming `id` as given, when none can. */
function workflowIdOf(id: string): string {
  const workflowId = permitWorkflowIdOf(id);
  if (!workflowId) throw new NotFoundError('permit', id);
  return workflowId;
}

const missingPermit =
  (id: string) =>
  (err: unknown): never => {
    if (isWorkflowMissing(err)) throw new NotFoundError('permit', id);
    throw err;
  };

// ---- one permit ----

export async function permitStatus(client: Client, id: string): Promise<PermitStatus> {
  return client.workflow.getHandle(workflowIdOf(id)).query(permitStatusQuery).catch(missingPermit(id));
}

/** Sends one action to a permit: its status after, or RefusedError with the workflow's reason. */
export async function actOnPermit(client: Client, id: string, action: PermitActionInput): Promise<PermitStatus> {
  const handle = client.workflow.getHandle(workflowIdOf(id));
  const stateNow = () =>
    permitStatus(client, id).then(
      (s) => s.state,
      () => null,
    );
  try {
    return await handle.executeUpdate(permitActUpdate, { args: [action] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new RefusedError(await stateNow(), err.cause?.message ?? err.message);
    if (err instanceof WorkflowNotFoundError) {
      // Temporal answers an update to a workflow that has ended as "not found": the permit is there, it only accepts nothing.
      const ended = await handle.describe().catch(() => null);
      if (ended)
        throw new RefusedError(await stateNow(), `the permit's workflow is no longer running (${ended.status.name.toLowerCase()}); it accepts no action`);
    }
    return missingPermit(id)(err);
  }
}

/** ACTION and its fields as JSON text, parsed with the permit workflow's own schema; `extra` (e.g. the actor) wins over the JSON. */
export function parsePermitAction(type: string, jsonText: string | undefined, extra: Record<string, unknown> = {}): Checked<PermitAction> {
  if (!(PERMIT_ACTION_TYPES as string[]).includes(type))
    return { ok: false, issues: [`ACTION: unknown action "${type}"; one of ${PERMIT_ACTION_TYPES.join(', ')}`] };
  let payload: unknown = {};
  if (jsonText !== undefined) {
    try {
      payload = JSON.parse(jsonText);
    } catch (err) {
      return { ok: false, issues: [`JSON: not valid JSON (${(err as Error).message})`] };
    }
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, issues: ['JSON: must be an object'] };
  const parsed = PermitActionSchema.safeParse({ ...payload, ...extra, type });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: issueLines(parsed.error, 'action') };
}

// ---- a permit's history ----

export interface PermitRun {
  runId: string;
  events: DecodedEvent[];
}

export interface PermitHistory {
  workflowId: string;
  /** The permit's jurisdiction, from its start; null when no run says. */
  jurisdiction: string | null;
  entries: TimelineEntry[];
  /** Every run still kept, oldest first: the workflow continues as new at each renewal or conversion. */
  runs: PermitRun[];
  /** False when earlier runs are gone (past the namespace's retention), so the story starts later. */
  complete: boolean;
}

type StartedAttributes = { continuedExecutionRunId?: string | null };

/** The permit's history across its runs: Temporal's events decoded, and the timeline people read. */
export async function permitHistory(client: Client, id: string): Promise<PermitHistory> {
  const workflowId = workflowIdOf(id);
  const latest = await client.workflow.getHandle(workflowId).describe().catch(missingPermit(id));
  const runs: PermitRun[] = [];
  let complete = true;
  // Each run's start names the run it continues; walk back from the latest to the first.
  for (let runId: string | null = latest.runId; runId; ) {
    const history = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory()
      .catch((err: unknown) => {
        if (runs.length > 0 && err instanceof WorkflowNotFoundError) return null;
        return missingPermit(id)(err);
      });
    if (!history) {
      complete = false;
      break;
    }
    runs.unshift({ runId, events: await decodeHistory(history, client.options.loadedDataConverter) });
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes as StartedAttributes | null | undefined;
    runId = started?.continuedExecutionRunId || null;
  }
  const first = runs[0]?.events.find((e) => e.kind === 'started');
  const jurisdiction = first?.kind === 'started' ? ((first.input[0] as { permit?: { jurisdiction?: string } })?.permit?.jurisdiction ?? null) : null;
  return { workflowId, jurisdiction, entries: permitTimeline(runs.map((r) => r.events)), runs, complete };
}

// ---- finding permits ----

export interface PermitFilter {
  /** Permits in one of these states (PERMIT_STATES); none: any state. */
  states: string[];
  jurisdiction?: string;
  /** Only permits whose workflow runs (not expired, withdrawn or terminated). */
  running: boolean;
}

/** A filter as people and systems give it (the CLI's options, a query string), checked value by value. */
export function parsePermitFilter(input: { state?: string | string[]; jurisdiction?: string; running?: boolean }): Checked<PermitFilter> {
  const states = [input.state ?? []].flat().flatMap((list) =>
    list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const issues = states.filter((s) => !PERMIT_STATES.includes(s)).map((s) => `state: unknown state "${s}"; known: ${PERMIT_STATES.join(', ')}`);
  const jurisdiction = input.jurisdiction?.toUpperCase();
  if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) {
    issues.push(`jurisdiction: unknown jurisdiction "${input.jurisdiction}"; known: ${knownJurisdictions().join(', ')}`);
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: { states, jurisdiction, running: input.running ?? false } };
}

export interface PermitRow {
  workflowId: string;
  /** From the permit's status; null (like every field read from it) when the status could not be read. */
  permitNumber: string | null;
  /** The case that granted the permit. */
  caseNumber: string;
  jurisdiction: string | null;
  state: string | null;
  /** The last day of validity, and its last instant (ISO 8601). */
  validUntil: string | null;
  expiresAt: string | null;
  /** The day by which to apply for renewal; null for a permit that cannot be renewed. */
  renewBy: string | null;
  /** Temporal's execution status of the latest run: RUNNING, COMPLETED, TERMINATED, … */
  execution: string;
  /** When the latest run started (each renewal or conversion starts a new run). */
  startedAt: string;
  /** Why the status could not be read; null when it was. */
  problem: string | null;
}

/** Status queries in flight at once while listing: each one is a workflow task on a worker. */
const QUERY_WIDTH = 8;

async function rowOf(client: Client, info: WorkflowExecutionInfo): Promise<PermitRow> {
  const base = {
    workflowId: info.workflowId,
    caseNumber: info.workflowId.slice(0, -SUFFIX.length),
    execution: info.status.name,
    startedAt: info.startTime.toISOString(),
  };
  try {
    const s = await client.workflow.getHandle(info.workflowId).query(permitStatusQuery);
    return {
      ...base,
      permitNumber: s.permitNumber,
      caseNumber: s.caseNumber,
      jurisdiction: s.jurisdiction,
      state: s.state,
      validUntil: s.permit.validUntil,
      expiresAt: s.expiresAt,
      renewBy: s.renewBy?.due ?? null,
      problem: null,
    };
  } catch (err) {
    const nothing = { permitNumber: null, jurisdiction: null, state: null, validUntil: null, expiresAt: null, renewBy: null };
    const { message, cause } = err as Error;
    return { ...base, ...nothing, problem: cause instanceof Error ? `${message}: ${cause.message}` : message };
  }
}

const matches = (row: PermitRow, filter: PermitFilter) =>
  (filter.states.length === 0 || (row.state !== null && filter.states.includes(row.state))) &&
  (!filter.jurisdiction || row.jurisdiction === filter.jurisdiction);

/**
 * The matching permits, soonest renew-by (else expiry) first, at most `limit`. The permit workflow
 * publishes no search attributes, so visibility finds the permits and each one's status query
 * tells its state and jurisdiction, QUERY_WIDTH at a time.
 */
export async function listPermits(client: Client, filter: PermitFilter, limit: number): Promise<PermitRow[]> {
  const query = `WorkflowType = '${PERMIT_WORKFLOW}'${filter.running ? ` AND ExecutionStatus = 'Running'` : ''}`;
  const rows: PermitRow[] = [];
  const seen = new Set<string>();
  let batch: WorkflowExecutionInfo[] = [];
  const readBatch = async () => {
    const read = await Promise.all(batch.map((info) => rowOf(client, info)));
    rows.push(...read.filter((row) => matches(row, filter)));
    batch = [];
  };
  for await (const info of client.workflow.list({ query })) {
    // Visibility lists every run, the latest of a workflow first (running, else closed last); a permit is its latest run.
    if (seen.has(info.workflowId)) continue;
    seen.add(info.workflowId);
    batch.push(info);
    if (batch.length === QUERY_WIDTH) await readBatch();
    if (rows.length >= limit) break;
  }
  await readBatch();
  // Visibility cannot order by a date the workflow does not publish; sort here, unreadable permits last.
  const due = (row: PermitRow) => row.renewBy ?? row.expiresAt ?? '\uffff';
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => order(due(a), due(b)) || order(a.workflowId, b.workflowId)).slice(0, limit);
}
