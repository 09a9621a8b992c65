/**
 * The workflows a worker registers (the bundle's entry point).
 *
 * Each workflow's module is required when a workflow of that type starts, not here. With the reused
 * V8 context (the SDK's default) every module a workflow imports is evaluated again, and kept while
 * the workflow is cached, for each workflow: a case would otherwise also carry the permit's machine
 * and zod schemas, and a permit the case's (about 200 KiB of heap per cached case, measured by
 * `npm run bench:memory`). `require` is synchronous and runs before the workflow does anything, so
 * what a workflow does (its commands and history) is unchanged.
 */
import type * as Application from './application';
import type * as Permit from './permit';

type ApplicationWorkflow = typeof Application.applicationWorkflow;
type PermitWorkflow = typeof Permit.permitWorkflow;

export function applicationWorkflow(...args: Parameters<ApplicationWorkflow>): ReturnType<ApplicationWorkflow> {
  return (require('./application') as typeof Application).applicationWorkflow(...args);
}

export function permitWorkflow(...args: Parameters<PermitWorkflow>): ReturnType<PermitWorkflow> {
  return (require('./permit') as typeof Permit).permitWorkflow(...args);
}
