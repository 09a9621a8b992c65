/**
 * Errors as RFC 9457 problem details (`application/problem+json`): bad input names each field and
 * its rule (400), a refused action gives the file's state and the reason (409), and so on. The one
 * error handler of the server turns every failure into one of these, and never leaks a stack.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, RefusedError } from '../platform/errors';

export interface FieldProblem {
  /** The field at fault, as a dotted path into the request (`body.facts.birthDate`). */
  field: string;
  /** The rule it broke, in words. */
  rule: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
  state?: string | null;
}

/** The response schema of every error, so the OpenAPI document describes them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), rule: z.string() })).optional(),
    state: z.string().nullable().optional(),
  })
  .describe('RFC 9457 problem details');

const TITLES: Record<number, string> = {
  400: 'Bad input',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Refused by the case',
  413: 'Too large',
  429: 'Too many requests',
  500: 'Internal error',
};

/** An error a handler throws to answer with a problem. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly extra: Pick<Problem, 'errors' | 'state'> = {},
  ) {
    super(detail);
  }
}

export const problem = (status: number, detail: string, extra: Pick<Problem, 'errors' | 'state'> = {}): Problem => ({
  type: `https://dossier.example/problems/${status}`,
  title: TITLES[status] ?? 'Error',
  status,
  detail,
  ...extra,
});

export const fieldProblems = (error: z.ZodError, where: string): FieldProblem[] =>
  error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    rule: issue.code === 'unrecognized_keys' ? `${issue.message} (${issue.keys.join(', ')})` : issue.message,
  }));

/** Maps what a handler threw to a problem; unexpected errors are logged and answered without detail. */
export function problemFor(err: unknown, request: FastifyRequest): Problem {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      field: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      rule: v.message ?? 'invalid',
    }));
    return problem(400, errors.map((e) => `${e.field}: ${e.rule}`).join('; '), { errors });
  }
  if (err instanceof HttpProblem) return problem(err.status, err.message, err.extra);
  if (err instanceof NotFoundError) return problem(404, err.message);
  if (err instanceof RefusedError) return problem(409, err.reason, { state: err.state });
  const fastifyError = err as FastifyError;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) return problem(fastifyError.statusCode, fastifyError.message);
  request.log.error({ err }, 'request failed');
  return problem(500, 'the request failed; the log has the details');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** A response value typed by an interface (no index signature) for a route whose schema is a loose object. */
export const asJson = <T extends object>(value: T) => value as T & Record<string, unknown>;
