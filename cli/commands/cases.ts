/** `dossier submit`, `dossier status`, `dossier act`: opening a case and working it. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationSchema, CaseNumberSchema, describeIssues } from '../../domain/case';
import { CASE_ACTION_TYPES, CaseActionSchema } from '../../domain/case-actions';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery, type ApplicationWorkflowInput } from '../../workflows/definitions';
import { withClient } from '../client';
import { UsageError, type Command } from '../command';

async function readJsonFile(path: string | undefined, what: string): Promise<unknown> {
  if (!path) throw new UsageError(`FILE: give the ${what} as a JSON file`);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`FILE: cannot read ${path} (${err.code ?? err.message})`);
  });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`FILE: ${path} is not JSON (${(err as Error).message})`);
  }
}

/** A new case number: jurisdiction, receipt date, random suffix (no personal data: it is the workflow id). */
function newCaseNumber(jurisdiction: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${jurisdiction}-${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

function parseCaseNumber(value: string | undefined): string {
  const parsed = CaseNumberSchema.safeParse(value ?? '');
  if (!parsed.success) throw new UsageError(`CASE-ID: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

const submit: Command = {
  name: 'submit',
  usage: 'FILE.json',
  summary: 'Open a case for an application ({caseNumber?, contact, facts}); with a caseNumber already in use, returns that case.',
  async run([file]) {
    const parsed = ApplicationSchema.safeParse(await readJsonFile(file, 'application'));
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

const act: Command = {
  name: 'act',
  usage: `CASE-ID ACTION [JSON]    (ACTION: ${CASE_ACTION_TYPES.join(', ')})`,
  summary: 'Take an action on a case, e.g. act NL-2026-0001 request-evidence \'{"missing":["passport"]}\'.',
  async run([caseId, actionType, json]) {
    const caseNumber = parseCaseNumber(caseId);
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
    const parsed = CaseActionSchema.safeParse({ ...payload, type: actionType });
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error, 'action'));
    return withClient(async ({ client }) => {
      try {
        return await client.workflow.getHandle(caseNumber).executeUpdate(actUpdate, { args: [parsed.data] });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) throw new Error(`rejected: ${err.cause?.message ?? err.message}`);
        return explainMissing(caseNumber)(err);
      }
    });
  },
};

const explainMissing = (caseNumber: string) => (err: unknown): never => {
  if (err instanceof WorkflowNotFoundError) throw new Error(`no case ${caseNumber}`);
  throw err;
};

export const caseCommands: Command[] = [submit, status, act];
