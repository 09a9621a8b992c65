/**
 * `dossier assess`: the policy assessment of one application's facts, printed as JSON: the text the
 * pack implements, the outcome, what it rests on and which version of each rule applied. Without
 * --on the date is today in the office's time zone (the CLI may read the clock; the domain never
 * does). Invalid facts exit non-zero with one `path: message` line each.
 */
import { officeTimeZone } from '../../domain/calendar';
import { isLocalDate, type LocalDate } from '../../domain/calendar/dates';
import { parseApplicationFacts, type Jurisdiction } from '../../domain/application';
import { assess, packFor } from '../../domain/policy';
import { todayIn } from '../../platform/local-time';
import { command, UsageError } from '../command';
import { readJsonFile } from '../json-file';

const today = (jurisdiction: Jurisdiction): LocalDate => todayIn(officeTimeZone(jurisdiction)) as LocalDate;

export const assessCommand = command({
  name: 'assess',
  summary:
    "Assess an application's facts under its jurisdiction's policy pack, on a date: the outcome, what it rests on and which version of each rule applied.",
  positionals: [{ name: 'FILE', description: 'the application facts, as JSON' }],
  options: {
    on: { type: 'string', value: 'YYYY-MM-DD', description: 'the date of the assessment (default: today in the office time zone)' },
    all: { type: 'boolean', description: 'add every rule in force, with all its conditions' },
  },
  async run({ args: { FILE: file }, options }) {
    if (options.on !== undefined && !isLocalDate(options.on)) throw new UsageError(`--on: "${options.on}" is not a calendar date (YYYY-MM-DD)`);

    const parsed = parseApplicationFacts(readJsonFile(file, 'FILE'));
    if (!parsed.ok) {
      throw new Error(`"${file}" is not a valid application:\n${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
    }
    const { evaluated, ...assessment } = assess(parsed.value, options.on ?? today(parsed.value.jurisdiction));
    // The text the pack implements, then the assessment with the version and source of each rule
    // applied; every rule in force, each with all its conditions, only on request (--all).
    return { text: packFor(parsed.value.jurisdiction).text, ...assessment, ...(options.all ? { evaluated } : {}) };
  },
});
