/**
 * A case environment for workflow tests: a real Temporal server (time-skipping by default), a
 * real SMTP server receiving every message, and workers running all of dossier's activities.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileLedger, smtpMailer, type Mailer } from '../../activities';
import { localDateOf, type LocalDate } from '../../domain/calendar';
import type { CaseApplication } from '../../machines/application';
import type { applicationWorkflow } from '../../workflows/application';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery } from '../../workflows/definitions';
import { caseQueueSinks } from '../../platform/case-queue';
import type { Db } from '../../platform/database';
import { dossierActivities, type DossierActivityOptions } from '../../worker/worker';
import { withActor, type TestAction } from './cases';
import { SmtpSink } from './smtp';
import { bundleWorkflows, createTimeSkippingEnv } from './temporal';

export const MINISTRY = 'intake@ministry.example.test';
export const OPERATORS = 'operators@office.example.test';

export class CaseHarness {
  private worker?: { instance: Worker; running: Promise<void> };
  /** Where the worker writes the work queue (platform/case-queue.ts), when a test pages it; set before the first worker. */
  queueDb?: Db;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly smtp: SmtpSink,
    readonly mailer: Mailer,
    private readonly bundle: WorkflowBundleWithSourceMap,
    private readonly ledgerDir: string,
    readonly taskQueue: string,
  ) {}

  static async start(
    taskQueue: string,
    createEnv: () => Promise<TestWorkflowEnvironment> = createTimeSkippingEnv,
    bundle: () => Promise<WorkflowBundleWithSourceMap> = () => bundleWorkflows(),
  ): Promise<CaseHarness> {
    const [env, bundled, smtp, ledgerDir] = await Promise.all([createEnv(), bundle(), SmtpSink.start(), mkdtemp(join(tmpdir(), 'dossier-sent-'))]);
    return new CaseHarness(env, smtp, smtpMailer(smtp.url, 'office@ind.example.test'), bundled, ledgerDir, taskQueue);
  }

  /**
   * Runs `fn` while a worker with every activity serves the task queue. The worker stays up for the
   * whole file: a stopped worker would keep cached cases on its sticky queue, and the time-skipping
   * server, which does not skip while a workflow task is outstanding, would wait for them forever.
   * `overrides` apply to that worker, made on the first call.
   */
  async withWorker<T>(fn: () => Promise<T>, overrides: Partial<DossierActivityOptions> = {}): Promise<T> {
    this.worker ??= await this.createWorker(overrides).then((instance) => ({ instance, running: instance.run() }));
    return fn();
  }

  createWorker(overrides: Partial<DossierActivityOptions> = {}): Promise<Worker> {
    return Worker.create({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: this.taskQueue,
      workflowBundle: this.bundle,
      activities: dossierActivities({
        mailer: this.mailer,
        client: this.env.client,
        ledger: fileLedger(this.ledgerDir),
        ministryAddress: MINISTRY,
        operatorAlertAddress: OPERATORS,
        ...overrides,
      }),
      // The worker encrypts as the environment's client does (tests that give it the test keys).
      dataConverter: this.env.client.options.dataConverter,
      sinks: caseQueueSinks(this.queueDb, this.env.client.options.dataConverter),
    });
  }

  startCase(application: CaseApplication): Promise<WorkflowHandle<typeof applicationWorkflow>> {
    return this.env.client.workflow.start<typeof applicationWorkflow>(APPLICATION_WORKFLOW, {
      taskQueue: this.taskQueue,
      workflowId: application.caseNumber,
      args: [{ application }],
    });
  }

  /** The day it is on the test server's clock, in `zone`. */
  async today(zone = 'Europe/Amsterdam'): Promise<LocalDate> {
    return localDateOf(new Date(await this.env.currentTimeMs()), zone);
  }

  /** Skips the server's clock past `instant` plus a margin (the workflow's clock, not ours). */
  async skipPast(instant: string, marginMs = 60_000): Promise<void> {
    await this.env.sleep(Math.max(1, Date.parse(instant) - (await this.env.currentTimeMs()) + marginMs));
  }

  /** Takes an action (by its natural actor unless one is given); a refusal fails with the workflow's reason in the message. */
  act(handle: WorkflowHandle, action: TestAction) {
    return handle.executeUpdate(actUpdate, { args: [withActor(action)] }).catch((err: Error & { cause?: Error }) => {
      throw new Error(`${action.type} failed: ${err.cause?.message ?? err.message}`, { cause: err });
    });
  }

  status(handle: WorkflowHandle) {
    return handle.query(statusQuery);
  }

  /** The rejection message of an action the case refuses. */
  rejection(handle: WorkflowHandle, action: TestAction): Promise<string | undefined> {
    return this.act(handle, action).then(
      () => undefined,
      (err: Error & { cause?: Error & { cause?: Error } }) => err.cause?.cause?.message ?? err.cause?.message ?? err.message,
    );
  }

  /** Messages for one case, by subject, in the order received. */
  subjects(caseNumber: string, to?: string): string[] {
    return this.smtp.subjects(caseNumber, to);
  }

  async close(): Promise<void> {
    if (this.worker) {
      this.worker.instance.shutdown();
      await this.worker.running;
    }
    this.mailer.close();
    await this.smtp.close();
    await this.env.teardown();
    await rm(this.ledgerDir, { recursive: true, force: true });
  }
}
