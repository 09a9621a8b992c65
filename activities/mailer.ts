/**
 * Where e-mail goes: an SMTP server (nodemailer) when SMTP_URL is set, otherwise an outbox
 * folder of `.eml` files, one per message, named by the message's idempotency key.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  /** Deterministic idempotency key; becomes the Message-ID `<key@dossier>`. */
  key: string;
  to: string;
  subject: string;
  text: string;
}

export interface Delivery {
  messageId: string;
  /** `smtp:<response>` or the `.eml` file written. */
  location: string;
  /** False when the outbox already held this message (a retried activity). */
  fresh: boolean;
}

export interface Mailer {
  deliver(message: OutgoingMessage): Promise<Delivery>;
  close(): void;
}

export const messageIdOf = (key: string) => `<${key}@dossier>`;

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async deliver(message) {
      const messageId = messageIdOf(message.key);
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, messageId });
      return { messageId, location: `smtp:${info.response}`, fresh: true };
    },
    close: () => transport.close(),
  };
}

export function outboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async deliver(message) {
      const messageId = messageIdOf(message.key);
      const file = join(dir, `${message.key}.eml`);
      if (await exists(file)) return { messageId, location: file, fresh: false };
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, messageId });
      await mkdir(dir, { recursive: true });
      // Write then rename, so a crash never leaves half a message that looks delivered.
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { messageId, location: file, fresh: true };
    },
    close: () => transport.close(),
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
