/**
 * The permit machine (machine.ts), what it offers and why it refuses. The workflow
 * (workflows/permit.ts) interprets it.
 */
import type { SnapshotFrom } from 'xstate';
import { PERMIT_ACTION_TYPES, type PermitActionType } from '../../domain/permit';
import { innermostState, offeredActions, refusal } from '../guards';
import type { permitMachine } from './machine';
import { PERMIT_RULES } from './rules';
import type { PermitActionEvent } from './types';

export { permitMachine } from './machine';
export { PERMIT_RULES, pendingRenewal, pendingWithdrawal } from './rules';
export * from './types';

export type PermitSnapshot = SnapshotFrom<typeof permitMachine>;

/** The innermost state, e.g. `valid`. */
export const stateOf = (snapshot: PermitSnapshot) => innermostState(snapshot);

/** The actions the permit accepts now; rules on an action's payload are checked when it is taken. */
export function allowedActions(snapshot: PermitSnapshot): PermitActionType[] {
  return offeredActions(snapshot, PERMIT_ACTION_TYPES, PERMIT_RULES, (type) => ({ type, at: '' }) as unknown as PermitActionEvent) as PermitActionType[];
}

/** Why `event` is refused in this snapshot, naming the state, the action and the rule; null when accepted. */
export function rejectionOf(snapshot: PermitSnapshot, event: PermitActionEvent): string | null {
  return refusal(snapshot, event, allowedActions(snapshot), PERMIT_RULES);
}
