/**
 * Starts the HTTP API and the web app on DOSSIER_HTTP_ADDRESS: one Temporal client and one accounts
 * database for the process's life; `stop()` closes all three. `npm start` runs it beside the worker.
 */
import { Client, Connection } from '@temporalio/client';
import { Accounts } from '../platform/accounts';
import type { Config } from '../platform/config';
import { connectionOptions } from '../platform/connection';
import { openDatabase } from '../platform/database';
import { dataConverterFor } from '../platform/data-converter';
import { queueIsEmpty, reindexQueue } from '../platform/case-queue';
import { buildServer } from './server';

export interface RunningHttp {
  url: string;
  /** False until someone has an account: the first start says how to create one. */
  hasUsers: boolean;
  stop(): Promise<void>;
}

export async function startHttp(config: Config): Promise<RunningHttp> {
  const database = await openDatabase(config);
  const connection = await Connection.connect(connectionOptions(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(config) });
  const accounts = new Accounts(database.db);
  const app = await buildServer({ client, config, db: database.db, accounts });
  const [host, port] = config.DOSSIER_HTTP_ADDRESS.split(':') as [string, string];
  await app.listen({ host, port: Number(port) });
  // A queue with no line at all (a new database beside cases opened before it) is filled from visibility, in the background.
  const stopReindex = new AbortController();
  const reindexed = (async () => {
    if (!(await queueIsEmpty(database.db))) return;
    app.log.info('the work queue is empty: filling it from Temporal visibility');
    const outcome = await reindexQueue(client, database.db, {
      signal: stopReindex.signal,
      progress: (seen) => app.log.info({ seen }, 'work queue: cases seen'),
    });
    app.log.info(outcome, 'the work queue is filled');
  })().catch((err: unknown) => app.log.error({ err }, 'the work queue could not be filled; `dossier cases reindex` fills it'));
  return {
    url: config.DOSSIER_PUBLIC_URL ?? `http://${host}:${port}`,
    hasUsers: await accounts.hasUsers(),
    async stop() {
      stopReindex.abort();
      await reindexed;
      await app.close();
      await connection.close();
      await database.close();
    },
  };
}
