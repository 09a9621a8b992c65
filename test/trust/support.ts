/**
 * Shared pieces of the trust suites (encryption, faults, bad input): a mail server that can be
 * down, held or refusing; the production worker in a child process that can be SIGKILLed; and a
 * reader of raw history that shows every stored byte as text.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { actUpdate } from '../../workflows/definitions';
import { withActor, type TestAction } from '../support/cases';

const ROOT = resolve(__dirname, '../..');

/**
 * An SMTP server on a fixed port that can be stopped and started again (SMTP "down"), can hold
 * every transaction until released (an activity caught mid-send), and can refuse a recipient.
 */
export class MailServer {
  readonly subjects: string[] = [];
  /** Transactions waiting at the gate right now. */
  held = 0;
  private server?: SMTPServer;
  private gate?: { promise: Promise<void>; open: () => void };
  private refusedRecipient?: string;

  private constructor(readonly port: number) {}

  static async start(): Promise<MailServer> {
    const probe = new SMTPServer({ logger: false });
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const port = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((done) => probe.close(() => done()));
    const mail = new MailServer(port);
    await mail.up();
    return mail;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const mail = this;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onMailFrom(_address, _session, callback) {
        if (!mail.gate) return callback();
        mail.held++;
        mail.gate.promise.then(() => {
          mail.held--;
          callback();
        });
      },
      onRcptTo(address, _session, callback) {
        if (address.address !== mail.refusedRecipient) return callback();
        callback(Object.assign(new Error(`No such mailbox: ${address.address}`), { responseCode: 550 }));
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mail.subjects.push(parsed.subject ?? '');
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((done) => this.server!.listen(this.port, '127.0.0.1', done));
  }

  /** Stops listening: connections are refused, as when the mail server is down. */
  down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((done) => (server ? server.close(() => done()) : done()));
  }

  hold(): void {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  /** Refuses this recipient for good (550), quoting the address in the reply as real servers do. */
  refuseRecipient(address: string): void {
    this.refusedRecipient = address;
  }

  forCase(caseNumber: string): string[] {
    return this.subjects.filter((s) => s.startsWith(`[${caseNumber}] `)).map((s) => s.slice(caseNumber.length + 3));
  }

  close(): Promise<void> {
    this.release();
    return this.down();
  }
}

/** The production worker (`worker/main.ts`) in its own process, configured by the environment. */
export function spawnWorker(env: Record<string, string>): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/run.js', 'worker/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stderr })),
  );
  return { child, exited };
}

export function killIfRunning(child: ChildProcess | undefined): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}


/**
 * Every stored byte as text: bytes are read as UTF-8, so a clear-text name in any payload shows.
 * Walks own fields itself, because protobuf messages' toJSON would turn bytes into base64 and hide it.
 */
export function asStoredText(value: unknown): string {
  const plain = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
    if (Array.isArray(v)) return v.map(plain);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  return JSON.stringify(plain(value));
}

/** Every payload in a (history) object: anything with `metadata` and `data`. */
export function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return found;
  const candidate = value as Payload;
  if (candidate.metadata && candidate.data instanceof Uint8Array && candidate.metadata.encoding) found.push(candidate);
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

export function act(handle: WorkflowHandle, action: TestAction) {
  return handle.executeUpdate(actUpdate, { args: [withActor(action)] });
}
