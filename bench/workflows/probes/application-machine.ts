/**
 * Memory probe (bench/memory.ts): the baseline workflow, and the application machine's module
 * evaluated with it for every workflow, with everything it imports (XState, zod, the legal
 * calendar, the case actions' schemas, roles, the policy packs).
 */
import * as machine from '../../../machines/application';

export { baselineWorkflow } from '../baseline';
export const probe = machine;
