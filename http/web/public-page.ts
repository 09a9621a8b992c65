/**
 * The pages people reach without logging in, from a link in a letter (the applicant's case page,
 * the holder's renewal page, a bad link's page): in the letters' three languages, with the
 * caseworker app's stylesheet and a header of their own (no login). Sent as the app's pages are
 * (no cache, no framing, no scripts), and with no referrer: the link's token is in every URL here.
 */
import type { FastifyReply } from 'fastify';
import { type Html, type HtmlValue, html } from './html';
import { sendPage } from './layout';

export const PUBLIC_LANGS = ['en', 'nl', 'no'] as const;
export type PublicLang = (typeof PUBLIC_LANGS)[number];
const LANGUAGE_NAMES: Record<PublicLang, string> = { en: 'English', nl: 'Nederlands', no: 'Norsk' };
/** The locale of each language, for dates and numbers. */
export const PUBLIC_LOCALES: Record<PublicLang, string> = { en: 'en-GB', nl: 'nl-NL', no: 'nb-NO' };

export const isPublicLang = (value: unknown): value is PublicLang => typeof value === 'string' && (PUBLIC_LANGS as readonly string[]).includes(value);

/** The shell's own words, in the page's language. */
export interface ShellWords {
  lang: PublicLang;
  /** The application's name, in the header and the title. */
  app: string;
  /** The skip link to the main content. */
  skip: string;
  /** The label of the language switch. */
  language: string;
}

export function publicPage(words: ShellWords, path: string, title: string, body: HtmlValue): Html {
  return html`<!doctype html>
<html lang="${words.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${words.app}</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">${words.skip}</a>
<header class="site">
  <span class="brand">${words.app}</span>
  <nav aria-label="${words.language}" class="languages"><ul>
    ${PUBLIC_LANGS.map((other) => {
      const current = other === words.lang ? html` aria-current="true"` : '';
      return html`<li><a href="${path}?lang=${other}" lang="${other}" hreflang="${other}"${current}>${LANGUAGE_NAMES[other]}</a></li>`;
    })}
  </ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

export const sendPublicPage = (reply: FastifyReply, status: number, content: Html): FastifyReply => sendPage(reply, status, content, 'no-referrer');

/** A titled section, labelled by its heading. */
export function section(id: string, title: string, content: HtmlValue): Html {
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
${content}
</section>`;
}
