/** `npm run worker`: runs one dossier worker against the configured Temporal cluster until SIGINT/SIGTERM. */
import { NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from './config';
import { connectionOptions } from './connection';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from './data-converter';
import { ensureSearchAttributes } from './search-attributes';
import { installTelemetry, startCaseGauges } from './telemetry';
import { activitiesFor, createDossierWorker, mailerFor } from './worker';

async function main() {
  const config = loadConfig();
  // Before any connection: the runtime's logger and metrics exporter are fixed when it is first used.
  installTelemetry(config);
  const clientConnection = await Connection.connect(connectionOptions(config));
  await ensureSearchAttributes(clientConnection, config.TEMPORAL_NAMESPACE);
  const dataConverter = dataConverterFor(config);
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const connection = await NativeConnection.connect(connectionOptions(config));
  const mailer = mailerFor(config);
  const worker = await createDossierWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: activitiesFor(config, mailer, client),
    dataConverter,
  });
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
    mailer.close();
    await connection.close();
    await clientConnection.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
