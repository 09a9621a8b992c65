/**
 * Memory probe (bench/memory.ts): the baseline workflow, and every module of dossier's workflows
 * evaluated eagerly with it for every workflow: both workflows' graphs and the application facts
 * schemas built at import. What every workflow evaluated before workflows/index.ts required each
 * workflow's module lazily and the case built its application schema for its one parse.
 */
import * as facts from '../../../domain/application';
import * as caseWorkflow from '../../../workflows/application';
import * as permitWorkflow from '../../../workflows/permit';

export { baselineWorkflow } from '../baseline';
export const probe = [caseWorkflow, permitWorkflow, facts];
