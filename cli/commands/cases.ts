/** `dossier submit` and `dossier act`: opening a case and working it (`dossier status` is ./status.ts). */
import { applicationSchema, describeIssues } from '../../domain/case';
import { CASE_ACTION_TYPES, CaseActionSchema, type CaseAction } from '../../domain/case-actions';
import { actOnCase, submitCase } from '../../platform/cases';
import { withClient } from '../client';
import { readJsonFile } from '../json-file';
import { actorFrom } from '../actor';
import { CASE_ID, parseCaseNumber } from '../case-id';
import { command, UsageError, type OptionSpec } from '../command';

export const submitCommand = command({
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

export const caseActCommand = actCommand('act', 'Take an action on a case.');
