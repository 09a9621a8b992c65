/**
 * Heartbeats for an activity's whole run: one a second until the work settles, so Temporal notices
 * a dead worker within the heartbeat timeout however long the mail server or the cluster takes to
 * answer (an SMTP send may take 50 seconds within its own timeouts). None at the start: the server
 * counts the heartbeat timeout from the attempt's start, and work done within a second (most
 * notices) then costs no heartbeat call to the server at all.
 */
import { heartbeat } from '@temporalio/activity';

const BEAT_MS = 1_000;

export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const beat = setInterval(() => heartbeat(), BEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
