/**
 * Logging in and out. Before there is a session there is no session CSRF token, so the login form
 * is protected by a double-submit token: a random value set as a cookie on GET and repeated in a
 * hidden field, which another site can neither read nor set. A visitor who already has a session
 * (say an applicant's) posts that session's token, which the server's CSRF check verifies.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clearSessionCookie, STAFF } from '../auth';
import { logIn } from '../login';
import { HttpProblem } from '../problems';
import type { ApiContext } from '../server';
import { errorSummary, type FormErrors, fieldId, noErrors } from './forms';
import { type Html, html } from './html';
import { isLocalPath, layout, sendPage, type View, viewOf } from './layout';

const LOGIN_CSRF_COOKIE = 'dossier_login_csrf';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The account id, the password and where to go next, each checked; `next` that is not a local path is dropped. */
const LoginForm = (view: View) =>
  z.object({
    id: z
      .string({ error: view.t('form.required') })
      .trim()
      .min(1, view.t('form.required'))
      .max(64, view.t('form.tooLong', { max: 64 })),
    password: z
      .string({ error: view.t('form.required') })
      .min(1, view.t('form.required'))
      .max(1024, view.t('form.tooLong', { max: 1024 })),
  });

interface LoginState {
  id: string;
  next: string | null;
  errors: FormErrors;
  /** A message at the top: the wrong password, the throttle, an expired form, a logout. */
  message: { text: string; role: 'alert' | 'status' } | null;
}

/** The CSRF value of the form: the session's token when there is a session, else a fresh double-submit token. */
function formToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  if (request.via?.kind === 'session') return request.via.csrfToken;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(LOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/login', maxAge: 3600 });
  return token;
}

function loginPage(view: View, token: string, state: LoginState, oidc: boolean): Html {
  const { t } = view;
  const field = (name: 'id' | 'password', label: string, type: string, autocomplete: string, value: string) => {
    const id = fieldId(name);
    const rules = state.errors.byField.get(name) ?? [];
    return html`<div class="field">
<label for="${id}">${label}</label>
${rules.length > 0 && html`<p class="error" id="${id}-error">${rules.join('; ')}</p>`}
<input id="${id}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${value}"${
      rules.length ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''
    }>
</div>`;
  };
  return layout(
    view,
    t('login.title'),
    html`${state.message && html`<p class="${state.message.role === 'alert' ? 'problem' : 'notice'}" role="${state.message.role}">${state.message.text}</p>`}
${errorSummary(t, state.errors, (name) => t(name === 'id' ? 'login.id' : 'login.password'))}
<form method="post" action="/login" class="login" novalidate>
<input type="hidden" name="_csrf" value="${token}">
${state.next && html`<input type="hidden" name="next" value="${state.next}">`}
${field('id', t('login.id'), 'text', 'username', state.id)}
${field('password', t('login.password'), 'password', 'current-password', '')}
<button type="submit">${t('login.submit')}</button>
</form>
${oidc && html`<p><a href="/login/oidc${state.next ? `?next=${encodeURIComponent(state.next)}` : ''}">${t('login.oidc')}</a></p>`}`,
  );
}

export function loginRoutes(app: FastifyInstance, context: ApiContext): void {
  const secure = context.cookies.secure;
  const oidc = context.config.oidc !== undefined;

  app.get('/login', async (request, reply) => {
    const view = viewOf(request, reply);
    const query = request.query as Record<string, unknown>;
    const next = isLocalPath(query.next) ? query.next : null;
    if (request.principal && STAFF.includes(request.principal.role)) return reply.redirect(next ?? '/', 303);
    const message = query.out === '1' ? { text: view.t('login.loggedOut'), role: 'status' as const } : null;
    return sendPage(reply, 200, loginPage(view, formToken(request, reply, secure), { id: '', next, errors: noErrors(), message }, oidc));
  });

  app.post('/login', async (request, reply) => {
    const view = viewOf(request, reply);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const next = isLocalPath(body.next) ? body.next : null;
    const id = typeof body.id === 'string' ? body.id.slice(0, 64) : '';
    const again = (status: number, state: Partial<LoginState>) =>
      sendPage(reply, status, loginPage(view, formToken(request, reply, secure), { id, next, errors: noErrors(), message: null, ...state }, oidc));

    // With a session, the server's CSRF check has compared `_csrf` with the session's token already.
    if (request.via?.kind !== 'session') {
      const cookie = request.cookies[LOGIN_CSRF_COOKIE];
      if (typeof body._csrf !== 'string' || !cookie || !same(body._csrf, cookie)) {
        request.log.warn({ denied: { status: 403, method: 'POST', route: '/login', reason: 'login CSRF token missing or wrong' } }, 'request denied');
        return again(403, { message: { text: view.t('login.csrf'), role: 'alert' } });
      }
    }
    const parsed = LoginForm(view).safeParse(body);
    if (!parsed.success) {
      const errors = noErrors();
      for (const issue of parsed.error.issues) errors.byField.set(String(issue.path[0]), [issue.message]);
      return again(400, { errors });
    }
    const previous = request.via?.kind === 'session' ? request.via.sessionId : null;
    try {
      await logIn(context, request, reply, parsed.data.id, parsed.data.password);
    } catch (err) {
      if (!(err instanceof HttpProblem) || (err.status !== 401 && err.status !== 429)) throw err;
      if (err.status === 401) return again(401, { message: { text: view.t('login.wrong'), role: 'alert' } });
      const seconds = Number(reply.getHeader('retry-after')) || 60;
      const time = new Date(Date.now() + seconds * 1000).toISOString().slice(11, 16);
      return again(429, { message: { text: view.t('login.throttled', { minutes: Math.ceil(seconds / 60), time }), role: 'alert' } });
    }
    // A new login replaces whatever session the browser had.
    if (previous) await context.accounts.endSession(previous);
    reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/login' });
    return reply.redirect(next ?? '/', 303);
  });

  app.post('/logout', async (request, reply) => {
    // The server's CSRF check has verified `_csrf` for a session; without one there is nothing to end.
    if (request.via?.kind === 'session') {
      await context.accounts.endSession(request.via.sessionId);
      clearSessionCookie(reply, context.cookies);
    }
    return reply.redirect('/login?out=1', 303);
  });
}
