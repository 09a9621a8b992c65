/** Reading a case's history in tests. */
import type { WorkflowHandle } from '@temporalio/client';

/** The attempt on which each activity of `type` started, in order (e.g. [2, 1, 1]: the first was retried once). */
export async function activityAttempts(handle: WorkflowHandle, type = 'sendNotice'): Promise<number[]> {
  const { events } = await handle.fetchHistory();
  const typeOf = new Map(
    events!.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [[String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name]] : [])),
  );
  return events!.flatMap((e) => {
    const started = e.activityTaskStartedEventAttributes;
    return started && typeOf.get(String(started.scheduledEventId)) === type ? [started.attempt!] : [];
  });
}
