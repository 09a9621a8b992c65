/**
 * What has been sent: one JSON file per notice key in a folder, written only after the mail server
 * accepted the message and before the activity completes. A retried activity (worker killed,
 * timeout, lost completion) finds the record and does not send again.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Delivers a message unless the ledger shows it went out before; records it once the server accepted. */
export async function deliverOnce(mailer: Mailer, ledger: SentLedger | undefined, message: OutgoingMessage): Promise<Delivery> {
  const sent = await ledger?.find(message.key);
  if (sent) return { messageId: sent.messageId, location: sent.location, fresh: false };
  const delivery = await mailer.deliver(message);
  await ledger?.record({ key: message.key, messageId: delivery.messageId, location: delivery.location, sentAt: new Date().toISOString() });
  return delivery;
}
