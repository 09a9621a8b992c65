/**
 * The permit machine (machine.ts), what it offers and why it refuses. The workflow
 * (workflows/permit.ts) interprets it.
 */
import type { SnapshotFrom } from 'xstate';
import { PERMIT_ACTION_TYPES, type PermitActionType } from '../../domain/permit';
import { actionsOf } from '../guards';
import type { permitMachine } from './machine';
import { PERMIT_RULES } from './rules';
import type { PermitActionEvent, PermitContext } from './types';

export { permitMachine } from './machine';
export { PERMIT_RULES, pendingRenewal, pendingWithdrawal } from './rules';
export * from './types';

export type PermitSnapshot = SnapshotFrom<typeof permitMachine>;

/** The state's name (e.g. `valid`), the actions the permit accepts now, and why it refuses one. */
export const { stateOf, allowedActions, rejectionOf } = actionsOf<PermitActionType, PermitContext, PermitActionEvent>(PERMIT_ACTION_TYPES, PERMIT_RULES);
