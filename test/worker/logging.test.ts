/** The worker's JSON log lines mask e-mail addresses (the SDK logs activity failures in clear). */
import type { LogEntry } from '@temporalio/worker';
import { jsonLogLine } from '../../worker/telemetry';

test('a failure that quotes a refused address is logged without it, the rest intact', () => {
  const entry: LogEntry = {
    level: 'WARN',
    message: 'Activity failed',
    timestampNanos: 1_795_000_000_000_000_000n,
    meta: {
      error: new Error('the mail server refused the recipient permanently: 550 <amira.example@mail.example.test> unknown'),
      caseNumber: 'NL-2026-000123',
    },
  };
  const line = JSON.parse(jsonLogLine(entry));
  expect(line).toMatchObject({ level: 'WARN', msg: 'Activity failed', caseNumber: 'NL-2026-000123' });
  expect(line.error.message).toBe('the mail server refused the recipient permanently: 550 <[e-mail]> unknown');
  expect(jsonLogLine(entry)).not.toContain('amira');
});
