/**
 * One case (`GET /cases/:caseNumber`): what `dossier case show` prints (state, actions, deadlines
 * with their legal basis, the decision clock, the assessment, the decision), the notices sent and
 * any that could not be delivered, the timeline, and a link to the history in Temporal's web UI.
 */
import type { FastifyInstance } from 'fastify';
import { CASE_ACTION_TYPES } from '../../domain/case-actions';
import { CaseNumberSchema } from '../../domain/case';
import type { Config } from '../../platform/config';
import { caseHistory, caseStatus } from '../../platform/cases';
import { NotFoundError } from '../../platform/errors';
import { DocumentNotFound, type DocumentStore, documentStoreFor } from '../../platform/documents';
import { type CaseDocument, caseDocuments } from '../../platform/history/case-documents';
import type { TimelineEntry } from '../../platform/history/timeline';
import { localTime } from '../../platform/local-time';
import type { CaseStatus } from '../../workflows/definitions';
import type { ApiContext } from '../server';
import { type Html, html, type HtmlValue } from './html';
import type { Translator } from './i18n';
import { errorPage, layout, sendPage, staffOrReply, table, type View, viewOf } from './layout';
import { timeIn, zoneOf } from './time';

/** Where Temporal's web UI shows the case: the configured UI, else the dev server's (its gRPC port + 1000). */
export function temporalUiUrl(config: Config, caseNumber: string): string {
  const [host, port] = config.TEMPORAL_ADDRESS.split(':');
  const base = (config.DOSSIER_TEMPORAL_UI_URL ?? `http://${host}:${Number(port) + 1000}`).replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(caseNumber)}`;
}

/** The case number of a URL, when it is one (a case number is also a workflow id: nothing else goes to Temporal). */
export function caseNumberOf(params: unknown): string | null {
  const parsed = CaseNumberSchema.safeParse((params as { caseNumber?: unknown }).caseNumber);
  return parsed.success ? parsed.data : null;
}

export const caseUrl = (caseNumber: string) => `/cases/${encodeURIComponent(caseNumber)}`;
export const actionUrl = (caseNumber: string, type: string) => `${caseUrl(caseNumber)}/actions/${encodeURIComponent(type)}`;

const basis = (citations: readonly string[]) => citations.join('; ') || '-';

function section(id: string, title: string, content: HtmlValue): Html {
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
${content}
</section>`;
}

function summary(t: Translator, s: CaseStatus, zone: string): Html {
  const attention = [
    s.overdueSince ? t('case.overdueSince', { time: `${localTime(s.overdueSince, zone)} ${zone}` }) : '',
    ...s.deliveryProblems.map((p) => t('case.undeliverable', { key: p.noticeKey, reason: p.reason })),
  ].filter(Boolean);
  return html`<dl class="summary">
<dt>${t('case.state')}</dt><dd><strong>${t.state(s.state)}</strong> <code>${s.state}</code></dd>
<dt>${t('case.jurisdiction')}</dt><dd>${s.jurisdiction}</dd>
<dt>${t('case.received')}</dt><dd>${timeIn(s.receivedAt, zone, true)}</dd>
<dt>${t('case.attention')}</dt><dd${attention.length ? html` class="attention"` : ''}>${attention.join('; ') || t('none')}</dd>
</dl>`;
}

function actions(t: Translator, s: CaseStatus): Html {
  if (s.allowedActions.length === 0) return html`<p>${t('case.noActions')}</p>`;
  // In the order the schema lists them, which follows the lifecycle.
  const offered = CASE_ACTION_TYPES.filter((type) => s.allowedActions.includes(type));
  return html`<ul class="actions">${offered.map((type) => html`<li><a href="${actionUrl(s.caseNumber, type)}">${t.action(type)}</a></li>`)}</ul>`;
}

function deadlines(t: Translator, s: CaseStatus, zone: string): Html {
  const d = s.deadlines;
  const rows: HtmlValue[][] = [];
  if (d.decision) {
    const due = d.decision.due ?? t('case.suspendedSince', { date: d.decision.suspendedSince ?? '-' });
    rows.push([t('deadline.decision'), due, timeIn(d.decision.dueAt, zone), basis(d.decision.citations)]);
  }
  if (d.cure) rows.push([t('deadline.cure'), d.cure.due, timeIn(d.cure.dueAt, zone), basis(d.cure.citations)]);
  if (d.objection) rows.push([t('deadline.objection'), d.objection.due, timeIn(d.objection.dueAt, zone), basis(d.objection.citations)]);
  if (d.notProcessedBy) rows.push([t('deadline.notProcessedBy'), d.notProcessedBy, '-', 'Awb 4:5(4)']);
  if (rows.length === 0) return html`<p>${t('case.noDeadlines')}</p>`;
  return table(t('case.deadlines'), [t('col.kind'), t('col.due'), `${t('col.ends')} (${zone})`, t('col.basis')], rows, 'deadlines');
}

function clock(t: Translator, s: CaseStatus, zone: string): Html {
  const extensions = s.evidenceRequest?.extensions ?? [];
  const ledger = s.decisionClock.length
    ? table(
        t('case.clock'),
        [t('col.entry'), t('col.start'), t('col.end'), t('col.basis'), t('col.reason')],
        s.decisionClock.map((e) => [
          t(`clock.${e.kind}`),
          e.start,
          e.kind === 'extension' ? t('clock.months', { months: e.months }) : e.kind === 'suspension' ? (e.end ?? t('clock.open')) : e.end,
          e.legalBasis,
          e.kind === 'period' ? '' : e.reason,
        ]),
      )
    : html`<p>${t('case.noClock')}</p>`;
  return html`${ledger}
${
  extensions.length > 0 &&
  html`<ul>${extensions.map(
    (x) => html`<li>${t('case.cureExtended', { time: `${localTime(x.at, zone)} ${zone}`, from: x.previousDue, to: x.due, reason: x.reason })}</li>`,
  )}</ul>`
}`;
}

function assessment(t: Translator, s: CaseStatus): Html {
  const a = s.assessment;
  if (!a) return html`<p>${t('assessment.none')}</p>`;
  const detail = (text?: string) => text && html`: <span class="detail">${text}</span>`;
  const reliedOn = (detail?: string) => [t('assessment.reliedOn'), detail].filter(Boolean).join(': ');
  const line = (label: string, paragraph: string, description: string, extra?: string) =>
    html`<li><span class="tag">${label}</span> (${paragraph}): ${description}${detail(extra)}</li>`;
  return html`<p><strong>${t('assessment.line', { outcome: t.value(a.outcome), date: a.onDate, pack: a.pack })}</strong>: ${a.summary}</p>
<h3>${t('assessment.basis')}</h3>
<ul class="rules">${a.basis.map(
    (rule) => html`<li><strong>${rule.citation}</strong>: ${rule.title}
<ul class="conditions">${rule.conditions.map(
      (c) =>
        html`<li class="${c.held ? 'held' : 'failed'}"><span class="tag">${c.held ? t('assessment.holds') : t('assessment.fails')}</span> (${c.paragraph}): ${
          c.description
        }${detail(c.detail)}</li>`,
    )}</ul></li>`,
  )}</ul>
<ul class="findings">
${(a.refusalGrounds ?? []).map((g) => line(t('assessment.refusalGround'), g.paragraph, g.description, g.detail))}
${(a.failingConditions ?? []).filter((c) => c.kind === 'requirement').map((c) => line(t('assessment.notMet'), c.paragraph, c.description, c.detail))}
${(a.factors ?? []).map((f) => line(f.present ? t('assessment.factorPresent') : t('assessment.factorAbsent'), f.paragraph, f.description, f.facts))}
${(a.waived ?? []).map((w) => line(t('assessment.waived'), w.paragraph, w.description, w.reliedOn ? reliedOn(w.detail) : undefined))}
${(a.notes ?? []).map((n) => line(t('assessment.note'), n.paragraph, n.description, n.detail))}
</ul>`;
}

function decision(t: Translator, s: CaseStatus, zone: string): Html {
  const d = s.decision;
  const penalty =
    s.defaultNotice &&
    html`<p>${t('decision.defaultNotice', {
      date: s.defaultNotice.receivedOn,
      days: s.defaultNotice.penalty.days,
      amount: s.defaultNotice.penalty.amountEur,
      basis: s.defaultNotice.penalty.legalBasis,
    })}</p>`;
  if (!d) return html`<p>${s.withdrawnAt ? t('decision.withdrawn', { time: `${localTime(s.withdrawnAt, zone)} ${zone}` }) : t('decision.none')}</p>${penalty}`;
  const objection = s.objection;
  return html`<p><strong>${t.value(d.outcome)}</strong>, ${timeIn(d.decidedAt, zone, true)}</p>
<ul>${d.grounds.map((g) => html`<li>${g}</li>`)}</ul>
${
  d.outcome === 'granted' &&
  html`<p>${t('decision.permit', {
    restriction: d.permit.restriction,
    from: d.permit.validFrom,
    to: d.permit.validUntil,
    note: d.permit.labourMarketNote,
  })}</p>`
}
${
  objection &&
  html`<p>${objection.lodgedOn ? t('decision.objectionLodged', { date: objection.lodgedOn }) : t('decision.objectionOpen', { date: objection.deadline.due })}${
    objection.outcome ? `; ${t.value(objection.outcome.outcome)}` : ''
  }</p>`
}
${penalty}`;
}

function notices(t: Translator, entries: TimelineEntry[], zone: string): Html {
  const sent = entries.filter((e) => e.event === 'notice sent' || e.event === 'notice failed');
  if (sent.length === 0) return html`<p>${t('case.noNotices')}</p>`;
  return table(
    t('case.notices'),
    [t('col.time', { zone }), t('col.notice'), t('col.result'), t('col.basis')],
    sent.map((e) => [
      timeIn(e.at, zone),
      e.what,
      e.event === 'notice sent' ? t('notice.sent') : html`<strong class="overdue">${t('notice.failed')}</strong>`,
      basis(e.legalBasis),
    ]),
    'notices',
  );
}

function deliveryProblems(t: Translator, s: CaseStatus, zone: string): Html {
  if (s.deliveryProblems.length === 0) return html`<p>${t('case.noDeliveryProblems')}</p>`;
  return html`<ul class="attention">${s.deliveryProblems.map(
    (p) => html`<li>${timeIn(p.at, zone)}: ${t('case.undeliverable', { key: p.noticeKey, reason: p.reason })}</li>`,
  )}</ul>`;
}

function timeline(t: Translator, entries: TimelineEntry[], zone: string): Html {
  return table(
    t('case.timeline'),
    [t('col.time', { zone }), t('col.event'), t('col.by'), t('col.what'), t('col.basis')],
    entries.map((e) => [timeIn(e.at, zone), e.event, e.by, e.what, basis(e.legalBasis)]),
    'timeline',
  );
}

/** What the page confirms at its top: an action recorded (`?done=type`), the case opened (`?opened=new`) or found already open (`?opened=existing`). */
export type Confirmation = { done: string } | { opened: 'new' | 'existing' } | null;

export function confirmationOf(query: unknown): Confirmation {
  const { done, opened } = (query ?? {}) as Record<string, unknown>;
  if ((CASE_ACTION_TYPES as readonly unknown[]).includes(done)) return { done: done as string };
  if (opened === 'new' || opened === 'existing') return { opened };
  return null;
}

function confirmation(t: Translator, s: CaseStatus, confirmed: Confirmation): Html | null {
  if (!confirmed) return null;
  const text =
    'done' in confirmed
      ? t('case.done', { action: t.action(confirmed.done) })
      : t(confirmed.opened === 'new' ? 'case.opened' : 'case.alreadyOpen', { caseNumber: s.caseNumber });
  return html`<p class="notice" role="status">${text}</p>`;
}

export const documentUrl = (caseNumber: string, hash: string) => `${caseUrl(caseNumber)}/documents/${hash}`;

/** The files uploaded to the case (name, type, size, who, when), each a download for staff. */
function documents(t: Translator, caseNumber: string, files: readonly CaseDocument[], zone: string): Html {
  if (files.length === 0) return html`<p>${t('case.noDocuments')}</p>`;
  return table(
    t('case.documents'),
    [t('col.time', { zone }), t('col.file'), t('col.type'), t('col.size'), t('col.by'), t('col.hash')],
    files.map((f) => [
      timeIn(f.at, zone),
      html`<a href="${documentUrl(caseNumber, f.hash)}" download="${f.name}">${f.name}</a>`,
      f.type,
      String(f.size),
      f.by,
      html`<code>${f.hash}</code>`,
    ]),
    'documents',
  );
}

export function casePageBody(
  view: View,
  config: Config,
  s: CaseStatus,
  entries: TimelineEntry[],
  confirmed: Confirmation,
  files: readonly CaseDocument[] = [],
): Html {
  const { t } = view;
  const zone = zoneOf(s.jurisdiction);
  return html`${confirmation(t, s, confirmed)}
${summary(t, s, zone)}
${section('h-actions', t('case.actions'), actions(t, s))}
${section('h-deadlines', t('case.deadlines'), deadlines(t, s, zone))}
${section('h-clock', t('case.clock'), clock(t, s, zone))}
${section('h-assessment', t('case.assessment'), assessment(t, s))}
${section('h-decision', t('case.decision'), decision(t, s, zone))}
${section('h-documents', t('case.documents'), documents(t, s.caseNumber, files, zone))}
${section('h-notices', t('case.notices'), notices(t, entries, zone))}
${section('h-delivery', t('case.deliveryProblems'), deliveryProblems(t, s, zone))}
${section('h-timeline', t('case.timeline'), timeline(t, entries, zone))}
<p><a href="${temporalUiUrl(config, s.caseNumber)}">${t('case.temporal')}</a></p>`;
}

export function caseRoutes(app: FastifyInstance, { client, config }: ApiContext): void {
  let store: DocumentStore | undefined;

  // A document of the case, for staff: only a hash the case's history records, served as an attachment with its type.
  app.get('/cases/:caseNumber/documents/:hash', async (request, reply) => {
    const view = viewOf(request, reply);
    if (!staffOrReply(request, reply, view)) return reply;
    const caseNumber = caseNumberOf(request.params);
    const hash = String((request.params as { hash?: string }).hash);
    if (!caseNumber)
      return errorPage(reply, view, 404, view.t('error.caseNotFound', { caseNumber: String((request.params as { caseNumber?: string }).caseNumber) }));
    let file: CaseDocument | undefined;
    try {
      file = caseDocuments((await caseHistory(client, caseNumber)).events).find((f) => f.hash === hash);
    } catch (err) {
      if (err instanceof NotFoundError) return errorPage(reply, view, 404, view.t('error.caseNotFound', { caseNumber }));
      throw err;
    }
    if (!file) return errorPage(reply, view, 404, view.t('error.documentNotFound', { caseNumber, hash: hash.slice(0, 64) }));
    store ??= documentStoreFor(config);
    let content: Buffer;
    try {
      content = (await store.read(hash)).content;
    } catch (err) {
      if (err instanceof DocumentNotFound) return errorPage(reply, view, 404, view.t('error.documentNotFound', { caseNumber, hash }));
      throw err;
    }
    const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .code(200)
      .type(file.type)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(content);
  });

  app.get('/cases/:caseNumber', async (request, reply) => {
    const view = viewOf(request, reply);
    if (!staffOrReply(request, reply, view)) return reply;
    const caseNumber = caseNumberOf(request.params);
    if (!caseNumber)
      return errorPage(reply, view, 404, view.t('error.caseNotFound', { caseNumber: String((request.params as { caseNumber?: string }).caseNumber) }));
    try {
      const [status, history] = await Promise.all([caseStatus(client, caseNumber), caseHistory(client, caseNumber)]);
      const confirmed = confirmationOf(request.query);
      return sendPage(
        reply,
        200,
        layout(
          view,
          view.t('case.title', { caseNumber: status.caseNumber }),
          casePageBody(view, config, status, history.entries, confirmed, caseDocuments(history.events)),
        ),
      );
    } catch (err) {
      if (err instanceof NotFoundError) return errorPage(reply, view, 404, view.t('error.caseNotFound', { caseNumber }));
      throw err;
    }
  });
}
