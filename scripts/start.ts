/**
 * `npm start`: the embedded setup on one machine. Starts the Temporal dev server (SQLite file
 * under the data folder, so cases survive a restart, with its web UI) unless one already listens
 * at TEMPORAL_ADDRESS, then one dossier worker, the codec server through which the web UI shows
 * decrypted history, and the HTTP API with the caseworker web app; stops them all on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { createCodecServer, listen } from '../worker/codec-server';
import { ConfigError, loadConfig } from '../platform/config';
import { codecFor, codecTokenFor } from '../platform/data-converter';
import { installTelemetry, startCaseGauges } from '../worker/telemetry';
import { startConfiguredWorker } from '../worker/worker';
import { startHttp } from '../http/main';

const ROOT = resolve(__dirname, '..');
const log = (msg: string) => process.stdout.write(`dossier: ${msg}\n`);

async function reachable(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: '1 second' });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

function startDevServer(port: number, dataDir: string, codecEndpoint: string): ChildProcess {
  const cli = process.env.TEMPORAL_CLI_PATH || resolve(ROOT, '.tools/venv/bin/temporal');
  mkdirSync(dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(port + 1000),
    '--db-filename',
    resolve(dataDir, 'temporal.sqlite'),
    // WAL makes the file database fast enough for many cases (TEMPORAL-NOTES.md).
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    '--log-level',
    'warn',
    // The UI asks the codec server to decrypt what it shows; the token is the endpoint's first path segment.
    '--ui-codec-endpoint',
    codecEndpoint,
  ];
  const server = spawn(cli, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  server.on('error', (err) => {
    console.error(`cannot start the Temporal dev server (${cli}): ${err.message}; run \`npm run setup\``);
    process.exit(1);
  });
  return server;
}

async function waitUntilReachable(address: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await reachable(address))) {
    if (server.exitCode !== null) throw new Error(`the Temporal dev server exited with code ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the Temporal dev server did not answer at ${address} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const config = loadConfig();
  installTelemetry(config); // JSON logs and metrics, as `npm run worker` has them
  const [host, portText] = config.TEMPORAL_ADDRESS.split(':') as [string, string];
  const port = Number(portText);
  // The codec server first: the UI needs it from its first page.
  const codecServer = createCodecServer({ codec: codecFor(config), token: codecTokenFor(config), origins: config.codecOrigins });
  const codecAddress = await listen(codecServer, config.DOSSIER_CODEC_PORT, config.DOSSIER_CODEC_HOST);
  const codecEndpoint = `http://${config.DOSSIER_CODEC_HOST}:${codecAddress.port}/${codecTokenFor(config)}`;
  let server: ChildProcess | undefined;
  if (await reachable(config.TEMPORAL_ADDRESS)) {
    log(`using the Temporal server already at ${config.TEMPORAL_ADDRESS}`);
  } else if (['localhost', '127.0.0.1'].includes(host)) {
    log(`starting the Temporal dev server at ${config.TEMPORAL_ADDRESS} (data in ${config.DOSSIER_DATA_DIR}/)`);
    server = startDevServer(port, config.DOSSIER_DATA_DIR, codecEndpoint);
    await waitUntilReachable(config.TEMPORAL_ADDRESS, server);
  } else {
    throw new Error(`no Temporal server answers at ${config.TEMPORAL_ADDRESS}`);
  }

  const { worker, close } = await startConfiguredWorker(config);
  const gauges = await startCaseGauges(config, config.DOSSIER_CASE_METRICS_INTERVAL);
  log(`worker running on task queue "${config.TEMPORAL_TASK_QUEUE}"`);
  if (config.DOSSIER_METRICS_ADDRESS !== 'off') log(`Prometheus metrics: http://${config.DOSSIER_METRICS_ADDRESS}/metrics`);
  if (server) log(`Temporal web UI: http://127.0.0.1:${port + 1000}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows (decrypted through the codec server)`);
  else log(`to see decrypted history in a web UI, set its codec endpoint to ${codecEndpoint} (the path holds the token: keep it to operators)`);
  const http = await startHttp(config);
  log(`web app: ${http.url}/   HTTP API: ${http.url}/api/v1 (OpenAPI: ${http.url}/api/openapi.json, browsable at ${http.url}/api/docs)`);
  if (!http.hasUsers) {
    log('no account yet: create one from another terminal, then log in at the web app:');
    log('  npx dossier users add YOUR-ID --role caseworker   (it reads the password from standard input)');
  }
  log(config.SMTP_URL ? `e-mail goes to ${new URL(config.SMTP_URL).host}` : `e-mail goes to .eml files in ${resolve(config.outboxDir)}`);
  log('submit a case from another terminal:  npx dossier submit examples/application.json');
  log('then:  npx dossier status CASE-ID   and   npx dossier act CASE-ID request-evidence \'{"missing":["passport"]}\'');
  log('stop with Ctrl-C');

  try {
    await worker.run(); // returns after SIGINT/SIGTERM, once the worker has drained
  } finally {
    await http.stop();
    await gauges.stop();
    await close();
    codecServer.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    log('stopped');
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `dossier: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
