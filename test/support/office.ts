/**
 * The whole office in one test process: a Temporal dev server with a worker running every
 * activity (notices to a real SMTP server, each with the applicant's signed link), an accounts
 * database in a scratch data folder, and the HTTP server (API and web app) listening on a free
 * loopback port. Its log lines are kept, not
 * printed, so a passing test stays quiet and a test can read what was logged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { noticeLinks } from '../../activities/applicant-links';
import { buildServer } from '../../http/server';
import { Accounts } from '../../platform/accounts';
import { loadConfig, type Config } from '../../platform/config';
import { openDatabase, type Database } from '../../platform/database';
import { keyRingFor } from '../../platform/data-converter';
import { CaseHarness } from './harness';
import { createDevServerEnv, testDataConverter } from './temporal';

export class Office {
  /** Every line the server logged (JSON). */
  readonly logLines: string[] = [];

  private constructor(
    readonly harness: CaseHarness,
    readonly database: Database,
    readonly accounts: Accounts,
    readonly config: Config,
    readonly dataDir: string,
  ) {}

  app!: FastifyInstance;
  baseUrl!: string;

  static async start(env: NodeJS.ProcessEnv = {}): Promise<Office> {
    const taskQueue = `http-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'dossier-office-'));
    // Encrypted as a deployment is: the worker's data and the status each case's queue line keeps.
    const harness = await CaseHarness.start(taskQueue, () => createDevServerEnv({}, { dataConverter: testDataConverter() }));
    const config = loadConfig({ DOSSIER_DATA_DIR: dataDir, TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_ADDRESS: harness.env.address, ...env });
    const database = await openDatabase(config);
    const office = new Office(harness, database, new Accounts(database.db), config, dataDir);
    // The worker signs the applicant's link into every notice, as the production worker does; the link names this server.
    const url = (token: string) => `${office.baseUrl}/a/${token}`;
    harness.queueDb = database.db;
    await harness.withWorker(async () => {}, { applicantLink: noticeLinks({ ring: keyRingFor(config), days: config.DOSSIER_LINK_DAYS, url }) });
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        office.logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    office.app = await buildServer({
      client: harness.env.client,
      config,
      db: database.db,
      accounts: office.accounts,
      logger: { level: 'info', stream: logStream },
    });
    const address = await office.app.listen({ host: '127.0.0.1', port: 0 });
    office.baseUrl = address;
    return office;
  }

  /** A person with a password, logged in through the API: the session cookie and its CSRF token. */
  async logIn(id: string, role: 'caseworker' | 'operator', password = `${id}-password-long`): Promise<{ cookie: string; csrfToken: string }> {
    await this.accounts.addUser(id, role, password).catch((err: Error) => {
      if (!/exists|in use/i.test(err.message)) throw err;
    });
    const response = await fetch(`${this.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, password }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.database.close();
    await this.harness.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
