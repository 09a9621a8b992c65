/**
 * What has been sent: one record per notice key, written only after the mail server accepted the
 * message and before the activity completes. A retried activity (worker killed, timeout, lost
 * completion) finds the record and does not send again. Production keeps it in the database
 * (`databaseLedger`: SQLite in the data folder, or PostgreSQL, which workers on several machines
 * share); `fileLedger`, one JSON file per key in a folder, is the ledger of tests and tools, and the
 * old ledger that `importSentFolder` moves into the database.
 */
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../platform/database';
import type { Delivery, Mailer, OutgoingMessage } from '../platform/mailer';

export interface SentRecord {
  key: string;
  messageId: string;
  /** Where the message went: `smtp:<server response>` or the outbox file. */
  location: string;
  /** ISO 8601. */
  sentAt: string;
}

export interface SentLedger {
  find(key: string): Promise<SentRecord | undefined>;
  record(entry: SentRecord): Promise<void>;
}

/** A ledger in `dir` (e.g. `$DOSSIER_DATA_DIR/sent`). Workers that may run the same activity must share it. */
export function fileLedger(dir: string): SentLedger {
  // Keys are `case.kind.sequence` (capitals, digits, dashes, dots): safe as file names.
  const fileOf = (key: string) => join(dir, `${key}.json`);
  return {
    async find(key) {
      try {
        return JSON.parse(await readFile(fileOf(key), 'utf8')) as SentRecord;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async record(entry) {
      await mkdir(dir, { recursive: true });
      const file = fileOf(entry.key);
      // Write, flush to disk, then rename: a crash leaves either no record or a whole one.
      const tmp = `${file}.${process.pid}.tmp`;
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(JSON.stringify(entry));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    },
  };
}

/**
 * A ledger in the database's `sent_notices` table: every worker that opens the same database shares
 * it. A second record of a key keeps the first (a duplicate only arises when two attempts both sent).
 */
export function databaseLedger(db: Db): SentLedger {
  return {
    async find(key) {
      const row = await db.selectFrom('sentNotices').select(['key', 'messageId', 'location', 'sentAt']).where('key', '=', key).executeTakeFirst();
      return row && { key: row.key, messageId: row.messageId, location: row.location, sentAt: row.sentAt };
    },
    async record(entry) {
      await insertOrIgnore(db, entry);
    },
  };
}

/** Inserts the record unless its key is there; true if it was inserted. */
async function insertOrIgnore(db: Db, entry: SentRecord): Promise<boolean> {
  const result = await db
    .insertInto('sentNotices')
    .values({ key: entry.key, messageId: entry.messageId, location: entry.location, sentAt: entry.sentAt })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Copies the records of a `fileLedger` folder (the ledger before it moved into the database) into
 * `sent_notices`, keeping any record the table already has: run at every start, it imports each
 * record once. A folder that does not exist holds none. A record that cannot be read stops the
 * import (and the worker): skipping it could send that notice again.
 */
export async function importSentFolder(db: Db, dir: string): Promise<{ found: number; imported: number }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { found: 0, imported: 0 };
    throw err;
  }
  // Only whole records: `*.tmp` files are writes a crash interrupted, never records.
  const files = names.filter((name) => name.endsWith('.json')).sort();
  let imported = 0;
  for (const name of files) {
    const file = join(dir, name);
    let entry: SentRecord;
    try {
      entry = JSON.parse(await readFile(file, 'utf8')) as SentRecord;
    } catch (err) {
      throw new Error(`the sent-ledger record ${file} could not be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const fields = [entry?.key, entry?.messageId, entry?.location, entry?.sentAt];
    if (!fields.every((field) => typeof field === 'string')) throw new Error(`the sent-ledger record ${file} lacks key, messageId, location or sentAt`);
    if (await insertOrIgnore(db, entry)) imported++;
  }
  return { found: files.length, imported };
}

/** Delivers a message unless the ledger shows it went out before; records it once the server accepted. */
export async function deliverOnce(mailer: Mailer, ledger: SentLedger | undefined, message: OutgoingMessage): Promise<Delivery> {
  const sent = await ledger?.find(message.key);
  if (sent) return { messageId: sent.messageId, location: sent.location, fresh: false };
  const delivery = await mailer.deliver(message);
  await ledger?.record({ key: message.key, messageId: delivery.messageId, location: delivery.location, sentAt: new Date().toISOString() });
  return delivery;
}
