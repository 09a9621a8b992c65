/**
 * The application a case was opened with (its contact and facts), read from the case's start: the
 * first event of its history, decoded with the client's data converter, so it works on encrypted
 * histories. An application case never continues as new, so its first event is the application.
 * The holder's page (http/web/holder.ts) prefills a renewal from it; platform/links.ts reads the
 * contact the same way (applicantContactOf).
 */
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { ApplicationFacts } from '../../domain/application';
import { CaseNumberSchema } from '../../domain/case';
import { APPLICATION_WORKFLOW, type ApplicationWorkflowInput } from '../../workflows/definitions';

/** The facts of the application that opened `caseNumber`, as submitted; null when there is no such case or its facts no longer parse. */
export async function applicationFactsOf(client: Client, caseNumber: string): Promise<ApplicationFacts | null> {
  if (!CaseNumberSchema.safeParse(caseNumber).success) return null;
  let response: Awaited<ReturnType<Client['workflowService']['getWorkflowExecutionHistory']>>;
  try {
    response = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId: caseNumber },
      maximumPageSize: 1,
    });
  } catch (err) {
    if ((err as { code?: number }).code === 5) return null; // gRPC NOT_FOUND: no such case
    throw err;
  }
  const started = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started || started.workflowType?.name !== APPLICATION_WORKFLOW) return null;
  const [input] = await decodeArrayFromPayloads(client.options.loadedDataConverter, started.input?.payloads);
  const facts = ApplicationFacts.safeParse((input as ApplicationWorkflowInput | undefined)?.application?.facts);
  return facts.success ? facts.data : null;
}
