/** The command line's filter options for finding cases (platform/case-list.ts parses and runs them). */
import { knownJurisdictions } from '../domain/jurisdictions';
import { CASE_STATES, CaseFilterSchema, type CaseFilter } from '../platform/case-list';
import { UsageError, type OptionSpec } from './command';

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
  const parsed = CaseFilterSchema.safeParse({ ...options, deadlineBefore: options['deadline-before'] });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path[0] === 'deadlineBefore' ? 'deadline-before' : String(issue.path[0]);
  throw new UsageError(`--${option}: ${issue.message}`);
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
