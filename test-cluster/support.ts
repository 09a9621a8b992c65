/**
 * What the cluster's own suites share: dossier workers as operators run them (`npm run worker`'s
 * worker/main.ts, each in a process and a data folder of its own, sharing only Temporal and the
 * sent-ledger in PostgreSQL), and cases driven from a test client to their end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { actUpdate, APPLICATION_WORKFLOW } from '../workflows/definitions';
import { anApplication, GRANT, withActor, type TestAction } from '../test/support/cases';
import type { SmtpSink } from '../test/support/smtp';
import { TEST_ENCRYPTION_ENV } from '../test/support/temporal';
import { waitFor } from '../test/support/wait';

const ROOT = resolve(__dirname, '..');

export interface WorkerProcess {
  process: ChildProcess;
  /** Its log lines (JSON) so far. */
  log: string[];
  /** SIGKILL: no drain, no clean-up, no completion of what it holds. */
  kill(): Promise<void>;
  /** SIGINT: drains and stops as operators stop it. */
  stop(): Promise<void>;
}

export interface WorkerSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  smtpUrl: string;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

/** Starts `npm run worker`'s worker in a data folder of its own; resolves once it logs that it started. */
export async function startWorkerProcess({ address, namespace, taskQueue, databaseUrl, smtpUrl }: WorkerSettings): Promise<WorkerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-cluster-worker-'));
  const child = spawn(process.execPath, ['--max-old-space-size=512', join(ROOT, 'bin', 'run.js'), join(ROOT, 'worker', 'main.ts')], {
    cwd: dataDir,
    env: {
      ...process.env,
      ...TEST_ENCRYPTION_ENV,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DOSSIER_DATA_DIR: dataDir,
      DOSSIER_DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'office@ind.example.test',
      DOSSIER_METRICS_ADDRESS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    log.push(...lines.filter(Boolean));
  });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const gone = exited(child).then(() => rmSync(dataDir, { recursive: true, force: true }));
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}: ${errors}`);
      return log.some((l) => l.includes('"worker started"'));
    },
    'the worker to start',
    90_000,
  );
  return {
    process: child,
    log,
    async kill() {
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      child.kill('SIGINT');
      await gone;
    },
  };
}

/** Opens each case on the task queue: each sends its applicant a receipt. */
export function openCases(client: Client, taskQueue: string, caseNumbers: string[]): Promise<WorkflowHandle[]> {
  return Promise.all(
    caseNumbers.map((caseNumber) =>
      client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: caseNumber, args: [{ application: anApplication({ caseNumber }) }] }),
    ),
  );
}

/** Takes each case to its end (complete, then granted: a decision letter each); resolves to how each ended. */
export async function grantEach(handles: WorkflowHandle[]): Promise<string[]> {
  const act = (handle: WorkflowHandle, action: TestAction) => handle.executeUpdate(actUpdate, { args: [withActor(action)] });
  for (const handle of handles) {
    await act(handle, { type: 'confirm-complete' });
    await act(handle, GRANT);
  }
  return (await Promise.all(handles.map((h) => h.result() as Promise<{ ending: string }>))).map((r) => r.ending);
}

/** Waits for every case's decision letter; then each case has had two letters, its receipt and its decision, each once. */
export async function expectReceiptAndDecisionOnce(smtp: SmtpSink, caseNumbers: string[]): Promise<void> {
  await waitFor(() => caseNumbers.every((c) => smtp.subjects(c).length >= 2), 'every decision letter');
  for (const caseNumber of caseNumbers) {
    const subjects = smtp.subjects(caseNumber);
    expect([caseNumber, subjects.length, new Set(subjects).size]).toEqual([caseNumber, 2, 2]);
  }
}
