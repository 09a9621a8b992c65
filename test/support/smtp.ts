/**
 * A real SMTP server (the `smtp-server` package) on loopback that keeps every message it accepts.
 * It can misbehave on request: refuse the next attempts transiently (421 on connect, 451 after the
 * message), refuse a recipient for good (550 on RCPT TO, quoting the address as real servers do),
 * hold transactions at a gate, or go down and come back on the same port.
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
  /** Messages accepted so far (also counted when they are not kept). */
  accepted = 0;
  /** Attempts refused so far, transiently or for good. */
  refused = 0;
  /** Transactions waiting at the gate right now. */
  held = 0;
  private readonly refusals: TransientRefusal[] = [];
  private readonly rejected = new Set<string>();
  private gate?: { promise: Promise<void>; open: () => void };
  private server?: SMTPServer;
  private port = 0;

  private constructor(private readonly keep: boolean) {}

  /** `keep: false` only counts accepted messages, without parsing or keeping them (benchmarks). */
  static async start({ keep = true }: { keep?: boolean } = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(keep);
    await sink.up();
    return sink;
  }

  /** Listens (again, on the same port after `down()`). */
  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => callback(this.refusal('connect', 421, 'Service not available, try again later')),
      onMailFrom: (_address, _session, callback) => {
        if (!this.gate) return callback();
        this.held++;
        void this.gate.promise.then(() => {
          this.held--;
          callback();
        });
      },
      onRcptTo: (address, _session, callback) => {
        if (!this.rejected.has(address.address)) return callback();
        this.refused++;
        callback(smtpError(550, `No such mailbox: ${address.address}`));
      },
      onData: (stream, session, callback) => {
        const message = this.keep
          ? simpleParser(stream)
          : new Promise<null>((resolve, reject) =>
              stream
                .on('end', () => resolve(null))
                .on('error', reject)
                .resume(),
            );
        message
          .then((parsed) => {
            const refusal = this.refusal('data', 451, 'Local error in processing, try again later');
            if (!refusal) this.accepted++;
            if (!refusal && parsed) this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback(refusal);
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are refused, as when the mail server is down. */
  down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Holds every transaction at MAIL FROM until `release()`. */
  hold(): void {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = undefined;
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

  /** The subjects of one case's messages, without the case number, in the order received; only those to `to` if given. */
  subjects(caseNumber: string, to?: string): string[] {
    return this.forCase(caseNumber)
      .filter((m) => !to || m.envelopeTo.includes(to))
      .map((m) => m.parsed.subject!.replace(`[${caseNumber}] `, ''));
  }

  close(): Promise<void> {
    this.release();
    return this.down();
  }
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
