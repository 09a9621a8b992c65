/**
 * The application workflow interprets the application machine: it keeps one snapshot, feeds it
 * events with XState's pure `transition()`, and carries out the effects the machine returns.
 * It owns every timer (an armed deadline is data: an absolute instant), so nothing depends on
 * XState's own delayed events. Deterministic: no I/O, and `Date` is workflow time.
 */
import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import { CaseActionSchema, describeIssues, type Application, type CaseAction } from '../domain/case';
import { noticeKey, RECIPIENT_REJECTED, type DeliveryProblem, type Notice } from '../domain/notices';
import {
  allowedActions,
  applicationMachine,
  effectsOf,
  stateOf,
  type ApplicationEvent,
  type ApplicationOutput,
  type ApplicationSnapshot,
  type Effect,
  type SystemEvent,
  type TimerId,
} from '../machines/application';
import type { NoticeActivities } from '../activities';
import { actUpdate, INVALID_ACTION, statusQuery, type CaseStatus } from './definitions';

const { sendNotice } = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 minute',
  // The activity heartbeats while it sends: a killed worker is noticed in seconds, not minutes.
  heartbeatTimeout: '10 seconds',
  // SMTP may be down for a while: keep trying, backing off to one attempt per ten minutes.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface ApplicationWorkflowInput {
  application: Application & { caseNumber: string };
}

interface ArmedTimer {
  at: string;
  event: SystemEvent['type'];
}

export async function applicationWorkflow({ application }: ApplicationWorkflowInput): Promise<ApplicationOutput> {
  const now = () => new Date().toISOString();
  const timers = new Map<TimerId, ArmedTimer>();
  const outbox: Notice[] = [];
  const deliveryProblems: DeliveryProblem[] = [];
  let changes = 0;

  const carryOut = (effects: Effect[]) => {
    for (const effect of effects) {
      if (effect.type === 'sendNotice') outbox.push(effect.params);
      else if (effect.type === 'armTimer') timers.set(effect.params.timer, { at: effect.params.at, event: effect.params.event });
      else timers.delete(effect.params.timer);
    }
  };

  let [snapshot, initialActions] = initialTransition(applicationMachine, { application, receivedAt: now() });
  carryOut(effectsOf(initialActions));
  const apply = (event: ApplicationEvent) => {
    const [next, actions] = transition(applicationMachine, snapshot, event);
    snapshot = next;
    changes++;
    carryOut(effectsOf(actions));
  };

  // An address the mail server refuses for good needs an operator; the case goes on meanwhile.
  const deliver = async (notice: Notice) => {
    try {
      await sendNotice(notice);
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : undefined;
      if (!(cause instanceof ApplicationFailure && cause.type === RECIPIENT_REJECTED)) throw err;
      deliveryProblems.push({ noticeKey: noticeKey(notice), reason: cause.message, at: now() });
    }
  };

  setHandler(statusQuery, () => statusOf(snapshot, timers, deliveryProblems));
  setHandler(
    actUpdate,
    (action: CaseAction) => {
      apply({ ...CaseActionSchema.parse(action), at: now() });
      return statusOf(snapshot, timers, deliveryProblems);
    },
    { validator: (action: CaseAction) => validateAction(snapshot, action) },
  );

  apply({ type: 'receipt.registered', at: now() });

  while (true) {
    while (outbox.length > 0) await deliver(outbox.shift()!);
    if (snapshot.status === 'done') break;
    const seen = changes;
    const next = earliestTimer(timers);
    const woken = await condition(() => changes !== seen, next ? Math.max(1, Date.parse(next[1].at) - Date.now()) : undefined);
    if (!woken && next) {
      timers.delete(next[0]);
      apply({ type: next[1].event, at: now() });
    }
  }
  return snapshot.output!;
}

/** Rejects (before history) an action with a bad payload or one the machine does not accept now. */
function validateAction(snapshot: ApplicationSnapshot, action: unknown): void {
  const parsed = CaseActionSchema.safeParse(action);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`invalid action: ${describeIssues(parsed.error, 'action')}`, INVALID_ACTION);
  }
  const allowed = allowedActions(snapshot);
  if (!allowed.includes(parsed.data.type)) {
    const accepts = allowed.length ? `it accepts: ${allowed.join(', ')}` : 'it accepts no action';
    throw ApplicationFailure.nonRetryable(
      `action "${parsed.data.type}" is not allowed in state "${stateOf(snapshot)}"; ${accepts}`,
      INVALID_ACTION,
    );
  }
}

function earliestTimer(timers: Map<TimerId, ArmedTimer>): [TimerId, ArmedTimer] | undefined {
  return [...timers].sort(([, a], [, b]) => a.at.localeCompare(b.at))[0];
}

function statusOf(snapshot: ApplicationSnapshot, timers: Map<TimerId, ArmedTimer>, deliveryProblems: DeliveryProblem[]): CaseStatus {
  const { application, receivedAt, evidenceRequest, evidence, cureOutcome, decision } = snapshot.context;
  const cure = timers.has('cure-period') ? evidenceRequest!.deadline : null;
  return JSON.parse(
    JSON.stringify({
      caseNumber: application.caseNumber,
      jurisdiction: application.jurisdiction,
      state: stateOf(snapshot),
      allowedActions: allowedActions(snapshot),
      openDeadline: cure && { kind: cure.kind, due: cure.due, dueAt: cure.dueAt, citations: cure.citations },
      receivedAt,
      evidenceRequest,
      evidence,
      cureOutcome,
      decision,
      deliveryProblems,
      operatorAttention: deliveryProblems.length > 0,
    }),
  );
}
