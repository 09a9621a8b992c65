/** `npm run worker`: runs one dossier worker against the configured Temporal cluster until SIGINT/SIGTERM. */
import { Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../platform/config';
import { installTelemetry, startCaseGauges } from './telemetry';
import { startConfiguredWorker } from './worker';

async function main() {
  const config = loadConfig();
  // Before any connection: the runtime's logger and metrics exporter are fixed when it is first used.
  installTelemetry(config);
  const { worker, close } = await startConfiguredWorker(config);
  const mail = config.SMTP_URL ? `SMTP ${new URL(config.SMTP_URL).host}` : `outbox ${config.outboxDir}`;
  const gauges = await startCaseGauges(config, config.DOSSIER_CASE_METRICS_INTERVAL);
  Runtime.instance().logger.info('worker started', {
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    mail,
    metrics: config.DOSSIER_METRICS_ADDRESS === 'off' ? 'off' : `http://${config.DOSSIER_METRICS_ADDRESS}/metrics`,
  });
  try {
    await worker.run(); // Temporal's runtime shuts the worker down gracefully on SIGINT/SIGTERM.
  } finally {
    await gauges.stop();
    await close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
