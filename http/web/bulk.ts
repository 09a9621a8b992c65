/**
 * One action on many cases (`/bulk`), as the API's bulk-actions: choose the action, the running
 * cases it goes to and its fields; a dry run lists what would happen to each case, and only the
 * confirm button, which posts exactly what the dry run checked, sends it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CASE_ACTION_TYPES, type CaseActionType } from '../../domain/case-actions';
import type { Principal } from '../../platform/accounts';
import { CaseFilterFields, toCaseFilter } from '../../platform/case-list';
import { runningInQueue } from '../../platform/case-queue';
import { type BulkSummary, bulkAct, bulkActionFor, isNarrowFilter } from '../../platform/cases';
import { caseActionOf } from '../api/cases';
import { HttpProblem } from '../problems';
import type { ApiContext } from '../server';
import { isApplicantsOwn, roleRefusal } from './actions';
import { caseUrl } from './case-page';
import {
  ACTION_FIELDS,
  errorSummary,
  errorsAt,
  type Field,
  type FormErrors,
  type FormValues,
  fieldId,
  formValues,
  hiddenFields,
  noErrors,
  objectOf,
  renderField,
  renderFields,
} from './forms';
import { attr, type Html, html } from './html';
import { csrfField, errorPage, layout, sendPage, staffOrReply, table, type View, viewOf } from './layout';
import { filterFields, filterLabel, queryErrors, withoutEmpty } from './queue';

/** The most cases one bulk action takes (the API's default). */
const LIMIT = 1000;
const FILTER_NAMES = ['state', 'jurisdiction', 'deadlineBefore', 'overdue'];
const BY_DAYS: Field = { kind: 'text', name: 'byDays', optional: true, long: false };
const ON_BEHALF: Field = { kind: 'checkbox', name: 'onBehalfOf', optional: false };
const ByDays = z.coerce.number().int().min(1).max(999);
/** A status that only has a cure deadline: enough to check a template before any case is touched, as the API does. */
const PROBE = { state: '', deadlines: { cure: { due: '2000-01-01' } } } as never;

const typeOf = (value: unknown): CaseActionType | undefined => CASE_ACTION_TYPES.find((known) => known === value);

/** The controls of the action besides its schema's fields. */
const extraFields = (type: CaseActionType): Field[] => [...(type === 'extend-cure-period' ? [BY_DAYS] : []), ...(isApplicantsOwn(type) ? [ON_BEHALF] : [])];

function chooser(view: View, type: CaseActionType | undefined): Html {
  const { t } = view;
  return html`<p>${t('bulk.intro')}</p>
<form method="get" action="/bulk" class="chooser">
<div class="field"><label for="${fieldId('type')}">${t('bulk.chooseAction')}</label>
<select id="${fieldId('type')}" name="type">
${CASE_ACTION_TYPES.map((known) => html`<option value="${known}"${attr('selected', known === type)}>${t.action(known)}</option>`)}
</select></div>
<button type="submit">${t('bulk.choose')}</button>
</form>`;
}

function bulkForm(view: View, type: CaseActionType, values: FormValues, errors: FormErrors): Html {
  const { t } = view;
  const label = (name: string) => (name === BY_DAYS.name ? t('bulk.byDays') : name === ON_BEHALF.name ? t('action.onBehalf') : filterLabel(t)(name));
  const labelOf = (name: string) => (FILTER_NAMES.includes(name) || name === BY_DAYS.name || name === ON_BEHALF.name ? label(name) : t.label(name));
  return html`${errorSummary(t, errors, labelOf)}
<form method="post" action="/bulk" class="bulk" novalidate>
${csrfField(view)}
<input type="hidden" name="type" value="${type}">
<h2>${t.action(type)}</h2>
<fieldset class="group"><legend>${t('bulk.which')}</legend>
${filterFields(t, values, errors, false)}
<p class="hint">${t('bulk.limit', { limit: LIMIT })}</p>
</fieldset>
<fieldset class="group"><legend>${t('bulk.fields')}</legend>
${renderFields(ACTION_FIELDS.get(type)!, values, errors, t)}
${extraFields(type).map((field) => renderField(field, values, errors, t, label(field.name)))}
</fieldset>
<button type="submit" name="step" value="dry-run">${t('bulk.dryRun')}</button>
</form>`;
}

/** The outcome of each case: what was (or would be) sent, and why a case refused. */
function outcomes(view: View, summary: BulkSummary): Html {
  const { t } = view;
  const line = summary.dryRun
    ? t('bulk.dryResult', { matched: summary.matched, wouldAct: summary.wouldAct, wouldReject: summary.wouldReject })
    : t('bulk.sentResult', { matched: summary.matched, accepted: summary.accepted, rejected: summary.rejected });
  const fieldsOf = (action: Record<string, unknown> | null) =>
    action
      ? Object.entries(action)
          .filter(([key]) => key !== 'type' && key !== 'actor')
          .map(([key, value]) => `${t.label(key)}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join('; ')
      : '-';
  return html`<p class="notice" role="status">${line}</p>
${
  summary.cases.length > 0 &&
  table(
    line,
    [t('col.case'), t('col.state'), t('col.result'), t('col.action'), t('col.reason')],
    summary.cases.map((o) => [
      html`<a href="${caseUrl(o.caseNumber)}">${o.caseNumber}</a>`,
      t.state(o.state),
      t(`result.${o.result}`),
      fieldsOf(o.action as Record<string, unknown> | null),
      o.reason ?? '',
    ]),
    'outcomes',
  )
}`;
}

interface Checked {
  type: CaseActionType;
  values: FormValues;
  errors: FormErrors;
  run: ((dryRun: boolean) => Promise<BulkSummary>) | null;
}

/** Everything posted, checked as the API checks a bulk action; `run` is set only when nothing is wrong. */
function check(view: View, principal: Principal, type: CaseActionType, body: unknown, api: ApiContext): Checked {
  const fields = ACTION_FIELDS.get(type)!;
  const values = formValues([...fields, ...extraFields(type)], body, FILTER_NAMES);
  const errors = noErrors();

  const filterParsed = CaseFilterFields.safeParse(withoutEmpty(Object.fromEntries(FILTER_NAMES.map((name) => [name, values[name]]))));
  if (!filterParsed.success) for (const [name, rules] of queryErrors(filterParsed.error).byField) errors.byField.set(name, rules);
  const filter = filterParsed.success ? toCaseFilter(filterParsed.data) : null;
  if (filter && !isNarrowFilter(filter)) errors.general.push(view.t('bulk.narrow'));

  let byDays: number | null = null;
  const rawDays = typeof values.byDays === 'string' ? values.byDays.trim() : '';
  if (rawDays !== '') {
    const days = ByDays.safeParse(rawDays);
    if (type !== 'extend-cure-period') errors.byField.set(BY_DAYS.name, [view.t('bulk.byDaysOnly')]);
    else if (!days.success) errors.byField.set(BY_DAYS.name, [view.t('bulk.byDaysRule')]);
    else byDays = days.data;
  }
  const own = isApplicantsOwn(type);
  if (own && values.onBehalfOf !== 'true') errors.byField.set(ON_BEHALF.name, [view.t('action.onBehalfNeeded')]);

  const template = { ...objectOf(fields, values), type, ...(own ? { onBehalfOf: 'applicant' } : {}) };
  const actor = { id: principal.id, role: principal.role };
  try {
    // The payload is checked once before any case is touched: a mistake in it should not become N rejections.
    caseActionOf(bulkActionFor(PROBE, template, byDays), actor);
  } catch (err) {
    if (!(err instanceof HttpProblem) || err.status !== 400) throw err;
    const found = errorsAt(fields, err.extra.errors ?? []);
    for (const [name, rules] of found.byField) errors.byField.set(name, [...(errors.byField.get(name) ?? []), ...rules]);
    errors.general.push(...found.general);
  }
  const clean = filter && errors.general.length === 0 && errors.byField.size === 0;
  return {
    type,
    values,
    errors,
    run: clean
      ? async (dryRun) =>
          bulkAct(api.client, await runningInQueue(api.db, filter, LIMIT), (status) => caseActionOf(bulkActionFor(status, template, byDays), actor), dryRun)
      : null,
  };
}

export function bulkRoutes(app: FastifyInstance, api: ApiContext): void {
  app.get('/bulk', async (request, reply) => {
    const view = viewOf(request, reply);
    const principal = staffOrReply(request, reply, view);
    if (!principal) return reply;
    const type = typeOf((request.query as Record<string, unknown>).type);
    const refusal = type && roleRefusal(view.t, principal, type);
    if (refusal) return errorPage(reply, view, 403, refusal);
    const body = html`${chooser(view, type)}${type && bulkForm(view, type, {}, noErrors())}`;
    return sendPage(reply, 200, layout(view, view.t('bulk.title'), body));
  });

  app.post('/bulk', async (request: FastifyRequest, reply: FastifyReply) => {
    const view = viewOf(request, reply);
    const principal = staffOrReply(request, reply, view);
    if (!principal) return reply;
    const { t } = view;
    const posted = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const type = typeOf(posted.type);
    if (!type) return errorPage(reply, view, 400, t('action.unknown', { type: String(posted.type ?? '') }));
    const refusal = roleRefusal(t, principal, type);
    if (refusal) return errorPage(reply, view, 403, refusal);

    const checked = check(view, principal, type, posted, api);
    const page = (status: number, content: Html) => sendPage(reply, status, layout(view, t('bulk.title'), content));
    if (!checked.run) return page(400, html`${chooser(view, type)}${bulkForm(view, type, checked.values, checked.errors)}`);

    const summary = await checked.run(posted.step !== 'send');
    if (!summary.dryRun) return page(200, html`${outcomes(view, summary)}<p><a href="/">${t('error.home')}</a></p>`);
    const confirm =
      summary.wouldAct > 0 &&
      html`<form method="post" action="/bulk" class="confirm">
${csrfField(view)}
<input type="hidden" name="type" value="${type}">
${hiddenFields(checked.values)}
<button type="submit" name="step" value="send">${t('bulk.confirm', { n: summary.wouldAct })}</button>
</form>`;
    return page(200, html`${outcomes(view, summary)}${confirm}<h2>${t('bulk.again')}</h2>${bulkForm(view, type, checked.values, noErrors())}`);
  });
}
