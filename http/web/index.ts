/**
 * The caseworker web app (pages under `/`): server-rendered HTML over the same platform functions
 * as the API (platform/cases.ts, platform/case-list.ts), no scripts, one stylesheet. Its failures
 * are pages, not problem documents: this plugin has its own error handler.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpProblem } from '../problems';
import type { ApiContext } from '../server';
import { actionRoutes } from './actions';
import { applicantRoutes } from './applicant';
import { applicantLinkRoutes } from './applicant-link';
import { bulkRoutes } from './bulk';
import { caseRoutes } from './case-page';
import { holderRoutes } from './holder';
import { errorPage, loginUrl, viewOf } from './layout';
import { loginRoutes } from './login';
import { newCaseRoutes } from './new-case';
import { queueRoutes } from './queue';

const STYLESHEET = readFileSync(join(__dirname, 'app.css'), 'utf8');

export function webRoutes(app: FastifyInstance, context: ApiContext): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const view = viewOf(request, reply);
    const status = err instanceof HttpProblem ? err.status : (err.statusCode ?? 500);
    // The server's CSRF check refuses a form without its session's token (auth.ts); say so in the page's words.
    if (err instanceof HttpProblem && status === 403) return errorPage(reply, view, 403, view.t('error.csrf'));
    if (status === 401) return reply.redirect(loginUrl(request.method === 'GET' ? request.url : '/'), 303);
    if (status < 500) return errorPage(reply, view, status, view.t('error.bad', { detail: err.message }));
    request.log.error({ err }, 'request failed');
    return errorPage(reply, view, 500, view.t('error.internal'));
  });

  app.get('/assets/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));

  loginRoutes(app, context);
  queueRoutes(app, context);
  newCaseRoutes(app, context);
  caseRoutes(app, context);
  actionRoutes(app, context);
  bulkRoutes(app, context);
  applicantLinkRoutes(app, context);
  applicantRoutes(app, context);
  holderRoutes(app, context);
}
