/**
 * The application workflow interprets the application machine with the machine runner: it feeds
 * the machine caseworker and applicant actions (updates), timer expiries and the receipt, and
 * carries out the effects it returns through activities. Deterministic: no I/O, `Date` is
 * workflow time.
 */
import { ApplicationFailure, patched, proxyActivities, proxySinks, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { CaseActionSchema, type CaseActionInput } from '../domain/case-actions';
import { caseApplicationSchema, describeIssues } from '../domain/case';
import { decisionDeadline } from '../domain/decision-clock';
import type { DeliveryProblem } from '../domain/notices';
import { allowedActions, applicationMachine, penaltyOf, rejectionOf, stateOf, type ApplicationOutput } from '../machines/application';
import type { ApplicationEffects, EffectHandlers } from '../domain/effects';
import type { MinistryActivities, OperatorAlertActivities, PermitStarterActivities } from '../activities';
import { heartbeatingActivity, noticeDeliverer } from './notice-delivery';
import { actUpdate, INVALID_APPLICATION, statusQuery, type ApplicationWorkflowInput, type CaseQueueSinks, type CaseStatus } from './definitions';
import { validateAction } from './action-validation';
import { MachineRunner, workflowNow } from './machine-runner';
import { CASE_JURISDICTION, CASE_NEXT_DEADLINE, CASE_OVERDUE, CASE_STATE } from './search-attributes';

/** The ministry's intake (by default an e-mail, as a notice is): one request or reminder per attempt. */
const { requestReport, remindMinistry } = proxyActivities<MinistryActivities>(heartbeatingActivity('1 minute'));
/** The operators' alert: a log line, and an e-mail when an address is configured. */
const { alertOperators } = proxyActivities<OperatorAlertActivities>(heartbeatingActivity('1 minute'));
/** The permit's start: one call to the cluster. */
const { startPermit } = proxyActivities<PermitStarterActivities>(heartbeatingActivity('30 seconds'));

/** Patch id of the permit lifecycle: cases granted before it closed without a permit workflow. */
export const PERMIT_LIFECYCLE = 'permit-lifecycle';

/** Patch id of the 2027 cure reminder policy (two reminders, 5 days and 1 day before the deadline). */
export const CURE_REMINDERS_2027 = 'cure-reminders-2027';

type Runner = MachineRunner<typeof applicationMachine, ApplicationEffects>;

export interface ApplicationResult extends ApplicationOutput {
  deliveryProblems: DeliveryProblem[];
}

export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationResult> {
  // A client other than the CLI may start a case: a malformed application ends it at once, naming the field.
  // The schema is built for this one parse and then let go: a cached case does not keep it.
  const parsed = caseApplicationSchema().safeParse(input?.application);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`invalid application: ${describeIssues(parsed.error, 'application')}`, INVALID_APPLICATION);
  const application = parsed.data;
  // A policy change takes effect for new cases only: cases started before it replay without the marker and keep the old policy.
  const cureReminderPolicy = patched(CURE_REMINDERS_2027) ? 2027 : 2026;
  const deliveryProblems: DeliveryProblem[] = [];
  const handlers: EffectHandlers<ApplicationEffects> = {
    sendNotice: noticeDeliverer(deliveryProblems),
    requestReport,
    remindMinistry,
    alertOperators,
    // The permit is its own workflow, started by an activity: it outlives this case by years. (Not
    // a child the case abandons, as a renewal case is the permit's: the time-skipping test server
    // stops skipping time once an abandoned child of a closed parent waits on a timer.)
    startPermit: async (permit) => {
      if (patched(PERMIT_LIFECYCLE)) await startPermit(permit);
    },
  };
  const runner: Runner = new MachineRunner(
    applicationMachine,
    { input: { application, receivedAt: workflowNow(), cureReminderPolicy, renewalOf: input.renewalOf } },
    handlers,
  );
  const status = statusReader(runner, deliveryProblems);
  const publishSearchAttributes = searchAttributePublisher();
  const tellQueue = queueTeller();
  // Who last acted as caseworker: the queue's "my cases". Kept in memory only, rebuilt from the actions on replay.
  let caseworker: string | null = null;
  const tell = () => tellQueue(status(), !runner.done, caseworker);
  runner.onChange = tell;

  // Receipt first: registering the update handler delivers actions that arrived with the start.
  runner.send({ type: 'receipt.registered', at: workflowNow() });
  setHandler(statusQuery, status);
  setHandler(
    actUpdate,
    (action: CaseActionInput) => {
      const parsed = CaseActionSchema.parse(action);
      if (parsed.actor.role === 'caseworker') caseworker = parsed.actor.id;
      runner.send({ ...parsed, at: workflowNow() });
      return status();
    },
    {
      validator: (action: CaseActionInput) =>
        validateAction(CaseActionSchema, action, stateOf(runner.snapshot), (event) => rejectionOf(runner.snapshot, event)),
    },
  );

  // Settled also tells what effects changed without an event of the machine (a notice that could not be delivered).
  await runner.run({
    settled: () => {
      publishSearchAttributes(status());
      tell();
    },
  });
  const output = runner.snapshot.output!;
  return { ...output, deliveryProblems };
}

/** Keeps the case's search attributes in step with its state, upserting only what changed. */
function searchAttributePublisher(): (status: CaseStatus) => void {
  let published = '';
  return ({ state, jurisdiction, nextDeadline, overdueSince }) => {
    const json = JSON.stringify([state, jurisdiction, nextDeadline, overdueSince !== null]);
    if (json === published) return;
    published = json;
    upsertSearchAttributes([
      { key: CASE_STATE, value: state },
      { key: CASE_JURISDICTION, value: jurisdiction },
      { key: CASE_NEXT_DEADLINE, value: nextDeadline ? new Date(nextDeadline) : null },
      { key: CASE_OVERDUE, value: overdueSince !== null },
    ]);
  };
}

/**
 * Tells the work queue (platform/case-queue.ts) each change of the case's status the moment it
 * happens, before the task completes, so a client that acted reads it at once. A sink: nothing in
 * history, so histories replay unchanged.
 */
function queueTeller(): (status: CaseStatus, running: boolean, caseworker: string | null) => void {
  const { caseQueue } = proxySinks<CaseQueueSinks>();
  let told = '';
  let seq = 0;
  return (status, running, caseworker) => {
    const json = JSON.stringify([status, running, caseworker]);
    if (json === told) return;
    told = json;
    const { state, jurisdiction, nextDeadline, overdueSince } = status;
    caseQueue.changed({ state, jurisdiction, nextDeadline, overdue: overdueSince !== null, running, caseworker, seq: ++seq, status });
  };
}

/**
 * The case's status, computed once for each change and moment: an update's answer, the status
 * query, the queue and the search attributes of one activation all read the same one. It depends
 * on the machine, the delivery problems and the clock (the penalty grows by the day), nothing else.
 * Nobody may change the object returned.
 */
function statusReader(runner: Runner, deliveryProblems: DeliveryProblem[]): () => CaseStatus {
  let readAt = '';
  let status: CaseStatus;
  return () => {
    const moment = `${runner.version} ${deliveryProblems.length} ${workflowNow()}`;
    if (moment !== readAt) {
      status = statusOf(runner, deliveryProblems);
      readAt = moment;
    }
    return status;
  };
}

const LEGAL_TIMERS = ['cure-period', 'decision-period', 'objection-period'];

function statusOf(runner: Runner, deliveryProblems: DeliveryProblem[]): CaseStatus {
  const snapshot = runner.snapshot;
  const context = snapshot.context;
  const jurisdiction = context.application.facts.jurisdiction;
  const decision = decisionDeadline(jurisdiction, context.clock);
  const running = (timer: string) => runner.timers.has(timer);
  const cure = context.evidenceRequest && running('cure-period') ? context.evidenceRequest.deadline : null;
  const objection = context.objection && running('objection-period') ? context.objection.deadline : null;
  const nextDeadline = LEGAL_TIMERS.flatMap((t) => runner.timers.get(t)?.at ?? []).sort()[0] ?? null;
  const penalty = penaltyOf(context, context.decision?.decidedAt ?? workflowNow());
  return JSON.parse(
    JSON.stringify({
      caseNumber: context.application.caseNumber,
      jurisdiction,
      state: stateOf(snapshot),
      allowedActions: allowedActions(snapshot),
      receivedAt: context.receivedAt,
      deadlines: {
        decision: decision && !context.decision ? { ...decision, citations: [...new Set(context.clock.map((e) => e.legalBasis))] } : null,
        cure: cure && { due: cure.due, dueAt: cure.dueAt, timeZone: cure.timeZone, citations: cure.citations },
        objection: objection && { due: objection.due, dueAt: objection.dueAt, timeZone: objection.timeZone, citations: objection.citations },
        notProcessedBy: stateOf(snapshot) === 'cureExpired' ? context.notProcessedBy : null,
      },
      nextDeadline,
      decisionClock: context.clock,
      overdueSince: context.overdueSince,
      defaultNotice: context.defaultNotice && penalty ? { receivedOn: context.defaultNotice.receivedOn, penalty } : null,
      evidenceRequest: context.evidenceRequest,
      evidence: context.evidence,
      cureOutcome: context.cureOutcome,
      report: context.report,
      assessment: context.assessment,
      bestInterests: context.bestInterests,
      decision: context.decision,
      objection: context.objection,
      withdrawnAt: context.withdrawnAt,
      deliveryProblems,
      operatorAttention: deliveryProblems.length > 0 || context.overdueSince !== null,
    } satisfies CaseStatus),
  );
}
