/** `/api/v1/session`: log in with an account id and password (a session cookie), see who you are, log out. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import { clearSessionCookie, denied, principalIn } from '../auth';
import { HttpProblem, ProblemSchema } from '../problems';
import type { ApiContext } from '../server';
import { logIn } from '../login';

const SessionSchema = z.object({
  principal: z.object({ id: z.string(), role: z.enum(ROLES) }),
  csrfToken: z.string().describe('send it as the x-csrf-token header with every request that changes something'),
});
const tags = ['session'];

export function sessionRoutes(app: FastifyInstance, context: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/session',
    {
      schema: {
        tags,
        summary: 'Log in: sets the session cookie and returns the CSRF token',
        body: z.strictObject({ id: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
        response: { 200: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const session = await logIn(context, request, reply, request.body.id, request.body.password);
      return { principal: session.principal, csrfToken: session.csrfToken };
    },
  );

  api.get(
    '/session',
    { schema: { tags, summary: 'Who is logged in, and the CSRF token of the session', response: { 200: SessionSchema, 401: ProblemSchema } } },
    async (request) => {
      const principal = principalIn(request, ROLES);
      if (request.via?.kind !== 'session') throw denied(request, 401, 'no session: a bearer token has none');
      return { principal, csrfToken: request.via.csrfToken };
    },
  );

  api.delete(
    '/session',
    { schema: { tags, summary: 'Log out', response: { 204: z.null(), 401: ProblemSchema, 403: ProblemSchema } } },
    async (request, reply) => {
      if (request.via?.kind !== 'session') throw new HttpProblem(401, 'no session to end');
      await context.accounts.endSession(request.via.sessionId);
      clearSessionCookie(reply, context.cookies);
      return reply.code(204).send(null);
    },
  );
}
