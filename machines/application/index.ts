/**
 * The application machine (machine.ts), what it offers and why it refuses. The workflow
 * (workflows/application.ts) interprets it; the CLI reads its states for filters.
 */
import type { SnapshotFrom } from 'xstate';
import { CASE_ACTION_TYPES, type CaseActionType } from '../../domain/case-actions';
import { innermostState, offeredActions, refusal } from '../guards';
import type { applicationMachine } from './machine';
import { APPLICATION_RULES } from './rules';
import type { ActionEvent } from './types';

export { applicationMachine } from './machine';
export { penaltyOf, permitOf } from './outcome';
export { APPLICATION_RULES } from './rules';
export * from './types';

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;

/** The state's name, e.g. `awaitingEvidence` (the innermost state). */
export const stateOf = (snapshot: ApplicationSnapshot) => innermostState(snapshot);

/** The actions the case accepts now; rules on an action's payload are checked when it is taken. */
export function allowedActions(snapshot: ApplicationSnapshot): CaseActionType[] {
  return offeredActions(snapshot, CASE_ACTION_TYPES, APPLICATION_RULES, (type) => ({ type, at: '' }) as unknown as ActionEvent) as CaseActionType[];
}

/** Why `event` is refused in this snapshot, naming the state, the action and the rule; null when accepted. */
export function rejectionOf(snapshot: ApplicationSnapshot, event: ActionEvent): string | null {
  return refusal(snapshot, event, allowedActions(snapshot), APPLICATION_RULES);
}
