/**
 * Finding cases: command-line filters turned into a Temporal visibility query over the case search
 * attributes (workflows/search-attributes.ts), and the matching cases as rows. Every value is
 * checked before it enters the query, so no argument can change the query's shape.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { isLocalDate } from '../domain/calendar';
import { isJurisdiction, knownJurisdictions } from '../domain/jurisdictions';
import { leafStateNames } from '../machines/diagram';
import { applicationMachine } from '../machines/application';
import { APPLICATION_WORKFLOW } from '../workflows/definitions';
import { CASE_JURISDICTION, CASE_NEXT_DEADLINE, CASE_OVERDUE, CASE_STATE } from '../workflows/search-attributes';
import { UsageError, type OptionSpec } from './command';

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

/** The filter options of `cases list` and `cases act`. */
export const FILTER_OPTIONS = {
  state: { type: 'string', multiple: true, value: 'STATE[,STATE…]', description: `cases in one of these states: ${CASE_STATES.join(', ')}` },
  jurisdiction: { type: 'string', value: knownJurisdictions().join('|'), description: 'cases of this jurisdiction (any letter case)' },
  'deadline-before': {
    type: 'string',
    value: 'YYYY-MM-DD|ISO',
    description: 'cases whose next deadline is before this day begins (UTC) or before this ISO 8601 instant',
  },
  overdue: { type: 'boolean', description: 'cases whose decision is overdue' },
  running: { type: 'boolean', description: 'cases still running (not closed, withdrawn or terminated)' },
} as const satisfies Record<string, OptionSpec>;

/** Filters from parsed options; a bad value is a UsageError naming the option. */
export function parseFilter(options: { state: string[]; jurisdiction?: string; 'deadline-before'?: string; overdue: boolean; running: boolean }): CaseFilter {
  const states = options.state.flatMap((list) => list.split(',').map((s) => s.trim()));
  for (const state of states) {
    if (!CASE_STATES.includes(state)) throw new UsageError(`--state: unknown state "${state}"; known: ${CASE_STATES.join(', ')}`);
  }
  const jurisdiction = options.jurisdiction?.toUpperCase();
  if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) {
    throw new UsageError(`--jurisdiction: unknown jurisdiction "${options.jurisdiction}"; known: ${knownJurisdictions().join(', ')}`);
  }
  let deadlineBefore: string | undefined;
  const before = options['deadline-before'];
  if (before !== undefined) {
    // A date means "before that day begins" (UTC midnight): a deadline at the end of the day before, in Amsterdam or Oslo, is included.
    const instant = isLocalDate(before) ? `${before}T00:00:00Z` : before;
    if (!/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(Date.parse(instant))) {
      throw new UsageError(`--deadline-before: "${before}" is neither a date (YYYY-MM-DD) nor an ISO 8601 instant`);
    }
    deadlineBefore = new Date(instant).toISOString();
  }
  return { states, jurisdiction, deadlineBefore, overdue: options.overdue, running: options.running };
}

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

function rowOf(info: WorkflowExecutionInfo): CaseRow {
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

/** The matching cases, soonest deadline first (cases without one last), at most `limit`. */
export async function listCases(client: Client, filter: CaseFilter, limit: number): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for await (const info of client.workflow.list({ query: visibilityQuery(filter) })) {
    rows.push(rowOf(info));
    if (rows.length >= limit) break;
  }
  // The SQL visibility store of the dev server cannot ORDER BY; sort here.
  return rows.sort((a, b) => (a.nextDeadline ?? '~').localeCompare(b.nextDeadline ?? '~') || a.caseNumber.localeCompare(b.caseNumber));
}

/** `--limit N` of `cases list` and `cases act`. */
export const LIMIT_OPTION = {
  type: 'string',
  value: 'N',
  default: '1000',
  description: 'at most N cases, soonest deadline first',
} as const satisfies OptionSpec;

/** The value of `--limit`: a positive whole number. */
export function parseLimit(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--limit: "${value}" is not a positive whole number`);
  return Number(value);
}
