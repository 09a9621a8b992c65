/**
 * The contract between clients (CLI, tests, later the HTTP API) and the application workflow:
 * its name, input, update and query. Clients import this file, never the workflow itself.
 */
import { defineQuery, defineUpdate, type Sinks } from '@temporalio/workflow';
import type { Assessment } from '../domain/policy';
import type { CaseActionInput, CaseActionType } from '../domain/case-actions';
import type { ClockEntry, DecisionDeadline, PenaltyComputation } from '../domain/decision-clock';
import type { DeliveryProblem, NoticeDeadline } from '../domain/notices';
import type { ApplicationContext, CaseApplication } from '../machines/application';

export const APPLICATION_WORKFLOW = 'applicationWorkflow';
export { DEFAULT_TASK_QUEUE } from './task-queue';

export interface ApplicationWorkflowInput {
  application: CaseApplication;
  /** Set for a renewal case: the permit number it renews. Its grant returns to that permit; no new permit starts. */
  renewalOf?: string;
}

export interface CaseStatus {
  caseNumber: string;
  jurisdiction: string;
  /** The innermost state, e.g. `awaitingEvidence`. */
  state: string;
  /** The actions the case accepts now (an action may still be refused by a rule, with the reason). */
  allowedActions: CaseActionType[];
  receivedAt: string;
  /** The legal deadlines running now. */
  deadlines: {
    decision: (DecisionDeadline & { citations: string[] }) | null;
    cure: NoticeDeadline | null;
    objection: NoticeDeadline | null;
    /** Awb 4:5(4): the last day a decision not to process may be sent. */
    notProcessedBy: string | null;
  };
  /** The earliest deadline the case waits on, ISO 8601; null when none runs. */
  nextDeadline: string | null;
  /** Every suspension and extension of the decision period, with its legal basis. */
  decisionClock: ClockEntry[];
  overdueSince: string | null;
  /** The notice of default and the penalty owed so far (Awb 4:17). */
  defaultNotice: { receivedOn: string; penalty: PenaltyComputation } | null;
  evidenceRequest: ApplicationContext['evidenceRequest'];
  evidence: ApplicationContext['evidence'];
  cureOutcome: ApplicationContext['cureOutcome'];
  report: ApplicationContext['report'];
  assessment: Omit<Assessment<object>, 'evaluated'> | null;
  bestInterests: ApplicationContext['bestInterests'];
  decision: ApplicationContext['decision'];
  objection: ApplicationContext['objection'];
  withdrawnAt: string | null;
  /** Notices that could not be delivered (e.g. the address was refused for good). */
  deliveryProblems: DeliveryProblem[];
  /** True when an operator must look at the case: a delivery problem, or the decision is overdue. */
  operatorAttention: boolean;
}

/** A caseworker's or applicant's action. The validator rejects it, before it reaches history, unless the case accepts it now. */
export const actUpdate = defineUpdate<CaseStatus, [CaseActionInput]>('act');
export const statusQuery = defineQuery<CaseStatus>('status');

/** The error type of a rejected action, for clients that tell it apart from other failures. */
export const INVALID_ACTION = 'InvalidCaseAction';
/** The error type of a case started with a malformed application. */
export const INVALID_APPLICATION = 'InvalidApplication';

/**
 * A case's line in the work queue: what its search attributes say, whether its machine still runs,
 * and its whole status (kept encrypted). `seq` counts the case's changes, so a late write never
 * overwrites a newer one.
 */
export interface CaseQueueEntry {
  state: string;
  jurisdiction: string;
  nextDeadline: string | null;
  overdue: boolean;
  running: boolean;
  /** The caseworker who last acted on the case (their id), for "my cases"; null until one has. */
  caseworker: string | null;
  seq: number;
  status: CaseStatus;
}

/**
 * The worker's side of the work queue (platform/case-queue.ts): the case tells it each change as it
 * happens, outside history, and the worker writes it to the database before the workflow task completes.
 */
export interface CaseQueueSinks extends Sinks {
  caseQueue: { changed(entry: CaseQueueEntry): void };
}
