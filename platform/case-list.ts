/**
 * Finding cases: a filter turned into a Temporal visibility query over the case search attributes
 * (workflows/search-attributes.ts), and the matching cases as rows. Every value is checked before it
 * enters the query (cli/case-filter.ts, the HTTP API's schema), so no input can change its shape.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { z } from 'zod';
import { isLocalDate } from '../domain/calendar';
import { isJurisdiction, knownJurisdictions } from '../domain/jurisdictions';
import { leafStateNames } from '../machines/diagram';
import { applicationMachine } from '../machines/application';
import { APPLICATION_WORKFLOW } from '../workflows/definitions';
import { CASE_JURISDICTION, CASE_NEXT_DEADLINE, CASE_OVERDUE, CASE_STATE } from '../workflows/search-attributes';

export const CASE_STATES = leafStateNames(applicationMachine);

export interface CaseFilter {
  states: string[];
  jurisdiction?: string;
  /** ISO 8601 instant: cases whose next deadline is before it. */
  deadlineBefore?: string;
  overdue: boolean;
  /** Only cases still running (not closed, withdrawn, terminated). */
  running: boolean;
}

const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((list) => list.split(',').map((s) => s.trim())).filter(Boolean));

/** A yes/no query parameter: `true`, `false` or a boolean; no by default. */
export const yesNo = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false);

/**
 * A filter as people and systems give it (the CLI's options, the API's query string), parsed into
 * a CaseFilter; each issue names the field and the rule.
 */
export const CaseFilterFields = z.object({
  state: commaList
    .pipe(z.array(z.enum(CASE_STATES as [string, ...string[]], { error: (i) => `unknown state "${String(i.input)}"; known: ${CASE_STATES.join(', ')}` })))
    .default([]),
  jurisdiction: z
    .string()
    .transform((j) => j.toUpperCase())
    .refine(isJurisdiction, { error: (i) => `unknown jurisdiction "${String(i.input)}"; known: ${knownJurisdictions().join(', ')}` })
    .optional(),
  // A date means "before that day begins" (UTC midnight): a deadline at the end of the day before, in Amsterdam or Oslo, is included.
  deadlineBefore: z
    .string()
    .transform((before) => (isLocalDate(before) ? `${before}T00:00:00Z` : before))
    .refine((instant) => /^\d{4}-\d{2}-\d{2}T/.test(instant) && !Number.isNaN(Date.parse(instant)), {
      error: (i) => `"${String(i.input)}" is neither a date (YYYY-MM-DD) nor an ISO 8601 instant`,
    })
    .transform((instant) => new Date(instant).toISOString())
    .optional(),
  overdue: yesNo.describe('only cases whose decision is overdue'),
  running: yesNo.describe('only cases still running (not closed, withdrawn or terminated)'),
});

export const toCaseFilter = ({ state, jurisdiction, deadlineBefore, overdue, running }: z.output<typeof CaseFilterFields>): CaseFilter => ({
  states: state,
  jurisdiction,
  deadlineBefore,
  overdue,
  running,
});
export const CaseFilterSchema = CaseFilterFields.transform(toCaseFilter);

/** The visibility query for a filter, always limited to application cases. */
export function visibilityQuery(filter: CaseFilter): string {
  const clauses = [`WorkflowType = '${APPLICATION_WORKFLOW}'`];
  if (filter.states.length === 1) clauses.push(`${CASE_STATE.name} = '${filter.states[0]}'`);
  if (filter.states.length > 1) clauses.push(`${CASE_STATE.name} IN (${filter.states.map((s) => `'${s}'`).join(', ')})`);
  if (filter.jurisdiction) clauses.push(`${CASE_JURISDICTION.name} = '${filter.jurisdiction}'`);
  if (filter.deadlineBefore) clauses.push(`${CASE_NEXT_DEADLINE.name} < '${filter.deadlineBefore}'`);
  if (filter.overdue) clauses.push(`${CASE_OVERDUE.name} = true`);
  if (filter.running) clauses.push(`ExecutionStatus = 'Running'`);
  return clauses.join(' AND ');
}

export interface CaseRow {
  caseNumber: string;
  state: string | null;
  jurisdiction: string | null;
  nextDeadline: string | null;
  overdue: boolean;
  /** Temporal's execution status: RUNNING, COMPLETED, TERMINATED, … */
  execution: string;
  startedAt: string;
}

export function rowOf(info: WorkflowExecutionInfo): CaseRow {
  const attrs = info.typedSearchAttributes;
  return {
    caseNumber: info.workflowId,
    state: attrs.get(CASE_STATE) ?? null,
    jurisdiction: attrs.get(CASE_JURISDICTION) ?? null,
    nextDeadline: attrs.get(CASE_NEXT_DEADLINE)?.toISOString() ?? null,
    overdue: attrs.get(CASE_OVERDUE) ?? false,
    execution: info.status.name,
    startedAt: info.startTime.toISOString(),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A work queue's order: overdue decisions first, then the soonest next deadline (ISO instants sort as text), cases without one last. */
export function queueOrder(a: CaseRow, b: CaseRow): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.nextDeadline !== b.nextDeadline) return a.nextDeadline === null ? 1 : b.nextDeadline === null ? -1 : byText(a.nextDeadline, b.nextDeadline);
  return byText(a.caseNumber, b.caseNumber);
}

/** The matching cases in the queue's order, at most `limit`. */
export async function listCases(client: Client, filter: CaseFilter, limit: number): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for await (const info of client.workflow.list({ query: visibilityQuery(filter) })) {
    rows.push(rowOf(info));
    if (rows.length >= limit) break;
  }
  // The SQL visibility store of the dev server cannot ORDER BY; sort here.
  return rows.sort(queueOrder);
}
