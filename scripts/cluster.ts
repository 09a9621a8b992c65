/**
 * `npm run cluster` (after scripts/cluster.sh has installed what is missing): a Temporal cluster on
 * PostgreSQL on this machine, in `data/cluster/` (DOSSIER_CLUSTER_DIR), on the ports of cluster.env.
 * Cases survive a restart of the cluster. Stop with Ctrl-C: the server, then PostgreSQL.
 */
import { resolve } from 'node:path';
import { startCluster } from './cluster-lib';

const log = (msg: string) => process.stdout.write(`cluster: ${msg}\n`);

async function main() {
  const dir = resolve(process.env.DOSSIER_CLUSTER_DIR || 'data/cluster');
  log(`starting PostgreSQL and the Temporal server (data in ${dir})`);
  const started = Date.now();
  const cluster = await startCluster({ dir });
  // Should this process end any other way (an uncaught error), the server and PostgreSQL end with it.
  process.once('exit', () => cluster.stopNow());
  const database = await cluster.database('dossier');
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`Temporal frontend: ${cluster.address}, namespace "${cluster.namespace}" (SQL visibility on PostgreSQL)`);
  log(`PostgreSQL: ${cluster.postgres.url('postgres')} (Temporal's databases, and dossier's: ${database})`);
  log(`server log: ${cluster.serverLog}`);
  log('workers, each in its own terminal (as many as you like; they share the sent-ledger in PostgreSQL):');
  log(`  TEMPORAL_ADDRESS=${cluster.address} DOSSIER_DATABASE_URL=${database} DOSSIER_METRICS_ADDRESS=off npm run worker`);
  log(`the web app, the HTTP API and a worker:  TEMPORAL_ADDRESS=${cluster.address} DOSSIER_DATABASE_URL=${database} npm start`);
  log(`the command line:  TEMPORAL_ADDRESS=${cluster.address} npx dossier cases list`);
  log('stop with Ctrl-C');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the Temporal server and PostgreSQL`);
    try {
      await cluster.stop();
      log('stopped');
      process.exit(0);
    } catch (err) {
      console.error(`cluster: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

main().catch((err) => {
  console.error(`cluster: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
