/**
 * The application a case was opened with (its contact and facts), read from the case's start: the
 * first event of its history, decoded with the client's data converter, so it works on encrypted
 * histories. The case's status does not carry the contact; an application case never continues as
 * new and no action changes its application, so this is the contact its notices go to and the facts
 * it was opened on. The applicant's and holder's pages read it (http/web/).
 */
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { ApplicationFacts } from '../../domain/application';
import { CaseNumberSchema, ContactSchema, type Contact } from '../../domain/case';
import { APPLICATION_WORKFLOW, type ApplicationWorkflowInput } from '../../workflows/definitions';
import { isWorkflowMissing } from '../errors';

/** The application as submitted; null when there is no such case. */
async function openingApplication(client: Client, caseNumber: string): Promise<Partial<ApplicationWorkflowInput['application']> | null> {
  if (!CaseNumberSchema.safeParse(caseNumber).success) return null;
  let response: Awaited<ReturnType<Client['workflowService']['getWorkflowExecutionHistory']>>;
  try {
    response = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId: caseNumber },
      maximumPageSize: 1,
    });
  } catch (err) {
    if (isWorkflowMissing(err)) return null;
    throw err;
  }
  const started = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started || started.workflowType?.name !== APPLICATION_WORKFLOW) return null;
  const [input] = await decodeArrayFromPayloads(client.options.loadedDataConverter, started.input?.payloads);
  return (input as ApplicationWorkflowInput | undefined)?.application ?? null;
}

/** The applicant's contact of a case, to compare an address with; null when there is no such case or it no longer parses. */
export async function applicantContactOf(client: Client, caseNumber: string): Promise<Contact | null> {
  const contact = ContactSchema.safeParse((await openingApplication(client, caseNumber))?.contact);
  return contact.success ? contact.data : null;
}

/** The facts of the application that opened `caseNumber`; null when there is no such case or they no longer parse. */
export async function applicationFactsOf(client: Client, caseNumber: string): Promise<ApplicationFacts | null> {
  const facts = ApplicationFacts.safeParse((await openingApplication(client, caseNumber))?.facts);
  return facts.success ? facts.data : null;
}
