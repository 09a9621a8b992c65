/**
 * `dossier deadline`: one computation of the legal calendar, printed as JSON.
 *
 *   dossier deadline --jurisdiction NL --kind objection --from 2026-09-14
 *
 * Arguments are parsed with zod at this boundary; a bad one is a UsageError naming it.
 */
import { z } from 'zod';
import { issueLines } from '../../domain/case';
import {
  CalendarInputError,
  computeDeadline,
  isLocalDate,
  parseDecreeDays,
  periodKinds,
  type DecreeDay,
  type PeriodKind,
} from '../../domain/calendar';
import { isJurisdiction, knownJurisdictions } from '../../domain/jurisdictions';
import { parseArgs, UsageError, type Command } from '../command';
import { readJsonFile } from '../json-file';

const calendarDate = (option: string) =>
  z
    .string({ error: `--${option} is required (YYYY-MM-DD)` })
    .refine(isLocalDate, { error: (issue) => `--${option}: "${String(issue.input)}" is not a calendar date (YYYY-MM-DD)` });

const Options = z.object({
  jurisdiction: z
    .string({ error: `--jurisdiction is required (one of: ${knownJurisdictions().join(', ')})` })
    .transform((value) => value.toUpperCase())
    .refine(isJurisdiction, {
      error: (issue) => `--jurisdiction: unknown jurisdiction "${String(issue.input)}"; known: ${knownJurisdictions().join(', ')}`,
    }),
  kind: z.string({ error: '--kind is required' }),
  from: calendarDate('from'),
  on: calendarDate('on').optional(),
  'decree-days': z.string().optional(),
});

const OPTION_OF_FIELD: Record<CalendarInputError['field'], string> = { jurisdiction: 'jurisdiction', kind: 'kind', from: 'from', onDate: 'on' };

function readDecreeDays(path: string): DecreeDay[] {
  const data = readJsonFile(path, '--decree-days');
  try {
    return parseDecreeDays(data);
  } catch (err) {
    const detail = err instanceof z.ZodError ? issueLines(err).join('; ') : String(err);
    throw new UsageError(`--decree-days: "${path}" is not a decree-day list (${detail})`);
  }
}

export const deadlineCommand: Command = {
  name: 'deadline',
  usage: '--jurisdiction NL|NO --kind KIND --from YYYY-MM-DD [--on YYYY-MM-DD] [--decree-days FILE]',
  summary:
    'Compute one legal deadline (NL: cure, decision, objection, renewal-window; NO: cure, appeal, renewal) with its citations and every day moved. --on picks the law in force on that date (default: --from); --decree-days adds days equated with holidays by decree.',
  async run(args) {
    const { options, positional } = parseArgs(args, { options: ['jurisdiction', 'kind', 'from', 'on', 'decree-days'] });
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const parsed = Options.safeParse(options);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
    const { jurisdiction, kind, from, on } = parsed.data;
    const known = periodKinds(jurisdiction);
    if (!(known as string[]).includes(kind)) {
      throw new UsageError(`--kind: unknown period kind "${kind}" for ${jurisdiction}; known: ${known.join(', ')}`);
    }
    const extraDecreeDays = parsed.data['decree-days'] ? readDecreeDays(parsed.data['decree-days']) : undefined;
    try {
      return computeDeadline({ jurisdiction, kind: kind as PeriodKind, from, onDate: on, extraDecreeDays });
    } catch (err) {
      // The calendar names the field at fault; the user knows it by its option name.
      if (err instanceof CalendarInputError) throw new UsageError(`--${OPTION_OF_FIELD[err.field]}: ${err.message}`);
      throw err;
    }
  },
};
