/** The benchmark worker's workflows: dossier's own, unchanged, and the bare baseline beside them. */
export * from '../../workflows';
export { baselineWorkflow } from './baseline';
