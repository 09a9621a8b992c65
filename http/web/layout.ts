/**
 * What every page shares: the layout (skip link, landmarks, language switch, who is logged in, a
 * logout button), the security headers, the error page, and the door: anonymous visitors go to
 * the login page, principals of other roles get 403.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/accounts';
import { STAFF } from '../auth';
import { type Html, html, type HtmlValue } from './html';
import { LANGUAGES, languageOf, type Translator, translator } from './i18n';

/** Everything a page needs to know about the request it answers. */
export interface View {
  t: Translator;
  principal: Principal | null;
  /** The session's CSRF token, for the hidden `_csrf` field of every form that changes something. */
  csrfToken: string | null;
  /** The path and query asked for (local, as Fastify received it). */
  url: string;
}

export function viewOf(request: FastifyRequest, reply: FastifyReply): View {
  return {
    t: translator(languageOf(request, reply)),
    principal: request.principal,
    csrfToken: request.via?.kind === 'session' ? request.via.csrfToken : null,
    url: request.url,
  };
}

const LANGUAGE_NAMES = { en: 'English', nl: 'Nederlands' } as const;

/** The current page in another language: the same path and query, `lang` replaced. */
function inLanguage(url: string, lang: string): string {
  const target = new URL(url, 'http://page.invalid');
  target.searchParams.set('lang', lang);
  return target.pathname + target.search;
}

export const csrfField = (view: View): Html => html`<input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}">`;

function header(view: View): Html {
  const { t, principal } = view;
  return html`<header class="site">
  <a class="brand" href="/">${t('app.name')}</a>
  ${
    principal &&
    STAFF.includes(principal.role) &&
    html`<nav aria-label="${t('layout.nav')}"><ul>
    <li><a href="/">${t('layout.queue')}</a></li>
    <li><a href="/bulk">${t('layout.bulk')}</a></li>
    <li><a href="/cases/new">${t('layout.newCase')}</a></li>
  </ul></nav>`
  }
  <nav aria-label="${t('layout.language')}" class="languages"><ul>
    ${LANGUAGES.map((lang) => {
      const current = lang === t.lang ? html` aria-current="true"` : '';
      return html`<li><a href="${inLanguage(view.url, lang)}" lang="${lang}" hreflang="${lang}"${current}>${LANGUAGE_NAMES[lang]}</a></li>`;
    })}
  </ul></nav>
  ${
    principal &&
    html`<form class="logout" method="post" action="/logout">
    <span>${t('layout.signedInAs', { id: principal.id, role: t(`role.${principal.role}`) })}</span>
    ${csrfField(view)}
    <button type="submit">${t('layout.logout')}</button>
  </form>`
  }
</header>`;
}

export function layout(view: View, title: string, body: HtmlValue): Html {
  const { t } = view;
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('app.name')}</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">${t('layout.skip')}</a>
${header(view)}
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
<footer class="site"><p>${t('layout.footer')}</p></footer>
</body>
</html>
`;
}

/**
 * Pages carry personal data and take no scripts: not cached, not framed, no inline code. Pages
 * whose URL holds a secret (an applicant's link) send no referrer at all.
 */
export function sendPage(reply: FastifyReply, status: number, page: Html, referrer: 'same-origin' | 'no-referrer' = 'same-origin'): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', referrer)
    .send(page.text);
}

export function errorPage(reply: FastifyReply, view: View, status: number, message: string): FastifyReply {
  const body = html`<p class="problem" role="alert">${message}</p>
<p><a href="/">${view.t('error.home')}</a></p>`;
  return sendPage(reply, status, layout(view, view.t('error.title', { status }), body));
}

/**
 * The path to come back to after logging in: only a path on this site, never another origin (`//host`, `/\host`),
 * and only the characters a URL path and query are made of, so nothing can break out of the Location header.
 */
export const isLocalPath = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 2000 && /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/.test(value) && !value.startsWith('/login');

export const loginUrl = (next: string) => (isLocalPath(next) ? `/login?next=${encodeURIComponent(next)}` : '/login');

/**
 * The staff member asking, or null when the reply has been sent: anonymous visitors are sent to the
 * login page (and back here afterwards), other roles get a 403 page.
 */
export function staffOrReply(request: FastifyRequest, reply: FastifyReply, view: View): Principal | null {
  const principal = request.principal;
  if (!principal) {
    reply.redirect(loginUrl(request.method === 'GET' ? request.url : request.url.split('?')[0]!), 303);
    return null;
  }
  if (!STAFF.includes(principal.role)) {
    request.log.warn({ denied: { status: 403, method: request.method, route: request.routeOptions.url, reason: 'not a staff role' } }, 'request denied');
    errorPage(reply, view, 403, view.t('error.forbiddenRole', { role: view.t(`role.${principal.role}`) }));
    return null;
  }
  return principal;
}

/** A table with a caption and column headers; `rows` are already cells. */
export function table(caption: HtmlValue, headers: string[], rows: HtmlValue[][], className = ''): Html {
  return html`<table${className ? html` class="${className}"` : ''}>
<caption>${caption}</caption>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
</table>`;
}
