/**
 * A real SMTP server (the `smtp-server` package) on loopback that keeps every message it accepts.
 * It can misbehave on request: refuse the next attempts transiently (421 on connect, 451 after the
 * message) or refuse a recipient for good (550 on RCPT TO).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  parsed: ParsedMail;
}

export type TransientRefusal = 'connect' | 'data';

export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Attempts refused so far, transiently or for good. */
  refused = 0;
  private readonly refusals: TransientRefusal[] = [];
  private readonly rejected = new Set<string>();
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect(_session, callback) {
        callback(sink!.refusal('connect', 421, 'Service not available, try again later'));
      },
      onRcptTo(address, _session, callback) {
        if (!sink!.rejected.has(address.address)) return callback();
        sink!.refused++;
        callback(smtpError(550, 'No such mailbox'));
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const refusal = sink!.refusal('data', 451, 'Local error in processing, try again later');
            if (!refusal) sink!.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback(refusal);
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    return sink;
  }

  /** Refuses the next attempts, one per entry, at the stage named; then accepts again. */
  refuseNext(...stages: TransientRefusal[]): void {
    this.refusals.push(...stages);
  }

  /** Refuses this recipient for good (550 at RCPT TO). */
  rejectRecipient(address: string): void {
    this.rejected.add(address);
  }

  private refusal(stage: TransientRefusal, code: number, message: string): Error | null {
    if (this.refusals[0] !== stage) return null;
    this.refusals.shift();
    this.refused++;
    return smtpError(code, message);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages sent for one case (its number is in every subject). */
  forCase(caseNumber: string): ReceivedMail[] {
    return this.received.filter((m) => m.parsed.subject?.includes(`[${caseNumber}]`));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
