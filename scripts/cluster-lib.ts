/**
 * A Temporal cluster on PostgreSQL on this machine, as production runs it: the Temporal server
 * (built from the module version in cluster.env into .tools/ by scripts/cluster.sh) with
 * persistence and SQL visibility in a PostgreSQL of its own. `npm run cluster` runs one in
 * `data/cluster/` on the ports of cluster.env; the cluster tests run theirs on free ports.
 *
 * The server is configured as the temporalio/server image is: its built-in configuration template,
 * filled from the environment (cluster.env plus the addresses of this machine), so docker-compose.yml
 * and this module give the server the same values.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { startPostgres, type PostgresServer } from './cluster-postgres';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '..');
export const SERVER_BIN = resolve(ROOT, '.tools/temporal-server/bin/server');
export const SQL_TOOL = resolve(ROOT, '.tools/temporal-server/bin/sql');
export const TEMPORAL_CLI = process.env.TEMPORAL_CLI_PATH || resolve(ROOT, '.tools/venv/bin/temporal');
const DYNAMIC_CONFIG = resolve(ROOT, 'scripts/cluster-dynamicconfig.yaml');

/** cluster.env: KEY=VALUE lines, `#` comments. */
export function clusterSettings(file = resolve(ROOT, 'cluster.env')): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) settings[match[1]!] = match[2]!;
  }
  return settings;
}

/** The server's ports beyond the frontend's: each service's gRPC and membership ports. */
const SERVICE_PORTS = [
  'FRONTEND_MEMBERSHIP_PORT',
  'HISTORY_GRPC_PORT',
  'HISTORY_MEMBERSHIP_PORT',
  'MATCHING_GRPC_PORT',
  'MATCHING_MEMBERSHIP_PORT',
  'WORKER_GRPC_PORT',
  'WORKER_MEMBERSHIP_PORT',
] as const;

export interface ClusterOptions {
  /** The cluster's folder: PostgreSQL's in `postgres/`, the server's environment and log. */
  dir: string;
  /** `configured`: the ports of cluster.env and the template's defaults; `free`: free ports (tests, several at once). */
  ports?: 'configured' | 'free';
  /** A throwaway cluster (tests): PostgreSQL without fsync. */
  throwaway?: boolean;
  /** The server's dynamic configuration file (default scripts/cluster-dynamicconfig.yaml; the benchmarks add to it). */
  dynamicConfigFile?: string;
}

export interface Cluster {
  /** The frontend, HOST:PORT (TEMPORAL_ADDRESS). */
  address: string;
  namespace: string;
  postgres: PostgresServer;
  /** The Temporal server's process id (the current one, after a restart). */
  readonly serverPid: number;
  /** A database for dossier itself (DOSSIER_DATABASE_URL) on the cluster's PostgreSQL, created if missing. */
  database(name: string): Promise<string>;
  /** Creates a namespace unless it exists, as the cluster's own was created. */
  createNamespace(namespace: string): Promise<void>;
  /** The server's log file. */
  serverLog: string;
  /** Stops the server process (SIGTERM, or the signal given); PostgreSQL keeps running. */
  stopServer(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a server process again, on the same databases and ports; resolves once it serves. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
  /** Kills the server and stops PostgreSQL at once, synchronously: for a process that exits without stopping it (a crashed test run). */
  stopNow(): void;
}

/** Runs a program to its end; a failure says what it printed. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${program} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/** Creates database `name` unless it exists, on the server of `serverUrl` (any database's URL there); resolves to the new database's URL. */
export async function createDatabaseAt(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a namespace unless it exists, waiting for the server first: scripts/cluster-namespace.sh, as docker-compose.yml runs it. */
export async function createNamespaceAt(address: string, namespace: string, retention = '72h'): Promise<void> {
  await run('sh', [resolve(ROOT, 'scripts/cluster-namespace.sh')], {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    TEMPORAL_CLI,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_NAMESPACE_RETENTION: retention,
  });
}

/** Ports handed out by this process, not to be handed out twice before their servers take them. */
const handedOut = new Set<number>();

/**
 * A free port below 32768: the server stores its membership ports as a signed 16-bit number in
 * PostgreSQL, and the kernel's ephemeral ports (what `listen(0)` gives) lie above.
 */
async function freeServicePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolveFree) => {
      const probe = createServer();
      probe.once('error', () => resolveFree(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolveFree(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
}

async function serverEnvironment(
  settings: Record<string, string>,
  postgresPort: number,
  ports: 'configured' | 'free',
  dynamicConfigFile = DYNAMIC_CONFIG,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    ...settings,
    POSTGRES_SEEDS: '127.0.0.1',
    DB_PORT: String(postgresPort),
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: dynamicConfigFile,
  };
  if (ports === 'free') {
    for (const name of ['FRONTEND_GRPC_PORT', 'FRONTEND_HTTP_PORT', ...SERVICE_PORTS]) env[name] = String(await freeServicePort());
  }
  return env;
}

/** Resolves once the frontend answers (or fails when the server process ends first). */
async function untilServing(address: string, server: ChildProcess, log: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the Temporal server exited (${server.exitCode ?? server.signalCode}); its log:\n${readFileSync(log, 'utf8').slice(-4000)}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1 second' });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      if (Date.now() > deadline) throw new Error(`the Temporal server did not answer at ${address} within ${timeoutMs / 1000} s; its log: ${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function startCluster({ dir, ports = 'configured', throwaway = false, dynamicConfigFile }: ClusterOptions): Promise<Cluster> {
  for (const [exe, how] of [
    [SERVER_BIN, 'bash scripts/cluster.sh --install'],
    [SQL_TOOL, 'bash scripts/cluster.sh --install'],
    [TEMPORAL_CLI, 'npm run setup'],
  ] as const) {
    if (!existsSync(exe)) throw new Error(`${exe} is missing: run \`${how}\``);
  }
  const settings = clusterSettings();
  const postgresPort = ports === 'free' ? await freePort() : Number(settings.CLUSTER_POSTGRES_PORT);
  const postgres = await startPostgres({ dir: join(dir, 'postgres'), port: postgresPort, user: settings.POSTGRES_USER, throwaway });
  try {
    const env = await serverEnvironment(settings, postgresPort, ports, dynamicConfigFile);
    const address = `127.0.0.1:${env.FRONTEND_GRPC_PORT ?? '7233'}`;
    const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir };
    await run('sh', [resolve(ROOT, 'scripts/cluster-schema.sh')], { ...base, ...env, SQL_TOOL });
    // What the server was started with, to read or to start it by hand: `set -a; . ./server.env; server start`.
    writeFileSync(
      join(dir, 'server.env'),
      `${Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\n`,
    );
    const serverLog = join(dir, 'temporal.log');
    const startServer = () => {
      const fd = openSync(serverLog, 'a');
      try {
        // No configuration file: the server fills its built-in template from the environment, as in the image.
        // Its own process group: a terminal's Ctrl-C reaches `npm run cluster`, which stops the server, then PostgreSQL.
        return spawn(SERVER_BIN, ['--allow-no-auth', 'start'], { env: { ...base, ...env }, stdio: ['ignore', fd, fd], detached: true });
      } finally {
        closeSync(fd);
      }
    };
    let server = startServer();
    const stopServer = async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill(signal);
      await exited;
    };
    const createNamespace = (namespace: string) => createNamespaceAt(address, namespace, settings.TEMPORAL_NAMESPACE_RETENTION);
    try {
      await untilServing(address, server, serverLog);
      await createNamespace(settings.TEMPORAL_NAMESPACE ?? 'default');
    } catch (err) {
      await stopServer('SIGKILL');
      throw err;
    }
    return {
      address,
      namespace: settings.TEMPORAL_NAMESPACE ?? 'default',
      postgres,
      get serverPid() {
        return server.pid!;
      },
      serverLog,
      createNamespace,
      database: (name) => createDatabaseAt(postgres.url('postgres'), name),
      stopServer,
      async startServer() {
        if (server.exitCode === null && server.signalCode === null) throw new Error('the Temporal server is running');
        server = startServer();
        await untilServing(address, server, serverLog);
      },
      async stop() {
        await stopServer();
        await postgres.stop();
      },
      stopNow() {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
        postgres.stopNow();
      },
    };
  } catch (err) {
    await postgres.stop();
    throw err;
  }
}
