/**
 * The SDK's logs at WARN and above, with Temporal Core's own lines (its Rust `temporalio_sdk_core`
 * and client warnings) forwarded to the same logger instead of printed straight to standard error:
 * all of them kept for a failing test's report (test/support/log-environment.js), none printed for a
 * passing one.
 */
import { Runtime } from '@temporalio/worker';
import { atTeardown, testLogger } from './test-log';

Runtime.install({
  logger: testLogger('WARN'),
  telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
});

// Forwarding holds the process open while the runtime lives: once the file is done, an idle runtime
// (no worker, connection or server left) is shut down, so jest's worker can exit (the SDK does this
// itself only when a worker or connection closes, and a file may have had none).
atTeardown(async () => {
  const runtime = Runtime._instance as (Runtime & { isIdle(): boolean }) | undefined;
  if (runtime?.isIdle()) await runtime.shutdown();
});
