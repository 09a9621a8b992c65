/**
 * The contract between clients (CLI, tests, the application workflow) and the permit workflow: its
 * name, input, update and query. Clients import this file, never the workflow itself.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeliveryProblem, NoticeDeadline } from '../domain/notices';
import type { PermitActionInput, PermitActionType, PermitInput } from '../domain/permit';
import type { PermitContext } from '../machines/permit';
import type { PersistedMachine } from './machine-runner';

export { PERMIT_WORKFLOW, permitWorkflowId } from '../domain/permit';

/** Parsed with `PermitWorkflowInputSchema` (domain/permit). `restore` is set only by the workflow's own continue-as-new. */
export interface PermitWorkflowInput {
  permit: PermitInput;
  restore?: PersistedMachine;
  deliveryProblems?: DeliveryProblem[];
}

export interface PermitStatus {
  permitNumber: string;
  caseNumber: string;
  jurisdiction: string;
  /** The innermost state: valid, renewalPending, lapsed, expired, withdrawn. */
  state: string;
  allowedActions: PermitActionType[];
  permit: PermitContext['permit'];
  /** The renewal deadline of the current validity; null for a permit that cannot be renewed. */
  renewBy: NoticeDeadline | null;
  /** The permit's last instant (ISO 8601). */
  expiresAt: string;
  period: PermitContext['period'];
  history: PermitContext['history'];
  renewals: PermitContext['renewals'];
  conversion: PermitContext['conversion'];
  independence: PermitContext['independence'];
  withdrawals: PermitContext['withdrawals'];
  /** The runner's armed timers: what the permit waits for, and when. */
  timers: Record<string, { at: string; event: string }>;
  /** Renewals and conversions so far; the workflow continues as new at each. */
  generation: number;
  deliveryProblems: DeliveryProblem[];
}

/** A holder's or caseworker's action on the permit. The validator rejects it, before it reaches history, unless the permit accepts it now. */
export const permitActUpdate = defineUpdate<PermitStatus, [PermitActionInput]>('permit-act');
export const permitStatusQuery = defineQuery<PermitStatus>('permit-status');
