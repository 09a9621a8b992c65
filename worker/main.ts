/** `npm run worker`: runs one dossier worker against the configured Temporal cluster until SIGINT/SIGTERM. */
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadConfig } from './config';
import { connectionOptions } from './connection';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from './search-attributes';
import { activitiesFor, createDossierWorker, mailerFor } from './worker';

async function main() {
  const config = loadConfig();
  const clientConnection = await Connection.connect(connectionOptions(config));
  await ensureSearchAttributes(clientConnection, config.TEMPORAL_NAMESPACE).finally(() => clientConnection.close());
  const connection = await NativeConnection.connect(connectionOptions(config));
  const mailer = mailerFor(config);
  const worker = await createDossierWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: activitiesFor(config, mailer),
  });
  const mail = config.SMTP_URL ? `SMTP ${new URL(config.SMTP_URL).host}` : `outbox ${config.outboxDir}`;
  console.log(JSON.stringify({ msg: 'worker started', address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, mail }));
  try {
    await worker.run(); // Temporal's runtime shuts the worker down gracefully on SIGINT/SIGTERM.
  } finally {
    mailer.close();
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
