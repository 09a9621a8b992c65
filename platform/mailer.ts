/**
 * Where e-mail goes: an SMTP server (nodemailer) when SMTP_URL is set, otherwise an outbox
 * folder of `.eml` files, one per message, named by the message's idempotency key.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

export interface OutgoingMessage {
  /** Deterministic idempotency key; becomes the Message-ID `<key@dossier>`. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47 language of the text, sent as Content-Language. */
  language: string;
  /** An iCalendar object (text/calendar) for the notice's deadline. */
  calendar?: string;
}

export interface Delivery {
  messageId: string;
  /** `smtp:<response>` or the `.eml` file written. */
  location: string;
  /** False when this message had been delivered before (a retried activity). */
  fresh: boolean;
}

export interface Mailer {
  deliver(message: OutgoingMessage): Promise<Delivery>;
  close(): void;
}

/** The mail server refused the recipient for good (SMTP 5xx on RCPT TO): retrying cannot help. */
export class RecipientRejectedError extends Error {
  override name = 'RecipientRejectedError';
  constructor(
    readonly responseCode: number,
    response: string,
  ) {
    super(`the mail server refused the recipient permanently: ${response}`);
  }
}

export const messageIdOf = (key: string) => `<${key}@dossier>`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTML part of a plain-text message (to the ministry, to operators): the text, preformatted. */
export const preformattedHtml = (text: string) => `<!DOCTYPE html>\n<html lang="en"><body><pre>${escapeHtml(text)}</pre></body></html>\n`;

function mailOptions(from: string, message: OutgoingMessage): Mail.Options {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdOf(message.key),
    headers: { 'Content-Language': message.language },
    ...(message.calendar && { icalEvent: { method: 'PUBLISH', filename: 'deadline.ics', content: message.calendar } }),
  };
}

/**
 * SMTP through nodemailer. TLS and authentication come from the URL: `smtps://` for implicit TLS,
 * `user:pass@` for AUTH, and query options such as `?requireTLS=true&tls.rejectUnauthorized=false`.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    // Give up well inside the activity's start-to-close timeout, so a hung server means a retry,
    // not a second attempt racing the first (the URL may override these).
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async deliver(message) {
      try {
        const info = await transport.sendMail(mailOptions(from, message));
        return { messageId: messageIdOf(message.key), location: `smtp:${info.response}`, fresh: true };
      } catch (err) {
        const { command, responseCode, response } = err as { command?: string; responseCode?: number; response?: string };
        // 4xx and connection errors are transient: the activity fails and Temporal retries it.
        if (command === 'RCPT TO' && responseCode !== undefined && responseCode >= 500) {
          throw new RecipientRejectedError(responseCode, response ?? String(responseCode));
        }
        throw err;
      }
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
      const info = await transport.sendMail(mailOptions(from, message));
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
