/**
 * Memory probe (bench/memory.ts): the baseline workflow, and every module the case workflow
 * imports (workflows/application.ts and its graph), evaluated with it for every workflow: the
 * module-level cost a case pays on top of its own state.
 */
import * as caseWorkflow from '../../../workflows/application';

export { baselineWorkflow } from '../baseline';
export const probe = caseWorkflow;
