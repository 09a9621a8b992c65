/**
 * The contract between clients (CLI, tests, later the HTTP API) and the application workflow:
 * its name, task queue default, update and query. Clients import this file, never the workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseAction, CaseActionType } from '../domain/case';
import type { DeliveryProblem } from '../domain/notices';
import type { ApplicationContext } from '../machines/application';

export const APPLICATION_WORKFLOW = 'applicationWorkflow';
export const DEFAULT_TASK_QUEUE = 'dossier';

export interface OpenDeadline {
  kind: string;
  /** The last day, in the office's time zone. */
  due: string;
  /** The instant the period ends. */
  dueAt: string;
  citations: string[];
}

export interface CaseStatus {
  caseNumber: string;
  jurisdiction: string;
  state: string;
  /** The caseworker actions the case accepts now. */
  allowedActions: CaseActionType[];
  openDeadline: OpenDeadline | null;
  receivedAt: string;
  evidenceRequest: ApplicationContext['evidenceRequest'];
  evidence: ApplicationContext['evidence'];
  cureOutcome: ApplicationContext['cureOutcome'];
  decision: ApplicationContext['decision'];
  /** Notices that could not be delivered (e.g. the address was refused for good). */
  deliveryProblems: DeliveryProblem[];
  /** True when an operator must look at the case (a delivery problem). */
  operatorAttention: boolean;
}

/** A caseworker action. The validator rejects it, before it reaches history, unless the case accepts it now. */
export const actUpdate = defineUpdate<CaseStatus, [CaseAction]>('act');
export const statusQuery = defineQuery<CaseStatus>('status');

/** The error type of a rejected action, for clients that tell it apart from other failures. */
export const INVALID_ACTION = 'InvalidCaseAction';
