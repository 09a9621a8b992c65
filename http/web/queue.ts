/**
 * The work queue (`GET /`): the cases matching the filters in the URL, overdue first, then by next
 * deadline, in pages. The filters are the API's (CaseFilterFields), so both read a query alike.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { knownJurisdictions } from '../../domain/jurisdictions';
import { CASE_STATES, CaseFilterFields, toCaseFilter, yesNo } from '../../platform/case-list';
import { queuePage } from '../../platform/case-queue';
import type { ApiContext } from '../server';
import { errorSummary, type FormErrors, fieldId, noErrors } from './forms';
import { attr, type Html, html } from './html';
import type { MessageKey, Translator } from './i18n';
import { layout, sendPage, staffOrReply, table, viewOf } from './layout';
import { timeIn, zoneOf } from './time';

const PAGE_SIZE = 25;

const QueueQuery = CaseFilterFields.extend({
  mine: yesNo,
  page: z.coerce.number().int('pages are whole numbers').min(1, 'pages count from 1').max(100_000, 'at most 100000').default(1),
});

/** A query as a browser sends it: empty fields of a GET form mean "not given". */
export const withoutEmpty = (query: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)));

const firstText = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');

/** The filter controls, shared with the bulk page; `values` is the raw query, so a rejected value is shown as typed. */
export function filterFields(t: Translator, values: Record<string, unknown>, errors: FormErrors, withRunning: boolean): Html {
  const states = new Set(
    [values.state]
      .flat()
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => v.split(',')),
  );
  const error = (name: string) => {
    const rules = errors.byField.get(name);
    return rules ? html`<p class="error" id="${fieldId(name)}-error">${rules.join('; ')}</p>` : '';
  };
  const aria = (name: string) => (errors.byField.has(name) ? html` aria-invalid="true" aria-describedby="${fieldId(name)}-error"` : '');
  const jurisdiction = firstText(values.jurisdiction).toUpperCase();
  return html`<fieldset class="states" id="${fieldId('state')}"><legend>${t('filter.state')}</legend>${error('state')}
${CASE_STATES.map(
  (
    state,
  ) => html`<div class="check"><input type="checkbox" id="${fieldId(`state-${state}`)}" name="state" value="${state}"${attr('checked', states.has(state))}>
<label for="${fieldId(`state-${state}`)}">${t.state(state)}</label></div>`,
)}
</fieldset>
<div class="field"><label for="${fieldId('jurisdiction')}">${t('filter.jurisdiction')}</label>${error('jurisdiction')}
<select id="${fieldId('jurisdiction')}" name="jurisdiction"${aria('jurisdiction')}>
<option value="">${t('filter.any')}</option>
${knownJurisdictions().map((j) => html`<option value="${j}"${attr('selected', j === jurisdiction)}>${j}</option>`)}
</select></div>
<div class="field"><label for="${fieldId('deadlineBefore')}">${t('filter.deadlineBefore')}</label>${error('deadlineBefore')}
<input type="date" id="${fieldId('deadlineBefore')}" name="deadlineBefore" value="${firstText(values.deadlineBefore)}"${aria('deadlineBefore')}></div>
<div class="field check"><input type="checkbox" id="${fieldId('overdue')}" name="overdue" value="true"${attr('checked', values.overdue === 'true')}>
<label for="${fieldId('overdue')}">${t('filter.overdue')}</label>${error('overdue')}</div>
${
  withRunning &&
  html`<div class="field check"><input type="checkbox" id="${fieldId('running')}" name="running" value="true"${attr('checked', values.running === 'true')}>
<label for="${fieldId('running')}">${t('filter.running')}</label>${error('running')}</div>`
}`;
}

const FILTER_LABELS: Record<string, MessageKey> = {
  state: 'filter.state',
  jurisdiction: 'filter.jurisdiction',
  deadlineBefore: 'filter.deadlineBefore',
  overdue: 'filter.overdue',
  running: 'filter.running',
  mine: 'filter.mine',
};

/** The label of a filter parameter in an error summary; other parameters are named as they are. */
export const filterLabel = (t: Translator) => (name: string) => (FILTER_LABELS[name] ? t(FILTER_LABELS[name]) : name);

/** Zod's issues on a query, at their parameter. */
export function queryErrors(error: z.ZodError): FormErrors {
  const errors = noErrors();
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? '');
    if (name) errors.byField.set(name, [...(errors.byField.get(name) ?? []), issue.message]);
    else errors.general.push(issue.message);
  }
  return errors;
}

function pageLink(url: string, page: number): string {
  const target = new URL(url, 'http://page.invalid');
  target.searchParams.set('page', String(page));
  return target.pathname + target.search;
}

export function queueRoutes(app: FastifyInstance, { db }: ApiContext): void {
  app.get('/', async (request, reply) => {
    const view = viewOf(request, reply);
    if (!staffOrReply(request, reply, view)) return reply;
    const { t } = view;
    const raw = withoutEmpty(request.query);
    const parsed = QueueQuery.safeParse(raw);
    const errors = parsed.success ? noErrors() : queryErrors(parsed.error);

    let listing: Html = html``;
    if (parsed.success) {
      const { page, mine, ...filter } = parsed.data;
      // The listing comes in the queue's order (platform/case-queue.ts): overdue first, then by next deadline.
      const { total, cases: shown } = await queuePage(db, toCaseFilter(filter), page, PAGE_SIZE, { caseworker: mine ? view.principal?.id : undefined });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      listing = total
        ? html`${table(
            t('queue.caption', { total }),
            [t('col.case'), t('col.state'), t('col.jurisdiction'), t('col.nextDeadline'), t('col.overdue'), t('col.received')],
            shown.map((row) => {
              const zone = zoneOf(row.jurisdiction);
              return [
                html`<a href="/cases/${encodeURIComponent(row.caseNumber)}">${row.caseNumber}</a>`,
                t.state(row.state),
                row.jurisdiction ?? '-',
                timeIn(row.nextDeadline, zone, true),
                row.overdue ? html`<strong class="overdue">${t('yes')}</strong>` : t('no'),
                timeIn(row.startedAt, zone, true),
              ];
            }),
            'queue',
          )}
${
  pages > 1 &&
  html`<nav aria-label="${t('queue.pages')}" class="pager">
${page > 1 && html`<a href="${pageLink(view.url, page - 1)}" rel="prev">${t('queue.previous')}</a>`}
<span>${t('queue.pageOf', { page, pages })}</span>
${page < pages && html`<a href="${pageLink(view.url, page + 1)}" rel="next">${t('queue.next')}</a>`}
</nav>`
}`
        : html`<p>${t('queue.none')}</p>`;
    }

    const body = html`${errorSummary(t, errors, filterLabel(t))}
<form method="get" action="/" class="filters" role="search" aria-label="${t('queue.filters')}">
<h2>${t('queue.filters')}</h2>
<div class="field check"><input type="checkbox" id="${fieldId('mine')}" name="mine" value="true"${attr('checked', raw.mine === 'true')}>
<label for="${fieldId('mine')}">${t('filter.mine')}</label></div>
${filterFields(t, raw, errors, true)}
<div class="buttons"><button type="submit">${t('queue.apply')}</button> <a href="/">${t('queue.clear')}</a></div>
</form>
${listing}`;
    return sendPage(reply, parsed.success ? 200 : 400, layout(view, t('queue.title'), body));
  });
}
