/**
 * Opening a case in the browser (`/cases/new`): the caseworker chooses the jurisdiction, then fills
 * in a form generated from the application's schema with that jurisdiction's facts (forms.ts). The
 * posted form is parsed with applicationSchema(), as the API parses its body, and submitted with the
 * principal's identity; a case number that is already open leads to that case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applicationSchema } from '../../domain/case';
import { jurisdictionPack, knownJurisdictions } from '../../domain/jurisdictions';
import { submitCase } from '../../platform/cases';
import { clientActingAs } from '../api/cases';
import { fieldProblems } from '../problems';
import type { ApiContext } from '../server';
import { caseUrl } from './case-page';
import {
  ADD_ROW,
  compactRows,
  errorSummary,
  errorsAt,
  type Field,
  type FormErrors,
  type FormValues,
  fieldId,
  fieldsOf,
  formValues,
  noErrors,
  objectOf,
  pathLabel,
  renderFields,
  UPDATE,
} from './forms';
import { attr, type Html, html } from './html';
import { csrfField, layout, sendPage, staffOrReply, type View, viewOf } from './layout';

const FORMS = new Map<string, Field[]>();

/** The application's fields with the facts of `code` (its `jurisdiction` fixed): built once per jurisdiction, failing loudly for a schema no control fits. */
function applicationFields(code: string): Field[] {
  let fields = FORMS.get(code);
  if (!fields) {
    const facts = jurisdictionPack(code).facts();
    if (!(facts instanceof z.ZodObject)) throw new Error(`the facts of ${code} are not an object schema: no form for them`);
    fields = fieldsOf(z.object({ ...applicationSchema().shape, facts }));
    FORMS.set(code, fields);
  }
  return fields;
}

const formAction = (code: string) => `/cases/new?jurisdiction=${encodeURIComponent(code)}`;

function chooser(view: View, code: string | null, problem: string | null): Html {
  const { t } = view;
  const id = fieldId('jurisdiction');
  const error = problem && html`<p class="error" id="${id}-error">${problem}</p>`;
  return html`<p>${t('newCase.intro')}</p>
<form method="get" action="/cases/new" class="chooser">
<div class="field"><label for="${id}">${t('newCase.jurisdiction')}</label>${error}
<select id="${id}" name="jurisdiction"${problem ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${knownJurisdictions().map((known) => html`<option value="${known}"${attr('selected', known === code)}>${known}</option>`)}
</select></div>
<button type="submit">${t('newCase.choose')}</button>
</form>`;
}

function applicationForm(view: View, code: string, values: FormValues, errors: FormErrors, add?: string): Html {
  const { t } = view;
  const action = formAction(code);
  return html`<h2>${t('newCase.form', { jurisdiction: code })}</h2>
${errorSummary(t, errors, (name) => pathLabel(t, name))}
<form method="post" action="${action}" class="application" novalidate>
${csrfField(view)}
${renderFields(applicationFields(code), values, errors, t, { action, ...(add ? { add } : {}) })}
<button type="submit">${t('newCase.submit')}</button>
</form>`;
}

export function newCaseRoutes(app: FastifyInstance, { client, config }: ApiContext): void {
  // Every known jurisdiction's form is built now: a facts schema no control fits fails at start-up, not in front of a caseworker.
  for (const code of knownJurisdictions()) applicationFields(code);

  /** The jurisdiction asked for: null when none was, false (with a page sent) when it is unknown. */
  function jurisdictionOf(request: FastifyRequest, reply: FastifyReply, view: View): string | null | false {
    const asked = (request.query as Record<string, unknown>).jurisdiction;
    if (asked === undefined || asked === '') return null;
    if (typeof asked === 'string' && knownJurisdictions().includes(asked)) return asked;
    const problem = view.t('newCase.unknown', { code: String(asked), known: knownJurisdictions().join(', ') });
    sendPage(reply, 400, layout(view, view.t('newCase.title'), chooser(view, null, problem)));
    return false;
  }

  app.get('/cases/new', async (request, reply) => {
    const view = viewOf(request, reply);
    if (!staffOrReply(request, reply, view)) return reply;
    const code = jurisdictionOf(request, reply, view);
    if (code === false) return reply;
    const body = html`${chooser(view, code, null)}${code && applicationForm(view, code, {}, noErrors())}`;
    return sendPage(reply, 200, layout(view, view.t('newCase.title'), body));
  });

  app.post('/cases/new', async (request, reply) => {
    const view = viewOf(request, reply);
    const principal = staffOrReply(request, reply, view);
    if (!principal) return reply;
    const code = jurisdictionOf(request, reply, view);
    if (code === false) return reply;
    const page = (status: number, values: FormValues, errors: FormErrors, add?: string) =>
      sendPage(
        reply,
        status,
        layout(view, view.t('newCase.title'), html`${chooser(view, code, null)}${code && applicationForm(view, code, values, errors, add)}`),
      );
    if (code === null) return page(400, {}, noErrors());

    const fields = applicationFields(code);
    const posted = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const values = formValues(fields, posted);
    // A button that changes the form's shape: shown again as posted, nothing checked or sent.
    if (typeof posted[UPDATE] === 'string' || typeof posted[ADD_ROW] === 'string') {
      return page(200, values, noErrors(), typeof posted[ADD_ROW] === 'string' ? posted[ADD_ROW] : undefined);
    }
    const compact = compactRows(fields, values);
    const parsed = applicationSchema().safeParse(objectOf(fields, compact));
    if (!parsed.success) return page(400, compact, errorsAt(fields, fieldProblems(parsed.error, 'body')));

    // The case's history names who opened it: the principal, as the start's client identity (as the API does).
    const { created, status } = await submitCase(clientActingAs(client, principal, 'web app'), config.TEMPORAL_TASK_QUEUE, parsed.data);
    return reply.redirect(`${caseUrl(status.caseNumber)}?opened=${created ? 'new' : 'existing'}`, 303);
  });
}
