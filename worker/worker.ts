/** Builds a dossier worker: the workflows, and the activities wired to the configured mailer. */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createNoticeActivities, outboxMailer, smtpMailer, type Mailer } from '../activities';
import type { Env } from './config';

export function mailerFor(config: Env & { outboxDir: string }): Mailer {
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : outboxMailer(config.outboxDir, config.MAIL_FROM);
}

export interface DossierWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  mailer: Mailer;
  /** A prebuilt bundle (tests bundle once per file); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createDossierWorker(options: DossierWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createNoticeActivities(options.mailer),
  });
}
