/**
 * The sent-ledger (activities/sent-ledger.ts), one contract on each ledger: the folder of JSON
 * records (`fileLedger`), and the database's table (`databaseLedger`) on an SQLite file in a
 * temporary folder and on a PostgreSQL 15 server the suite starts itself. Every test gets a ledger
 * of its own; "two workers" are two ledgers over two connections to the same store.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createNoticeActivities } from '../../activities/notices';
import { databaseLedger, fileLedger, importSentFolder, type SentLedger, type SentRecord } from '../../activities/sent-ledger';
import type { openDatabase, Database } from '../../platform/database';
import type { Mailer, OutgoingMessage } from '../../platform/mailer';
import { suiteDatabases } from '../support/postgres';
import { testLogger } from '../support/test-log';
import { sampleNotices } from './notice-fixtures';

type DatabaseConfig = Parameters<typeof openDatabase>[0];

const databases = suiteDatabases('sent-ledger');
const { tempFolder, open } = databases;

interface Store {
  /** A new, empty store, and a way to open another ledger on it (another worker). */
  fresh(): Promise<{ ledger(): Promise<SentLedger>; database?: () => Promise<Database> }>;
  /** Which record of a key recorded twice `find` returns. */
  duplicateKeeps: 'first' | 'last';
}

const databaseStore = (config: () => Promise<DatabaseConfig>): Store => ({
  async fresh() {
    const settings = await config();
    const database = () => open(settings);
    return { ledger: async () => databaseLedger((await database()).db), database };
  },
  // INSERT … ON CONFLICT DO NOTHING.
  duplicateKeeps: 'first',
});

const STORES: [string, Store][] = [
  [
    'fileLedger',
    {
      async fresh() {
        const dir = join(tempFolder(), 'sent');
        return { ledger: async () => fileLedger(dir) };
      },
      // Each record replaces the file (write, then rename over it).
      duplicateKeeps: 'last',
    },
  ],
  ['databaseLedger on SQLite', databaseStore(() => databases.fresh('sqlite'))],
  ['databaseLedger on PostgreSQL', databaseStore(() => databases.fresh('postgres'))],
];

const record = (key: string, n = 1): SentRecord => ({
  key,
  messageId: `<${key}.${n}@dossier>`,
  location: `smtp:250 2.0.0 Ok: queued as ${n}`,
  sentAt: new Date(Date.UTC(2026, 1, 10, 9, 30, n)).toISOString(),
});

describe.each(STORES)('%s', (_name, store) => {
  test('find on an unknown key: undefined', async () => {
    const ledger = await (await store.fresh()).ledger();
    expect(await ledger.find('NL-20260210-SENT0001.receipt.1')).toBeUndefined();
  });

  test('record, then find: the record, field by field', async () => {
    const ledger = await (await store.fresh()).ledger();
    const entry = record('NL-20260210-SENT0001.receipt.1');
    await ledger.record(entry);
    expect(await ledger.find(entry.key)).toEqual(entry);
    expect(await ledger.find('NL-20260210-SENT0001.decision.2')).toBeUndefined();
  });

  test(`a key recorded twice: no error, and find returns the ${store.duplicateKeeps} record`, async () => {
    const ledger = await (await store.fresh()).ledger();
    const [first, second] = [record('NL-20260210-SENT0001.receipt.1', 1), record('NL-20260210-SENT0001.receipt.1', 2)];
    await ledger.record(first);
    await expect(ledger.record(second)).resolves.toBeUndefined();
    expect(await ledger.find(first.key)).toEqual(store.duplicateKeeps === 'first' ? first : second);
  });

  test("two ledgers on the same store (two workers): each finds the other's records", async () => {
    const fresh = await store.fresh();
    const [a, b] = [await fresh.ledger(), await fresh.ledger()];
    await a.record(record('NL-20260210-SENT0001.receipt.1'));
    await b.record(record('NL-20260210-SENT0002.receipt.1'));
    expect(await b.find('NL-20260210-SENT0001.receipt.1')).toEqual(record('NL-20260210-SENT0001.receipt.1'));
    expect(await a.find('NL-20260210-SENT0002.receipt.1')).toEqual(record('NL-20260210-SENT0002.receipt.1'));
  });
});

describe.each(STORES.filter(([name]) => name.startsWith('databaseLedger')))('%s: importing the old ledger folder', (_name, store) => {
  test('imports each JSON record once, keeps what the table has, ignores interrupted writes; a missing folder holds none', async () => {
    const fresh = await store.fresh();
    const { db } = await fresh.database!();
    const dir = join(tempFolder(), 'sent');
    const old = [record('NL-20260210-SENT0001.receipt.1', 1), record('NL-20260210-SENT0001.decision.2', 2)];
    // Written as the old workers wrote them, and one write a crash interrupted.
    const folder = fileLedger(dir);
    for (const entry of old) await folder.record(entry);
    writeFileSync(join(dir, 'NL-20260210-SENT0001.evidence-request.3.json.123.tmp'), '{"key":');
    // A record the table already has (sent after the upgrade) is not overwritten.
    const ledger = databaseLedger(db);
    const already = record('NL-20260210-SENT0001.decision.2', 9);
    await ledger.record(already);

    expect(await importSentFolder(db, dir)).toEqual({ found: 2, imported: 1 });
    expect(await importSentFolder(db, dir)).toEqual({ found: 2, imported: 0 });
    expect(await ledger.find(old[0]!.key)).toEqual(old[0]);
    expect(await ledger.find(already.key)).toEqual(already);
    expect(await ledger.find('NL-20260210-SENT0001.evidence-request.3')).toBeUndefined();
    // A second worker starting on the same database imports nothing more.
    expect(await importSentFolder((await fresh.database!()).db, dir)).toEqual({ found: 2, imported: 0 });
    expect(await importSentFolder(db, join(tempFolder(), 'absent'))).toEqual({ found: 0, imported: 0 });
  });

  test('a record that cannot be read stops the import, naming the file', async () => {
    const { db } = await (await store.fresh()).database!();
    const dir = join(tempFolder(), 'sent');
    mkdirSync(dir);
    writeFileSync(join(dir, 'NL-20260210-SENT0001.receipt.1.json'), '{"key":"NL-20260210-SENT0001.receipt.1"');
    await expect(importSentFolder(db, dir)).rejects.toThrow(/NL-20260210-SENT0001\.receipt\.1\.json could not be read/);
  });

  test('a notice activity retried (its completion lost) with the database ledger: sent once', async () => {
    const fresh = await store.fresh();
    const sent: OutgoingMessage[] = [];
    const mailer: Mailer = {
      async deliver(message) {
        sent.push(message);
        return { messageId: `<${message.key}@dossier>`, location: 'memory', fresh: true };
      },
      close() {},
    };
    const notice = sampleNotices('en', 'NL-20260210-SENT0003', 'NL').decision;
    const scheduledTimestampMs = Date.parse('2026-02-10T09:30:00Z');
    // Each attempt on a worker of its own, as after a worker was lost: only the database is shared.
    const attempt = async (n: number) => {
      const { sendNotice } = createNoticeActivities(mailer, { ledger: await fresh.ledger() });
      return new MockActivityEnvironment({ attempt: n, scheduledTimestampMs }, { logger: testLogger() }).run(sendNotice, notice);
    };
    expect(await attempt(1)).toMatchObject({ fresh: true });
    expect(await attempt(2)).toMatchObject({ fresh: false, messageId: `<${sent[0]!.key}@dossier>`, location: 'memory' });
    expect(sent).toHaveLength(1);
  });
});
