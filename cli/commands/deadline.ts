/**
 * `dossier deadline`: one computation of the legal calendar, printed as JSON.
 *
 *   dossier deadline --jurisdiction NL --kind objection --from 2026-09-14
 *
 * The calendar checks its input itself and names the field at fault; a bad argument is a UsageError
 * naming the option.
 */
import { z } from 'zod';
import { issueLines } from '../../domain/case';
import { CalendarInputError, computeDeadline, parseDecreeDays, periodKinds, type DecreeDay, type Jurisdiction, type PeriodKind } from '../../domain/calendar';
import { knownJurisdictions } from '../../domain/jurisdictions';
import { command, UsageError } from '../command';
import { readJsonFile } from '../json-file';

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

export const deadlineCommand = command({
  name: 'deadline',
  summary: 'Compute one legal deadline with its citations and every day moved.',
  options: {
    jurisdiction: { type: 'string', required: true, value: knownJurisdictions().join('|'), description: 'whose law applies (any letter case)' },
    kind: {
      type: 'string',
      required: true,
      value: 'KIND',
      description: `the period: ${knownJurisdictions()
        .map((j) => `${j}: ${periodKinds(j as Jurisdiction).join(', ')}`)
        .join('; ')}`,
    },
    from: { type: 'string', required: true, value: 'YYYY-MM-DD', description: 'the day the period runs from' },
    on: { type: 'string', value: 'YYYY-MM-DD', description: 'apply the law in force on this date (default: the --from date)' },
    'decree-days': { type: 'string', value: 'FILE', description: 'a JSON file of days equated with holidays by decree' },
  },
  async run({ options }) {
    const extraDecreeDays = options['decree-days'] !== undefined ? readDecreeDays(options['decree-days']) : undefined;
    try {
      return computeDeadline({
        jurisdiction: options.jurisdiction.toUpperCase() as Jurisdiction,
        kind: options.kind as PeriodKind,
        from: options.from,
        onDate: options.on,
        extraDecreeDays,
      });
    } catch (err) {
      // The calendar names the field at fault; the user knows it by its option name.
      if (err instanceof CalendarInputError) throw new UsageError(`--${OPTION_OF_FIELD[err.field]}: ${err.message}`);
      throw err;
    }
  },
});
