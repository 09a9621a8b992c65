/**
 * Permit workflows on the time-skipping test server, built on the case harness (real SMTP server,
 * every activity), with a contra-indication register in a temporary folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { fileContraIndicationRegister } from '../../activities/contra-indications';
import type { LocalDate } from '../../domain/calendar';
import type { ContraIndicationFinding, PermitActionInput, PermitInput } from '../../domain/permit';
import type { permitWorkflow } from '../../workflows/permit';
import { PERMIT_WORKFLOW, permitActUpdate, permitStatusQuery, permitWorkflowId } from '../../workflows/permit-definitions';
import { CaseHarness } from './harness';
import { waitFor } from './wait';

let counter = 0;

/** A unique permit number per call (a valid case number, so its renewal cases' numbers are too). */
export const aPermitNumber = (jurisdiction: 'NL' | 'NO') => `${jurisdiction}-V${process.pid % 10_000}${String(++counter).padStart(4, '0')}`;

export class PermitHarness {
  private constructor(
    readonly cases: CaseHarness,
    private readonly worker: { instance: Worker; running: Promise<void> },
    readonly registerDir: string,
  ) {}

  static async start(taskQueue: string): Promise<PermitHarness> {
    const cases = await CaseHarness.start(taskQueue);
    const registerDir = await mkdtemp(join(tmpdir(), 'dossier-contra-'));
    // The worker stays up for the whole file (see CaseHarness.withWorker).
    const instance = await cases.createWorker({ contraIndications: fileContraIndicationRegister(registerDir) });
    return new PermitHarness(cases, { instance, running: instance.run() }, registerDir);
  }

  get env() {
    return this.cases.env;
  }

  startPermit(permit: PermitInput) {
    return this.env.client.workflow.start<typeof permitWorkflow>(PERMIT_WORKFLOW, {
      taskQueue: this.cases.taskQueue,
      workflowId: permitWorkflowId(permit.caseNumber),
      args: [{ permit }],
    });
  }

  act(handle: WorkflowHandle, action: PermitActionInput) {
    return handle.executeUpdate(permitActUpdate, { args: [action] }).catch((err: Error & { cause?: Error }) => {
      throw new Error(`${action.type} failed: ${err.cause?.message ?? err.message}`, { cause: err });
    });
  }

  rejection(handle: WorkflowHandle, action: PermitActionInput): Promise<string | undefined> {
    return this.act(handle, action).then(
      () => undefined,
      (err: Error & { cause?: Error & { cause?: Error } }) => err.cause?.cause?.message ?? err.cause?.message ?? err.message,
    );
  }

  /** The status of the permit's current run (queries follow continue-as-new). */
  status(handle: WorkflowHandle) {
    return this.env.client.workflow.getHandle(handle.workflowId).query(permitStatusQuery);
  }

  /**
   * Skips time in small steps until `done` holds (e.g. a child's result reached the permit): at most
   * 30 minutes of the server's time, then waits without skipping. Bounded by our clock, not by a count
   * of steps: on a busy machine the worker may need longer than 30 quick steps take.
   */
  async until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
    let skipped = 0;
    return waitFor(
      async () => {
        const value = await probe();
        if (done(value)) return { value };
        if (skipped < 30) {
          skipped++;
          await this.env.sleep('1 minute');
        }
        return undefined;
      },
      what,
      timeoutMs,
    ).then(({ value }) => value);
  }

  today(zone?: string): Promise<LocalDate> {
    return this.cases.today(zone);
  }

  skipPast(instant: string, marginMs?: number): Promise<void> {
    return this.cases.skipPast(instant, marginMs);
  }

  /** Flags permits in the contra-indication register (`register.json`). */
  flag(register: Record<string, ContraIndicationFinding[]>): Promise<void> {
    return writeFile(join(this.registerDir, 'register.json'), JSON.stringify(register));
  }

  /** Every run of the workflow, oldest first, with its history length: the continue-as-new chain from the first run. */
  async runs(workflowId: string, firstRunId: string): Promise<{ runId: string; events: number }[]> {
    const runs: { runId: string; events: number }[] = [];
    for (let runId: string | undefined = firstRunId; runId; ) {
      const history: { events?: { workflowExecutionContinuedAsNewEventAttributes?: { newExecutionRunId?: string | null } | null }[] | null } =
        await this.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const events = history.events ?? [];
      runs.push({ runId, events: events.length });
      runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return runs;
  }

  subjects(permitNumber: string): string[] {
    return this.cases.subjects(permitNumber);
  }

  mails(permitNumber: string) {
    return this.cases.smtp.forCase(permitNumber);
  }

  async close(): Promise<void> {
    this.worker.instance.shutdown();
    await this.worker.running;
    await this.cases.close();
    await rm(this.registerDir, { recursive: true, force: true });
  }
}
