/**
 * The permit workflow keeps a permit for its whole life, often many years, by interpreting the
 * permit machine with the machine runner: timers for the renewal window, the reminder, the expiry,
 * the conversion anniversary and the art. 3.50 date; activities for notices and the
 * contra-indication register; a child workflow (the application lifecycle) for each renewal case.
 *
 * History stays small: the workflow continues as new at each renewal or conversion (the machine's
 * `generation` changes) and whenever Temporal suggests it, carrying the machine's state and its
 * timers as absolute instants (`runner.persist()`). It never continues as new while a renewal case
 * runs, because only this run can receive that child's result.
 */
import {
  type ChildWorkflowHandle,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { ContraIndicationActivities } from '../activities/contra-indications';
import { describeIssues } from '../domain/case';
import type { DeliveryProblem } from '../domain/notices';
import { isRenewable, PermitActionSchema, PermitWorkflowInputSchema, renewalCalendar, type PermitActionInput } from '../domain/permit';
import { allowedActions, permitMachine, rejectionOf, stateOf, type PermitOutput } from '../machines/permit';
import type { EffectHandlers, PermitEffects, RenewalCaseRequest, RenewalCaseResult } from '../domain/effects';
import type { ApplicationResult, applicationWorkflow } from './application';
import { APPLICATION_WORKFLOW } from './definitions';
import { validateAction } from './action-validation';
import { MachineRunner, workflowNow, type PersistedMachine } from './machine-runner';
import { heartbeatingActivity, noticeDeliverer } from './notice-delivery';
import { permitActUpdate, permitStatusQuery, type PermitStatus, type PermitWorkflowInput } from './permit-definitions';

/** The contra-indication register (by default files the office keeps): a read, or one review opened. */
const { checkContraIndications, openContraIndicationReview } = proxyActivities<ContraIndicationActivities>(heartbeatingActivity('30 seconds'));

type Runner = MachineRunner<typeof permitMachine, PermitEffects>;

export const INVALID_PERMIT = 'InvalidPermit';

export interface PermitResult extends PermitOutput {
  deliveryProblems: DeliveryProblem[];
}

export async function permitWorkflow(input: PermitWorkflowInput): Promise<PermitResult> {
  const parsed = PermitWorkflowInputSchema.safeParse(input);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`invalid permit: ${describeIssues(parsed.error, 'input')}`, INVALID_PERMIT);
  const { permit, restore, deliveryProblems } = parsed.data;

  let renewalCase: Promise<void> | null = null;
  // Renewal cases started (or failed to start) in this run, so `file-renewal` can answer once its case exists.
  let renewalCasesOpened = 0;
  const handlers: EffectHandlers<PermitEffects> = {
    sendNotice: noticeDeliverer(deliveryProblems),
    checkContraIndications: async (check) => {
      const findings = await checkContraIndications(check);
      runner.send({ type: 'contra-indications.checked', findings, at: workflowNow() });
    },
    openContraIndicationReview,
    startRenewalCase: async (request) => {
      // Not awaited: the permit goes on (timers, actions) while the renewal case runs; `file-renewal` waits only for its start.
      renewalCase = runRenewalCase(request, () => renewalCasesOpened++).then((result) => {
        renewalCase = null;
        runner.send({ type: 'renewal-case.decided', result, at: workflowNow() });
      });
    },
  };
  const runner: Runner = new MachineRunner(
    permitMachine,
    restore ? { restore: restore as PersistedMachine } : { input: { permit, startedAt: workflowNow() } },
    handlers,
  );
  const generation = runner.snapshot.context.generation;
  const status = () => statusOf(runner, deliveryProblems);

  setHandler(permitStatusQuery, status);
  setHandler(
    permitActUpdate,
    async (action: PermitActionInput) => {
      runner.send({ ...PermitActionSchema.parse(action), at: workflowNow() });
      if (action.type === 'file-renewal') {
        const opened = renewalCasesOpened + 1;
        await condition(() => renewalCasesOpened >= opened);
      }
      return status();
    },
    {
      validator: (action: PermitActionInput) =>
        validateAction(PermitActionSchema, action, stateOf(runner.snapshot), (event) => rejectionOf(runner.snapshot, event)),
    },
  );

  await runner.run({
    pause: () => renewalCase === null && (runner.snapshot.context.generation !== generation || workflowInfo().continueAsNewSuggested),
  });

  if (runner.done) return { ...runner.snapshot.output!, deliveryProblems };
  // An update being handled now would be lost with this run.
  await condition(allHandlersFinished);
  return continueAsNew<typeof permitWorkflow>({ permit: runner.snapshot.context.permit, restore: runner.persist(), deliveryProblems });
}

/**
 * The renewal case: the application lifecycle as a child workflow that outlives this run if it
 * must (ABANDON), and its outcome as the permit machine reads it. The one place that knows the
 * application workflow's input and result.
 */
async function runRenewalCase(request: RenewalCaseRequest, opened: () => void): Promise<RenewalCaseResult> {
  let child: ChildWorkflowHandle<typeof applicationWorkflow>;
  try {
    child = await startChild<typeof applicationWorkflow>(APPLICATION_WORKFLOW, {
      workflowId: request.workflowId,
      args: [{ application: request.application, renewalOf: request.renewalOf }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    return { outcome: 'failed', detail: `the renewal case could not be started: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    opened();
  }
  try {
    return renewalOutcome(await child.result());
  } catch (err) {
    return { outcome: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
}

function renewalOutcome(result: ApplicationResult): RenewalCaseResult {
  const { decision } = result;
  if (result.ending === 'withdrawn') return { outcome: 'withdrawn', detail: 'the holder withdrew the renewal application' };
  if (!decision) return { outcome: 'failed', detail: 'the renewal case closed without a decision' };
  if (decision.outcome === 'granted') return { outcome: 'granted', terms: decision.permit };
  return { outcome: decision.outcome, detail: decision.grounds.join('; ') };
}

function statusOf(runner: Runner, deliveryProblems: DeliveryProblem[]): PermitStatus {
  const snapshot = runner.snapshot;
  const context = snapshot.context;
  const { permit } = context;
  const calendar = renewalCalendar(permit.jurisdiction, permit.validUntil);
  return JSON.parse(
    JSON.stringify({
      permitNumber: permit.permitNumber,
      caseNumber: permit.caseNumber,
      jurisdiction: permit.jurisdiction,
      state: stateOf(snapshot),
      allowedActions: allowedActions(snapshot),
      permit,
      renewBy: isRenewable(permit) ? calendar.deadline : null,
      expiresAt: calendar.expiresAt,
      period: context.period,
      history: context.history,
      renewals: context.renewals,
      conversion: context.conversion,
      independence: context.independence,
      withdrawals: context.withdrawals,
      timers: Object.fromEntries(runner.timers),
      generation: context.generation,
      deliveryProblems,
    } satisfies PermitStatus),
  );
}
