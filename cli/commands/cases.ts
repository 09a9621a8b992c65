/** `dossier submit`, `dossier status`, `dossier act`: opening a case and working it. */
import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { applicationSchema, CaseNumberSchema, describeIssues } from '../../domain/case';
import { CASE_ACTION_TYPES, CaseActionSchema, type CaseAction, type CaseActionInput } from '../../domain/case-actions';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery, type ApplicationWorkflowInput, type CaseStatus } from '../../workflows/definitions';
import { withClient } from '../client';
import { readJsonFile } from '../json-file';
import { actorFrom } from '../actor';
import { parseArgs, UsageError, type Command } from '../command';


/** A new case number: jurisdiction, receipt date, random suffix (no personal data: it is the workflow id). */
function newCaseNumber(jurisdiction: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${jurisdiction}-${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export function parseCaseNumber(value: string | undefined): string {
  const parsed = CaseNumberSchema.safeParse(value ?? '');
  if (!parsed.success) throw new UsageError(`CASE-ID: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

const submit: Command = {
  name: 'submit',
  usage: 'FILE.json',
  summary: 'Open a case for an application ({caseNumber?, contact, facts}); with a caseNumber already in use, returns that case.',
  async run([file]) {
    if (!file) throw new UsageError('FILE: give the application as a JSON file');
    const parsed = applicationSchema().safeParse(readJsonFile(file, 'FILE'));
    if (!parsed.success) throw new UsageError(`${file} is not a valid application:\n${describeIssues(parsed.error)}`);
    const application = { ...parsed.data, caseNumber: parsed.data.caseNumber ?? newCaseNumber(parsed.data.facts.jurisdiction) };
    return withClient(async ({ client, config }) => {
      const input: ApplicationWorkflowInput = { application };
      let created = true;
      try {
        await client.workflow.start(APPLICATION_WORKFLOW, {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowId: application.caseNumber,
          args: [input],
          // One case per case number, ever: a closed case is not reopened by resubmitting it.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        created = false;
      }
      const status = await client.workflow.getHandle(application.caseNumber).query(statusQuery);
      return { created, ...status };
    });
  },
};

const status: Command = {
  name: 'status',
  usage: 'CASE-ID',
  summary: 'The case: its state, deadlines and decision clock, assessment, and the actions it accepts now.',
  async run([caseId]) {
    const caseNumber = parseCaseNumber(caseId);
    return withClient(({ client }) => client.workflow.getHandle(caseNumber).query(statusQuery).catch(explainMissing(caseNumber)));
  },
};

/** ACTION and its JSON payload from the command line, parsed with the workflow's own schema. */
export function parseAction(actionType: string | undefined, json: string | undefined, extra: Record<string, unknown> = {}): CaseAction {
  if (!actionType) throw new UsageError(`ACTION: name one of ${CASE_ACTION_TYPES.join(', ')}`);
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

/** Sends one action to a case; a refusal throws `rejected: <the workflow's reason>`. */
export async function takeAction(client: Client, caseNumber: string, action: CaseActionInput): Promise<CaseStatus> {
  try {
    return await client.workflow.getHandle(caseNumber).executeUpdate(actUpdate, { args: [action] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new Error(`rejected: ${err.cause?.message ?? err.message}`);
    return explainMissing(caseNumber)(err);
  }
}

/** `CASE-ID ACTION [JSON] [--as ROLE:ID]` → the case and the action, with its actor (cli/actor.ts). */
export function parseActArgs(args: string[]): { caseNumber: string; action: CaseAction } {
  const { options, positional } = parseArgs(args, { options: ['as'] });
  const [caseId, actionType, json, extra] = positional;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const caseNumber = parseCaseNumber(caseId);
  return { caseNumber, action: parseAction(actionType, json, { actor: actorFrom(options.as) }) };
}

const act: Command = {
  name: 'act',
  usage: `CASE-ID ACTION [JSON] [--as ROLE:ID]    (ACTION: ${CASE_ACTION_TYPES.join(', ')})`,
  summary: 'Take an action on a case, e.g. act NL-2026-0001 request-evidence \'{"missing":["passport"]}\'; the actor is --as, else DOSSIER_ACTOR, else caseworker:$USER.',
  async run(args) {
    const { caseNumber, action } = parseActArgs(args);
    return withClient(({ client }) => takeAction(client, caseNumber, action));
  },
};

export const explainMissing = (caseNumber: string) => (err: unknown): never => {
  if (err instanceof WorkflowNotFoundError) throw new Error(`no case ${caseNumber}`);
  throw err;
};

export const caseCommands: Command[] = [submit, status, act];
