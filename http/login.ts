/** Logging in, shared by the API's `POST /session` and the web app's login form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setSessionCookie } from './auth';
import { HttpProblem } from './problems';
import type { ApiContext } from './server';

/** Checks the password (throttled per address and account), opens a session and sets its cookie. */
export async function logIn(context: ApiContext, request: FastifyRequest, reply: FastifyReply, id: string, password: string) {
  const keys = [`address:${request.ip}`, `account:${id}`];
  const wait = context.throttle.retryAfter(keys);
  if (wait > 0) {
    request.log.warn({ denied: { status: 429, route: request.routeOptions.url, reason: 'too many failed logins' } }, 'request denied');
    reply.header('retry-after', String(wait));
    throw new HttpProblem(429, `too many failed logins; try again in ${Math.ceil(wait / 60)} minutes`);
  }
  const principal = await context.accounts.verifyLogin(id, password);
  if (!principal) {
    context.throttle.fail(keys);
    request.log.warn({ denied: { status: 401, route: request.routeOptions.url, reason: 'wrong account or password' } }, 'request denied');
    throw new HttpProblem(401, 'wrong account or password');
  }
  context.throttle.succeed(keys);
  const session = await context.accounts.createSession(principal, context.cookies.hours);
  setSessionCookie(reply, session.sessionId, context.cookies);
  return { principal, ...session };
}
