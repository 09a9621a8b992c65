/**
 * Actions as requests carry them, for cases and permits alike: the workflow's own action schema
 * without `actor`, which the server sets to the authenticated principal (with `onBehalfOf` when a
 * caseworker records the applicant's or holder's own action), then parsed whole again.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/roles';
import { denied, principalIn, STAFF } from './auth';
import { fieldProblems, HttpProblem } from './problems';

type ActionObject = z.ZodObject<{ type: z.ZodLiteral<string> }>;

/** The request body of an action: each option of `union` without its actor, with an optional `onBehalfOf`. */
export const actionBody = (union: z.ZodDiscriminatedUnion) =>
  z.discriminatedUnion(
    'type',
    (union.options as z.ZodObject[]).map((option) =>
      option.omit({ actor: true }).extend({
        onBehalfOf: z.literal('applicant').optional().describe("set when a caseworker records the applicant's (holder's) own action"),
      }),
    ) as unknown as [ActionObject, ...ActionObject[]],
  );

/** The action with `actor` set, parsed by the workflow's schema; 400 naming each field otherwise. */
export function actionWith<T>(schema: z.ZodType<T>, body: Record<string, unknown>, actor: Actor): T {
  const { onBehalfOf, ...fields } = body;
  const parsed = schema.safeParse({ ...fields, actor: { ...actor, ...(onBehalfOf ? { onBehalfOf } : {}) } });
  if (!parsed.success) throw new HttpProblem(400, 'the action is not valid', { errors: fieldProblems(parsed.error, 'body') });
  return parsed.data;
}

/**
 * The staff principal as the actor of `type`, after the office's access policy (domain/roles): a
 * role that may never take the action gets 403 here, before the case or permit is asked.
 */
export function actorFor(request: FastifyRequest, type: string, onBehalfOf: unknown, obstacle: (type: string, actor: Actor) => string | null): Actor {
  const principal = principalIn(request, STAFF);
  const actor: Actor = { id: principal.id, role: principal.role };
  const reason = obstacle(type, onBehalfOf === 'applicant' ? { ...actor, onBehalfOf: 'applicant' } : actor);
  if (reason) throw denied(request, 403, reason);
  return actor;
}
