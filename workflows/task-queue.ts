/** The task queue cases run on unless TEMPORAL_TASK_QUEUE says otherwise (kept apart so that reading the configuration loads no workflow code). */
export const DEFAULT_TASK_QUEUE = 'dossier';
