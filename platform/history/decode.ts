/**
 * A case's or a permit's Temporal history with its payloads decoded: the events the timeline
 * reads, each with its inputs and results as plain values. Payloads go through the same data
 * converter as the worker's (its codecs, e.g. encryption, and its payload converter), so this
 * works on encrypted histories.
 * Search attributes are never encoded by codecs; they are read with the payload converter alone.
 */
import type { LoadedDataConverter, Payload } from '@temporalio/common';
import { decodeArrayFromPayloads, decodeOptionalFailureToOptionalError, decodeUserMetadata } from '@temporalio/common/lib/internal-non-workflow';
import { mapFromPayloads } from '@temporalio/common/lib/converter/payload-converter';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

interface Base {
  id: number;
  /** ISO 8601. */
  time: string;
}

/** The events a case's or permit's story is told from; workflow-task bookkeeping is left out. */
export type DecodedEvent = Base &
  (
    | { kind: 'started'; workflowType: string; identity: string; input: unknown[] }
    | { kind: 'updateAccepted'; updateId: string; name: string; identity: string; args: unknown[] }
    | { kind: 'updateCompleted'; updateId: string; acceptedEventId: number; result: unknown; failure: string | null }
    | { kind: 'signaled'; name: string; identity: string; input: unknown[] }
    | { kind: 'activityScheduled'; activityType: string; input: unknown[] }
    | { kind: 'activityCompleted'; scheduledEventId: number; result: unknown }
    | { kind: 'activityFailed'; scheduledEventId: number; failure: string }
    | { kind: 'searchAttributes'; fields: Record<string, unknown> }
    | { kind: 'timerStarted'; timerId: string; summary: string | null }
    | { kind: 'timerFired'; timerId: string; startedEventId: number }
    | { kind: 'timerCanceled'; timerId: string }
    /** A child workflow, e.g. a permit's renewal case. */
    | { kind: 'childStarted'; workflowId: string; workflowType: string }
    | { kind: 'childClosed'; workflowId: string; how: 'completed' | 'failed' | 'terminated' | 'canceled' | 'timed-out'; result: unknown; reason: string | null }
    | {
        kind: 'closed';
        how: 'completed' | 'failed' | 'terminated' | 'canceled' | 'timed-out' | 'continued-as-new';
        result: unknown;
        reason: string | null;
        identity: string | null;
      }
  );

const num = (value: unknown): number => Number(String(value ?? 0));

/** Event time as ISO 8601; seconds arrive as a Long from the server and as a number from `historyFromJSON`. */
function isoTime(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): string {
  return new Date(num(ts?.seconds) * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6)).toISOString();
}

function eventTypeName(event: HistoryEvent): string {
  const type = event.eventType as unknown;
  const name = typeof type === 'number' ? temporal.api.enums.v1.EventType[type] : String(type);
  return String(name).replace(/^EVENT_TYPE_/, '');
}

async function errorMessage(converter: LoadedDataConverter, failure: temporal.api.failure.v1.IFailure | null | undefined): Promise<string> {
  const error = await decodeOptionalFailureToOptionalError(converter, failure);
  return error?.message ?? 'unknown failure';
}

type ChildAttributes = { workflowExecution?: { workflowId?: string | null } | null } | null | undefined;
const childId = (a: ChildAttributes) => a?.workflowExecution?.workflowId ?? '';
/** A child workflow that ended without a result or a failure to tell. */
const childEnded = (base: Base, a: ChildAttributes, how: 'terminated' | 'canceled' | 'timed-out'): DecodedEvent => ({
  ...base,
  kind: 'childClosed',
  workflowId: childId(a),
  how,
  result: null,
  reason: null,
});

async function decodeEvent(event: HistoryEvent, converter: LoadedDataConverter): Promise<DecodedEvent | null> {
  const base: Base = { id: num(event.eventId), time: isoTime(event.eventTime) };
  const payloads = (p: { payloads?: Payload[] | null } | null | undefined) => decodeArrayFromPayloads(converter, p?.payloads);
  const first = async (p: { payloads?: Payload[] | null } | null | undefined) => (await payloads(p))[0] ?? null;
  switch (eventTypeName(event)) {
    case 'WORKFLOW_EXECUTION_STARTED': {
      const a = event.workflowExecutionStartedEventAttributes!;
      return { ...base, kind: 'started', workflowType: a.workflowType?.name ?? '', identity: a.identity ?? '', input: await payloads(a.input) };
    }
    case 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED': {
      const request = event.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest;
      return {
        ...base,
        kind: 'updateAccepted',
        updateId: request?.meta?.updateId ?? '',
        identity: request?.meta?.identity ?? '',
        name: request?.input?.name ?? '',
        args: await payloads(request?.input?.args),
      };
    }
    case 'WORKFLOW_EXECUTION_UPDATE_COMPLETED': {
      const a = event.workflowExecutionUpdateCompletedEventAttributes!;
      const outcome = a.outcome;
      return {
        ...base,
        kind: 'updateCompleted',
        updateId: a.meta?.updateId ?? '',
        acceptedEventId: num(a.acceptedEventId),
        result: outcome?.success ? await first(outcome.success) : null,
        failure: outcome?.failure ? await errorMessage(converter, outcome.failure) : null,
      };
    }
    case 'WORKFLOW_EXECUTION_SIGNALED': {
      const a = event.workflowExecutionSignaledEventAttributes!;
      return { ...base, kind: 'signaled', name: a.signalName ?? '', identity: a.identity ?? '', input: await payloads(a.input) };
    }
    case 'ACTIVITY_TASK_SCHEDULED': {
      const a = event.activityTaskScheduledEventAttributes!;
      return { ...base, kind: 'activityScheduled', activityType: a.activityType?.name ?? '', input: await payloads(a.input) };
    }
    case 'ACTIVITY_TASK_COMPLETED': {
      const a = event.activityTaskCompletedEventAttributes!;
      return { ...base, kind: 'activityCompleted', scheduledEventId: num(a.scheduledEventId), result: await first(a.result) };
    }
    case 'ACTIVITY_TASK_FAILED': {
      const a = event.activityTaskFailedEventAttributes!;
      return { ...base, kind: 'activityFailed', scheduledEventId: num(a.scheduledEventId), failure: await errorMessage(converter, a.failure) };
    }
    case 'ACTIVITY_TASK_TIMED_OUT': {
      const a = event.activityTaskTimedOutEventAttributes!;
      return { ...base, kind: 'activityFailed', scheduledEventId: num(a.scheduledEventId), failure: await errorMessage(converter, a.failure) };
    }
    case 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES': {
      const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      return { ...base, kind: 'searchAttributes', fields: mapFromPayloads(converter.payloadConverter, fields as Record<string, Payload>) ?? {} };
    }
    case 'TIMER_STARTED': {
      const metadata = await decodeUserMetadata(converter, event.userMetadata);
      return { ...base, kind: 'timerStarted', timerId: event.timerStartedEventAttributes?.timerId ?? '', summary: metadata.staticSummary ?? null };
    }
    case 'TIMER_FIRED': {
      const a = event.timerFiredEventAttributes!;
      return { ...base, kind: 'timerFired', timerId: a.timerId ?? '', startedEventId: num(a.startedEventId) };
    }
    case 'TIMER_CANCELED':
      return { ...base, kind: 'timerCanceled', timerId: event.timerCanceledEventAttributes?.timerId ?? '' };
    case 'CHILD_WORKFLOW_EXECUTION_STARTED': {
      const a = event.childWorkflowExecutionStartedEventAttributes!;
      return { ...base, kind: 'childStarted', workflowId: childId(a), workflowType: a.workflowType?.name ?? '' };
    }
    case 'CHILD_WORKFLOW_EXECUTION_COMPLETED': {
      const a = event.childWorkflowExecutionCompletedEventAttributes!;
      return { ...base, kind: 'childClosed', workflowId: childId(a), how: 'completed', result: await first(a.result), reason: null };
    }
    case 'CHILD_WORKFLOW_EXECUTION_FAILED': {
      const a = event.childWorkflowExecutionFailedEventAttributes!;
      return { ...base, kind: 'childClosed', workflowId: childId(a), how: 'failed', result: null, reason: await errorMessage(converter, a.failure) };
    }
    case 'CHILD_WORKFLOW_EXECUTION_TERMINATED':
      return childEnded(base, event.childWorkflowExecutionTerminatedEventAttributes, 'terminated');
    case 'CHILD_WORKFLOW_EXECUTION_CANCELED':
      return childEnded(base, event.childWorkflowExecutionCanceledEventAttributes, 'canceled');
    case 'CHILD_WORKFLOW_EXECUTION_TIMED_OUT':
      return childEnded(base, event.childWorkflowExecutionTimedOutEventAttributes, 'timed-out');
    case 'WORKFLOW_EXECUTION_COMPLETED':
      return {
        ...base,
        kind: 'closed',
        how: 'completed',
        result: await first(event.workflowExecutionCompletedEventAttributes?.result),
        reason: null,
        identity: null,
      };
    case 'WORKFLOW_EXECUTION_FAILED':
      return {
        ...base,
        kind: 'closed',
        how: 'failed',
        result: null,
        reason: await errorMessage(converter, event.workflowExecutionFailedEventAttributes?.failure),
        identity: null,
      };
    case 'WORKFLOW_EXECUTION_TERMINATED': {
      const a = event.workflowExecutionTerminatedEventAttributes;
      return { ...base, kind: 'closed', how: 'terminated', result: null, reason: a?.reason || null, identity: a?.identity || null };
    }
    case 'WORKFLOW_EXECUTION_CANCELED':
      return { ...base, kind: 'closed', how: 'canceled', result: null, reason: null, identity: null };
    case 'WORKFLOW_EXECUTION_TIMED_OUT':
      return { ...base, kind: 'closed', how: 'timed-out', result: null, reason: null, identity: null };
    case 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW':
      return { ...base, kind: 'closed', how: 'continued-as-new', result: null, reason: null, identity: null };
    default:
      return null;
  }
}

/** The history's events that tell the case's story, decoded with `converter` (the client's: `client.options.loadedDataConverter`). */
export async function decodeHistory(history: History, converter: LoadedDataConverter): Promise<DecodedEvent[]> {
  const decoded = await Promise.all((history.events ?? []).map((event) => decodeEvent(event, converter)));
  return decoded.filter((e): e is DecodedEvent => e !== null);
}
