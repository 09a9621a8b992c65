/**
 * One action on one case (`/cases/:caseNumber/actions/:type`): a form generated from the action's
 * schema, parsed on POST exactly as the API parses it (caseActionOf, with the principal as actor).
 * An action the case does not offer now, or the principal's role may not take, shows why instead
 * of a form that would be refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CASE_ACTION_TYPES, type CaseActionType } from '../../domain/case-actions';
import { PERMISSIONS, type Role, roleObstacle } from '../../domain/roles';
import type { Principal } from '../../platform/accounts';
import { actOnCase, caseStatus } from '../../platform/cases';
import { NotFoundError, RefusedError } from '../../platform/errors';
import type { CaseStatus } from '../../workflows/definitions';
import { caseActionOf } from '../api/cases';
import { HttpProblem } from '../problems';
import type { ApiContext } from '../server';
import { actionUrl, caseNumberOf, caseUrl } from './case-page';
import {
  ACTION_FIELDS,
  errorSummary,
  errorsAt,
  type Field,
  type FormErrors,
  type FormValues,
  formValues,
  noErrors,
  objectOf,
  renderField,
  renderFields,
} from './forms';
import { type Html, html } from './html';
import type { Translator } from './i18n';
import { csrfField, errorPage, layout, sendPage, staffOrReply, type View, viewOf } from './layout';

const ON_BEHALF: Field = { kind: 'checkbox', name: 'onBehalfOf', optional: false };

/** The applicant's own actions, which a caseworker records on the applicant's behalf. */
export const isApplicantsOwn = (type: CaseActionType) => (PERMISSIONS[type] as { applicantsOwn?: true }).applicantsOwn === true;

/** Why this principal may never take `type` (translated), or null; the domain's roleObstacle decides. */
export function roleRefusal(t: Translator, principal: Principal, type: CaseActionType): string | null {
  const onBehalf = isApplicantsOwn(type) ? { onBehalfOf: 'applicant' as const } : {};
  if (!roleObstacle(type, { id: principal.id, role: principal.role, ...onBehalf })) return null;
  const roles: readonly Role[] = isApplicantsOwn(type) ? ['applicant', 'caseworker'] : PERMISSIONS[type].roles;
  return t('action.notForRole', { action: t.action(type), roles: roles.map((r) => t(`role.${r}`)).join(', '), role: t(`role.${principal.role}`) });
}

/** Why the case does not take `type` now, with what it does take; null when it does. */
function notOffered(view: View, status: CaseStatus, type: CaseActionType): Html | null {
  if (status.allowedActions.includes(type)) return null;
  const { t } = view;
  return html`<p class="problem" role="alert">${t('action.notOffered', { state: t.state(status.state), action: t.action(type) })}</p>
<p>${status.allowedActions.length ? t('action.offersNow') : t('action.offersNothing')}</p>
${
  status.allowedActions.length > 0 &&
  html`<ul class="actions">${status.allowedActions.map((a) => html`<li><a href="${actionUrl(status.caseNumber, a)}">${t.action(a)}</a></li>`)}</ul>`
}
<p><a href="${caseUrl(status.caseNumber)}">${t('action.back', { caseNumber: status.caseNumber })}</a></p>`;
}

interface FormState {
  values: FormValues;
  errors: FormErrors;
  refusal: { state: string | null; reason: string } | null;
}

function actionForm(view: View, status: CaseStatus, type: CaseActionType, state: FormState): Html {
  const { t } = view;
  const fields = ACTION_FIELDS.get(type)!;
  const label = (name: string) => (name === ON_BEHALF.name ? t('action.onBehalf') : t.label(name));
  return html`<p><a href="${caseUrl(status.caseNumber)}">${t('action.back', { caseNumber: status.caseNumber })}</a></p>
<p>${t('case.state')}: <strong>${t.state(status.state)}</strong></p>
${
  state.refusal &&
  html`<div class="problem" role="alert"><p>${t('action.refused', { state: t.state(state.refusal.state), reason: state.refusal.reason })}</p></div>`
}
${errorSummary(t, state.errors, label)}
<form method="post" action="${actionUrl(status.caseNumber, type)}" class="action" novalidate>
${csrfField(view)}
${renderFields(fields, state.values, state.errors, t)}
${isApplicantsOwn(type) && renderField(ON_BEHALF, state.values, state.errors, t, t('action.onBehalf'))}
<button type="submit">${t.action(type)}</button>
</form>`;
}

export function actionRoutes(app: FastifyInstance, { client }: ApiContext): void {
  /** The checks both methods share; null when a page has been sent instead. */
  async function prepare(request: FastifyRequest, reply: FastifyReply) {
    const view = viewOf(request, reply);
    const principal = staffOrReply(request, reply, view);
    if (!principal) return null;
    const { t } = view;
    const params = request.params as { caseNumber?: string; type?: string };
    const caseNumber = caseNumberOf(params);
    if (!caseNumber) {
      errorPage(reply, view, 404, t('error.caseNotFound', { caseNumber: String(params.caseNumber) }));
      return null;
    }
    const type = CASE_ACTION_TYPES.find((known) => known === params.type);
    if (!type) {
      errorPage(reply, view, 404, t('action.unknown', { type: String(params.type) }));
      return null;
    }
    const status = await caseStatus(client, caseNumber).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (!status) {
      errorPage(reply, view, 404, t('error.caseNotFound', { caseNumber }));
      return null;
    }
    const title = t('action.title', { action: t.action(type), caseNumber });
    const refusal = roleRefusal(t, principal, type);
    if (refusal) {
      request.log.warn(
        { denied: { status: 403, method: request.method, route: request.routeOptions.url, reason: 'role may not take the action' } },
        'request denied',
      );
      errorPage(reply, view, 403, refusal);
      return null;
    }
    const why = notOffered(view, status, type);
    if (why) {
      sendPage(reply, 409, layout(view, title, why));
      return null;
    }
    return { view, principal, caseNumber, type, status, title };
  }

  app.get('/cases/:caseNumber/actions/:type', async (request, reply) => {
    const ready = await prepare(request, reply);
    if (!ready) return reply;
    const { view, status, type, title } = ready;
    return sendPage(reply, 200, layout(view, title, actionForm(view, status, type, { values: {}, errors: noErrors(), refusal: null })));
  });

  app.post('/cases/:caseNumber/actions/:type', async (request, reply) => {
    const ready = await prepare(request, reply);
    if (!ready) return reply;
    const { view, principal, caseNumber, type, title } = ready;
    const fields = ACTION_FIELDS.get(type)!;
    const values = formValues(fields, request.body, [ON_BEHALF.name]);
    const again = (code: number, status: CaseStatus, state: Partial<FormState>) =>
      sendPage(reply, code, layout(view, title, actionForm(view, status, type, { values, errors: noErrors(), refusal: null, ...state })));

    const own = isApplicantsOwn(type);
    if (own && values.onBehalfOf !== 'true') {
      const errors = noErrors();
      errors.byField.set(ON_BEHALF.name, [view.t('action.onBehalfNeeded')]);
      return again(400, ready.status, { errors });
    }
    let action: ReturnType<typeof caseActionOf>;
    try {
      action = caseActionOf({ ...objectOf(fields, values), type, ...(own ? { onBehalfOf: 'applicant' } : {}) }, { id: principal.id, role: principal.role });
    } catch (err) {
      if (!(err instanceof HttpProblem) || err.status !== 400) throw err;
      return again(400, ready.status, { errors: errorsAt(fields, err.extra.errors ?? []) });
    }
    try {
      await actOnCase(client, caseNumber, action);
    } catch (err) {
      if (err instanceof NotFoundError) return errorPage(reply, view, 404, view.t('error.caseNotFound', { caseNumber }));
      if (!(err instanceof RefusedError)) throw err;
      const status = await caseStatus(client, caseNumber).catch(() => ready.status);
      return again(409, status, { refusal: { state: err.state, reason: err.reason } });
    }
    return reply.redirect(`${caseUrl(caseNumber)}?done=${encodeURIComponent(type)}`, 303);
  });
}
