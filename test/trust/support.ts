/**
 * Shared pieces of the trust suites (encryption, faults, bad input): the production worker in a
 * child process that can be SIGKILLed, and a reader of raw history that shows every stored byte as
 * text. The misbehaving mail server is test/support/smtp.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { actUpdate } from '../../workflows/definitions';
import { withActor, type TestAction } from '../support/cases';

const ROOT = resolve(__dirname, '../..');

/** The production worker (`worker/main.ts`) in its own process, configured by the environment. */
export function spawnWorker(env: Record<string, string>): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
} {
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
