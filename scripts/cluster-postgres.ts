/**
 * A PostgreSQL 15 server in a folder of its own on a loopback port: no system service, no socket in
 * /var/run. initdb refuses to run as root, so as root the server runs as the `postgres` system user,
 * in a folder that user owns. The cluster (scripts/cluster.ts) keeps its folder between runs; the
 * database tests (test/support/postgres.ts) start one in a temporary folder.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** The data folder (its postmaster.pid names the server's process). */
  dataDir: string;
  /** A database on this server as `user` (trust authentication on loopback: the server is this machine's own). */
  url(database: string): string;
  stop(): Promise<void>;
  /** Stops it now, synchronously (immediate shutdown), for a process that is exiting. */
  stopNow(): void;
}

export interface PostgresOptions {
  /** The server's folder: its data in `data/`, its log in `server.log`, its socket in the folder itself. */
  dir: string;
  port: number;
  /** The superuser's name (default `postgres`). */
  user?: string;
  /** fsync off: for a server that tests throw away. */
  throwaway?: boolean;
}

/**
 * Runs a program in `cwd`; a failure says what it printed. In a session of its own, so the server
 * pg_ctl leaves running does not get the terminal's Ctrl-C: whoever started it stops it, in order.
 */
function run(program: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(program, args, { cwd, detached: true } as Parameters<typeof execFile>[2], (err, stdout, stderr) =>
      err ? reject(new Error(`${[program, ...args].join(' ')} failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
    ),
  );
}

/** Starts the server in `dir` (creating its cluster with initdb the first time); resolves once it accepts connections. */
export async function startPostgres({ dir, port, user = 'postgres', throwaway = false }: PostgresOptions): Promise<PostgresServer> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(`No PostgreSQL 15 at ${POSTGRES_BIN}. Install it: apt-get install postgresql-15`);
  }
  const asRoot = process.getuid?.() === 0;
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, name), ...args], dir) : run(join(POSTGRES_BIN, name), args, dir);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  mkdirSync(dir, { recursive: true });
  if (asRoot) await run('chown', ['postgres:', dir], dir);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    await tool('initdb', ['-D', data, '-U', user, '--auth=trust', '--encoding=UTF8', '--no-instructions', ...(throwaway ? ['--no-sync'] : [])]);
  }
  // -w: pg_ctl returns once the server accepts connections.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${throwaway ? ' -c fsync=off' : ''}`;
  await tool('pg_ctl', ['start', '-w', '-D', data, '-l', log, '-o', options]).catch((err: Error) => {
    throw new Error(`${err.message}\nserver log:\n${existsSync(log) ? readFileSync(log, 'utf8') : '(none)'}`);
  });
  return {
    port,
    dataDir: data,
    url: (database) => `postgres://${user}@127.0.0.1:${port}/${database}`,
    stop: () => tool('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]),
    stopNow() {
      const args = ['stop', '-m', 'immediate', '-D', data];
      try {
        if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, 'pg_ctl'), ...args], { stdio: 'ignore' });
        else execFileSync(join(POSTGRES_BIN, 'pg_ctl'), args, { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    },
  };
}
