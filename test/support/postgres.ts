/**
 * A PostgreSQL 15 server of the test's own: a new cluster in a temporary folder, on a free loopback
 * port, removed again by `stop()`. initdb refuses to run as root, so as root the server runs as the
 * `postgres` system user, in a folder that user owns.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres {
  /** The `postgres` database as the superuser `postgres` (trust authentication: the server is the test's). */
  url: string;
  stop(): Promise<void>;
}

/** Runs a program in `cwd`; a failure says what it printed. */
function run(program: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(program, args, { cwd }, (err, stdout, stderr) =>
      err ? reject(new Error(`${[program, ...args].join(' ')} failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
    ),
  );
}

/** A port nobody listens on now (the server takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<Postgres> {
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`No PostgreSQL 15 at ${BIN}; the database tests start their own server. Install it: apt-get install postgresql-15`);
  }
  const root = mkdtempSync(join(tmpdir(), 'dossier-postgres-'));
  const asRoot = process.getuid?.() === 0;
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, name), ...args], root) : run(join(BIN, name), args, root);
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  try {
    if (asRoot) await run('chown', ['postgres:', root], root);
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    // -w: pg_ctl returns once the server accepts connections. Its socket goes in the folder, not /var/run.
    const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await tool('pg_ctl', ['start', '-w', '-D', data, '-l', log, '-o', options]).catch((err: Error) => {
      throw new Error(`${err.message}\nserver log:\n${existsSync(log) ? readFileSync(log, 'utf8') : '(none)'}`);
    });
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await tool('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
