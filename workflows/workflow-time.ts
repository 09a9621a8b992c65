/**
 * The workflow's time, as the ISO 8601 string every event carries. Its own module so that workflow
 * code needing only the time (notice delivery, the bench baseline) does not import the machine
 * runner and with it XState: every module a workflow imports is evaluated again for each workflow.
 */
export const workflowNow = () => new Date().toISOString();
