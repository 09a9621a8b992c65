/** Builds a dossier worker: the workflows, and the activities wired to the configured mailer, ledger and ministry intake. */
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import {
  createMinistryActivities,
  createNoticeActivities,
  createOperatorAlertActivities,
  emailMinistryIntake,
  fileLedger,
  noticeLinks,
  outboxMailer,
  smtpMailer,
  type Mailer,
  type MinistryIntake,
  type NoticeActivityOptions,
  type NoticeLink,
  type SentLedger,
} from '../activities';
import { createContraIndicationActivities, fileContraIndicationRegister, type ContraIndicationRegister } from '../activities/contra-indications';
import { createPermitStarterActivities } from '../activities/permits';
import { databaseLedger, importSentFolder } from '../activities/sent-ledger';
import { Client as ClientImpl, Connection, type Client } from '@temporalio/client';
import { connectionOptions } from '../platform/connection';
import { caseQueueSinks } from '../platform/case-queue';
import { openDatabase, type Database, type Db } from '../platform/database';
import { dataConverterFor, keyRingFor } from '../platform/data-converter';
import { applicantLinkUrl } from '../platform/links';
import { ensureSearchAttributes } from './search-attributes';
import { PRELOAD_MODULES } from '../workflows/preload-modules';
import type { Config } from '../platform/config';

export function mailerFor(config: Config): Mailer {
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : outboxMailer(config.outboxDir, config.MAIL_FROM);
}

export interface DossierActivityOptions {
  mailer: Mailer;
  /** Starts granted permits' workflows (a client with the same data converter as the worker). */
  client: Client;
  ledger?: SentLedger;
  /** Defaults to e-mail to `ministryAddress`. */
  ministry?: MinistryIntake;
  ministryAddress?: string;
  operatorAlertAddress?: string;
  /** The register the permit's conversion is checked against; defaults to `data/contra-indications`. */
  contraIndications?: ContraIndicationRegister;
  /** The office that signs the applicant's letters (its name defaults to the authority of the case's jurisdiction). */
  office?: NoticeActivityOptions['office'];
  /** The signed link every notice carries (`noticeLinks`, from the configuration in `activitiesFor`); without it, letters show none. */
  applicantLink?: NoticeLink;
}

/** Every activity of dossier, wired to its adapters. */
export function dossierActivities({
  mailer,
  client,
  ledger,
  ministry,
  ministryAddress = 'ministry-intake@localhost',
  operatorAlertAddress,
  contraIndications,
  office,
  applicantLink,
}: DossierActivityOptions) {
  return {
    ...createPermitStarterActivities(client),
    ...createNoticeActivities(mailer, { ledger, office, applicantLink }),
    ...createMinistryActivities(ministry ?? emailMinistryIntake(mailer, ministryAddress, ledger)),
    ...createOperatorAlertActivities({ mailer, address: operatorAlertAddress, ledger }),
    ...createContraIndicationActivities(contraIndications ?? fileContraIndicationRegister(join('data', 'contra-indications'))),
  };
}

/**
 * The activities of a deployment. `ledger` defaults to a folder ledger in `config.sentDir` (tests and
 * benchmarks); `startConfiguredWorker` passes the database's, which every worker shares.
 */
export function activitiesFor(config: Config, mailer: Mailer, client: Client, ledger: SentLedger = fileLedger(config.sentDir)) {
  return dossierActivities({
    mailer,
    client,
    ledger,
    ministryAddress: config.MINISTRY_INTAKE_EMAIL,
    operatorAlertAddress: config.OPERATOR_ALERT_EMAIL,
    contraIndications: fileContraIndicationRegister(join(config.DOSSIER_DATA_DIR, 'contra-indications')),
    office: {
      name: config.DOSSIER_OFFICE_NAME,
      address: config.DOSSIER_OFFICE_ADDRESS?.split('|').map((line) => line.trim()),
      phone: config.DOSSIER_OFFICE_PHONE,
      email: config.MAIL_FROM,
    },
    // Signed with the payload codec's keys, rotated with them; followed at DOSSIER_PUBLIC_URL/a/….
    applicantLink: noticeLinks({ ring: keyRingFor(config), days: config.DOSSIER_LINK_DAYS, url: (token) => applicantLinkUrl(config, token) }),
  });
}

export interface DossierWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: ReturnType<typeof dossierActivities>;
  /** A prebuilt bundle (tests bundle once per file); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The encrypting data converter (`dataConverterFor(config)`); a prebuilt bundle must be built with its failureConverterPath. */
  dataConverter?: DataConverter;
  /** The sticky cache's size (`DOSSIER_MAX_CACHED_WORKFLOWS`); the SDK's default, sized from the heap limit, otherwise. */
  maxCachedWorkflows?: number;
  /** Where the work queue is kept (platform/case-queue.ts); without it the cases' changes are not written. */
  queueDb?: Db;
}

export function createDossierWorker(options: DossierWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    // A prebuilt bundle must be built with PRELOAD_MODULES too (test/support/temporal.ts, bench/support/worker.ts).
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows'), bundlerOptions: { preloadModules: PRELOAD_MODULES } }),
    activities: options.activities,
    dataConverter: options.dataConverter,
    maxCachedWorkflows: options.maxCachedWorkflows,
    sinks: caseQueueSinks(options.queueDb, options.dataConverter),
  });
}

/**
 * The worker of a deployment, from its configuration: opens the database (the sent-ledger and the
 * work queue live there) and imports the old ledger folder into it, registers the search attributes, connects a
 * client (for the activities that start workflows) and the worker with the encrypting data converter.
 */
export async function startConfiguredWorker(config: Config) {
  const database = await openDatabase(config);
  try {
    return await startWithDatabase(config, database);
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function startWithDatabase(config: Config, database: Database) {
  // Before this release the ledger was a folder of JSON records (DOSSIER_SENT_DIR): what it holds
  // went out, so it is copied into the table (each record once) before any activity runs.
  const { found, imported } = await importSentFolder(database.db, config.sentDir);
  if (found > 0) Runtime.instance().logger.info('sent-ledger folder imported into the database', { folder: config.sentDir, found, imported });
  const clientConnection = await Connection.connect(connectionOptions(config));
  await ensureSearchAttributes(clientConnection, config.TEMPORAL_NAMESPACE);
  const dataConverter = dataConverterFor(config);
  const client = new ClientImpl({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const connection = await NativeConnection.connect(connectionOptions(config));
  const mailer = mailerFor(config);
  const worker = await createDossierWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: activitiesFor(config, mailer, client, databaseLedger(database.db)),
    dataConverter,
    maxCachedWorkflows: config.DOSSIER_MAX_CACHED_WORKFLOWS,
    queueDb: database.db,
  });
  return {
    worker,
    /** After the worker has stopped: closes the mailer, both connections and the database. */
    async close() {
      mailer.close();
      try {
        await connection.close();
        await clientConnection.close();
      } finally {
        await database.close();
      }
    },
  };
}
