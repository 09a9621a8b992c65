/**
 * The application machine (machine.ts), what it offers and why it refuses. The workflow
 * (workflows/application.ts) interprets it; the CLI reads its states for filters.
 */
import type { SnapshotFrom } from 'xstate';
import { CASE_ACTION_TYPES, type CaseActionType } from '../../domain/case-actions';
import { actionsOf } from '../guards';
import type { applicationMachine } from './machine';
import { APPLICATION_RULES } from './rules';
import type { ActionEvent, ApplicationContext } from './types';

export { applicationMachine } from './machine';
export { penaltyOf, permitOf } from './outcome';
export { APPLICATION_RULES } from './rules';
export * from './types';

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;

/** The state's name (e.g. `awaitingEvidence`), the actions the case accepts now, and why it refuses one. */
export const { stateOf, allowedActions, rejectionOf } = actionsOf<CaseActionType, ApplicationContext, ActionEvent>(CASE_ACTION_TYPES, APPLICATION_RULES);
