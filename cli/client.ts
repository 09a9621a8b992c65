/** A Temporal client configured from the environment (the same variables as the worker). */
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type Env } from '../platform/config';
import { connectionOptions } from '../platform/connection';
import { dataConverterFor } from '../platform/data-converter';

export interface CaseClient {
  client: Client;
  config: Env;
}

/** Runs `fn` with a connected client and always closes the connection, so the CLI exits. */
export async function withClient<T>(fn: (c: CaseClient) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: '5 seconds' }).catch((err: Error) => {
    throw new Error(`cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (${err.message}); is \`npm start\` running?`);
  });
  try {
    return await fn({ client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(config) }), config });
  } finally {
    await connection.close();
  }
}
