/** The workflow bundle's entry for the Ruritania test: the pack registered first, then dossier's workflows, unchanged. */
import './register';

export * from '../../../workflows';
