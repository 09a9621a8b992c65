/** `dossier submit`, `dossier status`, `dossier act`: opening a case and working it. */
import { applicationSchema, CaseNumberSchema, describeIssues } from '../../domain/case';
import { CASE_ACTION_TYPES, CaseActionSchema, type CaseAction } from '../../domain/case-actions';
import { actOnCase, caseStatus, submitCase } from '../../platform/cases';
import { withClient } from '../client';
import { readJsonFile } from '../json-file';
import { actorFrom } from '../actor';
import { command, UsageError, type OptionSpec } from '../command';

export function parseCaseNumber(value: string): string {
  const parsed = CaseNumberSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`CASE-ID: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

const submit = command({
  name: 'submit',
  summary: 'Open a case for an application; with a caseNumber already in use, returns that case.',
  positionals: [{ name: 'FILE', description: 'the application as JSON: {caseNumber?, contact, facts}' }],
  async run({ args: { FILE: file } }) {
    const parsed = applicationSchema().safeParse(readJsonFile(file, 'FILE'));
    if (!parsed.success) throw new UsageError(`${file} is not a valid application:\n${describeIssues(parsed.error)}`);
    return withClient(async ({ client, config }) => {
      const { created, status } = await submitCase(client, config.TEMPORAL_TASK_QUEUE, parsed.data);
      return { created, ...status };
    });
  },
});

/** CASE-ID, the first argument of every command on one case. */
export const CASE_ID = { name: 'CASE-ID', description: 'a case number, e.g. NL-20261123-1A2B3C4D' } as const;

const status = command({
  name: 'status',
  summary: 'The case: its state, deadlines and decision clock, assessment, and the actions it accepts now.',
  positionals: [CASE_ID],
  async run({ args }) {
    const caseNumber = parseCaseNumber(args['CASE-ID']);
    return withClient(({ client }) => caseStatus(client, caseNumber));
  },
});

/** ACTION and its JSON payload from the command line, parsed with the workflow's own schema. */
export function parseAction(actionType: string, json: string | undefined, extra: Record<string, unknown> = {}): CaseAction {
  let payload: unknown = {};
  if (json !== undefined) {
    try {
      payload = JSON.parse(json);
    } catch (err) {
      throw new UsageError(`JSON: not valid JSON (${(err as Error).message})`);
    }
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new UsageError('JSON: must be an object');
  const parsed = CaseActionSchema.safeParse({ ...payload, ...extra, type: actionType });
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error, 'action'));
  return parsed.data;
}

/** `--as`: who acts (cli/actor.ts). */
export const AS_OPTION = {
  type: 'string',
  value: 'ROLE:ID',
  description: 'who acts: ROLE:ID, or caseworker:ID:on-behalf for the applicant (default: DOSSIER_ACTOR, else caseworker:$USER)',
} as const satisfies OptionSpec;

/** The declaration of `act` and `case act`, the same command under two names. */
export const actCommand = (name: string, summary: string) =>
  command({
    name,
    summary,
    positionals: [
      CASE_ID,
      { name: 'ACTION', description: `one of ${CASE_ACTION_TYPES.join(', ')}` },
      { name: 'JSON', optional: true, description: 'the action\'s fields as a JSON object, e.g. \'{"missing":["passport"]}\'' },
    ],
    options: { as: AS_OPTION },
    async run({ args, options }) {
      const caseNumber = parseCaseNumber(args['CASE-ID']);
      const action = parseAction(args.ACTION, args.JSON, { actor: actorFrom(options.as) });
      return withClient(({ client }) => actOnCase(client, caseNumber, action));
    },
  });

export const caseCommands = [submit, status, actCommand('act', 'Take an action on a case.')];
