import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';

/**
 * The failures every client of a case or permit (the CLI, the HTTP API, the web app) tells apart:
 * the file does not exist, or it refused an action (with its state and the reason, before anything
 * reached its history). The CLI prints their messages; HTTP answers 404 and 409.
 */

export class NotFoundError extends Error {
  constructor(
    readonly kind: 'case' | 'permit',
    readonly id: string,
  ) {
    super(`no ${kind} ${id}`);
    this.name = 'NotFoundError';
  }
}

export class RefusedError extends Error {
  constructor(
    /** The state the file was in when it refused; null when it could not be read. */
    readonly state: string | null,
    readonly reason: string,
  ) {
    super(`rejected: ${reason}`);
    this.name = 'RefusedError';
  }
}

const GRPC_NOT_FOUND = 5;

/**
 * Whether Temporal said "no such workflow": a query or describe throws WorkflowNotFoundError;
 * fetching a history passes the server's NOT_FOUND through as it is.
 */
export const isWorkflowMissing = (err: unknown): boolean => err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND);
